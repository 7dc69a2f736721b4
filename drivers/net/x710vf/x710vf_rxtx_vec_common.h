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
#include <string.h>

#include <rte_io.h>

#include "x710vf_rxtx.h"

#define VEC_RX_GROUP 4          /* descriptors checked per step (spec §5: 4 per loop) */
/* A frame the vector path takes: DD and EOF, no frame error (spec §4.2). */
#define VEC_RX_STATUS_MASK (X710_RXD_STATUS_DD | X710_RXD_STATUS_EOF | X710_RXD_ERROR_RXE | \
			    X710_RXD_ERROR_HBO | X710_RXD_ERROR_OVERSIZE)
#define VEC_RX_STATUS_WANT (X710_RXD_STATUS_DD | X710_RXD_STATUS_EOF)

_Static_assert(offsetof(struct rte_mbuf, pkt_len) ==
	       offsetof(struct rte_mbuf, rx_descriptor_fields1) + 4, "mbuf layout");
_Static_assert(offsetof(struct rte_mbuf, ol_flags) ==
	       offsetof(struct rte_mbuf, rearm_data) + 8, "mbuf layout");
_Static_assert(offsetof(struct rte_mbuf, hash) ==
	       offsetof(struct rte_mbuf, rx_descriptor_fields1) + 12, "mbuf layout");

/* What one ISA step extracts from four descriptors, in vector registers and
 * stored here as 64-bit lanes: the mbuf words ready to be stored. */
struct vec_rx_meta {
	uint64_t hi[VEC_RX_GROUP];      /* data_len | vlan_tci 0 | hash.rss << 32 */
	uint64_t len_hi[VEC_RX_GROUP];  /* pkt_len << 32 (packet_type goes below) */
	uint64_t ptype[VEC_RX_GROUP];   /* hardware PTYPE, an index into the table */
	uint64_t ol[VEC_RX_GROUP];      /* RTE_MBUF_F_RX_RSS_HASH when FLTSTAT = 3 */
	uint64_t qw1[VEC_RX_GROUP];     /* status words, for the scalar fallback */
};
#define VEC_RX_LEN_MASK  (X710_RXD_QW1_LEN_PBUF_MASK >> X710_RXD_QW1_LEN_PBUF_SHIFT)
#define VEC_RX_RSS_WORD  UINT64_C(0xFFFFFFFF00000000)   /* qw0 [63:32] = hash */

/* One ISA step: load up to k (<= 4) descriptors from d, last first (a later DD
 * seen means the earlier ones are complete, spec §0 #7), fill *meta and
 * return a bit per descriptor that is a complete, error-free single buffer. */
typedef unsigned int (*vec_rx_group_fn)(const volatile struct x710_rx_desc_wb *d, uint16_t k,
					struct vec_rx_meta *meta);

/* Fill frame j's mbuf from meta: two 16 B stores (rearm word + ol_flags;
 * packet_type, pkt_len, data_len | vlan_tci, hash.rss). Returns its length. */
static __rte_always_inline uint32_t
vec_rx_fill(const struct x710vf_rx_queue *q, struct rte_mbuf *m, const struct vec_rx_meta *mt,
	    unsigned int j)
{
	uint64_t lo = x710vf_ptype_table[mt->ptype[j]] | mt->len_hi[j];

	_mm_storeu_si128((__m128i *)X710VF_MBUF_REARM(m),
			 _mm_set_epi64x((long long)mt->ol[j], (long long)q->mbuf_init));
	_mm_storeu_si128((__m128i *)RTE_PTR_ADD(m, offsetof(struct rte_mbuf, rx_descriptor_fields1)),
			 _mm_set_epi64x((long long)mt->hi[j], (long long)lo));
	return (uint32_t)(mt->len_hi[j] >> 32);
}

static __rte_always_inline uint16_t
vec_recv(struct x710vf_rx_queue *q, struct rte_mbuf **pkts, uint16_t n, vec_rx_group_fn group)
{
	uint16_t nb = 0, next = q->next;
	uint64_t bytes = 0;
	struct vec_rx_meta mt __rte_aligned(32);

	if (q->seg_first != NULL)
		return x710vf_recv_scalar(q, pkts, n);     /* finish a chain first */
	if (!(q->ring[next].qword1 & X710_RXD_STATUS_DD))
		return 0;       /* an empty poll costs one load */
	while (nb < n) {
		uint16_t k = VEC_RX_GROUP;
		if (unlikely(n - nb < VEC_RX_GROUP || q->nb_desc - next < VEC_RX_GROUP))
			k = (uint16_t)RTE_MIN(n - nb, q->nb_desc - next);
		unsigned int ok = group(&q->ring[next], k, &mt);
		unsigned int run;
		struct rte_mbuf **sw = &q->sw_ring[next];
		if (likely((ok & 0xF) == 0xF && k == VEC_RX_GROUP)) {
			/* the common case, unrolled: four good frames */
			run = VEC_RX_GROUP;
			bytes += vec_rx_fill(q, sw[0], &mt, 0);
			bytes += vec_rx_fill(q, sw[1], &mt, 1);
			bytes += vec_rx_fill(q, sw[2], &mt, 2);
			bytes += vec_rx_fill(q, sw[3], &mt, 3);
			memcpy(&pkts[nb], sw, VEC_RX_GROUP * sizeof(*sw));
		} else {
			run = (unsigned int)__builtin_ctz(~ok);   /* leading good frames */
			if (run > k)
				run = k;
			for (unsigned int j = 0; j < run; j++) {
				bytes += vec_rx_fill(q, sw[j], &mt, j);
				pkts[nb + j] = sw[j];
			}
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
		if (run == 0 && (mt.qw1[0] & X710_RXD_STATUS_DD))
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

/* A single-buffer frame's qw1 without RS: EOP, ICRC and the length. */
#define VEC_TX_QW1_BASE (X710_TX_DTYPE_DATA | \
	((uint64_t)(X710_TX_CMD_EOP | X710_TX_CMD_ICRC) << X710_TXD_QW1_CMD_SHIFT))
static __rte_always_inline uint64_t
vec_tx_qw1(const struct rte_mbuf *m)
{
	return VEC_TX_QW1_BASE | ((uint64_t)m->data_len << X710_TXD_QW1_BUF_SZ_SHIFT);
}

/* RS on every rs_thresh-th slot written in [start, start + n): set once per
 * burst instead of tested per packet. */
static __rte_always_inline void
vec_tx_set_rs(struct x710vf_tx_queue *q, uint16_t start, uint16_t n)
{
	uint16_t rs_mask = (uint16_t)(q->rs_thresh - 1);
	uint16_t first = (uint16_t)((start | rs_mask) - start);    /* offset of the first RS slot */

	for (uint16_t off = first; off < n; off = (uint16_t)(off + q->rs_thresh))
		q->ring[(start + off) & q->mask].cmd_type_offset_bsz |=
			(uint64_t)X710_TX_CMD_RS << X710_TXD_QW1_CMD_SHIFT;
}

static inline void
vec_tx_finish(struct x710vf_tx_queue *q, uint16_t next, uint16_t n, uint64_t bytes)
{
	vec_tx_set_rs(q, q->next, n);
	q->next = next;
	q->nb_free = (uint16_t)(q->nb_free - n);
	q->packets += n;
	q->bytes += bytes;
	rte_io_wmb();
	*q->tail = next;        /* one tail write per burst */
}

#endif /* X710VF_RXTX_VEC_COMMON_H */
