/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Typed admin queue commands (spec §3.2-§3.5): each fills the command in
 * the descriptor's params, sends it through the engine and decodes the
 * completion. Lengths coming back from the firmware are checked before use.
 */
#include <errno.h>
#include <string.h>

#include "x710_aq_cmds.h"

#define X710_CAPS_MAX_ELEMS   40     /* i40e asks for 40 elements first */
#define X710_DRIVER_NAME_MAX  32

/* Command structs in/out of the 16-byte params. */
#define PARAMS_IN(d, s) do { \
	_Static_assert(sizeof(s) == 16, "AQ command is 16 bytes"); \
	memcpy((d)->params.raw, &(s), sizeof(s)); } while (0)
#define PARAMS_OUT(d, s) memcpy(&(s), (d)->params.raw, sizeof(s))

int x710_aq_get_version(struct x710_hw *hw, struct x710_fw_version *out)
{
	struct x710_aq_desc d;
	struct x710_aqc_get_version v;
	int err;

	x710_aq_desc_init(&d, X710_AQC_GET_VERSION);
	err = x710_aq_send(hw, &d, NULL, 0);
	if (err)
		return err;
	PARAMS_OUT(&d, v);
	out->rom_ver = v.rom_ver;
	out->fw_build = v.fw_build;
	out->fw_major = v.fw_major;
	out->fw_minor = v.fw_minor;
	out->api_major = v.api_major;
	out->api_minor = v.api_minor;
	return 0;
}

int x710_aq_driver_version(struct x710_hw *hw, uint8_t major, uint8_t minor, uint8_t build,
			   uint8_t subbuild, const char *name)
{
	struct x710_aq_desc d;
	struct x710_aqc_driver_version c = { major, minor, build, subbuild, { 0 }, 0, 0 };
	char buf[X710_DRIVER_NAME_MAX] = { 0 };
	size_t n = name != NULL ? strnlen(name, sizeof(buf) - 1) : 0;

	if (n == 0)
		return -EINVAL;
	memcpy(buf, name, n);
	x710_aq_desc_init(&d, X710_AQC_DRIVER_VERSION);
	PARAMS_IN(&d, c);
	d.flags |= X710_AQ_FLAG_RD;
	return x710_aq_send(hw, &d, buf, (uint16_t)(n + 1));
}

int x710_aq_queue_shutdown(struct x710_hw *hw, bool unloading)
{
	struct x710_aq_desc d;
	struct x710_aqc_queue_shutdown c = { unloading ? X710_AQ_DRIVER_UNLOADING : 0, { 0 } };

	x710_aq_desc_init(&d, X710_AQC_QUEUE_SHUTDOWN);
	PARAMS_IN(&d, c);
	return x710_aq_send(hw, &d, NULL, 0);
}

int x710_aq_request_resource(struct x710_hw *hw, uint16_t resource, uint16_t access,
			     uint32_t *timeout_ms)
{
	struct x710_aq_desc d;
	struct x710_aqc_request_resource c = { resource, access, 0, 0, { 0 } };
	int err;

	x710_aq_desc_init(&d, X710_AQC_REQUEST_RESOURCE);
	PARAMS_IN(&d, c);
	err = x710_aq_send(hw, &d, NULL, 0);
	if (err == 0 && timeout_ms != NULL) {
		PARAMS_OUT(&d, c);
		*timeout_ms = c.timeout;
	}
	return err;
}

int x710_aq_release_resource(struct x710_hw *hw, uint16_t resource)
{
	struct x710_aq_desc d;
	struct x710_aqc_request_resource c = { resource, 0, 0, 0, { 0 } };

	x710_aq_desc_init(&d, X710_AQC_RELEASE_RESOURCE);
	PARAMS_IN(&d, c);
	return x710_aq_send(hw, &d, NULL, 0);
}

