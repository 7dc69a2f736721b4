/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TCP segmentation offload through the Tx engine: a context descriptor
 * with CMD.TSO in front of a packet; the receiving VSI gets one frame per
 * segment whose lengths, IPv4 ID, sequence numbers, flags and checksums
 * are checked with the test's own RFC 1071 arithmetic. Hostile requests
 * are dropped and counted, never read past the packet.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim_dp_internal.h"
#include "sim_dp_test_dma.h"
#include "sim_dp_test_csum.h"
#include "sim_dp_test_fixture.h"
#include "sim_dp_tso.h"

#define QLEN        64
#define ETH_HLEN    14
#define IPV4_HLEN   20
#define IPV6_HLEN   40
#define TCP_HLEN    20
#define PROTO_TCP   6
#define TCP_FIN     0x01
#define TCP_PSH     0x08
#define TCP_ACK     0x10
#define TCP_CWR     0x80
#define SEQ0        0xFFFFFC00u      /* wraps during the packet */
#define IP_ID0      0xFFFF           /* wraps too */
#define MAX_PKT     (FX_BUF_SIZE * 8)

static int setup(void **state)
{
	*state = fx_ab_new(QLEN);
	return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	fx_ab_free(*state);
	return 0;
}

static uint32_t rd32(const uint8_t *p) { return (uint32_t)tcsum_rd16(p) << 16 | tcsum_rd16(p + 2); }
static void wr32(uint8_t *p, uint32_t v) { tcsum_wr16(p, (uint16_t)(v >> 16)); tcsum_wr16(p + 2, (uint16_t)v); }

static uint32_t addr_sum(const uint8_t *ip, bool v6)
{
	return v6 ? tcsum_sum16(ip + 8, 32) : tcsum_sum16(ip + 12, 8);
}

static uint8_t payload_byte(size_t i) { return (uint8_t)(i * 7 + 3); }

/* A TSO packet as a DPDK application hands it over after tx_prepare: IP
 * lengths as the stack left them, IPv4 checksum 0, TCP checksum = the
 * pseudo-header sum WITHOUT the length (rte_ipv4/6_phdr_cksum with
 * RTE_MBUF_F_TX_TCP_SEG). Returns the packet length. */
static size_t build(uint8_t *f, bool v6, size_t payload, uint8_t flags)
{
	size_t l3 = v6 ? IPV6_HLEN : IPV4_HLEN, len = ETH_HLEN + l3 + TCP_HLEN + payload;
	uint8_t *ip = f + ETH_HLEN, *tcp = ip + l3;

	memset(f, 0, ETH_HLEN + l3 + TCP_HLEN);
	memcpy(f, fx_mac_b, 6);
	memcpy(f + 6, fx_mac_a, 6);
	tcsum_wr16(f + 12, v6 ? 0x86DD : 0x0800);
	if (v6) {
		ip[0] = 0x60;
		ip[6] = PROTO_TCP;
		ip[7] = 64;
		for (int i = 0; i < 32; i++)
			ip[8 + i] = (uint8_t)(0x20 + i * 5);
	} else {
		ip[0] = 0x45;
		tcsum_wr16(ip + 4, IP_ID0);
		ip[8] = 64;
		ip[9] = PROTO_TCP;
		memcpy(ip + 12, (const uint8_t[]){ 198, 18, 0, 1, 198, 51, 100, 7 }, 8);
	}
	tcsum_wr16(tcp, 40000);
	tcsum_wr16(tcp + 2, 80);
	wr32(tcp + 4, SEQ0);
	tcp[12] = 5 << 4;
	tcp[13] = flags;
	tcsum_wr16(tcp + 14, 8192);
	for (size_t i = 0; i < payload; i++)
		tcp[TCP_HLEN + i] = payload_byte(i);
	tcsum_wr16(tcp + 16, tcsum_fold(addr_sum(ip, v6) + PROTO_TCP));
	return len;
}

static uint64_t ctx_qw1(uint32_t tlen, uint32_t mss)
{
	return X710_TX_DTYPE_CONTEXT | (uint64_t)X710_TXCD_CMD_TSO << X710_TXCD_QW1_CMD_SHIFT |
	       (uint64_t)tlen << X710_TXCD_QW1_TSO_LEN_SHIFT |
	       (uint64_t)mss << X710_TXCD_QW1_MSS_SHIFT;
}

static uint64_t offload_bits(unsigned int cmd, size_t l2, size_t l3, size_t l4)
{
	uint32_t off = (uint32_t)(l2 / 2) << X710_TX_OFFSET_MACLEN_SHIFT |
		       (uint32_t)(l3 / 4) << X710_TX_OFFSET_IPLEN_SHIFT |
		       (uint32_t)(l4 / 4) << X710_TX_OFFSET_L4LEN_SHIFT;

	return (uint64_t)cmd << X710_TXD_QW1_CMD_SHIFT | (uint64_t)off << X710_TXD_QW1_OFFSET_SHIFT;
}

