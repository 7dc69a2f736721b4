/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PF admin queue engine (spec §2.1 ring protocol, §3.1 registers).
 * The rings and every buffer are DMA memory from the osdep; completion is
 * seen by polling ATQH with delay_us steps up to the timeout.
 */
#include <errno.h>
#include <string.h>

#include "x710_hw.h"

#define X710_AQ_DEFAULT_BUF   X710_AQ_MAX_BUF
#define X710_PFR_POLL_STEP_US 1000      /* PF reset: i40e polls in ms steps */
#define X710_PFR_POLL_TRIES   200

struct ring_regs {
	uint32_t bal, bah, len, head, tail;
};

static const struct ring_regs atq_regs = {
	X710_PF_ATQBAL, X710_PF_ATQBAH, X710_PF_ATQLEN, X710_PF_ATQH, X710_PF_ATQT };
static const struct ring_regs arq_regs = {
	X710_PF_ARQBAL, X710_PF_ARQBAH, X710_PF_ARQLEN, X710_PF_ARQH, X710_PF_ARQT };

void x710_aq_desc_init(struct x710_aq_desc *d, uint16_t opcode)
{
	memset(d, 0, sizeof(*d));
	d->opcode = opcode;
	d->flags = X710_AQ_FLAG_SI;
}

static struct x710_aq_desc *atq_desc(struct x710_aq *aq, unsigned int i)
{
	return (struct x710_aq_desc *)aq->atq_ring.vaddr + i;
}

static struct x710_aq_desc *arq_desc(struct x710_aq *aq, unsigned int i)
{
	return (struct x710_aq_desc *)aq->arq_ring.vaddr + i;
}

static void set_addr(struct x710_aq_desc *d, uint64_t iova)
{
	d->params.ext.addr_high = (uint32_t)(iova >> 32);
	d->params.ext.addr_low = (uint32_t)iova;
}

/* Give ARQ slot i its buffer back (BUF, LB when large, full length). */
static void arq_post(struct x710_aq *aq, unsigned int i)
{
	struct x710_aq_desc *d = arq_desc(aq, i);

	memset(d, 0, sizeof(*d));
	d->flags = X710_AQ_FLAG_BUF;
	if (aq->buf_size > X710_AQ_LARGE_BUF)
		d->flags |= X710_AQ_FLAG_LB;
	d->datalen = aq->buf_size;
	set_addr(d, aq->arq_bufs[i].iova);
}

/* The kept block: a header naming the layout, then ATQ, ARQ, the command
 * buffer and the ARQ buffers, each on its own 4 KB boundary. */
#define AQ_KEPT_MAGIC 0x31515841u   /* "AXQ1" */

struct aq_kept_hdr {
	uint32_t magic;
	uint16_t entries;
	uint16_t buf_size;
};

static size_t round_align(size_t n)
{
	return (n + X710_AQ_RING_ALIGN - 1) / X710_AQ_RING_ALIGN * X710_AQ_RING_ALIGN;
}

static size_t ring_span(const struct x710_aq *aq)
{
	return round_align((size_t)aq->entries * X710_AQ_DESC_SIZE);
}

static size_t kept_size(const struct x710_aq *aq)
{
	return X710_AQ_RING_ALIGN + 2 * ring_span(aq) +
	       (1 + (size_t)aq->entries) * round_align(aq->buf_size);
}

static struct x710_dma carve(const struct x710_dma *block, size_t *off, size_t size)
{
	struct x710_dma d = {
		.vaddr = (uint8_t *)block->vaddr + *off, .iova = block->iova + *off, .size = size,
	};

	*off += round_align(size);
	return d;
}

static void carve_all(struct x710_aq *aq)
{
	size_t off = X710_AQ_RING_ALIGN, ring = (size_t)aq->entries * X710_AQ_DESC_SIZE;

	aq->atq_ring = carve(&aq->kept, &off, ring);
	aq->arq_ring = carve(&aq->kept, &off, ring);
	aq->cmd_buf = carve(&aq->kept, &off, aq->buf_size);
	for (unsigned int i = 0; i < aq->entries; i++)
		aq->arq_bufs[i] = carve(&aq->kept, &off, aq->buf_size);
}

