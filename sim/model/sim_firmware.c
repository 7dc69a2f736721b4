/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PF firmware: the admin queue commands of x710-hardware.md §3.2 in one
 * table {opcode, name, handler, buffer kind, minimum buffer}. The table
 * checks the descriptor shape; each handler checks content and returns one
 * AQ return code; the AQ engine writes the descriptor back exactly once.
 * Anything not in the table completes with ENOSYS + ERR.
 */
#include <errno.h>
#include <string.h>

#include "sim_model.h"

enum sim_fw_buf { FW_DIRECT, FW_INDIRECT, FW_BUF_OPTIONAL };

struct sim_fw_cmd {
	uint16_t opcode;
	const char *name;
	sim_fw_handler_fn *handler;
	enum sim_fw_buf buf;
	uint16_t min_buf;
};

/* The model's firmware identity (spec §3.2: api 1.15 on X710, fw >= 5). */
#define SIM_FW_BUILD   0x5A5A
#define SIM_RSS_TABLE_SIZE   512   /* PF RSS LUT entries */
#define SIM_RSS_TABLE_WIDTH  6     /* bits per LUT entry */
#define SIM_PF_MSIX          129   /* vector 0 + one per queue pair used */
#define SIM_NVM_RESOURCE_TIMEOUT_MS 3000

static uint16_t fw_ok(struct sim_fw_ctx *c)
{
	(void)c;
	return X710_AQ_RC_OK;
}

static uint16_t fw_get_version(struct sim_fw_ctx *c)
{
	struct x710_aqc_get_version v = {
		.rom_ver = 0,
		.fw_build = SIM_FW_BUILD,
		.fw_major = SIM_FW_MAJOR,
		.fw_minor = SIM_FW_MINOR,
		.api_major = X710_FW_API_VERSION_MAJOR,
		.api_minor = X710_FW_API_VERSION_MINOR_X710,
	};

	memcpy(c->d->params.raw, &v, sizeof(v));
	return X710_AQ_RC_OK;
}

/* 0x0008: the NVM lock (resource 1) is granted to one PF at a time. */
#define SIM_RESOURCE_NVM 1
static uint16_t fw_request_resource(struct sim_fw_ctx *c)
{
	uint16_t id;
	uint32_t timeout = SIM_NVM_RESOURCE_TIMEOUT_MS;

	memcpy(&id, c->d->params.raw, sizeof(id));
	if (id != SIM_RESOURCE_NVM)
		return X710_AQ_RC_OK;
	for (unsigned int p = 0; p < c->sim->params.n_pfs; p++)
		if (p != c->pf->idx && c->sim->pfs[p].nvm_owner_resource)
			return X710_AQ_RC_EBUSY;
	c->pf->nvm_owner_resource = 1;
	memcpy(c->d->params.raw + 4, &timeout, sizeof(timeout));
	return X710_AQ_RC_OK;
}

static uint16_t fw_release_resource(struct sim_fw_ctx *c)
{
	uint16_t id;

	memcpy(&id, c->d->params.raw, sizeof(id));
	if (id == SIM_RESOURCE_NVM)
		c->pf->nvm_owner_resource = 0;
	return X710_AQ_RC_OK;
}

static void cap(struct x710_aqc_cap_elem *e, uint16_t id, uint32_t number,
		uint32_t logical_id, uint32_t phys_id)
{
	memset(e, 0, sizeof(*e));
	e->id = id;
	e->major_rev = 1;
	e->number = number;
	e->logical_id = logical_id;
	e->phys_id = phys_id;
}

/* 0x000A: the 32-byte capability elements (spec §3.2). When the buffer is
 * too small the firmware answers ENOMEM with datalen = the size needed. */
