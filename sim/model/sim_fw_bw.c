/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 0x0400 config_vsi_bw_limit (direct): the Tx scheduler's rate limit of one
 * VSI of the issuing PF. Parameters, i40e_adminq_cmd.h
 * i40e_aqc_configure_vsi_bw_limit: vsi_seid __le16 @0, credit __le16 @4
 * (units of 50 Mbps, 0 = no limit), max_credit u8 @8 (burst of 2^max_credit
 * credits). The data path enforces it (datapath/sim_dp_shaper.c).
 */
#include "sim_model.h"

#define BW_PARAM_SEID        0
#define BW_PARAM_CREDIT      4
#define BW_PARAM_MAX_CREDIT  8
/* The header documents max_credit 0-3; Linux's i40e sends 4
 * (I40E_MAX_BW_INACTIVE_ACCUM) and firmware takes it. Past that the model
 * has no fact and refuses. */
#define BW_MAX_CREDIT_LIMIT  4

static uint16_t le16_at(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

uint16_t sim_fw_config_vsi_bw_limit(struct sim_fw_ctx *c)
{
	const uint8_t *p = c->d->params.raw;
	uint16_t seid = le16_at(p + BW_PARAM_SEID);
	uint16_t credit = le16_at(p + BW_PARAM_CREDIT);
	uint8_t max_credit = p[BW_PARAM_MAX_CREDIT];
	struct sim_vsi *v = sim_vsi_by_seid(c->sim, seid);

	if (v == NULL || v->pf != c->pf->idx) {
		sim_log(c->sim, "config_vsi_bw_limit: SEID %u is not a VSI of PF %u", seid,
			c->pf->idx);
		return X710_AQ_RC_EINVAL;
	}
	if (max_credit > BW_MAX_CREDIT_LIMIT) {
		sim_log(c->sim, "config_vsi_bw_limit: VSI %u max_credit %u is past %u",
			v->vsi_num, max_credit, BW_MAX_CREDIT_LIMIT);
		return X710_AQ_RC_EINVAL;
	}
	v->bw_credit = credit;
	v->bw_max_credit = max_credit;
	return X710_AQ_RC_OK;
}