/* This process's view of the rings goes; the memory is not freed. */
static void forget_rings(struct x710_aq *aq)
{
	memset(aq->arq_bufs, 0, sizeof(aq->arq_bufs));
	aq->cmd_buf = aq->atq_ring = aq->arq_ring = aq->kept = (struct x710_dma){ 0 };
}

static void free_rings(struct x710_hw *hw)
{
	struct x710_aq *aq = &hw->aq;

	if (aq->kept.vaddr != NULL) {
		x710_dma_free(&hw->os, &aq->kept);   /* released for good */
		forget_rings(aq);
		return;
	}
	for (unsigned int i = 0; i < X710_AQ_MAX_ENTRIES; i++)
		x710_dma_free(&hw->os, &aq->arq_bufs[i]);
	x710_dma_free(&hw->os, &aq->cmd_buf);
	x710_dma_free(&hw->os, &aq->atq_ring);
	x710_dma_free(&hw->os, &aq->arq_ring);
}

/* The kept block (*found: a previous owner's), carved; -ENOTSUP when the
 * environment keeps nothing. */
static int alloc_kept(struct x710_hw *hw, bool *found)
{
	const struct x710_osdep *os = &hw->os;
	struct x710_aq *aq = &hw->aq;
	int err;

	*found = false;
	if (os->ops->dma_alloc_kept == NULL)
		return -ENOTSUP;
	err = os->ops->dma_alloc_kept(os->ctx, X710_AQ_KEPT_NAME, kept_size(aq),
				      X710_AQ_RING_ALIGN, &aq->kept, found);
	if (err)
		return err;
	carve_all(aq);
	return 0;
}

static int alloc_plain(struct x710_hw *hw)
{
	struct x710_aq *aq = &hw->aq;
	size_t ring = (size_t)aq->entries * X710_AQ_DESC_SIZE;
	int err;

	err = x710_dma_alloc(&hw->os, ring, X710_AQ_RING_ALIGN, &aq->atq_ring);
	if (err == 0)
		err = x710_dma_alloc(&hw->os, ring, X710_AQ_RING_ALIGN, &aq->arq_ring);
	if (err == 0)
		err = x710_dma_alloc(&hw->os, aq->buf_size, X710_AQ_RING_ALIGN, &aq->cmd_buf);
	for (unsigned int i = 0; err == 0 && i < aq->entries; i++)
		err = x710_dma_alloc(&hw->os, aq->buf_size, X710_AQ_RING_ALIGN, &aq->arq_bufs[i]);
	if (err) {
		x710_log(&hw->os, X710_LOG_ERR, "admin queue: no DMA memory for %u entries (%d)",
			 aq->entries, err);
		free_rings(hw);
	}
	return err;
}

/* Kept memory when there is some, else ordinary DMA memory. */
static int alloc_rings(struct x710_hw *hw, bool *found)
{
	int err = alloc_kept(hw, found);

	if (err == 0)
		return 0;
	if (err != -ENOTSUP)
		x710_log(&hw->os, X710_LOG_WARN, "admin queue: no kept block of %zu bytes (%d): "
			 "rings in ordinary memory, which dies with this process",
			 kept_size(&hw->aq), err);
	return alloc_plain(hw);
}

/* Registers of one ring, enable last; BAL read back proves the device took
 * them (i40e checks the same way). */
static int program_ring(struct x710_hw *hw, const struct ring_regs *r, const struct x710_dma *m,
			const char *name)
{
	const struct x710_osdep *os = &hw->os;

	x710_wr32(os, r->head, 0);
	x710_wr32(os, r->tail, 0);
	x710_wr32(os, r->bal, (uint32_t)m->iova);
	x710_wr32(os, r->bah, (uint32_t)(m->iova >> 32));
	x710_wr32(os, r->len, hw->aq.entries | X710_AQLEN_ENABLE_MASK);
	if (x710_rd32(os, r->bal) != (uint32_t)m->iova) {
		x710_log(os, X710_LOG_ERR, "admin queue: %s base did not stick (wrote 0x%08x, read 0x%08x)",
			 name, (uint32_t)m->iova, x710_rd32(os, r->bal));
		return -EIO;
	}
	return 0;
}

