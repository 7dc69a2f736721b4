/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fake PF + device for the mailbox and virtchnl unit tests: it owns a
 * VF BAR0 in plain memory and, when stepped, consumes the VF's ATQ and
 * posts replies to its ARQ the way the model does (x710-hardware.md §2.1).
 * DMA addresses are the test process's own pointers.
 */
#ifndef X710VF_FAKE_PF_H
#define X710VF_FAKE_PF_H

#include <stddef.h>
#include <stdint.h>

#include "x710/x710_adminq_defs.h"
#include "x710vf_mbx.h"

#define FAKE_BAR0_SIZE 0x10000
#define FAKE_MAX_MSG   4096

struct fake_pf;
/* Decide the reply to one VF message: fill reply/len/status, return 1 to
 * send it, 0 to stay silent. */
typedef int (*fake_pf_answer_fn)(struct fake_pf *pf, uint32_t v_op, const uint8_t *msg,
				 uint16_t len, uint8_t *reply, uint16_t *reply_len,
				 int32_t *status);

struct fake_pf {
	uint8_t bar0[FAKE_BAR0_SIZE] __attribute__((aligned(64)));
	fake_pf_answer_fn answer;
	void *ctx;
	unsigned int received;          /* messages taken from the ATQ */
	uint32_t last_op;
	uint16_t last_len;
	uint16_t last_flags;
	uint8_t last_msg[FAKE_MAX_MSG];
	void *mbx_mem;                  /* the VF's DMA area, IOVA = address */
};

void fake_pf_init(struct fake_pf *pf, fake_pf_answer_fn answer, void *ctx);
/* Give the VF mailbox its DMA area and bring it up on this fake BAR0. */
int fake_pf_attach(struct fake_pf *pf, struct x710vf_mbx *mbx);
void fake_pf_fini(struct fake_pf *pf);
/* Process the whole ATQ, answering each message. */
void fake_pf_step(struct fake_pf *pf);
/* Post one message to the VF's ARQ; -1 if no buffer is posted. */
int fake_pf_post(struct fake_pf *pf, uint16_t aq_opcode, uint16_t flags, uint32_t v_op,
		 int32_t status, const void *msg, uint16_t len);
uint32_t fake_pf_rd(const struct fake_pf *pf, uint32_t off);
void fake_pf_wr(struct fake_pf *pf, uint32_t off, uint32_t v);

#endif /* X710VF_FAKE_PF_H */
