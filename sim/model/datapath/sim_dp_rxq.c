/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * LAN Rx engine, 32-byte legacy descriptors (x710-hardware.md §0 item 7,
 * §4.2, §6 item 7). A descriptor is free when head != tail (the tail is the
 * last valid descriptor + 1). Payload goes first, then each descriptor's
 * qw0, qw2, qw3, and its qw1 (DD) last with a release store, in ring order.
 * The model reads only pkt_addr from a read-format descriptor: iavf writes
 * the buffer IOVA into hdr_addr too, which overlaps the DD bit.
 *
 * CRC: the model's frames carry no FCS. With crcstrip = 1 (what iavf and
 * Linux configure) the buffer and LENGTH_PBUF hold the frame without it;
 * with crcstrip = 0 the hardware leaves the 4-byte FCS in the buffer and
 * counts it in the length, so the model computes and appends it.
 *
 * Counters: rx_bytes includes the FCS, as the hardware's VSI octet counter
 * (GLV_GORC) does; that is why iavf subtracts 4 bytes per packet from it.
 * A discarded frame counts in its class and in rx_discards (sim_dp_rx_discard).
 */
#include <errno.h>

#include "x710/x710_desc.h"
#include "sim_dp_internal.h"
#include "sim_dp_rx_csum.h"

static int read_pkt_addr(struct sim_datapath *dp, struct sim_rxq *q, uint16_t idx,
			 uint64_t *addr)
{
	if (q->ring != NULL) {
		*addr = *(const uint64_t *)(q->ring + (size_t)idx * X710_RX_DESC_SIZE);
		return 0;
	}
	return sim_dma_read(dp->params.dma,
			       q->ctx.base_iova + (uint64_t)idx * X710_RX_DESC_SIZE,
			       addr, sizeof(*addr));
}

static void write_back(struct sim_datapath *dp, struct sim_rxq *q, uint16_t idx,
		       uint64_t qw0, uint64_t qw1)
{
	uint64_t iova = q->ctx.base_iova + (uint64_t)idx * X710_RX_DESC_SIZE;
	const uint64_t zero[2] = { 0, 0 };

	if (q->ring != NULL) {
		struct x710_rx_desc_wb *d =
			(struct x710_rx_desc_wb *)(q->ring + (size_t)idx * X710_RX_DESC_SIZE);

		d->qword0 = qw0;
		d->qword2 = 0;
		d->qword3 = 0;
		__atomic_store_n(&d->qword1, qw1, __ATOMIC_RELEASE);
		return;
	}
	/* Without a direct view each store is its own DMA write, in the same order. */
	(void)sim_dma_write(dp->params.dma, iova, &qw0, sizeof(qw0));
	(void)sim_dma_write(dp->params.dma, iova + 16, zero, sizeof(zero));
	__atomic_thread_fence(__ATOMIC_RELEASE);
	(void)sim_dma_write(dp->params.dma, iova + 8, &qw1, sizeof(qw1));
}

static int copy_payload(struct sim_datapath *dp, uint64_t addr, const uint8_t *src, size_t n)
{
	void *dst = sim_dma_map(dp->params.dma, addr, n);

	/* memmove: a hostile driver may point an Rx buffer at the Tx buffer. */
	if (dst != NULL) {
		memmove(dst, src, n);
		return 0;
	}
	return sim_dma_write(dp->params.dma, addr, src, n);
}

int sim_dp_rxq_deliver(struct sim_datapath *dp, struct sim_vsi *vsi, struct sim_rxq *q,
		       struct sim_frame *f, const struct sim_rx_meta *meta)
{
	const unsigned int port = q->b.pf;
	const uint16_t qlen = q->ctx.qlen;
	const uint8_t *data = f->data;
	size_t len = f->len, dbuff = q->ctx.dbuff_bytes, off = 0;
	/* Acquire: descriptors written before the doorbell are visible after it. */
	uint32_t tail = __atomic_load_n(q->b.tail, __ATOMIC_ACQUIRE);
	uint16_t avail, nbuf, idx;
	uint64_t last_qw0, last_qw1;