static void disable_ring(const struct x710_osdep *os, const struct ring_regs *r)
{
	x710_wr32(os, r->head, 0);
	x710_wr32(os, r->tail, 0);
	x710_wr32(os, r->len, 0);
	x710_wr32(os, r->bal, 0);
	x710_wr32(os, r->bah, 0);
}

static int pf_reset(struct x710_hw *hw)
{
	int err;

	x710_wr32(&hw->os, X710_PFGEN_CTRL, X710_PFGEN_CTRL_PFSWR_MASK);
	x710_flush(&hw->os);
	err = x710_poll_reg(&hw->os, X710_PFGEN_CTRL, X710_PFGEN_CTRL_PFSWR_MASK, 0,
			    X710_PFR_POLL_STEP_US, X710_PFR_POLL_TRIES, NULL);
	if (err)
		x710_log(&hw->os, X710_LOG_ERR, "PF reset: PFGEN_CTRL.PFSWR did not clear");
	return err;
}

static int set_params(struct x710_hw *hw, const struct x710_aq_params *p)
{
	struct x710_aq *aq = &hw->aq;

	if (aq->up)
		return -EBUSY;
	aq->entries = p->entries ? p->entries : X710_AQ_DEFAULT_ENTRIES;
	aq->buf_size = p->buf_size ? p->buf_size : X710_AQ_DEFAULT_BUF;
	aq->timeout_us = p->timeout_us ? p->timeout_us : X710_AQ_DEFAULT_TIMEOUT_US;
	aq->adopted = false;
	if (aq->entries < 2 || aq->entries >= X710_AQ_MAX_ENTRIES ||
	    aq->buf_size > X710_AQ_MAX_BUF) {
		x710_log(&hw->os, X710_LOG_ERR,
			 "admin queue: %u entries of %u bytes is outside 2..%u entries, <= %u bytes",
			 aq->entries, aq->buf_size, X710_AQ_MAX_ENTRIES - 1, X710_AQ_MAX_BUF);
		return -EINVAL;
	}
	return 0;
}

/* Fresh rings in the memory already allocated: stopped first (a previous
 * owner may have left them running into this very block), then every ARQ
 * buffer posted and both rings programmed. */
static int start_fresh(struct x710_hw *hw)
{
	struct x710_aq *aq = &hw->aq;
	int err;

	disable_ring(&hw->os, &atq_regs);
	disable_ring(&hw->os, &arq_regs);
	x710_flush(&hw->os);
	if (aq->kept.vaddr != NULL) {
		struct aq_kept_hdr hdr = { AQ_KEPT_MAGIC, aq->entries, aq->buf_size };

		memset(aq->kept.vaddr, 0, kept_size(aq));
		memcpy(aq->kept.vaddr, &hdr, sizeof(hdr));
	}
	for (unsigned int i = 0; i < aq->entries; i++)
		arq_post(aq, i);
	aq->atq_ntu = 0;
	aq->arq_ntc = 0;
	err = program_ring(hw, &atq_regs, &aq->atq_ring, "ATQ");
	if (err == 0)
		err = program_ring(hw, &arq_regs, &aq->arq_ring, "ARQ");
	if (err) {
		disable_ring(&hw->os, &atq_regs);
		disable_ring(&hw->os, &arq_regs);
		free_rings(hw);
		return err;
	}
	/* Every ARQ buffer is posted: the tail sits one behind the head. */
	x710_wr32(&hw->os, X710_PF_ARQT, aq->entries - 1u);
	x710_flush(&hw->os);
	aq->up = true;
	return 0;
}

