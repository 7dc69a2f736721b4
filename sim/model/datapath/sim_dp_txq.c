/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * LAN Tx engine (x710-hardware.md §4.1, §6 item 7): walk the ring from the
 * model's head to the tail the driver wrote, skip context descriptors (they
 * still take a slot), gather data descriptors up to EOP, hand the frame to
 * the switch, then mark the RS descriptors of that frame DESC_DONE. Frames
 * complete one after another, so DESC_DONE is written in ring order and
 * only after every earlier descriptor has been consumed.
 *
 * Offloads (checksums, VLAN insertion: sim_dp_tx_offload.c) are taken from
 * the packet's first data descriptor, where Intel's descriptor formats put
 * per-packet options and where the hardware knows them before the data
 * streams by; iavf, Linux i40e and net_x710vf write the same CMD/OFFSET/
 * L2TAG1 in every data descriptor of a packet, so first or last agree for
 * them. A frame with offloads is worked on in the model's own copy: the
 * hardware never writes into the driver's Tx buffers.
 *
 * A context descriptor before a packet's first data descriptor belongs to
 * that packet; with CMD.TSO the packet is segmented (sim_dp_tso.c) and
 * every segment goes to the switch as a frame. A context descriptor
 * between data descriptors of one packet makes the chain malformed.
 */
#include <errno.h>

#include "x710/x710_desc.h"
#include "sim_dp_internal.h"
#include "sim_dp_tx_offload.h"
#include "sim_dp_tso.h"

#define TXD_SIZE 16

/* One packet's descriptors as read from the ring. */
struct tx_chain {
	struct sim_tso_buf segs[X710_TSO_MAX_DESC];   /* SIM_DP_TX_MAX_SEGS without TSO */
	unsigned int nseg;
	uint16_t rs_slots[SIM_DP_TX_MAX_SEGS];
	unsigned int n_rs;
	size_t total;
	uint64_t first_qw1;         /* first data descriptor: the offload fields */
	uint64_t ctx_qw1;           /* context descriptor before it, 0 if none */
	bool tso;                   /* ctx_qw1 asks for TSO */
	bool tso_bad;               /* ... and the request cannot be carried out */
	struct sim_tso_plan plan;   /* when tso and not tso_bad */
	uint16_t slots;             /* descriptors consumed, context ones included */
	bool eop;
	bool malformed;
	bool dma_fault;
	bool rs_overflow;           /* more RS slots than rs_slots holds */
};

static int read_desc(struct sim_datapath *dp, struct sim_txq *q, uint16_t idx,
		     uint64_t *qw0, uint64_t *qw1)
{
	uint64_t d[2];

	if (q->ring != NULL) {
		const uint64_t *p = (const uint64_t *)(q->ring + (size_t)idx * TXD_SIZE);

		*qw0 = p[0];
		*qw1 = __atomic_load_n(&p[1], __ATOMIC_ACQUIRE);
		return 0;
	}
	if (sim_dma_read(dp->params.dma, q->ctx.base_iova + (uint64_t)idx * TXD_SIZE,
			    d, sizeof(d)) < 0)
		return -EFAULT;
	*qw0 = d[0];
	*qw1 = d[1];
	return 0;
}

/* DESC_DONE is a rewrite of qw1 (DTYPE 0xF); a release store so the driver
 * that sees it also sees every earlier completion. */
static void write_desc_done(struct sim_datapath *dp, struct sim_txq *q, uint16_t idx)
{
	const uint64_t done = X710_TX_DTYPE_DESC_DONE;
	uint64_t iova = q->ctx.base_iova + (uint64_t)idx * TXD_SIZE + 8;

	if (q->ring != NULL) {
		uint64_t *p = (uint64_t *)(q->ring + (size_t)idx * TXD_SIZE + 8);

		__atomic_store_n(p, done, __ATOMIC_RELEASE);
		return;
	}
	__atomic_thread_fence(__ATOMIC_RELEASE);
	(void)sim_dma_write(dp->params.dma, iova, &done, sizeof(done));
}

/*
 * Read descriptors from `head` towards `tail` until EOP. Returns 1 with a
 * complete (maybe malformed) chain, 0 when the frame is not all posted yet.
 */
