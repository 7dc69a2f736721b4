/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The admin queue engine of one function (x710-hardware.md §2.1): the ATQ
 * (driver -> firmware) is processed from HEAD to TAIL, each descriptor
 * written back once (DD|CMP[|ERR], retval) before HEAD advances; the ARQ
 * (firmware -> driver) receives events at HEAD into the buffers the driver
 * posted up to TAIL. Rings and buffers are reached only through sim_dma.
 */
#include <errno.h>
#include <string.h>

#include "sim_model.h"

void sim_aq_init(struct sim_aq *aq, const struct sim_aq_ring_regs *atq,
		 const struct sim_aq_ring_regs *arq)
{
	memset(aq, 0, sizeof(*aq));
	aq->atq.off = *atq;
	aq->arq.off = *arq;
}

uint64_t sim_aq_buf_addr(const struct x710_aq_desc *d)
{
	return (uint64_t)d->params.ext.addr_high << 32 | d->params.ext.addr_low;
}

/* Ring base and length, or false while the ring is not enabled. */
static bool ring_params(const struct sim_func *f, const struct sim_aq_ring *r,
			uint64_t *base, uint32_t *len)
{
	uint32_t lenreg = sim_reg_get(f, r->off.len);

	*len = lenreg & X710_AQLEN_LEN_MASK;
	if (!(lenreg & X710_AQLEN_ENABLE_MASK) || *len == 0)
		return false;
	*base = (uint64_t)sim_reg_get(f, r->off.bah) << 32 | sim_reg_get(f, r->off.bal);
	return true;
}

static void head_moved(struct sim_func *f, const struct sim_aq_ring *r, uint32_t head)
{
	sim_reg_set(f, r->off.head, head);
	if (f->id.vf >= 0)
		sim_vf_aq_mirror(sim_func_vf(f));
}

/* Does an armed fault claim this command? Returns true and sets hang and rc. */
static bool fault_hits(struct x710sim *sim, struct sim_func *f, uint16_t opcode,
		       bool *hang, uint16_t *rc)
{
	struct sim_aq_fault_state *fs = &sim->aq_fault;

	if (!fs->active || fs->f.opcode != opcode ||
	    (fs->f.pf >= 0 && (unsigned int)fs->f.pf != f->id.pf))
		return false;
	fs->seen++;
	if (fs->f.nth != 0 && fs->seen != fs->f.nth)
		return false;
	if (fs->f.nth != 0)
		fs->active = false;        /* the k-th command only */
	*hang = fs->f.kind == X710SIM_AQ_FAULT_HANG;
	*rc = fs->f.rc;
	sim_log(sim, "fault: AQ opcode 0x%04x on %s %u%s", opcode,
		f->id.vf < 0 ? "PF" : "VF", f->id.vf < 0 ? f->id.pf : (unsigned int)f->id.vf,
		*hang ? " never completes" : " fails");
	return true;
}

/* Execute one ATQ descriptor in place. False: it must never complete. */
static bool run_one(struct x710sim *sim, struct sim_func *f, struct x710_aq_desc *d)
{
	uint8_t buf[X710_AQ_MAX_BUF];
	uint16_t in_len = 0, out_len = 0;
	uint16_t rc = X710_AQ_RC_OK;
	bool hang = false;

	sim->aq_commands++;
	if (fault_hits(sim, f, d->opcode, &hang, &rc)) {
		if (hang)
			return false;
		goto done;
	}
	if (d->flags & X710_AQ_FLAG_BUF) {
		in_len = d->datalen;
		if (in_len > X710_AQ_MAX_BUF) {
			sim_log(sim, "AQ 0x%04x: datalen %u exceeds %u", d->opcode, in_len,
				X710_AQ_MAX_BUF);
			rc = X710_AQ_RC_EINVAL;
			goto done;
		}
		memset(buf, 0, sizeof(buf));
		if (in_len && sim_dma_read(sim->dma, sim_aq_buf_addr(d), buf, in_len) != 0) {
			sim_log(sim, "AQ 0x%04x: buffer 0x%llx+%u not mapped", d->opcode,
				(unsigned long long)sim_aq_buf_addr(d), in_len);
			rc = X710_AQ_RC_EFAULT;
			goto done;
		}
	}
	if (f->id.vf < 0) {
		sim_fw_execute(sim, sim_func_pf(sim, f), d, buf, in_len, &out_len);
		rc = d->retval;
	} else if (d->opcode == X710_AQC_SEND_MSG_TO_PF) {
		int err = sim_mbx_vf_to_pf(sim, sim_func_vf(f), d, buf, in_len);

		rc = err == 0 ? X710_AQ_RC_OK : err == -E2BIG ? X710_AQ_RC_E2BIG
			: X710_AQ_RC_EAGAIN;
	} else {
		sim_log(sim, "VF AQ: opcode 0x%04x is not send_msg_to_pf", d->opcode);
		rc = X710_AQ_RC_ENOSYS;
	}
	if (out_len > 0 && (d->flags & X710_AQ_FLAG_BUF)) {
		uint16_t n = out_len < in_len ? out_len : in_len;

		if (n && sim_dma_write(sim->dma, sim_aq_buf_addr(d), buf, n) != 0)
			rc = X710_AQ_RC_EFAULT;
	}
done:
	d->retval = rc;
	d->flags |= X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP;
	if (rc != X710_AQ_RC_OK)
		d->flags |= X710_AQ_FLAG_ERR;
	return true;
}

