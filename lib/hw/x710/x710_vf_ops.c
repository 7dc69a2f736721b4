/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_hw_ops over the X710 layer: each op maps a validated virtchnl request
 * onto one layer call, naming the VF by its PF-relative id.
 */
#include <errno.h>

#include "x710_aq_cmds.h"
#include "x710_lanq.h"
#include "x710_pf.h"
#include "x710_vf.h"
#include "x710_vf_ops.h"
#include "x710_vf_rss.h"

/* X710_AQ_LINK_SPEED_* -> Mb/s (enum i40e_aq_link_speed). */
static const struct { uint8_t aq; uint32_t mbps; } link_speeds[] = {
	{ X710_AQ_LINK_SPEED_100MB, 100 },
	{ X710_AQ_LINK_SPEED_1GB, 1000 },
	{ X710_AQ_LINK_SPEED_10GB, 10000 },
	{ X710_AQ_LINK_SPEED_20GB, 20000 },
	{ X710_AQ_LINK_SPEED_25GB, 25000 },
	{ X710_AQ_LINK_SPEED_40GB, 40000 },
};

static int op_send_to_vf(void *ctx, uint16_t vf, uint32_t v_opcode, int32_t v_retval,
			 const void *msg, uint16_t len)
{
	struct x710_hw *hw = ctx;

	if (vf >= hw->num_vfs)
		return -ENOENT;
	return x710_aq_send_msg_to_vf(hw, hw->vfs[vf].abs_id, v_opcode, v_retval,
				      len ? msg : NULL, len);
}

static int op_vf_reset(void *ctx, uint16_t vf, bool after_flr)
{
	return x710_vf_reset(ctx, vf, after_flr);
}

static int op_config_txq(void *ctx, uint16_t vf, uint16_t q, const struct vc_txq_params *p)
{
	struct x710_vf_txq_cfg c = { .ring_iova = p->ring_dma, .ring_len = p->ring_len };

	return x710_vf_config_txq(ctx, vf, q, &c);
}

static int op_config_rxq(void *ctx, uint16_t vf, uint16_t q, const struct vc_rxq_params *p)
{
	struct x710_vf_rxq_cfg c = {
		.ring_iova = p->ring_dma,
		.ring_len = p->ring_len > UINT16_MAX ? 0 : (uint16_t)p->ring_len,
		.databuffer_size = p->databuffer_size,
		.max_pkt_size = p->max_pkt_size,
		.crc_strip = true,
	};

	return x710_vf_config_rxq(ctx, vf, q, &c);
}

static int op_config_irq_map(void *ctx, uint16_t vf, uint16_t vector, uint16_t rxq_map,
			     uint16_t txq_map, uint16_t rx_itr, uint16_t tx_itr)
{
	return x710_vf_irq_map(ctx, vf, vector, rxq_map, txq_map, rx_itr, tx_itr);
}

/* Enable Rx before Tx, disable Tx before Rx (spec §3.6, DPDK order). */
static int op_switch_queues(void *ctx, uint16_t vf, uint16_t rxq_map, uint16_t txq_map,
			    bool enable)
{
	for (unsigned int pass = 0; pass < 2; pass++) {
		bool tx = enable ? pass == 1 : pass == 0;
		uint16_t map = tx ? txq_map : rxq_map;

		for (unsigned int q = 0; q < X710_VF_MAX_QUEUES; q++) {
			int err;

			if (!(map & (1u << q)))
				continue;
			err = x710_vf_queue_switch(ctx, vf, q, tx, enable);
			if (err)
				return err;
		}
	}
	return 0;
}

static int op_mac_filter(void *ctx, uint16_t vf, const uint8_t mac[6], bool add)
{
	return add ? x710_vf_add_mac_filter(ctx, vf, mac, -1)
		   : x710_vf_del_mac_filter(ctx, vf, mac, -1);
}

/* A VLAN filter on the VF's default MAC (MAC-VLAN perfect filter). */
static int op_vlan_filter(void *ctx, uint16_t vf, uint16_t vid, bool add)
{
	struct x710_hw *hw = ctx;
	struct x710_vf *v = x710_vf_get(hw, vf);

	if (v == NULL)
		return -ENOENT;
	if (!v->cfg.has_mac)
		return -EADDRNOTAVAIL;
	return add ? x710_vf_add_mac_filter(hw, vf, v->cfg.mac, vid)
		   : x710_vf_del_mac_filter(hw, vf, v->cfg.mac, vid);
}

static int op_set_promisc(void *ctx, uint16_t vf, bool unicast, bool multicast)
{
	return x710_vf_set_promisc(ctx, vf, unicast, multicast);
}

static int op_vlan_strip(void *ctx, uint16_t vf, bool enable)
{
	return x710_vf_set_vlan_strip(ctx, vf, enable);
}

static int op_get_stats(void *ctx, uint16_t vf, struct virtchnl_eth_stats *out)
{
	return x710_vf_get_stats(ctx, vf, out);
}

static int op_set_rss_key(void *ctx, uint16_t vf, const uint8_t *key, uint16_t len)
{
	return x710_vf_set_rss_key(ctx, vf, key, len);
}

static int op_set_rss_lut(void *ctx, uint16_t vf, const uint8_t *lut, uint16_t entries)
{
	return x710_vf_set_rss_lut(ctx, vf, lut, entries);
}

static int op_set_rss_hena(void *ctx, uint16_t vf, uint64_t hena)
{
	return x710_vf_set_rss_hena(ctx, vf, hena);
}

static int op_link(void *ctx, uint16_t vf, struct vc_link *out)
{
	struct x710_hw *hw = ctx;
	struct x710_link_status ls;
	int err;

	if (vf >= hw->num_vfs)
		return -ENOENT;
	/* The link the PF keeps from link events; asked only before it has one. */
	if (hw->link_known) {
		ls = hw->link;
	} else if ((err = x710_pf_link_status(hw, &ls)) != 0) {
		return err;
	}
	out->up = ls.up;
	out->speed_mbps = 0;
	for (size_t i = 0; i < sizeof(link_speeds) / sizeof(link_speeds[0]); i++)
		if (link_speeds[i].aq == ls.speed)
			out->speed_mbps = link_speeds[i].mbps;
	return 0;
}

static int op_vsi_id(void *ctx, uint16_t vf, uint16_t *out)
{
	struct x710_vf *v = x710_vf_get(ctx, vf);

	if (v == NULL || v->vsi_seid == X710_VSI_NONE)
		return -ENOENT;
	*out = v->vsi_num;
	return 0;
}

const struct vc_hw_ops x710_vc_hw_ops = {
	.send_to_vf = op_send_to_vf,
	.vf_reset = op_vf_reset,
	.config_txq = op_config_txq,
	.config_rxq = op_config_rxq,
	.config_irq_map = op_config_irq_map,
	.switch_queues = op_switch_queues,
	.mac_filter = op_mac_filter,
	.vlan_filter = op_vlan_filter,
	.set_promisc = op_set_promisc,
	.vlan_strip = op_vlan_strip,
	.get_stats = op_get_stats,
	.set_rss_key = op_set_rss_key,
	.set_rss_lut = op_set_rss_lut,
	.set_rss_hena = op_set_rss_hena,
	.link = op_link,
	.vsi_id = op_vsi_id,
};