static uint16_t fw_list_func_caps(struct sim_fw_ctx *c)
{
	struct x710sim *sim = c->sim;
	struct sim_pf *pf = c->pf;
	struct x710_aqc_cap_elem e[10];
	unsigned int n = 0;
	struct x710_aqc_list_caps cmd;
	uint32_t fn_valid = (1u << sim->params.n_pfs) - 1;

	cap(&e[n++], X710_AQ_CAP_SWITCH_MODE, 0, 0, 0);
	cap(&e[n++], X710_AQ_CAP_FUNCTIONS_VALID, fn_valid, 0, 0);
	cap(&e[n++], X710_AQ_CAP_SRIOV, pf->total_vfs ? 1 : 0, 0, 0);
	cap(&e[n++], X710_AQ_CAP_VF, pf->total_vfs, pf->vf_base, 0);
	cap(&e[n++], X710_AQ_CAP_VSI, SIM_VSI_MAX / sim->params.n_pfs, 0, 0);
	cap(&e[n++], X710_AQ_CAP_RSS, SIM_RSS_TABLE_SIZE, SIM_RSS_TABLE_WIDTH, 0);
	cap(&e[n++], X710_AQ_CAP_RXQ, pf->qps, 0, pf->base_queue);
	cap(&e[n++], X710_AQ_CAP_TXQ, pf->qps, 0, pf->base_queue);
	cap(&e[n++], X710_AQ_CAP_MSIX, SIM_PF_MSIX, 0, 0);
	cap(&e[n++], X710_AQ_CAP_VF_MSIX, sim->vf_vectors, 0, 0);

	memcpy(&cmd, c->d->params.raw, sizeof(cmd));
	cmd.count = n;
	memcpy(c->d->params.raw, &cmd, sizeof(cmd));
	if (c->in_len < n * sizeof(e[0])) {
		c->d->datalen = (uint16_t)(n * sizeof(e[0]));
		return X710_AQ_RC_ENOMEM;
	}
	memcpy(c->buf, e, n * sizeof(e[0]));
	c->out_len = (uint16_t)(n * sizeof(e[0]));
	return X710_AQ_RC_OK;
}

static uint16_t fw_mac_address_read(struct sim_fw_ctx *c)
{
	struct x710_aqc_mac_address_read_data data;
	struct x710_aqc_mac_address_read cmd;

	memset(&data, 0, sizeof(data));
	memcpy(data.pf_lan_mac, c->pf->mac, 6);
	memcpy(data.port_mac, c->pf->mac, 6);
	memcpy(c->buf, &data, sizeof(data));
	c->out_len = sizeof(data);
	memcpy(&cmd, c->d->params.raw, sizeof(cmd));
	cmd.command_flags = X710_AQC_LAN_ADDR_VALID | X710_AQC_PORT_ADDR_VALID;
	memcpy(c->d->params.raw, &cmd, sizeof(cmd));
	return X710_AQ_RC_OK;
}

void sim_fw_fill_link_status(struct sim_pf *pf, struct x710_aqc_get_link_status *ls)
{
	memset(ls, 0, sizeof(*ls));
	ls->command_flags = pf->lse_enabled ? X710_AQ_LSE_IS_ENABLED : 0;
	ls->phy_type = X710_AQ_PHY_TYPE_10GBASE_SR;
	ls->link_speed = pf->link_up ? X710_AQ_LINK_SPEED_10GB : 0;
	ls->link_info = X710_AQ_MEDIA_AVAILABLE |
		(pf->link_up ? X710_AQ_LINK_UP_FUNCTION | X710_AQ_LINK_UP_PORT : 0);
	ls->an_info = pf->link_up ? X710_AQ_AN_COMPLETED : 0;
	ls->max_frame_size = SIM_DP_MAX_FRAME;
}

/* 0x0607: the command's only input is the LSE (link status event) field. */
static uint16_t fw_get_link_status(struct sim_fw_ctx *c)
{
	struct x710_aqc_get_link_status ls;
	uint16_t flags;

	memcpy(&flags, c->d->params.raw, sizeof(flags));
	if ((flags & X710_AQ_LSE_MASK) == X710_AQ_LSE_ENABLE)
		c->pf->lse_enabled = true;
	else if ((flags & X710_AQ_LSE_MASK) == X710_AQ_LSE_DISABLE)
		c->pf->lse_enabled = false;
	sim_fw_fill_link_status(c->pf, &ls);
	memcpy(c->d->params.raw, &ls, sizeof(ls));
	return X710_AQ_RC_OK;
}

/* 0x0613: the whole mask is replaced; a set bit keeps that event off the
 * ARQ (only LINK_UPDOWN is an event the model raises). */
static uint16_t fw_set_phy_int_mask(struct sim_fw_ctx *c)
{
	struct x710_aqc_set_phy_int_mask m;

	memcpy(&m, c->d->params.raw, sizeof(m));
	c->pf->phy_int_mask = m.event_mask;
	return X710_AQ_RC_OK;
}

