/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_fake_hw: a vc_hw_ops implementation for the tests and the fuzzer. It
 * records every call (per op and per VF), the messages sent to the VFs, and
 * keeps a tiny model of what the hardware would hold (filters, promisc,
 * enabled queues) so that invariants can be checked against it.
 */
#ifndef VC_FAKE_HW_H
#define VC_FAKE_HW_H

#include "vc_host.h"

#define FAKE_MAX_VFS 8
#define FAKE_MAX_SENDS 32
#define FAKE_SEND_BYTES 128

enum fake_op {
	F_SEND, F_RESET, F_TXQ, F_RXQ, F_IRQ, F_SWITCH, F_MAC, F_VLAN, F_PROMISC, F_STRIP,
	F_STATS, F_KEY, F_LUT, F_HENA, F_LINK, F_VSI, F_OP_COUNT
};

struct fake_send {
	uint16_t vf;
	uint32_t op;
	int32_t status;
	uint16_t len;
	uint8_t buf[FAKE_SEND_BYTES];
};

struct fake_hw_vf {
	int macs, vlans;              /* filters added through the ops */
	bool promisc_uc, promisc_mc;
	uint16_t rx_enabled, tx_enabled;
};

struct fake_hw {
	unsigned calls[F_OP_COUNT];
	unsigned calls_vf[FAKE_MAX_VFS][F_OP_COUNT];
	int fail[F_OP_COUNT];         /* non-zero: that op returns it */
	unsigned fail_on_call[F_OP_COUNT]; /* n > 0: the n-th call (since clear) returns -EIO */
	unsigned n_sends;             /* total; the first FAKE_MAX_SENDS are kept */
	struct fake_send sends[FAKE_MAX_SENDS];
	uint16_t vsi_base;            /* VF k's VSI id is vsi_base + k */
	struct vc_link link;
	struct fake_hw_vf vf[FAKE_MAX_VFS];
	/* last arguments */
	uint8_t last_mac[6];
	bool last_add, last_enable, last_uc, last_mc;
	uint16_t last_vid, last_vector, last_rxmap, last_txmap, last_queue;
	struct vc_txq_params last_txq;
	struct vc_rxq_params last_rxq;
	uint64_t last_hena;
	uint16_t last_len;
};

extern const struct vc_hw_ops fake_hw_ops;

void fake_hw_init(struct fake_hw *f);
/* Forget recorded calls and sends (the model and failures stay). */
void fake_hw_clear_log(struct fake_hw *f);
/* Sends with this v_opcode (events: VIRTCHNL_OP_EVENT). */
unsigned fake_hw_count_sends(const struct fake_hw *f, uint32_t op);
/* The last send with this opcode, or NULL. */
const struct fake_send *fake_hw_last_send(const struct fake_hw *f, uint32_t op);

#endif /* VC_FAKE_HW_H */