/* Parameters, the PF reset when asked (@may_reset), the rings' memory. */
static int prepare(struct x710_hw *hw, const struct x710_aq_params *p, bool may_reset,
		   bool *found)
{
	struct x710_aq_params def = { 0 };
	int err;

	if (p == NULL)
		p = &def;
	if ((err = set_params(hw, p)) != 0)
		return err;
	if (may_reset && p->pf_reset && (err = pf_reset(hw)) != 0)
		return err;
	return alloc_rings(hw, found);
}

int x710_aq_init(struct x710_hw *hw, const struct x710_aq_params *p)
{
	bool found;
	int err = prepare(hw, p, true, &found);

	return err ? err : start_fresh(hw);
}

/* Does the device run ring @r from @m, @entries long, enabled? */
static bool ring_matches(const struct x710_hw *hw, const struct ring_regs *r,
			 const struct x710_dma *m)
{
	uint32_t len = x710_rd32(&hw->os, r->len);
	uint64_t base = (uint64_t)x710_rd32(&hw->os, r->bah) << 32 | x710_rd32(&hw->os, r->bal);

	return (len & X710_AQLEN_ENABLE_MASK) && (len & X710_AQLEN_LEN_MASK) == hw->aq.entries &&
	       base == m->iova &&
	       (x710_rd32(&hw->os, r->head) & X710_AQ_HT_MASK) < hw->aq.entries &&
	       (x710_rd32(&hw->os, r->tail) & X710_AQ_HT_MASK) < hw->aq.entries;
}

static bool wait_done(struct x710_hw *hw, uint16_t tail);

/* Resume the rings as the device runs them; NULL, or why not. */
static const char *resume(struct x710_hw *hw)
{
	const struct x710_osdep *os = &hw->os;
	struct x710_aq *aq = &hw->aq;
	struct aq_kept_hdr hdr;
	uint32_t arqlen;
	uint16_t atqt, arqt, arqh;

	memcpy(&hdr, aq->kept.vaddr, sizeof(hdr));
	if (hdr.magic != AQ_KEPT_MAGIC || hdr.entries != aq->entries ||
	    hdr.buf_size != aq->buf_size)
		return "the kept block holds another layout";
	if (!ring_matches(hw, &atq_regs, &aq->atq_ring) ||
	    !ring_matches(hw, &arq_regs, &aq->arq_ring))
		return "the device's rings are not the kept block's (base, length or head/tail)";
	atqt = (uint16_t)(x710_rd32(os, X710_PF_ATQT) & X710_AQ_HT_MASK);
	/* A command the previous owner posted: let the firmware finish it. */
	if (!wait_done(hw, atqt))
		return "a command of the previous owner never completed";
	aq->atq_ntu = atqt;
	/* The owner re-posts slot n and then sets ARQT = n: next to read is ARQT + 1. */
	arqt = (uint16_t)(x710_rd32(os, X710_PF_ARQT) & X710_AQ_HT_MASK);
	arqh = (uint16_t)(x710_rd32(os, X710_PF_ARQH) & X710_AQ_HT_MASK);
	aq->arq_ntc = (uint16_t)((arqt + 1u) % aq->entries);
	if (aq->arq_ntc != arqh &&
	    !(((struct x710_aq_desc *)aq->arq_ring.vaddr)[aq->arq_ntc].flags & X710_AQ_FLAG_DD)) {
		/* It died between the two: that slot is posted, not an event. */
		x710_wr32(os, X710_PF_ARQT, aq->arq_ntc);
		aq->arq_ntc = (uint16_t)((aq->arq_ntc + 1u) % aq->entries);
	}
	arqlen = x710_rd32(os, X710_PF_ARQLEN);
	if (arqlen & X710_AQLEN_OVFL_MASK) {
		x710_log(os, X710_LOG_WARN, "admin queue: the ARQ overflowed while no owner ran; "
			 "events (VF messages) were dropped");
		x710_wr32(os, X710_PF_ARQLEN, arqlen & ~X710_AQLEN_OVFL_MASK);
	}
	x710_flush(os);
	return NULL;
}