/* Post a context descriptor and the packet in `chunk`-byte data
 * descriptors (each carrying the offload bits, as iavf does), kick. */
static void post(struct fx_ab *c, uint64_t ctx, const uint8_t *f, size_t len, size_t chunk,
		 uint64_t extra)
{
	uint16_t slot = c->tx.next;

	c->tx.ring[slot].buffer_addr = 0;
	c->tx.ring[slot].cmd_type_offset_bsz = ctx;
	c->tx.next = (uint16_t)((slot + 1) % c->tx.qlen);
	for (size_t off = 0; off < len; off += chunk) {
		size_t n = len - off < chunk ? len - off : chunk;
		unsigned int cmd = off + n == len ? X710_TX_CMD_EOP | X710_TX_CMD_RS : 0;

		slot = fx_tx_data(&c->tx, f + off, n, cmd);
		c->tx.ring[slot].cmd_type_offset_bsz |= extra;
	}
	fx_tx_kick(&c->tx);
	sim_dp_poll(c->fx.dp);
}

/* Check segment k of a packet built by build(): every header field the
 * device rewrites, the payload slice, both checksums. */
static void check_segment(const struct fx_ab *c, uint16_t slot, bool v6, size_t mss,
			  size_t tlen, unsigned int k, unsigned int nsegs, uint8_t flags)
{
	size_t l3 = v6 ? IPV6_HLEN : IPV4_HLEN;
	size_t pay = tlen - k * mss < mss ? tlen - k * mss : mss;
	size_t l4_len = TCP_HLEN + pay;
	const uint8_t *r = fx_rx_buf(&c->rx, slot), *ip = r + ETH_HLEN, *tcp = ip + l3;
	uint8_t want_flags = flags;

	assert_true(fx_rx_dd(&c->rx, slot));
	assert_int_equal(fx_rx_len(&c->rx, slot), ETH_HLEN + l3 + l4_len);
	if (v6) {
		assert_int_equal(tcsum_rd16(ip + 4), l4_len);
	} else {
		assert_int_equal(tcsum_rd16(ip + 2), l3 + l4_len);
		assert_int_equal(tcsum_rd16(ip + 4), (uint16_t)(IP_ID0 + k));
		assert_int_equal(tcsum_fold(tcsum_sum16(ip, IPV4_HLEN)), 0xFFFF);
	}
	assert_int_equal(rd32(tcp + 4), (uint32_t)(SEQ0 + k * mss));
	if (k != 0)
		want_flags &= (uint8_t)~TCP_CWR;
	if (k + 1 != nsegs)
		want_flags &= (uint8_t)~(TCP_FIN | TCP_PSH);
	assert_int_equal(tcp[13], want_flags);
	assert_int_equal(tcsum_fold(addr_sum(ip, v6) + PROTO_TCP + (uint32_t)l4_len +
			      tcsum_sum16(tcp, l4_len)), 0xFFFF);
	for (size_t i = 0; i < pay; i++)
		assert_int_equal(tcp[TCP_HLEN + i], payload_byte(k * mss + i));
}

static void run_tso(struct fx_ab *c, bool v6, size_t payload, size_t mss, size_t chunk)
{
	static uint8_t f[MAX_PKT];
	uint8_t flags = TCP_ACK | TCP_PSH | TCP_FIN | TCP_CWR;
	size_t l3 = v6 ? IPV6_HLEN : IPV4_HLEN;
	size_t len = build(f, v6, payload, flags);
	unsigned int nsegs = (unsigned int)((payload + mss - 1) / mss);
	unsigned int cmd = X710_TX_CMD_L4T_TCP |
			   (v6 ? X710_TX_CMD_IIPT_IPV6 : X710_TX_CMD_IIPT_IPV4_CSUM);
	uint64_t tx0 = c->a->stats.tx_unicast;

	post(c, ctx_qw1((uint32_t)payload, (uint32_t)mss), f, len, chunk,
	     offload_bits(cmd, ETH_HLEN, l3, TCP_HLEN));
	for (unsigned int k = 0; k < nsegs; k++)
		check_segment(c, (uint16_t)k, v6, mss, payload, k, nsegs, flags);
	assert_false(fx_rx_dd(&c->rx, (uint16_t)nsegs));
	/* Segments are frames on the wire: counted one each. */
	assert_int_equal(c->a->stats.tx_unicast - tx0, nsegs);
	assert_int_equal(c->tx.ring[c->tx.next - 1].cmd_type_offset_bsz & X710_TXD_QW1_DTYPE_MASK,
			 X710_TX_DTYPE_DESC_DONE);
	assert_int_equal(sim_dp_txq_head(c->fx.dp, 0, 0), c->tx.next);
}

