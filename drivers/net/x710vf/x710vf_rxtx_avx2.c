/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * AVX2 bursts. Rx takes four 32-byte descriptors per step: one compare
 * checks their status, vector shifts and masks pull out lengths, RSS
 * flags, checksum flags (a byte shuffle) and hashes, one gather looks up
 * their packet types, and each mbuf gets its 32 bytes from rearm_data to
 * hash (rearm word, ol_flags, packet_type, pkt_len, data_len, vlan_tci,
 * hash) in one store. Tx writes
 * two 16-byte descriptors per 32-byte store. Chained frames, frame errors
 * and partial groups go to the scalar path.
 */
#include <immintrin.h>

#include "x710vf_rxtx_vec_common.h"

_Static_assert(offsetof(struct rte_mbuf, hash) + sizeof(uint32_t) ==
	       offsetof(struct rte_mbuf, rearm_data) + sizeof(__m256i), "mbuf layout");

/* The loop's constants, set up once per burst and kept in registers. */
struct avx2_rx_consts {
	__m256i init;           /* mbuf rearm word */
	__m256i status_mask, status_want, len_mask, ptype_idx, fltstat_rss, rss_flag, rss_word;
	__m256i csum_table, csum_err_mask, one;   /* checksum flags (vec_rx_csum_table) */
};

/* vperm2i128 selectors: both low 128-bit halves, both high halves. */
#define AVX2_LOW_HALVES  0x20
#define AVX2_HIGH_HALVES 0x31

/* Hide v's value from the compiler so that it keeps it in a register
 * rather than reloading the constant from memory in every iteration. */
#define AVX2_IN_REG(v) __asm__("" : "+x"(v))

static __rte_always_inline void
avx2_rx_consts_init(struct avx2_rx_consts *c, uint64_t mbuf_init)
{
	c->init = _mm256_set1_epi64x((long long)mbuf_init);
	c->status_mask = _mm256_set1_epi64x((long long)VEC_RX_STATUS_MASK);
	c->status_want = _mm256_set1_epi64x((long long)VEC_RX_STATUS_WANT);
	c->len_mask = _mm256_set1_epi64x((long long)VEC_RX_LEN_MASK);
	c->ptype_idx = _mm256_set1_epi64x((long long)VEC_RX_PTYPE_IDX);
	c->fltstat_rss = _mm256_set1_epi64x((long long)VEC_RX_FLTSTAT_RSS);
	c->rss_flag = _mm256_set1_epi64x((long long)RTE_MBUF_F_RX_RSS_HASH);
	c->rss_word = _mm256_set1_epi64x((long long)VEC_RX_RSS_WORD);
	c->csum_table = _mm256_broadcastsi128_si256(vec_rx_csum_table());
	c->csum_err_mask = _mm256_set1_epi64x((long long)VEC_RX_CSUM_ERR_MASK);
	c->one = _mm256_set1_epi64x(1);
	AVX2_IN_REG(c->csum_table);
	AVX2_IN_REG(c->csum_err_mask);
	AVX2_IN_REG(c->one);
	AVX2_IN_REG(c->status_mask);
	AVX2_IN_REG(c->status_want);
	AVX2_IN_REG(c->len_mask);
	AVX2_IN_REG(c->ptype_idx);
	AVX2_IN_REG(c->fltstat_rss);
	AVX2_IN_REG(c->rss_flag);
	AVX2_IN_REG(c->rss_word);
}

/* Four descriptors from d into four mbufs, when all four are complete,
 * error-free single buffers; adds their lengths to *len_sum. Returns
 * false, having written nothing, otherwise. */
