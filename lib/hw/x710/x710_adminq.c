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

static void free_rings(struct x710_hw *hw)
{
	struct x710_aq *aq = &hw->aq;

	for (unsigned int i = 0; i < X710_AQ_MAX_ENTRIES; i++)
		x710_dma_free(&hw->os, &aq->arq_bufs[i]);
	x710_dma_free(&hw->os, &aq->cmd_buf);
	x710_dma_free(&hw->os, &aq->atq_ring);
	x710_dma_free(&hw->os, &aq->arq_ring);
}

static int alloc_rings(struct x710_hw *hw)
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

int x710_aq_init(struct x710_hw *hw, const struct x710_aq_params *p)
{
	struct x710_aq *aq = &hw->aq;
	struct x710_aq_params def = { 0 };
	int err;

	if (p == NULL)
		p = &def;
	if (aq->up)
		return -EBUSY;
	aq->entries = p->entries ? p->entries : X710_AQ_DEFAULT_ENTRIES;
	aq->buf_size = p->buf_size ? p->buf_size : X710_AQ_DEFAULT_BUF;
	aq->timeout_us = p->timeout_us ? p->timeout_us : X710_AQ_DEFAULT_TIMEOUT_US;
	if (aq->entries < 2 || aq->entries >= X710_AQ_MAX_ENTRIES ||
	    aq->buf_size > X710_AQ_MAX_BUF) {
		x710_log(&hw->os, X710_LOG_ERR,
			 "admin queue: %u entries of %u bytes is outside 2..%u entries, <= %u bytes",
			 aq->entries, aq->buf_size, X710_AQ_MAX_ENTRIES - 1, X710_AQ_MAX_BUF);
		return -EINVAL;
	}
	if (p->pf_reset && (err = pf_reset(hw)) != 0)
		return err;
	err = alloc_rings(hw);
	if (err)
		return err;
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
