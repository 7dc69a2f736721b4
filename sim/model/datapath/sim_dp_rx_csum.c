/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Rx checksum status of a frame, as the silicon reports it in the last
 * write-back (x710-hardware.md §4.2; bits in common/x710/x710_desc.h).
 *
 * What the model checks, and where it had to choose:
 * - IPv4 (every IPv4 ptype: TCP, UDP, SCTP, ICMP, other, fragment): the
 *   header checksum over IHL words, IPE when it does not sum to 0xFFFF;
 *   L3L4P is set, as for the silicon, which checks the IPv4 header of
 *   every IPv4 packet it recognises.
 * - TCP/UDP: the one's-complement sum over the pseudo-header and the
 *   segment (its length from the IP header, so Ethernet padding is not
 *   summed); L4E when it is not 0xFFFF. SCTP: CRC32c (RFC 4960 App. B).
 * - UDP checksum field 0: INT_UDP_0 (i40e_type.h names the status bit; no
 *   DPDK driver reads it). Over IPv4 it means "no checksum" (RFC 768): no
 *   L4E. Over IPv6 a zero field is invalid (RFC 8200 §8.1): L4E.
 * - IPv6 has no header checksum: IPE is never set; L3L4P only for TCP,
 *   UDP and SCTP without extension headers (sim_dp_frame.c classifies
 *   anything else as IPv6 other/fragment, and there is nothing to check).
 * - Fragments: the L4 header is checked only on a whole packet
 *   (i40e ptypes 22/88 carry no L4 protocol), so no L4E.
 * - Lengths that do not fit (IP total/payload length beyond the frame,
 *   shorter than the headers): L3L4P = 0, nothing reported. The public
 *   sources do not say what the silicon reports; "not checked" lets
 *   software verify it itself.
 * - EIPE (outer IP of a tunnel) and EXT_UDP_0 are not modelled: the model
 *   classifies no tunnel ptypes.
 */
#include <stdbool.h>
#include <string.h>

#include "x710/x710_desc.h"
#include "sim_dp_internal.h"
#include "sim_dp_l4_layout.h"
#include "sim_dp_rx_csum.h"
#include "sim_dp_tx_offload.h"   /* sim_dp_csum_add, sim_dp_crc32c */

#define IPV4_MIN_HLEN     20        /* RFC 791, IHL = 5 */
#define IPV4_IHL_UNIT     4
#define IPV4_TOTLEN_OFF   2
#define IPV4_PROTO_OFF    9
#define IPV4_ADDRS_OFF    12        /* source, destination */
#define IPV4_ADDRS_LEN    8
#define IPV6_HLEN         40        /* RFC 8200 */
#define IPV6_PLEN_OFF     4
#define IPV6_NEXT_OFF     6
#define IPV6_ADDRS_OFF    8
#define IPV6_ADDRS_LEN    32
#define CSUM_VALID        0xFFFF    /* RFC 1071: a correct packet sums to all ones */

enum l4_kind { L4_NONE, L4_TCP, L4_UDP, L4_SCTP };

/* The checks each classified packet type gets. */
static const struct ptype_check {
	uint8_t ptype;
	bool v6;
	enum l4_kind l4;
} ptype_checks[] = {
	{ X710_PTYPE_IPV4_FRAG, false, L4_NONE },
	{ X710_PTYPE_IPV4_OTHER, false, L4_NONE },
	{ X710_PTYPE_IPV4_ICMP, false, L4_NONE },
	{ X710_PTYPE_IPV4_UDP, false, L4_UDP },
	{ X710_PTYPE_IPV4_TCP, false, L4_TCP },
	{ X710_PTYPE_IPV4_SCTP, false, L4_SCTP },
	{ X710_PTYPE_IPV6_UDP, true, L4_UDP },
	{ X710_PTYPE_IPV6_TCP, true, L4_TCP },
	{ X710_PTYPE_IPV6_SCTP, true, L4_SCTP },
};

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static const struct ptype_check *check_of(uint8_t ptype)
{
	for (size_t i = 0; i < sizeof(ptype_checks) / sizeof(ptype_checks[0]); i++)
		if (ptype_checks[i].ptype == ptype)
			return &ptype_checks[i];
	return NULL;
}

