/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_wire: virtchnl facts the host needs that common/x710/virtchnl_defs.h
 * (owned by simcore) does not carry yet, and the limits the host checks
 * messages against. Local names (vc_ prefix) so that a later addition to
 * virtchnl_defs.h cannot clash.
 */
#ifndef VC_WIRE_H
#define VC_WIRE_H

#include <stdint.h>

#include "x710/virtchnl_defs.h"

/* ADD/DEL_VLAN payload (C:virtchnl.h virtchnl_vlan_filter_list; missing in
 * virtchnl_defs.h). Legacy sizeof 6, wire length 6 + 2n (spec §0 #6). */
struct vc_vlan_filter_list {
	uint16_t vsi_id;
	uint16_t num_elements;
	uint16_t vlan_id[1];
};
_Static_assert(sizeof(struct vc_vlan_filter_list) == 6, "vlan_filter_list");
#define VC_VLAN_FILTER_LIST_BASE 6
#define VC_VLAN_FILTER_LIST_ELEM 2

/* REQUEST_QUEUES payload (C:virtchnl.h virtchnl_vf_res_request; missing). */
struct vc_vf_res_request {
	uint16_t num_queue_pairs;
};
_Static_assert(sizeof(struct vc_vf_res_request) == 2, "vf_res_request");

/* GET_VF_RESOURCES request: the VF's capability wish (u32), 1.1 VFs only. */
#define VC_CAPS_REQUEST_LEN 4

/* Capability bits iavf may ask for that we never grant (spec §1.4); named
 * so that tests can prove it. Missing in virtchnl_defs.h. */
#define VC_CAP_RX_FLEX_DESC     0x04000000u
#define VC_CAP_VLAN_V2          0x00008000u
#define VC_CAP_LARGE_NUM_QPAIRS 0x00000200u
/* The mask iavf 22.11 sends in GET_VF_RESOURCES (spec §1.2 P4). */
#define VC_IAVF_2211_CAPS       0xBE0BC7E1u

/* X710 RSS sizes reported in vf_resource (spec §1.4, §3.7). */
#define VC_RSS_KEY_SIZE 52
#define VC_RSS_LUT_SIZE 64

/* Queue context limits (spec §3.6, ixl_vf_config_rx_queue, Linux PF). */
#define VC_RING_LEN_MAX        8160    /* 8192 - 32, Linux I40E_MAX_NUM_DESCRIPTORS_XL710 */
#define VC_TX_RING_LEN_ALIGN   8
#define VC_RX_RING_LEN_ALIGN   32
#define VC_RING_DMA_ALIGN      128     /* ctx base is addr / 128 */
#define VC_RX_DBUFF_MIN        128     /* dbuff is in 128-byte units: 0 would be no buffer */
#define VC_RX_DBUFF_MAX        0x3F80  /* 16 K - 128 */
#define VC_RX_MAX_PKT_MIN      64      /* ETHER_MIN_LEN */
#define VC_RX_MAX_PKT_MAX      0x3FFF  /* rxmax is 14 bits */
#define VC_RX_HDR_SIZE_MAX     0x840   /* ixl: header buffer limit */
#define VC_ITR_IDX_MAX         3       /* 0..2 ITR, 3 = none (ixl check) */
#define VC_QUEUE_BITMAP_BITS   16      /* VPLAN_QTABLE has 16 entries */
#define VC_VLAN_ID_MAX         4095

/* Legacy Rx descriptor id: the only one without RX_FLEX_DESC (spec §1.3). */
#define VC_RXDID_LEGACY        0

/* Largest MTU the VF may use: X710 max frame 9728 minus L2 header, FCS and
 * two VLAN tags (Linux I40E_MAX_RXBUFFER / DPDK I40E_FRAME_SIZE_MAX). */
#define VC_MAX_MTU (9728 - 14 - 4 - 8)

/* Default hash-enable set of an X710 VF (Linux I40E_DEFAULT_RSS_HENA): PCTYPEs
 * 31 IPv4/UDP, 33 IPv4/TCP, 34 IPv4/SCTP, 35 IPv4/other, 36 IPv4 frag,
 * 41 IPv6/UDP, 43 IPv6/TCP, 44 IPv6/SCTP, 45 IPv6/other, 46 IPv6 frag, 63 L2. */
#define VC_X710_DEFAULT_HENA \
	((1ull << 31) | (1ull << 33) | (1ull << 34) | (1ull << 35) | (1ull << 36) | \
	 (1ull << 41) | (1ull << 43) | (1ull << 44) | (1ull << 45) | (1ull << 46) | \
	 (1ull << 63))

/* Filter limits (spec §3.5, Linux I40E_VC_MAX_MAC_ADDR_PER_VF = 16 + 1 + 1,
 * I40E_VC_MAX_VLAN_PER_VF = 16). Trusted VFs get the preallocated maximum. */
#define VC_UNTRUSTED_MAX_MAC   18
#define VC_UNTRUSTED_MAX_VLAN  16
#define VC_TRUSTED_MAX_MAC     64
#define VC_TRUSTED_MAX_VLAN    64

#endif /* VC_WIRE_H */
