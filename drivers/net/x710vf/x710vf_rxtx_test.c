/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Ring-level test of net_x710vf's bursts (scalar, SSE4.2, AVX2) against the
 * device model's data path in the same process: queue A sends, the model's
 * switch delivers to queue B, B receives. EAL runs without hugepages or
 * PCI in VA mode, so an mbuf's IOVA is its address, which is what the
 * model's test DMA expects. Deterministic: the model is stepped by hand.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <rte_cpuflags.h>
#include <rte_eal.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_tcp.h>
#include <rte_udp.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "x710vf_sim_pair.h"
#include "x710vf_test_frames.h"

#define QLEN        SIM_PAIR_QLEN
#define POOL_SIZE   4095
#define MAX_STALLS  3           /* rounds without a frame moved */
#define POOL_CACHE  256         /* as applications use: Rx rearm takes from it */
#define DBUFF       2048
#define SMALL_DBUFF 256         /* forces multi-buffer frames */
#define HENA_IPV4_UDP (UINT64_C(1) << 31)   /* PCTYPE NONF_IPV4_UDP */
#define RSS_FRAMES    8         /* two groups of four for the vector paths */
#define RSS_PLAIN_L2  5         /* this one is not IP: no hash, ptype L2 */

typedef uint16_t (*burst_fn)(void *, struct rte_mbuf **, uint16_t);

struct path {
	const char *name;
	burst_fn rx, tx;
	enum rte_cpu_flag_t need;
};

static const struct path paths[] = {
	{ "scalar", x710vf_recv_scalar, x710vf_xmit_scalar, RTE_CPUFLAG_NUMFLAGS },
	{ "sse", x710vf_recv_sse, x710vf_xmit_sse, RTE_CPUFLAG_SSE4_2 },
	{ "avx2", x710vf_recv_avx2, x710vf_xmit_avx2, RTE_CPUFLAG_AVX2 },
};

/* The pool the current test draws from: one without a per-lcore cache
 * (every get and put goes to the pool) or one with (the fast path). */
static struct rte_mempool *pool, *plain_pool, *cached_pool;

static void
open_env(struct env *e, uint16_t dbuff_b)
{
	assert_int_equal(sim_pair_open(e, pool, DBUFF, dbuff_b), 0);
}

static void
close_env(struct env *e)
{
	sim_pair_close(e);
	/* Every mbuf is back: nothing leaked, nothing freed twice (a double
	 * free into the cached pool loses mbufs when the cache flushes). */
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

#define run_model sim_pair_run

static struct rte_mbuf *
frame(uint16_t len, uint8_t seq)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	assert_non_null(m);
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, len);
	assert_non_null(p);
	fx_frame(p, len, fx_mac_b, fx_mac_a);
	p[len - 1] = seq;
	return m;
}

/* Send n frames of len from A to B through `p`; receive and check them. */
static void
a_to_b(struct env *e, const struct path *p, unsigned int n, uint16_t len)
{
	struct rte_mbuf *out[X710VF_VEC_BURST], *in[X710VF_VEC_BURST];
	unsigned int sent = 0, got = 0, stalls = 0;

	while (got < n) {
		unsigned int k = RTE_MIN(n - sent, (unsigned int)X710VF_VEC_BURST);
		for (unsigned int i = 0; i < k; i++)
			out[i] = frame(len, (uint8_t)(sent + i));
		uint16_t s = p->tx(&e->a.txq, out, (uint16_t)k);
		rte_pktmbuf_free_bulk(out + s, k - s);
		sent += s;
		run_model(e);
		if (s > 0)      /* what the model delivered is reported done */
			assert_int_equal(x710vf_rx_descriptor_status(&e->b.rxq, s - 1),
					 RTE_ETH_RX_DESC_DONE);
		assert_int_equal(x710vf_rx_descriptor_status(&e->b.rxq, QLEN - 1),
				 RTE_ETH_RX_DESC_UNAVAIL);
		uint16_t r = p->rx(&e->b.rxq, in, X710VF_VEC_BURST);
		for (uint16_t i = 0; i < r; i++) {
			assert_int_equal(in[i]->pkt_len, len);
			assert_int_equal(*rte_pktmbuf_mtod_offset(in[i], uint8_t *, in[i]->data_len - 1),
					 (uint8_t)(got + i));
			assert_int_equal(in[i]->port, 0);
			assert_int_equal(in[i]->packet_type, RTE_PTYPE_L2_ETHER);
		}
		got += r;
		rte_pktmbuf_free_bulk(in, r);
		assert_true(sent <= n);
		/* the model moves everything each round: no progress = lost frames */
		stalls = (s == 0 && r == 0) ? stalls + 1 : 0;
		if (stalls > MAX_STALLS)
			fail_msg("%s: stuck at %u sent, %u received of %u (Tx free %u, Rx held %u)",
				 p->name, sent, got, n, e->a.txq.nb_free, e->b.rxq.nb_held);
	}
	assert_int_equal(e->b.rxq.packets, n);
	assert_int_equal(e->a.txq.packets, n);
	/* bytes are summed per burst in vector lanes: still exact */
	assert_int_equal(e->b.rxq.bytes, (uint64_t)n * len);
	assert_int_equal(e->a.txq.bytes, (uint64_t)n * len);
}

