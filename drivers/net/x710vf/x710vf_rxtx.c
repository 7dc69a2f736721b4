/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Scalar Rx/Tx bursts and the pieces the vector paths share: the packet
 * type table, Rx rearm and Tx completion. Ring protocol (x710-hardware.md
 * §1.3, §4): Rx tail = one before the next descriptor to read, so the slot
 * at the tail is armed but never written by the device; Tx completion per
 * batch of rs_thresh slots, reported (RS, then DTYPE 0xF) on the EOP
 * descriptor of the packet that holds the batch's last slot.
 */
#include <emmintrin.h>
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_io.h>
#include <rte_net.h>
#include <rte_prefetch.h>

#include "x710vf_rxtx.h"

#define RXD_LEN(qw1) ((uint16_t)(((qw1) & X710_RXD_QW1_LEN_PBUF_MASK) >> X710_RXD_QW1_LEN_PBUF_SHIFT))
#define RXD_PTYPE(qw1) ((uint8_t)(((qw1) & X710_RXD_QW1_PTYPE_MASK) >> X710_RXD_QW1_PTYPE_SHIFT))
#define RXD_FRAME_ERRORS (X710_RXD_ERROR_RXE | X710_RXD_ERROR_HBO | X710_RXD_ERROR_OVERSIZE)
#define RXD_FLTSTAT(qw1) (((qw1) >> X710_RXD_STATUS_FLTSTAT_SHIFT) & 3)
#define TX_OFFLOAD_FLAGS (RTE_MBUF_F_TX_VLAN | RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_L4_MASK | \
			  RTE_MBUF_F_TX_TCP_SEG)
#define TX_MAX_SEGS 8   /* X710 data descriptors per non-TSO frame (B:i40e_txrx.h I40E_MAX_BUFFER_TXD) */

#define L2 RTE_PTYPE_L2_ETHER
#define IP4 (L2 | RTE_PTYPE_L3_IPV4_EXT_UNKNOWN)
#define IP6 (L2 | RTE_PTYPE_L3_IPV6_EXT_UNKNOWN)
/* Hardware PTYPE -> mbuf packet_type (spec §4.2 useful ptypes). */
const uint32_t x710vf_ptype_table[256] = {
	[X710_PTYPE_L2] = L2,
	[X710_PTYPE_L2_ARP] = RTE_PTYPE_L2_ETHER_ARP,
	[X710_PTYPE_IPV4_FRAG] = IP4 | RTE_PTYPE_L4_FRAG,
	[X710_PTYPE_IPV4_OTHER] = IP4 | RTE_PTYPE_L4_NONFRAG,
	[X710_PTYPE_IPV4_UDP] = IP4 | RTE_PTYPE_L4_UDP,
	[X710_PTYPE_IPV4_TCP] = IP4 | RTE_PTYPE_L4_TCP,
	[X710_PTYPE_IPV4_SCTP] = IP4 | RTE_PTYPE_L4_SCTP,
	[X710_PTYPE_IPV4_ICMP] = IP4 | RTE_PTYPE_L4_ICMP,
	[X710_PTYPE_IPV6_FRAG] = IP6 | RTE_PTYPE_L4_FRAG,
	[X710_PTYPE_IPV6_OTHER] = IP6 | RTE_PTYPE_L4_NONFRAG,
	[X710_PTYPE_IPV6_UDP] = IP6 | RTE_PTYPE_L4_UDP,
	[X710_PTYPE_IPV6_TCP] = IP6 | RTE_PTYPE_L4_TCP,
	[X710_PTYPE_IPV6_SCTP] = IP6 | RTE_PTYPE_L4_SCTP,
	[X710_PTYPE_IPV6_ICMP] = IP6 | RTE_PTYPE_L4_ICMP,
};

/* Arm slots [start, start + k), which do not wrap, with their new buffers:
 * pkt_addr and hdr_addr = 0 (which also clears DD, spec §0 #7) in one
 * 16-byte store. */
