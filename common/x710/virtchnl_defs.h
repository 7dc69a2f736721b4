/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * virtchnl: the PF <-> VF mailbox protocol carried in AQ opcodes 0x0801 and
 * 0x0802. Facts from x710-hardware.md §3.8, checked against DPDK 22.11
 * drivers/common/iavf/virtchnl.h (opcodes, status codes, capability bits,
 * struct sizes and offsets, and the length rules of
 * virtchnl_vc_validate_vf_msg); x710_facts_test.c pins the key ones.
 * Variable-length messages keep the legacy one-element-array sizes: wire
 * length = the _BASE size + n * element size (spec §0 #6).
 */
#ifndef VIRTCHNL_DEFS_H
#define VIRTCHNL_DEFS_H

#include <stddef.h>
#include <stdint.h>

enum virtchnl_op {
	VIRTCHNL_OP_UNKNOWN = 0,
	VIRTCHNL_OP_VERSION = 1,
	VIRTCHNL_OP_RESET_VF = 2,
	VIRTCHNL_OP_GET_VF_RESOURCES = 3,
	VIRTCHNL_OP_CONFIG_VSI_QUEUES = 6,
	VIRTCHNL_OP_CONFIG_IRQ_MAP = 7,
	VIRTCHNL_OP_ENABLE_QUEUES = 8,
	VIRTCHNL_OP_DISABLE_QUEUES = 9,
	VIRTCHNL_OP_ADD_ETH_ADDR = 10,
	VIRTCHNL_OP_DEL_ETH_ADDR = 11,
	VIRTCHNL_OP_ADD_VLAN = 12,
	VIRTCHNL_OP_DEL_VLAN = 13,
	VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE = 14,
	VIRTCHNL_OP_GET_STATS = 15,
	VIRTCHNL_OP_EVENT = 17,
	VIRTCHNL_OP_CONFIG_RSS_KEY = 23,
	VIRTCHNL_OP_CONFIG_RSS_LUT = 24,
	VIRTCHNL_OP_GET_RSS_HENA_CAPS = 25,
	VIRTCHNL_OP_SET_RSS_HENA = 26,
	VIRTCHNL_OP_ENABLE_VLAN_STRIPPING = 27,
	VIRTCHNL_OP_DISABLE_VLAN_STRIPPING = 28,
	VIRTCHNL_OP_REQUEST_QUEUES = 29,
	VIRTCHNL_OP_GET_SUPPORTED_RXDIDS = 44,
	VIRTCHNL_OP_GET_OFFLOAD_VLAN_V2_CAPS = 51,
	VIRTCHNL_OP_ENABLE_QUEUES_V2 = 107,
	VIRTCHNL_OP_DISABLE_QUEUES_V2 = 108,
	VIRTCHNL_OP_MAP_QUEUE_VECTOR = 111,
	VIRTCHNL_OP_CONFIG_QUANTA = 113,
};

/* Status in cookie_low of a 0x0802 reply (C:virtchnl.h:45-52). */
enum virtchnl_status {
	VIRTCHNL_STATUS_SUCCESS = 0,
	VIRTCHNL_STATUS_ERR_PARAM = -5,
	VIRTCHNL_STATUS_ERR_NO_MEMORY = -18,
	VIRTCHNL_STATUS_ERR_OPCODE_MISMATCH = -38,
	VIRTCHNL_STATUS_ERR_CQP_COMPL_ERROR = -39,
	VIRTCHNL_STATUS_ERR_INVALID_VF_ID = -40,
	VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR = -53,
	VIRTCHNL_STATUS_ERR_NOT_SUPPORTED = -64,
};

#define VIRTCHNL_VERSION_MAJOR 1
#define VIRTCHNL_VERSION_MINOR 1   /* iavf accepts exactly 1.1 (spec §0 #5) */

/* Reset states in VFGEN_RSTAT (spec §2.3). */
enum virtchnl_vfr_state {
	VIRTCHNL_VFR_INPROGRESS = 0,
	VIRTCHNL_VFR_COMPLETED = 1,
	VIRTCHNL_VFR_VFACTIVE = 2,
};

#define VIRTCHNL_VSI_SRIOV 6

/* Capability flags named in the spec (C:virtchnl.h:398-431). */
#define VIRTCHNL_VF_OFFLOAD_L2          0x00000001u
#define VIRTCHNL_VF_OFFLOAD_VLAN        0x00010000u
#define VIRTCHNL_VF_OFFLOAD_RX_POLLING  0x00020000u
#define VIRTCHNL_VF_OFFLOAD_RSS_PF      0x00080000u
#define VIRTCHNL_VF_OFFLOAD_WB_ON_ITR   0x00000020u
#define VIRTCHNL_VF_OFFLOAD_REQ_QUEUES  0x00000040u
#define VIRTCHNL_VF_CAP_ADV_LINK_SPEED  0x00000080u
/* Further bits an iavf VF asks for; a PF answers with the subset it has. */
#define VIRTCHNL_VF_OFFLOAD_RSS_AQ      0x00000008u
#define VIRTCHNL_VF_OFFLOAD_RSS_REG     0x00000010u
#define VIRTCHNL_VF_OFFLOAD_CRC         0x00000400u
#define VIRTCHNL_VF_OFFLOAD_VLAN_V2     0x00008000u
#define VIRTCHNL_VF_OFFLOAD_RSS_PCTYPE_V2 0x00040000u
#define VIRTCHNL_VF_OFFLOAD_RX_FLEX_DESC 0x04000000u
#define VIRTCHNL_VF_OFFLOAD_ADV_RSS_PF  0x08000000u

/* Link speed enum (virtchnl_link_speed): the same bits as the AQ's. */
#define VIRTCHNL_LINK_SPEED_UNKNOWN 0x0
#define VIRTCHNL_LINK_SPEED_2_5GB 0x1
#define VIRTCHNL_LINK_SPEED_5GB   0x80
#define VIRTCHNL_LINK_SPEED_100MB 0x2
#define VIRTCHNL_LINK_SPEED_1GB   0x4
#define VIRTCHNL_LINK_SPEED_10GB  0x8
#define VIRTCHNL_LINK_SPEED_40GB  0x10
#define VIRTCHNL_LINK_SPEED_20GB  0x20
#define VIRTCHNL_LINK_SPEED_25GB  0x40

struct virtchnl_version_info {
	uint32_t major;
	uint32_t minor;
};
_Static_assert(sizeof(struct virtchnl_version_info) == 8, "version_info");

struct virtchnl_vsi_resource {
	uint16_t vsi_id;
	uint16_t num_queue_pairs;
	int32_t vsi_type;
	uint16_t qset_handle;
	uint8_t default_mac_addr[6];
};
_Static_assert(sizeof(struct virtchnl_vsi_resource) == 16, "vsi_resource");
_Static_assert(offsetof(struct virtchnl_vsi_resource, default_mac_addr) == 10, "vsi mac");

struct virtchnl_vf_resource {
	uint16_t num_vsis;
	uint16_t num_queue_pairs;
	uint16_t max_vectors;
	uint16_t max_mtu;
	uint32_t vf_cap_flags;
	uint32_t rss_key_size;
	uint32_t rss_lut_size;
	struct virtchnl_vsi_resource vsi_res[1];
};
_Static_assert(sizeof(struct virtchnl_vf_resource) == 36, "vf_resource");
_Static_assert(offsetof(struct virtchnl_vf_resource, vsi_res) == 20, "vsi_res");

struct virtchnl_txq_info {
	uint16_t vsi_id;
	uint16_t queue_id;
	uint16_t ring_len;
	uint16_t headwb_enabled;
	uint64_t dma_ring_addr;
	uint64_t dma_headwb_addr;
};
_Static_assert(sizeof(struct virtchnl_txq_info) == 24, "txq_info");

struct virtchnl_rxq_info {
	uint16_t vsi_id;
	uint16_t queue_id;
	uint32_t ring_len;
	uint16_t hdr_size;
	uint16_t splithdr_enabled;
	uint32_t databuffer_size;
	uint32_t max_pkt_size;
	uint8_t crc_disable;
	uint8_t rxdid;
	uint8_t flags;
	uint8_t pad1;
	uint64_t dma_ring_addr;
	int32_t rx_split_pos;
	uint32_t pad2;
};
_Static_assert(sizeof(struct virtchnl_rxq_info) == 40, "rxq_info");
_Static_assert(offsetof(struct virtchnl_rxq_info, rxdid) == 21, "rxdid");
_Static_assert(offsetof(struct virtchnl_rxq_info, dma_ring_addr) == 24, "rx dma");
_Static_assert(offsetof(struct virtchnl_rxq_info, rx_split_pos) == 32, "split pos");

struct virtchnl_queue_pair_info {
	struct virtchnl_txq_info txq;
	struct virtchnl_rxq_info rxq;
};
_Static_assert(sizeof(struct virtchnl_queue_pair_info) == 64, "queue_pair_info");

struct virtchnl_vsi_queue_config_info {
	uint16_t vsi_id;
	uint16_t num_queue_pairs;
	uint32_t pad;
	struct virtchnl_queue_pair_info qpair[1];
};
_Static_assert(sizeof(struct virtchnl_vsi_queue_config_info) == 72, "vsi_queue_config");
_Static_assert(offsetof(struct virtchnl_vsi_queue_config_info, qpair) == 8, "qpair");
#define VIRTCHNL_CONFIG_VSI_QUEUES_LEN(n) (72 + 64 * (n))  /* as iavf sends it */

struct virtchnl_vector_map {
	uint16_t vsi_id;
	uint16_t vector_id;
	uint16_t rxq_map;
	uint16_t txq_map;
	uint16_t rxitr_idx;
	uint16_t txitr_idx;
};
_Static_assert(sizeof(struct virtchnl_vector_map) == 12, "vector_map");
struct virtchnl_irq_map_info {
	uint16_t num_vectors;
	struct virtchnl_vector_map vecmap[1];
};
_Static_assert(offsetof(struct virtchnl_irq_map_info, vecmap) == 2, "vecmap");
_Static_assert(sizeof(struct virtchnl_irq_map_info) == 14, "irq_map_info");
#define VIRTCHNL_IRQ_MAP_LEN(n) (14 + 12 * (n))

struct virtchnl_queue_select {
	uint16_t vsi_id;
	uint16_t pad;
	uint32_t rx_queues;
	uint32_t tx_queues;
};
_Static_assert(sizeof(struct virtchnl_queue_select) == 12, "queue_select");

#define VIRTCHNL_ETHER_ADDR_LEGACY 0
#define VIRTCHNL_ETHER_ADDR_PRIMARY 1
#define VIRTCHNL_ETHER_ADDR_EXTRA 2
struct virtchnl_ether_addr {
	uint8_t addr[6];
	uint8_t type;
	uint8_t pad;
};
_Static_assert(sizeof(struct virtchnl_ether_addr) == 8, "ether_addr");
struct virtchnl_ether_addr_list {
	uint16_t vsi_id;
	uint16_t num_elements;
	struct virtchnl_ether_addr list[1];
};
_Static_assert(sizeof(struct virtchnl_ether_addr_list) == 12, "ether_addr_list");
_Static_assert(offsetof(struct virtchnl_ether_addr_list, list) == 4, "addr list");
#define VIRTCHNL_ETHER_ADDR_LIST_LEN(n) (12 + 8 * (n))

#define FLAG_VF_UNICAST_PROMISC   0x1
#define FLAG_VF_MULTICAST_PROMISC 0x2
struct virtchnl_promisc_info {
	uint16_t vsi_id;
	uint16_t flags;
};
_Static_assert(sizeof(struct virtchnl_promisc_info) == 4, "promisc_info");

struct virtchnl_rss_key {
	uint16_t vsi_id;
	uint16_t key_len;
	uint8_t key[1];
	uint8_t pad;
};
_Static_assert(sizeof(struct virtchnl_rss_key) == 6, "rss_key");
struct virtchnl_rss_lut {
	uint16_t vsi_id;
	uint16_t lut_entries;
	uint8_t lut[1];
	uint8_t pad;
};
_Static_assert(sizeof(struct virtchnl_rss_lut) == 6, "rss_lut");
#define VIRTCHNL_RSS_LEN(n) (6 + (n) - 1)

struct virtchnl_rss_hena {
	uint64_t hena;
};
_Static_assert(sizeof(struct virtchnl_rss_hena) == 8, "rss_hena");
struct virtchnl_supported_rxdids {
	uint64_t supported_rxdids;
};
_Static_assert(sizeof(struct virtchnl_supported_rxdids) == 8, "rxdids");

struct virtchnl_eth_stats {
	uint64_t rx_bytes, rx_unicast, rx_multicast, rx_broadcast;
	uint64_t rx_discards, rx_unknown_protocol;
	uint64_t tx_bytes, tx_unicast, tx_multicast, tx_broadcast;
	uint64_t tx_discards, tx_errors;
};
_Static_assert(sizeof(struct virtchnl_eth_stats) == 96, "eth_stats");

enum virtchnl_event_codes {
	VIRTCHNL_EVENT_UNKNOWN = 0,
	VIRTCHNL_EVENT_LINK_CHANGE = 1,
	VIRTCHNL_EVENT_RESET_IMPENDING = 2,
	VIRTCHNL_EVENT_PF_DRIVER_CLOSE = 3,
};
#define PF_EVENT_SEVERITY_INFO 0
#define PF_EVENT_SEVERITY_CERTAIN_DOOM 255
struct virtchnl_pf_event {
	int32_t event;
	union {
		struct {
			uint32_t link_speed;
			uint8_t link_status;
			uint8_t pad[3];
		} link_event;
		struct {           /* with VIRTCHNL_VF_CAP_ADV_LINK_SPEED: Mbps */
			uint32_t link_speed;
			uint8_t link_status;
			uint8_t pad[3];
		} link_event_adv;
		uint8_t raw[8];
	} event_data;
	int32_t severity;
};
_Static_assert(sizeof(struct virtchnl_pf_event) == 16, "pf_event");
_Static_assert(offsetof(struct virtchnl_pf_event, severity) == 12, "severity");

#endif /* VIRTCHNL_DEFS_H */
