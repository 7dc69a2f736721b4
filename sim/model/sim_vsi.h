/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A VSI as the internal switch sees it. The firmware model (add/update VSI,
 * add/remove MAC-VLAN, promiscuous modes) writes these; the data path reads
 * them for forwarding and anti-spoof and writes the counters.
 */
#ifndef SIM_VSI_H
#define SIM_VSI_H

#include <stdbool.h>
#include <stdint.h>

#define SIM_VSI_MAX            384  /* VSILAN_QTABLE _VSI = 0..383 */
#define SIM_VSI_MAX_FILTERS    128  /* per-VSI perfect MAC-VLAN filters kept */
#define SIM_VSI_MAX_QUEUES     16   /* queue_mapping[16] in the VSI properties */
#define SIM_VSI_PROPS_SIZE     128  /* struct i40e_aqc_vsi_properties_data */
#define SIM_VLAN_IDS           4096 /* 12-bit VLAN id, IEEE 802.1Q */

enum sim_vsi_type {
	SIM_VSI_VF = 0,        /* vsi_flags type b1:0, x710-hardware.md §3.4 */
	SIM_VSI_VMDQ2 = 1,
	SIM_VSI_PF = 2,
};

struct sim_mac_filter {
	uint8_t mac[6];
	uint16_t vlan;          /* VLAN id, ignored when ignore_vlan */
	bool ignore_vlan;
};

/* The 12 counters of virtchnl_eth_stats, in its order. */
struct sim_eth_stats {
	uint64_t rx_bytes, rx_unicast, rx_multicast, rx_broadcast;
	uint64_t rx_discards, rx_unknown_protocol;
	uint64_t tx_bytes, tx_unicast, tx_multicast, tx_broadcast;
	uint64_t tx_discards, tx_errors;
};

/* Why the switch dropped a frame; one counter each, per VSI and per port. */
enum sim_drop_reason {
	SIM_DROP_ANTI_SPOOF_MAC,   /* sec_flags MAC_CHK and source not a filter */
	SIM_DROP_ANTI_SPOOF_VLAN,  /* sec_flags VLAN_CHK and VLAN not a filter */
	SIM_DROP_NO_MATCH,         /* no VSI and no wire took it */
	SIM_DROP_RX_NO_DESC,       /* Rx ring empty (tail == head) */
	SIM_DROP_RX_QUEUE_OFF,     /* destination queue not enabled */
	SIM_DROP_OVERSIZE,         /* larger than rxmax */
	SIM_DROP_TX_MALFORMED,     /* bad descriptor chain */
	SIM_DROP_DMA_FAULT,        /* IOVA not mapped */
	SIM_DROP_FAULT_INJECTED,   /* an injected Rx overrun */
	SIM_DROP_LINK_DOWN,        /* the port's link is down: nothing in or out */
	SIM_DROP_REASON_COUNT
};

struct sim_vsi {
	bool in_use;
	uint16_t seid;             /* switch element id returned by add_vsi */
	uint16_t vsi_num;          /* VSI number (vsi_id reported to the VF) */
	enum sim_vsi_type type;
	uint8_t pf;                /* port / PF that owns it */
	int16_t vf_abs;            /* absolute VF id for VF VSIs, else -1 */
	uint16_t uplink_seid;
	uint8_t props[SIM_VSI_PROPS_SIZE];  /* as last written by add/update */

	/* Decoded from props; kept in step by the firmware model. */
	uint8_t sec_flags;         /* ENABLE_VLAN_CHK 0x02, ENABLE_MAC_CHK 0x04 */
	bool allow_lb;             /* switch_id ALLOW_LB 0x2000 */
	uint16_t pvid;
	uint8_t port_vlan_flags;
	uint16_t num_queues;
	uint16_t queue_map[SIM_VSI_MAX_QUEUES];  /* VSI queue -> PF queue */

	uint16_t promisc_flags;    /* UNICAST 0x1, MULTICAST 0x2, BROADCAST 0x4, DEFAULT 0x8 */
	struct sim_mac_filter filters[SIM_VSI_MAX_FILTERS];
	unsigned int n_filters;
	/* VLAN table from add/remove VLAN (0x0252/0x0253), one bit per id;
	 * when any is set, the VSI is a member of those VLANs only. */
	uint64_t vlan_member[SIM_VLAN_IDS / 64];
	unsigned int n_vlans;

	/* Tx bandwidth limit (config_vsi_bw_limit 0x0400), written by the
	 * firmware model: credits of 50 Mbps (0 = no limit) and a burst of
	 * 2^bw_max_credit credits. The token bucket is the data path's. */
	uint16_t bw_credit;
	uint8_t bw_max_credit;
	struct sim_vsi_shaper {
		uint64_t tokens;       /* bytes x 10^9: exact integer refills */
		uint64_t last_ns;      /* host clock at the last refill */
		uint16_t credit;       /* the limit the bucket was primed for */
		uint8_t max_credit;
		bool primed;
	} shaper;

	struct sim_eth_stats stats;
	uint64_t drops[SIM_DROP_REASON_COUNT];
};

#endif /* SIM_VSI_H */