static inline void
arm_slots(struct x710vf_rx_queue *q, uint16_t start, uint16_t k)
{
	volatile struct x710_rx_desc_wb *d = &q->ring[start];
	struct rte_mbuf **sw = &q->sw_ring[start];

#pragma GCC unroll 4
	for (uint16_t i = 0; i < k; i++)
		_mm_store_si128((__m128i *)(uintptr_t)&d[i],
				_mm_cvtsi64_si128((long long)rte_mbuf_data_iova_default(sw[i])));
}

/* k mbufs into sw[0..k): straight from this lcore's mempool cache when it
 * holds enough (one copy of k pointers: what the pool's own get does for
 * this case, without its generality), else through the pool, which
 * refills the cache. */
static inline int
take_mbufs(struct rte_mempool *mp, struct rte_mbuf **sw, uint16_t k)
{
	struct rte_mempool_cache *c = rte_mempool_default_cache(mp, rte_lcore_id());

	if (likely(c != NULL && c->len >= k)) {
		c->len -= k;
		memcpy(sw, &c->objs[c->len], k * sizeof(*sw));
		return 0;
	}
	return rte_mempool_get_bulk(mp, (void **)sw, k);
}

/* n mbufs back: straight into this lcore's mempool cache while it stays
 * under its flush threshold (one copy), else through the pool. */
static inline void
give_mbufs(struct rte_mempool *mp, struct rte_mbuf **m, uint16_t n)
{
	struct rte_mempool_cache *c = rte_mempool_default_cache(mp, rte_lcore_id());

	if (likely(c != NULL && c->len + n <= c->flushthresh)) {
		memcpy(&c->objs[c->len], m, n * sizeof(*m));
		c->len += n;
		return;
	}
	rte_mempool_put_bulk(mp, (void **)m, n);
}

uint16_t
x710vf_rx_refill(struct x710vf_rx_queue *q)
{
	uint16_t held = q->nb_held;
	uint16_t start = (uint16_t)((q->next - held) & q->mask);
	uint16_t first = (uint16_t)RTE_MIN(held, q->nb_desc - start);   /* up to the wrap */
	uint16_t done = 0;

	if (take_mbufs(q->mp, &q->sw_ring[start], first) != 0) {
		q->alloc_failed += held;
		return 0;
	}
	done = first;
	arm_slots(q, start, first);
	if (held > first) {
		if (take_mbufs(q->mp, &q->sw_ring[0], (uint16_t)(held - first)) == 0) {
			arm_slots(q, 0, (uint16_t)(held - first));
			done = held;
		} else {
			q->alloc_failed += held - first;
		}
	}
	q->nb_held = (uint16_t)(held - done);
	rte_io_wmb();
	*q->tail = (uint32_t)((start + done - 1) & q->mask);   /* one tail write */
	return done;
}

/* Offload flags of a completed frame from its last descriptor. */
static inline void
rx_fill_meta(struct x710vf_rx_queue *q, struct rte_mbuf *m, uint64_t qw0, uint64_t qw1)
{
	uint64_t ol = 0;

	m->packet_type = x710vf_ptype_table[RXD_PTYPE(qw1)];
	if (RXD_FLTSTAT(qw1) == X710_RXD_FLTSTAT_RSS_HASH) {
		m->hash.rss = (uint32_t)(qw0 >> X710_RXD_QW0_RSS_SHIFT);
		ol |= RTE_MBUF_F_RX_RSS_HASH;
	}
	if (qw1 & X710_RXD_STATUS_L2TAG1P) {
		m->vlan_tci = (uint16_t)(qw0 >> X710_RXD_QW0_L2TAG1_SHIFT);
		ol |= RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED;
	}
	if (qw1 & X710_RXD_STATUS_L3L4P) {
		ol |= (qw1 & X710_RXD_ERROR_IPE) ? RTE_MBUF_F_RX_IP_CKSUM_BAD :
						   RTE_MBUF_F_RX_IP_CKSUM_GOOD;
		ol |= (qw1 & X710_RXD_ERROR_L4E) ? RTE_MBUF_F_RX_L4_CKSUM_BAD :
						   RTE_MBUF_F_RX_L4_CKSUM_GOOD;
		if (qw1 & X710_RXD_ERROR_EIPE)
			ol |= RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD;
	}
	m->ol_flags = ol;
	(void)q;
}

