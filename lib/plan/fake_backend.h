/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fake PF backend for the planner and apply tests: a device that is an
 * array of typed values, with a failure injected at the k-th change.
 */
#ifndef SRIOV_FAKE_BACKEND_H
#define SRIOV_FAKE_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include <sriov/backend.h>
#include <sriov/plan.h>

#define FAKE_MAX_VFS 8

struct fake_dev {
	uint16_t num_vfs;
	struct sriov_live_row pf;
	struct sriov_live_row vf[FAKE_MAX_VFS];
	unsigned int calls;      /* apply_change calls so far */
	unsigned int fail_at;    /* fail the call with this number (1-based); 0: never */
	bool fail_commit;
	unsigned int commits;
	unsigned int recreations;   /* disruptive num_vfs changes done */
};

/* Backend "fake": PF key pf-mode (enum), VF keys of every type. */
extern const struct sriov_backend fake_backend;

struct sriov_schema fake_schema(void);
/* Compares two devices' values by type; strings by content. */
bool fake_dev_equal(const struct fake_dev *a, const struct fake_dev *b);
/* What read_live reports for @dev. */
struct sriov_live *fake_read(struct fake_dev *dev);

#endif
