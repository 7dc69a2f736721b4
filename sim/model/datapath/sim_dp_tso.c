/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TCP segmentation offload (context descriptor CMD.TSO, TSO_LEN, MSS;
 * header lengths MACLEN/IPLEN/L4LEN from the first data descriptor, the
 * only place the X710's descriptors carry them: i40e_type.h).
 *
 * What each segment's headers get, from Intel's TSO descriptions (82598
 * datasheet §3.5.3.4.7, I210 §7.2.4.7; the public X710 headers list only
 * the fields):
 * - IPv4: total length = IPLEN + L4LEN + payload; identification = the
 *   packet's + segment number, wrapping at 16 bits; header checksum,
 *   always (length and ID change, so the one software wrote is stale).
 * - IPv6: payload length = IPLEN - 40 + L4LEN + payload.
 * - TCP: sequence number = the packet's + bytes of earlier segments;
 *   flags ANDed with GLLAN_TSOMSK_F/_M/_L (first/middle/last). Their reset
 *   values are not in a public header; the model takes the XL710
 *   datasheet's: first clears FIN and PSH, middle clears FIN, PSH and CWR,
 *   last clears CWR. A packet of one segment keeps its flags (model's
 *   choice: it leaves the device as software built it).
 * - TCP checksum over header and payload, seeded by software with the
 *   pseudo-header sum WITHOUT the length (rte_net_intel_cksum_prepare with
 *   RTE_MBUF_F_TX_TCP_SEG; Intel: "the TCP pseudo-header checksum excludes
 *   the length for TSO"); the device adds each segment's TCP length.
 * - IL2TAG1 (802.1Q insertion) applies to every segment.
 * Requests the device cannot carry out are "unpredictable" in Intel's
 * words (a malicious-driver event on the X710): the caller drops and
 * counts them; nothing here reads outside the packet's buffers.
 */
#include <errno.h>
#include <string.h>

#include "sim_dp_internal.h"
#include "sim_dp_tso.h"

#define IPV4_MIN_HLEN        20      /* RFC 791 */
#define IPV6_HLEN            40      /* RFC 8200 fixed header */
#define TCP_MIN_HLEN         20      /* RFC 793 */
#define IPV4_TOTLEN_OFF      2
#define IPV4_ID_OFF          4
#define IPV6_PAYLEN_OFF      4
#define TCP_SEQ_OFF          4
#define TCP_FLAGS_OFF        12      /* data offset, reserved, flags: 16 bits */
#define TCP_CSUM_OFF         16
#define TCP_FLAGS_MASK       0x0FFF  /* the bits GLLAN_TSOMSK_* cover */
/* GLLAN_TSOMSK_F/_M/_L (0x442D8/0x442DC/0x442E0) reset values, XL710 datasheet. */
#define TSOMSK_FIRST         0x0FF6  /* FIN, PSH cleared */
#define TSOMSK_MIDDLE        0x0F76  /* FIN, PSH, CWR cleared */
#define TSOMSK_LAST          0x0F7F  /* CWR cleared */
/* The longest header OFFSET can describe: MACLEN, IPLEN, L4LEN all ones. */
#define TSO_MAX_HDR  ((X710_TX_OFFSET_MACLEN_MASK >> X710_TX_OFFSET_MACLEN_SHIFT) * \
		      X710_TX_MACLEN_UNIT + \
		      (X710_TX_OFFSET_IPLEN_MASK >> X710_TX_OFFSET_IPLEN_SHIFT) * X710_TX_IPLEN_UNIT + \
		      (X710_TX_OFFSET_L4LEN_MASK >> X710_TX_OFFSET_L4LEN_SHIFT) * X710_TX_L4LEN_UNIT)

/* A position in the packet's buffer list: buffer i starts at byte base. */
struct buf_cursor {
	unsigned int i;
	size_t base;
};

/* Move the cursor forward to the buffer holding byte `off` (< total). */
static unsigned int buf_at(const struct sim_tso_buf *b, unsigned int n, struct buf_cursor *c,
			   size_t off)
{
	while (c->i + 1 < n && off >= c->base + b[c->i].len) {
		c->base += b[c->i].len;
		c->i++;
	}
	return c->i;
}

/* Copy packet bytes [off, off + len) into dst; the cursor moves with it. */
static int read_range(const struct sim_dma_ops *dma, const struct sim_tso_buf *b,
		      unsigned int n, struct buf_cursor *c, size_t off, size_t len, uint8_t *dst)
{
	while (len > 0) {
		unsigned int i = buf_at(b, n, c, off);
		size_t in = off - c->base;
		size_t k = b[i].len - in < len ? b[i].len - in : len;

		if (in >= b[i].len || sim_dma_read(dma, b[i].addr + in, dst, k) < 0)
			return -EFAULT;
		dst += k;
		off += k;
		len -= k;
	}
	return 0;
}

static size_t seg_payload(const struct sim_tso_plan *p, unsigned int k)
{
	size_t done = (size_t)k * p->t.mss;

	return p->t.tlen - done < p->t.mss ? p->t.tlen - done : p->t.mss;
}

/* Buffers segment k gathers from: those under its headers and those under
 * its payload, a buffer holding both counted once. */
static unsigned int seg_descs(const struct sim_tso_plan *p, const struct sim_tso_buf *b,
			      unsigned int n, unsigned int hdr_last, struct buf_cursor *first,
			      struct buf_cursor *last, unsigned int k)
{
	size_t start = p->hdr + (size_t)k * p->t.mss;
	unsigned int pf = buf_at(b, n, first, start);
	unsigned int pl = buf_at(b, n, last, start + seg_payload(p, k) - 1);
	unsigned int shared = hdr_last >= pf ? hdr_last - pf + 1 : 0;

	return hdr_last + 1 + (pl - pf + 1) - shared;
}

static int check_layout(const struct sim_tso *t, const struct sim_tx_offload *o, size_t total,
			struct sim_tso_plan *p)
{
	unsigned int iipt = o->cmd & X710_TX_CMD_IIPT_MASK;

	p->t = *t;
	p->l2 = (size_t)((o->offset & X710_TX_OFFSET_MACLEN_MASK) >>
			 X710_TX_OFFSET_MACLEN_SHIFT) * X710_TX_MACLEN_UNIT;
	p->l3 = (size_t)((o->offset & X710_TX_OFFSET_IPLEN_MASK) >>
			 X710_TX_OFFSET_IPLEN_SHIFT) * X710_TX_IPLEN_UNIT;
	p->l4 = (size_t)((o->offset & X710_TX_OFFSET_L4LEN_MASK) >>
			 X710_TX_OFFSET_L4LEN_SHIFT) * X710_TX_L4LEN_UNIT;
	p->hdr = p->l2 + p->l3 + p->l4;
	p->ipv6 = iipt == X710_TX_CMD_IIPT_IPV6;
	if (t->mss < X710_TSO_MSS_MIN || t->mss > X710_TSO_MSS_MAX || t->tlen == 0)
		return -EINVAL;
	if ((o->cmd & X710_TX_CMD_L4T_MASK) != X710_TX_CMD_L4T_TCP || iipt == X710_TX_CMD_IIPT_NONIP)
		return -EINVAL;
	if (p->l2 < SIM_DP_ETH_HLEN || p->l3 < (p->ipv6 ? IPV6_HLEN : IPV4_MIN_HLEN) ||
	    p->l4 < TCP_MIN_HLEN)
		return -EINVAL;
	/* TSO_LEN that disagrees with the data: the device's result is
	 * unpredictable, so the model refuses it. */
	if (p->hdr > total || total - p->hdr != t->tlen)
		return -EINVAL;
	return 0;
}

int sim_dp_tso_plan(const struct sim_tso *t, const struct sim_tx_offload *o,
		    const struct sim_tso_buf *bufs, unsigned int n, size_t total,
		    struct sim_tso_plan *p)
{
	size_t tag = (o->cmd & X710_TX_CMD_IL2TAG1) ? SIM_DP_VLAN_TAG_LEN : 0;
	struct buf_cursor hc = { 0, 0 }, fc = { 0, 0 }, lc = { 0, 0 };
	unsigned int hdr_last;

	if (n == 0 || check_layout(t, o, total, p) < 0)
		return -EINVAL;
	if (p->hdr + (t->tlen < t->mss ? t->tlen : t->mss) + tag > SIM_DP_MAX_FRAME)
		return -EINVAL;
	p->nsegs = (unsigned int)((t->tlen + t->mss - 1u) / t->mss);
	p->wire_bytes = 0;
	hdr_last = buf_at(bufs, n, &hc, p->hdr - 1);
	for (unsigned int k = 0; k < p->nsegs; k++) {
		size_t len = p->hdr + seg_payload(p, k) + tag;

		if (seg_descs(p, bufs, n, hdr_last, &fc, &lc, k) > X710_TX_MAX_DESC_PER_FRAME)
			return -EINVAL;
		p->wire_bytes += len < SIM_DP_ETH_ZLEN ? SIM_DP_ETH_ZLEN : len;
	}
	return 0;
}

static uint16_t get_be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	put_be16(p, (uint16_t)(v >> 16));
	put_be16(p + 2, (uint16_t)v);
}