int x710_aq_adopt(struct x710_hw *hw, const struct x710_aq_params *p)
{
	const char *why;
	bool found;
	int err;

	if ((err = prepare(hw, p, false, &found)) != 0)
		return err;
	if (hw->aq.kept.vaddr == NULL)
		why = "no kept block for it here (see above, or the osdep keeps no memory)";
	else if (!found)
		why = "the previous owner kept no admin queue block";
	else
		why = resume(hw);
	if (why == NULL) {
		hw->aq.up = true;
		hw->aq.adopted = true;
		x710_log(&hw->os, X710_LOG_INFO, "admin queue adopted: reading resumes at ARQ "
			 "slot %u, ARQH %u", hw->aq.arq_ntc,
			 (unsigned int)(x710_rd32(&hw->os, X710_PF_ARQH) & X710_AQ_HT_MASK));
		return 0;
	}
	x710_log(&hw->os, X710_LOG_WARN, "admin queue not adopted: %s; re-initialised (events "
		 "posted while no owner ran are lost)", why);
	return start_fresh(hw);
}

void x710_aq_shutdown(struct x710_hw *hw)
{
	if (hw->aq.atq_ring.vaddr == NULL && !hw->aq.up)
		return;
	disable_ring(&hw->os, &atq_regs);
	disable_ring(&hw->os, &arq_regs);
	x710_flush(&hw->os);
	/* Let the device see the rings go before their memory does. */
	x710_delay_us(&hw->os, X710_AQ_POLL_STEP_US);
	free_rings(hw);
	hw->aq.up = false;
}

void x710_aq_detach(struct x710_hw *hw)
{
	if (hw->aq.kept.vaddr == NULL) {
		x710_aq_shutdown(hw);   /* its memory dies with us: the device must stop */
		return;
	}
	forget_rings(&hw->aq);
	hw->aq.up = false;
}

static int record(struct x710_hw *hw, enum x710_aq_failure kind, uint16_t opcode, uint16_t rc,
		  int err)
{
	hw->aq_err = (struct x710_aq_error){ kind, opcode, rc, err };
	return err;
}

/* Wait until ATQH reaches our tail, in delay_us steps, up to the timeout. */
static bool wait_done(struct x710_hw *hw, uint16_t tail)
{
	uint64_t start = x710_now_us(&hw->os);

	for (;;) {
		if ((x710_rd32(&hw->os, X710_PF_ATQH) & X710_AQ_HT_MASK) == tail)
			return true;
		if (x710_now_us(&hw->os) - start >= hw->aq.timeout_us)
			return false;
		x710_delay_us(&hw->os, X710_AQ_POLL_STEP_US);
	}
}

