/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VF admin queue rings (x710-hardware.md §2.1 ring protocol, §2.2 message
 * path). The driver owns the ATQ tail and ARQ tail; the device owns both
 * heads. Everything the device wrote back is checked before use.
 */
#include <errno.h>
#include <string.h>

#include "x710/x710_regs.h"
#include "x710vf_mbx.h"

/* Descriptors and buffers in memory must be visible before a doorbell. */
static inline void
doorbell_fence(void)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static void
set_addr(struct x710_aq_desc *d, uint64_t iova)
{
	d->params.ext.addr_high = (uint32_t)(iova >> 32);
	d->params.ext.addr_low = (uint32_t)iova;
}

/* Give ARQ slot i its buffer back (spec §1.2-P2: BUF|LB, datalen = size). */
static void
arq_post(struct x710vf_mbx *mbx, uint16_t i)
{
	struct x710_aq_desc *d = &mbx->arq[i];

	memset(d, 0, sizeof(*d));
	d->flags = X710_AQ_FLAG_BUF | (X710VF_MBX_BUF > X710_AQ_LARGE_BUF ? X710_AQ_FLAG_LB : 0);
	d->datalen = X710VF_MBX_BUF;
	set_addr(d, mbx->arq_bufs_iova + (uint64_t)i * X710VF_MBX_BUF);
}

/* Re-programming can race a device still walking a ring a previous owner
 * left enabled (it crashed, or exited without x710vf_mbx_shutdown): the
 * device may write the old head back after ours. Disabling first stops
 * it; the check afterwards catches a write already in flight. */
#define RING_PROGRAM_TRIES 3

/* Program one ring: disabled, head/tail 0, length|enable, base; true when
 * the device reads back the base and a zero head. */
static bool
ring_program(volatile uint8_t *bar0, uint32_t h, uint32_t t, uint32_t len,
	     uint32_t bal, uint32_t bah, uint64_t iova)
{
	x710vf_wr32(bar0, len, 0);
	x710vf_wr32(bar0, h, 0);
	x710vf_wr32(bar0, t, 0);
	x710vf_wr32(bar0, len, X710VF_MBX_LEN | X710_AQLEN_ENABLE_MASK);
	x710vf_wr32(bar0, bal, (uint32_t)iova);
	x710vf_wr32(bar0, bah, (uint32_t)(iova >> 32));
	return x710vf_rd32(bar0, bal) == (uint32_t)iova &&
	       (x710vf_rd32(bar0, h) & X710_AQ_HT_MASK) == 0;
}

static int
ring_program_retry(volatile uint8_t *bar0, uint32_t h, uint32_t t, uint32_t len,
		   uint32_t bal, uint32_t bah, uint64_t iova)
{
	for (int i = 0; i < RING_PROGRAM_TRIES; i++)
		if (ring_program(bar0, h, t, len, bal, bah, iova))
			return 0;
	return -EIO;
}

int
x710vf_mbx_init(struct x710vf_mbx *mbx, volatile uint8_t *bar0, void *mem, uint64_t iova)
{
	uint8_t *p = mem;

	memset(mbx, 0, sizeof(*mbx));
	memset(mem, 0, X710VF_MBX_MEM_SIZE);
	mbx->bar0 = bar0;
	mbx->atq = (struct x710_aq_desc *)p;
	mbx->atq_iova = iova;
	mbx->arq = (struct x710_aq_desc *)(p + X710VF_MBX_RING_BYTES);
	mbx->arq_iova = iova + X710VF_MBX_RING_BYTES;
	mbx->atq_bufs = p + 2 * X710VF_MBX_RING_BYTES;
	mbx->atq_bufs_iova = iova + 2 * X710VF_MBX_RING_BYTES;
	mbx->arq_bufs = mbx->atq_bufs + X710VF_MBX_LEN * X710VF_MBX_BUF;
	mbx->arq_bufs_iova = mbx->atq_bufs_iova + X710VF_MBX_LEN * X710VF_MBX_BUF;

	for (uint16_t i = 0; i < X710VF_MBX_LEN; i++)
		arq_post(mbx, i);
	doorbell_fence();
	if (ring_program_retry(bar0, X710_VF_ATQH1, X710_VF_ATQT1, X710_VF_ATQLEN1,
			       X710_VF_ATQBAL1, X710_VF_ATQBAH1, mbx->atq_iova) != 0)
		return -EIO;
	if (ring_program_retry(bar0, X710_VF_ARQH1, X710_VF_ARQT1, X710_VF_ARQLEN1,
			       X710_VF_ARQBAL1, X710_VF_ARQBAH1, mbx->arq_iova) != 0) {
		x710vf_mbx_shutdown(mbx);
		return -EIO;
	}
	/* All buffers but one posted: head == tail means "none" (§2.1). */
	x710vf_wr32(bar0, X710_VF_ARQT1, X710VF_MBX_LEN - 1);
	mbx->up = true;
	return 0;
}