uint16_t
x710vf_recv_scalar(void *rxq, struct rte_mbuf **pkts, uint16_t n)
{
	struct x710vf_rx_queue *q = rxq;
	struct rte_mbuf *first = q->seg_first, *last = q->seg_last;
	uint16_t next = q->next, nb = 0, held = q->nb_held;
	uint64_t bytes = 0;

	while (nb < n) {
		volatile struct x710_rx_desc_wb *d = &q->ring[next];
		uint64_t qw1 = d->qword1;
		if (!(qw1 & X710_RXD_STATUS_DD))
			break;
		rte_smp_rmb();          /* the rest of the descriptor after DD */
		uint64_t qw0 = d->qword0;
		struct rte_mbuf *m = q->sw_ring[next];
		uint16_t len = RXD_LEN(qw1);

		next = (uint16_t)((next + 1) & q->mask);
		held++;
		rte_prefetch0(q->sw_ring[next]);
		*X710VF_MBUF_REARM(m) = q->mbuf_init;
		m->data_len = len;
		m->next = NULL;
		if (first == NULL) {
			first = m;
			m->pkt_len = len;
		} else {
			first->pkt_len += len;
			first->nb_segs++;
			last->next = m;
		}
		last = m;
		if (!(qw1 & X710_RXD_STATUS_EOF))
			continue;
		if (unlikely(qw1 & RXD_FRAME_ERRORS)) {
			q->errors++;
			rte_pktmbuf_free(first);
			first = NULL;
			continue;
		}
		rx_fill_meta(q, first, qw0, qw1);
		bytes += first->pkt_len;
		pkts[nb++] = first;
		first = NULL;
	}
	q->next = next;
	q->nb_held = held;
	q->seg_first = first;
	q->seg_last = last;
	q->packets += nb;
	q->bytes += bytes;
	if (held >= q->free_thresh)
		x710vf_rx_refill(q);
	return nb;
}

int
x710vf_rx_descriptor_status(void *rxq, uint16_t offset)
{
	const struct x710vf_rx_queue *q = rxq;

	/* Posted slots: all but the held ones and the one at the tail. */
	if (offset >= q->nb_desc - q->nb_held - 1)
		return RTE_ETH_RX_DESC_UNAVAIL;
	uint16_t i = (uint16_t)((q->next + offset) & q->mask);
	return (q->ring[i].qword1 & X710_RXD_STATUS_DD) ? RTE_ETH_RX_DESC_DONE :
							  RTE_ETH_RX_DESC_AVAIL;
}

uint16_t
x710vf_tx_free_batch(struct x710vf_tx_queue *q)
{
	uint16_t n = q->rs_thresh;

	/* A batch is only ours to check once all of it is in flight: then the
	 * packet holding its last slot, EOP and RS included, is written. */
	if (q->nb_free > q->nb_desc - 1 - n)
		return 0;
	volatile struct x710_tx_desc *rs = &q->ring[q->rs_at[q->next_dd / X710VF_TX_RS_THRESH]];
	if ((rs->cmd_type_offset_bsz & X710_TXD_QW1_DTYPE_MASK) != X710_TX_DTYPE_DESC_DONE)
		return 0;
	rte_smp_rmb();
	struct rte_mbuf **slot = &q->sw_ring[q->next_dd - (n - 1)];
	/* Context descriptors leave NULL slots, which fast free cannot take. */
	if (q->fast_free && !(q->offloads & RTE_ETH_TX_OFFLOAD_TCP_TSO)) {
		/* Same pool, refcnt 1, single segment: the offload's contract. */
		give_mbufs(slot[0]->pool, slot, n);
	} else {
		for (uint16_t i = 0; i < n; i++) {
			if (slot[i] == NULL)
				continue;
			struct rte_mbuf *m = rte_pktmbuf_prefree_seg(slot[i]);
			if (m != NULL)
				rte_mempool_put(m->pool, m);
		}
	}
	/* No clearing of the DESC_DONE: the slot is rewritten before any batch
	 * looks at it again, and it may be the next batch's report too. */
	q->nb_free = (uint16_t)(q->nb_free + n);
	q->next_dd = (uint16_t)((q->next_dd + n) & q->mask);
	return n;
}