static void test_ipv4_three_segments(void **state)
{
	/* 3000 bytes at MSS 1200: 1200 + 1200 + 600, packet in 1024 B buffers. */
	run_tso(*state, false, 3000, 1200, 1024);
}

static void test_ipv6_three_segments(void **state)
{
	run_tso(*state, true, 2801, 1400, 2000);
}

static void test_one_segment_keeps_flags(void **state)
{
	run_tso(*state, false, 700, 1400, 2048);
}

/* The packet's buffers are never written: segments are built in the model. */
static void test_driver_buffer_untouched(void **state)
{
	struct fx_ab *c = *state;
	static uint8_t f[MAX_PKT];
	size_t len = build(f, false, 1000, TCP_ACK);

	post(c, ctx_qw1(1000, 512), f, len, 2048,
	     offload_bits(X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV4_CSUM, ETH_HLEN, IPV4_HLEN,
			  TCP_HLEN));
	assert_true(fx_rx_dd(&c->rx, 1));
	assert_memory_equal(c->tx.bufs + FX_BUF_SIZE, f, len);
}

/* Hostile requests: each one is consumed, dropped as malformed, counted,
 * and nothing reaches the receiver. */
static void test_hostile_requests_dropped(void **state)
{
	static const struct { const char *what; uint32_t tlen, mss; unsigned int cmd;
			      size_t l2, l3, l4; } cases[] = {
		{ "MSS 0", 1000, 0, X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV4_CSUM, 14, 20, 20 },
		{ "MSS below the minimum", 1000, X710_TSO_MSS_MIN - 1,
		  X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV4_CSUM, 14, 20, 20 },
		{ "MSS above the maximum", 1000, X710_TSO_MSS_MAX + 1,
		  X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV4_CSUM, 14, 20, 20 },
		{ "TSO_LEN 0", 0, 500, X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV4_CSUM, 14, 20, 20 },
		{ "TSO_LEN short of the data", 999, 500,
		  X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV4_CSUM, 14, 20, 20 },
		{ "TSO_LEN past the data", 0x3FFFF, 500,
		  X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV4_CSUM, 14, 20, 20 },
		{ "no L4T", 1000, 500, X710_TX_CMD_IIPT_IPV4_CSUM, 14, 20, 20 },
		{ "L4T UDP", 1000, 500, X710_TX_CMD_L4T_UDP | X710_TX_CMD_IIPT_IPV4_CSUM, 14, 20, 20 },
		{ "no IIPT", 1000, 500, X710_TX_CMD_L4T_TCP, 14, 20, 20 },
		{ "headers past the frame", 1000, 500,
		  X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV4_CSUM, 254, 508, 60 },
		{ "MACLEN 0", 1000, 500, X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV4_CSUM, 0, 20, 20 },
		{ "L4LEN short of TCP", 1000, 500,
		  X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV4_CSUM, 14, 20, 16 },
		{ "IPv6 IPLEN of IPv4", 1000, 500, X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV6,
		  14, 20, 20 },
	};
	struct fx_ab *c = *state;
	static uint8_t f[MAX_PKT];
	size_t len = build(f, false, 1000, TCP_ACK);

	for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t bad0 = sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_TX_MALFORMED];
		uint64_t err0 = c->a->stats.tx_errors;

		print_message("case: %s\n", cases[i].what);
		post(c, ctx_qw1(cases[i].tlen, cases[i].mss), f, len, 700,
		     offload_bits(cases[i].cmd, cases[i].l2, cases[i].l3, cases[i].l4));
		assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_TX_MALFORMED],
				 bad0 + 1);
		assert_int_equal(c->a->stats.tx_errors, err0 + 1);
		assert_int_equal(sim_dp_txq_head(c->fx.dp, 0, 0), c->tx.next);
		assert_int_equal(c->tx.ring[(c->tx.next + QLEN - 1) % QLEN].cmd_type_offset_bsz &
				 X710_TXD_QW1_DTYPE_MASK, X710_TX_DTYPE_DESC_DONE);
	}
	assert_false(fx_rx_dd(&c->rx, 0));
}

/* A segment may gather from at most 8 buffers (headers included): 9 small
 * buffers under one MSS is refused, the same bytes in 8 are sent. */