static __rte_always_inline bool
avx2_rx4(const volatile struct x710_rx_desc_wb *d, struct rte_mbuf **sw, struct rte_mbuf **pkts,
	 const struct avx2_rx_consts *c, __m256i *len_sum)
{
	/* Last first: a later DD seen means the earlier ones are written. */
	__m256i d3 = _mm256_load_si256((const __m256i *)(uintptr_t)&d[3]);
	rte_compiler_barrier();
	__m256i d2 = _mm256_load_si256((const __m256i *)(uintptr_t)&d[2]);
	rte_compiler_barrier();
	__m256i d1 = _mm256_load_si256((const __m256i *)(uintptr_t)&d[1]);
	rte_compiler_barrier();
	__m256i d0 = _mm256_load_si256((const __m256i *)(uintptr_t)&d[0]);

	/* qw1 (status, ptype, length) of d0..d3 in one register. */
	__m256i qw1 = _mm256_permute2x128_si256(_mm256_unpackhi_epi64(d0, d1),
						_mm256_unpackhi_epi64(d2, d3), AVX2_LOW_HALVES);
	__m256i ok = _mm256_cmpeq_epi64(_mm256_and_si256(qw1, c->status_mask), c->status_want);
	if (_mm256_movemask_pd(_mm256_castsi256_pd(ok)) != 0xF)
		return false;
	__m256i qw0 = _mm256_permute2x128_si256(_mm256_unpacklo_epi64(d0, d1),
						_mm256_unpacklo_epi64(d2, d3), AVX2_LOW_HALVES);

	__m256i len = _mm256_and_si256(_mm256_srli_epi64(qw1, X710_RXD_QW1_LEN_PBUF_SHIFT),
				       c->len_mask);
	__m256i pt_idx = _mm256_and_si256(_mm256_srli_epi64(qw1, X710_RXD_QW1_PTYPE_SHIFT),
					  c->ptype_idx);
	__m256i ptype = _mm256_cvtepu32_epi64(
		_mm256_i64gather_epi32((const int *)x710vf_ptype_table, pt_idx, sizeof(uint32_t)));
	__m256i ol = _mm256_and_si256(_mm256_cmpeq_epi64(_mm256_and_si256(qw1, c->fltstat_rss),
							  c->fltstat_rss), c->rss_flag);
	__m256i cs_idx = _mm256_or_si256(
		_mm256_and_si256(_mm256_srli_epi64(qw1, VEC_RX_CSUM_ERR_SHIFT), c->csum_err_mask),
		_mm256_and_si256(_mm256_srli_epi64(qw1, VEC_RX_CSUM_L3L4P_SHIFT), c->one));
	ol = _mm256_or_si256(ol, _mm256_slli_epi64(_mm256_shuffle_epi8(c->csum_table, cs_idx),
						   VEC_RX_CSUM_SHIFT));
	/* packet_type | pkt_len << 32, and data_len | vlan_tci 0 | hash << 32 */
	__m256i lo = _mm256_or_si256(ptype, _mm256_slli_epi64(len, 32));
	__m256i hi = _mm256_or_si256(len, _mm256_and_si256(qw0, c->rss_word));

	/* Transpose to one 32-byte row per mbuf: rearm, ol_flags, lo, hi. */
	__m256i r02 = _mm256_unpacklo_epi64(c->init, ol), r13 = _mm256_unpackhi_epi64(c->init, ol);
	__m256i f02 = _mm256_unpacklo_epi64(lo, hi), f13 = _mm256_unpackhi_epi64(lo, hi);
	__m256i mbufs = _mm256_loadu_si256((const __m256i *)sw);
	_mm256_storeu_si256((__m256i *)pkts, mbufs);
	__m256i row0 = _mm256_permute2x128_si256(r02, f02, AVX2_LOW_HALVES);
	__m256i row1 = _mm256_permute2x128_si256(r13, f13, AVX2_LOW_HALVES);
	__m256i row2 = _mm256_permute2x128_si256(r02, f02, AVX2_HIGH_HALVES);
	__m256i row3 = _mm256_permute2x128_si256(r13, f13, AVX2_HIGH_HALVES);
	_mm256_storeu_si256((__m256i *)X710VF_MBUF_REARM(sw[0]), row0);
	_mm256_storeu_si256((__m256i *)X710VF_MBUF_REARM(sw[1]), row1);
	_mm256_storeu_si256((__m256i *)X710VF_MBUF_REARM(sw[2]), row2);
	_mm256_storeu_si256((__m256i *)X710VF_MBUF_REARM(sw[3]), row3);
	*len_sum = _mm256_add_epi64(*len_sum, len);
	return true;
}

