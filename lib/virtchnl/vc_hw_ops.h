/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_hw_ops: the narrow interface through which the virtchnl PF host asks
 * the hardware layer (lib/hw/x710) to act for one VF. The host has no
 * hardware access of its own; it validates every VF message completely and
 * only then calls one of these.
 *
 * Conventions for every op:
 *  - ctx is the hw layer's own context, given to the host at creation;
 *  - vf is the PF-relative VF index (0 .. num_vfs-1). The hw layer adds
 *    vf_base_id where the device wants the absolute id (spec §0 #10);
 *  - vf_queue is the VF-relative queue index (< granted queues <= 16);
 *  - the return value is 0 or a negative errno; the host never retries.
 * Arguments are already validated against the spec limits (§3.6) and the
 * VF's policy, so the hw layer may trust ranges but not intent.
 */
#ifndef VC_HW_OPS_H
#define VC_HW_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "x710/virtchnl_defs.h"

/* One Tx queue of CONFIG_VSI_QUEUES, decoded (spec §3.6 "Tx context"). */
struct vc_txq_params {
	uint64_t ring_dma;      /* 128-byte aligned, non-zero */
	uint16_t ring_len;      /* descriptors: multiple of 8, 8..8160 */
};

/* One Rx queue of CONFIG_VSI_QUEUES, decoded (spec §3.6 "Rx context"). */
struct vc_rxq_params {
	uint64_t ring_dma;        /* 128-byte aligned, non-zero */
	uint32_t ring_len;        /* descriptors: multiple of 32, 32..8160 */
	uint32_t databuffer_size; /* bytes, 128..16256; dbuff = size >> 7 */
	uint32_t max_pkt_size;    /* bytes, 64..16383 (rxmax) */
};

/* Link as the hardware sees it for the VF's port. */
struct vc_link {
	bool up;
	uint32_t speed_mbps;    /* 0 when unknown */
};

struct vc_hw_ops {
	/* Send one message to the VF: AQ 0x0802, cookie_high = v_opcode, cookie_low = v_retval. */
	int (*send_to_vf)(void *ctx, uint16_t vf, uint32_t v_opcode, int32_t v_retval,
			  const void *msg, uint16_t len);
	/* Reset the VF (VPGEN_VFRTRIG sequence, or after an FLR) and rebuild its VSI, filters and queue map to the current policy. */
	int (*vf_reset)(void *ctx, uint16_t vf, bool after_flr);
	/* Write the HMC Tx context and QTX_CTL of VF queue vf_queue. */
	int (*config_txq)(void *ctx, uint16_t vf, uint16_t vf_queue, const struct vc_txq_params *p);
	/* Write the HMC Rx context of VF queue vf_queue (32-byte descriptors, CRC strip). */
	int (*config_rxq)(void *ctx, uint16_t vf, uint16_t vf_queue, const struct vc_rxq_params *p);
	/* Link the queues in the bitmaps to VF MSI-X vector `vector` (0 = the mailbox vector); empty maps unlink it. */
	int (*config_irq_map)(void *ctx, uint16_t vf, uint16_t vector, uint16_t rxq_map,
			      uint16_t txq_map, uint16_t rx_itr_idx, uint16_t tx_itr_idx);
	/* Enable (Rx first) or disable (Rx last) the configured VF queues in the bitmaps. */
	int (*switch_queues)(void *ctx, uint16_t vf, uint16_t rxq_map, uint16_t txq_map, bool enable);
	/* Add or remove a perfect MAC filter (any VLAN) on the VF's VSI. */
	int (*mac_filter)(void *ctx, uint16_t vf, const uint8_t mac[6], bool add);
	/* Add or remove a VLAN filter (vid 0..4095) on the VF's VSI. */
	int (*vlan_filter)(void *ctx, uint16_t vf, uint16_t vid, bool add);
	/* Set the VSI's unicast / multicast promiscuous modes (AQ 0x0254); only called when the policy allows it. */
	int (*set_promisc)(void *ctx, uint16_t vf, bool unicast, bool multicast);
	/* Turn VLAN tag stripping on the VF's VSI on or off (AQ 0x0211). */
	int (*vlan_strip)(void *ctx, uint16_t vf, bool enable);
	/* Fill the VSI's Ethernet statistics. */
	int (*get_stats)(void *ctx, uint16_t vf, struct virtchnl_eth_stats *out);
	/* Program the VF RSS key (exactly VC_RSS_KEY_SIZE bytes). */
	int (*set_rss_key)(void *ctx, uint16_t vf, const uint8_t *key, uint16_t len);
	/* Program the VF RSS LUT (exactly VC_RSS_LUT_SIZE entries, each < granted queues). */
	int (*set_rss_lut)(void *ctx, uint16_t vf, const uint8_t *lut, uint16_t entries);
	/* Program the VF hash enable bits (VFQF_HENA1), already masked to the supported set. */
	int (*set_rss_hena)(void *ctx, uint16_t vf, uint64_t hena);
	/* Report the physical link of the VF's port. */
	int (*link)(void *ctx, uint16_t vf, struct vc_link *out);
	/* Report the VSI number (the vsi_id the VF must use) of the VF's current VSI. */
	int (*vsi_id)(void *ctx, uint16_t vf, uint16_t *out);
};

#endif /* VC_HW_OPS_H */