	if (q->overrun > 0) {
		q->overrun--;
		sim_dp_rx_discard(dp, vsi, port, SIM_DROP_FAULT_INJECTED, f);
		return -ENOBUFS;
	}
	/* rxmax is the largest frame on the wire, FCS included (§3.6). */
	if (len + SIM_DP_FCS_LEN > q->ctx.rxmax) {
		sim_dp_rx_discard(dp, vsi, port, SIM_DROP_OVERSIZE, f);
		return -EMSGSIZE;
	}
	if (tail < qlen) {
		q->tail = (uint16_t)tail;
	} else {
		q->bad_tail++;          /* a driver bug: keep the last sane tail */
		dp->ports[q->b.pf].stats.rx_bad_tail++;
	}
	if (!q->ctx.crcstrip) {
		uint32_t fcs = sim_dp_fcs(dp, data, len);

		memcpy(dp->fcs_frame, data, len);
		for (int i = 0; i < SIM_DP_FCS_LEN; i++)
			dp->fcs_frame[len + (size_t)i] = (uint8_t)(fcs >> (8 * i));
		data = dp->fcs_frame;
		len += SIM_DP_FCS_LEN;
	}
	avail = (uint16_t)((q->tail + qlen - q->head) % qlen);
	nbuf = (uint16_t)((len + dbuff - 1) / dbuff);
	if (nbuf > avail || nbuf > SIM_DP_RX_MAX_BUFS) {
		sim_dp_rx_discard(dp, vsi, port, SIM_DROP_RX_NO_DESC, f);
		return -ENOBUFS;
	}
	/* Payload of every buffer first: no descriptor completes before it. */
	idx = q->head;
	for (uint16_t i = 0; i < nbuf; i++) {
		size_t n = len - off < dbuff ? len - off : dbuff;
		uint64_t addr;

		if (read_pkt_addr(dp, q, idx, &addr) < 0 ||
		    copy_payload(dp, addr, data + off, n) < 0) {
			sim_dp_rx_discard(dp, vsi, port, SIM_DROP_DMA_FAULT, f);
			return -EFAULT;
		}
		off += n;
		idx = (uint16_t)((idx + 1) % qlen);
	}
	/* Then the write-backs in ring order; only the EOF descriptor carries
	 * the packet type, checksum status and hash, every one its own buffer
	 * length. */
	sim_dp_frame_parse(f);
	last_qw0 = meta->hashed ? (uint64_t)meta->rss_hash << X710_RXD_QW0_RSS_SHIFT : 0;
	last_qw1 = X710_RXD_STATUS_DD | X710_RXD_STATUS_EOF |
		   ((uint64_t)f->ptype << X710_RXD_QW1_PTYPE_SHIFT) | sim_dp_rx_csum_status(f);
	if (meta->hashed)
		last_qw1 |= X710_RXD_FLTSTAT_RSS_HASH << X710_RXD_STATUS_FLTSTAT_SHIFT;
	if (meta->l2tag1p) {
		last_qw0 |= (uint64_t)meta->l2tag1 << X710_RXD_QW0_L2TAG1_SHIFT;
		last_qw1 |= X710_RXD_STATUS_L2TAG1P;
	}
	idx = q->head;
	off = 0;
	for (uint16_t i = 0; i < nbuf; i++) {
		size_t n = len - off < dbuff ? len - off : dbuff;
		uint64_t qw1 = (uint64_t)n << X710_RXD_QW1_LEN_PBUF_SHIFT;

		if (i + 1 == nbuf)
			write_back(dp, q, idx, last_qw0, last_qw1 | qw1);
		else
			write_back(dp, q, idx, 0, X710_RXD_STATUS_DD | qw1);
		off += n;
		idx = (uint16_t)((idx + 1) % qlen);
	}
	q->head = idx;

	sim_dp_count_rx(vsi, f);
	return 0;
}