static uint16_t flags_mask(const struct sim_tso_plan *p, unsigned int k)
{
	if (p->nsegs == 1)
		return TCP_FLAGS_MASK;
	if (k == 0)
		return TSOMSK_FIRST;
	return k + 1 == p->nsegs ? TSOMSK_LAST : TSOMSK_MIDDLE;
}

/* Segment k's headers from the packet's (`tmpl`), before the checksums. */
static void patch_headers(const struct sim_tso_plan *p, const uint8_t *tmpl, uint8_t *f,
			  unsigned int k, size_t payload)
{
	uint8_t *ip = f + p->l2, *tcp = f + p->l2 + p->l3;
	const uint8_t *tip = tmpl + p->l2, *ttcp = tmpl + p->l2 + p->l3;
	uint16_t l4_len = (uint16_t)(p->l4 + payload);
	uint16_t flags = get_be16(ttcp + TCP_FLAGS_OFF);
	uint8_t len_be[2];

	memcpy(f, tmpl, p->hdr);
	if (p->ipv6) {
		put_be16(ip + IPV6_PAYLEN_OFF, (uint16_t)(p->l3 - IPV6_HLEN + l4_len));
	} else {
		put_be16(ip + IPV4_TOTLEN_OFF, (uint16_t)(p->l3 + l4_len));
		put_be16(ip + IPV4_ID_OFF, (uint16_t)(get_be16(tip + IPV4_ID_OFF) + k));
	}
	put_be32(tcp + TCP_SEQ_OFF, get_be32(ttcp + TCP_SEQ_OFF) + (uint32_t)k * p->t.mss);
	put_be16(tcp + TCP_FLAGS_OFF, (uint16_t)(flags & (~TCP_FLAGS_MASK | flags_mask(p, k))));
	/* Complete software's length-less pseudo-header sum with this segment's
	 * TCP length; the checksum pass then sums header and payload over it. */
	put_be16(len_be, l4_len);
	put_be16(tcp + TCP_CSUM_OFF, sim_dp_csum_add(get_be16(ttcp + TCP_CSUM_OFF), len_be, 2));
}

