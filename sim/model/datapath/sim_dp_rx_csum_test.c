/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Rx checksum status (sim_dp_rx_csum.c): valid frames get L3L4P only, a
 * wrong IPv4 header sum IPE, a wrong TCP/UDP/SCTP checksum L4E; UDP zero
 * checksums, IPv6, fragments, VLAN tags and padding as the file's header
 * says; truncated frames are not checked and never read past their end
 * (each is copied into a buffer of exactly its length for ASan); and the
 * bits reach the frame's last write-back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim_dp_internal.h"
#include "sim_dp_rx_csum.h"
#include "sim_dp_test_fixture.h"
#include "sim_dp_tx_offload.h"

#define PROTO_TCP   6
#define PROTO_UDP   17
#define PROTO_SCTP  132
#define PROTO_ICMP  1
#define PROTO_FRAG6 44
#define ETH_HLEN    14
#define V4_HLEN     20
#define V6_HLEN     40
#define MAX_TAGS    2
#define FRAME_ROOM  4096
#define PAD_LEN     17          /* bytes after the IP packet (Ethernet padding) */

#define L3L4P     X710_RXD_STATUS_L3L4P
#define IPE       X710_RXD_ERROR_IPE
#define L4E       X710_RXD_ERROR_L4E
#define UDP_0     X710_RXD_STATUS_INT_UDP_0

struct pkt {
	uint8_t b[FRAME_ROOM];
	size_t len;
	size_t l3, l4;              /* header offsets */
	size_t l4_len;
	bool v6;
	uint8_t proto;
};

static void put16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* The test's own RFC 1071 sum: 32-bit accumulator, folded at the end. */
static uint32_t sum16(uint32_t acc, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		acc += (i & 1) ? p[i] : (uint32_t)p[i] << 8;
	return acc;
}

static uint16_t fold(uint32_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xFFFF) + (acc >> 16);
	return (uint16_t)acc;
}

static size_t csum_off(uint8_t proto)
{
	return proto == PROTO_TCP ? 16 : proto == PROTO_UDP ? 6 : 8;
}

/* Fill in correct checksums (IPv4 header, L4) for the packet as built. */
static void finish(struct pkt *p)
{
	uint8_t *ip = p->b + p->l3, *l4 = p->b + p->l4;

	if (!p->v6) {
		put16(ip + 10, 0);
		put16(ip + 10, (uint16_t)~fold(sum16(0, ip, V4_HLEN)));
	}
	if (p->proto == PROTO_SCTP) {
		memset(l4 + 8, 0, 4);
		uint32_t crc = sim_dp_crc32c(l4, p->l4_len);
		for (int i = 0; i < 4; i++)
			l4[8 + i] = (uint8_t)(crc >> (8 * i));
		return;
	}
	if (p->proto != PROTO_TCP && p->proto != PROTO_UDP)
		return;
	uint32_t acc = p->v6 ? sum16(0, ip + 8, 32) : sum16(0, ip + 12, 8);
	acc += p->proto + (uint32_t)p->l4_len;
	put16(l4 + csum_off(p->proto), 0);
	uint16_t c = (uint16_t)~fold(sum16(acc, l4, p->l4_len));
	put16(l4 + csum_off(p->proto), c == 0 && p->proto == PROTO_UDP ? 0xFFFF : c);
}

/* An IPv4 or IPv6 packet of `proto` with `payload` bytes behind the L4
 * header, behind `tags` 802.1Q tags, checksums correct. */
static void build(struct pkt *p, bool v6, uint8_t proto, size_t payload, int tags)
{
	size_t l4h = proto == PROTO_TCP ? 20 : proto == PROTO_UDP ? 8 : proto == PROTO_SCTP ? 12 : 8;

	memset(p, 0, sizeof(*p));
	memcpy(p->b, fx_mac_b, 6);
	memcpy(p->b + 6, fx_mac_a, 6);
	p->l3 = 12;
	for (int t = 0; t < tags && t < MAX_TAGS; t++, p->l3 += 4) {
		put16(p->b + p->l3, 0x8100);
		put16(p->b + p->l3 + 2, 100 + t);
	}
	put16(p->b + p->l3, v6 ? 0x86DD : 0x0800);
	p->l3 += 2;
	p->v6 = v6;
	p->proto = proto;
	p->l4 = p->l3 + (v6 ? V6_HLEN : V4_HLEN);
	p->l4_len = l4h + payload;
	p->len = p->l4 + p->l4_len;
	uint8_t *ip = p->b + p->l3;
	if (v6) {
		ip[0] = 0x60;
		put16(ip + 4, (unsigned int)p->l4_len);
		ip[6] = proto;
		ip[7] = 64;
		for (int i = 0; i < 32; i++)
			ip[8 + i] = (uint8_t)(0x20 + 3 * i);
	} else {
		ip[0] = 0x45;
		put16(ip + 2, (unsigned int)(V4_HLEN + p->l4_len));
		ip[8] = 64;
		ip[9] = proto;
		for (int i = 0; i < 8; i++)
			ip[12 + i] = (uint8_t)(198 + 7 * i);
	}
	uint8_t *l4 = p->b + p->l4;
	put16(l4, 4321);
	put16(l4 + 2, 80);
	if (proto == PROTO_TCP)
		l4[12] = 5 << 4;
	if (proto == PROTO_UDP)
		put16(l4 + 4, (unsigned int)p->l4_len);
	for (size_t i = l4h; i < p->l4_len; i++)
		l4[i] = (uint8_t)(i * 13 + 5);
	finish(p);
}