/* CMD and OFFSET bits for a frame's checksum offloads (spec §4.1). */
static inline uint64_t
tx_offload_bits(const struct rte_mbuf *m)
{
	uint64_t ol = m->ol_flags;
	uint32_t cmd = 0, off = 0;

	if (ol & RTE_MBUF_F_TX_VLAN) {
		cmd |= X710_TX_CMD_IL2TAG1;
	}
	if (!(ol & (RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_TCP_SEG)))
		return ((uint64_t)cmd << X710_TXD_QW1_CMD_SHIFT) |
		       ((ol & RTE_MBUF_F_TX_VLAN) ? (uint64_t)m->vlan_tci << X710_TXD_QW1_L2TAG1_SHIFT : 0);
	off |= (uint32_t)(m->l2_len >> 1) << X710_TX_OFFSET_MACLEN_SHIFT;
	if (ol & RTE_MBUF_F_TX_IP_CKSUM)
		cmd |= X710_TX_CMD_IIPT_IPV4_CSUM;
	else if (ol & RTE_MBUF_F_TX_IPV4)
		cmd |= X710_TX_CMD_IIPT_IPV4;
	else if (ol & RTE_MBUF_F_TX_IPV6)
		cmd |= X710_TX_CMD_IIPT_IPV6;
	off |= (uint32_t)(m->l3_len >> 2) << X710_TX_OFFSET_IPLEN_SHIFT;
	/* TSO implies the TCP checksum (rte_mbuf_core.h RTE_MBUF_F_TX_TCP_SEG). */
	switch ((ol & RTE_MBUF_F_TX_TCP_SEG) ? RTE_MBUF_F_TX_TCP_CKSUM : ol & RTE_MBUF_F_TX_L4_MASK) {
	case RTE_MBUF_F_TX_TCP_CKSUM:
		cmd |= X710_TX_CMD_L4T_TCP;
		off |= (uint32_t)(m->l4_len >> 2) << X710_TX_OFFSET_L4LEN_SHIFT;
		break;
	case RTE_MBUF_F_TX_UDP_CKSUM:
		cmd |= X710_TX_CMD_L4T_UDP;
		off |= (uint32_t)(sizeof(struct rte_udp_hdr) >> 2) << X710_TX_OFFSET_L4LEN_SHIFT;
		break;
	case RTE_MBUF_F_TX_SCTP_CKSUM:
		cmd |= X710_TX_CMD_L4T_SCTP;
		off |= (uint32_t)(sizeof(struct rte_sctp_hdr) >> 2) << X710_TX_OFFSET_L4LEN_SHIFT;
		break;
	default:
		break;
	}
	return ((uint64_t)cmd << X710_TXD_QW1_CMD_SHIFT) |
	       ((uint64_t)off << X710_TXD_QW1_OFFSET_SHIFT) |
	       ((ol & RTE_MBUF_F_TX_VLAN) ? (uint64_t)m->vlan_tci << X710_TXD_QW1_L2TAG1_SHIFT : 0);
}

/* Context descriptor qw1 for a TSO packet (spec §4.1; TSO_LEN = payload
 * after the headers, as iavf computes it). */
