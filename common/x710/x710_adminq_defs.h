/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * X710 admin queue: the 32-byte descriptor, flags, opcodes, return codes
 * and the command/response layouts the model and our PF driver use.
 * Facts from x710-hardware.md §2.1, §3.2-§3.5, checked against DPDK 22.11
 * i40e_adminq_cmd.h (every struct, opcode, flag and id below) and
 * i40e_adminq.h (I40E_AQ_LARGE_BUF); x710_facts_test.c pins the key ones.
 * All multi-byte fields are little-endian; structs are packed by layout and
 * their sizes/offsets are checked below.
 */
#ifndef X710_ADMINQ_DEFS_H
#define X710_ADMINQ_DEFS_H

#include <stddef.h>
#include <stdint.h>

#define X710_AQ_DESC_SIZE        32
#define X710_AQ_LARGE_BUF        512   /* buffers above this need the LB flag */
#define X710_AQ_MAX_BUF          4096

/* Descriptor flags (spec §2.1). */
#define X710_AQ_FLAG_DD   0x0001
#define X710_AQ_FLAG_CMP  0x0002
#define X710_AQ_FLAG_ERR  0x0004
#define X710_AQ_FLAG_VFE  0x0008
#define X710_AQ_FLAG_LB   0x0200
#define X710_AQ_FLAG_RD   0x0400
#define X710_AQ_FLAG_VFC  0x0800
#define X710_AQ_FLAG_BUF  0x1000
#define X710_AQ_FLAG_SI   0x2000
#define X710_AQ_FLAG_EI   0x4000
#define X710_AQ_FLAG_FE   0x8000

struct x710_aq_desc {
	uint16_t flags;
	uint16_t opcode;
	uint16_t datalen;
	uint16_t retval;       /* PF ARQ 0x0801 event: absolute source VF id */
	uint32_t cookie_high;  /* mailbox: virtchnl opcode */
	uint32_t cookie_low;   /* mailbox: virtchnl status */
	union {
		uint8_t raw[16];
		struct {
			uint32_t param0;
			uint32_t param1;
			uint32_t addr_high;
			uint32_t addr_low;
		} ext;
	} params;
};
_Static_assert(sizeof(struct x710_aq_desc) == X710_AQ_DESC_SIZE, "AQ descriptor is 32 bytes");
_Static_assert(offsetof(struct x710_aq_desc, retval) == 6, "retval at byte 6");
_Static_assert(offsetof(struct x710_aq_desc, params) == 16, "params at byte 16");

/* Opcodes (spec §2.2, §3.2). */
enum x710_aq_opcode {
	X710_AQC_GET_VERSION            = 0x0001,
	X710_AQC_DRIVER_VERSION         = 0x0002,
	X710_AQC_QUEUE_SHUTDOWN         = 0x0003,
	X710_AQC_REQUEST_RESOURCE       = 0x0008,
	X710_AQC_RELEASE_RESOURCE       = 0x0009,
	X710_AQC_LIST_FUNC_CAPABILITIES = 0x000A,
	X710_AQC_MAC_ADDRESS_READ       = 0x0107,
	X710_AQC_CLEAR_PXE_MODE         = 0x0110,
	X710_AQC_GET_SWITCH_CONFIG      = 0x0200,
	X710_AQC_ADD_VSI                = 0x0210,
	X710_AQC_UPDATE_VSI_PARAMETERS  = 0x0211,
	X710_AQC_GET_VSI_PARAMETERS     = 0x0212,
	X710_AQC_ADD_VEB                = 0x0230,
	X710_AQC_GET_VEB_PARAMETERS     = 0x0232,
	X710_AQC_DELETE_ELEMENT         = 0x0243,
	X710_AQC_ADD_MACVLAN            = 0x0250,
	X710_AQC_REMOVE_MACVLAN         = 0x0251,
	X710_AQC_ADD_VLAN               = 0x0252,
	X710_AQC_REMOVE_VLAN            = 0x0253,
	X710_AQC_SET_VSI_PROMISC_MODES  = 0x0254,
	X710_AQC_CONFIG_VSI_BW_LIMIT    = 0x0400,
	X710_AQC_GET_PHY_ABILITIES      = 0x0600,
	X710_AQC_SET_PHY_CONFIG         = 0x0601,
	X710_AQC_GET_LINK_STATUS        = 0x0607,
	X710_AQC_SET_PHY_INT_MASK       = 0x0613,
	X710_AQC_SEND_MSG_TO_PF         = 0x0801,
	X710_AQC_SEND_MSG_TO_VF         = 0x0802,
	X710_AQC_LLDP_STOP              = 0x0A05,
	X710_AQC_LLDP_START             = 0x0A06,
};