int sim_dp_tso_send(const struct sim_tso_plan *p, const struct sim_tx_offload *o,
		    const struct sim_tso_buf *bufs, unsigned int n,
		    const struct sim_dma_ops *dma, uint8_t *frame,
		    sim_tso_emit_fn emit, void *ctx)
{
	uint8_t tmpl[TSO_MAX_HDR];
	struct buf_cursor hc = { 0, 0 }, pc = { 0, 0 };
	/* Every segment: IPv4 header checksum (or IPv6), TCP checksum, the tag. */
	struct sim_tx_offload so = {
		.cmd = (uint16_t)(X710_TX_CMD_L4T_TCP | (o->cmd & X710_TX_CMD_IL2TAG1) |
				  (p->ipv6 ? X710_TX_CMD_IIPT_IPV6 : X710_TX_CMD_IIPT_IPV4_CSUM)),
		.offset = o->offset,
		.l2tag1 = o->l2tag1,
	};

	_Static_assert(TSO_MAX_HDR < SIM_DP_MAX_FRAME, "headers fit a frame");
	if (p->hdr > sizeof(tmpl) || read_range(dma, bufs, n, &hc, 0, p->hdr, tmpl) < 0)
		return -EFAULT;
	for (unsigned int k = 0; k < p->nsegs; k++) {
		size_t payload = seg_payload(p, k);
		size_t len = p->hdr + payload;

		patch_headers(p, tmpl, frame, k, payload);
		if (read_range(dma, bufs, n, &pc, p->hdr + (size_t)k * p->t.mss, payload,
			       frame + p->hdr) < 0)
			return -EFAULT;
		/* The plan checked every length: this cannot fail. */
		(void)sim_dp_tx_offload_apply(&so, frame, &len, SIM_DP_MAX_FRAME);
		if (len < SIM_DP_ETH_ZLEN) {
			memset(frame + len, 0, SIM_DP_ETH_ZLEN - len);
			len = SIM_DP_ETH_ZLEN;
		}
		emit(ctx, frame, len);
	}
	return (int)p->nsegs;
}
