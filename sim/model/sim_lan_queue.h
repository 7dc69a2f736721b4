/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boundary between the control model (HMC, QENA_REQ, VPLAN_QTABLE) and
 * the data path: when a LAN queue is enabled the control model decodes its
 * HMC context (x710-hardware.md §3.6) into one of these and hands it, with
 * the tail register the owner writes, to the data path.
 */
#ifndef SIM_LAN_QUEUE_H
#define SIM_LAN_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

/* Decoded LAN Tx queue context (128-byte HMC object). */
struct sim_txq_ctx {
	uint64_t base_iova;     /* ring address: ctx.base * 128 */
	uint16_t qlen;          /* descriptors in the ring */
	uint16_t head;          /* starting head */
	bool head_wb_ena;
	uint64_t head_wb_addr;
	uint16_t rdylist;       /* qs_handle of the VSI's TC */
};

/* Decoded LAN Rx queue context (32-byte HMC object). */
struct sim_rxq_ctx {
	uint64_t base_iova;     /* ring address: ctx.base * 128 */
	uint16_t qlen;
	uint16_t head;
	uint16_t dbuff_bytes;   /* ctx.dbuff * 128 */
	uint16_t hbuff_bytes;   /* ctx.hbuff * 64 */
	uint8_t dtype;          /* 0 = no header split */
	bool dsize_32;          /* 32-byte descriptors */
	bool crcstrip;
	uint8_t l2tsel;
	bool showiv;
	uint16_t rxmax;         /* largest frame accepted */
};

/*
 * Where a queue lives. The tail is the doorbell the owner writes: the VF's
 * QTX_TAIL1/QRX_TAIL1 in its BAR when QTX_CTL/VPLAN_QTABLE give the queue to
 * a VF, else the PF's QTX_TAIL/QRX_TAIL.
 */
struct sim_queue_binding {
	volatile uint32_t *tail;
	uint16_t pf;            /* port / PF index */
	uint16_t pf_queue;      /* PF-relative queue index */
	uint16_t vsi;           /* VSI number that owns the queue (switch port) */
	int16_t vf;             /* PF-relative VF id, -1 for the PF */
};

#endif /* SIM_LAN_QUEUE_H */
