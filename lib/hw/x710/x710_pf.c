/* SPDX-License-Identifier: BSD-2-Clause */
/* PF bring-up and teardown (spec §3.1-§3.2, §3.6 HMC). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "x710_aq_cmds.h"
#include "x710_pf.h"
#include "x710_vf.h"

#define X710_SWITCH_ELEMS_MAX 64

const char *x710_hw_last_error(const struct x710_hw *hw, char *buf, size_t len)
{
	return x710_aq_error_str(&hw->aq_err, buf, len);
}

/* The PF's own VSI, the port MAC and the PF element (get_switch_config). */
static int discover_switch(struct x710_hw *hw)
{
	struct x710_aqc_switch_config_elem e[X710_SWITCH_ELEMS_MAX];
	uint16_t next = 0;
	unsigned int n;
	int err;

	hw->main_vsi_seid = hw->mac_seid = hw->pf_seid = X710_VSI_NONE;
	do {
		err = x710_aq_get_switch_config(hw, e, X710_SWITCH_ELEMS_MAX, &n, &next);
		if (err)
			return err;
		for (unsigned int i = 0; i < n; i++) {
			switch (e[i].element_type) {
			case X710_AQ_SW_ELEM_TYPE_VSI:
				/* The PF VSI is the one whose downlink is the PF. */
				if (hw->main_vsi_seid == X710_VSI_NONE && e[i].downlink_seid != 0)
					hw->main_vsi_seid = e[i].seid;
				break;
			case X710_AQ_SW_ELEM_TYPE_MAC:
				hw->mac_seid = e[i].seid;
				break;
			case X710_AQ_SW_ELEM_TYPE_PF:
				hw->pf_seid = e[i].seid;
				break;
			case X710_AQ_SW_ELEM_TYPE_VEB:
				if (hw->veb_seid == X710_VSI_NONE)
					hw->veb_seid = e[i].seid;
				break;
			default:
				break;
			}
		}
	} while (next != 0 && n > 0);
	if (hw->main_vsi_seid == X710_VSI_NONE || hw->mac_seid == X710_VSI_NONE) {
		x710_log(&hw->os, X710_LOG_ERR,
			 "switch config: no PF VSI or no MAC element among the elements reported");
		return -ENODEV;
	}
	return 0;
}

static int pf_vsi_number(struct x710_hw *hw)
{
	struct x710_vsi_ctx ctx;
	int err;

	memset(&ctx, 0, sizeof(ctx));
	ctx.seid = hw->main_vsi_seid;
	err = x710_aq_get_vsi_params(hw, &ctx);
	if (err == 0)
		hw->main_vsi_num = ctx.vsi_number;
	return err;
}

static int check_caps(struct x710_hw *hw)
{
	const struct x710_caps *c = &hw->caps;
	unsigned int qps = c->num_tx_qp < c->num_rx_qp ? c->num_tx_qp : c->num_rx_qp;

	if (qps == 0 || qps > X710_DEVICE_QUEUES || c->base_queue + qps > X710_DEVICE_QUEUES) {
		x710_log(&hw->os, X710_LOG_ERR, "capabilities: %u queue pairs at %u do not fit %u",
			 qps, c->base_queue, X710_DEVICE_QUEUES);
		return -EIO;
	}
	if (c->num_vfs > X710_MAX_VFS_PER_PF || c->vf_base_id + c->num_vfs > X710_MAX_VFS_PER_PF) {
		x710_log(&hw->os, X710_LOG_ERR, "capabilities: %u VFs at %u exceed %u",
			 c->num_vfs, c->vf_base_id, X710_MAX_VFS_PER_PF);
		return -EIO;
	}
	return x710_qalloc_init(&hw->qalloc, qps);
}