int x710_caps_parse(const void *buf, size_t len, struct x710_caps *out)
{
	const uint8_t *p = buf;

	if (len % sizeof(struct x710_aqc_cap_elem) != 0)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	for (size_t off = 0; off < len; off += sizeof(struct x710_aqc_cap_elem)) {
		struct x710_aqc_cap_elem e;

		memcpy(&e, p + off, sizeof(e));
		switch (e.id) {
		case X710_AQ_CAP_SWITCH_MODE: out->switch_mode = e.number; break;
		case X710_AQ_CAP_FUNCTIONS_VALID: out->valid_functions = e.number; break;
		case X710_AQ_CAP_SRIOV: out->sriov = e.number == 1; break;
		case X710_AQ_CAP_VF:
			out->num_vfs = e.number;
			out->vf_base_id = e.logical_id;
			break;
		case X710_AQ_CAP_VSI: out->num_vsis = e.number; break;
		case X710_AQ_CAP_RSS:
			out->rss_table_size = e.number;
			out->rss_table_entry_width = e.logical_id;
			break;
		case X710_AQ_CAP_RXQ:
			out->num_rx_qp = e.number;
			out->base_queue = e.phys_id;
			break;
		case X710_AQ_CAP_TXQ:
			out->num_tx_qp = e.number;
			out->base_queue = e.phys_id;
			break;
		case X710_AQ_CAP_MSIX: out->num_msix_vectors = e.number; break;
		case X710_AQ_CAP_VF_MSIX: out->num_msix_vectors_vf = e.number; break;
		default: break;   /* capabilities a PF host does not use */
		}
	}
	return 0;
}

int x710_aq_list_func_capabilities(struct x710_hw *hw, struct x710_caps *out)
{
	struct x710_aqc_cap_elem elems[X710_CAPS_MAX_ELEMS];
	struct x710_aq_desc d;
	struct x710_aqc_list_caps c;
	uint16_t len = sizeof(elems);
	int err;

	memset(elems, 0, sizeof(elems));
	x710_aq_desc_init(&d, X710_AQC_LIST_FUNC_CAPABILITIES);
	err = x710_aq_send(hw, &d, elems, len);
	if (err == -ENOMEM) {
		x710_log(&hw->os, X710_LOG_ERR,
			 "list_func_capabilities: firmware needs %u bytes, more than %u elements",
			 d.datalen, X710_CAPS_MAX_ELEMS);
		return -E2BIG;
	}
	if (err)
		return err;
	PARAMS_OUT(&d, c);
	if (c.count > X710_CAPS_MAX_ELEMS) {
		x710_log(&hw->os, X710_LOG_ERR,
			 "list_func_capabilities: %u elements reported, buffer holds %u",
			 c.count, X710_CAPS_MAX_ELEMS);
		return -EIO;
	}
	return x710_caps_parse(elems, c.count * sizeof(elems[0]), out);
}

int x710_aq_mac_address_read(struct x710_hw *hw, struct x710_mac_addrs *out)
{
	struct x710_aqc_mac_address_read_data data;
	struct x710_aqc_mac_address_read c;
	struct x710_aq_desc d;
	int err;

	memset(&data, 0, sizeof(data));
	x710_aq_desc_init(&d, X710_AQC_MAC_ADDRESS_READ);
	err = x710_aq_send(hw, &d, &data, sizeof(data));
	if (err)
		return err;
	PARAMS_OUT(&d, c);
	memset(out, 0, sizeof(*out));
	out->lan_valid = c.command_flags & X710_AQC_LAN_ADDR_VALID;
	out->port_valid = c.command_flags & X710_AQC_PORT_ADDR_VALID;
	memcpy(out->lan, data.pf_lan_mac, X710_ETH_ALEN);
	memcpy(out->port, data.port_mac, X710_ETH_ALEN);
	return 0;
}

int x710_aq_clear_pxe_mode(struct x710_hw *hw)
{
	struct x710_aq_desc d;
	struct x710_aqc_clear_pxe c = { X710_AQ_CLEAR_PXE_RX_CNT, { 0 } };

	x710_aq_desc_init(&d, X710_AQC_CLEAR_PXE_MODE);
	PARAMS_IN(&d, c);
	return x710_aq_send(hw, &d, NULL, 0);
}