/* 0x0802: the VF is named by its absolute id (spec §2.2). */
static uint16_t fw_send_msg_to_vf(struct sim_fw_ctx *c)
{
	struct x710_aqc_pf_vf_message m;
	uint16_t len = (c->d->flags & X710_AQ_FLAG_BUF) ? c->in_len : 0;
	int err;

	memcpy(&m, c->d->params.raw, sizeof(m));
	if (m.id < c->pf->vf_base || m.id - c->pf->vf_base >= c->pf->num_vfs) {
		sim_log(c->sim, "send_msg_to_vf: VF %u is not an enabled VF of PF %u",
			m.id, c->pf->idx);
		return X710_AQ_RC_EINVAL;
	}
	err = sim_mbx_pf_to_vf(c->sim, c->pf, c->d, c->buf, len);
	if (err == -E2BIG)
		return X710_AQ_RC_E2BIG;
	return err == 0 ? X710_AQ_RC_OK : X710_AQ_RC_EAGAIN;
}

static const struct sim_fw_cmd fw_cmds[] = {
	{ X710_AQC_GET_VERSION, "get_version", fw_get_version, FW_DIRECT, 0 },
	{ X710_AQC_DRIVER_VERSION, "driver_version", fw_ok, FW_INDIRECT, 0 },
	{ X710_AQC_QUEUE_SHUTDOWN, "queue_shutdown", fw_ok, FW_DIRECT, 0 },
	{ X710_AQC_REQUEST_RESOURCE, "request_resource", fw_request_resource, FW_DIRECT, 0 },
	{ X710_AQC_RELEASE_RESOURCE, "release_resource", fw_release_resource, FW_DIRECT, 0 },
	{ X710_AQC_LIST_FUNC_CAPABILITIES, "list_func_capabilities", fw_list_func_caps,
	  FW_INDIRECT, 0 },
	{ X710_AQC_MAC_ADDRESS_READ, "mac_address_read", fw_mac_address_read, FW_INDIRECT,
	  sizeof(struct x710_aqc_mac_address_read_data) },
	{ X710_AQC_CLEAR_PXE_MODE, "clear_pxe_mode", fw_ok, FW_DIRECT, 0 },
	{ X710_AQC_GET_SWITCH_CONFIG, "get_switch_config", sim_fw_get_switch_config,
	  FW_INDIRECT, 2 * sizeof(struct x710_aqc_switch_config_elem) },
	{ X710_AQC_ADD_VSI, "add_vsi", sim_fw_add_vsi, FW_INDIRECT, X710_VSI_PROPS_SIZE },
	{ X710_AQC_UPDATE_VSI_PARAMETERS, "update_vsi_parameters", sim_fw_update_vsi,
	  FW_INDIRECT, X710_VSI_PROPS_SIZE },
	{ X710_AQC_GET_VSI_PARAMETERS, "get_vsi_parameters", sim_fw_get_vsi, FW_INDIRECT,
	  X710_VSI_PROPS_SIZE },
	{ X710_AQC_ADD_VEB, "add_veb", sim_fw_add_veb, FW_DIRECT, 0 },
	{ X710_AQC_GET_VEB_PARAMETERS, "get_veb_parameters", sim_fw_get_veb, FW_DIRECT, 0 },
	{ X710_AQC_DELETE_ELEMENT, "delete_element", sim_fw_delete_element, FW_DIRECT, 0 },
	{ X710_AQC_ADD_MACVLAN, "add_macvlan", sim_fw_add_macvlan, FW_INDIRECT,
	  sizeof(struct x710_aqc_add_macvlan_elem) },
	{ X710_AQC_REMOVE_MACVLAN, "remove_macvlan", sim_fw_remove_macvlan, FW_INDIRECT,
	  sizeof(struct x710_aqc_remove_macvlan_elem) },
	{ X710_AQC_ADD_VLAN, "add_vlan", sim_fw_add_vlan, FW_INDIRECT, SIM_FW_VLAN_ELEM_SIZE },
	{ X710_AQC_REMOVE_VLAN, "remove_vlan", sim_fw_remove_vlan, FW_INDIRECT,
	  SIM_FW_VLAN_ELEM_SIZE },
	{ X710_AQC_SET_VSI_PROMISC_MODES, "set_vsi_promiscuous_modes", sim_fw_set_promisc,
	  FW_DIRECT, 0 },
	{ SIM_AQC_CONFIG_VSI_BW_LIMIT, "config_vsi_bw_limit", sim_fw_config_vsi_bw_limit,
	  FW_DIRECT, 0 },
	{ X710_AQC_GET_LINK_STATUS, "get_link_status", fw_get_link_status, FW_DIRECT, 0 },
	{ X710_AQC_SET_PHY_INT_MASK, "set_phy_int_mask", fw_set_phy_int_mask, FW_DIRECT, 0 },
	{ X710_AQC_SEND_MSG_TO_VF, "send_msg_to_vf", fw_send_msg_to_vf, FW_BUF_OPTIONAL, 0 },
	{ X710_AQC_LLDP_STOP, "lldp_stop", fw_ok, FW_DIRECT, 0 },
	{ X710_AQC_LLDP_START, "lldp_start", fw_ok, FW_DIRECT, 0 },
};

