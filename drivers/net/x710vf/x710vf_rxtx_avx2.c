/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * AVX2 bursts: Rx loads each 32-byte descriptor whole and checks four
 * status words with one 256-bit compare; Tx writes two 16-byte descriptors
 * per 256-bit store. Chained frames and frame errors go to the scalar path.
 */
#include <immintrin.h>

#include "x710vf_rxtx_vec_common.h"

static __rte_always_inline unsigned int
avx2_group(const volatile struct x710_rx_desc_wb *ring, uint16_t k,
	   uint64_t qw0[VEC_RX_GROUP], uint64_t qw1[VEC_RX_GROUP])
{
	const __m256i want = _mm256_set1_epi64x((long long)VEC_RX_STATUS_WANT);
	const __m256i mask = _mm256_set1_epi64x((long long)VEC_RX_STATUS_MASK);
	__m256i d[VEC_RX_GROUP] = { _mm256_setzero_si256(), _mm256_setzero_si256(),
				    _mm256_setzero_si256(), _mm256_setzero_si256() };

	for (int j = k - 1; j >= 0; j--) {
		d[j] = _mm256_load_si256((const __m256i *)(uintptr_t)&ring[j]);
		rte_compiler_barrier();
	}
	/* qw1 of d0..d3 into one register, then one compare for all four. */
	__m256i lo = _mm256_unpackhi_epi64(d[0], d[1]);   /* low lane: d0.qw1, d1.qw1 */
	__m256i hi = _mm256_unpackhi_epi64(d[2], d[3]);   /* low lane: d2.qw1, d3.qw1 */
	__m256i qw1s = _mm256_permute2x128_si256(lo, hi, 0x20);
	__m256i st = _mm256_cmpeq_epi64(_mm256_and_si256(qw1s, mask), want);
	for (int j = 0; j < VEC_RX_GROUP; j++) {
		__m128i low = _mm256_castsi256_si128(d[j]);
		qw0[j] = (uint64_t)_mm_cvtsi128_si64(low);
		qw1[j] = (uint64_t)_mm_extract_epi64(low, 1);
	}
	return (unsigned int)_mm256_movemask_pd(_mm256_castsi256_pd(st));
}

uint16_t
x710vf_recv_avx2(void *rxq, struct rte_mbuf **pkts, uint16_t n)
{
	return vec_recv(rxq, pkts, n, avx2_group);
}

uint16_t
x710vf_xmit_avx2(void *txq, struct rte_mbuf **pkts, uint16_t n)
{
	struct x710vf_tx_queue *q = txq;
	const uint16_t rs_mask = (uint16_t)(q->rs_thresh - 1);
	uint16_t next = q->next, i = 0;
	uint64_t bytes = 0;

	n = vec_tx_room(q, n);
	if (n == 0)
		return 0;
	/* Pairs that do not cross the ring end: one 32 B store for two slots. */
	for (; i + 1 < n && next + 1 < q->nb_desc; i += 2) {
		struct rte_mbuf *a = pkts[i], *b = pkts[i + 1];
		__m256i d = _mm256_set_epi64x((long long)vec_tx_qw1(b, (uint16_t)(next + 1), rs_mask),
					      (long long)rte_mbuf_data_iova(b),
					      (long long)vec_tx_qw1(a, next, rs_mask),
					      (long long)rte_mbuf_data_iova(a));
		q->sw_ring[next] = a;
		q->sw_ring[next + 1] = b;
		_mm256_storeu_si256((__m256i *)(uintptr_t)&q->ring[next], d);
		bytes += a->pkt_len + b->pkt_len;
		next = (uint16_t)((next + 2) & q->mask);
	}
	for (; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		q->sw_ring[next] = m;
		q->ring[next].buffer_addr = rte_mbuf_data_iova(m);
		q->ring[next].cmd_type_offset_bsz = vec_tx_qw1(m, next, rs_mask);
		bytes += m->pkt_len;
		next = (uint16_t)((next + 1) & q->mask);
	}
	vec_tx_finish(q, next, n, bytes);
	return n;
}
