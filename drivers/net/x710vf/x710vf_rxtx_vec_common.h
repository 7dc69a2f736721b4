/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the SSE and AVX2 bursts share: the per-mbuf store of a received
 * frame (two wide stores instead of field by field) and the Tx bookkeeping
 * around the ISA-specific descriptor writes. Vector paths run only on
 * queues without per-packet offloads (x710vf_burst_select.c), so every
 * frame is one buffer and every descriptor is a plain data descriptor.
 */
#ifndef X710VF_RXTX_VEC_COMMON_H
#define X710VF_RXTX_VEC_COMMON_H

#include <emmintrin.h>

#include <rte_io.h>

#include "x710vf_rxtx.h"

#define VEC_RX_GROUP 4          /* descriptors checked per step (spec §5: 4 per loop) */
/* A frame the vector path takes: DD and EOF, no frame error (spec §4.2). */
#define VEC_RX_STATUS_MASK (X710_RXD_STATUS_DD | X710_RXD_STATUS_EOF | X710_RXD_ERROR_RXE | \
			    X710_RXD_ERROR_HBO | X710_RXD_ERROR_OVERSIZE)
#define VEC_RX_STATUS_WANT (X710_RXD_STATUS_DD | X710_RXD_STATUS_EOF)

_Static_assert(offsetof(struct rte_mbuf, pkt_len) ==
	       offsetof(struct rte_mbuf, rx_descriptor_fields1) + 4, "mbuf layout");
_Static_assert(offsetof(struct rte_mbuf, hash) ==
	       offsetof(struct rte_mbuf, rx_descriptor_fields1) + 12, "mbuf layout");

/* Fill a single-buffer frame's mbuf from its descriptor's qw0/qw1. */
static inline void
vec_rx_fill(const struct x710vf_rx_queue *q, struct rte_mbuf *m, uint64_t qw0, uint64_t qw1)
{
	uint32_t len = (uint32_t)((qw1 & X710_RXD_QW1_LEN_PBUF_MASK) >> X710_RXD_QW1_LEN_PBUF_SHIFT);
	uint32_t rss = (uint32_t)(qw0 >> X710_RXD_QW0_RSS_SHIFT);
	bool has_rss = ((qw1 >> X710_RXD_STATUS_FLTSTAT_SHIFT) & 3) == X710_RXD_FLTSTAT_RSS_HASH;
	uint32_t ptype = x710vf_ptype_table[(qw1 & X710_RXD_QW1_PTYPE_MASK) >> X710_RXD_QW1_PTYPE_SHIFT];

	*X710VF_MBUF_REARM(m) = q->mbuf_init;
	/* packet_type, pkt_len, data_len | vlan_tci, hash.rss: one 16 B store. */
	_mm_storeu_si128((__m128i *)RTE_PTR_ADD(m, offsetof(struct rte_mbuf, rx_descriptor_fields1)),
			 _mm_set_epi32((int)rss, (int)len, (int)len, (int)ptype));
	m->ol_flags = has_rss ? RTE_MBUF_F_RX_RSS_HASH : 0;
}

/* One ISA step: load up to k (<= 4) descriptors from d, last first (a later DD
 * seen means the earlier ones are complete, spec §0 #7), return their qw0/qw1
 * and a bit per descriptor that is a complete, error-free single buffer. */
typedef unsigned int (*vec_rx_group_fn)(const volatile struct x710_rx_desc_wb *d, uint16_t k,
					uint64_t qw0[VEC_RX_GROUP], uint64_t qw1[VEC_RX_GROUP]);

static __rte_always_inline uint16_t
vec_recv(struct x710vf_rx_queue *q, struct rte_mbuf **pkts, uint16_t n, vec_rx_group_fn group)
{
	uint16_t nb = 0, next = q->next;
	uint64_t bytes = 0;
	uint64_t qw0[VEC_RX_GROUP], qw1[VEC_RX_GROUP];

	if (q->seg_first != NULL)
		return x710vf_recv_scalar(q, pkts, n);     /* finish a chain first */
	while (nb < n) {
		uint16_t k = (uint16_t)RTE_MIN(RTE_MIN(VEC_RX_GROUP, n - nb), q->nb_desc - next);
		unsigned int ok = group(&q->ring[next], k, qw0, qw1);
		unsigned int run = (unsigned int)__builtin_ctz(~ok);   /* leading good frames */
		if (run > k)
			run = k;
		for (unsigned int j = 0; j < run; j++) {
			struct rte_mbuf *m = q->sw_ring[next + j];
			vec_rx_fill(q, m, qw0[j], qw1[j]);
			bytes += m->pkt_len;
			pkts[nb + j] = m;
		}
		nb = (uint16_t)(nb + run);
		next = (uint16_t)((next + run) & q->mask);
		q->nb_held = (uint16_t)(q->nb_held + run);
		if (run == k)
			continue;
		q->next = next;
		q->packets += nb;
		q->bytes += bytes;
		/* Done but unusual (chained, errored): the scalar path handles it. */
		if (run == 0 && (qw1[0] & X710_RXD_STATUS_DD))
			return (uint16_t)(nb + x710vf_recv_scalar(q, pkts + nb, n - nb));
		goto refill;
	}
	q->next = next;
	q->packets += nb;
	q->bytes += bytes;
refill:
	if (q->nb_held >= q->free_thresh)
		x710vf_rx_refill(q);
	return nb;
}

/* Tx: free completed batches until n slots are free, or as many as we can. */
static inline uint16_t
vec_tx_room(struct x710vf_tx_queue *q, uint16_t n)
{
	while (q->nb_free < n && x710vf_tx_free_batch(q) != 0)
		;
	return RTE_MIN(n, q->nb_free);
}

static inline uint64_t
vec_tx_qw1(const struct rte_mbuf *m, uint16_t slot, uint16_t rs_mask)
{
	uint64_t cmd = X710_TX_CMD_EOP | X710_TX_CMD_ICRC |
		       ((slot & rs_mask) == rs_mask ? X710_TX_CMD_RS : 0);
	return X710_TX_DTYPE_DATA | (cmd << X710_TXD_QW1_CMD_SHIFT) |
	       ((uint64_t)m->data_len << X710_TXD_QW1_BUF_SZ_SHIFT);
}

static inline void
vec_tx_finish(struct x710vf_tx_queue *q, uint16_t next, uint16_t n, uint64_t bytes)
{
	q->next = next;
	q->nb_free = (uint16_t)(q->nb_free - n);
	q->packets += n;
	q->bytes += bytes;
	rte_io_wmb();
	*q->tail = next;        /* one tail write per burst */
}

#endif /* X710VF_RXTX_VEC_COMMON_H */