/* Return codes, the retval field (spec §2.1; enum i40e_admin_queue_err).
 * The reference also has 19 EFLUSHED, 20 BAD_ADDR, 21 EMODE, 22 EFBIG; they
 * are defined today in lib/hw/x710/x710_aq_error.h, so not repeated here. */
enum x710_aq_rc {
	X710_AQ_RC_OK = 0, X710_AQ_RC_EPERM = 1, X710_AQ_RC_ENOENT = 2,
	X710_AQ_RC_ESRCH = 3, X710_AQ_RC_EINTR = 4, X710_AQ_RC_EIO = 5,
	X710_AQ_RC_ENXIO = 6, X710_AQ_RC_E2BIG = 7, X710_AQ_RC_EAGAIN = 8,
	X710_AQ_RC_ENOMEM = 9, X710_AQ_RC_EACCES = 10, X710_AQ_RC_EFAULT = 11,
	X710_AQ_RC_EBUSY = 12, X710_AQ_RC_EEXIST = 13, X710_AQ_RC_EINVAL = 14,
	X710_AQ_RC_ENOTTY = 15, X710_AQ_RC_ENOSPC = 16, X710_AQ_RC_ENOSYS = 17,
	X710_AQ_RC_ERANGE = 18,
	X710_AQ_RC_COUNT
};

/* "EINVAL" for 14, "RC_19" style is left to callers for unknown codes. */
static inline const char *
x710_aq_rc_name(unsigned int rc)
{
	static const char *const names[X710_AQ_RC_COUNT] = {
		"OK", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO",
		"E2BIG", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "EBUSY",
		"EEXIST", "EINVAL", "ENOTTY", "ENOSPC", "ENOSYS", "ERANGE",
	};
	return rc < X710_AQ_RC_COUNT ? names[rc] : "unknown";
}

/* 0x0001 get_version response (spec §3.2). */
struct x710_aqc_get_version {
	uint32_t rom_ver;
	uint32_t fw_build;
	uint16_t fw_major;
	uint16_t fw_minor;
	uint16_t api_major;
	uint16_t api_minor;
};
_Static_assert(offsetof(struct x710_aqc_get_version, api_minor) == 14, "get_version");
#define X710_FW_API_VERSION_MAJOR      1
#define X710_FW_API_VERSION_MINOR_X710 0x0F

/* 0x000A list_func_capabilities: command and one 32-byte element. */
struct x710_aqc_list_caps {
	uint8_t command_flags;
	uint8_t pf_index;
	uint8_t reserved[2];
	uint32_t count;        /* response: number of elements */
	uint32_t addr_high;
	uint32_t addr_low;
};
_Static_assert(sizeof(struct x710_aqc_list_caps) == 16, "list_caps cmd");
struct x710_aqc_cap_elem {
	uint16_t id;
	uint8_t major_rev;
	uint8_t minor_rev;
	uint32_t number;
	uint32_t logical_id;
	uint32_t phys_id;
	uint8_t reserved[16];
};
_Static_assert(sizeof(struct x710_aqc_cap_elem) == 32, "capability element");
enum x710_aq_cap_id {
	X710_AQ_CAP_SWITCH_MODE     = 0x0001,
	X710_AQ_CAP_FUNCTIONS_VALID = 0x0005,
	X710_AQ_CAP_SRIOV           = 0x0012,
	X710_AQ_CAP_VF              = 0x0013,
	X710_AQ_CAP_VSI             = 0x0017,
	X710_AQ_CAP_RSS             = 0x0040,
	X710_AQ_CAP_RXQ             = 0x0041,
	X710_AQ_CAP_TXQ             = 0x0042,
	X710_AQ_CAP_MSIX            = 0x0043,
	X710_AQ_CAP_VF_MSIX         = 0x0044,
};

