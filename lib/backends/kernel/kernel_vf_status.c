/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_driver_table.h"
#include "kernel_vf_status.h"

/* IFLA_VF_STATS counter -> sriovd's (BROADCAST/MULTICAST count received packets). */
static const enum sriov_vf_stat stat_map[KERNEL_VF_STAT_COUNT] = {
	[KERNEL_VF_STAT_RX_PACKETS] = SRIOV_STAT_RX_PACKETS,
	[KERNEL_VF_STAT_TX_PACKETS] = SRIOV_STAT_TX_PACKETS,
	[KERNEL_VF_STAT_RX_BYTES] = SRIOV_STAT_RX_BYTES,
	[KERNEL_VF_STAT_TX_BYTES] = SRIOV_STAT_TX_BYTES,
	[KERNEL_VF_STAT_BROADCAST] = SRIOV_STAT_RX_BROADCAST,
	[KERNEL_VF_STAT_MULTICAST] = SRIOV_STAT_RX_MULTICAST,
	[KERNEL_VF_STAT_RX_DROPPED] = SRIOV_STAT_RX_DROPPED,
	[KERNEL_VF_STAT_TX_DROPPED] = SRIOV_STAT_TX_DROPPED,
};

void kernel_status_cache_drop(struct kernel_status_cache *c)
{
	c->valid = false;
}

void kernel_status_pass(struct kernel_status_cache *c, bool begin)
{
	if (begin) {
		/* A new outermost pass reads the kernel afresh. */
		if (c->pass_depth++ == 0)
			c->valid = false;
	} else if (c->pass_depth && --c->pass_depth == 0) {
		c->valid = false;
	}
}

void kernel_status_cache_free(struct kernel_status_cache *c)
{
	free(c->vf);
	memset(c, 0, sizeof(*c));
}

/* One RTM_GETLINK dump of the PF, for every VF sysfs says it has. */
static int dump(struct kernel_status_cache *c, const struct kernel_status_src *src)
{
	struct sriov_error err = { 0 };
	unsigned int want, got = 0;
	int rc;

	c->valid = false;
	if ((rc = kernel_pf_refresh(src->fs, src->pf, &err)))
		return rc;
	want = src->pf->num_vfs;
	if (want > c->cap) {
		struct kernel_vf_status *v = realloc(c->vf, (size_t)want * sizeof(*v));

		if (!v)
			return -ENOMEM;
		c->vf = v;
		c->cap = want;
	}
	/* No VFs: nothing to ask the kernel (VF info costs it time per VF). */
	if (want && (rc = src->nl->get_vf_status(src->nl_ctx, src->pf->ifindex, c->vf, want, &got,
						 &err)))
		return rc;
	c->n = got < want ? got : want;
	c->pf_link_up = kernel_pf_link_up(src->fs, src->pf);
	c->valid = true;
	return 0;
}

static bool vf_link_up(const struct kernel_status_cache *c, uint32_t link_state)
{
	if (link_state == KERNEL_LINK_AUTO)
		return c->pf_link_up;    /* the VF follows the uplink */
	return link_state == KERNEL_LINK_ENABLE;
}

int kernel_vf_status_get(struct kernel_status_cache *c, const struct kernel_status_src *src,
			 uint16_t vf, struct sriov_vf_status *st)
{
	const struct kernel_vf_status *k;
	struct kernel_vf_sys sys;
	int rc;

	memset(st, 0, sizeof(*st));
	if (!src->nl->get_vf_status)
		return -EOPNOTSUPP;
	/* Outside a pass nothing says the caller will ask again soon: dump. */
	if (!c->pass_depth || !c->valid) {
		if ((rc = dump(c, src)))
			return rc;
	}
	if (vf >= c->n)
		return -ENOENT;
	k = &c->vf[vf];
	/* Without ndo_get_vf_stats the kernel sends zeros: not counters. */
	if (kernel_driver_has_vf_stats(src->pf->driver))
		for (int i = 0; i < KERNEL_VF_STAT_COUNT; i++)
			if (k->present & (UINT32_C(1) << i)) {
				st->stat[stat_map[i]] = k->stat[i];
				st->present |= UINT32_C(1) << stat_map[i];
			}
	if (k->present & KERNEL_VF_HAS_LINK_STATE) {
		st->link_up = vf_link_up(c, k->link_state);
		st->present |= SRIOV_STATUS_LINK;
	}
	/* A name too long for the status stays unknown rather than cut. */
	if (kernel_pf_vf(src->pf, vf, &sys, NULL) == 0 && strlen(sys.driver) < sizeof(st->driver))
		memcpy(st->driver, sys.driver, strlen(sys.driver) + 1);
	return 0;
}
