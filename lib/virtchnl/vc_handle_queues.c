/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_handle_queues: CONFIG_VSI_QUEUES, CONFIG_IRQ_MAP, ENABLE_QUEUES,
 * DISABLE_QUEUES. Each message is checked entirely (limits of spec §3.6,
 * §3.7) before the first hw op.
 */
#include <string.h>

#include "vc_host_internal.h"

#define VSI_QUEUES_HDR 8   /* vsi_id, num_queue_pairs, pad: qpair[] @8 */
#define IRQ_MAP_HDR 2      /* num_vectors: vecmap[] @2 */

static bool ring_dma_ok(uint64_t dma)
{
	return dma != 0 && dma % VC_RING_DMA_ALIGN == 0;
}

static const char *txq_problem(const struct virtchnl_txq_info *t)
{
	if (t->ring_len == 0)
		return NULL;   /* pair without a Tx queue (iavf: qid >= nb_tx) */
	if (t->ring_len % VC_TX_RING_LEN_ALIGN || t->ring_len > VC_RING_LEN_MAX)
		return "tx ring_len";
	if (!ring_dma_ok(t->dma_ring_addr))
		return "tx dma_ring_addr";
	if (t->headwb_enabled)
		return "tx head write-back";
	return NULL;
}

static const char *rxq_problem(const struct virtchnl_rxq_info *q)
{
	if (q->ring_len == 0)
		return NULL;
	if (q->ring_len % VC_RX_RING_LEN_ALIGN || q->ring_len > VC_RING_LEN_MAX)
		return "rx ring_len";
	if (!ring_dma_ok(q->dma_ring_addr))
		return "rx dma_ring_addr";
	if (q->databuffer_size < VC_RX_DBUFF_MIN || q->databuffer_size > VC_RX_DBUFF_MAX)
		return "rx databuffer_size";
	if (q->max_pkt_size < VC_RX_MAX_PKT_MIN || q->max_pkt_size > VC_RX_MAX_PKT_MAX)
		return "rx max_pkt_size";
	if (q->splithdr_enabled || q->hdr_size > VC_RX_HDR_SIZE_MAX)
		return "rx header split";
	if (q->rxdid != VC_RXDID_LEGACY)
		return "rx rxdid (flex descriptors not granted)";
	return NULL;
}