int x710_pf_init(struct x710_hw *hw, const struct x710_pf_params *p)
{
	struct x710_osdep os = hw->os;
	struct x710_mac_addrs macs;
	int err;

	if (os.ops == NULL || os.ops->rd32 == NULL || os.ops->wr32 == NULL ||
	    os.ops->dma_alloc == NULL || os.ops->dma_free == NULL ||
	    os.ops->delay_us == NULL || os.ops->now_us == NULL)
		return -EINVAL;
	memset(hw, 0, sizeof(*hw));
	hw->os = os;
	hw->pf_id = p->pf_id;
	hw->veb_seid = X710_VSI_NONE;
	struct x710_aq_params aqp = p->aq;

	aqp.pf_reset = p->pf_reset && !p->adopt;
	err = p->adopt ? x710_aq_adopt(hw, &aqp) : x710_aq_init(hw, &aqp);
	if (err)
		return err;
	err = x710_aq_get_version(hw, &hw->fw);
	if (err == 0 && hw->fw.api_major != X710_PF_API_MAJOR) {
		x710_log(&hw->os, X710_LOG_ERR, "firmware API %u.%u, this driver speaks %u.x",
			 hw->fw.api_major, hw->fw.api_minor, X710_PF_API_MAJOR);
		err = -EPROTO;
	}
	if (err == 0)
		err = x710_aq_clear_pxe_mode(hw);
	if (err == 0)
		err = x710_aq_list_func_capabilities(hw, &hw->caps);
	if (err == 0)
		err = check_caps(hw);
	if (err == 0)
		err = x710_aq_mac_address_read(hw, &macs);
	if (err == 0 && !macs.lan_valid) {
		x710_log(&hw->os, X710_LOG_ERR, "mac_address_read: no valid LAN address");
		err = -ENXIO;
	}
	if (err == 0) {
		memcpy(hw->mac, macs.lan, X710_ETH_ALEN);
		err = discover_switch(hw);
	}
	if (err == 0)
		err = pf_vsi_number(hw);
	if (err == 0)
		err = p->adopt ? x710_hmc_adopt(hw)
			       : x710_hmc_init(hw, hw->qalloc.count, hw->qalloc.count);
	if (err) {
		x710_aq_shutdown(hw);
		return err;
	}
	return 0;
}

int x710_pf_ensure_veb(struct x710_hw *hw)
{
	if (hw->veb_seid != X710_VSI_NONE)
		return 0;
	/* Uplink = the port, downlink = the PF VSI (ixl_if_iov_init; DPDK
	 * before the first VF VSI). Statistics on, data port. */
	return x710_aq_add_veb(hw, hw->mac_seid, hw->main_vsi_seid, 1,
			       X710_AQC_ADD_VEB_PORT_TYPE_DATA, &hw->veb_seid);
}

bool x710_pf_detach(struct x710_hw *hw)
{
	if (hw->hmc.up && !hw->hmc.kept) {
		x710_log(&hw->os, X710_LOG_WARN, "PF not left running: its HMC segment is not in "
			 "kept memory (no fd store), so it is shut down and its VFs removed");
		x710_pf_shutdown(hw);
		return false;
	}
	x710_hmc_detach(hw);
	x710_aq_detach(hw);
	x710_vf_forget_all(hw);
	return true;
}

void x710_pf_shutdown(struct x710_hw *hw)
{
	if (hw->aq.up) {
		x710_vf_disable_all(hw);
		if (hw->veb_seid != X710_VSI_NONE)
			(void)x710_aq_delete_element(hw, hw->veb_seid);
		hw->veb_seid = X710_VSI_NONE;
		(void)x710_aq_queue_shutdown(hw, true);
	}
	x710_hmc_shutdown(hw);
	x710_aq_shutdown(hw);
}

int x710_pf_link_status(struct x710_hw *hw, struct x710_link_status *out)
{
	int err = x710_aq_get_link_status(hw, true, out);

	if (err == 0) {
		hw->link = *out;
		hw->link_known = true;
	}
	return err;
}

int x710_pf_enable_link_events(struct x710_hw *hw)
{
	struct x710_link_status ls;
	int err;

	/* Firmware may hold a mask a previous driver left (set bit = masked):
	 * the whole mask is written, as i40e does before relying on LSE. */
	err = x710_aq_set_phy_int_mask(hw, (uint16_t)~X710_AQ_EVENTS_I40E_WANTS);
	if (err)
		x710_log(&hw->os, X710_LOG_WARN, "set_phy_int_mask failed (%d): link events may "
			 "stay masked", err);
	return x710_pf_link_status(hw, &ls);
}

int x710_pf_link_event(struct x710_hw *hw, const struct x710_aq_desc *ev)
{
	struct x710_aqc_get_link_status c;

	if (ev->opcode != X710_AQC_GET_LINK_STATUS)
		return -EINVAL;
	_Static_assert(sizeof(c) <= sizeof(ev->params.raw), "link status fits the params");
	memcpy(&c, ev->params.raw, sizeof(c));
	x710_link_status_parse(&c, &hw->link);
	hw->link_known = true;
	return 0;
}
