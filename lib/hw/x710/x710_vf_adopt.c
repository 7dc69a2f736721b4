/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Taking over VFs a previous PF owner built, without touching them: each
 * VF's queues come from its VPLAN_QTABLE, its VSI is the VF VSI of the
 * switch configuration whose first mapped queue is the VF's first queue
 * (get_vsi_params), and the security flags, port VLAN and firmware fields
 * come from that VSI. Only software state is written.
 */
#include <errno.h>
#include <string.h>

#include "x710_aq_cmds.h"
#include "x710_vf.h"

#define ADOPT_SWITCH_ELEMS 64

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* VF queues from VPLAN_QTABLE up to the first end-of-list slot. */
static int read_queues(struct x710_hw *hw, struct x710_vf *v)
{
	unsigned int n = 0;

	if (!(x710_rd32(&hw->os, X710_VPLAN_MAPENA(v->vf_id)) & X710_VPLAN_MAPENA_TXRX_ENA_MASK))
		return -ENOENT;
	for (unsigned int i = 0; i < X710_VF_MAX_QUEUES; i++) {
		uint32_t q = x710_rd32(&hw->os, X710_VPLAN_QTABLE(i, v->vf_id)) &
			     X710_VPLAN_QTABLE_QINDEX_MASK;

		if (q == X710_QUEUE_END_OF_LIST)
			break;
		v->pfq[n++] = (uint16_t)q;
	}
	if (n == 0)
		return -ENOENT;
	v->cfg.num_queues = (uint16_t)n;
	return x710_qalloc_claim(&hw->qalloc, n, v->pfq);
}

/* The PF's VSIs other than its own, as get_switch_config lists them. */
static int list_vsis(struct x710_hw *hw, uint16_t *seids, unsigned int cap, unsigned int *n)
{
	struct x710_aqc_switch_config_elem e[ADOPT_SWITCH_ELEMS];
	uint16_t next = 0;
	unsigned int got;
	int err;

	*n = 0;
	do {
		err = x710_aq_get_switch_config(hw, e, ADOPT_SWITCH_ELEMS, &got, &next);
		if (err)
			return err;
		for (unsigned int i = 0; i < got; i++)
			if (e[i].element_type == X710_AQ_SW_ELEM_TYPE_VSI &&
			    e[i].seid != hw->main_vsi_seid && *n < cap)
				seids[(*n)++] = e[i].seid;
	} while (next != 0 && got > 0);
	return 0;
}

/* VSI fields into v; the VSI's first queue must be the VF's. */
static bool vsi_is_vf(const struct x710_vsi_ctx *ctx, const struct x710_vf *v)
{
	const uint8_t *info = ctx->info;

	return (get16(info + X710_VSI_PROP_QUEUE_MAPPING) & X710_AQ_VSI_QUEUE_MASK) == v->pfq[0];
}

static void take_vsi(struct x710_vf *v, const struct x710_vsi_ctx *ctx)
{
	const uint8_t *info = ctx->info;
	uint8_t pvlan = info[X710_VSI_PROP_PORT_VLAN_FLAGS];

	v->vsi_seid = ctx->seid;
	v->vsi_num = ctx->vsi_number;
	v->qs_handle = get16(info + X710_VSI_PROP_QS_HANDLE);
	v->stat_idx = get16(info + X710_VSI_PROP_STAT_COUNTER_IDX);
	v->sec_flags = info[X710_VSI_PROP_SEC_FLAGS];
	v->cfg.mac_anti_spoof = (v->sec_flags & X710_AQ_VSI_SEC_FLAG_ENABLE_MAC_CHK) != 0;
	v->cfg.port_vlan = (pvlan & X710_AQ_VSI_PVLAN_INSERT_PVID) != 0;
	v->cfg.pvid = v->cfg.port_vlan ? get16(info + X710_VSI_PROP_PVID) : 0;
	v->vlan_strip = !v->cfg.port_vlan &&
			(pvlan & X710_AQ_VSI_PVLAN_EMOD_MASK) == X710_AQ_VSI_PVLAN_EMOD_STR_BOTH;
	/* Broadcast is what every VSI gets at setup; the VF re-asks for more. */
	v->promisc_flags = X710_AQC_SET_VSI_PROMISC_BROADCAST;
}

static int find_vsi(struct x710_hw *hw, struct x710_vf *v, const uint16_t *seids, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct x710_vsi_ctx ctx;
		int err;

		memset(&ctx, 0, sizeof(ctx));
		ctx.seid = seids[i];
		if ((err = x710_aq_get_vsi_params(hw, &ctx)))
			return err;
		if (vsi_is_vf(&ctx, v)) {
			take_vsi(v, &ctx);
			return 0;
		}
	}
	x710_log(&hw->os, X710_LOG_ERR, "VF %u: no VSI maps its queue %u", v->vf_id, v->pfq[0]);
	return -ENOENT;
}

int x710_vf_adopt_all(struct x710_hw *hw, unsigned int n, const struct x710_vf_config *cfg)
{
	uint16_t seids[X710_MAX_VFS_PER_PF + 1];
	unsigned int n_vsi;
	int err;

	if (n > hw->caps.num_vfs || hw->num_vfs != 0)
		return -EINVAL;
	if (n == 0)
		return 0;
	if (hw->veb_seid == X710_VSI_NONE) {
		x710_log(&hw->os, X710_LOG_ERR, "adopt: %u VFs but no VEB in the switch", n);
		return -ENOENT;
	}
	if ((err = list_vsis(hw, seids, X710_MAX_VFS_PER_PF + 1, &n_vsi)))
		return err;
	for (unsigned int vf = 0; vf < n; vf++) {
		struct x710_vf *v = &hw->vfs[vf];

		memset(v, 0, sizeof(*v));
		v->vf_id = (uint16_t)vf;
		v->abs_id = (uint16_t)(hw->caps.vf_base_id + vf);
		v->vsi_seid = X710_VSI_NONE;
		v->cfg = cfg[vf];
		err = read_queues(hw, v);
		if (err == 0)
			err = find_vsi(hw, v, seids, n_vsi);
		if (err == 0 && v->cfg.num_queues != cfg[vf].num_queues) {
			x710_log(&hw->os, X710_LOG_ERR, "VF %u: %u queues mapped, %u configured", vf,
				 v->cfg.num_queues, cfg[vf].num_queues);
			err = -ESTALE;
		}
		if (err) {
			x710_log(&hw->os, X710_LOG_ERR, "adopt: VF %u cannot be taken over (%d)", vf, err);
			x710_vf_forget_all(hw);
			return err;
		}
		v->in_use = true;
		hw->num_vfs = vf + 1;
	}
	return 0;
}

void x710_vf_forget_all(struct x710_hw *hw)
{
	for (unsigned int vf = 0; vf < X710_MAX_VFS_PER_PF; vf++)
		hw->vfs[vf].in_use = false;
	hw->num_vfs = 0;
	(void)x710_qalloc_init(&hw->qalloc, hw->qalloc.count);
}
