/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the switch and the Rx engine need to know about a frame: its
 * destination class and VLAN (for filters), and, parsed only when a
 * receiving queue asks, its packet type and the RSS hash input.
 */
#include <errno.h>

#include "x710/x710_desc.h"
#include "sim_dp_internal.h"

#define ETHERTYPE_IPV4   0x0800
#define ETHERTYPE_ARP    0x0806
#define ETHERTYPE_VLAN   0x8100   /* IEEE 802.1Q */
#define ETHERTYPE_QINQ   0x88A8   /* IEEE 802.1ad */
#define ETHERTYPE_IPV6   0x86DD
#define VLAN_TAG_LEN     4
#define VLAN_VID_MASK    0x0FFF
#define IPPROTO_ICMP_    1
#define IPPROTO_TCP_     6
#define IPPROTO_UDP_     17
#define IPPROTO_FRAG6_   44
#define IPPROTO_ICMPV6_  58
#define IPPROTO_SCTP_    132
#define IPV4_MIN_HLEN    20
#define IPV4_MF_OFF_MASK 0x3FFF   /* MF flag and fragment offset */
#define IPV6_HLEN        40
#define L4_PORTS_LEN     4

/* Packet classifier types = HENA bit numbers (B:i40e_type.h i40e_filter_pctype). */
#define PCTYPE_NONF_IPV4_UDP    31
#define PCTYPE_NONF_IPV4_TCP    33
#define PCTYPE_NONF_IPV4_SCTP   34
#define PCTYPE_NONF_IPV4_OTHER  35
#define PCTYPE_FRAG_IPV4        36
#define PCTYPE_NONF_IPV6_UDP    41
#define PCTYPE_NONF_IPV6_TCP    43
#define PCTYPE_NONF_IPV6_SCTP   44
#define PCTYPE_NONF_IPV6_OTHER  45
#define PCTYPE_FRAG_IPV6        46

static uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

int sim_dp_frame_init(struct sim_frame *f, const uint8_t *data, size_t len)
{
	static const uint8_t bcast[6] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

	if (len < SIM_DP_ETH_HLEN)
		return -EINVAL;
	f->data = data;
	f->len = len;
	f->parsed = false;
	if (memcmp(data, bcast, sizeof(bcast)) == 0)
		f->dst = SIM_DST_BROADCAST;
	else if (data[0] & 1)           /* I/G bit of the destination */
		f->dst = SIM_DST_MULTICAST;
	else
		f->dst = SIM_DST_UNICAST;
	f->tagged = len >= SIM_DP_ETH_HLEN + VLAN_TAG_LEN && be16(data + 12) == ETHERTYPE_VLAN;
	f->vlan = f->tagged ? (be16(data + 14) & VLAN_VID_MASK) : 0;
	return 0;
}

static void set_l4(struct sim_frame *f, const uint8_t *l4, size_t room, uint8_t ptype,
		   uint8_t pctype)
{
	f->ptype = ptype;
	f->pctype = pctype;
	/* Ports join the hash input only when present in the frame. */
	if (room >= L4_PORTS_LEN) {
		memcpy(f->tuple + f->tuple_len, l4, L4_PORTS_LEN);
		f->tuple_len += L4_PORTS_LEN;
	}
}

static void parse_ipv4(struct sim_frame *f, const uint8_t *ip, size_t room)
{
	size_t hlen;

	if (room < IPV4_MIN_HLEN || (ip[0] >> 4) != 4 || (hlen = (size_t)(ip[0] & 0xF) * 4) <
	    IPV4_MIN_HLEN || hlen > room)
		return;
	memcpy(f->tuple, ip + 12, 8);  /* source, destination address */
	f->tuple_len = 8;
	f->ptype = X710_PTYPE_IPV4_OTHER;
	f->pctype = PCTYPE_NONF_IPV4_OTHER;
	if (be16(ip + 6) & IPV4_MF_OFF_MASK) {
		f->ptype = X710_PTYPE_IPV4_FRAG;
		f->pctype = PCTYPE_FRAG_IPV4;
		return;
	}
	switch (ip[9]) {
	case IPPROTO_UDP_:
		set_l4(f, ip + hlen, room - hlen, X710_PTYPE_IPV4_UDP, PCTYPE_NONF_IPV4_UDP);
		break;
	case IPPROTO_TCP_:
		set_l4(f, ip + hlen, room - hlen, X710_PTYPE_IPV4_TCP, PCTYPE_NONF_IPV4_TCP);
		break;
	case IPPROTO_SCTP_:
		set_l4(f, ip + hlen, room - hlen, X710_PTYPE_IPV4_SCTP, PCTYPE_NONF_IPV4_SCTP);
		break;
	case IPPROTO_ICMP_:
		f->ptype = X710_PTYPE_IPV4_ICMP;
		break;
	default:
		break;
	}
}

static void parse_ipv6(struct sim_frame *f, const uint8_t *ip, size_t room)
{
	if (room < IPV6_HLEN || (ip[0] >> 4) != 6)
		return;
	memcpy(f->tuple, ip + 8, 32);  /* source, destination address */
	f->tuple_len = 32;
	f->ptype = X710_PTYPE_IPV6_OTHER;
	f->pctype = PCTYPE_NONF_IPV6_OTHER;
	/* Extension headers other than a fragment header are reported as "other". */
	switch (ip[6]) {
	case IPPROTO_UDP_:
		set_l4(f, ip + IPV6_HLEN, room - IPV6_HLEN, X710_PTYPE_IPV6_UDP,
		       PCTYPE_NONF_IPV6_UDP);
		break;
	case IPPROTO_TCP_:
		set_l4(f, ip + IPV6_HLEN, room - IPV6_HLEN, X710_PTYPE_IPV6_TCP,
		       PCTYPE_NONF_IPV6_TCP);
		break;
	case IPPROTO_SCTP_:
		set_l4(f, ip + IPV6_HLEN, room - IPV6_HLEN, X710_PTYPE_IPV6_SCTP,
		       PCTYPE_NONF_IPV6_SCTP);
		break;
	case IPPROTO_ICMPV6_:
		f->ptype = X710_PTYPE_IPV6_ICMP;
		break;
	case IPPROTO_FRAG6_:
		f->ptype = X710_PTYPE_IPV6_FRAG;
		f->pctype = PCTYPE_FRAG_IPV6;
		break;
	default:
		break;
	}
}

void sim_dp_frame_parse(struct sim_frame *f)
{
	size_t off = 12;
	uint16_t type;

	if (f->parsed)
		return;
	f->parsed = true;
	f->ptype = X710_PTYPE_L2;
	f->pctype = 0;
	f->tuple_len = 0;
	type = be16(f->data + off);
	/* VLAN tags do not change the packet type; step over up to two. */
	for (int tags = 0; tags < 2 && (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ); tags++) {
		off += VLAN_TAG_LEN;
		if (off + 2 > f->len)
			return;
		type = be16(f->data + off);
	}
	off += 2;
	f->l3_off = (uint16_t)off;
	if (type == ETHERTYPE_IPV4)
		parse_ipv4(f, f->data + off, f->len - off);
	else if (type == ETHERTYPE_IPV6)
		parse_ipv6(f, f->data + off, f->len - off);
	else if (type == ETHERTYPE_ARP)
		f->ptype = X710_PTYPE_L2_ARP;
}
