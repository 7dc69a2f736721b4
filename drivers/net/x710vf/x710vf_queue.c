/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Rx/Tx queue setup, release, arming and draining. Ring sizes follow what
 * the PF accepts (x710-hardware.md §3.6: Rx multiple of 32, base in 128 B
 * units) and what the bursts assume (power of two, whole RS batches).
 */
#include <errno.h>
#include <string.h>

#include <rte_malloc.h>
#include <rte_memzone.h>

#include "x710/x710_regs.h"
#include "x710vf_ethdev.h"
#include "x710vf_rxtx.h"

static int
ring_size_check(struct x710vf_adapter *ad, const char *kind, uint16_t qid, uint16_t n)
{
	if (n >= X710VF_RING_MIN && n <= X710VF_RING_MAX && rte_is_power_of_2(n))
		return 0;     /* powers of two >= 64 are multiples of 32 (Rx rule, Tx batches) */
	X710VF_LOG(ERR, ad, "%s queue %u: %u descriptors; need a power of two in [%u, %u]",
		   kind, qid, n, X710VF_RING_MIN, X710VF_RING_MAX);
	return -EINVAL;
}

/* Queue struct, software ring and descriptor ring in one go; NULL if any fails. */
static void *
queue_alloc(struct rte_eth_dev *dev, const char *kind, uint16_t qid, size_t qsize,
	    uint16_t nb_desc, size_t desc_size, unsigned int socket,
	    struct rte_mbuf ***sw_ring, const struct rte_memzone **mz)
{
	void *q = rte_zmalloc_socket(kind, qsize, RTE_CACHE_LINE_SIZE, (int)socket);
	if (q == NULL)
		return NULL;
	*sw_ring = rte_zmalloc_socket(kind, sizeof(**sw_ring) * nb_desc, RTE_CACHE_LINE_SIZE,
				      (int)socket);
	/* Reused on re-setup: the zone name is per port, kind and queue. */
	*mz = rte_eth_dma_zone_reserve(dev, kind, qid, (size_t)nb_desc * desc_size,
				       X710VF_RING_ALIGN, (int)socket);
	if (*sw_ring == NULL || *mz == NULL) {
		rte_free(*sw_ring);
		rte_free(q);
		return NULL;
	}
	return q;
}

/* Free the buffers the ring still owns: the posted slots, from next for
 * nb_desc - nb_held. The held slots behind next were handed to the
 * application (or into seg_first's chain); their sw_ring entries are stale. */
void
x710vf_rxq_drain(struct x710vf_rx_queue *q)
{
	uint16_t posted = (uint16_t)(q->nb_desc - q->nb_held);

	for (uint16_t k = 0; k < posted; k++) {
		uint16_t i = (uint16_t)((q->next + k) & q->mask);
		if (q->sw_ring[i] != NULL)
			rte_pktmbuf_free_seg(q->sw_ring[i]);
	}
	memset(q->sw_ring, 0, (size_t)q->nb_desc * sizeof(*q->sw_ring));
	if (q->seg_first != NULL) {
		q->seg_last->next = NULL;
		rte_pktmbuf_free(q->seg_first);
	}
	q->seg_first = q->seg_last = NULL;
	q->nb_held = 0;
}

int
x710vf_rxq_arm(struct x710vf_rx_queue *q)
{
	struct rte_mbuf *m;

	memset((void *)(uintptr_t)q->ring, 0, (size_t)q->nb_desc * sizeof(*q->ring));
	if (rte_mempool_get_bulk(q->mp, (void **)q->sw_ring, q->nb_desc) != 0)
		return -ENOMEM;
	for (uint16_t i = 0; i < q->nb_desc; i++) {
		m = q->sw_ring[i];
		volatile struct x710_rx_desc_read *d = (volatile struct x710_rx_desc_read *)&q->ring[i];
		d->pkt_addr = rte_mbuf_data_iova_default(m);
		d->hdr_addr = 0;
	}
	q->next = 0;
	q->nb_held = 0;
	q->seg_first = q->seg_last = NULL;
	rte_io_wmb();
	*q->tail = (uint32_t)(q->nb_desc - 1);   /* all but the tail slot posted (§1.2-S1) */
	return 0;
}