/* Status of the first `len` bytes, from a heap copy of exactly that size. */
static uint64_t status_n(const struct pkt *p, size_t len)
{
	uint8_t *copy = malloc(len);
	struct sim_frame f;
	uint64_t st;

	assert_non_null(copy);
	memcpy(copy, p->b, len);
	assert_int_equal(sim_dp_frame_init(&f, copy, len), 0);
	sim_dp_frame_parse(&f);
	st = sim_dp_rx_csum_status(&f);
	free(copy);
	return st;
}

static uint64_t status(const struct pkt *p)
{
	return status_n(p, p->len);
}

static const uint8_t protos[] = { PROTO_TCP, PROTO_UDP, PROTO_SCTP };

static void test_valid_frames_get_l3l4p_only(void **state)
{
	struct pkt p;

	(void)state;
	for (int v6 = 0; v6 < 2; v6++)
		for (size_t i = 0; i < sizeof(protos); i++)
			for (int tags = 0; tags <= MAX_TAGS; tags++) {
				build(&p, v6, protos[i], 37 + (size_t)tags, tags);
				assert_int_equal(status(&p), L3L4P);
			}
}

static void test_ipv4_header_checksum_error_is_ipe(void **state)
{
	struct pkt p;

	(void)state;
	for (size_t i = 0; i < sizeof(protos); i++) {
		build(&p, false, protos[i], 20, 0);
		p.b[p.l3 + 10] ^= 0x40;
		assert_int_equal(status(&p), L3L4P | IPE);
		/* a changed TTL with the old sum is wrong as well */
		build(&p, false, protos[i], 20, 1);
		p.b[p.l3 + 8]--;
		assert_int_equal(status(&p), L3L4P | IPE);
	}
}

static void test_l4_checksum_error_is_l4e(void **state)
{
	struct pkt p;

	(void)state;
	for (int v6 = 0; v6 < 2; v6++)
		for (size_t i = 0; i < sizeof(protos); i++) {
			/* a payload byte, the checksum field, an address in the pseudo-header */
			build(&p, v6, protos[i], 50, 0);
			p.b[p.len - 1] ^= 1;
			assert_int_equal(status(&p), L3L4P | L4E);
			build(&p, v6, protos[i], 50, 0);
			p.b[p.l4 + csum_off(protos[i]) + 1] ^= 0x10;
			assert_int_equal(status(&p), L3L4P | L4E);
			if (protos[i] == PROTO_SCTP)
				continue;           /* CRC32c has no pseudo-header */
			build(&p, v6, protos[i], 50, 0);
			p.b[p.l3 + (v6 ? 8 : 12)] ^= 1;
			/* IPv4: the address is in the header sum too */
			assert_int_equal(status(&p), L3L4P | L4E | (v6 ? 0 : IPE));
		}
}

static void test_udp_zero_checksum(void **state)
{
	struct pkt p;

	(void)state;
	build(&p, false, PROTO_UDP, 30, 0);
	put16(p.b + p.l4 + 6, 0);
	assert_int_equal(status(&p), L3L4P | UDP_0);        /* none sent: not checked */
	p.b[p.len - 1] ^= 0xFF;
	assert_int_equal(status(&p), L3L4P | UDP_0);
	build(&p, true, PROTO_UDP, 30, 0);
	put16(p.b + p.l4 + 6, 0);
	assert_int_equal(status(&p), L3L4P | UDP_0 | L4E);  /* RFC 8200: invalid */
	/* 0xFFFF is a real checksum, checked as any other */
	build(&p, false, PROTO_UDP, 30, 0);
	assert_false(status(&p) & UDP_0);
}

static void test_ipv6_never_ipe(void **state)
{
	struct pkt p;

	(void)state;
	build(&p, true, PROTO_TCP, 10, 0);
	p.b[p.l3 + 7] = 1;          /* hop limit: not covered by any checksum */
	assert_int_equal(status(&p), L3L4P);
}

static void test_fragments_get_no_l4_check(void **state)
{
	struct pkt p;

	(void)state;
	/* IPv4 first fragment (MF) with a wrong L4 checksum: header checked only */
	build(&p, false, PROTO_UDP, 40, 0);
	p.b[p.l3 + 6] = 0x20;
	finish(&p);
	p.b[p.len - 1] ^= 1;
	assert_int_equal(status(&p), L3L4P);
	p.b[p.l3 + 10] ^= 1;
	assert_int_equal(status(&p), L3L4P | IPE);
	/* later fragment (offset, no MF) */
	build(&p, false, PROTO_TCP, 40, 0);
	put16(p.b + p.l3 + 6, 185);
	finish(&p);
	assert_int_equal(status(&p), L3L4P);
	/* IPv6 with a fragment header: nothing to check */
	build(&p, true, PROTO_FRAG6, 40, 0);
	assert_int_equal(status(&p), 0);
}