static void test_descriptors_per_segment(void **state)
{
	struct fx_ab *c = *state;
	static uint8_t f[MAX_PKT];
	size_t hdr = ETH_HLEN + IPV4_HLEN + TCP_HLEN;
	size_t len = build(f, false, 400, TCP_ACK);
	uint64_t ob = offload_bits(X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV4_CSUM, ETH_HLEN,
				   IPV4_HLEN, TCP_HLEN);
	uint64_t bad0 = sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_TX_MALFORMED];

	/* 454 bytes in 9 buffers of 54 (the last 22) under MSS 400: one segment, 9 buffers. */
	post(c, ctx_qw1(400, 400), f, len, hdr, ob);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_TX_MALFORMED], bad0 + 1);
	assert_false(fx_rx_dd(&c->rx, 0));
	/* In 8 buffers of 57 (the last 55): sent. */
	post(c, ctx_qw1(400, 400), f, len, 57, ob);
	check_segment(c, 0, false, 400, 400, 0, 1, TCP_ACK);
}

/* A context descriptor between a packet's data descriptors: malformed. */
static void test_context_inside_packet(void **state)
{
	struct fx_ab *c = *state;
	static uint8_t f[MAX_PKT];
	size_t len = build(f, false, 600, TCP_ACK);
	uint64_t bad0 = sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_TX_MALFORMED];
	uint16_t slot;

	fx_tx_data(&c->tx, f, 300, 0);
	slot = c->tx.next;
	c->tx.ring[slot].buffer_addr = 0;
	c->tx.ring[slot].cmd_type_offset_bsz = ctx_qw1(600, 300);
	c->tx.next = (uint16_t)(slot + 1);
	fx_tx_data(&c->tx, f + 300, len - 300, X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&c->tx);
	sim_dp_poll(c->fx.dp);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_TX_MALFORMED], bad0 + 1);
	assert_int_equal(sim_dp_txq_head(c->fx.dp, 0, 0), 3);
	assert_false(fx_rx_dd(&c->rx, 0));
}

/* A TSO context, more data descriptors than a plain frame may chain, then a
 * context without TSO: the buffer list is capped whatever the current limit
 * (it once grew past X710_TSO_MAX_DESC entries), the chain dropped. */
static void test_tso_dropped_midway_stays_bounded(void **state)
{
	struct fx_ab *c = fx_ab_new(FX_RING_MAX);
	static uint8_t f[64];
	uint16_t slot, n = 0;
	uint64_t bad0;

	(void)state;
	assert_non_null(c);
	bad0 = sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_TX_MALFORMED];
	slot = c->tx.next;
	c->tx.ring[slot].cmd_type_offset_bsz = ctx_qw1(1000, 500);
	c->tx.next = (uint16_t)(slot + 1);
	for (unsigned int i = 0; i < SIM_DP_TX_MAX_SEGS + 8; i++, n++)
		fx_tx_data(&c->tx, f, sizeof(f), 0);
	slot = c->tx.next;
	c->tx.ring[slot].cmd_type_offset_bsz = X710_TX_DTYPE_CONTEXT;
	c->tx.next = (uint16_t)(slot + 1);
	for (; n < X710_TSO_MAX_DESC + 64; n++)
		fx_tx_data(&c->tx, f, sizeof(f), 0);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&c->tx);
	sim_dp_poll(c->fx.dp);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_TX_MALFORMED], bad0 + 1);
	assert_int_equal(sim_dp_txq_head(c->fx.dp, 0, 0), c->tx.next);
	assert_false(fx_rx_dd(&c->rx, 0));
	fx_ab_free(c);
}

/* The plan itself: segment count and bytes on the wire (padding included). */
static void test_plan_counts(void **state)
{
	struct sim_tso t = { .tlen = 1000, .mss = 256 };
	struct sim_tx_offload o = sim_dp_tx_offload_of(offload_bits(
		X710_TX_CMD_L4T_TCP | X710_TX_CMD_IIPT_IPV4_CSUM, ETH_HLEN, IPV4_HLEN, TCP_HLEN));
	struct sim_tso_buf b[2] = { { 0x1000, 54 }, { 0x2000, 1000 } };
	struct sim_tso_plan p;

	(void)state;
	assert_int_equal(sim_dp_tso_plan(&t, &o, b, 2, 1054, &p), 0);
	assert_int_equal(p.nsegs, 4);
	assert_int_equal(p.hdr, 54);
	assert_int_equal(p.wire_bytes, 4 * 54 + 1000);
	assert_int_equal(sim_dp_tso_plan(&t, &o, b, 0, 0, &p), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ipv4_three_segments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ipv6_three_segments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_segment_keeps_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_driver_buffer_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_requests_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_descriptors_per_segment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_context_inside_packet, setup, teardown),
		cmocka_unit_test(test_tso_dropped_midway_stays_bounded),
		cmocka_unit_test(test_plan_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
