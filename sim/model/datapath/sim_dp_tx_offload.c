/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Tx checksum and VLAN insertion offloads (x710-hardware.md §4.1; field
 * values in common/x710/x710_desc.h).
 *
 * What the model does, and why:
 * - IIPT = IPV4_CSUM: the IPv4 header checksum over IPLEN bytes at MACLEN,
 *   the field taken as zero (DPDK's rte_net_intel_cksum_prepare zeroes it
 *   anyway, so the silicon's choice cannot show).
 * - L4T = TCP/UDP: the one's-complement sum from MACLEN + IPLEN to the last
 *   byte of the DMA data, the checksum field included as software wrote it,
 *   complemented into that field. The pseudo-header is software's part:
 *   DPDK's contract for RTE_MBUF_F_TX_TCP/UDP_CKSUM (rte_mbuf_core.h,
 *   rte_net_intel_cksum_prepare) and Intel's datasheets ("for non-TSO,
 *   software still needs to calculate a full checksum for the TCP/UDP
 *   pseudo-header", 82598 §3.5.3.4) seed the field with it. A UDP result
 *   of 0 is sent as 0xFFFF (RFC 768; the headers do not say).
 * - L4T = SCTP: CRC32c over the SCTP packet with the field as zero.
 * - L4LEN only matters to TSO (not modelled); iavf writes 5 for any TCP
 *   header, so it is not used to find the end of the header.
 * - IL2TAG1: an 802.1Q tag (TPID 0x8100, TCI = L2TAG1) after the source
 *   MAC, inserted after the checksums because MACLEN describes the frame
 *   in memory, without the tag.
 * - Lengths outside the frame: Intel's datasheets call the result
 *   "unpredictable"; the model writes no checksum and reports it (the
 *   caller counts it), so a hostile driver cannot make it read past the
 *   frame.
 */
#include <errno.h>
#include <string.h>

#include "sim_dp_internal.h"
#include "sim_dp_tx_offload.h"

#define VLAN_TPID_8021Q     0x8100   /* IEEE 802.1Q */
#define ETH_ADDRS_LEN       12       /* destination + source MAC */
#define IPV4_MIN_HLEN       20       /* RFC 791, IHL = 5 */
#define IPV4_CSUM_OFF       10
#define TCP_MIN_HLEN        20       /* RFC 793 */
#define TCP_CSUM_OFF        16
#define UDP_HLEN            8        /* RFC 768 */
#define UDP_CSUM_OFF        6
#define SCTP_COMMON_HLEN    12       /* RFC 4960 §3.1 */
#define SCTP_CSUM_OFF       8
#define CRC32C_POLY_REFL    0x82F63B78u   /* Castagnoli, reflected */

struct l4_layout {
	size_t min_hlen;            /* the header must fit in the frame */
	size_t csum_off;            /* checksum field within it */
};

static const struct l4_layout *l4_layout(unsigned int l4t)
{
	static const struct l4_layout tcp = { TCP_MIN_HLEN, TCP_CSUM_OFF };
	static const struct l4_layout udp = { UDP_HLEN, UDP_CSUM_OFF };
	static const struct l4_layout sctp = { SCTP_COMMON_HLEN, SCTP_CSUM_OFF };

	switch (l4t) {
	case X710_TX_CMD_L4T_TCP:
		return &tcp;
	case X710_TX_CMD_L4T_UDP:
		return &udp;
	case X710_TX_CMD_L4T_SCTP:
		return &sctp;
	default:
		return NULL;
	}
}

uint16_t sim_dp_csum_add(uint16_t sum, const uint8_t *p, size_t len)
{
	uint64_t acc = sum;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		acc += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (i < len)
		acc += (uint32_t)p[i] << 8;
	while (acc >> 16)
		acc = (acc & 0xFFFF) + (acc >> 16);
	return (uint16_t)acc;
}

uint32_t sim_dp_crc32c(const uint8_t *p, size_t len)
{
	uint32_t crc = 0xFFFFFFFFu;

	for (size_t i = 0; i < len; i++) {
		crc ^= p[i];
		for (int b = 0; b < 8; b++)
			crc = (crc >> 1) ^ (CRC32C_POLY_REFL & (0u - (crc & 1u)));
	}
	return ~crc;
}

