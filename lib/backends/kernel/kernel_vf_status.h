/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-VF status for sriovd (sriov_backend_ops.vf_status) on a kernel PF:
 * counters from IFLA_VF_STATS, link from IFLA_VF_LINK_STATE, the bound
 * driver from sysfs. sriovd asks VF by VF (metrics, GET /v1/pfs) and the
 * ops have no "pass begins" hook, so one RTM_GETLINK dump serves a pass:
 * VF numbers asked in rising order within KERNEL_STATUS_PASS_MS of the dump.
 * Asking the same or a lower VF again, or later, dumps anew.
 */
#ifndef KERNEL_VF_STATUS_H
#define KERNEL_VF_STATUS_H

#include <stdbool.h>
#include <stdint.h>

#include <sriov/backend.h>

#include "kernel_pf.h"
#include "kernel_vf_attr.h"

/* Longest a dump serves one pass: the kernel's per-VF cost (~1-2 ms per VF,
 * linux-ecosystem.md §1.2) makes a pass over many VFs take that long. */
#define KERNEL_STATUS_PASS_MS 1000

struct kernel_status_cache {
	struct kernel_vf_status *vf;    /* the last dump, by VF number */
	unsigned int cap, n;            /* allocated; VFs in the dump */
	int last_vf;                    /* highest VF asked from this dump, -1: none */
	uint64_t taken_ms;
	bool pf_link_up;                /* for IFLA_VF_LINK_STATE_AUTO */
	bool valid;
};

/* Where a status comes from. */
struct kernel_status_src {
	const struct kernel_sysfs *fs;
	struct kernel_pf *pf;                   /* refreshed at each dump */
	const struct kernel_nl_ops *nl;
	void *nl_ctx;
	uint64_t (*now_ms)(void *arg);          /* NULL: CLOCK_MONOTONIC */
	void *now_arg;
};

/* Fills @st for VF @vf: 0, -ENOENT (no such VF), -EOPNOTSUPP (no status
 * op), or the dump's errno. Only what the kernel reported is marked present. */
int kernel_vf_status_get(struct kernel_status_cache *c, const struct kernel_status_src *src,
			 uint16_t vf, struct sriov_vf_status *st);
/* Forgets the dump (after a change, so the next status is fresh). */
void kernel_status_cache_drop(struct kernel_status_cache *c);
void kernel_status_cache_free(struct kernel_status_cache *c);

#endif
