/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TSO through net_x710vf into the device model (in process, as
 * x710vf_rxtx_test): tx_prepare + scalar Tx write a context descriptor,
 * the model segments, queue B receives valid frames (DPDK's verifiers).
 * Also: tx_prepare's TSO checks, and context descriptors on RS slots
 * across ring wraps (completions keep coming, no mbuf lost).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <rte_eal.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>
#include <rte_tcp.h>

#include "x710vf_sim_pair.h"
#include "x710vf_test_frames.h"

#define POOL_SIZE   1023
#define ROOM        8192        /* a whole 4000-byte TSO packet in one mbuf */
#define DBUFF_B     2048        /* B's Rx buffers: one segment each */
#define PAYLOAD     4000
#define MSS         1400
#define SEQ0        0x01020304u
#define IP_ID0      0x4000
#define WRAP_ROUNDS 200         /* 2 slots per packet: past the 256-slot ring */

static struct rte_mempool *pool;

static void
open_env(struct env *e)
{
	assert_int_equal(sim_pair_open(e, pool, DBUFF_B, DBUFF_B), 0);
	e->a.txq.offloads |= RTE_ETH_TX_OFFLOAD_TCP_TSO | RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
}

static void
close_env(struct env *e)
{
	sim_pair_close(e);
	/* Context slots hold no mbuf: every data mbuf came back, once. */
	assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
}

static uint8_t payload_byte(size_t i) { return (uint8_t)(i * 11 + 5); }

/* A TCP packet of `payload` bytes for TSO at `mss`, headers in the first
 * mbuf and the payload cut into `cuts` further mbufs (0: all in the first). */
static struct rte_mbuf *
tso_packet(bool v6, uint16_t payload, uint16_t mss, unsigned int cuts)
{
	uint16_t l3 = v6 ? sizeof(struct rte_ipv6_hdr) : sizeof(struct rte_ipv4_hdr);
	uint16_t hdrs = (uint16_t)(sizeof(struct rte_ether_hdr) + l3 + sizeof(struct rte_tcp_hdr));
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	assert_non_null(m);
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, cuts ? hdrs : (uint16_t)(hdrs + payload));
	assert_non_null(p);
	memset(p, 0, hdrs);
	struct rte_tcp_hdr *t = (struct rte_tcp_hdr *)x710vf_test_ip_headers(
		p, v6, IPPROTO_TCP, (uint16_t)(sizeof(struct rte_tcp_hdr) + payload));
	if (!v6)
		((struct rte_ipv4_hdr *)(p + sizeof(struct rte_ether_hdr)))->packet_id =
			rte_cpu_to_be_16(IP_ID0);
	t->src_port = rte_cpu_to_be_16(1234);
	t->dst_port = rte_cpu_to_be_16(80);
	t->sent_seq = rte_cpu_to_be_32(SEQ0);
	t->data_off = 5 << 4;
	t->tcp_flags = RTE_TCP_ACK_FLAG | RTE_TCP_PSH_FLAG;
	t->rx_win = rte_cpu_to_be_16(8192);
	if (cuts == 0) {
		for (uint16_t i = 0; i < payload; i++)
			p[hdrs + i] = payload_byte(i);
	}
	for (unsigned int c = 0, done = 0; c < cuts; c++) {
		uint16_t n = (uint16_t)(c + 1 == cuts ? payload - done : payload / cuts);
		struct rte_mbuf *seg = rte_pktmbuf_alloc(pool);
		assert_non_null(seg);
		uint8_t *q = (uint8_t *)rte_pktmbuf_append(seg, n);
		assert_non_null(q);
		for (uint16_t i = 0; i < n; i++)
			q[i] = payload_byte(done + i);
		done += n;
		assert_int_equal(rte_pktmbuf_chain(m, seg), 0);
	}
	m->l2_len = sizeof(struct rte_ether_hdr);
	m->l3_len = l3;
	m->l4_len = sizeof(struct rte_tcp_hdr);
	m->tso_segsz = mss;
	m->ol_flags = RTE_MBUF_F_TX_TCP_SEG |
		      (v6 ? RTE_MBUF_F_TX_IPV6 : RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IP_CKSUM);
	return m;
}

/* Segment k of a packet from tso_packet(): lengths, ID, sequence, flags,
 * payload slice, and both checksums by DPDK's own verifiers. */
