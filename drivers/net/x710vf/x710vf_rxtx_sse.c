/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SSE4.2 bursts: Rx checks four descriptors' status words with two 128-bit
 * compares and takes the run of completed single-buffer frames; Tx writes
 * each 16-byte descriptor with one 128-bit store. Anything unusual (a
 * chained frame, a frame error) is handed to the scalar path.
 */
#include <smmintrin.h>

#include "x710vf_rxtx_vec_common.h"

static __rte_always_inline unsigned int
sse_group(const volatile struct x710_rx_desc_wb *ring, uint16_t k,
	  uint64_t qw[2 * VEC_RX_GROUP])
{
	const __m128i want = _mm_set1_epi64x((long long)VEC_RX_STATUS_WANT);
	const __m128i mask = _mm_set1_epi64x((long long)VEC_RX_STATUS_MASK);
	__m128i d[VEC_RX_GROUP] = { _mm_setzero_si128(), _mm_setzero_si128(),
				    _mm_setzero_si128(), _mm_setzero_si128() };

	if (likely(k == VEC_RX_GROUP)) {
		d[3] = _mm_load_si128((const __m128i *)(uintptr_t)&ring[3]);
		rte_compiler_barrier();
		d[2] = _mm_load_si128((const __m128i *)(uintptr_t)&ring[2]);
		rte_compiler_barrier();
		d[1] = _mm_load_si128((const __m128i *)(uintptr_t)&ring[1]);
		rte_compiler_barrier();
		d[0] = _mm_load_si128((const __m128i *)(uintptr_t)&ring[0]);
	} else {
		for (int j = k - 1; j >= 0; j--) {
			d[j] = _mm_load_si128((const __m128i *)(uintptr_t)&ring[j]);
			rte_compiler_barrier();
		}
	}
	__m128i s01 = _mm_cmpeq_epi64(_mm_and_si128(_mm_unpackhi_epi64(d[0], d[1]), mask), want);
	__m128i s23 = _mm_cmpeq_epi64(_mm_and_si128(_mm_unpackhi_epi64(d[2], d[3]), mask), want);
	for (int j = 0; j < VEC_RX_GROUP; j++)
		_mm_store_si128((__m128i *)&qw[2 * j], d[j]);
	return (unsigned int)_mm_movemask_pd(_mm_castsi128_pd(s01)) |
	       ((unsigned int)_mm_movemask_pd(_mm_castsi128_pd(s23)) << 2);
}

uint16_t
x710vf_recv_sse(void *rxq, struct rte_mbuf **pkts, uint16_t n)
{
	return vec_recv(rxq, pkts, n, sse_group);
}

uint16_t
x710vf_xmit_sse(void *txq, struct rte_mbuf **pkts, uint16_t n)
{
	struct x710vf_tx_queue *q = txq;
	uint16_t next = q->next;
	uint64_t bytes = 0;

	n = vec_tx_room(q, n);
	if (n == 0)
		return 0;
	for (uint16_t i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		__m128i d = _mm_set_epi64x((long long)vec_tx_qw1(m),
					   (long long)rte_mbuf_data_iova(m));
		q->sw_ring[next] = m;
		_mm_store_si128((__m128i *)(uintptr_t)&q->ring[next], d);
		bytes += m->data_len;
		next = (uint16_t)((next + 1) & q->mask);
	}
	vec_tx_finish(q, next, n, bytes);
	return n;
}
