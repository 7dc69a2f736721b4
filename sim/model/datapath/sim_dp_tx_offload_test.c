/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Tx offloads through the Tx engine (x710-hardware.md §4.1): checksums a
 * driver asks for verify on the frame the next VSI receives (checked here
 * with an RFC 1071 sum of the test's own), VLAN insertion, offloads taken
 * from the first data descriptor, hostile lengths.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim_dp_internal.h"
#include "sim_dp_test_dma.h"
#include "sim_dp_test_fixture.h"
#include "sim_dp_tx_offload.h"

#define QLEN        64
#define ETH_HLEN    14
#define IPV4_HLEN   20
#define IPV6_HLEN   40
#define TCP_HLEN    20
#define UDP_HLEN    8
#define SCTP_HLEN   12
#define PROTO_TCP   6
#define PROTO_UDP   17
#define PROTO_SCTP  132
#define VLAN_TCI    0x2005          /* priority 1, VLAN 5 */

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

/* ---- the test's own RFC 1071 arithmetic, independent of the model's ---- */

static uint32_t sum16(const uint8_t *p, size_t len)
{
	uint32_t s = 0;

	for (size_t i = 0; i < len; i++)
		s += (i & 1) ? p[i] : (uint32_t)p[i] << 8;
	return s;
}

static uint16_t fold(uint32_t s)
{
	while (s > 0xFFFF)
		s = (s & 0xFFFF) + (s >> 16);
	return (uint16_t)s;
}

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static void wr16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

/* Pseudo-header sum (RFC 793/768 for IPv4, RFC 8200 §8.1 for IPv6). */
static uint32_t pseudo_sum(const uint8_t *ip, bool v6, uint8_t proto, size_t l4_len)
{
	uint32_t s = v6 ? sum16(ip + 8, 32) : sum16(ip + 12, 8);

	return s + proto + (uint32_t)(l4_len >> 16) + (uint32_t)(l4_len & 0xFFFF);
}

static size_t l4_csum_off(uint8_t proto)
{
	return proto == PROTO_TCP ? 16 : 6;
}

/* Ethernet + IPv4/IPv6 + TCP/UDP header + `payload` pattern bytes, the L4
 * checksum seeded with the pseudo-header sum as DPDK's
 * rte_net_intel_cksum_prepare does; returns the frame length. */
static size_t build(uint8_t *f, bool v6, uint8_t proto, size_t payload)
{
	size_t l3 = v6 ? IPV6_HLEN : IPV4_HLEN;
	size_t l4h = proto == PROTO_TCP ? TCP_HLEN : UDP_HLEN;
	size_t l4_len = l4h + payload, len = ETH_HLEN + l3 + l4_len;
	uint8_t *ip = f + ETH_HLEN, *l4 = ip + l3;

	memset(f, 0, len);
	memcpy(f, fx_mac_b, 6);
	memcpy(f + 6, fx_mac_a, 6);
	wr16(f + 12, v6 ? 0x86DD : 0x0800);
	if (v6) {
		ip[0] = 0x60;
		wr16(ip + 4, (uint16_t)l4_len);
		ip[6] = proto;
		ip[7] = 64;
		for (int i = 0; i < 32; i++)
			ip[8 + i] = (uint8_t)(0x20 + i * 7);
	} else {
		ip[0] = 0x45;
		wr16(ip + 2, (uint16_t)(l3 + l4_len));
		wr16(ip + 4, 0x1234);
		ip[8] = 64;
		ip[9] = proto;
		memcpy(ip + 12, (const uint8_t[]){ 198, 18, 0, 1, 198, 51, 100, 7 }, 8);
	}
	wr16(l4, 4321);
	wr16(l4 + 2, 80);
	if (proto == PROTO_TCP)
		l4[12] = 5 << 4;        /* data offset: 5 words */
	else
		wr16(l4 + 4, (uint16_t)l4_len);
	for (size_t i = 0; i < payload; i++)
		l4[l4h + i] = (uint8_t)(i * 13 + 1);
	wr16(l4 + l4_csum_off(proto), fold(pseudo_sum(ip, v6, proto, l4_len)));
	return len;
}

static uint64_t offload_bits(unsigned int cmd, unsigned int maclen, unsigned int iplen,
			     unsigned int l4len, uint16_t tag)
{
	uint32_t off = (maclen / 2) << X710_TX_OFFSET_MACLEN_SHIFT |
		       (iplen / 4) << X710_TX_OFFSET_IPLEN_SHIFT |
		       (l4len / 4) << X710_TX_OFFSET_L4LEN_SHIFT;

	return (uint64_t)cmd << X710_TXD_QW1_CMD_SHIFT |
	       (uint64_t)off << X710_TXD_QW1_OFFSET_SHIFT |
	       (uint64_t)tag << X710_TXD_QW1_L2TAG1_SHIFT;
}

/* One frame in one descriptor with extra qw1 bits; sent and polled. */
static void send(struct fx_ab *c, const uint8_t *f, size_t len, uint64_t extra)
{
	uint16_t slot = fx_tx_data(&c->tx, f, len, X710_TX_CMD_EOP | X710_TX_CMD_RS);

	c->tx.ring[slot].cmd_type_offset_bsz |= extra;
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
}

static void test_known_ipv4_header_checksum(void **state)
{
	/* A textbook IPv4 header whose checksum is 0xB861. */
	static const uint8_t hdr[IPV4_HLEN] = {
		0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
		0x00, 0x00, 0xC0, 0xA8, 0x00, 0x01, 0xC0, 0xA8, 0x00, 0xC7,
	};
	struct fx_ab *c = *state;
	uint8_t f[64] = { 0 };

	memcpy(f, fx_mac_b, 6);
	memcpy(f + 6, fx_mac_a, 6);
	wr16(f + 12, 0x0800);
	memcpy(f + ETH_HLEN, hdr, sizeof(hdr));
	send(c, f, sizeof(f), offload_bits(X710_TX_CMD_IIPT_IPV4_CSUM, ETH_HLEN, IPV4_HLEN, 0, 0));
	assert_int_equal(rd16(fx_rx_buf(&c->rx, 0) + ETH_HLEN + 10), 0xB861);
	/* The driver's buffer is not written: the model edits its own copy. */
	assert_int_equal(rd16(c->tx.bufs + ETH_HLEN + 10), 0);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->tx_offload_bad, 0);
}