static void
every_path_moves_frames_across_ring_wraps(void **state)
{
	(void)state;
	for (size_t i = 0; i < RTE_DIM(paths); i++) {
		const struct path *p = &paths[i];
		struct env e;
		if (p->need != RTE_CPUFLAG_NUMFLAGS && rte_cpu_get_flag_enabled(p->need) <= 0) {
			print_message("%s: CPU lacks it, skipped\n", p->name);
			continue;
		}
		for (int cached = 0; cached < 2; cached++) {
			pool = cached ? cached_pool : plain_pool;
			open_env(&e, DBUFF);
			/* one pool, refcnt 1, one segment: the fast-free contract */
			e.a.txq.fast_free = cached;
			/* several laps of both rings, bursts not a multiple of 4 at the end */
			a_to_b(&e, p, 5 * QLEN + 7, (uint16_t)(64 + 61 * cached));
			close_env(&e);
		}
		pool = plain_pool;
	}
}

/* A chained frame and an errored-free run mixed inside the vector paths'
 * groups of four: the group with the chain goes to the scalar path, the
 * frames around it keep their order, lengths and byte counts. */
static void
chain_inside_a_group_keeps_order_on_every_path(void **state)
{
	static const uint16_t lens[] = { 60, 70, 80, 600, 90, 100, 110, 120, 130, 140 };
	(void)state;
	for (size_t i = 0; i < RTE_DIM(paths); i++) {
		const struct path *p = &paths[i];
		struct env e;
		struct rte_mbuf *out[RTE_DIM(lens)], *in[X710VF_VEC_BURST];
		uint64_t want_bytes = 0;
		uint16_t got = 0;
		if (p->need != RTE_CPUFLAG_NUMFLAGS && rte_cpu_get_flag_enabled(p->need) <= 0)
			continue;
		open_env(&e, SMALL_DBUFF);      /* 600 B takes three buffers */
		for (size_t k = 0; k < RTE_DIM(lens); k++) {
			out[k] = frame(lens[k], (uint8_t)k);
			want_bytes += lens[k];
		}
		assert_int_equal(x710vf_xmit_scalar(&e.a.txq, out, RTE_DIM(lens)), RTE_DIM(lens));
		run_model(&e);
		for (int polls = 0; polls < 4 && got < RTE_DIM(lens); polls++)
			got = (uint16_t)(got + p->rx(&e.b.rxq, in + got, X710VF_VEC_BURST - got));
		assert_int_equal(got, RTE_DIM(lens));
		for (size_t k = 0; k < RTE_DIM(lens); k++) {
			assert_int_equal(in[k]->pkt_len, lens[k]);
			assert_int_equal(in[k]->nb_segs, lens[k] > SMALL_DBUFF ? 3 : 1);
			assert_int_equal(*rte_pktmbuf_mtod_offset(rte_pktmbuf_lastseg(in[k]), uint8_t *,
				rte_pktmbuf_lastseg(in[k])->data_len - 1), (uint8_t)k);
		}
		assert_int_equal(e.b.rxq.packets, RTE_DIM(lens));
		assert_int_equal(e.b.rxq.bytes, want_bytes);
		rte_pktmbuf_free_bulk(in, got);
		close_env(&e);
	}
}

