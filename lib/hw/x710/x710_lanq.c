/* SPDX-License-Identifier: BSD-2-Clause */
/* VF LAN queue contexts and enable/disable (spec §3.6). */
#include <errno.h>
#include <string.h>

#include "x710_lanq.h"
#include "x710_vf.h"

static int vf_queue(struct x710_hw *hw, unsigned int vf, unsigned int qid, uint16_t *pfq)
{
	struct x710_vf *v = x710_vf_get(hw, vf);

	if (v == NULL)
		return -ENOENT;
	if (qid >= v->cfg.num_queues) {
		x710_log(&hw->os, X710_LOG_ERR, "VF %u: queue %u, the VF has %u", vf, qid,
			 v->cfg.num_queues);
		return -EINVAL;
	}
	*pfq = v->pfq[qid];
	return 0;
}

static int ring_ok(struct x710_hw *hw, unsigned int vf, unsigned int qid, const char *what,
		   uint64_t iova, uint16_t len, unsigned int mult)
{
	if (iova == 0 || iova % X710_RING_ALIGN != 0 || len == 0 || len % mult != 0 ||
	    len > X710_RING_LEN_MAX) {
		x710_log(&hw->os, X710_LOG_ERR,
			 "VF %u %s queue %u: ring 0x%llx of %u descriptors (need %u-byte aligned, multiple of %u, <= %u)",
			 vf, what, qid, (unsigned long long)iova, len, X710_RING_ALIGN, mult,
			 X710_RING_LEN_MAX);
		return -EINVAL;
	}
	return 0;
}

int x710_vf_config_txq(struct x710_hw *hw, unsigned int vf, unsigned int qid,
		       const struct x710_vf_txq_cfg *c)
{
	struct x710_txq_ctx ctx;
	uint16_t pfq;
	int err = vf_queue(hw, vf, qid, &pfq);

	if (err == 0)
		err = ring_ok(hw, vf, qid, "Tx", c->ring_iova, c->ring_len, X710_TXQ_LEN_MULT);
	if (err)
		return err;
	memset(&ctx, 0, sizeof(ctx));
	ctx.new_context = 1;
	ctx.base = c->ring_iova / X710_QCTX_BASE_UNIT;
	ctx.qlen = c->ring_len;
	ctx.rdylist = hw->vfs[vf].qs_handle;
	ctx.head_wb_ena = c->head_wb;
	ctx.head_wb_addr = c->head_wb ? c->head_wb_iova : 0;
	err = x710_hmc_clear_txq_ctx(hw, pfq);
	if (err == 0)
		err = x710_hmc_set_txq_ctx(hw, pfq, &ctx);
	if (err)
		return err;
	/* The queue belongs to a VF, named by its absolute id (spec §0 #10). */
	x710_wr32(&hw->os, X710_QTX_CTL(pfq),
		  X710_QTX_CTL_PFVF_Q_VF |
		  ((hw->pf_id << X710_QTX_CTL_PF_INDX_SHIFT) & X710_QTX_CTL_PF_INDX_MASK) |
		  (((uint32_t)hw->vfs[vf].abs_id << X710_QTX_CTL_VFVM_INDX_SHIFT) &
		   X710_QTX_CTL_VFVM_INDX_MASK));
	x710_flush(&hw->os);
	return 0;
}

