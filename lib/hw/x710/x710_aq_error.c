/* SPDX-License-Identifier: BSD-2-Clause */
/* Names and errno values of AQ return codes and opcodes (tables, not ifs). */
#include <errno.h>
#include <stdio.h>

#include "x710/x710_adminq_defs.h"
#include "x710_aq_error.h"

struct rc_entry {
	const char *name;
	int err;
};

/* Index = return code (i40e_adminq_cmd.h). Codes without an exact errno
 * take the nearest meaning: a flushed command was cancelled, a bad address
 * is a fault, a wrong mode is not permitted. */
static const struct rc_entry rc_table[X710_AQ_RC_KNOWN] = {
	[X710_AQ_RC_OK] = { "OK", 0 },
	[X710_AQ_RC_EPERM] = { "EPERM", -EPERM },
	[X710_AQ_RC_ENOENT] = { "ENOENT", -ENOENT },
	[X710_AQ_RC_ESRCH] = { "ESRCH", -ESRCH },
	[X710_AQ_RC_EINTR] = { "EINTR", -EINTR },
	[X710_AQ_RC_EIO] = { "EIO", -EIO },
	[X710_AQ_RC_ENXIO] = { "ENXIO", -ENXIO },
	[X710_AQ_RC_E2BIG] = { "E2BIG", -E2BIG },
	[X710_AQ_RC_EAGAIN] = { "EAGAIN", -EAGAIN },
	[X710_AQ_RC_ENOMEM] = { "ENOMEM", -ENOMEM },
	[X710_AQ_RC_EACCES] = { "EACCES", -EACCES },
	[X710_AQ_RC_EFAULT] = { "EFAULT", -EFAULT },
	[X710_AQ_RC_EBUSY] = { "EBUSY", -EBUSY },
	[X710_AQ_RC_EEXIST] = { "EEXIST", -EEXIST },
	[X710_AQ_RC_EINVAL] = { "EINVAL", -EINVAL },
	[X710_AQ_RC_ENOTTY] = { "ENOTTY", -ENOTTY },
	[X710_AQ_RC_ENOSPC] = { "ENOSPC", -ENOSPC },
	[X710_AQ_RC_ENOSYS] = { "ENOSYS", -ENOSYS },
	[X710_AQ_RC_ERANGE] = { "ERANGE", -ERANGE },
	[X710_AQ_RC_EFLUSHED] = { "EFLUSHED", -ECANCELED },
	[X710_AQ_RC_BAD_ADDR] = { "BAD_ADDR", -EFAULT },
	[X710_AQ_RC_EMODE] = { "EMODE", -EPERM },
	[X710_AQ_RC_EFBIG] = { "EFBIG", -EFBIG },
};

const char *x710_aq_rc_str(unsigned int rc)
{
	return rc < X710_AQ_RC_KNOWN ? rc_table[rc].name : "unknown";
}

int x710_aq_rc_to_errno(unsigned int rc)
{
	return rc < X710_AQ_RC_KNOWN ? rc_table[rc].err : -EIO;
}

struct opcode_entry {
	uint16_t opcode;
	const char *name;
};

/* The names follow x710_aq_<verb>_<object>() (spec §3.2). */
static const struct opcode_entry opcode_table[] = {
	{ X710_AQC_GET_VERSION, "get_version" },
	{ X710_AQC_DRIVER_VERSION, "driver_version" },
	{ X710_AQC_QUEUE_SHUTDOWN, "queue_shutdown" },
	{ X710_AQC_REQUEST_RESOURCE, "request_resource" },
	{ X710_AQC_RELEASE_RESOURCE, "release_resource" },
	{ X710_AQC_LIST_FUNC_CAPABILITIES, "list_func_capabilities" },
	{ X710_AQC_MAC_ADDRESS_READ, "mac_address_read" },
	{ X710_AQC_CLEAR_PXE_MODE, "clear_pxe_mode" },
	{ X710_AQC_GET_SWITCH_CONFIG, "get_switch_config" },
	{ X710_AQC_ADD_VSI, "add_vsi" },
	{ X710_AQC_UPDATE_VSI_PARAMETERS, "update_vsi_params" },
	{ X710_AQC_GET_VSI_PARAMETERS, "get_vsi_params" },
	{ X710_AQC_ADD_VEB, "add_veb" },
	{ X710_AQC_GET_VEB_PARAMETERS, "get_veb_parameters" },
	{ X710_AQC_DELETE_ELEMENT, "delete_element" },
	{ X710_AQC_ADD_MACVLAN, "add_macvlan" },
	{ X710_AQC_REMOVE_MACVLAN, "remove_macvlan" },
	{ X710_AQC_ADD_VLAN, "add_vlan" },
	{ X710_AQC_REMOVE_VLAN, "remove_vlan" },
	{ X710_AQC_SET_VSI_PROMISC_MODES, "set_vsi_promiscuous_modes" },
	{ X710_AQC_CONFIG_VSI_BW_LIMIT, "config_vsi_bw_limit" },
	{ X710_AQC_GET_PHY_ABILITIES, "get_phy_abilities" },
	{ X710_AQC_SET_PHY_CONFIG, "set_phy_config" },
	{ X710_AQC_GET_LINK_STATUS, "get_link_status" },
	{ X710_AQC_SET_PHY_INT_MASK, "set_phy_int_mask" },
	{ X710_AQC_SEND_MSG_TO_PF, "send_msg_to_pf" },
	{ X710_AQC_SEND_MSG_TO_VF, "send_msg_to_vf" },
	{ X710_AQC_LLDP_STOP, "lldp_stop" },
	{ X710_AQC_LLDP_START, "lldp_start" },
};

const char *x710_aq_opcode_str(uint16_t opcode)
{
	for (size_t i = 0; i < sizeof(opcode_table) / sizeof(opcode_table[0]); i++)
		if (opcode_table[i].opcode == opcode)
			return opcode_table[i].name;
	return "unknown";
}

const char *x710_aq_error_str(const struct x710_aq_error *e, char *buf, size_t len)
{
	const char *op = x710_aq_opcode_str(e->opcode);

	switch (e->kind) {
	case X710_AQ_FAIL_NONE:
		snprintf(buf, len, "no admin queue error");
		break;
	case X710_AQ_FAIL_RC:
		snprintf(buf, len, "%s (0x%04x) failed: %s", op, e->opcode,
			 x710_aq_rc_str(e->rc));
		break;
	case X710_AQ_FAIL_TIMEOUT:
		snprintf(buf, len, "%s (0x%04x) timed out: the firmware never completed it",
			 op, e->opcode);
		break;
	case X710_AQ_FAIL_DRIVER:
		snprintf(buf, len, "%s (0x%04x) not sent: error %d", op, e->opcode, e->err);
		break;
	}
	return buf;
}