static void
assert_segment(const struct rte_mbuf *r, bool v6, uint16_t payload, uint16_t mss,
	       unsigned int k, unsigned int nsegs)
{
	uint16_t l3 = v6 ? sizeof(struct rte_ipv6_hdr) : sizeof(struct rte_ipv4_hdr);
	uint16_t seg = (uint16_t)RTE_MIN((unsigned int)mss, payload - k * mss);
	const uint8_t *p = rte_pktmbuf_mtod(r, const uint8_t *);
	const struct rte_tcp_hdr *t =
		(const struct rte_tcp_hdr *)(p + sizeof(struct rte_ether_hdr) + l3);
	assert_int_equal(r->nb_segs, 1);
	assert_int_equal(r->pkt_len, sizeof(struct rte_ether_hdr) + l3 + sizeof(*t) + seg);
	if (v6) {
		const struct rte_ipv6_hdr *ip = (const struct rte_ipv6_hdr *)(p + RTE_ETHER_HDR_LEN);
		assert_int_equal(rte_be_to_cpu_16(ip->payload_len), sizeof(*t) + seg);
		assert_int_equal(rte_ipv6_udptcp_cksum_verify(ip, t), 0);
	} else {
		const struct rte_ipv4_hdr *ip = (const struct rte_ipv4_hdr *)(p + RTE_ETHER_HDR_LEN);
		assert_int_equal(rte_be_to_cpu_16(ip->total_length), l3 + sizeof(*t) + seg);
		assert_int_equal(rte_be_to_cpu_16(ip->packet_id), IP_ID0 + k);
		assert_int_equal(rte_raw_cksum(ip, sizeof(*ip)), 0xFFFF);
		assert_int_equal(rte_ipv4_udptcp_cksum_verify(ip, t), 0);
	}
	assert_int_equal(rte_be_to_cpu_32(t->sent_seq), SEQ0 + k * mss);
	assert_int_equal(t->tcp_flags, k + 1 == nsegs ? RTE_TCP_ACK_FLAG | RTE_TCP_PSH_FLAG
						      : RTE_TCP_ACK_FLAG);
	const uint8_t *pl = (const uint8_t *)(t + 1);
	for (uint16_t i = 0; i < seg; i++)
		assert_int_equal(pl[i], payload_byte(k * mss + i));
}

/* RS only together with EOP, as i40e and iavf set it: a report on a
 * descriptor in the middle of a packet is not something the silicon is
 * documented to honour. Descriptors the device wrote back are skipped. */
static void
assert_rs_only_with_eop(const struct x710vf_tx_queue *q)
{
	for (uint16_t i = 0; i < q->nb_desc; i++) {
		uint64_t qw1 = q->ring[i].cmd_type_offset_bsz;
		uint64_t cmd = (qw1 & X710_TXD_QW1_CMD_MASK) >> X710_TXD_QW1_CMD_SHIFT;

		if ((qw1 & X710_TXD_QW1_DTYPE_MASK) != X710_TX_DTYPE_DATA)
			continue;
		if ((cmd & X710_TX_CMD_RS) && !(cmd & X710_TX_CMD_EOP))
			fail_msg("slot %u: RS without EOP", i);
	}
}

/* Prepare, send, run the model, receive exactly `nsegs` frames and check them. */
static void
send_and_check(struct env *e, struct rte_mbuf *m, bool v6, uint16_t payload, uint16_t mss)
{
	unsigned int nsegs = (payload + mss - 1u) / mss;
	struct rte_mbuf *in[8];
	assert_true(nsegs < RTE_DIM(in));
	assert_int_equal(x710vf_xmit_prep(&e->a.txq, &m, 1), 1);
	assert_int_equal(x710vf_xmit_scalar(&e->a.txq, &m, 1), 1);
	assert_rs_only_with_eop(&e->a.txq);
	sim_pair_run(e);
	assert_int_equal(x710vf_recv_scalar(&e->b.rxq, in, RTE_DIM(in)), nsegs);
	for (unsigned int k = 0; k < nsegs; k++) {
		assert_segment(in[k], v6, payload, mss, k, nsegs);
		rte_pktmbuf_free(in[k]);
	}
}

/* 4000 bytes at MSS 1400: three frames, from one mbuf and from several. */
static void
tso_4000_bytes_become_three_valid_frames(void **state)
{
	static const struct { bool v6; unsigned int cuts; } cases[] = {
		{ false, 0 }, { false, 3 }, { true, 0 }, { true, 4 },
	};
	struct env e;
	(void)state;
	open_env(&e);
	for (size_t i = 0; i < RTE_DIM(cases); i++)
		send_and_check(&e, tso_packet(cases[i].v6, PAYLOAD, MSS, cases[i].cuts),
			       cases[i].v6, PAYLOAD, MSS);
	close_env(&e);
}