uint16_t
x710vf_recv_avx2(void *rxq, struct rte_mbuf **pkts, uint16_t n)
{
	struct x710vf_rx_queue *q = rxq;
	int early = vec_rx_begin(q, pkts, n);

	if (early >= 0)
		return (uint16_t)early;
	const volatile struct x710_rx_desc_wb *d = &q->ring[q->next];
	struct rte_mbuf **sw = &q->sw_ring[q->next];
	uint16_t nb = 0;
	struct avx2_rx_consts c;
	__m256i len_sum = _mm256_setzero_si256();
	uint16_t span = vec_rx_span(q, n);

	avx2_rx_consts_init(&c, q->mbuf_init);
	while (nb < span && avx2_rx4(d + nb, sw + nb, pkts + nb, &c, &len_sum))
		nb += VEC_RX_GROUP;
	__m128i s2 = _mm_add_epi64(_mm256_castsi256_si128(len_sum),
				   _mm256_extracti128_si256(len_sum, 1));
	uint64_t bytes = (uint64_t)_mm_cvtsi128_si64(_mm_add_epi64(s2, _mm_unpackhi_epi64(s2, s2)));
	return vec_rx_finish(q, pkts, n, nb, bytes);
}

/* Tx reads each mbuf as two 16-byte words: buf_iova | rearm word (data_off
 * in its low 16 bits), and data_len | ... (low 16 bits). */
_Static_assert(offsetof(struct rte_mbuf, rearm_data) == offsetof(struct rte_mbuf, buf_iova) + 8 &&
	       offsetof(struct rte_mbuf, data_off) == offsetof(struct rte_mbuf, rearm_data),
	       "mbuf layout");
#define AVX2_TX_LOW16 0xFFFF

static __rte_always_inline __m256i
avx2_load_pair(const void *a, const void *b)
{
	return _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)a)),
				       _mm_loadu_si128((const __m128i *)b), 1);
}

/* n frames into slots [0, n) of a run that does not wrap; returns bytes.
 * Pairs from an even slot: both descriptors built in one register
 * (address = buf_iova + data_off, qw1 from data_len) and one aligned
 * 32-byte store. */
static __rte_always_inline uint64_t
avx2_tx_run(volatile struct x710_tx_desc *ring, struct rte_mbuf **sw, struct rte_mbuf **pkts,
	    uint16_t n)
{
	const __m256i low16 = _mm256_set1_epi64x(AVX2_TX_LOW16);
	const __m256i base = _mm256_set1_epi64x((long long)VEC_TX_QW1_BASE);
	__m256i len_sum = _mm256_setzero_si256();
	uint64_t bytes = 0;
	uint16_t i = 0;

	if (n == 0)
		return 0;
	if (((uintptr_t)ring & sizeof(struct x710_tx_desc)) != 0) {   /* odd slot */
		bytes += vec_tx_one(ring, sw, pkts[0]);
		i = 1;
	}
	for (; i + 1 < n; i += 2) {
		struct rte_mbuf *a = pkts[i], *b = pkts[i + 1];
		__m256i iova = avx2_load_pair(&a->buf_iova, &b->buf_iova);
		__m256i len = _mm256_and_si256(avx2_load_pair(&a->data_len, &b->data_len), low16);
		__m256i addr = _mm256_add_epi64(iova, _mm256_and_si256(_mm256_srli_si256(iova, 8), low16));
		__m256i qw1 = _mm256_or_si256(_mm256_slli_epi64(len, X710_TXD_QW1_BUF_SZ_SHIFT), base);
		sw[i] = a;
		sw[i + 1] = b;
		_mm256_store_si256((__m256i *)(uintptr_t)&ring[i], _mm256_unpacklo_epi64(addr, qw1));
		len_sum = _mm256_add_epi64(len_sum, len);
	}
	if (i < n)
		bytes += vec_tx_one(&ring[i], &sw[i], pkts[i]);
	/* lanes 0 and 2 hold the lengths */
	return bytes + (uint64_t)_mm256_extract_epi64(len_sum, 0) +
	       (uint64_t)_mm256_extract_epi64(len_sum, 2);
}

uint16_t
x710vf_xmit_avx2(void *txq, struct rte_mbuf **pkts, uint16_t n)
{
	struct x710vf_tx_queue *q = txq;

	n = vec_tx_room(q, n);
	if (n == 0)
		return 0;
	uint16_t next = q->next;
	uint16_t first = RTE_MIN(n, (uint16_t)(q->nb_desc - next));   /* up to the ring end */
	uint64_t bytes = avx2_tx_run(&q->ring[next], &q->sw_ring[next], pkts, first);
	bytes += avx2_tx_run(q->ring, q->sw_ring, pkts + first, (uint16_t)(n - first));
	vec_tx_finish(q, (uint16_t)((next + n) & q->mask), n, bytes);
	return n;
}