static bool sctp_crc_ok(const uint8_t *l4, size_t len)
{
	uint8_t copy[SIM_DP_MAX_FRAME];
	const uint8_t *field = l4 + SIM_L4_SCTP_CSUM_OFF;
	uint32_t want = (uint32_t)field[0] | (uint32_t)field[1] << 8 |
			(uint32_t)field[2] << 16 | (uint32_t)field[3] << 24;

	/* The CRC covers the packet with its own field as zero. */
	memcpy(copy, l4, len);
	memset(copy + SIM_L4_SCTP_CSUM_OFF, 0, SIM_L4_SCTP_CSUM_LEN);
	return sim_dp_crc32c(copy, len) == want;
}

/* L4 status of `len` bytes at l4 (len within the frame), the pseudo-header
 * already summed; ~0 when the header does not fit (not checked). */
static uint64_t l4_status(enum l4_kind k, const uint8_t *l4, size_t len, uint16_t pseudo,
			  bool v6)
{
	static const size_t min_hlen[] = { [L4_TCP] = SIM_L4_TCP_MIN_HLEN,
					   [L4_UDP] = SIM_L4_UDP_HLEN,
					   [L4_SCTP] = SIM_L4_SCTP_HLEN };
	uint64_t st = 0;

	if (len < min_hlen[k] || len > SIM_DP_MAX_FRAME)
		return ~UINT64_C(0);
	if (k == L4_SCTP)
		return sctp_crc_ok(l4, len) ? 0 : X710_RXD_ERROR_L4E;
	if (k == L4_UDP && be16(l4 + SIM_L4_UDP_CSUM_OFF) == 0) {
		st = X710_RXD_STATUS_INT_UDP_0;
		return v6 ? st | X710_RXD_ERROR_L4E : st;
	}
	return sim_dp_csum_add(pseudo, l4, len) == CSUM_VALID ? 0 : X710_RXD_ERROR_L4E;
}

static uint64_t ipv4_status(const struct sim_frame *f, enum l4_kind k)
{
	const uint8_t *ip = f->data + f->l3_off;
	size_t room = f->len - f->l3_off;
	size_t hlen = (size_t)(ip[0] & 0xF) * IPV4_IHL_UNIT;
	size_t tot = be16(ip + IPV4_TOTLEN_OFF);
	uint64_t st = X710_RXD_STATUS_L3L4P, l4;

	/* sim_dp_frame.c gave this ptype only to a header that fits. */
	if (hlen < IPV4_MIN_HLEN || hlen > room || tot < hlen || tot > room)
		return 0;
	if (sim_dp_csum_add(0, ip, hlen) != CSUM_VALID)
		st |= X710_RXD_ERROR_IPE;
	if (k == L4_NONE)
		return st;
	const uint8_t tail[4] = { 0, ip[IPV4_PROTO_OFF], (uint8_t)((tot - hlen) >> 8),
				  (uint8_t)(tot - hlen) };
	uint16_t pseudo = sim_dp_csum_add(sim_dp_csum_add(0, ip + IPV4_ADDRS_OFF, IPV4_ADDRS_LEN),
					  tail, sizeof(tail));
	l4 = l4_status(k, ip + hlen, tot - hlen, pseudo, false);
	return l4 == ~UINT64_C(0) ? 0 : st | l4;
}

static uint64_t ipv6_status(const struct sim_frame *f, enum l4_kind k)
{
	const uint8_t *ip = f->data + f->l3_off;
	size_t room = f->len - f->l3_off;
	size_t plen;
	uint64_t l4;

	if (room < IPV6_HLEN || (plen = be16(ip + IPV6_PLEN_OFF)) > room - IPV6_HLEN)
		return 0;
	const uint8_t tail[8] = { 0, 0, (uint8_t)(plen >> 8), (uint8_t)plen, 0, 0, 0,
				  ip[IPV6_NEXT_OFF] };
	uint16_t pseudo = sim_dp_csum_add(sim_dp_csum_add(0, ip + IPV6_ADDRS_OFF, IPV6_ADDRS_LEN),
					  tail, sizeof(tail));
	l4 = l4_status(k, ip + IPV6_HLEN, plen, pseudo, true);
	return l4 == ~UINT64_C(0) ? 0 : X710_RXD_STATUS_L3L4P | l4;
}

uint64_t sim_dp_rx_csum_status(const struct sim_frame *f)
{
	const struct ptype_check *c = f->parsed ? check_of(f->ptype) : NULL;

	if (c == NULL || f->l3_off >= f->len)
		return 0;
	return c->v6 ? ipv6_status(f, c->l4) : ipv4_status(f, c->l4);
}