/* tx_prepare refuses what the device cannot segment, with rte_errno. */
static void
prepare_refuses_bad_tso(void **state)
{
	struct env e;
	struct rte_mbuf *m;
	(void)state;
	open_env(&e);
	m = tso_packet(false, PAYLOAD, X710_TSO_MSS_MIN - 1, 0);
	assert_int_equal(x710vf_xmit_prep(&e.a.txq, &m, 1), 0);
	assert_int_equal(rte_errno, EINVAL);
	m->tso_segsz = X710_TSO_MSS_MAX + 1;
	assert_int_equal(x710vf_xmit_prep(&e.a.txq, &m, 1), 0);
	assert_int_equal(rte_errno, EINVAL);
	m->tso_segsz = MSS;
	m->l4_len = 0;
	assert_int_equal(x710vf_xmit_prep(&e.a.txq, &m, 1), 0);
	assert_int_equal(rte_errno, EINVAL);
	rte_pktmbuf_free(m);
	/* IPv6 with an IPv4-sized IPLEN: the device would drop it (MDD). */
	m = tso_packet(true, PAYLOAD, MSS, 0);
	m->l3_len = sizeof(struct rte_ipv4_hdr);
	assert_int_equal(x710vf_xmit_prep(&e.a.txq, &m, 1), 0);
	assert_int_equal(rte_errno, EINVAL);
	rte_pktmbuf_free(m);
	/* 9 buffers under one 1400-byte segment (headers + 8 x 100 + rest). */
	m = tso_packet(false, PAYLOAD, MSS, 40);
	assert_int_equal(x710vf_xmit_prep(&e.a.txq, &m, 1), 0);
	assert_int_equal(rte_errno, EINVAL);
	rte_pktmbuf_free(m);
	/* A queue set up without TSO. */
	e.a.txq.offloads &= ~RTE_ETH_TX_OFFLOAD_TCP_TSO;
	m = tso_packet(false, PAYLOAD, MSS, 0);
	assert_int_equal(x710vf_xmit_prep(&e.a.txq, &m, 1), 0);
	assert_int_equal(rte_errno, ENOTSUP);
	rte_pktmbuf_free(m);
	close_env(&e);
}

/* Context descriptors landing on RS slots (every rs_thresh-th): one plain
 * frame shifts them onto odd slots, then the ring wraps several times. */
static void
contexts_on_rs_slots_keep_completions_coming(void **state)
{
	struct env e;
	struct rte_mbuf *in[4];
	(void)state;
	open_env(&e);
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	assert_non_null(m);
	fx_frame((uint8_t *)rte_pktmbuf_append(m, 64), 64, fx_mac_b, fx_mac_a);
	assert_int_equal(x710vf_xmit_scalar(&e.a.txq, &m, 1), 1);
	sim_pair_run(&e);
	assert_int_equal(x710vf_recv_scalar(&e.b.rxq, in, RTE_DIM(in)), 1);
	rte_pktmbuf_free(in[0]);
	for (int r = 0; r < WRAP_ROUNDS; r++)
		send_and_check(&e, tso_packet(r & 1, 600, 256, 0), r & 1, 600, 256);
	/* Packets of 1 to 4 buffers: batches' last slots fall in the middle of
	 * packets, whose EOP must report for them (assert_rs_only_with_eop). */
	for (int r = 0; r < WRAP_ROUNDS; r++)
		send_and_check(&e, tso_packet(r & 1, 600, 256, (unsigned int)r % 4), r & 1, 600, 256);
	close_env(&e);
}

int
main(int argc, char **argv)
{
	(void)argc;
	if (x710vf_test_eal(argv[0], "256") != 0)
		return 77;
	pool = x710vf_test_pool(argv[0], "x710vf_tso", POOL_SIZE, 0, ROOM);
	if (pool == NULL)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tso_4000_bytes_become_three_valid_frames),
		cmocka_unit_test(prepare_refuses_bad_tso),
		cmocka_unit_test(contexts_on_rs_slots_keep_completions_coming),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rte_mempool_free(pool);
	rte_eal_cleanup();
	return rc;
}