static void test_other_types(void **state)
{
	struct pkt p;
	uint8_t arp[60] = { 0 };
	struct sim_frame f;

	(void)state;
	build(&p, false, PROTO_ICMP, 20, 0);
	assert_int_equal(status(&p), L3L4P);        /* IPv4 header checked */
	p.b[p.l3 + 11] ^= 2;
	assert_int_equal(status(&p), L3L4P | IPE);
	build(&p, true, 58, 20, 0);                 /* ICMPv6 */
	assert_int_equal(status(&p), 0);
	fx_frame(arp, sizeof(arp), fx_mac_b, fx_mac_a);
	assert_int_equal(sim_dp_frame_init(&f, arp, sizeof(arp)), 0);
	sim_dp_frame_parse(&f);
	assert_int_equal(sim_dp_rx_csum_status(&f), 0);
	/* IPv4 with options (IHL 6): the header sum covers them */
	build(&p, false, PROTO_ICMP, 20, 0);
	memmove(p.b + p.l3 + 24, p.b + p.l3 + 20, p.len - p.l3 - 20);
	memset(p.b + p.l3 + 20, 1, 4);              /* four NOPs */
	p.b[p.l3] = 0x46;
	p.len += 4;
	put16(p.b + p.l3 + 2, (unsigned int)(p.len - p.l3));
	put16(p.b + p.l3 + 10, 0);
	put16(p.b + p.l3 + 10, (uint16_t)~fold(sum16(0, p.b + p.l3, 24)));
	assert_int_equal(status(&p), L3L4P);
}

static void test_padding_is_not_summed(void **state)
{
	struct pkt p;

	(void)state;
	for (int v6 = 0; v6 < 2; v6++) {
		build(&p, v6, PROTO_UDP, 1, 0);
		memset(p.b + p.len, 0xA5, PAD_LEN);
		p.len += PAD_LEN;
		assert_int_equal(status(&p), L3L4P);
	}
}

static void test_truncated_frames_are_not_checked(void **state)
{
	struct pkt p;

	(void)state;
	for (int v6 = 0; v6 < 2; v6++)
		for (size_t i = 0; i < sizeof(protos); i++) {
			build(&p, v6, protos[i], 9, 1);
			for (size_t n = ETH_HLEN; n < p.len; n++)
				assert_int_equal(status_n(&p, n), 0);
			/* an IP length too short for the L4 header */
			build(&p, v6, protos[i], 0, 0);
			if (v6)
				put16(p.b + p.l3 + 4, 4);
			else
				put16(p.b + p.l3 + 2, V4_HLEN + 4);
			finish(&p);
			assert_int_equal(status(&p), 0);
			/* an IPv4 length shorter than its header */
			if (!v6) {
				put16(p.b + p.l3 + 2, V4_HLEN - 1);
				assert_int_equal(status(&p), 0);
			}
		}
}

static void test_status_reaches_the_last_write_back(void **state)
{
	struct fx_ab *ab = fx_ab_new(16);
	struct pkt p;
	const uint64_t bits = L3L4P | IPE | L4E | UDP_0;

	(void)state;
	assert_non_null(ab);
	build(&p, false, PROTO_TCP, 100, 0);
	p.b[p.l3 + 10] ^= 1;
	p.b[p.len - 1] ^= 1;
	assert_int_equal(sim_dp_wire_inject(ab->fx.dp, 0, p.b, p.len), 0);
	assert_int_equal(fx_rx_qw1(&ab->rx, 0) & bits, L3L4P | IPE | L4E);
	/* two buffers: only the EOF descriptor carries it */
	build(&p, true, PROTO_UDP, FX_BUF_SIZE + 100, 0);
	assert_int_equal(sim_dp_wire_inject(ab->fx.dp, 0, p.b, p.len), 0);
	assert_int_equal(fx_rx_qw1(&ab->rx, 1) & bits, 0);
	assert_int_equal(fx_rx_qw1(&ab->rx, 2) & (bits | X710_RXD_STATUS_EOF),
			 L3L4P | X710_RXD_STATUS_EOF);
	fx_ab_free(ab);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_frames_get_l3l4p_only),
		cmocka_unit_test(test_ipv4_header_checksum_error_is_ipe),
		cmocka_unit_test(test_l4_checksum_error_is_l4e),
		cmocka_unit_test(test_udp_zero_checksum),
		cmocka_unit_test(test_ipv6_never_ipe),
		cmocka_unit_test(test_fragments_get_no_l4_check),
		cmocka_unit_test(test_other_types),
		cmocka_unit_test(test_padding_is_not_summed),
		cmocka_unit_test(test_truncated_frames_are_not_checked),
		cmocka_unit_test(test_status_reaches_the_last_write_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