static int collect_chain(struct sim_datapath *dp, struct sim_txq *q, uint16_t tail,
			 struct tx_chain *c)
{
	uint16_t idx = q->head;
	uint16_t posted = (uint16_t)((tail + q->ctx.qlen - q->head) % q->ctx.qlen);

	c->nseg = 0;
	c->n_rs = 0;
	c->total = 0;
	c->first_qw1 = 0;
	c->ctx_qw1 = 0;
	c->slots = 0;
	c->eop = c->malformed = c->dma_fault = c->rs_overflow = false;
	c->tso = c->tso_bad = false;
	while (c->slots < posted) {
		uint64_t qw0, qw1;
		unsigned int cmd;

		if (read_desc(dp, q, idx, &qw0, &qw1) < 0) {
			/* The ring itself is unreachable: consume what is posted. */
			c->dma_fault = true;
			c->slots = posted;
			return 1;
		}
		c->slots++;
		cmd = (unsigned int)((qw1 & X710_TXD_QW1_CMD_MASK) >> X710_TXD_QW1_CMD_SHIFT);
		if ((qw1 & X710_TXD_QW1_DTYPE_MASK) == X710_TX_DTYPE_CONTEXT) {
			/* A packet's context comes before its data; the last one wins. */
			if (c->nseg != 0 || c->malformed)
				c->malformed = true;
			c->ctx_qw1 = qw1;
			c->tso = sim_dp_tso_requested(qw1);
		} else if ((qw1 & X710_TXD_QW1_DTYPE_MASK) == X710_TX_DTYPE_DATA) {
			uint32_t bsz = (uint32_t)((qw1 & X710_TXD_QW1_BUF_SZ_MASK) >>
						   X710_TXD_QW1_BUF_SZ_SHIFT);
			unsigned int max = c->tso ? X710_TSO_MAX_DESC : SIM_DP_TX_MAX_SEGS;

			if (c->nseg == 0 && !c->malformed)
				c->first_qw1 = qw1;
			/* >=: a later context may lower max below nseg. */
			if (bsz == 0 || c->nseg >= max)
				c->malformed = true;
			else
				c->segs[c->nseg++] = (struct sim_tso_buf){ qw0, bsz };
			c->total += bsz;
			if ((cmd & X710_TX_CMD_RS) && c->n_rs < SIM_DP_TX_MAX_SEGS)
				c->rs_slots[c->n_rs++] = idx;
			else if (cmd & X710_TX_CMD_RS)
				c->rs_overflow = true;
			if (cmd & X710_TX_CMD_EOP) {
				c->eop = true;
				return 1;
			}
		}
		/* Filter-programming and other types: skipped, slot counted. */
		idx = (uint16_t)((idx + 1) % q->ctx.qlen);
	}
	/* No EOP up to the tail: wait, unless the ring is full and can never
	 * get one; then the chain is malformed and consumed. */
	if (posted == q->ctx.qlen - 1) {
		c->malformed = true;
		return 1;
	}
	return 0;
}

/* The frame as one contiguous view: the Tx buffer itself when it is one
 * mapped segment of legal size and nothing edits it (zero copy), else
 * gathered into dp->frame (not yet padded). */
static const uint8_t *frame_view(struct sim_datapath *dp, struct tx_chain *c, bool edit,
				 size_t *len)
{
	size_t off = 0;

	if (!edit && c->nseg == 1 && c->total >= SIM_DP_ETH_ZLEN) {
		const uint8_t *p = sim_dma_map(dp->params.dma, c->segs[0].addr, c->total);

		if (p != NULL) {
			*len = c->total;
			return p;
		}
	}
	for (unsigned int i = 0; i < c->nseg; i++) {
		if (sim_dma_read(dp->params.dma, c->segs[i].addr, dp->frame + off,
				    c->segs[i].len) < 0) {
			c->dma_fault = true;
			return NULL;
		}
		off += c->segs[i].len;
	}
	*len = off;
	return dp->frame;
}

/* Offloads on the gathered copy, then the MAC's padding to the Ethernet
 * minimum (after the tag: the minimum applies to the frame on the wire).
 * False when the frame cannot be sent (too long once tagged). */
