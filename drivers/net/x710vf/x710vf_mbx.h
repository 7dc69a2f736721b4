/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The VF side of the X710 admin queue (ATQ to send to the PF, ARQ to
 * receive), x710-hardware.md §1.2-P2 and §2.1-§2.2. OS-free: it sees the VF
 * BAR0 as plain memory and its rings as one caller-provided DMA area, so
 * the unit test can run it against a fake PF without EAL.
 */
#ifndef X710VF_MBX_H
#define X710VF_MBX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x710/x710_adminq_defs.h"

#define X710VF_MBX_LEN      32      /* ring entries, as iavf (spec §1.2-P2) */
#define X710VF_MBX_BUF      4096    /* buffer per entry (spec §1.2-P2) */
/* One DMA area holds both rings and one buffer per ring entry. */
#define X710VF_MBX_RING_BYTES (X710VF_MBX_LEN * X710_AQ_DESC_SIZE)
#define X710VF_MBX_MEM_SIZE \
	(2 * X710VF_MBX_RING_BYTES + 2 * X710VF_MBX_LEN * X710VF_MBX_BUF)

struct x710vf_mbx {
	volatile uint8_t *bar0;
	struct x710_aq_desc *atq;
	struct x710_aq_desc *arq;
	uint8_t *atq_bufs;
	uint8_t *arq_bufs;
	uint64_t atq_iova, arq_iova, atq_bufs_iova, arq_bufs_iova;
	uint16_t atq_next;          /* next ATQ slot the driver fills */
	uint16_t arq_next;          /* next ARQ slot the driver reads */
	bool up;
};

/* A message taken from the ARQ; payload points into `buf` of the caller. */
struct x710vf_mbx_msg {
	uint32_t v_op;
	int32_t v_status;
	uint16_t len;
};

static inline uint32_t
x710vf_rd32(volatile uint8_t *bar0, uint32_t off)
{
	return *(volatile uint32_t *)(bar0 + off);
}

static inline void
x710vf_wr32(volatile uint8_t *bar0, uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(bar0 + off) = v;
}

/* Lay out `mem` (X710VF_MBX_MEM_SIZE bytes, IOVA-contiguous at `iova`) and
 * program both rings (disabled first: a previous owner may have left them
 * running). -EIO if the device keeps neither the base nor a zero head. */
int x710vf_mbx_init(struct x710vf_mbx *mbx, volatile uint8_t *bar0, void *mem, uint64_t iova);
/* Zero the AQ registers, as iavf does at close (spec §1.2 Close). */
void x710vf_mbx_shutdown(struct x710vf_mbx *mbx);
/* Still enabled? A VF reset or FLR clears the length registers (§2.3). */
bool x710vf_mbx_alive(const struct x710vf_mbx *mbx);
/* Post one virtchnl message to the PF. -EBUSY when the ring is full,
 * -EMSGSIZE when it does not fit a buffer. */
int x710vf_mbx_send(struct x710vf_mbx *mbx, uint32_t v_op, const void *msg, size_t len);
/* Take one message from the ARQ into buf (cap bytes). 1 = got one, 0 = none,
 * -EPROTO = a malformed descriptor, consumed and dropped. */
int x710vf_mbx_recv(struct x710vf_mbx *mbx, struct x710vf_mbx_msg *msg, void *buf, size_t cap);

#endif /* X710VF_MBX_H */
