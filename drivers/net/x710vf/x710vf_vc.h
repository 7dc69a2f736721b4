/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * virtchnl client of net_x710vf: one request, one checked reply, over the
 * VF admin queue (x710-hardware.md §1.2, §3.7, §3.8). OS-free like the
 * mailbox: waiting is a caller hook, so a unit test plays the PF in it.
 * The PF is not trusted: every reply is checked for opcode, status, length
 * and content before a field of it is used.
 */
#ifndef X710VF_VC_H
#define X710VF_VC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x710/virtchnl_defs.h"
#include "x710vf_mbx.h"

/* Facts not in virtchnl_defs.h (C:virtchnl.h:398-431 via spec §1.4, §3.7). */
#define X710VF_MAX_QUEUES       16      /* VPLAN_QTABLE _i = 0..15 (spec §3.3) */
#define X710VF_RSS_KEY_MAX      52      /* X710 VFQF_HKEY1 0..12 (spec §3.3) */
#define X710VF_RSS_LUT_MAX      64      /* X710 VFQF_HLUT1 0..15, 1 B each */
#define X710VF_MAX_VSIS         16      /* bound for an untrusted num_vsis */
#define X710VF_VLAN_LIST_LEN(n) (6 + 2 * (n))   /* vlan_filter_list, lib/virtchnl rule */
#define X710VF_REPLY_TIMEOUT_POLLS 2000 /* x 1 ms = 2 s, as iavf (spec §0 #4) */

/* Capabilities we ask for: what X710 PFs grant and we implement (spec §1.4). */
#define X710VF_CAPS_WANTED \
	(VIRTCHNL_VF_OFFLOAD_L2 | VIRTCHNL_VF_OFFLOAD_VLAN | VIRTCHNL_VF_OFFLOAD_RSS_PF | \
	 VIRTCHNL_VF_OFFLOAD_RX_POLLING | VIRTCHNL_VF_OFFLOAD_REQ_QUEUES | \
	 VIRTCHNL_VF_CAP_ADV_LINK_SPEED)

typedef void (*x710vf_vc_wait_fn)(void *ctx);
typedef void (*x710vf_vc_event_fn)(void *ctx, const struct virtchnl_pf_event *ev);

struct x710vf_vc {
	struct x710vf_mbx *mbx;
	x710vf_vc_wait_fn wait;         /* one poll interval (1 ms) */
	x710vf_vc_event_fn on_event;
	void *ctx;
	unsigned int timeout_polls;
	uint32_t stray_replies;         /* replies nobody waited for */
	uint32_t bad_messages;          /* malformed descriptors or events */
	uint8_t buf[X710VF_MBX_BUF];
};

/* What GET_VF_RESOURCES granted, checked. */
struct x710vf_vf_info {
	uint32_t caps;
	uint16_t num_queue_pairs;
	uint16_t max_vectors;
	uint16_t max_mtu;
	uint16_t vsi_id;
	uint16_t rss_key_size;
	uint16_t rss_lut_size;
	uint8_t mac[6];
};

/* Queue ring parameters for CONFIG_VSI_QUEUES. */
struct x710vf_qcfg {
	uint64_t tx_ring_iova, rx_ring_iova;    /* 0 = no queue of that kind */
	uint16_t tx_ring_len, rx_ring_len;
	uint32_t rx_buf_size, rx_max_pkt;
};

void x710vf_vc_init(struct x710vf_vc *vc, struct x710vf_mbx *mbx, x710vf_vc_wait_fn wait,
		    x710vf_vc_event_fn on_event, void *ctx);
/* Send `op` and wait for its reply; reply_len must match `reply_cap` exactly
 * unless `reply_len` is given (then up to reply_cap). Status -> -errno. */
int x710vf_vc_call(struct x710vf_vc *vc, uint32_t op, const void *req, size_t req_len,
		   void *reply, size_t reply_cap, size_t *reply_len);
/* Drain the ARQ outside a call: events are dispatched, stray replies counted. */
int x710vf_vc_poll(struct x710vf_vc *vc);

/* Map a virtchnl status (cookie_low) to -errno. */
int x710vf_vc_status_errno(int32_t status);
/* Check a GET_VF_RESOURCES reply of len bytes and extract what we use. */
int x710vf_vc_parse_resources(const void *msg, size_t len, struct x710vf_vf_info *out);
/* Check a VIRTCHNL_OP_EVENT payload. */
int x710vf_vc_parse_event(const void *msg, size_t len, struct virtchnl_pf_event *out);

int x710vf_vc_version(struct x710vf_vc *vc);
int x710vf_vc_get_resources(struct x710vf_vc *vc, struct x710vf_vf_info *out);
int x710vf_vc_config_queues(struct x710vf_vc *vc, uint16_t vsi, uint16_t n,
			    const struct x710vf_qcfg *q);
int x710vf_vc_irq_map(struct x710vf_vc *vc, uint16_t vsi, uint16_t nb_rx);
int x710vf_vc_switch_queues(struct x710vf_vc *vc, uint16_t vsi, bool enable,
			    uint32_t rx_mask, uint32_t tx_mask);
int x710vf_vc_eth_addr(struct x710vf_vc *vc, uint16_t vsi, bool add, const uint8_t mac[6],
		       uint8_t type);
int x710vf_vc_vlan(struct x710vf_vc *vc, uint16_t vsi, bool add, uint16_t vid);
int x710vf_vc_vlan_strip(struct x710vf_vc *vc, bool enable);
int x710vf_vc_promisc(struct x710vf_vc *vc, uint16_t vsi, uint16_t flags);
int x710vf_vc_get_stats(struct x710vf_vc *vc, uint16_t vsi, struct virtchnl_eth_stats *st);
int x710vf_vc_rss_key(struct x710vf_vc *vc, uint16_t vsi, const uint8_t *key, uint16_t len);
int x710vf_vc_rss_lut(struct x710vf_vc *vc, uint16_t vsi, const uint8_t *lut, uint16_t n);
int x710vf_vc_get_hena_caps(struct x710vf_vc *vc, uint64_t *hena);
int x710vf_vc_set_hena(struct x710vf_vc *vc, uint64_t hena);
/* REQUEST_QUEUES: 0 when granted (a VF reset follows), -EAGAIN with
 * *granted = what the PF offers instead. */
int x710vf_vc_request_queues(struct x710vf_vc *vc, uint16_t want, uint16_t *granted);

#endif /* X710VF_VC_H */