/* 0x0107 mac_address_read: command flags and the 24-byte buffer. */
struct x710_aqc_mac_address_read {
	uint16_t command_flags;
	uint8_t reserved[6];
	uint32_t addr_high;
	uint32_t addr_low;
};
#define X710_AQC_LAN_ADDR_VALID  0x10
#define X710_AQC_SAN_ADDR_VALID  0x20
#define X710_AQC_PORT_ADDR_VALID 0x40
#define X710_AQC_WOL_ADDR_VALID  0x80
struct x710_aqc_mac_address_read_data {
	uint8_t pf_lan_mac[6];
	uint8_t pf_san_mac[6];
	uint8_t port_mac[6];
	uint8_t pf_wol_mac[6];
};
_Static_assert(sizeof(struct x710_aqc_mac_address_read_data) == 24, "mac read data");

/* Commands that carry only a SEID and a buffer (get_switch_config, delete). */
struct x710_aqc_switch_seid {
	uint16_t seid;
	uint8_t reserved[6];
	uint32_t addr_high;
	uint32_t addr_low;
};
_Static_assert(sizeof(struct x710_aqc_switch_seid) == 16, "switch_seid");

/* 0x0200 get_switch_config: 16-byte header then 16-byte elements. */
struct x710_aqc_switch_config_header {
	uint16_t num_reported;
	uint16_t num_total;
	uint8_t reserved[12];
};
struct x710_aqc_switch_config_elem {
	uint8_t element_type;
	uint8_t revision;
	uint16_t seid;
	uint16_t uplink_seid;
	uint16_t downlink_seid;
	uint8_t reserved[3];
	uint8_t connection_type;
	uint16_t scheduler_id;
	uint16_t element_info;
};
_Static_assert(sizeof(struct x710_aqc_switch_config_header) == 16, "switch cfg header");
_Static_assert(sizeof(struct x710_aqc_switch_config_elem) == 16, "switch cfg element");
enum x710_aq_sw_elem_type {
	X710_AQ_SW_ELEM_TYPE_MAC = 1, X710_AQ_SW_ELEM_TYPE_PF = 2,
	X710_AQ_SW_ELEM_TYPE_VF = 3, X710_AQ_SW_ELEM_TYPE_VEB = 17,
	X710_AQ_SW_ELEM_TYPE_VSI = 19,
};
#define X710_AQ_CONN_TYPE_REGULAR 1

/* 0x0210/0x0211/0x0212 add/update/get VSI (spec §3.4). */
struct x710_aqc_add_get_update_vsi {
	uint16_t uplink_seid;
	uint8_t connection_type;
	uint8_t reserved1;
	uint8_t vf_id;          /* absolute VF id */
	uint8_t reserved2;
	uint16_t vsi_flags;
	uint32_t addr_high;
	uint32_t addr_low;
};
_Static_assert(offsetof(struct x710_aqc_add_get_update_vsi, vsi_flags) == 6, "add_vsi cmd");
struct x710_aqc_add_get_update_vsi_completion {
	uint16_t seid;
	uint16_t vsi_number;
	uint16_t vsi_used;
	uint16_t vsi_free;
	uint32_t addr_high;
	uint32_t addr_low;
};
#define X710_AQ_VSI_TYPE_MASK   0x3
#define X710_AQ_VSI_TYPE_VF     0x0
#define X710_AQ_VSI_TYPE_VMDQ2  0x1
#define X710_AQ_VSI_TYPE_PF     0x2

