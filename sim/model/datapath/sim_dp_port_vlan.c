/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Port VLAN of a VSI (x710-hardware.md §3.4: pvid @8, port_vlan_flags @12).
 * Tx: with INSERT_PVID the switch tags the VSI's untagged frames with pvid.
 * Rx: a frame tagged with the VSI's pvid loses that tag per EMOD: STR_BOTH
 * and STR_UP report it in the descriptor (l2tag1, L2TAG1P), STR hides it,
 * NOTHING leaves it in the frame. (Linux's port VLAN is MODE_TAGGED |
 * INSERT_PVID | EMOD_STR.) Modelled only for VSIs with a pvid: the EMOD
 * VLAN-strip offload of VSIs without one, and the MODE accept rules, are not.
 */
#include "sim_dp_internal.h"

#define PVLAN_INSERT_PVID   0x04
#define PVLAN_EMOD_MASK     0x18
#define PVLAN_EMOD_STR_BOTH 0x00
#define PVLAN_EMOD_STR_UP   0x08
#define PVLAN_EMOD_STR      0x10
#define PVLAN_EMOD_NOTHING  0x18
#define VLAN_VID_MASK       0x0FFF
#define VLAN_TPID_8021Q     0x8100   /* IEEE 802.1Q */
#define VLAN_TAG_LEN        4
#define ETH_ADDRS_LEN       12       /* destination + source MAC */

static uint16_t pvid_vid(const struct sim_vsi *v)
{
	return v->pvid & VLAN_VID_MASK;
}

struct sim_frame *sim_dp_pvid_insert(struct sim_datapath *dp, const struct sim_vsi *src,
				     struct sim_frame *f, struct sim_frame *tagged)
{
	uint8_t *out = dp->vlan_frame;

	if (!(src->port_vlan_flags & PVLAN_INSERT_PVID) || pvid_vid(src) == 0 || f->tagged)
		return f;
	memcpy(out, f->data, ETH_ADDRS_LEN);
	out[12] = VLAN_TPID_8021Q >> 8;
	out[13] = VLAN_TPID_8021Q & 0xFF;
	out[14] = (uint8_t)(src->pvid >> 8);
	out[15] = (uint8_t)src->pvid;
	memcpy(out + ETH_ADDRS_LEN + VLAN_TAG_LEN, f->data + ETH_ADDRS_LEN, f->len - ETH_ADDRS_LEN);
	(void)sim_dp_frame_init(tagged, out, f->len + VLAN_TAG_LEN);
	return tagged;
}

struct sim_frame *sim_dp_pvid_strip(struct sim_datapath *dp, const struct sim_vsi *dst,
				    struct sim_frame *f, struct sim_frame *stripped,
				    struct sim_rx_meta *meta)
{
	unsigned int emod = dst->port_vlan_flags & PVLAN_EMOD_MASK;
	uint8_t *out = dp->strip_frame;

	if (pvid_vid(dst) == 0 || emod == PVLAN_EMOD_NOTHING || !f->tagged ||
	    f->vlan != pvid_vid(dst) || f->len < SIM_DP_ETH_HLEN + VLAN_TAG_LEN)
		return f;
	if (emod == PVLAN_EMOD_STR_BOTH || emod == PVLAN_EMOD_STR_UP) {
		meta->l2tag1 = (uint16_t)(f->data[14] << 8 | f->data[15]);
		meta->l2tag1p = true;
	}
	memcpy(out, f->data, ETH_ADDRS_LEN);
	memcpy(out + ETH_ADDRS_LEN, f->data + ETH_ADDRS_LEN + VLAN_TAG_LEN,
	       f->len - ETH_ADDRS_LEN - VLAN_TAG_LEN);
	(void)sim_dp_frame_init(stripped, out, f->len - VLAN_TAG_LEN);
	stripped->dst = f->dst;
	return stripped;
}
