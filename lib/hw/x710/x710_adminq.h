/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PF admin queue engine (spec §2.1, §3.1): ATQ/ARQ rings in DMA memory,
 * synchronous commands with a bounded wait, and ARQ events drained with
 * their buffers re-posted. One caller at a time per x710_hw.
 */
#ifndef X710_ADMINQ_H
#define X710_ADMINQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x710/x710_adminq_defs.h"
#include "x710_osdep.h"

struct x710_hw;

/* DPDK's PF uses 32 entries of 4 KB buffers (spec §3.1, I:i40e_ethdev.h). */
#define X710_AQ_DEFAULT_ENTRIES   32
#define X710_AQ_MAX_ENTRIES       1024   /* 10-bit head/tail */
#define X710_AQ_RING_ALIGN        4096   /* I40E_ADMINQ_DESC_ALIGNMENT */
/* i40e's ASQ timeout is 250 ms; a little slack for slow environments. */
#define X710_AQ_DEFAULT_TIMEOUT_US 250000u
#define X710_AQ_POLL_STEP_US      10

struct x710_aq_params {
	uint16_t entries;          /* both rings; 0 = default */
	uint16_t buf_size;         /* ARQ and command buffers; 0 = 4096 */
	uint32_t timeout_us;       /* per synchronous command; 0 = default */
	bool pf_reset;             /* PFGEN_CTRL.PFSWR before the rings */
};

/* The kept block holding both rings and every buffer (osdep dma_alloc_kept):
 * the device keeps its ARQ running across owners, so a successor adopts the
 * rings with the events the firmware posted meanwhile. */
#define X710_AQ_KEPT_NAME "aq"

struct x710_aq {
	bool up;
	bool adopted;              /* the last start resumed a running queue */
	uint16_t entries;
	uint16_t buf_size;
	uint32_t timeout_us;
	struct x710_dma atq_ring, arq_ring;
	struct x710_dma cmd_buf;   /* the indirect buffer of the command in flight */
	struct x710_dma arq_bufs[X710_AQ_MAX_ENTRIES];
	struct x710_dma kept;      /* the block the above are carved from, or none */
	uint16_t atq_ntu;          /* next ATQ slot to use */
	uint16_t arq_ntc;          /* next ARQ slot to clean */
};

/* One event taken from the ARQ. For 0x0801 (a VF message) retval holds the
 * absolute source VF id, cookie_high the virtchnl opcode (spec §2.2). */
struct x710_aq_event {
	struct x710_aq_desc desc;  /* as written by the firmware */
	uint16_t opcode;
	uint16_t flags;
	uint16_t retval;
	uint32_t cookie_high;
	uint32_t cookie_low;
	uint16_t msg_len;          /* bytes copied into msg */
	uint16_t full_len;         /* bytes the firmware wrote */
	uint8_t *msg;              /* caller's buffer */
	uint16_t msg_cap;
};

/* Rings in the kept block when the osdep keeps memory (else ordinary DMA
 * memory), reset and programmed afresh. */
int x710_aq_init(struct x710_hw *hw, const struct x710_aq_params *p);
/*
 * Take over the queue a previous owner left running: the kept block, the
 * device's ring bases and head/tail as they are, so events posted while no
 * owner ran are read next. When that cannot be done consistently (no kept
 * block, another layout, ring bases elsewhere, a command that never
 * completes) it logs why and falls back to x710_aq_init (aq.adopted false).
 */
int x710_aq_adopt(struct x710_hw *hw, const struct x710_aq_params *p);
/* Disable both rings and free their memory (a kept block for good). Safe on
 * a queue that is down. */
void x710_aq_shutdown(struct x710_hw *hw);
/* Let go for a successor: rings in a kept block keep running (the firmware
 * goes on posting into it); rings in ordinary memory are shut down. */
void x710_aq_detach(struct x710_hw *hw);

/*
 * Run one command: post *d (and `len` bytes of buf when buf != NULL; the
 * caller sets RD when the firmware reads the buffer), ring the tail, wait
 * for completion. *d gets the written-back descriptor and buf the returned
 * buffer. 0, the AQ return code as -errno (recorded in hw->aq_err),
 * -ETIMEDOUT, or -EINVAL / -ENETDOWN before posting.
 */
int x710_aq_send(struct x710_hw *hw, struct x710_aq_desc *d, void *buf, uint16_t len);

/*
 * Take the next ARQ event into *ev (ev->msg / msg_cap say where the payload
 * goes). 0 with an event, -EAGAIN when the ARQ is empty, -EMSGSIZE when the
 * payload was longer than msg_cap (the event is consumed, msg holds the
 * first msg_cap bytes), -EIO when the firmware wrote a length beyond the
 * posted buffer. *pending (if not NULL) = events still waiting.
 */
int x710_aq_event_get(struct x710_hw *hw, struct x710_aq_event *ev, unsigned int *pending);

/* A direct command descriptor for opcode (flags SI, as i40e does). */
void x710_aq_desc_init(struct x710_aq_desc *d, uint16_t opcode);

#endif /* X710_ADMINQ_H */