static bool finish_frame(struct sim_datapath *dp, struct sim_txq *q,
			 const struct sim_tx_offload *o, bool edit, size_t *len)
{
	_Static_assert(sizeof(dp->frame) >= SIM_DP_MAX_FRAME, "gather buffer holds a frame");
	if (edit) {
		int rc = sim_dp_tx_offload_apply(o, dp->frame, len, SIM_DP_MAX_FRAME);

		if (rc == -EMSGSIZE)
			return false;
		/* Lengths outside the frame: sent without checksums, counted. */
		if (rc < 0)
			dp->ports[q->b.pf].stats.tx_offload_bad++;
	}
	if (*len < SIM_DP_ETH_ZLEN) {
		memset(dp->frame + *len, 0, SIM_DP_ETH_ZLEN - *len);
		*len = SIM_DP_ETH_ZLEN;
	}
	return true;
}

static void finish_chain(struct sim_datapath *dp, struct sim_txq *q, const struct tx_chain *c)
{
	if (c->rs_overflow) {
		/* A pathological chain: find its RS descriptors again, in order. */
		for (uint16_t i = 0, idx = q->head; i < c->slots;
		     i++, idx = (uint16_t)((idx + 1) % q->ctx.qlen)) {
			uint64_t qw0, qw1;

			if (read_desc(dp, q, idx, &qw0, &qw1) == 0 &&
			    (qw1 & X710_TXD_QW1_DTYPE_MASK) == X710_TX_DTYPE_DATA &&
			    (qw1 & ((uint64_t)X710_TX_CMD_RS << X710_TXD_QW1_CMD_SHIFT)))
				write_desc_done(dp, q, idx);
		}
	} else {
		for (unsigned int i = 0; i < c->n_rs; i++)
			write_desc_done(dp, q, c->rs_slots[i]);
	}
	q->head = (uint16_t)((q->head + c->slots) % q->ctx.qlen);
}

/* A chain that cannot be sent: real hardware raises a malicious-driver
 * event; the model drops and counts so that a bad driver is visible, not
 * fatal. */
static void drop_chain(struct sim_datapath *dp, struct sim_txq *q, struct sim_vsi *vsi,
		       bool dma_fault)
{
	sim_dp_count_drop(dp, vsi, q->b.pf, dma_fault ? SIM_DROP_DMA_FAULT : SIM_DROP_TX_MALFORMED);
	if (vsi != NULL)
		vsi->stats.tx_errors++;
}

/* Check a TSO chain once, before the rate limiter weighs it. */
static void plan_tso(struct tx_chain *c)
{
	struct sim_tx_offload o = sim_dp_tx_offload_of(c->first_qw1);
	struct sim_tso t = sim_dp_tso_of(c->ctx_qw1);

	if (c->tso && !c->malformed && !c->dma_fault)
		c->tso_bad = sim_dp_tso_plan(&t, &o, c->segs, c->nseg, c->total, &c->plan) < 0;
}

struct tso_emit_ctx {
	struct sim_datapath *dp;
	struct sim_vsi *vsi;
};

/* Every segment leaves the VSI as a frame of its own (counted as one). */
static void emit_segment(void *ctx, const uint8_t *frame, size_t len)
{
	struct tso_emit_ctx *e = ctx;
	struct sim_frame f;

	(void)sim_dp_frame_init(&f, frame, len);
	sim_dp_switch_from_vsi(e->dp, e->vsi, &f);
}

static void send_tso_chain(struct sim_datapath *dp, struct sim_txq *q, struct sim_vsi *vsi,
			   struct tx_chain *c)
{
	struct sim_tx_offload o = sim_dp_tx_offload_of(c->first_qw1);
	struct tso_emit_ctx e = { dp, vsi };

	if (c->dma_fault || c->malformed || c->tso_bad) {
		drop_chain(dp, q, vsi, c->dma_fault);
		return;
	}
	if (vsi == NULL) {
		sim_dp_count_drop(dp, NULL, q->b.pf, SIM_DROP_NO_MATCH);
		return;
	}
	/* A buffer unreadable part-way: the segments before it are gone. */
	if (sim_dp_tso_send(&c->plan, &o, c->segs, c->nseg, dp->params.dma, dp->frame,
			    emit_segment, &e) < 0)
		drop_chain(dp, q, vsi, true);
}