/* IPv4/IPv6 x TCP/UDP: the received frame's checksums verify (sum 0xFFFF). */
static void test_l4_checksums_verify(void **state)
{
	static const struct { bool v6; uint8_t proto; size_t payload; } cases[] = {
		{ false, PROTO_TCP, 37 }, { false, PROTO_UDP, 100 },
		{ true, PROTO_TCP, 1 }, { true, PROTO_UDP, 255 },
	};
	struct fx_ab *c = *state;

	for (uint16_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool v6 = cases[i].v6;
		uint8_t proto = cases[i].proto, f[512];
		size_t l3 = v6 ? IPV6_HLEN : IPV4_HLEN;
		size_t len = build(f, v6, proto, cases[i].payload), l4_len = len - ETH_HLEN - l3;
		unsigned int cmd = (v6 ? X710_TX_CMD_IIPT_IPV6 : X710_TX_CMD_IIPT_IPV4_CSUM) |
				   (proto == PROTO_TCP ? X710_TX_CMD_L4T_TCP : X710_TX_CMD_L4T_UDP);
		const uint8_t *r;

		send(c, f, len, offload_bits(cmd, ETH_HLEN, (unsigned int)l3,
					     proto == PROTO_TCP ? TCP_HLEN : UDP_HLEN, 0));
		assert_int_equal(fx_rx_len(&c->rx, i), len < 60 ? 60 : len);
		r = fx_rx_buf(&c->rx, i);
		if (!v6)
			assert_int_equal(fold(sum16(r + ETH_HLEN, IPV4_HLEN)), 0xFFFF);
		assert_int_equal(fold(pseudo_sum(r + ETH_HLEN, v6, proto, l4_len) +
				      sum16(r + ETH_HLEN + l3, l4_len)), 0xFFFF);
		assert_int_not_equal(rd16(r + ETH_HLEN + l3 + l4_csum_off(proto)), 0);
		/* Nothing else changed. */
		assert_memory_equal(r, f, ETH_HLEN + l3 - (v6 ? 0 : 10));
		assert_memory_equal(r + ETH_HLEN + l3 + l4_csum_off(proto) + 2,
				    f + ETH_HLEN + l3 + l4_csum_off(proto) + 2,
				    l4_len - l4_csum_off(proto) - 2);
	}
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->tx_offload_bad, 0);
}

/* A UDP checksum that computes to 0 is sent as 0xFFFF (RFC 768). */
static void test_udp_zero_checksum_sent_as_ffff(void **state)
{
	struct fx_ab *c = *state;
	uint8_t f[128];
	size_t len = build(f, false, PROTO_UDP, 40), l4 = ETH_HLEN + IPV4_HLEN;
	uint16_t partial;

	/* Make the L4 sum 0xFFFF with the last two payload bytes. */
	wr16(f + len - 2, 0);
	partial = fold(sum16(f + l4, len - l4));
	wr16(f + len - 2, (uint16_t)~partial);
	send(c, f, len, offload_bits(X710_TX_CMD_IIPT_IPV4 | X710_TX_CMD_L4T_UDP, ETH_HLEN,
				     IPV4_HLEN, UDP_HLEN, 0));
	assert_int_equal(rd16(fx_rx_buf(&c->rx, 0) + l4 + 6), 0xFFFF);
}

