/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /var/lib/sriovd/state.json: what sriovd applied, so that a restarted
 * daemon adopts the running PFs instead of resetting them. Format (doc/api.md):
 * {"format":"sriovd-state","version":1,"generation":N,
 *  "pfs":[{"device","backend","file","vf_token","num_vfs","vfs":[{key:value}]}],
 *  "leases":[{"id","pool","pf","vf","uid"}]}
 * Values use the API's JSON types (scalar_json.h). Written atomically.
 */
#ifndef SRIOVD_STATE_FILE_H
#define SRIOVD_STATE_FILE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "daemon.h"

#define SRIOVD_STATE_FORMAT "sriovd-state"
#define SRIOVD_STATE_VERSION 1
#define SRIOVD_STATE_FILE "state.json"

struct sriovd_state_pf {
	char device[SRIOVD_NAME_MAX];
	char backend[SRIOVD_NAME_MAX];
	char vf_token[SRIOVD_UUID_LEN + 1];
	uint16_t num_vfs;
	json_t *vfs;                 /* array of objects, as written */
};

struct sriovd_state {
	uint64_t generation;
	struct sriovd_state_pf *pf;
	size_t n_pf;
	struct sriovd_lease *lease;
	size_t n_lease;
};

/* The state of d's PFs (live values read now) as JSON; NULL on error. */
json_t *sriovd_state_json(const struct sriovd *d, uint64_t generation);
/* Writes it to @dir/state.json atomically. */
int sriovd_state_save(const struct sriovd *d, uint64_t generation);
/* Reads @path strictly; -ENOENT when absent, -EINVAL with @why. */
int sriovd_state_load(const char *path, struct sriovd_state *st, char *why, size_t why_len);
void sriovd_state_free(struct sriovd_state *st);
/* The VF values @p records, as a live state of @be's schema (what the
 * backend applied last; adoption needs them). -EINVAL with @why. */
int sriovd_state_pf_live(const struct sriovd_state_pf *p, const struct sriov_backend *be,
			 struct sriov_live **out, char *why, size_t why_len);
const struct sriovd_state_pf *sriovd_state_find(const struct sriovd_state *st, const char *device);

#endif /* SRIOVD_STATE_FILE_H */