/* struct i40e_aqc_vsi_properties_data (128 B): offsets of the fields used. */
#define X710_VSI_PROPS_SIZE             128
#define X710_VSI_PROP_VALID_SECTIONS    0
#define X710_VSI_PROP_SWITCH_ID         2
#define X710_VSI_PROP_SEC_FLAGS         6
#define X710_VSI_PROP_PVID              8
#define X710_VSI_PROP_PORT_VLAN_FLAGS   12
#define X710_VSI_PROP_MAPPING_FLAGS     28
#define X710_VSI_PROP_QUEUE_MAPPING     30   /* u16[16] */
#define X710_VSI_PROP_TC_MAPPING        62   /* u16[8] */
#define X710_VSI_PROP_QUEUEING_OPT      78
#define X710_VSI_PROP_QS_HANDLE         96   /* u16[8], firmware-written */
#define X710_VSI_PROP_STAT_COUNTER_IDX  112
#define X710_VSI_PROP_SCHED_ID          114
#define X710_VSI_PROP_FW_PART           96   /* bytes 96..127 are written by FW */
/* valid_sections bits. */
#define X710_AQ_VSI_PROP_SWITCH_VALID    0x0001
#define X710_AQ_VSI_PROP_SECURITY_VALID  0x0002
#define X710_AQ_VSI_PROP_VLAN_VALID      0x0004
#define X710_AQ_VSI_PROP_CAS_PV_VALID    0x0008
#define X710_AQ_VSI_PROP_INGRESS_UP_VALID 0x0010
#define X710_AQ_VSI_PROP_EGRESS_UP_VALID 0x0020
#define X710_AQ_VSI_PROP_QUEUE_MAP_VALID 0x0040
#define X710_AQ_VSI_PROP_QUEUE_OPT_VALID 0x0080
#define X710_AQ_VSI_PROP_OUTER_UP_VALID  0x0100
#define X710_AQ_VSI_PROP_SCHED_VALID     0x0200
#define X710_AQ_VSI_SW_ID_MASK           0x0FFF
#define X710_AQ_VSI_SW_ID_FLAG_NOT_STAG  0x1000
#define X710_AQ_VSI_SW_ID_FLAG_ALLOW_LB  0x2000
#define X710_AQ_VSI_SW_ID_FLAG_LOCAL_LB  0x4000
#define X710_AQ_VSI_SEC_FLAG_ALLOW_DEST_OVRD 0x01
#define X710_AQ_VSI_SEC_FLAG_ENABLE_VLAN_CHK 0x02
#define X710_AQ_VSI_SEC_FLAG_ENABLE_MAC_CHK  0x04
#define X710_AQ_VSI_PVLAN_MODE_MASK      0x03
#define X710_AQ_VSI_PVLAN_MODE_ALL       0x03
#define X710_AQ_VSI_PVLAN_INSERT_PVID    0x04
#define X710_AQ_VSI_PVLAN_EMOD_MASK      0x18
#define X710_AQ_VSI_QUE_MAP_CONTIG       0x0
#define X710_AQ_VSI_QUE_MAP_NONCONTIG    0x1
#define X710_AQ_VSI_QUEUE_MASK           0x07FF
#define X710_AQ_VSI_TC_QUE_OFFSET_MASK   0x01FF
#define X710_AQ_VSI_TC_QUE_NUMBER_SHIFT  9
#define X710_AQ_VSI_TC_QUE_NUMBER_MASK   0x0E00

/* 0x0230 add_veb command and completion; 0x0232 get_veb_parameters. */
struct x710_aqc_add_veb {
	uint16_t uplink_seid;
	uint16_t downlink_seid;
	uint16_t veb_flags;
	uint8_t enable_tcs;
	uint8_t reserved[9];
};
struct x710_aqc_add_veb_completion {
	uint8_t reserved[6];
	uint16_t switch_seid;
	uint16_t veb_seid;
	uint16_t statistic_index;
	uint16_t vebs_used;
	uint16_t vebs_free;
};
struct x710_aqc_get_veb_parameters_completion {
	uint16_t seid;
	uint16_t switch_id;
	uint16_t veb_flags;
	uint16_t statistic_index;
	uint16_t vebs_used;
	uint16_t vebs_free;
	uint8_t reserved[4];
};
_Static_assert(sizeof(struct x710_aqc_add_veb) == 16, "add_veb");
_Static_assert(sizeof(struct x710_aqc_add_veb_completion) == 16, "add_veb completion");
_Static_assert(sizeof(struct x710_aqc_get_veb_parameters_completion) == 16, "get_veb");
#define X710_AQC_ADD_VEB_FLOATING 0x1