int x710_aq_get_switch_config(struct x710_hw *hw, struct x710_aqc_switch_config_elem *out,
			      unsigned int cap, unsigned int *n, uint16_t *next_seid)
{
	uint8_t buf[X710_AQ_MAX_BUF];
	struct x710_aqc_switch_config_header h;
	struct x710_aqc_switch_seid c;
	struct x710_aq_desc d;
	size_t room = (hw->aq.buf_size - sizeof(h)) / sizeof(*out);
	uint16_t len;
	int err;

	*n = 0;
	if (room > cap)
		room = cap;
	if (room == 0)
		return -EINVAL;
	len = (uint16_t)(sizeof(h) + room * sizeof(*out));
	memset(buf, 0, len);
	memset(&c, 0, sizeof(c));
	c.seid = *next_seid;
	x710_aq_desc_init(&d, X710_AQC_GET_SWITCH_CONFIG);
	PARAMS_IN(&d, c);
	err = x710_aq_send(hw, &d, buf, len);
	if (err)
		return err;
	memcpy(&h, buf, sizeof(h));
	if (h.num_reported > room) {
		x710_log(&hw->os, X710_LOG_ERR,
			 "get_switch_config: %u elements reported, %zu fit the buffer",
			 h.num_reported, room);
		return -EIO;
	}
	memcpy(out, buf + sizeof(h), h.num_reported * sizeof(*out));
	*n = h.num_reported;
	PARAMS_OUT(&d, c);
	*next_seid = c.seid;
	return 0;
}

int x710_aq_add_veb(struct x710_hw *hw, uint16_t uplink, uint16_t downlink, uint8_t tcs,
		    uint16_t veb_flags, uint16_t *veb_seid)
{
	struct x710_aq_desc d;
	struct x710_aqc_add_veb c;
	struct x710_aqc_add_veb_completion r;
	int err;

	memset(&c, 0, sizeof(c));
	c.uplink_seid = uplink;
	c.downlink_seid = downlink;
	c.veb_flags = veb_flags;
	c.enable_tcs = tcs;
	x710_aq_desc_init(&d, X710_AQC_ADD_VEB);
	PARAMS_IN(&d, c);
	err = x710_aq_send(hw, &d, NULL, 0);
	if (err)
		return err;
	PARAMS_OUT(&d, r);
	*veb_seid = r.veb_seid;
	return 0;
}

int x710_aq_get_veb_parameters(struct x710_hw *hw, uint16_t seid, struct x710_veb_params *out)
{
	struct x710_aq_desc d;
	struct x710_aqc_get_veb_parameters_completion r;
	int err;

	memset(&r, 0, sizeof(r));
	r.seid = seid;
	x710_aq_desc_init(&d, X710_AQC_GET_VEB_PARAMETERS);
	PARAMS_IN(&d, r);
	err = x710_aq_send(hw, &d, NULL, 0);
	if (err)
		return err;
	PARAMS_OUT(&d, r);
	*out = (struct x710_veb_params){ r.seid, r.switch_id, r.veb_flags, r.statistic_index,
					 r.vebs_used, r.vebs_free };
	return 0;
}

/* add (0x0210), update (0x0211) and get (0x0212) share one command layout;
 * update/get name the VSI in uplink_seid. */
static int vsi_cmd(struct x710_hw *hw, uint16_t opcode, struct x710_vsi_ctx *ctx)
{
	struct x710_aq_desc d;
	struct x710_aqc_add_get_update_vsi c;
	struct x710_aqc_add_get_update_vsi_completion r;
	int err;

	memset(&c, 0, sizeof(c));
	if (opcode == X710_AQC_ADD_VSI) {
		c.uplink_seid = ctx->uplink_seid;
		c.connection_type = ctx->connection_type;
		c.vf_id = ctx->vf_id;
		c.vsi_flags = ctx->flags;
	} else {
		c.uplink_seid = ctx->seid;
	}
	x710_aq_desc_init(&d, opcode);
	PARAMS_IN(&d, c);
	if (opcode != X710_AQC_GET_VSI_PARAMETERS)
		d.flags |= X710_AQ_FLAG_RD;
	else
		memset(ctx->info, 0, sizeof(ctx->info));
	err = x710_aq_send(hw, &d, ctx->info, sizeof(ctx->info));
	if (err)
		return err;
	PARAMS_OUT(&d, r);
	if (opcode == X710_AQC_ADD_VSI)
		ctx->seid = r.seid;
	ctx->vsi_number = r.vsi_number;
	ctx->vsi_used = r.vsi_used;
	ctx->vsi_free = r.vsi_free;
	return 0;
}