static void send_chain(struct sim_datapath *dp, struct sim_txq *q, struct sim_vsi *vsi,
		       struct tx_chain *c)
{
	struct sim_frame f;
	const uint8_t *data = NULL;
	size_t len = 0;
	struct sim_tx_offload o = sim_dp_tx_offload_of(c->first_qw1);
	bool edit = sim_dp_tx_offload_edits(&o);

	if (c->tso) {
		send_tso_chain(dp, q, vsi, c);
		return;
	}
	if (!c->dma_fault && !c->malformed) {
		if (c->total < SIM_DP_ETH_HLEN || c->total > SIM_DP_MAX_FRAME)
			c->malformed = true;
		else
			data = frame_view(dp, c, edit, &len);
		if (data == dp->frame && !finish_frame(dp, q, &o, edit, &len))
			c->malformed = true;
	}
	if (c->dma_fault || c->malformed || data == NULL) {
		drop_chain(dp, q, vsi, c->dma_fault);
		return;
	}
	if (vsi == NULL) {
		sim_dp_count_drop(dp, NULL, q->b.pf, SIM_DROP_NO_MATCH);
		return;
	}
	(void)sim_dp_frame_init(&f, data, len);
	sim_dp_switch_from_vsi(dp, vsi, &f);
}

/* What a frame costs the rate limiter: the bytes its descriptors carry,
 * padded to the Ethernet minimum as the MAC does, at most one largest frame
 * (a malformed chain is consumed whatever it claims). A TSO packet costs
 * its segments, at most a full bucket so that it can ever go (the limit is
 * then kept on average, not within one packet). */
static size_t chain_wire_bytes(const struct tx_chain *c, const struct sim_vsi *vsi)
{
	if (c->tso && !c->tso_bad && !c->malformed && !c->dma_fault) {
		uint64_t cap = sim_dp_shaper_burst_bytes(vsi->bw_max_credit);

		return c->plan.wire_bytes < cap ? c->plan.wire_bytes : (size_t)cap;
	}
	if (c->total < SIM_DP_ETH_ZLEN)
		return SIM_DP_ETH_ZLEN;
	return c->total > SIM_DP_MAX_FRAME ? SIM_DP_MAX_FRAME : c->total;
}

unsigned int sim_dp_txq_process(struct sim_datapath *dp, struct sim_txq *q, unsigned int budget)
{
	/* Acquire: descriptors written before the doorbell are visible after it. */
	uint32_t tail = __atomic_load_n(q->b.tail, __ATOMIC_ACQUIRE);
	struct sim_vsi *vsi;
	struct tx_chain c;
	unsigned int frames = 0, used = 0;
	bool moved = false, shaped;

	if (tail >= q->ctx.qlen) {
		q->bad_tail++;          /* a driver bug: never walk off the ring */
		dp->ports[q->b.pf].stats.tx_bad_tail++;
		return 0;
	}
	vsi = sim_dp_vsi(dp, q->b.vsi);
	shaped = sim_dp_shaped(dp, vsi);
	if (shaped)
		sim_dp_shaper_refill(dp, vsi);
	while (q->head != tail && used < budget) {
		if (collect_chain(dp, q, (uint16_t)tail, &c) == 0)
			break;
		plan_tso(&c);
		/* The Tx scheduler holds the frame back; nothing is dropped. */
		if (shaped && !sim_dp_shaper_take(vsi, chain_wire_bytes(&c, vsi)))
			break;
		send_chain(dp, q, vsi, &c);
		finish_chain(dp, q, &c);
		used += c.slots;
		frames++;
		moved = true;
	}
	if (moved && q->ctx.head_wb_ena) {
		uint32_t head = q->head;

		__atomic_thread_fence(__ATOMIC_RELEASE);
		(void)sim_dma_write(dp->params.dma, q->ctx.head_wb_addr, &head, sizeof(head));
	}
	return frames;
}