static inline uint64_t
tso_context_qw1(const struct rte_mbuf *m)
{
	uint32_t tlen = m->pkt_len - (uint32_t)(m->l2_len + m->l3_len + m->l4_len);

	return (uint64_t)X710_TX_DTYPE_CONTEXT |
	       ((uint64_t)X710_TXCD_CMD_TSO << X710_TXCD_QW1_CMD_SHIFT) |
	       (((uint64_t)tlen << X710_TXCD_QW1_TSO_LEN_SHIFT) & X710_TXCD_QW1_TSO_LEN_MASK) |
	       (((uint64_t)m->tso_segsz << X710_TXCD_QW1_MSS_SHIFT) & X710_TXCD_QW1_MSS_MASK);
}

/* One data descriptor for segment @s in slot @i. */
static __rte_always_inline void
tx_write_desc(volatile struct x710_tx_desc *ring, struct rte_mbuf **sw, uint16_t i,
	      struct rte_mbuf *s, uint64_t base, uint64_t cmd)
{
	sw[i] = s;
	ring[i].buffer_addr = rte_mbuf_data_iova(s);
	ring[i].cmd_type_offset_bsz = base | (cmd << X710_TXD_QW1_CMD_SHIFT) |
		((uint64_t)s->data_len << X710_TXD_QW1_BUF_SZ_SHIFT);
}

/* One packet's data descriptors from `next` on. Every batch whose last slot
 * the packet holds (its context descriptor's, @ctx_on_rs, included: a
 * constant false outside TSO) reports on the packet's EOP descriptor, the
 * only one that carries RS. */
static __rte_always_inline uint16_t
tx_write_chain(struct x710vf_tx_queue *q, struct rte_mbuf *m, uint64_t base, uint16_t next,
	       uint16_t rs_mask, bool ctx_on_rs)
{
	/* Locals: the rs_at stores below must not make the compiler reload
	 * the queue's fields on every descriptor. */
	volatile struct x710_tx_desc *ring = q->ring;
	struct rte_mbuf **sw = q->sw_ring;
	uint16_t *rs_at = q->rs_at;
	const uint16_t mask = q->mask;
	uint16_t rs_first = (uint16_t)(next - 1);   /* the context's slot, if it was one */
	unsigned int rs_n = ctx_on_rs;

	if (likely(m->next == NULL && !ctx_on_rs)) {
		/* One descriptor, its own report: the common case kept short. */
		bool rs = (next & rs_mask) == rs_mask;
		uint64_t cmd = X710_TX_CMD_EOP | (rs ? X710_TX_CMD_RS : 0);

		if (rs)
			rs_at[next / X710VF_TX_RS_THRESH] = next;
		tx_write_desc(ring, sw, next, m, base, cmd);
		return (uint16_t)((next + 1) & mask);
	}
	for (struct rte_mbuf *s = m; s != NULL; s = s->next) {
		uint64_t cmd = 0;
		if ((next & rs_mask) == rs_mask && rs_n++ == 0)
			rs_first = next;
		if (s->next == NULL) {
			cmd = X710_TX_CMD_EOP;
			if (rs_n != 0) {
				cmd |= X710_TX_CMD_RS;
				for (unsigned int i = 0; i < rs_n; i++)
					rs_at[((rs_first + i * X710VF_TX_RS_THRESH) & mask) /
					      X710VF_TX_RS_THRESH] = next;
			}
		}
		tx_write_desc(ring, sw, next, s, base, cmd);
		next = (uint16_t)((next + 1) & mask);
	}
	return next;
}

/* A TSO packet: context descriptor, then its data. Kept out of line so the
 * plain path's loop stays as it was. False when the ring has no room. */
static __rte_noinline bool
tx_tso_packet(struct x710vf_tx_queue *q, struct rte_mbuf *m, uint64_t base, uint16_t *next,
	      uint16_t rs_mask)
{
	uint16_t need = (uint16_t)(m->nb_segs + 1), at = *next;
	bool ctx_on_rs;

	while (need > q->nb_free && x710vf_tx_free_batch(q) != 0)
		;
	if (need > q->nb_free || need > X710_TSO_MAX_DESC + 1)
		return false;
	/* The context descriptor takes a slot without an mbuf and cannot carry
	 * RS: on a batch's last slot, the packet's EOP reports for it. */
	ctx_on_rs = (at & rs_mask) == rs_mask;
	q->sw_ring[at] = NULL;
	q->ring[at].buffer_addr = 0;
	q->ring[at].cmd_type_offset_bsz = tso_context_qw1(m);
	at = (uint16_t)((at + 1) & q->mask);
	*next = tx_write_chain(q, m, base, at, rs_mask, ctx_on_rs);
	q->nb_free = (uint16_t)(q->nb_free - need);
	return true;
}