static void test_sctp_crc32c(void **state)
{
	struct fx_ab *c = *state;
	uint8_t f[128] = { 0 }, check[128];
	size_t l4 = ETH_HLEN + IPV4_HLEN, len = l4 + SCTP_HLEN + 48;
	const uint8_t *r;
	uint32_t crc;

	/* The CRC32c check value (RFC 3720 B.4 lists CRC32c test data too). */
	assert_int_equal(sim_dp_crc32c((const uint8_t *)"123456789", 9), 0xE3069283);
	memcpy(f, fx_mac_b, 6);
	memcpy(f + 6, fx_mac_a, 6);
	wr16(f + 12, 0x0800);
	f[ETH_HLEN] = 0x45;
	f[ETH_HLEN + 9] = PROTO_SCTP;
	for (size_t i = l4; i < len; i++)
		f[i] = (uint8_t)(i * 3);
	send(c, f, len, offload_bits(X710_TX_CMD_IIPT_IPV4 | X710_TX_CMD_L4T_SCTP, ETH_HLEN,
				     IPV4_HLEN, SCTP_HLEN, 0));
	r = fx_rx_buf(&c->rx, 0);
	memcpy(check, r + l4, len - l4);
	memset(check + 8, 0, 4);
	crc = sim_dp_crc32c(check, len - l4);
	assert_int_equal(r[l4 + 8], crc & 0xFF);
	assert_int_equal(r[l4 + 11], crc >> 24);
}

static void test_vlan_insert(void **state)
{
	struct fx_ab *c = *state;
	uint8_t f[42];
	const uint8_t *r;

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	send(c, f, sizeof(f), offload_bits(X710_TX_CMD_IL2TAG1, 0, 0, 0, VLAN_TCI));
	r = fx_rx_buf(&c->rx, 0);
	/* 42 + tag = 46, padded to 60 after the tag as the MAC does. */
	assert_int_equal(fx_rx_len(&c->rx, 0), 60);
	assert_memory_equal(r, f, 12);
	assert_int_equal(rd16(r + 12), 0x8100);
	assert_int_equal(rd16(r + 14), VLAN_TCI);
	assert_memory_equal(r + 16, f + 12, sizeof(f) - 12);
	for (size_t i = sizeof(f) + 4; i < 60; i++)
		assert_int_equal(r[i], 0);
	assert_int_equal(c->a->stats.tx_bytes, 60);
}

/* MACLEN describes the frame without the tag; checksums land before the shift. */
static void test_vlan_insert_with_checksums(void **state)
{
	struct fx_ab *c = *state;
	uint8_t f[256];
	size_t len = build(f, false, PROTO_TCP, 99), l4_len = len - ETH_HLEN - IPV4_HLEN;
	const uint8_t *r, *ip;

	send(c, f, len, offload_bits(X710_TX_CMD_IL2TAG1 | X710_TX_CMD_IIPT_IPV4_CSUM |
				     X710_TX_CMD_L4T_TCP, ETH_HLEN, IPV4_HLEN, TCP_HLEN, VLAN_TCI));
	r = fx_rx_buf(&c->rx, 0);
	ip = r + ETH_HLEN + 4;
	assert_int_equal(fx_rx_len(&c->rx, 0), len + 4);
	assert_int_equal(rd16(r + 14), VLAN_TCI);
	assert_int_equal(fold(sum16(ip, IPV4_HLEN)), 0xFFFF);
	assert_int_equal(fold(pseudo_sum(ip, false, PROTO_TCP, l4_len) +
			      sum16(ip + IPV4_HLEN, l4_len)), 0xFFFF);
}

/* Offloads come from the first data descriptor of the packet. */
static void test_offloads_from_first_descriptor(void **state)
{
	struct fx_ab *c = *state;
	uint8_t f[300];
	size_t len = build(f, false, PROTO_UDP, 200), l4_len = len - ETH_HLEN - IPV4_HLEN;
	uint64_t bits = offload_bits(X710_TX_CMD_IIPT_IPV4_CSUM | X710_TX_CMD_L4T_UDP,
				     ETH_HLEN, IPV4_HLEN, UDP_HLEN, 0);
	uint16_t s;
	const uint8_t *r;

	/* On the first only: applied. */
	s = fx_tx_data(&c->tx, f, 100, 0);
	c->tx.ring[s].cmd_type_offset_bsz |= bits;
	fx_tx_data(&c->tx, f + 100, len - 100, X710_TX_CMD_EOP | X710_TX_CMD_RS);
	/* On the last only: ignored, the frame goes out as it is. */
	fx_tx_data(&c->tx, f, 100, 0);
	s = fx_tx_data(&c->tx, f + 100, len - 100, X710_TX_CMD_EOP | X710_TX_CMD_RS);
	c->tx.ring[s].cmd_type_offset_bsz |= bits;
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 2);
	r = fx_rx_buf(&c->rx, 0);
	assert_int_equal(fold(sum16(r + ETH_HLEN, IPV4_HLEN)), 0xFFFF);
	assert_int_equal(fold(pseudo_sum(r + ETH_HLEN, false, PROTO_UDP, l4_len) +
			      sum16(r + ETH_HLEN + IPV4_HLEN, l4_len)), 0xFFFF);
	assert_memory_equal(fx_rx_buf(&c->rx, 1), f, len);
}