/* 0x0250/0x0251 add/remove MAC-VLAN (spec §3.5). */
struct x710_aqc_macvlan {
	uint16_t num_addresses;
	uint16_t seid[3];
	uint32_t addr_high;
	uint32_t addr_low;
};
struct x710_aqc_macvlan_completion {
	uint16_t perfect_mac_used;
	uint16_t perfect_mac_free;
	uint16_t unicast_hash_free;
	uint16_t multicast_hash_free;
	uint32_t addr_high;
	uint32_t addr_low;
};
#define X710_AQC_MACVLAN_CMD_SEID_NUM_MASK 0x03FF
#define X710_AQC_MACVLAN_CMD_SEID_VALID    0x8000
struct x710_aqc_add_macvlan_elem {
	uint8_t mac_addr[6];
	uint16_t vlan_tag;
	uint16_t flags;
	uint16_t queue_number;
	uint8_t match_method;  /* response */
	uint8_t reserved[3];
};
_Static_assert(sizeof(struct x710_aqc_add_macvlan_elem) == 16, "add macvlan elem");
_Static_assert(offsetof(struct x710_aqc_add_macvlan_elem, match_method) == 12, "match_method");
#define X710_AQC_MACVLAN_ADD_PERFECT_MATCH 0x0001
#define X710_AQC_MACVLAN_ADD_HASH_MATCH    0x0002
#define X710_AQC_MACVLAN_ADD_IGNORE_VLAN   0x0004
#define X710_AQC_MACVLAN_ADD_TO_QUEUE      0x0008
#define X710_AQC_MM_PERFECT_MATCH 0x01
#define X710_AQC_MM_ERR_NO_RES    0xFF
struct x710_aqc_remove_macvlan_elem {
	uint8_t mac_addr[6];
	uint16_t vlan_tag;
	uint8_t flags;
	uint8_t reserved[3];
	uint8_t error_code;    /* response */
	uint8_t reply_reserved[3];
};
_Static_assert(sizeof(struct x710_aqc_remove_macvlan_elem) == 16, "remove macvlan elem");
_Static_assert(offsetof(struct x710_aqc_remove_macvlan_elem, error_code) == 12, "error_code");
#define X710_AQC_MACVLAN_DEL_PERFECT_MATCH 0x01
#define X710_AQC_MACVLAN_DEL_IGNORE_VLAN   0x08
#define X710_AQC_MACVLAN_DEL_ALL_VSIS      0x10
#define X710_AQC_REMOVE_MACVLAN_SUCCESS    0x00
#define X710_AQC_REMOVE_MACVLAN_FAIL       0xFF
#define X710_AQ_VLAN_ID_MASK               0x0FFF

/* 0x0254 set_vsi_promiscuous_modes (spec §3.5). */
struct x710_aqc_set_vsi_promisc {
	uint16_t promiscuous_flags;
	uint16_t valid_flags;
	uint16_t seid;
	uint16_t vlan_tag;
	uint8_t reserved[8];
};
_Static_assert(offsetof(struct x710_aqc_set_vsi_promisc, vlan_tag) == 6, "promisc cmd");
#define X710_AQC_SET_VSI_PROMISC_UNICAST   0x0001
#define X710_AQC_SET_VSI_PROMISC_MULTICAST 0x0002
#define X710_AQC_SET_VSI_PROMISC_BROADCAST 0x0004
#define X710_AQC_SET_VSI_DEFAULT           0x0008
#define X710_AQC_SET_VSI_PROMISC_VLAN      0x0010
#define X710_AQC_SET_VSI_PROMISC_RX_ONLY   0x8000
#define X710_AQC_VSI_PROM_CMD_SEID_MASK    0x03FF

/* 0x0400 configure_vsi_bw_limit (direct): the Tx scheduler's rate limit of
 * one VSI (i40e_adminq_cmd.h i40e_aqc_configure_vsi_bw_limit, DPDK 22.11).
 * credit in units of X710_AQ_BW_CREDIT_MBPS, 0 = no limit; max_credit is a
 * burst of 2^max_credit credits. */
struct x710_aqc_config_vsi_bw_limit {
	uint16_t vsi_seid;
	uint8_t reserved[2];
	uint16_t credit;
	uint8_t reserved1[2];
	uint8_t max_credit;
	uint8_t reserved2[7];
};
_Static_assert(sizeof(struct x710_aqc_config_vsi_bw_limit) == 16, "bw limit cmd");
_Static_assert(offsetof(struct x710_aqc_config_vsi_bw_limit, credit) == 4, "bw credit");
_Static_assert(offsetof(struct x710_aqc_config_vsi_bw_limit, max_credit) == 8, "bw max_credit");
/* One credit is 50 Mbps: Linux i40e's I40E_BW_CREDIT_DIVISOR (linux-ecosystem.md). */
#define X710_AQ_BW_CREDIT_MBPS 50u
/* credit is a __le16: the largest limit the command can express. */
#define X710_AQ_BW_CREDIT_MAX 0xFFFFu
/* The header documents max_credit 0-3; Linux i40e sends 4
 * (I40E_MAX_BW_INACTIVE_ACCUM) and firmware takes it. */