/* Free the segments still in flight: the nb_desc - 1 - nb_free slots
 * written last, just behind next. Slots completed before were freed by
 * x710vf_tx_free_batch; their sw_ring entries are stale. */
void
x710vf_txq_drain(struct x710vf_tx_queue *q)
{
	uint16_t in_flight = (uint16_t)(q->nb_desc - 1 - q->nb_free);

	for (uint16_t k = 1; k <= in_flight; k++) {
		uint16_t i = (uint16_t)((q->next - k) & q->mask);
		if (q->sw_ring[i] != NULL)
			rte_pktmbuf_free_seg(q->sw_ring[i]);
	}
	memset(q->sw_ring, 0, (size_t)q->nb_desc * sizeof(*q->sw_ring));
	q->nb_free = (uint16_t)(q->nb_desc - 1);
}

void
x710vf_txq_reset(struct x710vf_tx_queue *q)
{
	memset((void *)(uintptr_t)q->ring, 0, (size_t)q->nb_desc * sizeof(*q->ring));
	q->next = 0;
	q->nb_free = (uint16_t)(q->nb_desc - 1);   /* head == tail means empty */
	q->next_dd = (uint16_t)(q->rs_thresh - 1);
	for (uint16_t b = 0; b < q->nb_desc / q->rs_thresh; b++)
		q->rs_at[b] = (uint16_t)(b * q->rs_thresh + q->rs_thresh - 1);
	*q->tail = 0;
}

static void
rxq_free(struct x710vf_rx_queue *q)
{
	if (q == NULL)
		return;
	x710vf_rxq_drain(q);
	rte_memzone_free(q->mz);
	rte_free(q->sw_ring);
	rte_free(q);
}

static void
txq_free(struct x710vf_tx_queue *q)
{
	if (q == NULL)
		return;
	x710vf_txq_drain(q);
	rte_memzone_free(q->mz);
	rte_free(q->sw_ring);
	rte_free(q);
}

void
x710vf_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	rxq_free(dev->data->rx_queues[qid]);
	dev->data->rx_queues[qid] = NULL;
}

void
x710vf_tx_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	txq_free(dev->data->tx_queues[qid]);
	dev->data->tx_queues[qid] = NULL;
}

int
x710vf_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		      unsigned int socket, const struct rte_eth_rxconf *conf,
		      struct rte_mempool *mp)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	uint32_t buf_len = rte_pktmbuf_data_room_size(mp) - RTE_PKTMBUF_HEADROOM;

	if (ring_size_check(ad, "Rx", qid, nb_desc) != 0)
		return -EINVAL;
	buf_len = RTE_ALIGN_FLOOR(RTE_MIN(buf_len, (uint32_t)X710VF_RX_BUF_MAX), X710VF_RX_BUF_UNIT);
	if (buf_len < X710VF_RX_BUF_UNIT) {
		X710VF_LOG(ERR, ad, "Rx queue %u: mbuf data room below %u bytes", qid,
			   X710VF_RX_BUF_UNIT);
		return -EINVAL;
	}
	if (dev->data->rx_queues[qid] != NULL)
		x710vf_rx_queue_release(dev, qid);

	struct rte_mbuf **sw;
	const struct rte_memzone *mz;
	struct x710vf_rx_queue *q = queue_alloc(dev, "x710vf_rxq", qid, sizeof(*q), nb_desc,
						sizeof(struct x710_rx_desc_wb), socket, &sw, &mz);
	if (q == NULL)
		return -ENOMEM;
	q->sw_ring = sw;
	q->mz = mz;
	q->ring = q->mz->addr;
	q->ring_iova = q->mz->iova;
	q->tail = (volatile uint32_t *)(ad->bar0 + X710_VF_BAR0_QRX_TAIL1(qid));
	q->mp = mp;
	q->nb_desc = nb_desc;
	q->mask = (uint16_t)(nb_desc - 1);
	q->free_thresh = conf->rx_free_thresh ? conf->rx_free_thresh : X710VF_RX_FREE_THRESH;
	if (q->free_thresh >= nb_desc)
		q->free_thresh = X710VF_RX_FREE_THRESH;
	q->port_id = dev->data->port_id;
	q->queue_id = qid;
	q->buf_len = buf_len;
	q->deferred = conf->rx_deferred_start;
	q->offloads = conf->offloads | dev->data->dev_conf.rxmode.offloads;

	struct rte_mbuf tmpl = { .data_off = RTE_PKTMBUF_HEADROOM, .nb_segs = 1,
				 .port = q->port_id };
	rte_mbuf_refcnt_set(&tmpl, 1);
	q->mbuf_init = *X710VF_MBUF_REARM(&tmpl);
	dev->data->rx_queues[qid] = q;
	return 0;
}