int x710_aq_add_vsi(struct x710_hw *hw, struct x710_vsi_ctx *ctx)
{
	return vsi_cmd(hw, X710_AQC_ADD_VSI, ctx);
}

int x710_aq_update_vsi_params(struct x710_hw *hw, struct x710_vsi_ctx *ctx)
{
	return vsi_cmd(hw, X710_AQC_UPDATE_VSI_PARAMETERS, ctx);
}

int x710_aq_get_vsi_params(struct x710_hw *hw, struct x710_vsi_ctx *ctx)
{
	return vsi_cmd(hw, X710_AQC_GET_VSI_PARAMETERS, ctx);
}

int x710_aq_delete_element(struct x710_hw *hw, uint16_t seid)
{
	struct x710_aq_desc d;
	struct x710_aqc_switch_seid c;

	memset(&c, 0, sizeof(c));
	c.seid = seid;
	x710_aq_desc_init(&d, X710_AQC_DELETE_ELEMENT);
	PARAMS_IN(&d, c);
	return x710_aq_send(hw, &d, NULL, 0);
}

/* The MAC-VLAN and VLAN commands: n elements of `size` bytes for one VSI. */
static int list_cmd(struct x710_hw *hw, uint16_t opcode, uint16_t vsi_seid, void *elems,
		    uint16_t n, size_t size)
{
	struct x710_aq_desc d;
	struct x710_aqc_macvlan c;
	size_t len = (size_t)n * size;

	if (n == 0 || len > hw->aq.buf_size) {
		x710_log(&hw->os, X710_LOG_ERR, "%s: %u elements do not fit one %u-byte buffer",
			 x710_aq_opcode_str(opcode), n, hw->aq.buf_size);
		return -EINVAL;
	}
	memset(&c, 0, sizeof(c));
	c.num_addresses = n;
	c.seid[0] = (uint16_t)((vsi_seid & X710_AQC_MACVLAN_CMD_SEID_NUM_MASK) |
			       X710_AQC_MACVLAN_CMD_SEID_VALID);
	x710_aq_desc_init(&d, opcode);
	PARAMS_IN(&d, c);
	d.flags |= X710_AQ_FLAG_RD;
	return x710_aq_send(hw, &d, elems, (uint16_t)len);
}

int x710_aq_add_macvlan(struct x710_hw *hw, uint16_t vsi_seid,
			struct x710_aqc_add_macvlan_elem *elems, uint16_t n)
{
	return list_cmd(hw, X710_AQC_ADD_MACVLAN, vsi_seid, elems, n, sizeof(*elems));
}

int x710_aq_remove_macvlan(struct x710_hw *hw, uint16_t vsi_seid,
			   struct x710_aqc_remove_macvlan_elem *elems, uint16_t n)
{
	return list_cmd(hw, X710_AQC_REMOVE_MACVLAN, vsi_seid, elems, n, sizeof(*elems));
}

int x710_aq_add_vlan(struct x710_hw *hw, uint16_t vsi_seid, struct x710_aqc_vlan_elem *elems,
		     uint16_t n)
{
	return list_cmd(hw, X710_AQC_ADD_VLAN, vsi_seid, elems, n, sizeof(*elems));
}

int x710_aq_remove_vlan(struct x710_hw *hw, uint16_t vsi_seid,
			struct x710_aqc_vlan_elem *elems, uint16_t n)
{
	return list_cmd(hw, X710_AQC_REMOVE_VLAN, vsi_seid, elems, n, sizeof(*elems));
}

int x710_aq_set_vsi_promiscuous_modes(struct x710_hw *hw, uint16_t vsi_seid, uint16_t flags,
				      uint16_t valid)
{
	struct x710_aq_desc d;
	struct x710_aqc_set_vsi_promisc c;

	memset(&c, 0, sizeof(c));
	c.promiscuous_flags = flags & valid;
	c.valid_flags = valid;
	c.seid = vsi_seid & X710_AQC_VSI_PROM_CMD_SEID_MASK;
	x710_aq_desc_init(&d, X710_AQC_SET_VSI_PROMISC_MODES);
	PARAMS_IN(&d, c);
	return x710_aq_send(hw, &d, NULL, 0);
}