int x710_vf_config_rxq(struct x710_hw *hw, unsigned int vf, unsigned int qid,
		       const struct x710_vf_rxq_cfg *c)
{
	struct x710_rxq_ctx ctx;
	uint16_t pfq;
	int err = vf_queue(hw, vf, qid, &pfq);

	if (err == 0)
		err = ring_ok(hw, vf, qid, "Rx", c->ring_iova, c->ring_len, X710_RXQ_LEN_MULT);
	if (err)
		return err;
	if (c->databuffer_size == 0 || c->databuffer_size > X710_RX_DBUFF_MAX ||
	    c->databuffer_size % X710_QCTX_BASE_UNIT != 0 ||
	    c->max_pkt_size < X710_RX_MAX_PKT_MIN || c->max_pkt_size > X710_RX_MAX_PKT_MAX) {
		x710_log(&hw->os, X710_LOG_ERR,
			 "VF %u Rx queue %u: buffer %u bytes (128..%u, multiple of 128), max packet %u (%u..%u)",
			 vf, qid, c->databuffer_size, X710_RX_DBUFF_MAX, c->max_pkt_size,
			 X710_RX_MAX_PKT_MIN, X710_RX_MAX_PKT_MAX);
		return -EINVAL;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.base = c->ring_iova / X710_QCTX_BASE_UNIT;
	ctx.qlen = c->ring_len;
	ctx.dbuff = (uint8_t)(c->databuffer_size / X710_QCTX_BASE_UNIT);
	ctx.dsize = 1;                /* 32-byte descriptors (spec §1.2) */
	ctx.crcstrip = c->crc_strip;
	ctx.l2tsel = 1;
	ctx.rxmax = (uint16_t)c->max_pkt_size;
	ctx.prefena = 1;
	ctx.lrxqthresh = X710_RX_LRXQTHRESH;
	err = x710_hmc_clear_rxq_ctx(hw, pfq);
	if (err == 0)
		err = x710_hmc_set_rxq_ctx(hw, pfq, &ctx);
	return err;
}

static bool ena_settled(uint32_t v)
{
	return !(v & X710_QENA_REQ_MASK) == !(v & X710_QENA_STAT_MASK);
}

/* Wait until REQ and STAT agree (no transition in flight). */
static int wait_settled(struct x710_hw *hw, uint32_t off)
{
	for (unsigned int i = 0; i <= X710_QENA_POLL_TRIES; i++) {
		if (ena_settled(x710_rd32(&hw->os, off)))
			return 0;
		x710_delay_us(&hw->os, X710_QENA_POLL_STEP_US);
	}
	return -ETIMEDOUT;
}

/* The Tx pre-scheduler disable/enable for an absolute queue (spec §3.6). */
static void txpre_qdis(struct x710_hw *hw, unsigned int pfq, bool enable)
{
	unsigned int absq = hw->caps.base_queue + pfq;

	x710_wr32(&hw->os, X710_GLLAN_TXPRE_QDIS(absq / X710_GLLAN_TXPRE_QDIS_QUEUES),
		  (absq % X710_GLLAN_TXPRE_QDIS_QUEUES) |
		  (enable ? X710_GLLAN_TXPRE_QDIS_CLEAR_QDIS_MASK
			  : X710_GLLAN_TXPRE_QDIS_SET_QDIS_MASK));
	x710_delay_us(&hw->os, X710_TXPRE_QDIS_WAIT_US);
}

int x710_lanq_switch(struct x710_hw *hw, unsigned int pfq, bool tx, bool enable)
{
	uint32_t off = tx ? X710_QTX_ENA(pfq) : X710_QRX_ENA(pfq);
	uint32_t v;
	int err;

	if (pfq >= hw->qalloc.count)
		return -EINVAL;
	if (tx)
		txpre_qdis(hw, pfq, enable);
	err = wait_settled(hw, off);
	if (err == 0) {
		v = x710_rd32(&hw->os, off);
		if (!!(v & X710_QENA_STAT_MASK) == enable)
			return 0;
		if (tx && enable)
			x710_wr32(&hw->os, X710_QTX_HEAD(pfq), 0);
		v = enable ? v | X710_QENA_REQ_MASK : v & ~X710_QENA_REQ_MASK;
		x710_wr32(&hw->os, off, v);
		err = x710_poll_reg(&hw->os, off, X710_QENA_STAT_MASK,
				    enable ? X710_QENA_STAT_MASK : 0, X710_QENA_POLL_STEP_US,
				    X710_QENA_POLL_TRIES, &v);
	}
	if (err)
		x710_log(&hw->os, X710_LOG_ERR, "PF queue %u %s: %s did not settle (0x%08x)", pfq,
			 tx ? "Tx" : "Rx", enable ? "enable" : "disable", x710_rd32(&hw->os, off));
	return err;
}

int x710_vf_queue_switch(struct x710_hw *hw, unsigned int vf, unsigned int qid, bool tx,
			 bool enable)
{
	uint16_t pfq;
	int err = vf_queue(hw, vf, qid, &pfq);

	return err ? err : x710_lanq_switch(hw, pfq, tx, enable);
}

int x710_vf_queues_disable(struct x710_hw *hw, unsigned int vf)
{
	struct x710_vf *v = &hw->vfs[vf];
	int first = 0;

	for (unsigned int pass = 0; pass < 2; pass++) {
		for (unsigned int i = 0; i < v->cfg.num_queues; i++) {
			int err = x710_lanq_switch(hw, v->pfq[i], pass == 0, false);

			if (err && first == 0)
				first = err;
		}
	}
	return first;
}
