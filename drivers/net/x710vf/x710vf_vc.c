/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * virtchnl requests and reply checks (x710-hardware.md §1.2, §3.7, §3.8).
 * A reply is matched by opcode (cookie_high); events can arrive at any
 * time, also while a reply is awaited (spec §0 #4).
 */
#include <errno.h>
#include <string.h>

#include "x710vf_vc.h"

/* Struct sizes on the wire (spec §3.8). */
#define VF_RES_BASE       20      /* virtchnl_vf_resource up to vsi_res[] */
#define VSI_RES_SIZE      16
#define MIN_MTU_SANE      68      /* IPv4 minimum (RFC 791) */
#define MAX_MTU_SANE      9710    /* X710 max frame 9728 - 18 (spec §5 / sim) */

void
x710vf_vc_init(struct x710vf_vc *vc, struct x710vf_mbx *mbx, x710vf_vc_wait_fn wait,
	       x710vf_vc_event_fn on_event, void *ctx)
{
	memset(vc, 0, sizeof(*vc));
	vc->mbx = mbx;
	vc->wait = wait;
	vc->on_event = on_event;
	vc->ctx = ctx;
	vc->timeout_polls = X710VF_REPLY_TIMEOUT_POLLS;
}

int
x710vf_vc_status_errno(int32_t status)
{
	switch (status) {
	case VIRTCHNL_STATUS_SUCCESS:
		return 0;
	case VIRTCHNL_STATUS_ERR_NOT_SUPPORTED:
		return -ENOTSUP;
	case VIRTCHNL_STATUS_ERR_PARAM:
		return -EINVAL;
	case VIRTCHNL_STATUS_ERR_NO_MEMORY:
		return -ENOMEM;
	default:
		return -EIO;    /* a Linux PF sends -errno, a DPDK PF i40e codes: both failures */
	}
}

int
x710vf_vc_parse_event(const void *msg, size_t len, struct virtchnl_pf_event *out)
{
	if (len != sizeof(*out))
		return -EPROTO;
	memcpy(out, msg, sizeof(*out));
	if (out->event < VIRTCHNL_EVENT_LINK_CHANGE || out->event > VIRTCHNL_EVENT_PF_DRIVER_CLOSE)
		return -EPROTO;
	if (out->event == VIRTCHNL_EVENT_LINK_CHANGE && out->event_data.link_event.link_status > 1)
		return -EPROTO;
	return 0;
}

/* Take one ARQ message; dispatch events. 1 = a reply is in vc->buf. */
static int
take_one(struct x710vf_vc *vc, struct x710vf_mbx_msg *m)
{
	int rc = x710vf_mbx_recv(vc->mbx, m, vc->buf, sizeof(vc->buf));
	if (rc < 0) {
		vc->bad_messages++;
		return rc == -EPROTO ? -EAGAIN : rc;
	}
	if (rc == 0)
		return 0;
	if (m->v_op == VIRTCHNL_OP_EVENT) {
		struct virtchnl_pf_event ev;
		if (x710vf_vc_parse_event(vc->buf, m->len, &ev) != 0)
			vc->bad_messages++;
		else if (vc->on_event)
			vc->on_event(vc->ctx, &ev);
		return -EAGAIN;
	}
	return 1;
}

int
x710vf_vc_poll(struct x710vf_vc *vc)
{
	struct x710vf_mbx_msg m;
	int rc;

	while ((rc = take_one(vc, &m)) != 0) {
		if (rc == 1)
			vc->stray_replies++;
		else if (rc != -EAGAIN)
			return rc;
	}
	return 0;
}

int
x710vf_vc_call(struct x710vf_vc *vc, uint32_t op, const void *req, size_t req_len,
	       void *reply, size_t reply_cap, size_t *reply_len)
{
	struct x710vf_mbx_msg m;
	int rc = x710vf_mbx_send(vc->mbx, op, req, req_len);
	if (rc != 0)
		return rc;
	for (unsigned int polls = 0; polls <= vc->timeout_polls;) {
		rc = take_one(vc, &m);
		if (rc == 0) {
			if (!x710vf_mbx_alive(vc->mbx))
				return -ENETRESET;      /* reset or FLR under us (§2.3) */
			vc->wait(vc->ctx);
			polls++;
			continue;
		}
		if (rc == -EAGAIN)
			continue;
		if (rc < 0)
			return rc;
		if (m.v_op != op) {
			vc->stray_replies++;    /* iavf drops these too (spec §0 #4) */
			continue;
		}
		rc = x710vf_vc_status_errno(m.v_status);
		if (rc != 0)
			return rc;
		if (reply_len ? m.len > reply_cap : m.len != reply_cap)
			return -EBADMSG;
		if (m.len > 0)
			memcpy(reply, vc->buf, m.len);
		if (reply_len)
			*reply_len = m.len;
		return 0;
	}
	return -ETIMEDOUT;
}

int
x710vf_vc_version(struct x710vf_vc *vc)
{
	struct virtchnl_version_info v = { VIRTCHNL_VERSION_MAJOR, VIRTCHNL_VERSION_MINOR }, r;
	int rc = x710vf_vc_call(vc, VIRTCHNL_OP_VERSION, &v, sizeof(v), &r, sizeof(r), NULL);
	if (rc != 0)
		return rc;
	/* Only 1.1 is spoken here: 1.0 lacks the caps word we send. */
	return r.major == VIRTCHNL_VERSION_MAJOR && r.minor == VIRTCHNL_VERSION_MINOR ? 0 : -EPROTO;
}

static bool
mac_usable(const uint8_t m[6])
{
	static const uint8_t zero[6];
	return !(m[0] & 1) && memcmp(m, zero, 6) != 0;  /* unicast, not zero */
}

int
x710vf_vc_parse_resources(const void *msg, size_t len, struct x710vf_vf_info *out)
{
	const uint8_t *p = msg;
	struct virtchnl_vf_resource r;
	struct virtchnl_vsi_resource vsi;

	if (len < sizeof(r))
		return -EBADMSG;
	memcpy(&r, p, sizeof(r));
	if (r.num_vsis == 0 || r.num_vsis > X710VF_MAX_VSIS ||
	    len != VF_RES_BASE + (size_t)r.num_vsis * VSI_RES_SIZE)
		return -EBADMSG;
	if (r.num_queue_pairs == 0 || r.num_queue_pairs > X710VF_MAX_QUEUES ||
	    r.max_vectors == 0 || !(r.vf_cap_flags & VIRTCHNL_VF_OFFLOAD_L2))
		return -EPROTO;
	if (r.max_mtu != 0 && (r.max_mtu < MIN_MTU_SANE || r.max_mtu > MAX_MTU_SANE))
		return -EPROTO;
	if ((r.vf_cap_flags & VIRTCHNL_VF_OFFLOAD_RSS_PF) &&
	    (r.rss_key_size == 0 || r.rss_key_size > X710VF_RSS_KEY_MAX ||
	     r.rss_lut_size == 0 || r.rss_lut_size > X710VF_RSS_LUT_MAX))
		return -EPROTO;
	/* The SR-IOV VSI is the one we drive (spec §1.2-P4). */
	int found = -1;
	for (unsigned int i = 0; i < r.num_vsis && found < 0; i++) {
		memcpy(&vsi, p + VF_RES_BASE + i * VSI_RES_SIZE, sizeof(vsi));
		if (vsi.vsi_type == VIRTCHNL_VSI_SRIOV)
			found = (int)i;
	}
	if (found < 0 || vsi.num_queue_pairs == 0 || vsi.num_queue_pairs > r.num_queue_pairs)
		return -EPROTO;
	memset(out, 0, sizeof(*out));
	out->caps = r.vf_cap_flags & X710VF_CAPS_WANTED;   /* ignore what we never asked for */
	out->num_queue_pairs = vsi.num_queue_pairs;
	out->max_vectors = r.max_vectors;
	out->max_mtu = r.max_mtu;
	out->vsi_id = vsi.vsi_id;
	if (out->caps & VIRTCHNL_VF_OFFLOAD_RSS_PF) {
		out->rss_key_size = (uint16_t)r.rss_key_size;
		out->rss_lut_size = (uint16_t)r.rss_lut_size;
	}
	if (mac_usable(vsi.default_mac_addr))
		memcpy(out->mac, vsi.default_mac_addr, 6);
	return 0;
}

int
x710vf_vc_get_resources(struct x710vf_vc *vc, struct x710vf_vf_info *out)
{
	uint32_t caps = X710VF_CAPS_WANTED;
	uint8_t reply[VF_RES_BASE + X710VF_MAX_VSIS * VSI_RES_SIZE];
	size_t len;
	int rc = x710vf_vc_call(vc, VIRTCHNL_OP_GET_VF_RESOURCES, &caps, sizeof(caps),
				reply, sizeof(reply), &len);
	return rc != 0 ? rc : x710vf_vc_parse_resources(reply, len, out);
}

int
x710vf_vc_config_queues(struct x710vf_vc *vc, uint16_t vsi, uint16_t n,
			const struct x710vf_qcfg *q)
{
	uint8_t msg[VIRTCHNL_CONFIG_VSI_QUEUES_LEN(X710VF_MAX_QUEUES)];
	struct virtchnl_vsi_queue_config_info hdr = { .vsi_id = vsi, .num_queue_pairs = n };

	if (n == 0 || n > X710VF_MAX_QUEUES)
		return -EINVAL;
	memset(msg, 0, sizeof(msg));
	memcpy(msg, &hdr, offsetof(struct virtchnl_vsi_queue_config_info, qpair));
	for (uint16_t i = 0; i < n; i++) {
		struct virtchnl_queue_pair_info qp;
		memset(&qp, 0, sizeof(qp));
		qp.txq.vsi_id = vsi;
		qp.txq.queue_id = i;
		qp.rxq.vsi_id = vsi;
		qp.rxq.queue_id = i;
		if (q[i].tx_ring_iova) {
			qp.txq.ring_len = q[i].tx_ring_len;
			qp.txq.dma_ring_addr = q[i].tx_ring_iova;
		}
		if (q[i].rx_ring_iova) {
			qp.rxq.ring_len = q[i].rx_ring_len;
			qp.rxq.dma_ring_addr = q[i].rx_ring_iova;
			qp.rxq.databuffer_size = q[i].rx_buf_size;
			qp.rxq.max_pkt_size = q[i].rx_max_pkt;
		}
		memcpy(msg + offsetof(struct virtchnl_vsi_queue_config_info, qpair) +
		       (size_t)i * sizeof(qp), &qp, sizeof(qp));
	}
	return x710vf_vc_call(vc, VIRTCHNL_OP_CONFIG_VSI_QUEUES, msg,
			      VIRTCHNL_CONFIG_VSI_QUEUES_LEN(n), NULL, 0, NULL);
}

int
x710vf_vc_irq_map(struct x710vf_vc *vc, uint16_t vsi, uint16_t nb_rx)
{
	/* Polling driver: all Rx queues on vector 0, no Tx queues (spec §1.2-S3, §0 #8). */
	uint8_t msg[VIRTCHNL_IRQ_MAP_LEN(1)];
	uint16_t one = 1;
	struct virtchnl_vector_map vm = {
		.vsi_id = vsi, .vector_id = 0,
		.rxq_map = (uint16_t)((1u << nb_rx) - 1), .txq_map = 0,
	};
	memcpy(msg, &one, sizeof(one));
	memcpy(msg + offsetof(struct virtchnl_irq_map_info, vecmap), &vm, sizeof(vm));
	return x710vf_vc_call(vc, VIRTCHNL_OP_CONFIG_IRQ_MAP, msg, sizeof(msg), NULL, 0, NULL);
}

int
x710vf_vc_switch_queues(struct x710vf_vc *vc, uint16_t vsi, bool enable,
			uint32_t rx_mask, uint32_t tx_mask)
{
	struct virtchnl_queue_select qs = { .vsi_id = vsi, .rx_queues = rx_mask,
					    .tx_queues = tx_mask };
	if ((rx_mask | tx_mask) == 0)
		return 0;       /* the PF refuses two empty bitmaps (spec §3.7) */
	return x710vf_vc_call(vc, enable ? VIRTCHNL_OP_ENABLE_QUEUES : VIRTCHNL_OP_DISABLE_QUEUES,
			      &qs, sizeof(qs), NULL, 0, NULL);
}

int
x710vf_vc_eth_addr(struct x710vf_vc *vc, uint16_t vsi, bool add, const uint8_t mac[6],
		   uint8_t type)
{
	uint8_t msg[VIRTCHNL_ETHER_ADDR_LIST_LEN(1)];
	struct virtchnl_ether_addr_list l;

	memset(&l, 0, sizeof(l));
	l.vsi_id = vsi;
	l.num_elements = 1;
	memcpy(l.list[0].addr, mac, 6);
	l.list[0].type = type;
	memset(msg, 0, sizeof(msg));
	memcpy(msg, &l, sizeof(l));
	return x710vf_vc_call(vc, add ? VIRTCHNL_OP_ADD_ETH_ADDR : VIRTCHNL_OP_DEL_ETH_ADDR,
			      msg, sizeof(msg), NULL, 0, NULL);
}

int
x710vf_vc_vlan(struct x710vf_vc *vc, uint16_t vsi, bool add, uint16_t vid)
{
	uint8_t msg[X710VF_VLAN_LIST_LEN(1)];
	uint16_t fields[3] = { vsi, 1, vid };   /* vsi_id, num_elements, vlan_id[0] */

	memcpy(msg, fields, sizeof(fields));
	memset(msg + sizeof(fields), 0, sizeof(msg) - sizeof(fields));
	return x710vf_vc_call(vc, add ? VIRTCHNL_OP_ADD_VLAN : VIRTCHNL_OP_DEL_VLAN,
			      msg, sizeof(msg), NULL, 0, NULL);
}

int
x710vf_vc_vlan_strip(struct x710vf_vc *vc, bool enable)
{
	return x710vf_vc_call(vc, enable ? VIRTCHNL_OP_ENABLE_VLAN_STRIPPING :
			      VIRTCHNL_OP_DISABLE_VLAN_STRIPPING, NULL, 0, NULL, 0, NULL);
}

int
x710vf_vc_promisc(struct x710vf_vc *vc, uint16_t vsi, uint16_t flags)
{
	struct virtchnl_promisc_info pi = { .vsi_id = vsi, .flags = flags };
	return x710vf_vc_call(vc, VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE, &pi, sizeof(pi),
			      NULL, 0, NULL);
}

int
x710vf_vc_get_stats(struct x710vf_vc *vc, uint16_t vsi, struct virtchnl_eth_stats *st)
{
	struct virtchnl_queue_select qs = { .vsi_id = vsi };
	return x710vf_vc_call(vc, VIRTCHNL_OP_GET_STATS, &qs, sizeof(qs), st, sizeof(*st), NULL);
}

/* Key and LUT share one layout: vsi, count, bytes (wire 6 + n - 1, §3.8). */
static int
rss_bytes(struct x710vf_vc *vc, uint32_t op, uint16_t vsi, const uint8_t *b, uint16_t n,
	  uint16_t max)
{
	uint8_t msg[VIRTCHNL_RSS_LEN(X710VF_RSS_LUT_MAX)];
	uint16_t hdr[2] = { vsi, n };

	if (n == 0 || n > max)
		return -EINVAL;
	memcpy(msg, hdr, sizeof(hdr));
	memcpy(msg + sizeof(hdr), b, n);
	return x710vf_vc_call(vc, op, msg, VIRTCHNL_RSS_LEN(n), NULL, 0, NULL);
}

int
x710vf_vc_rss_key(struct x710vf_vc *vc, uint16_t vsi, const uint8_t *key, uint16_t len)
{
	return rss_bytes(vc, VIRTCHNL_OP_CONFIG_RSS_KEY, vsi, key, len, X710VF_RSS_KEY_MAX);
}

int
x710vf_vc_rss_lut(struct x710vf_vc *vc, uint16_t vsi, const uint8_t *lut, uint16_t n)
{
	return rss_bytes(vc, VIRTCHNL_OP_CONFIG_RSS_LUT, vsi, lut, n, X710VF_RSS_LUT_MAX);
}

int
x710vf_vc_get_hena_caps(struct x710vf_vc *vc, uint64_t *hena)
{
	return x710vf_vc_call(vc, VIRTCHNL_OP_GET_RSS_HENA_CAPS, NULL, 0, hena, sizeof(*hena),
			      NULL);
}

int
x710vf_vc_set_hena(struct x710vf_vc *vc, uint64_t hena)
{
	return x710vf_vc_call(vc, VIRTCHNL_OP_SET_RSS_HENA, &hena, sizeof(hena), NULL, 0, NULL);
}

int
x710vf_vc_request_queues(struct x710vf_vc *vc, uint16_t want, uint16_t *granted)
{
	uint16_t got = 0;
	int rc = x710vf_vc_call(vc, VIRTCHNL_OP_REQUEST_QUEUES, &want, sizeof(want),
				&got, sizeof(got), NULL);
	if (rc != 0)
		return rc;
	if (got > X710VF_MAX_QUEUES)
		return -EPROTO;
	*granted = got;
	return got == want ? 0 : -EAGAIN;
}