int x710_aq_config_vsi_bw_limit(struct x710_hw *hw, uint16_t vsi_seid, uint16_t credit,
				uint8_t max_credit)
{
	struct x710_aq_desc d;
	struct x710_aqc_config_vsi_bw_limit c;

	/* Past 4 the firmware's answer is unknown (x710_adminq_defs.h): refused here. */
	if (max_credit > X710_AQ_BW_MAX_CREDIT_MAX) {
		x710_log(&hw->os, X710_LOG_ERR, "config_vsi_bw_limit: max_credit %u is past %u",
			 max_credit, X710_AQ_BW_MAX_CREDIT_MAX);
		return -EINVAL;
	}
	memset(&c, 0, sizeof(c));
	c.vsi_seid = vsi_seid;
	c.credit = credit;
	c.max_credit = max_credit;
	x710_aq_desc_init(&d, X710_AQC_CONFIG_VSI_BW_LIMIT);
	PARAMS_IN(&d, c);
	return x710_aq_send(hw, &d, NULL, 0);
}

int x710_aq_get_link_status(struct x710_hw *hw, bool enable_lse, struct x710_link_status *out)
{
	struct x710_aq_desc d;
	struct x710_aqc_get_link_status c;
	int err;

	memset(&c, 0, sizeof(c));
	c.command_flags = enable_lse ? X710_AQ_LSE_ENABLE : X710_AQ_LSE_DISABLE;
	x710_aq_desc_init(&d, X710_AQC_GET_LINK_STATUS);
	PARAMS_IN(&d, c);
	err = x710_aq_send(hw, &d, NULL, 0);
	if (err)
		return err;
	PARAMS_OUT(&d, c);
	x710_link_status_parse(&c, out);
	return 0;
}

void x710_link_status_parse(const struct x710_aqc_get_link_status *c,
			    struct x710_link_status *out)
{
	out->up = c->link_info & X710_AQ_LINK_UP_FUNCTION;
	out->lse_enabled = c->command_flags & X710_AQ_LSE_IS_ENABLED;
	out->speed = c->link_speed;
	out->phy_type = c->phy_type;
	out->link_info = c->link_info;
	out->an_info = c->an_info;
	out->max_frame_size = c->max_frame_size;
}

int x710_aq_set_phy_int_mask(struct x710_hw *hw, uint16_t mask)
{
	struct x710_aq_desc d;
	struct x710_aqc_set_phy_int_mask c;

	memset(&c, 0, sizeof(c));
	c.event_mask = mask;
	x710_aq_desc_init(&d, X710_AQC_SET_PHY_INT_MASK);
	PARAMS_IN(&d, c);
	return x710_aq_send(hw, &d, NULL, 0);
}

int x710_aq_send_msg_to_vf(struct x710_hw *hw, uint16_t abs_vf, uint32_t v_opcode,
			   int32_t v_retval, const void *msg, uint16_t len)
{
	struct x710_aq_desc d;
	struct x710_aqc_pf_vf_message c;

	if ((msg == NULL) != (len == 0))
		return -EINVAL;
	memset(&c, 0, sizeof(c));
	c.id = abs_vf;
	x710_aq_desc_init(&d, X710_AQC_SEND_MSG_TO_VF);
	PARAMS_IN(&d, c);
	d.cookie_high = v_opcode;
	d.cookie_low = (uint32_t)v_retval;
	if (len > 0)
		d.flags |= X710_AQ_FLAG_RD;
	if (len == 0)
		return x710_aq_send(hw, &d, NULL, 0);
	/* msg is const and the engine writes the buffer back: send a copy. */
	uint8_t bounce[X710_AQ_MAX_BUF];

	if (len > sizeof(bounce))
		return -EINVAL;
	memcpy(bounce, msg, len);
	return x710_aq_send(hw, &d, bounce, len);
}
