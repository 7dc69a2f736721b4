/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-VF status for sriovd (sriov_backend_ops.vf_status) on a kernel PF:
 * counters from IFLA_VF_STATS, link from IFLA_VF_LINK_STATE, the bound
 * driver from sysfs. The kernel answers for every VF at once and costs
 * ~1-2 ms per VF (linux-ecosystem.md §1.2), so inside a status pass
 * (ops->status_pass) one RTM_GETLINK dump serves every call; outside a pass
 * each call dumps anew.
 */
#ifndef KERNEL_VF_STATUS_H
#define KERNEL_VF_STATUS_H

#include <stdbool.h>
#include <stdint.h>

#include <sriov/backend.h>

#include "kernel_pf.h"
#include "kernel_vf_attr.h"

struct kernel_status_cache {
	struct kernel_vf_status *vf;    /* the pass's dump, by VF number */
	unsigned int cap, n;            /* allocated; VFs in the dump */
	unsigned int pass_depth;        /* open status passes (they nest) */
	bool pf_link_up;                /* for IFLA_VF_LINK_STATE_AUTO */
	bool valid;                     /* the dump belongs to the open pass */
};

/* Where a status comes from. */
struct kernel_status_src {
	const struct kernel_sysfs *fs;
	struct kernel_pf *pf;                   /* refreshed at each dump */
	const struct kernel_nl_ops *nl;
	void *nl_ctx;
};

/* Fills @st for VF @vf: 0, -ENOENT (no such VF), -EOPNOTSUPP (no status
 * op), or the dump's errno. Only what the kernel reported is marked present. */
int kernel_vf_status_get(struct kernel_status_cache *c, const struct kernel_status_src *src,
			 uint16_t vf, struct sriov_vf_status *st);
/* Opens (@begin) or closes a status pass: the first call inside it dumps,
 * the others use that dump; closing the outermost pass forgets it. */
void kernel_status_pass(struct kernel_status_cache *c, bool begin);
/* Forgets the dump (after a change, so the next status is fresh). */
void kernel_status_cache_drop(struct kernel_status_cache *c);
void kernel_status_cache_free(struct kernel_status_cache *c);

#endif