int x710_aq_send(struct x710_hw *hw, struct x710_aq_desc *d, void *buf, uint16_t len)
{
	struct x710_aq *aq = &hw->aq;
	struct x710_aq_desc *slot;
	uint16_t opcode = d->opcode;
	unsigned int at;

	if (!aq->up)
		return record(hw, X710_AQ_FAIL_DRIVER, opcode, 0, -ENETDOWN);
	if (buf != NULL && (len == 0 || len > aq->buf_size)) {
		x710_log(&hw->os, X710_LOG_ERR, "%s: buffer of %u bytes, the queue takes 1..%u",
			 x710_aq_opcode_str(opcode), len, aq->buf_size);
		return record(hw, X710_AQ_FAIL_DRIVER, opcode, 0, -EINVAL);
	}
	if ((x710_rd32(&hw->os, X710_PF_ATQH) & X710_AQ_HT_MASK) != aq->atq_ntu) {
		/* An earlier command never completed: the ring is wedged. */
		x710_log(&hw->os, X710_LOG_ERR, "%s: ATQ still busy with an earlier command",
			 x710_aq_opcode_str(opcode));
		return record(hw, X710_AQ_FAIL_DRIVER, opcode, 0, -EBUSY);
	}
	at = aq->atq_ntu;
	slot = atq_desc(aq, at);
	*slot = *d;
	slot->flags &= (uint16_t)~(X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP | X710_AQ_FLAG_ERR);
	slot->retval = 0;
	if (buf != NULL) {
		memcpy(aq->cmd_buf.vaddr, buf, len);
		slot->flags |= X710_AQ_FLAG_BUF;
		if (len > X710_AQ_LARGE_BUF)
			slot->flags |= X710_AQ_FLAG_LB;
		slot->datalen = len;
		set_addr(slot, aq->cmd_buf.iova);
	}
	aq->atq_ntu = (uint16_t)((at + 1) % aq->entries);
	x710_wr32(&hw->os, X710_PF_ATQT, aq->atq_ntu);
	if (!wait_done(hw, aq->atq_ntu)) {
		x710_log(&hw->os, X710_LOG_ERR, "%s (0x%04x): no completion in %u us",
			 x710_aq_opcode_str(opcode), opcode, aq->timeout_us);
		return record(hw, X710_AQ_FAIL_TIMEOUT, opcode, 0, -ETIMEDOUT);
	}
	*d = *slot;
	if (buf != NULL)
		memcpy(buf, aq->cmd_buf.vaddr, len);
	if (!(d->flags & X710_AQ_FLAG_DD)) {
		x710_log(&hw->os, X710_LOG_ERR, "%s: head moved past a descriptor without DD",
			 x710_aq_opcode_str(opcode));
		return record(hw, X710_AQ_FAIL_DRIVER, opcode, 0, -EIO);
	}
	if (d->retval != X710_AQ_RC_OK || (d->flags & X710_AQ_FLAG_ERR)) {
		int err = x710_aq_rc_to_errno(d->retval);

		if (err == 0)
			err = -EIO;   /* ERR without a code */
		x710_log(&hw->os, X710_LOG_DEBUG, "%s (0x%04x) failed: %s",
			 x710_aq_opcode_str(opcode), opcode, x710_aq_rc_str(d->retval));
		return record(hw, X710_AQ_FAIL_RC, opcode, d->retval, err);
	}
	return 0;
}

int x710_aq_event_get(struct x710_hw *hw, struct x710_aq_event *ev, unsigned int *pending)
{
	struct x710_aq *aq = &hw->aq;
	unsigned int head, at;
	const struct x710_aq_desc *d;
	int err = 0;

	if (pending != NULL)
		*pending = 0;
	if (!aq->up)
		return -ENETDOWN;
	head = x710_rd32(&hw->os, X710_PF_ARQH) & X710_AQ_HT_MASK;
	if (head >= aq->entries) {
		x710_log(&hw->os, X710_LOG_ERR, "ARQ head %u beyond the ring of %u", head,
			 aq->entries);
		return -EIO;
	}
	at = aq->arq_ntc;
	if (head == at)
		return -EAGAIN;
	d = arq_desc(aq, at);
	ev->desc = *d;
	ev->opcode = d->opcode;
	ev->flags = d->flags;
	ev->retval = d->retval;
	ev->cookie_high = d->cookie_high;
	ev->cookie_low = d->cookie_low;
	ev->full_len = d->datalen;
	ev->msg_len = 0;
	if (d->datalen > aq->buf_size) {
		x710_log(&hw->os, X710_LOG_ERR, "ARQ event 0x%04x claims %u bytes in a %u-byte buffer",
			 d->opcode, d->datalen, aq->buf_size);
		err = -EIO;
	} else if (d->datalen > 0) {
		uint16_t n = d->datalen <= ev->msg_cap ? d->datalen : ev->msg_cap;

		if (n > 0 && ev->msg != NULL)
			memcpy(ev->msg, aq->arq_bufs[at].vaddr, n);
		ev->msg_len = ev->msg != NULL ? n : 0;
		if (d->datalen > ev->msg_cap)
			err = -EMSGSIZE;
	}
	arq_post(aq, at);
	x710_wr32(&hw->os, X710_PF_ARQT, at);
	aq->arq_ntc = (uint16_t)((at + 1) % aq->entries);
	if (pending != NULL)
		*pending = (head + aq->entries - aq->arq_ntc) % aq->entries;
	return err;
}
