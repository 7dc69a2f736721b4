/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SSE4.2 bursts. Rx takes four descriptors per step as two pairs: their
 * status words are checked with two compares, lengths, RSS flags, checksum
 * flags (a byte shuffle) and hashes come from vector shifts and masks, and
 * each mbuf gets two 16-byte stores (rearm word + ol_flags; packet_type,
 * pkt_len, data_len, vlan_tci, hash). Tx writes each 16-byte descriptor with one store. Chained frames,
 * frame errors and partial groups go to the scalar path.
 */
#include <smmintrin.h>

#include "x710vf_rxtx_vec_common.h"

/* The mbuf rows of one pair of descriptors whose qw0s and qw1s are given. */
static __rte_always_inline __m128i
sse_rx2(__m128i qw0, __m128i qw1, struct rte_mbuf **sw, __m128i init)
{
	__m128i len = _mm_and_si128(_mm_srli_epi64(qw1, X710_RXD_QW1_LEN_PBUF_SHIFT),
				    _mm_set1_epi64x((long long)VEC_RX_LEN_MASK));
	__m128i fs = _mm_set1_epi64x((long long)VEC_RX_FLTSTAT_RSS);
	__m128i ol = _mm_and_si128(_mm_cmpeq_epi64(_mm_and_si128(qw1, fs), fs),
				   _mm_set1_epi64x((long long)RTE_MBUF_F_RX_RSS_HASH));
	/* Only byte 0 of each lane indexes a real entry; the others read entry 0 (no flags). */
	__m128i cs_idx = _mm_or_si128(
		_mm_and_si128(_mm_srli_epi64(qw1, VEC_RX_CSUM_ERR_SHIFT),
			      _mm_set1_epi64x((long long)VEC_RX_CSUM_ERR_MASK)),
		_mm_and_si128(_mm_srli_epi64(qw1, VEC_RX_CSUM_L3L4P_SHIFT), _mm_set1_epi64x(1)));
	ol = _mm_or_si128(ol, _mm_slli_epi64(_mm_shuffle_epi8(vec_rx_csum_table(), cs_idx),
					     VEC_RX_CSUM_SHIFT));
	uint64_t q0 = (uint64_t)_mm_cvtsi128_si64(qw1);
	uint64_t q1 = (uint64_t)_mm_extract_epi64(qw1, 1);
	__m128i ptype = _mm_set_epi64x(
		x710vf_ptype_table[(q1 >> X710_RXD_QW1_PTYPE_SHIFT) & VEC_RX_PTYPE_IDX],
		x710vf_ptype_table[(q0 >> X710_RXD_QW1_PTYPE_SHIFT) & VEC_RX_PTYPE_IDX]);
	__m128i lo = _mm_or_si128(ptype, _mm_slli_epi64(len, 32));
	__m128i hi = _mm_or_si128(len, _mm_and_si128(qw0, _mm_set1_epi64x((long long)VEC_RX_RSS_WORD)));
	void *f0 = RTE_PTR_ADD(sw[0], offsetof(struct rte_mbuf, rx_descriptor_fields1));
	void *f1 = RTE_PTR_ADD(sw[1], offsetof(struct rte_mbuf, rx_descriptor_fields1));

	_mm_storeu_si128((__m128i *)X710VF_MBUF_REARM(sw[0]), _mm_unpacklo_epi64(init, ol));
	_mm_storeu_si128((__m128i *)X710VF_MBUF_REARM(sw[1]), _mm_unpackhi_epi64(init, ol));
	_mm_storeu_si128((__m128i *)f0, _mm_unpacklo_epi64(lo, hi));
	_mm_storeu_si128((__m128i *)f1, _mm_unpackhi_epi64(lo, hi));
	return len;
}

/* Four descriptors from d into four mbufs, when all four are complete,
 * error-free single buffers; adds their lengths to *len_sum. Returns
 * false, having written nothing, otherwise. */