static void
multi_buffer_frames_are_chained_on_every_path(void **state)
{
	(void)state;
	for (size_t i = 0; i < RTE_DIM(paths); i++) {
		const struct path *p = &paths[i];
		struct env e;
		struct rte_mbuf *m, *in[4];
		if (p->need != RTE_CPUFLAG_NUMFLAGS && rte_cpu_get_flag_enabled(p->need) <= 0)
			continue;
		open_env(&e, SMALL_DBUFF);
		m = frame(1000, 0x5A);
		assert_int_equal(x710vf_xmit_scalar(&e.a.txq, &m, 1), 1);
		run_model(&e);
		/* vector paths hand a chain to the scalar path */
		assert_int_equal(p->rx(&e.b.rxq, in, 4), 1);
		assert_int_equal(in[0]->pkt_len, 1000);
		assert_int_equal(in[0]->nb_segs, 4);       /* 256 + 256 + 256 + 232 */
		assert_int_equal(rte_pktmbuf_lastseg(in[0])->data_len, 1000 - 3 * SMALL_DBUFF);
		assert_int_equal(*rte_pktmbuf_mtod_offset(rte_pktmbuf_lastseg(in[0]), uint8_t *,
							  1000 - 3 * SMALL_DBUFF - 1), 0x5A);
		rte_pktmbuf_free(in[0]);
		close_env(&e);
	}
}

static void
chained_tx_becomes_one_frame(void **state)
{
	struct env e;
	struct rte_mbuf *head, *in[2];
	(void)state;
	open_env(&e, DBUFF);
	head = frame(100, 1);
	for (int i = 0; i < 2; i++) {
		struct rte_mbuf *seg = rte_pktmbuf_alloc(pool);
		memset(rte_pktmbuf_append(seg, 100), 0x30 + i, 100);
		assert_int_equal(rte_pktmbuf_chain(head, seg), 0);
	}
	assert_int_equal(x710vf_xmit_prep(&e.a.txq, &head, 1), 1);
	assert_int_equal(x710vf_xmit_scalar(&e.a.txq, &head, 1), 1);
	run_model(&e);
	assert_int_equal(x710vf_recv_scalar(&e.b.rxq, in, 2), 1);
	assert_int_equal(in[0]->pkt_len, 300);
	assert_int_equal(*rte_pktmbuf_mtod_offset(in[0], uint8_t *, 299), 0x31);
	rte_pktmbuf_free(in[0]);
	close_env(&e);
}

static void
checksum_offload_reaches_the_descriptor(void **state)
{
	struct env e;
	struct rte_mbuf *m;
	(void)state;
	open_env(&e, DBUFF);
	m = frame(128, 0);
	m->ol_flags = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_TCP_CKSUM;
	m->l2_len = 14;
	m->l3_len = 20;
	m->l4_len = 20;
	assert_int_equal(x710vf_xmit_scalar(&e.a.txq, &m, 1), 1);
	uint64_t qw1 = e.a.txq.ring[0].cmd_type_offset_bsz;
	uint64_t cmd = (qw1 & X710_TXD_QW1_CMD_MASK) >> X710_TXD_QW1_CMD_SHIFT;
	uint64_t off = (qw1 & X710_TXD_QW1_OFFSET_MASK) >> X710_TXD_QW1_OFFSET_SHIFT;
	assert_int_equal(cmd & 0x60, X710_TX_CMD_IIPT_IPV4_CSUM);
	assert_int_equal(cmd & 0x300, X710_TX_CMD_L4T_TCP);
	assert_true(cmd & X710_TX_CMD_EOP);
	assert_int_equal(off & 0x7F, 7);                 /* MACLEN 14 / 2 */
	assert_int_equal((off >> 7) & 0x7F, 5);          /* IPLEN 20 / 4 */
	assert_int_equal((off >> 14) & 0xF, 5);          /* L4LEN 20 / 4 */
	assert_int_equal((qw1 & X710_TXD_QW1_BUF_SZ_MASK) >> X710_TXD_QW1_BUF_SZ_SHIFT, 128);
	/* an offload the queue cannot do is refused by tx_prepare */
	m = frame(128, 0);
	m->ol_flags = RTE_MBUF_F_TX_TCP_SEG;
	assert_int_equal(x710vf_xmit_prep(&e.a.txq, &m, 1), 0);
	rte_pktmbuf_free(m);
	run_model(&e);
	close_env(&e);
}

