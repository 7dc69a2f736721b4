/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Typed admin queue commands, one function per command a PF needs
 * (spec §3.2-§3.5), named x710_aq_<verb>_<object>(). Each returns 0 or a
 * negative errno; a firmware refusal is also recorded by name in hw->aq_err.
 */
#ifndef X710_AQ_CMDS_H
#define X710_AQ_CMDS_H

#include <stdbool.h>
#include <stdint.h>

#include "x710_hw.h"

/* Layouts x710_adminq_defs.h does not carry (i40e_adminq_cmd.h). */
struct x710_aqc_driver_version {          /* 0x0002 */
	uint8_t major, minor, build, subbuild;
	uint8_t reserved[4];
	uint32_t addr_high, addr_low;
};
struct x710_aqc_queue_shutdown {          /* 0x0003 */
	uint32_t driver_unloading;
	uint8_t reserved[12];
};
#define X710_AQ_DRIVER_UNLOADING 0x1
struct x710_aqc_request_resource {        /* 0x0008 / 0x0009 */
	uint16_t resource_id;
	uint16_t access_type;
	uint32_t timeout;
	uint32_t resource_number;
	uint8_t reserved[4];
};
#define X710_AQ_RESOURCE_NVM        1
#define X710_AQ_RESOURCE_ACCESS_READ  1
#define X710_AQ_RESOURCE_ACCESS_WRITE 2
struct x710_aqc_clear_pxe {               /* 0x0110 */
	uint8_t rx_cnt;
	uint8_t reserved[15];
};
#define X710_AQ_CLEAR_PXE_RX_CNT 0x2      /* what i40e_clear_pxe_mode sends */
/* 0x0252/0x0253 element (i40e_aqc_add_remove_vlan_element_data, 8 B). */
struct x710_aqc_vlan_elem {
	uint16_t vlan_tag;
	uint8_t vlan_flags;
	uint8_t reserved;
	uint8_t result;
	uint8_t reserved1[3];
};
_Static_assert(sizeof(struct x710_aqc_vlan_elem) == 8, "vlan element");
/* add_veb flags beyond FLOATING (i40e_adminq_cmd.h). */
#define X710_AQC_ADD_VEB_PORT_TYPE_DEFAULT 0x2
#define X710_AQC_ADD_VEB_PORT_TYPE_DATA    0x4
#define X710_AQC_ADD_VEB_ENABLE_DISABLE_STATS 0x10

struct x710_mac_addrs {
	bool lan_valid, port_valid;
	uint8_t lan[X710_ETH_ALEN], port[X710_ETH_ALEN];
};

/* A VSI's add/update/get context: the command and the 128-byte sections. */
struct x710_vsi_ctx {
	uint16_t seid;                /* update/get: the VSI; add: returned */
	uint16_t uplink_seid;         /* add */
	uint8_t connection_type;      /* add */
	uint8_t vf_id;                /* add: absolute VF id */
	uint16_t flags;               /* add: X710_AQ_VSI_TYPE_* */
	uint16_t vsi_number, vsi_used, vsi_free;   /* returned */
	uint8_t info[X710_VSI_PROPS_SIZE];
};

struct x710_veb_params {
	uint16_t seid, switch_id, veb_flags, stat_index, vebs_used, vebs_free;
};

int x710_aq_get_version(struct x710_hw *hw, struct x710_fw_version *out);
int x710_aq_driver_version(struct x710_hw *hw, uint8_t major, uint8_t minor, uint8_t build,
			   uint8_t subbuild, const char *name);
int x710_aq_queue_shutdown(struct x710_hw *hw, bool unloading);
int x710_aq_request_resource(struct x710_hw *hw, uint16_t resource, uint16_t access,
			     uint32_t *timeout_ms);
int x710_aq_release_resource(struct x710_hw *hw, uint16_t resource);
int x710_aq_list_func_capabilities(struct x710_hw *hw, struct x710_caps *out);
/* Parse a capability element list (exposed for tests); -EINVAL if len is
 * not whole elements. */
int x710_caps_parse(const void *buf, size_t len, struct x710_caps *out);
int x710_aq_mac_address_read(struct x710_hw *hw, struct x710_mac_addrs *out);
int x710_aq_clear_pxe_mode(struct x710_hw *hw);
/* Elements from *next_seid on (0 = first) into out[cap]; *n = how many,
 * *next_seid = where to continue (0 when done). */
int x710_aq_get_switch_config(struct x710_hw *hw, struct x710_aqc_switch_config_elem *out,
			      unsigned int cap, unsigned int *n, uint16_t *next_seid);
int x710_aq_add_veb(struct x710_hw *hw, uint16_t uplink, uint16_t downlink, uint8_t tcs,
		    uint16_t veb_flags, uint16_t *veb_seid);
int x710_aq_get_veb_parameters(struct x710_hw *hw, uint16_t seid, struct x710_veb_params *out);
int x710_aq_add_vsi(struct x710_hw *hw, struct x710_vsi_ctx *ctx);
int x710_aq_update_vsi_params(struct x710_hw *hw, struct x710_vsi_ctx *ctx);
int x710_aq_get_vsi_params(struct x710_hw *hw, struct x710_vsi_ctx *ctx);
int x710_aq_delete_element(struct x710_hw *hw, uint16_t seid);
/* n elements; the per-element results come back in elems. */
int x710_aq_add_macvlan(struct x710_hw *hw, uint16_t vsi_seid,
			struct x710_aqc_add_macvlan_elem *elems, uint16_t n);
int x710_aq_remove_macvlan(struct x710_hw *hw, uint16_t vsi_seid,
			   struct x710_aqc_remove_macvlan_elem *elems, uint16_t n);
int x710_aq_add_vlan(struct x710_hw *hw, uint16_t vsi_seid, struct x710_aqc_vlan_elem *elems,
		     uint16_t n);
int x710_aq_remove_vlan(struct x710_hw *hw, uint16_t vsi_seid,
			struct x710_aqc_vlan_elem *elems, uint16_t n);
/* Only the modes in `valid` (X710_AQC_SET_VSI_PROMISC_*) change. */
int x710_aq_set_vsi_promiscuous_modes(struct x710_hw *hw, uint16_t vsi_seid, uint16_t flags,
				      uint16_t valid);
/* The VSI's Tx rate limit: credit x X710_AQ_BW_CREDIT_MBPS (0 = none), a
 * burst of 2^max_credit credits (max_credit <= X710_AQ_BW_MAX_CREDIT_MAX). */
int x710_aq_config_vsi_bw_limit(struct x710_hw *hw, uint16_t vsi_seid, uint16_t credit,
				uint8_t max_credit);
int x710_aq_get_link_status(struct x710_hw *hw, bool enable_lse, struct x710_link_status *out);
/* get_link_status's parameters (the response, or a link event's) as a status. */
void x710_link_status_parse(const struct x710_aqc_get_link_status *c,
			    struct x710_link_status *out);
/* 0x0613: the whole PHY event mask; a set bit (X710_AQ_EVENT_*) keeps that
 * event off the ARQ. */
int x710_aq_set_phy_int_mask(struct x710_hw *hw, uint16_t mask);
int x710_aq_send_msg_to_vf(struct x710_hw *hw, uint16_t abs_vf, uint32_t v_opcode,
			   int32_t v_retval, const void *msg, uint16_t len);

#endif /* X710_AQ_CMDS_H */