uint16_t
x710vf_xmit_scalar(void *txq, struct rte_mbuf **pkts, uint16_t n)
{
	struct x710vf_tx_queue *q = txq;
	uint16_t next = q->next, nb;
	uint64_t bytes = 0;
	const uint16_t rs_mask = (uint16_t)(q->rs_thresh - 1);

	for (nb = 0; nb < n; nb++) {
		struct rte_mbuf *m = pkts[nb];
		uint16_t need = m->nb_segs;
		while (need > q->nb_free && x710vf_tx_free_batch(q) != 0)
			;
		if (need > q->nb_free)
			break;
		uint64_t base = (uint64_t)X710_TX_DTYPE_DATA |
				((uint64_t)X710_TX_CMD_ICRC << X710_TXD_QW1_CMD_SHIFT);
		if (m->ol_flags & TX_OFFLOAD_FLAGS) {
			base |= tx_offload_bits(m);
			/* Honoured only on a queue set up for TSO (no fast free there). */
			if (unlikely(m->ol_flags & RTE_MBUF_F_TX_TCP_SEG) &&
			    (q->offloads & RTE_ETH_TX_OFFLOAD_TCP_TSO)) {
				if (!tx_tso_packet(q, m, base, &next, rs_mask))
					break;
				bytes += m->pkt_len;
				continue;
			}
		}
		if (need > TX_MAX_SEGS)
			break;
		bytes += m->pkt_len;
		next = tx_write_chain(q, m, base, next, rs_mask, false);
		q->nb_free = (uint16_t)(q->nb_free - need);
	}
	if (nb == 0)
		return 0;
	q->next = next;
	q->packets += nb;
	q->bytes += bytes;
	rte_io_wmb();
	*q->tail = next;                /* one tail write per burst */
	return nb;
}

/* Buffers the device gathers one TSO segment from: those under the headers
 * and those under its payload, one holding both counted once. The device
 * takes at most X710_TX_MAX_DESC_PER_FRAME (i40e_rxtx.h I40E_TX_MAX_MTU_SEG)
 * per frame on the wire. The chain's lengths were checked to add up. */
static bool
tso_segments_fit(const struct rte_mbuf *m, uint32_t hdr, uint32_t mss)
{
	const struct rte_mbuf *c = m;
	uint32_t cbase = 0;
	unsigned int hdr_last = 0, cidx = 0;

	while (hdr > cbase + c->data_len) {
		cbase += c->data_len;
		c = c->next;
		hdr_last++;
	}
	cidx = hdr_last;
	for (uint32_t start = hdr; start < m->pkt_len; start += mss) {
		uint32_t end = RTE_MIN(start + mss, m->pkt_len) - 1;
		while (start >= cbase + c->data_len) {
			cbase += c->data_len;
			c = c->next;
			cidx++;
		}
		const struct rte_mbuf *e = c;
		uint32_t ebase = cbase;
		unsigned int eidx = cidx;
		while (end >= ebase + e->data_len) {
			ebase += e->data_len;
			e = e->next;
			eidx++;
		}
		unsigned int shared = hdr_last >= cidx ? hdr_last - cidx + 1 : 0;
		if (hdr_last + 1 + (eidx - cidx + 1) - shared > X710_TX_MAX_DESC_PER_FRAME)
			return false;
	}
	return true;
}

/* What the device needs of a TSO packet (spec §4.1; limits in x710_desc.h):
 * 0 or a negative errno for rte_errno. */
