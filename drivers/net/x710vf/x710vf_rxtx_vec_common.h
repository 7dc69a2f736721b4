/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the SSE and AVX2 bursts share: the bookkeeping around the
 * ISA-specific loops (Rx: where the 4-at-a-time loop may run and what
 * happens after it; Tx: room, RS bits, counters, the tail write). Vector paths run only on
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

#define VEC_RX_LEN_MASK  (X710_RXD_QW1_LEN_PBUF_MASK >> X710_RXD_QW1_LEN_PBUF_SHIFT)
#define VEC_RX_RSS_WORD  UINT64_C(0xFFFFFFFF00000000)   /* qw0 [63:32] = hash */
#define VEC_RX_PTYPE_IDX UINT64_C(0xFF)                 /* qw1 PTYPE, 8 bits */
/* FLTSTAT = 3 in place in qw1: the hash in qw0 is an RSS hash (spec §4.2). */
#define VEC_RX_FLTSTAT_RSS (X710_RXD_FLTSTAT_RSS_HASH << X710_RXD_STATUS_FLTSTAT_SHIFT)

/*
 * Checksum flags without a branch per packet: a 16-entry byte table,
 * indexed by L3L4P (bit 0) and IPE, L4E, EIPE (bits 1-3) of qw1, maps them
 * as the scalar path does (rx_fill_meta: nothing without L3L4P). The flags
 * sit in bits 3-8, so each entry holds them shifted right by 3.
 */
#define VEC_RX_CSUM_SHIFT      3
#define VEC_RX_CSUM_L3L4P_SHIFT 3               /* X710_RXD_STATUS_L3L4P -> index bit 0 */
#define VEC_RX_CSUM_ERR_SHIFT  21               /* X710_RXD_ERROR_IPE (b22) -> index bit 1 */
#define VEC_RX_CSUM_ERR_MASK   UINT64_C(0xE)    /* IPE, L4E, EIPE */
_Static_assert(X710_RXD_STATUS_L3L4P >> VEC_RX_CSUM_L3L4P_SHIFT == 1 &&
	       X710_RXD_ERROR_IPE >> VEC_RX_CSUM_ERR_SHIFT == 2 &&
	       X710_RXD_ERROR_L4E >> VEC_RX_CSUM_ERR_SHIFT == 4 &&
	       X710_RXD_ERROR_EIPE >> VEC_RX_CSUM_ERR_SHIFT == 8, "checksum index bits");
#define VEC_RX_CSUM_FLAGS (RTE_MBUF_F_RX_IP_CKSUM_GOOD | RTE_MBUF_F_RX_IP_CKSUM_BAD | \
			   RTE_MBUF_F_RX_L4_CKSUM_GOOD | RTE_MBUF_F_RX_L4_CKSUM_BAD | \
			   RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD)
_Static_assert((VEC_RX_CSUM_FLAGS & ((1u << VEC_RX_CSUM_SHIFT) - 1)) == 0 &&
	       (VEC_RX_CSUM_FLAGS >> VEC_RX_CSUM_SHIFT) <= INT8_MAX, "checksum flags fit a byte");
#define VEC_RX_CSUM_ENTRY(i) ((char)((!((i) & 1) ? 0 : \
	(((i) & 2) ? RTE_MBUF_F_RX_IP_CKSUM_BAD : RTE_MBUF_F_RX_IP_CKSUM_GOOD) | \
	(((i) & 4) ? RTE_MBUF_F_RX_L4_CKSUM_BAD : RTE_MBUF_F_RX_L4_CKSUM_GOOD) | \
	(((i) & 8) ? RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD : 0)) >> VEC_RX_CSUM_SHIFT))

static __rte_always_inline __m128i
vec_rx_csum_table(void)
{
	return _mm_setr_epi8(VEC_RX_CSUM_ENTRY(0), VEC_RX_CSUM_ENTRY(1), VEC_RX_CSUM_ENTRY(2),
			     VEC_RX_CSUM_ENTRY(3), VEC_RX_CSUM_ENTRY(4), VEC_RX_CSUM_ENTRY(5),
			     VEC_RX_CSUM_ENTRY(6), VEC_RX_CSUM_ENTRY(7), VEC_RX_CSUM_ENTRY(8),
			     VEC_RX_CSUM_ENTRY(9), VEC_RX_CSUM_ENTRY(10), VEC_RX_CSUM_ENTRY(11),
			     VEC_RX_CSUM_ENTRY(12), VEC_RX_CSUM_ENTRY(13), VEC_RX_CSUM_ENTRY(14),
			     VEC_RX_CSUM_ENTRY(15));
}

/* Before the group loop: a chain in progress goes on in the scalar path,
 * an empty ring costs one load. Returns what the burst returns, or -1 to
 * run the group loop. */
static __rte_always_inline int
vec_rx_begin(struct x710vf_rx_queue *q, struct rte_mbuf **pkts, uint16_t n)
{
	if (unlikely(q->seg_first != NULL))
		return x710vf_recv_scalar(q, pkts, n);
	if (!(q->ring[q->next].qword1 & X710_RXD_STATUS_DD))
		return 0;
	return -1;
}

/* How many descriptors from q->next the 4-at-a-time loop may look at:
 * whole groups, within the burst and before the ring end (the scalar path
 * takes the rest). */
static __rte_always_inline uint16_t
vec_rx_span(const struct x710vf_rx_queue *q, uint16_t n)
{
	return (uint16_t)(RTE_MIN(n, (uint16_t)(q->nb_desc - q->next)) & ~(VEC_RX_GROUP - 1));
}

/* After the group loop took nb frames (and their bytes): book them, let the
 * scalar path take what is done but was not a clean group (a chain, an
 * error, fewer than four, the ring end), and rearm. */
static __rte_always_inline uint16_t
vec_rx_finish(struct x710vf_rx_queue *q, struct rte_mbuf **pkts, uint16_t n, uint16_t nb,
	      uint64_t bytes)
{
	q->next = (uint16_t)((q->next + nb) & q->mask);
	q->nb_held = (uint16_t)(q->nb_held + nb);
	q->packets += nb;
	q->bytes += bytes;
	if (unlikely(nb < n) && (q->ring[q->next].qword1 & X710_RXD_STATUS_DD))
		return (uint16_t)(nb + x710vf_recv_scalar(q, pkts + nb, (uint16_t)(n - nb)));
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
vec_tx_qw1(uint16_t len)
{
	return VEC_TX_QW1_BASE | ((uint64_t)len << X710_TXD_QW1_BUF_SZ_SHIFT);
}

/* One frame into one slot with one 16-byte store; returns its length. */
static __rte_always_inline uint16_t
vec_tx_one(volatile struct x710_tx_desc *d, struct rte_mbuf **sw, struct rte_mbuf *m)
{
	uint16_t len = m->data_len;

	*sw = m;
	_mm_store_si128((__m128i *)(uintptr_t)d,
			_mm_set_epi64x((long long)vec_tx_qw1(len), (long long)rte_mbuf_data_iova(m)));
	return len;
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