/* An IPv4 or IPv6 frame with a TCP or UDP header and `payload` bytes, its
 * checksum fields left wrong (0xBEEF) and the offload flags set, as an
 * application asking for checksum offloads hands it to tx_prepare. With
 * `split`, the payload sits in a second segment. */
static struct rte_mbuf *
csum_frame(bool v6, uint8_t proto, uint16_t payload, bool split)
{
	uint16_t l3 = v6 ? sizeof(struct rte_ipv6_hdr) : sizeof(struct rte_ipv4_hdr);
	uint16_t l4 = proto == IPPROTO_TCP ? sizeof(struct rte_tcp_hdr) : sizeof(struct rte_udp_hdr);
	uint16_t hdrs = (uint16_t)(sizeof(struct rte_ether_hdr) + l3 + l4);
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	assert_non_null(m);
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, split ? hdrs : (uint16_t)(hdrs + payload));
	assert_non_null(p);
	memset(p, 0, hdrs);
	uint8_t *l4p = x710vf_test_ip_headers(p, v6, proto, (uint16_t)(l4 + payload));
	if (!v6)
		((struct rte_ipv4_hdr *)(p + sizeof(struct rte_ether_hdr)))->hdr_checksum = 0xBEEF;
	if (proto == IPPROTO_TCP) {
		struct rte_tcp_hdr *t = (struct rte_tcp_hdr *)l4p;
		t->src_port = rte_cpu_to_be_16(1234);
		t->dst_port = rte_cpu_to_be_16(80);
		t->data_off = 5 << 4;
		t->cksum = 0xBEEF;
	} else {
		struct rte_udp_hdr *u = (struct rte_udp_hdr *)l4p;
		u->src_port = rte_cpu_to_be_16(1234);
		u->dst_port = rte_cpu_to_be_16(53);
		u->dgram_len = rte_cpu_to_be_16((uint16_t)(l4 + payload));
		u->dgram_cksum = 0xBEEF;
	}
	uint8_t *pl = split ? NULL : p + hdrs;
	if (split) {
		struct rte_mbuf *seg = rte_pktmbuf_alloc(pool);
		assert_non_null(seg);
		pl = (uint8_t *)rte_pktmbuf_append(seg, payload);
		assert_non_null(pl);
		assert_int_equal(rte_pktmbuf_chain(m, seg), 0);
	}
	for (uint16_t i = 0; i < payload; i++)
		pl[i] = (uint8_t)(i * 7 + 3);
	m->l2_len = sizeof(struct rte_ether_hdr);
	m->l3_len = l3;
	m->l4_len = l4;
	m->ol_flags = (v6 ? RTE_MBUF_F_TX_IPV6 : RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM) |
		      (proto == IPPROTO_TCP ? RTE_MBUF_F_TX_TCP_CKSUM : RTE_MBUF_F_TX_UDP_CKSUM);
	return m;
}

/* The frame that left the model verifies: IPv4 header sum 0xFFFF, L4 over
 * pseudo-header and segment (DPDK's own verifiers). `vlan`: a tag first. */
static void
assert_checksums_valid(const struct rte_mbuf *m, bool v6, bool vlan)
{
	const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
	size_t l2 = sizeof(struct rte_ether_hdr) + (vlan ? sizeof(struct rte_vlan_hdr) : 0);
	assert_int_equal(m->nb_segs, 1);
	if (v6) {
		const struct rte_ipv6_hdr *ip = (const struct rte_ipv6_hdr *)(p + l2);
		assert_int_equal(rte_ipv6_udptcp_cksum_verify(ip, ip + 1), 0);
	} else {
		const struct rte_ipv4_hdr *ip = (const struct rte_ipv4_hdr *)(p + l2);
		assert_int_equal(rte_raw_cksum(ip, sizeof(*ip)), 0xFFFF);
		assert_int_equal(rte_ipv4_udptcp_cksum_verify(ip, ip + 1), 0);
	}
}