bool sim_dp_tx_offload_edits(const struct sim_tx_offload *o)
{
	return (o->cmd & X710_TX_CMD_IIPT_MASK) == X710_TX_CMD_IIPT_IPV4_CSUM ||
	       (o->cmd & X710_TX_CMD_L4T_MASK) != X710_TX_CMD_L4T_UNK ||
	       (o->cmd & X710_TX_CMD_IL2TAG1);
}

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void insert_l4_checksum(unsigned int l4t, const struct l4_layout *l, uint8_t *l4,
			       size_t l4_len)
{
	uint8_t *field = l4 + l->csum_off;

	if (l4t == X710_TX_CMD_L4T_SCTP) {
		uint32_t crc;

		memset(field, 0, 4);
		crc = sim_dp_crc32c(l4, l4_len);
		/* The reflected CRC goes out low byte first (RFC 4960 App. B). */
		field[0] = (uint8_t)crc;
		field[1] = (uint8_t)(crc >> 8);
		field[2] = (uint8_t)(crc >> 16);
		field[3] = (uint8_t)(crc >> 24);
		return;
	}
	uint16_t c = (uint16_t)~sim_dp_csum_add(0, l4, l4_len);

	if (l4t == X710_TX_CMD_L4T_UDP && c == 0)
		c = 0xFFFF;
	put_be16(field, c);
}

/* Checksums; every offset is checked before the first byte is written. */
static int insert_checksums(const struct sim_tx_offload *o, uint8_t *buf, size_t len)
{
	size_t l2 = (size_t)((o->offset & X710_TX_OFFSET_MACLEN_MASK) >>
			     X710_TX_OFFSET_MACLEN_SHIFT) * X710_TX_MACLEN_UNIT;
	size_t l3 = (size_t)((o->offset & X710_TX_OFFSET_IPLEN_MASK) >>
			     X710_TX_OFFSET_IPLEN_SHIFT) * X710_TX_IPLEN_UNIT;
	bool ip = (o->cmd & X710_TX_CMD_IIPT_MASK) == X710_TX_CMD_IIPT_IPV4_CSUM;
	unsigned int l4t = o->cmd & X710_TX_CMD_L4T_MASK;
	const struct l4_layout *l = l4_layout(l4t);

	if (!ip && l == NULL)
		return 0;
	if (l2 < SIM_DP_ETH_HLEN || l2 + l3 > len)
		return -EINVAL;
	if (ip && l3 < IPV4_MIN_HLEN)
		return -EINVAL;
	if (l != NULL && l2 + l3 + l->min_hlen > len)
		return -EINVAL;
	if (ip) {
		put_be16(buf + l2 + IPV4_CSUM_OFF, 0);
		put_be16(buf + l2 + IPV4_CSUM_OFF, (uint16_t)~sim_dp_csum_add(0, buf + l2, l3));
	}
	if (l != NULL)
		insert_l4_checksum(l4t, l, buf + l2 + l3, len - l2 - l3);
	return 0;
}

int sim_dp_tx_offload_apply(const struct sim_tx_offload *o, uint8_t *buf, size_t *len,
			    size_t max_len)
{
	bool tag = (o->cmd & X710_TX_CMD_IL2TAG1) != 0;
	int rc;

	if (*len < SIM_DP_ETH_HLEN || *len > max_len)
		return -EINVAL;
	if (tag && *len + SIM_DP_VLAN_TAG_LEN > max_len)
		return -EMSGSIZE;
	rc = insert_checksums(o, buf, *len);
	if (tag) {
		memmove(buf + ETH_ADDRS_LEN + SIM_DP_VLAN_TAG_LEN, buf + ETH_ADDRS_LEN,
			*len - ETH_ADDRS_LEN);
		put_be16(buf + ETH_ADDRS_LEN, VLAN_TPID_8021Q);
		put_be16(buf + ETH_ADDRS_LEN + 2, o->l2tag1);
		*len += SIM_DP_VLAN_TAG_LEN;
	}
	return rc;
}
