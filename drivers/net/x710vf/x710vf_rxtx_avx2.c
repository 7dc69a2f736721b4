/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * AVX2 bursts: Rx loads each 32-byte descriptor whole and checks four
 * status words with one 256-bit compare; Tx writes two 16-byte descriptors
 * per 256-bit store. Chained frames and frame errors go to the scalar path.
 */
#include <immintrin.h>

#include "x710vf_rxtx_vec_common.h"

static __rte_always_inline unsigned int
avx2_group(const volatile struct x710_rx_desc_wb *ring, uint16_t k, struct vec_rx_meta *mt)
{
	const __m256i want = _mm256_set1_epi64x((long long)VEC_RX_STATUS_WANT);
	const __m256i mask = _mm256_set1_epi64x((long long)VEC_RX_STATUS_MASK);
	const __m256i three = _mm256_set1_epi64x(3);
	__m256i d[VEC_RX_GROUP] = { _mm256_setzero_si256(), _mm256_setzero_si256(),
				    _mm256_setzero_si256(), _mm256_setzero_si256() };

	if (likely(k == VEC_RX_GROUP)) {
		d[3] = _mm256_load_si256((const __m256i *)(uintptr_t)&ring[3]);
		rte_compiler_barrier();
		d[2] = _mm256_load_si256((const __m256i *)(uintptr_t)&ring[2]);
		rte_compiler_barrier();
		d[1] = _mm256_load_si256((const __m256i *)(uintptr_t)&ring[1]);
		rte_compiler_barrier();
		d[0] = _mm256_load_si256((const __m256i *)(uintptr_t)&ring[0]);
	} else {
		for (int j = k - 1; j >= 0; j--) {
			d[j] = _mm256_load_si256((const __m256i *)(uintptr_t)&ring[j]);
			rte_compiler_barrier();
		}
	}
	/* qw0 and qw1 of d0..d3, one register each (low lanes hold qw0/qw1). */
	__m256i qw0 = _mm256_permute2x128_si256(_mm256_unpacklo_epi64(d[0], d[1]),
						_mm256_unpacklo_epi64(d[2], d[3]), 0x20);
	__m256i qw1 = _mm256_permute2x128_si256(_mm256_unpackhi_epi64(d[0], d[1]),
						_mm256_unpackhi_epi64(d[2], d[3]), 0x20);
	__m256i len = _mm256_and_si256(_mm256_srli_epi64(qw1, X710_RXD_QW1_LEN_PBUF_SHIFT),
				       _mm256_set1_epi64x((long long)VEC_RX_LEN_MASK));
	__m256i rss = _mm256_cmpeq_epi64(_mm256_and_si256(
		_mm256_srli_epi64(qw1, X710_RXD_STATUS_FLTSTAT_SHIFT), three), three);

	_mm256_store_si256((__m256i *)mt->hi, _mm256_or_si256(len, _mm256_and_si256(qw0,
			   _mm256_set1_epi64x((long long)VEC_RX_RSS_WORD))));
	_mm256_store_si256((__m256i *)mt->len_hi, _mm256_slli_epi64(len, 32));
	_mm256_store_si256((__m256i *)mt->ptype, _mm256_and_si256(
		_mm256_srli_epi64(qw1, X710_RXD_QW1_PTYPE_SHIFT), _mm256_set1_epi64x(0xFF)));
	_mm256_store_si256((__m256i *)mt->ol, _mm256_and_si256(rss,
			   _mm256_set1_epi64x((long long)RTE_MBUF_F_RX_RSS_HASH)));
	_mm256_store_si256((__m256i *)mt->qw1, qw1);
	__m256i st = _mm256_cmpeq_epi64(_mm256_and_si256(qw1, mask), want);
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
	uint16_t next = q->next, i = 0;
	uint64_t bytes = 0;

	n = vec_tx_room(q, n);
	if (n == 0)
		return 0;
	/* Pairs from an even slot that do not cross the ring end: one aligned
	 * 32 B store for two slots. */
	if (next & 1) {
		struct rte_mbuf *m = pkts[i++];
		q->sw_ring[next] = m;
		q->ring[next].buffer_addr = rte_mbuf_data_iova(m);
		q->ring[next].cmd_type_offset_bsz = vec_tx_qw1(m);
		bytes += m->data_len;
		next = (uint16_t)((next + 1) & q->mask);
	}
	for (; i + 1 < n && next + 1 < q->nb_desc; i += 2) {
		struct rte_mbuf *a = pkts[i], *b = pkts[i + 1];
		uint64_t qa = vec_tx_qw1(a), qb = vec_tx_qw1(b);
		__m256i d = _mm256_set_epi64x((long long)qb, (long long)rte_mbuf_data_iova(b),
					      (long long)qa, (long long)rte_mbuf_data_iova(a));
		q->sw_ring[next] = a;
		q->sw_ring[next + 1] = b;
		_mm256_store_si256((__m256i *)(uintptr_t)&q->ring[next], d);
		bytes += (uint64_t)a->data_len + b->data_len;
		next = (uint16_t)((next + 2) & q->mask);
	}
	for (; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		q->sw_ring[next] = m;
		q->ring[next].buffer_addr = rte_mbuf_data_iova(m);
		q->ring[next].cmd_type_offset_bsz = vec_tx_qw1(m);
		bytes += m->data_len;
		next = (uint16_t)((next + 1) & q->mask);
	}
	vec_tx_finish(q, next, n, bytes);
	return n;
}
