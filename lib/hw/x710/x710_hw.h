/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One X710 PF as the OS-free hardware layer sees it: the osdep, the admin
 * queue, what the firmware reported, the switch elements, the HMC, the
 * queue allocator and the per-VF state. Every function takes this context;
 * the layer keeps no global state. Multi-byte AQ and context fields are
 * little-endian and the layer assumes a little-endian host.
 */
#ifndef X710_HW_H
#define X710_HW_H

#include <stdbool.h>
#include <stdint.h>

#include "x710/x710_adminq_defs.h"
#include "x710/x710_regs.h"
#include "x710_adminq.h"
#include "x710_aq_error.h"
#include "x710_hmc.h"
#include "x710_osdep.h"
#include "x710_qalloc.h"

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "AQ descriptors and HMC contexts are stored as host-order little-endian");

#define X710_MAX_VFS_PER_PF   128   /* _VF = 0..127 (spec §3.3) */
#define X710_VF_MAX_QUEUES    16    /* VPLAN_QTABLE _i = 0..15 */
#define X710_VSI_NONE         0xFFFF
#define X710_ETH_ALEN         6

/* What list_func_capabilities reported (spec §3.2). */
struct x710_caps {
	uint32_t switch_mode;
	uint32_t valid_functions;
	bool sriov;
	uint32_t num_vfs;             /* TotalVFs of this PF */
	uint32_t vf_base_id;          /* absolute id of VF 0 */
	uint32_t num_vsis;
	uint32_t rss_table_size, rss_table_entry_width;
	uint32_t num_rx_qp, num_tx_qp;
	uint32_t base_queue;          /* absolute id of PF queue 0 */
	uint32_t num_msix_vectors;
	uint32_t num_msix_vectors_vf; /* vector 0 included */
};

struct x710_fw_version {
	uint32_t rom_ver, fw_build;
	uint16_t fw_major, fw_minor, api_major, api_minor;
};

/* What the caller wants for one VF (the policy lives above this layer). */
struct x710_vf_config {
	uint16_t num_queues;          /* 1..16 */
	bool has_mac;
	uint8_t mac[X710_ETH_ALEN];   /* default MAC filter */
	bool mac_anti_spoof;          /* sec_flags ENABLE_MAC_CHK */
	bool port_vlan;               /* pvid below is in force */
	uint16_t pvid;                /* VLAN id b11:0, priority b15:13 */
	uint16_t tx_credit;           /* Tx limit, 50 Mbps units (0x0400); 0 = none */
	uint8_t tx_max_credit;        /* its burst: 2^tx_max_credit credits */
};

/* The port's link (get_link_status, spec §3.2 0x0607, or its event). */
struct x710_link_status {
	bool up;
	bool lse_enabled;
	uint8_t speed;                /* X710_AQ_LINK_SPEED_* */
	uint8_t phy_type;
	uint8_t link_info, an_info;
	uint16_t max_frame_size;
};

struct x710_vf {
	bool in_use;                  /* set up by x710_vf_setup */
	uint16_t vf_id;               /* PF-relative */
	uint16_t abs_id;              /* + vf_base_id */
	struct x710_vf_config cfg;
	uint16_t pfq[X710_VF_MAX_QUEUES];  /* PF queue behind VF queue i */
	uint16_t vsi_seid, vsi_num;
	uint16_t qs_handle, stat_idx;
	uint8_t sec_flags;
	uint16_t promisc_flags;
	bool vlan_strip;
	uint32_t resets;
};

struct x710_hw {
	struct x710_osdep os;
	unsigned int pf_id;           /* PCI function number of the PF */
	struct x710_aq aq;
	struct x710_aq_error aq_err;  /* last failed AQ command */
	struct x710_fw_version fw;
	struct x710_caps caps;
	uint8_t mac[X710_ETH_ALEN];
	uint16_t mac_seid, pf_seid, main_vsi_seid, main_vsi_num;
	uint16_t veb_seid;            /* X710_VSI_NONE until the first VF */
	/* The link as i40e keeps it: read when link events are enabled, then
	 * updated from each event (x710_pf_link_event); valid when link_known. */
	bool link_known;
	struct x710_link_status link;
	struct x710_hmc hmc;
	struct x710_qalloc qalloc;
	unsigned int num_vfs;         /* enabled VFs */
	struct x710_vf vfs[X710_MAX_VFS_PER_PF];
};

/* "add_vsi (0x0210) failed: ENOSPC" for the last failed command. */
const char *x710_hw_last_error(const struct x710_hw *hw, char *buf, size_t len);

#endif /* X710_HW_H */
