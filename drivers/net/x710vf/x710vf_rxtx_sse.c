/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SSE4.2 bursts: Rx checks four descriptors' status words with two 128-bit
 * compares and takes the run of completed single-buffer frames; Tx writes
 * each 16-byte descriptor with one 128-bit store. Anything unusual (a
 * chained frame, a frame error) is handed to the scalar path.
 */
#include <smmintrin.h>

#include "x710vf_rxtx_vec_common.h"

/* Two descriptors' words (qw0 pair, qw1 pair) into meta lanes j, j + 1. */
static __rte_always_inline unsigned int
sse_pair(__m128i qw0, __m128i qw1, struct vec_rx_meta *mt, unsigned int j)
{
	const __m128i three = _mm_set1_epi64x(3);
	__m128i len = _mm_and_si128(_mm_srli_epi64(qw1, X710_RXD_QW1_LEN_PBUF_SHIFT),
				    _mm_set1_epi64x((long long)VEC_RX_LEN_MASK));
	__m128i rss = _mm_cmpeq_epi64(_mm_and_si128(
		_mm_srli_epi64(qw1, X710_RXD_STATUS_FLTSTAT_SHIFT), three), three);

	_mm_store_si128((__m128i *)&mt->hi[j], _mm_or_si128(len, _mm_and_si128(qw0,
			_mm_set1_epi64x((long long)VEC_RX_RSS_WORD))));
	_mm_store_si128((__m128i *)&mt->len_hi[j], _mm_slli_epi64(len, 32));
	_mm_store_si128((__m128i *)&mt->ptype[j], _mm_and_si128(
		_mm_srli_epi64(qw1, X710_RXD_QW1_PTYPE_SHIFT), _mm_set1_epi64x(0xFF)));
	_mm_store_si128((__m128i *)&mt->ol[j], _mm_and_si128(rss,
			_mm_set1_epi64x((long long)RTE_MBUF_F_RX_RSS_HASH)));
	_mm_store_si128((__m128i *)&mt->qw1[j], qw1);
	__m128i st = _mm_cmpeq_epi64(_mm_and_si128(qw1,
		_mm_set1_epi64x((long long)VEC_RX_STATUS_MASK)),
		_mm_set1_epi64x((long long)VEC_RX_STATUS_WANT));
	return (unsigned int)_mm_movemask_pd(_mm_castsi128_pd(st));
}

static __rte_always_inline unsigned int
sse_group(const volatile struct x710_rx_desc_wb *ring, uint16_t k, struct vec_rx_meta *mt)
{
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
	return sse_pair(_mm_unpacklo_epi64(d[0], d[1]), _mm_unpackhi_epi64(d[0], d[1]), mt, 0) |
	       (sse_pair(_mm_unpacklo_epi64(d[2], d[3]), _mm_unpackhi_epi64(d[2], d[3]), mt, 2) << 2);
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