static __rte_always_inline bool
sse_rx4(const volatile struct x710_rx_desc_wb *d, struct rte_mbuf **sw, struct rte_mbuf **pkts,
	__m128i init, __m128i *len_sum)
{
	const __m128i mask = _mm_set1_epi64x((long long)VEC_RX_STATUS_MASK);
	const __m128i want = _mm_set1_epi64x((long long)VEC_RX_STATUS_WANT);
	/* Last first: a later DD seen means the earlier ones are written. */
	__m128i d3 = _mm_load_si128((const __m128i *)(uintptr_t)&d[3]);
	rte_compiler_barrier();
	__m128i d2 = _mm_load_si128((const __m128i *)(uintptr_t)&d[2]);
	rte_compiler_barrier();
	__m128i d1 = _mm_load_si128((const __m128i *)(uintptr_t)&d[1]);
	rte_compiler_barrier();
	__m128i d0 = _mm_load_si128((const __m128i *)(uintptr_t)&d[0]);
	__m128i qw1_01 = _mm_unpackhi_epi64(d0, d1), qw1_23 = _mm_unpackhi_epi64(d2, d3);
	__m128i ok = _mm_and_si128(_mm_cmpeq_epi64(_mm_and_si128(qw1_01, mask), want),
				   _mm_cmpeq_epi64(_mm_and_si128(qw1_23, mask), want));

	if (_mm_movemask_pd(_mm_castsi128_pd(ok)) != 0x3)
		return false;
	_mm_storeu_si128((__m128i *)pkts, _mm_loadu_si128((const __m128i *)sw));
	_mm_storeu_si128((__m128i *)(pkts + 2), _mm_loadu_si128((const __m128i *)(sw + 2)));
	__m128i l01 = sse_rx2(_mm_unpacklo_epi64(d0, d1), qw1_01, sw, init);
	__m128i l23 = sse_rx2(_mm_unpacklo_epi64(d2, d3), qw1_23, sw + 2, init);
	*len_sum = _mm_add_epi64(*len_sum, _mm_add_epi64(l01, l23));
	return true;
}

uint16_t
x710vf_recv_sse(void *rxq, struct rte_mbuf **pkts, uint16_t n)
{
	struct x710vf_rx_queue *q = rxq;
	int early = vec_rx_begin(q, pkts, n);

	if (early >= 0)
		return (uint16_t)early;
	const volatile struct x710_rx_desc_wb *d = &q->ring[q->next];
	struct rte_mbuf **sw = &q->sw_ring[q->next];
	uint16_t nb = 0;
	const __m128i init = _mm_set1_epi64x((long long)q->mbuf_init);
	__m128i len_sum = _mm_setzero_si128();
	uint16_t span = vec_rx_span(q, n);

	while (nb < span && sse_rx4(d + nb, sw + nb, pkts + nb, init, &len_sum))
		nb += VEC_RX_GROUP;
	uint64_t bytes = (uint64_t)_mm_cvtsi128_si64(
		_mm_add_epi64(len_sum, _mm_unpackhi_epi64(len_sum, len_sum)));
	return vec_rx_finish(q, pkts, n, nb, bytes);
}

uint16_t
x710vf_xmit_sse(void *txq, struct rte_mbuf **pkts, uint16_t n)
{
	struct x710vf_tx_queue *q = txq;

	n = vec_tx_room(q, n);
	if (n == 0)
		return 0;
	uint16_t next = q->next;
	uint16_t first = RTE_MIN(n, (uint16_t)(q->nb_desc - next));   /* up to the ring end */
	volatile struct x710_tx_desc *ring = q->ring;
	struct rte_mbuf **sw = q->sw_ring;
	uint64_t bytes = 0;

	for (uint16_t i = 0; i < first; i++)
		bytes += vec_tx_one(&ring[next + i], &sw[next + i], pkts[i]);
	for (uint16_t i = first; i < n; i++)
		bytes += vec_tx_one(&ring[i - first], &sw[i - first], pkts[i]);
	vec_tx_finish(q, (uint16_t)((next + n) & q->mask), n, bytes);
	return n;
}