int
x710vf_tx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		      unsigned int socket, const struct rte_eth_txconf *conf)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);

	if (ring_size_check(ad, "Tx", qid, nb_desc) != 0)
		return -EINVAL;
	if (conf->tx_rs_thresh != 0 && conf->tx_rs_thresh != X710VF_TX_RS_THRESH)
		X710VF_LOG(INFO, ad, "Tx queue %u: tx_rs_thresh %u ignored, %u used", qid,
			   conf->tx_rs_thresh, X710VF_TX_RS_THRESH);
	if (dev->data->tx_queues[qid] != NULL)
		x710vf_tx_queue_release(dev, qid);

	struct rte_mbuf **sw;
	const struct rte_memzone *mz;
	struct x710vf_tx_queue *q = queue_alloc(dev, "x710vf_txq", qid, sizeof(*q), nb_desc,
						sizeof(struct x710_tx_desc), socket, &sw, &mz);
	if (q == NULL)
		return -ENOMEM;
	q->sw_ring = sw;
	q->mz = mz;
	q->ring = q->mz->addr;
	q->ring_iova = q->mz->iova;
	q->tail = (volatile uint32_t *)(ad->bar0 + X710_VF_BAR0_QTX_TAIL1(qid));
	q->nb_desc = nb_desc;
	q->mask = (uint16_t)(nb_desc - 1);
	q->rs_thresh = X710VF_TX_RS_THRESH;
	q->port_id = dev->data->port_id;
	q->queue_id = qid;
	q->deferred = conf->tx_deferred_start;
	q->offloads = conf->offloads | dev->data->dev_conf.txmode.offloads;
	/* Segments of a chain keep their links: fast free is for single mbufs. */
	q->fast_free = (q->offloads & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE) &&
		       !(q->offloads & RTE_ETH_TX_OFFLOAD_MULTI_SEGS);
	x710vf_txq_reset(q);
	dev->data->tx_queues[qid] = q;
	return 0;
}

void
x710vf_rxq_info_get(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_rxq_info *qi)
{
	const struct x710vf_rx_queue *q = dev->data->rx_queues[qid];

	qi->mp = q->mp;
	qi->nb_desc = q->nb_desc;
	qi->rx_buf_size = (uint16_t)q->buf_len;
	/* Frames longer than one buffer are chained only with the scatter offload. */
	qi->scattered_rx = (q->offloads & RTE_ETH_RX_OFFLOAD_SCATTER) != 0;
	qi->conf.rx_free_thresh = q->free_thresh;
	qi->conf.rx_drop_en = 1;        /* a full ring drops (the model's rx_discards) */
	qi->conf.rx_deferred_start = q->deferred;
	qi->conf.offloads = q->offloads;
}

void
x710vf_txq_info_get(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_txq_info *qi)
{
	const struct x710vf_tx_queue *q = dev->data->tx_queues[qid];

	qi->nb_desc = q->nb_desc;
	qi->conf.tx_rs_thresh = q->rs_thresh;
	qi->conf.tx_free_thresh = q->rs_thresh;   /* slots are freed per RS batch */
	qi->conf.tx_deferred_start = q->deferred;
	qi->conf.offloads = q->offloads;
}