static unsigned int atq_poll(struct x710sim *sim, struct sim_func *f)
{
	struct sim_aq_ring *r = &f->aq.atq;
	unsigned int done = 0;
	uint64_t base;
	uint32_t len, head, tail;

	if (!ring_params(f, r, &base, &len)) {
		r->stalled = false;
		return 0;
	}
	head = sim_reg_get(f, r->off.head) & X710_AQ_HT_MASK;
	tail = sim_reg_get(f, r->off.tail) & X710_AQ_HT_MASK;
	/* A hung command holds the ring until the driver re-initialises it
	 * (new base, or head/tail rewritten). */
	if (r->stalled) {
		if (head == r->stall_head && tail != head && base == r->stall_base)
			return 0;
		r->stalled = false;
	}
	if (head >= len || tail >= len)
		return 0;   /* hostile or mid-init: nothing is valid to process */
	while (head != tail) {
		struct x710_aq_desc d;
		uint64_t at = base + (uint64_t)head * X710_AQ_DESC_SIZE;

		if (sim_dma_read(sim->dma, at, &d, sizeof(d)) != 0) {
			sim_log(sim, "ATQ: descriptor %u at 0x%llx not mapped", head,
				(unsigned long long)at);
			break;
		}
		if (!run_one(sim, f, &d)) {
			r->stalled = true;
			r->stall_head = head;
			r->stall_base = base;
			break;
		}
		if (sim_dma_write(sim->dma, at, &d, sizeof(d)) != 0)
			break;
		head = (head + 1) % len;
		head_moved(f, r, head);
		done++;
		/* A reset run by the command may have disabled the ring. */
		if (!ring_params(f, r, &base, &len))
			break;
		tail = sim_reg_get(f, r->off.tail) & X710_AQ_HT_MASK;
	}
	return done;
}

unsigned int sim_aq_poll(struct x710sim *sim, struct sim_func *f)
{
	return atq_poll(sim, f);
}

int sim_aq_post(struct x710sim *sim, struct sim_func *f, const struct x710_aq_desc *ev,
		const void *buf, size_t len)
{
	struct sim_aq_ring *r = &f->aq.arq;
	struct x710_aq_desc slot, out;
	uint64_t base, at;
	uint32_t n, head, tail;

	if (!ring_params(f, r, &base, &n)) {
		f->aq.arq_dropped++;
		return -EAGAIN;
	}
	head = sim_reg_get(f, r->off.head) & X710_AQ_HT_MASK;
	tail = sim_reg_get(f, r->off.tail) & X710_AQ_HT_MASK;
	if (head >= n || tail >= n || head == tail) {
		/* No posted buffer: the ring overflowed (ARQLEN.OVFL). */
		sim_reg_set(f, r->off.len, sim_reg_get(f, r->off.len) | X710_AQLEN_OVFL_MASK);
		if (f->id.vf >= 0)
			sim_vf_aq_mirror(sim_func_vf(f));
		f->aq.arq_dropped++;
		return -ENOSPC;
	}
	at = base + (uint64_t)head * X710_AQ_DESC_SIZE;
	if (sim_dma_read(sim->dma, at, &slot, sizeof(slot)) != 0)
		return -EFAULT;
	out = *ev;
	if (len > 0) {
		if (!(slot.flags & X710_AQ_FLAG_BUF) || slot.datalen < len) {
			sim_log(sim, "ARQ: event 0x%04x of %zu bytes does not fit buffer of %u",
				ev->opcode, len, slot.datalen);
			f->aq.arq_dropped++;
			return -E2BIG;
		}
		if (sim_dma_write(sim->dma, sim_aq_buf_addr(&slot), buf, len) != 0)
			return -EFAULT;
		out.params.ext.addr_high = slot.params.ext.addr_high;
		out.params.ext.addr_low = slot.params.ext.addr_low;
	}
	out.datalen = (uint16_t)len;
	out.flags = (uint16_t)((ev->flags & X710_AQ_FLAG_ERR) | X710_AQ_FLAG_DD |
			       X710_AQ_FLAG_CMP | (slot.flags & (X710_AQ_FLAG_BUF | X710_AQ_FLAG_LB)));
	if (sim_dma_write(sim->dma, at, &out, sizeof(out)) != 0)
		return -EFAULT;
	head_moved(f, r, (head + 1) % n);
	return 0;
}

bool sim_aq_arq_consumed(struct sim_func *f)
{
	uint64_t base;
	uint32_t n;

	if (!ring_params(f, &f->aq.arq, &base, &n))
		return true;
	return ((sim_reg_get(f, f->aq.arq.off.tail) + 1) % n ==
		(sim_reg_get(f, f->aq.arq.off.head) & X710_AQ_HT_MASK));
}