int32_t vc_h_config_vsi_queues(struct vc_host *h, uint16_t vf, const uint8_t *msg,
			       uint16_t len, struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	struct virtchnl_queue_pair_info qp;
	uint16_t n = vc_get_le16(msg + 2), seen = 0;
	const char *why;

	(void)len; (void)r;
	if (!vc_vsi_ok(h, vf, vc_get_le16(msg)) || n == 0 || n > v->num_queues) {
		vc_log(h, VC_LOG_WARN, vf, "CONFIG_VSI_QUEUES: bad vsi_id or %u pairs", n);
		return VIRTCHNL_STATUS_ERR_PARAM;
	}
	for (uint16_t i = 0; i < n; i++) {
		memcpy(&qp, msg + VSI_QUEUES_HDR + i * sizeof(qp), sizeof(qp));
		uint16_t q = qp.txq.queue_id;

		if (!vc_vsi_ok(h, vf, qp.txq.vsi_id) || !vc_vsi_ok(h, vf, qp.rxq.vsi_id) ||
		    q != qp.rxq.queue_id || q >= v->num_queues || (seen & (1u << q))) {
			vc_log(h, VC_LOG_WARN, vf, "CONFIG_VSI_QUEUES: pair %u: bad vsi or queue id", i);
			return VIRTCHNL_STATUS_ERR_PARAM;
		}
		seen |= (uint16_t)(1u << q);
		/* Rewriting the context of a running queue would corrupt it. */
		if ((v->txq_enabled | v->rxq_enabled) & (1u << q)) {
			vc_log(h, VC_LOG_WARN, vf, "CONFIG_VSI_QUEUES: queue %u is enabled", q);
			return VIRTCHNL_STATUS_ERR_PARAM;
		}
		why = txq_problem(&qp.txq);
		if (!why)
			why = rxq_problem(&qp.rxq);
		if (why) {
			vc_log(h, VC_LOG_WARN, vf, "CONFIG_VSI_QUEUES: queue %u: bad %s", q, why);
			return VIRTCHNL_STATUS_ERR_PARAM;
		}
	}
	for (uint16_t i = 0; i < n; i++) {
		memcpy(&qp, msg + VSI_QUEUES_HDR + i * sizeof(qp), sizeof(qp));
		uint16_t q = qp.txq.queue_id, bit = (uint16_t)(1u << q);
		int rc = 0;

		v->txq_configured &= (uint16_t)~bit;
		v->rxq_configured &= (uint16_t)~bit;
		if (qp.txq.ring_len) {
			struct vc_txq_params t = { qp.txq.dma_ring_addr, qp.txq.ring_len };

			rc = h->p.ops->config_txq(h->p.hw_ctx, vf, q, &t);
			if (!rc)
				v->txq_configured |= bit;
		}
		if (!rc && qp.rxq.ring_len) {
			struct vc_rxq_params p = { qp.rxq.dma_ring_addr, qp.rxq.ring_len,
						   qp.rxq.databuffer_size, qp.rxq.max_pkt_size };

			rc = h->p.ops->config_rxq(h->p.hw_ctx, vf, q, &p);
			if (!rc)
				v->rxq_configured |= bit;
		}
		if (rc) {
			vc_log(h, VC_LOG_ERR, vf, "CONFIG_VSI_QUEUES: queue %u: hw error %d", q, rc);
			return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
		}
	}
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_config_irq_map(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
			    struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	struct virtchnl_vector_map m;
	uint16_t n = vc_get_le16(msg), qmask = vc_queue_mask(v);
	uint16_t rx_seen = 0, tx_seen = 0;
	uint32_t vec_seen = 0;

	(void)len; (void)r;
	if (n == 0 || n > h->p.max_vectors) {
		vc_log(h, VC_LOG_WARN, vf, "CONFIG_IRQ_MAP: %u vectors", n);
		return VIRTCHNL_STATUS_ERR_PARAM;
	}
	for (uint16_t i = 0; i < n; i++) {
		memcpy(&m, msg + IRQ_MAP_HDR + i * sizeof(m), sizeof(m));
		/* A queue on two vectors, or a vector twice, would break the HW linked lists. */
		if (!vc_vsi_ok(h, vf, m.vsi_id) || m.vector_id >= h->p.max_vectors ||
		    (vec_seen & (1u << m.vector_id)) || (m.rxq_map & ~qmask) ||
		    (m.txq_map & ~qmask) || (m.rxq_map & rx_seen) || (m.txq_map & tx_seen) ||
		    m.rxitr_idx > VC_ITR_IDX_MAX || m.txitr_idx > VC_ITR_IDX_MAX) {
			vc_log(h, VC_LOG_WARN, vf, "CONFIG_IRQ_MAP: map %u invalid", i);
			return VIRTCHNL_STATUS_ERR_PARAM;
		}
		vec_seen |= 1u << m.vector_id;
		rx_seen |= m.rxq_map;
		tx_seen |= m.txq_map;
	}
	for (uint16_t i = 0; i < n; i++) {
		memcpy(&m, msg + IRQ_MAP_HDR + i * sizeof(m), sizeof(m));
		int rc = h->p.ops->config_irq_map(h->p.hw_ctx, vf, m.vector_id, m.rxq_map,
						  m.txq_map, m.rxitr_idx, m.txitr_idx);
		if (rc) {
			vc_log(h, VC_LOG_ERR, vf, "CONFIG_IRQ_MAP: vector %u: hw error %d",
			       m.vector_id, rc);
			return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
		}
	}
	return VIRTCHNL_STATUS_SUCCESS;
}

/* Common checks of ENABLE/DISABLE_QUEUES: vsi, non-empty, within the grant. */
static bool queue_select_ok(struct vc_host *h, uint16_t vf, const uint8_t *msg,
			    struct virtchnl_queue_select *qs)
{
	uint32_t qmask = vc_queue_mask(&h->vfs[vf]);

	memcpy(qs, msg, sizeof(*qs));
	if (!vc_vsi_ok(h, vf, qs->vsi_id) || (qs->rx_queues | qs->tx_queues) == 0 ||
	    (qs->rx_queues & ~qmask) || (qs->tx_queues & ~qmask)) {
		vc_log(h, VC_LOG_WARN, vf, "queue select: vsi %u rx 0x%x tx 0x%x invalid",
		       qs->vsi_id, qs->rx_queues, qs->tx_queues);
		return false;
	}
	return true;
}

int32_t vc_h_enable_queues(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
			   struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	struct virtchnl_queue_select qs;
	int rc;

	(void)len;
	if (!queue_select_ok(h, vf, msg, &qs))
		return VIRTCHNL_STATUS_ERR_PARAM;
	if ((qs.rx_queues & ~v->rxq_configured) || (qs.tx_queues & ~v->txq_configured)) {
		vc_log(h, VC_LOG_WARN, vf, "ENABLE_QUEUES: queue not configured");
		return VIRTCHNL_STATUS_ERR_PARAM;
	}
	rc = h->p.ops->switch_queues(h->p.hw_ctx, vf, (uint16_t)qs.rx_queues,
				     (uint16_t)qs.tx_queues, true);
	if (rc) {
		vc_log(h, VC_LOG_ERR, vf, "ENABLE_QUEUES: hw error %d", rc);
		return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
	}
	v->rxq_enabled |= (uint16_t)qs.rx_queues;
	v->txq_enabled |= (uint16_t)qs.tx_queues;
	r->post = VC_POST_LINK_EVENT;   /* spec §0 #9 */
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_disable_queues(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
			    struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	struct virtchnl_queue_select qs;
	uint16_t rx, tx;
	int rc;

	(void)len; (void)r;
	if (!queue_select_ok(h, vf, msg, &qs))
		return VIRTCHNL_STATUS_ERR_PARAM;
	/* iavf stops every queue at once, started or not: only running ones matter. */
	rx = (uint16_t)(qs.rx_queues & v->rxq_enabled);
	tx = (uint16_t)(qs.tx_queues & v->txq_enabled);
	if ((rx | tx) == 0)
		return VIRTCHNL_STATUS_SUCCESS;
	rc = h->p.ops->switch_queues(h->p.hw_ctx, vf, rx, tx, false);
	if (rc) {
		vc_log(h, VC_LOG_ERR, vf, "DISABLE_QUEUES: hw error %d", rc);
		return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
	}
	v->rxq_enabled &= (uint16_t)~rx;
	v->txq_enabled &= (uint16_t)~tx;
	return VIRTCHNL_STATUS_SUCCESS;
}