static const struct sim_fw_cmd *find_cmd(uint16_t opcode)
{
	for (size_t i = 0; i < sizeof(fw_cmds) / sizeof(fw_cmds[0]); i++)
		if (fw_cmds[i].opcode == opcode)
			return &fw_cmds[i];
	return NULL;
}

void sim_fw_execute(struct x710sim *sim, struct sim_pf *pf, struct x710_aq_desc *d,
		    uint8_t *buf, uint16_t in_len, uint16_t *out_len)
{
	const struct sim_fw_cmd *cmd = find_cmd(d->opcode);
	struct sim_fw_ctx c = { sim, pf, d, buf, in_len, 0 };
	bool has_buf = d->flags & X710_AQ_FLAG_BUF;

	*out_len = 0;
	if (cmd == NULL) {
		sim_log(sim, "PF %u AQ: opcode 0x%04x not implemented", pf->idx, d->opcode);
		d->retval = X710_AQ_RC_ENOSYS;
		return;
	}
	if (cmd->buf == FW_INDIRECT && !has_buf) {
		sim_log(sim, "PF %u AQ %s: indirect command without the BUF flag",
			pf->idx, cmd->name);
		d->retval = X710_AQ_RC_EINVAL;
		return;
	}
	if (cmd->buf != FW_DIRECT && has_buf && in_len < cmd->min_buf) {
		sim_log(sim, "PF %u AQ %s: buffer of %u bytes, at least %u needed",
			pf->idx, cmd->name, in_len, cmd->min_buf);
		d->retval = X710_AQ_RC_EINVAL;
		return;
	}
	if (cmd->buf == FW_DIRECT)
		c.in_len = 0;
	d->retval = cmd->handler(&c);
	*out_len = c.out_len;
}

const char *sim_fw_opcode_name(uint16_t opcode)
{
	const struct sim_fw_cmd *cmd = find_cmd(opcode);

	return cmd ? cmd->name : NULL;
}

/* Post a link status event if the PF enabled them (LSE) and did not mask
 * LINK_UPDOWN with set_phy_int_mask. */
void sim_fw_link_event(struct x710sim *sim, struct sim_pf *pf)
{
	struct x710_aq_desc ev;
	struct x710_aqc_get_link_status ls;

	if (!pf->lse_enabled || (pf->phy_int_mask & X710_AQ_EVENT_LINK_UPDOWN))
		return;
	memset(&ev, 0, sizeof(ev));
	ev.opcode = X710_AQC_GET_LINK_STATUS;
	sim_fw_fill_link_status(pf, &ls);
	memcpy(ev.params.raw, &ls, sizeof(ls));
	sim_pf_arq_event(sim, pf, &ev, NULL, 0);
}

/* PFGEN_CTRL.PFSWR: the PF returns to its power-on state. Its VFs are reset
 * with it; the port keeps its link. PFSWR stays set until this returns (the
 * caller scrubs it last), as the driver takes its clearing for "done" (§3.1). */
void sim_fw_pf_reset(struct x710sim *sim, struct sim_pf *pf)
{
	sim_lanq_stop_all(sim, pf);
	sim_vsi_release_pf(sim, pf);
	memset(pf->sd, 0, sizeof(pf->sd));
	pf->lse_enabled = false;
	pf->phy_int_mask = SIM_PHY_INT_MASK_DEFAULT;
	pf->nvm_owner_resource = 0;
	sim_func_regs_reset(sim, &pf->fn, X710_PFGEN_CTRL);
	for (unsigned int w = 0; w < SIM_DEVICE_VFS / 32; w++)
		sim_vflrstat_publish(sim, w);   /* global: not this PF's to clear */
	pf->fn.aq.atq.stalled = false;
	pf->fn.irq0_pending = false;
	for (unsigned int v = 0; v < pf->num_vfs; v++)
		sim_vf_hw_reset(sim, &pf->vfs[v]);
	if (sim_vsi_create_main(sim, pf) != 0)
		sim_log(sim, "PF %u reset: no VSI left for the main VSI", pf->idx);
}