/* Lengths pointing outside the frame: sent unchanged, counted, nothing read
 * or written past the frame (ASan would see it). */
static void test_hostile_lengths_leave_frame_unchanged(void **state)
{
	struct fx_ab *c = *state;
	const unsigned int ip4tcp = X710_TX_CMD_IIPT_IPV4_CSUM | X710_TX_CMD_L4T_TCP;
	const uint64_t hostile[] = {
		offload_bits(ip4tcp, 254, IPV4_HLEN, TCP_HLEN, 0),          /* MACLEN past the end */
		offload_bits(ip4tcp, ETH_HLEN, 508, TCP_HLEN, 0),           /* IPLEN past the end */
		offload_bits(X710_TX_CMD_IIPT_IPV4_CSUM, ETH_HLEN, 0, 0, 0),  /* IPLEN 0 */
		offload_bits(ip4tcp, 0, IPV4_HLEN, TCP_HLEN, 0),            /* MACLEN 0 */
		offload_bits(X710_TX_CMD_L4T_TCP, ETH_HLEN, 32, TCP_HLEN, 0), /* TCP header cut off */
		offload_bits(X710_TX_CMD_L4T_SCTP, 40, 20, 0, 0),           /* SCTP header cut off */
	};
	uint8_t f[64];
	size_t len = build(f, false, PROTO_TCP, 10);

	assert_int_equal(len, 64);
	for (uint16_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		send(c, f, len, hostile[i]);
		assert_int_equal(fx_rx_len(&c->rx, i), len);
		assert_memory_equal(fx_rx_buf(&c->rx, i), f, len);
	}
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->tx_offload_bad, 6);
	assert_int_equal(c->a->drops[SIM_DROP_TX_MALFORMED], 0);
	/* The tag still goes in when the checksum lengths are bad. */
	send(c, f, len, hostile[0] | offload_bits(X710_TX_CMD_IL2TAG1, 0, 0, 0, VLAN_TCI));
	assert_int_equal(fx_rx_len(&c->rx, 6), len + 4);
	assert_int_equal(rd16(fx_rx_buf(&c->rx, 6) + 14), VLAN_TCI);
	assert_memory_equal(fx_rx_buf(&c->rx, 6) + 16, f + 12, len - 12);
}

/* A largest frame has no room for a tag: dropped as malformed, not cut. */
static void test_tag_on_largest_frame_dropped(void **state)
{
	struct fx_ab *c = *state;
	static uint8_t part[1946];
	uint16_t s;

	fx_frame(part, sizeof(part), fx_mac_b, fx_mac_a);
	for (int i = 0; i < 5; i++) {      /* 4 x 1946 + 1944 = 9728 bytes */
		s = fx_tx_data(&c->tx, part, i < 4 ? 1946 : 1944,
			       i < 4 ? 0 : X710_TX_CMD_EOP | X710_TX_CMD_RS);
		if (i == 0)
			c->tx.ring[s].cmd_type_offset_bsz |=
				offload_bits(X710_TX_CMD_IL2TAG1, 0, 0, 0, VLAN_TCI);
	}
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
	assert_int_equal(c->a->drops[SIM_DROP_TX_MALFORMED], 1);
	assert_false(fx_rx_dd(&c->rx, 0));
	assert_int_equal(c->tx.ring[s].cmd_type_offset_bsz & X710_TXD_QW1_DTYPE_MASK,
			 X710_TX_DTYPE_DESC_DONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_known_ipv4_header_checksum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_l4_checksums_verify, setup, teardown),
		cmocka_unit_test_setup_teardown(test_udp_zero_checksum_sent_as_ffff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sctp_crc32c, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vlan_insert, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vlan_insert_with_checksums, setup, teardown),
		cmocka_unit_test_setup_teardown(test_offloads_from_first_descriptor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_lengths_leave_frame_unchanged, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_tag_on_largest_frame_dropped, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