/* What checksum_offload_reaches_the_descriptor asks for is done: the model
 * (as the silicon) completes the checksums tx_prepare seeded, one segment or
 * two, and inserts the VLAN tag of RTE_MBUF_F_TX_VLAN. */
static void
checksum_offload_frames_verify_after_the_model(void **state)
{
	static const struct { bool v6; uint8_t proto; uint16_t payload; bool split; } cases[] = {
		{ false, IPPROTO_TCP, 33, false }, { false, IPPROTO_UDP, 200, false },
		{ true, IPPROTO_TCP, 64, false }, { true, IPPROTO_UDP, 17, false },
		{ false, IPPROTO_TCP, 500, true }, { true, IPPROTO_UDP, 300, true },
	};
	struct rte_mbuf *in[2];
	struct env e;
	(void)state;
	open_env(&e, DBUFF);
	for (size_t i = 0; i < RTE_DIM(cases); i++) {
		struct rte_mbuf *m = csum_frame(cases[i].v6, cases[i].proto, cases[i].payload,
						 cases[i].split);
		uint32_t len = m->pkt_len;
		assert_int_equal(x710vf_xmit_prep(&e.a.txq, &m, 1), 1);
		assert_int_equal(x710vf_xmit_scalar(&e.a.txq, &m, 1), 1);
		run_model(&e);
		assert_int_equal(x710vf_recv_scalar(&e.b.rxq, in, 2), 1);
		assert_int_equal(in[0]->pkt_len, len);
		assert_checksums_valid(in[0], cases[i].v6, false);
		rte_pktmbuf_free(in[0]);
	}
	/* VLAN insertion with the checksums: the tag goes in front of them. */
	struct rte_mbuf *m = csum_frame(false, IPPROTO_UDP, 80, false);
	uint32_t len = m->pkt_len;
	m->ol_flags |= RTE_MBUF_F_TX_VLAN;
	m->vlan_tci = 0x2005;
	assert_int_equal(x710vf_xmit_prep(&e.a.txq, &m, 1), 1);
	assert_int_equal(x710vf_xmit_scalar(&e.a.txq, &m, 1), 1);
	run_model(&e);
	assert_int_equal(x710vf_recv_scalar(&e.b.rxq, in, 2), 1);
	assert_int_equal(in[0]->pkt_len, len + sizeof(struct rte_vlan_hdr));
	const uint8_t *tag = rte_pktmbuf_mtod_offset(in[0], const uint8_t *, 2 * RTE_ETHER_ADDR_LEN);
	assert_int_equal(tag[0] << 8 | tag[1], RTE_ETHER_TYPE_VLAN);      /* TPID */
	assert_int_equal(tag[2] << 8 | tag[3], 0x2005);                   /* TCI */
	assert_checksums_valid(in[0], false, true);
	rte_pktmbuf_free(in[0]);
	close_env(&e);
}