static int
tso_check(const struct x710vf_tx_queue *q, const struct rte_mbuf *m)
{
	uint32_t hdr = (uint32_t)(m->l2_len + m->l3_len + m->l4_len), sum = 0;
	/* The device reads a whole IP header there (IIPT says which). */
	uint32_t l3_min = (m->ol_flags & RTE_MBUF_F_TX_IPV6) ? sizeof(struct rte_ipv6_hdr)
							   : sizeof(struct rte_ipv4_hdr);

	if (!(q->offloads & RTE_ETH_TX_OFFLOAD_TCP_TSO))
		return -ENOTSUP;
	if (!(m->ol_flags & (RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6)) ||
	    m->tso_segsz < X710_TSO_MSS_MIN || m->tso_segsz > X710_TSO_MSS_MAX)
		return -EINVAL;
	/* Header lengths must fit MACLEN (2 B units), IPLEN and L4LEN (4 B units). */
	if (m->l2_len < RTE_ETHER_HDR_LEN || (m->l2_len & 1) ||
	    m->l2_len / X710_TX_MACLEN_UNIT > (X710_TX_OFFSET_MACLEN_MASK >> X710_TX_OFFSET_MACLEN_SHIFT) ||
	    m->l3_len < l3_min || (m->l3_len & 3) ||
	    m->l3_len / X710_TX_IPLEN_UNIT > (X710_TX_OFFSET_IPLEN_MASK >> X710_TX_OFFSET_IPLEN_SHIFT) ||
	    m->l4_len < sizeof(struct rte_tcp_hdr) || (m->l4_len & 3) ||
	    m->l4_len / X710_TX_L4LEN_UNIT > (X710_TX_OFFSET_L4LEN_MASK >> X710_TX_OFFSET_L4LEN_SHIFT))
		return -EINVAL;
	if (m->pkt_len <= hdr ||
	    m->pkt_len - hdr > (X710_TXCD_QW1_TSO_LEN_MASK >> X710_TXCD_QW1_TSO_LEN_SHIFT) ||
	    m->nb_segs > X710_TSO_MAX_DESC || m->nb_segs + 1u > q->nb_desc - 1u)
		return -EINVAL;
	for (const struct rte_mbuf *s = m; s != NULL; s = s->next) {
		if (s->data_len == 0 || s->data_len > X710_TXD_BUF_SZ_MAX)
			return -EINVAL;
		sum += s->data_len;
	}
	if (sum != m->pkt_len || !tso_segments_fit(m, hdr, m->tso_segsz))
		return -EINVAL;
	return 0;
}

uint16_t
x710vf_xmit_prep(void *txq, struct rte_mbuf **pkts, uint16_t n)
{
	const struct x710vf_tx_queue *q = txq;
	const uint64_t unsupported = RTE_MBUF_F_TX_OFFLOAD_MASK &
		~(RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_IPV4 |
		  RTE_MBUF_F_TX_IPV6 | RTE_MBUF_F_TX_VLAN | RTE_MBUF_F_TX_TCP_SEG);
	for (uint16_t i = 0; i < n; i++) {
		struct rte_mbuf *m = pkts[i];
		bool tso = m->ol_flags & RTE_MBUF_F_TX_TCP_SEG;
		if ((!tso && m->nb_segs > TX_MAX_SEGS) || (m->ol_flags & unsupported) ||
		    m->pkt_len < RTE_ETHER_MIN_LEN - RTE_ETHER_CRC_LEN) {
			rte_errno = (m->ol_flags & unsupported) ? ENOTSUP : EINVAL;
			return i;
		}
		int rc = tso ? tso_check(q, m) : 0;
		if (rc != 0) {
			rte_errno = -rc;
			return i;
		}
		/* Seeds the TCP checksum with the pseudo-header sum, without the
		 * length for TSO: the device adds each segment's. */
		rc = rte_net_intel_cksum_prepare(m);
		if (rc != 0) {
			rte_errno = -rc;
			return i;
		}
	}
	return n;
}
