/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 0x0252 add VLAN / 0x0253 remove VLAN (x710-hardware.md §3.2, "VF VLAN
 * filters"): a list of 8-byte elements for one VSI, the command parameters
 * of add/remove MAC-VLAN (i40e_aqc_macvlan). Element and completion layout:
 * i40e_adminq_cmd.h i40e_aqc_add_remove_vlan_element_data / _completion.
 *
 * What membership means for forwarding is the model's reading, the spec
 * says no more: a VSI with VLANs in its table takes a tagged frame only for
 * those VLANs (sim_dp_switch.c), and VLAN anti-spoof accepts them.
 */
#include <string.h>

#include "sim_model.h"

#define VLAN_ELEM_TAG          0     /* __le16 vlan_tag */
#define VLAN_ELEM_RESULT       4     /* u8 result */
#define VLAN_ADD_SUCCESS       0x00
#define VLAN_ADD_FAIL_REQUEST  0xFE  /* I40E_AQC_ADD_VLAN_FAIL_REQUEST */
#define VLAN_REMOVE_SUCCESS    0x00
#define VLAN_REMOVE_FAIL       0xFF  /* I40E_AQC_REMOVE_VLAN_FAIL */
#define VLAN_COMPL_USED        4     /* __le16 vlans_used */
#define VLAN_COMPL_FREE        6     /* __le16 vlans_free */

static uint16_t elem_tag(const uint8_t *e) { return (uint16_t)(e[0] | e[1] << 8); }

static bool member(const struct sim_vsi *v, uint16_t vid)
{
	return (v->vlan_member[vid / 64] >> (vid % 64)) & 1;
}

static uint16_t add_elem(struct sim_vsi *v, uint8_t *e)
{
	uint16_t vid = elem_tag(e + VLAN_ELEM_TAG);

	/* The element carries a bare VLAN id: anything past 12 bits is a bad request. */
	if (vid >= SIM_VLAN_IDS) {
		e[VLAN_ELEM_RESULT] = VLAN_ADD_FAIL_REQUEST;
		return X710_AQ_RC_EINVAL;
	}
	if (!member(v, vid)) {
		v->vlan_member[vid / 64] |= UINT64_C(1) << (vid % 64);
		v->n_vlans++;
	}
	e[VLAN_ELEM_RESULT] = VLAN_ADD_SUCCESS;
	return X710_AQ_RC_OK;
}

static uint16_t remove_elem(struct sim_vsi *v, uint8_t *e)
{
	uint16_t vid = elem_tag(e + VLAN_ELEM_TAG);

	if (vid >= SIM_VLAN_IDS || !member(v, vid)) {
		e[VLAN_ELEM_RESULT] = VLAN_REMOVE_FAIL;
		return X710_AQ_RC_ENOENT;
	}
	v->vlan_member[vid / 64] &= ~(UINT64_C(1) << (vid % 64));
	v->n_vlans--;
	e[VLAN_ELEM_RESULT] = VLAN_REMOVE_SUCCESS;
	return X710_AQ_RC_OK;
}

/* vlans_used / vlans_free; addr_high/low stay as the driver wrote them. */
static void vlan_completion(struct sim_fw_ctx *c, const struct sim_vsi *v)
{
	uint8_t *p = c->d->params.raw;
	uint16_t used = (uint16_t)v->n_vlans, left = (uint16_t)(SIM_VLAN_IDS - v->n_vlans);

	memset(p, 0, VLAN_COMPL_USED);
	p[VLAN_COMPL_USED] = (uint8_t)used;
	p[VLAN_COMPL_USED + 1] = (uint8_t)(used >> 8);
	p[VLAN_COMPL_FREE] = (uint8_t)left;
	p[VLAN_COMPL_FREE + 1] = (uint8_t)(left >> 8);
}

uint16_t sim_fw_add_vlan(struct sim_fw_ctx *c)
{
	return sim_fw_elements_each(c, SIM_FW_VLAN_ELEM_SIZE, add_elem, vlan_completion);
}

uint16_t sim_fw_remove_vlan(struct sim_fw_ctx *c)
{
	return sim_fw_elements_each(c, SIM_FW_VLAN_ELEM_SIZE, remove_elem, vlan_completion);
}