void
x710vf_mbx_shutdown(struct x710vf_mbx *mbx)
{
	static const uint32_t regs[] = {
		X710_VF_ATQLEN1, X710_VF_ATQBAL1, X710_VF_ATQBAH1, X710_VF_ATQH1, X710_VF_ATQT1,
		X710_VF_ARQLEN1, X710_VF_ARQBAL1, X710_VF_ARQBAH1, X710_VF_ARQH1, X710_VF_ARQT1,
	};

	if (mbx->bar0 == NULL)
		return;
	for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++)
		x710vf_wr32(mbx->bar0, regs[i], 0);
	mbx->up = false;
}

bool
x710vf_mbx_alive(const struct x710vf_mbx *mbx)
{
	if (!mbx->up)
		return false;
	uint32_t t = x710vf_rd32(mbx->bar0, X710_VF_ATQLEN1);
	uint32_t r = x710vf_rd32(mbx->bar0, X710_VF_ARQLEN1);
	return (t & X710_AQLEN_ENABLE_MASK) && (r & X710_AQLEN_ENABLE_MASK);
}

int
x710vf_mbx_send(struct x710vf_mbx *mbx, uint32_t v_op, const void *msg, size_t len)
{
	if (!mbx->up)
		return -ENODEV;
	if (len > X710VF_MBX_BUF)
		return -EMSGSIZE;
	uint32_t head = x710vf_rd32(mbx->bar0, X710_VF_ATQH1) & X710_AQ_HT_MASK;
	if (head >= X710VF_MBX_LEN)
		return -EIO;            /* the device reports a head outside the ring */
	uint16_t i = mbx->atq_next;
	uint16_t next = (uint16_t)((i + 1) % X710VF_MBX_LEN);
	if (next == head)
		return -EBUSY;          /* the device has not consumed enough yet */

	struct x710_aq_desc *d = &mbx->atq[i];
	memset(d, 0, sizeof(*d));
	d->opcode = X710_AQC_SEND_MSG_TO_PF;
	d->flags = X710_AQ_FLAG_SI;
	d->cookie_high = v_op;
	d->datalen = (uint16_t)len;
	if (len > 0) {
		uint8_t *buf = mbx->atq_bufs + (size_t)i * X710VF_MBX_BUF;
		memcpy(buf, msg, len);
		d->flags |= X710_AQ_FLAG_BUF | X710_AQ_FLAG_RD;
		if (len > X710_AQ_LARGE_BUF)
			d->flags |= X710_AQ_FLAG_LB;
		set_addr(d, mbx->atq_bufs_iova + (uint64_t)i * X710VF_MBX_BUF);
	}
	mbx->atq_next = next;
	doorbell_fence();
	x710vf_wr32(mbx->bar0, X710_VF_ATQT1, next);
	return 0;
}

int
x710vf_mbx_recv(struct x710vf_mbx *mbx, struct x710vf_mbx_msg *msg, void *buf, size_t cap)
{
	if (!mbx->up)
		return -ENODEV;
	uint32_t head = x710vf_rd32(mbx->bar0, X710_VF_ARQH1) & X710_AQ_HT_MASK;
	if (head >= X710VF_MBX_LEN)
		return -EIO;
	if (head == mbx->arq_next)
		return 0;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);   /* descriptor after head */

	uint16_t i = mbx->arq_next;
	struct x710_aq_desc d;
	memcpy(&d, &mbx->arq[i], sizeof(d));
	int rc = 1;
	/* The device's word is checked: a completed 0x0802 without ERR whose
	 * length fits the buffer we posted (spec §0 #3, §2.1). */
	if (!(d.flags & X710_AQ_FLAG_DD) || (d.flags & X710_AQ_FLAG_ERR) ||
	    d.opcode != X710_AQC_SEND_MSG_TO_VF || d.datalen > X710VF_MBX_BUF ||
	    d.datalen > cap) {
		rc = -EPROTO;
	} else {
		msg->v_op = d.cookie_high;
		msg->v_status = (int32_t)d.cookie_low;
		msg->len = d.datalen;
		if (d.datalen > 0)
			memcpy(buf, mbx->arq_bufs + (size_t)i * X710VF_MBX_BUF, d.datalen);
	}
	arq_post(mbx, i);
	mbx->arq_next = (uint16_t)((i + 1) % X710VF_MBX_LEN);
	doorbell_fence();
	x710vf_wr32(mbx->bar0, X710_VF_ARQT1, i);
	return rc;
}