#define X710_AQ_BW_MAX_CREDIT_MAX 4u

/* 0x0607 get_link_status (direct; the same params in the link event). */
struct x710_aqc_get_link_status {
	uint16_t command_flags;
	uint8_t phy_type;
	uint8_t link_speed;
	uint8_t link_info;
	uint8_t an_info;
	uint8_t ext_info;
	uint8_t loopback;
	uint16_t max_frame_size;
	uint8_t config;
	uint8_t reserved[5];   /* power_desc or link_type[] in later APIs */
};
_Static_assert(sizeof(struct x710_aqc_get_link_status) == 16, "link status");
#define X710_AQ_LSE_MASK        0x3
#define X710_AQ_LSE_NOP         0x0
#define X710_AQ_LSE_DISABLE     0x2
#define X710_AQ_LSE_ENABLE      0x3
#define X710_AQ_LSE_IS_ENABLED  0x1   /* response only */
#define X710_AQ_LINK_UP_FUNCTION 0x01
#define X710_AQ_LINK_UP_PORT     0x20
#define X710_AQ_MEDIA_AVAILABLE  0x40
#define X710_AQ_AN_COMPLETED     0x01
#define X710_AQ_PHY_TYPE_10GBASE_SR 0x14
/* enum i40e_aq_link_speed: one bit per speed, bit 0 = 2.5G, 7 = 5G. */
#define X710_AQ_LINK_SPEED_UNKNOWN 0x00
#define X710_AQ_LINK_SPEED_2_5GB 0x01
#define X710_AQ_LINK_SPEED_5GB   0x80
#define X710_AQ_LINK_SPEED_100MB 0x02
#define X710_AQ_LINK_SPEED_1GB   0x04
#define X710_AQ_LINK_SPEED_10GB  0x08
#define X710_AQ_LINK_SPEED_40GB  0x10
#define X710_AQ_LINK_SPEED_20GB  0x20
#define X710_AQ_LINK_SPEED_25GB  0x40

/* 0x0613 set_phy_int_mask (direct; B:i40e_adminq_cmd.h struct
 * i40e_aqc_set_phy_int_mask, I40E_AQ_EVENT_*): a set bit masks (suppresses)
 * that event; the command writes the whole mask. */
struct x710_aqc_set_phy_int_mask {
	uint8_t reserved[8];
	uint16_t event_mask;
	uint8_t reserved1[6];
};
_Static_assert(sizeof(struct x710_aqc_set_phy_int_mask) == 16, "set_phy_int_mask");
#define X710_AQ_EVENT_LINK_UPDOWN      0x0002
#define X710_AQ_EVENT_MEDIA_NA         0x0004
#define X710_AQ_EVENT_LINK_FAULT       0x0008
#define X710_AQ_EVENT_PHY_TEMP_ALARM   0x0010
#define X710_AQ_EVENT_EXCESSIVE_ERRORS 0x0020
#define X710_AQ_EVENT_SIGNAL_DETECT    0x0040
#define X710_AQ_EVENT_AN_COMPLETED     0x0080
#define X710_AQ_EVENT_MODULE_QUAL_FAIL 0x0100
/* DPDK 22.11 names bit 9 PORT_TX_SUSPENDED (later headers: PORT_TX_FAULT). */
#define X710_AQ_EVENT_PORT_TX_SUSPENDED 0x0200
/* What both i40e PF drivers leave unmasked before relying on link events:
 * mask = ~(LINK_UPDOWN | MODULE_QUAL_FAIL | MEDIA_NA) (DPDK I:i40e_ethdev.c
 * i40e_dev_start; Linux i40e_main.c the same three). */
#define X710_AQ_EVENTS_I40E_WANTS \
	(X710_AQ_EVENT_LINK_UPDOWN | X710_AQ_EVENT_MODULE_QUAL_FAIL | X710_AQ_EVENT_MEDIA_NA)

/* 0x0802 send_msg_to_vf (spec §2.2): id = absolute VF id. */
struct x710_aqc_pf_vf_message {
	uint32_t id;
	uint8_t reserved[4];
	uint32_t addr_high;
	uint32_t addr_low;
};
_Static_assert(sizeof(struct x710_aqc_pf_vf_message) == 16, "pf_vf_message");

#endif /* X710_ADMINQ_DEFS_H */