static void
rss_hash_and_packet_type_on_every_path(void **state)
{
	static const uint8_t udp4[] = {
		0x45, 0, 0, 46, 0, 0, 0, 0, 64, 17, 0, 0, 198, 18, 0, 1, 198, 18, 0, 2,
		0, 9, 0, 9, 0, 26, 0, 0,
	};
	uint8_t key[SIM_RSS_KEY_SIZE], lut[SIM_RSS_LUT_SIZE] = { 0 };
	(void)state;
	memset(key, 0x6d, sizeof(key));
	for (size_t i = 0; i < RTE_DIM(paths); i++) {
		const struct path *p = &paths[i];
		struct env e;
		struct rte_mbuf *m[RSS_FRAMES], *in[RSS_FRAMES + 1];
		if (p->need != RTE_CPUFLAG_NUMFLAGS && rte_cpu_get_flag_enabled(p->need) <= 0)
			continue;
		open_env(&e, DBUFF);
		sim_dp_set_rss(e.fx.dp, SIM_PAIR_VSI_B, key, lut, HENA_IPV4_UDP);
		/* UDP frames with distinct source ports, a plain L2 frame among
		 * them: whole groups of four reach the vector Rx code */
		for (int k = 0; k < RSS_FRAMES; k++) {
			m[k] = frame(60, (uint8_t)k);
			if (k == RSS_PLAIN_L2)
				continue;
			uint8_t *d = rte_pktmbuf_mtod(m[k], uint8_t *);
			d[12] = 0x08;
			d[13] = 0x00;
			memcpy(d + 14, udp4, sizeof(udp4));
			d[14 + 21] = (uint8_t)k;        /* UDP source port low byte */
		}
		assert_int_equal(p->tx(&e.a.txq, m, RSS_FRAMES), RSS_FRAMES);
		run_model(&e);
		assert_int_equal(p->rx(&e.b.rxq, in, RSS_FRAMES + 1), RSS_FRAMES);
		for (int k = 0; k < RSS_FRAMES; k++) {
			if (k == RSS_PLAIN_L2) {
				assert_int_equal(in[k]->packet_type, RTE_PTYPE_L2_ETHER);
				assert_false(in[k]->ol_flags & RTE_MBUF_F_RX_RSS_HASH);
				continue;
			}
			assert_int_equal(in[k]->packet_type, RTE_PTYPE_L2_ETHER |
					 RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_UDP);
			/* checksum flags too (its IPv4 header sum is 0): x710vf_rx_csum_test */
			assert_int_equal(in[k]->ol_flags & RTE_MBUF_F_RX_RSS_HASH, RTE_MBUF_F_RX_RSS_HASH);
			assert_int_not_equal(in[k]->hash.rss, 0);
			assert_int_equal(in[k]->pkt_len, 60);
			assert_int_equal(in[k]->data_len, 60);
			assert_int_equal(in[k]->nb_segs, 1);
			if (k > 1 && k - 1 != RSS_PLAIN_L2)     /* different flows, different hashes */
				assert_int_not_equal(in[k]->hash.rss, in[k - 1]->hash.rss);
		}
		rte_pktmbuf_free_bulk(in, RSS_FRAMES);
		close_env(&e);
	}
}

static void
tx_ring_full_is_backpressure_not_loss(void **state)
{
	struct env e;
	struct rte_mbuf *out[X710VF_VEC_BURST];
	unsigned int accepted = 0;
	(void)state;
	open_env(&e, DBUFF);
	/* the model is not run: completions never come, the ring fills */
	for (int round = 0; round < 2 * QLEN / X710VF_VEC_BURST; round++) {
		for (int i = 0; i < X710VF_VEC_BURST; i++)
			out[i] = frame(64, 0);
		uint16_t s = x710vf_xmit_scalar(&e.a.txq, out, X710VF_VEC_BURST);
		accepted += s;
		rte_pktmbuf_free_bulk(out + s, X710VF_VEC_BURST - s);
	}
	assert_int_equal(accepted, QLEN - 1);       /* one slot keeps head != tail */
	assert_int_equal(e.a.tx_tail, QLEN - 1);
	close_env(&e);
}

int
main(int argc, char **argv)
{
	(void)argc;
	if (x710vf_test_eal(argv[0], "256") != 0)
		return 77;
	plain_pool = x710vf_test_pool(argv[0], "x710vf_test", POOL_SIZE, 0, DBUFF);
	cached_pool = x710vf_test_pool(argv[0], "x710vf_test_c", POOL_SIZE, POOL_CACHE, DBUFF);
	pool = plain_pool;
	if (plain_pool == NULL || cached_pool == NULL)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_path_moves_frames_across_ring_wraps),
		cmocka_unit_test(multi_buffer_frames_are_chained_on_every_path),
		cmocka_unit_test(chain_inside_a_group_keeps_order_on_every_path),
		cmocka_unit_test(chained_tx_becomes_one_frame),
		cmocka_unit_test(checksum_offload_reaches_the_descriptor),
		cmocka_unit_test(checksum_offload_frames_verify_after_the_model),
		cmocka_unit_test(rss_hash_and_packet_type_on_every_path),
		cmocka_unit_test(tx_ring_full_is_backpressure_not_loss),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rte_mempool_free(cached_pool);
	rte_mempool_free(plain_pool);
	rte_eal_cleanup();
	return rc;
}
