/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test helpers for the LAN side of the model as a PF driver sets it up:
 * HMC segment descriptors and LAN queue contexts written at their bit
 * positions (x710-hardware.md §3.6), and one running Tx/Rx queue pair of a
 * PF's main VSI with rings in test memory. Test code, never in libx710sim.
 */
#ifndef SIM_TEST_PF_LAN_H
#define SIM_TEST_PF_LAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim_test_fixture.h"

#define FX_HMC_SD_SIZE   (2u << 20)   /* one direct segment descriptor */
#define FX_LAN_QLEN      64
#define FX_LAN_BUF       2048

/* Little-endian bit field of an HMC context object. */
void fx_set_bits(uint8_t *obj, unsigned int lsb, unsigned int width, uint64_t v);
/* Program SD `idx` of PF `pf` (direct 2 MB page or a PD page). */
void fx_program_sd(struct fx *fx, unsigned int pf, unsigned int idx, uint64_t pa, bool direct);
/* The 128-byte Tx / 32-byte Rx context (legacy 32 B descriptors, CRC strip,
 * 2 KiB buffers, rxmax 1518) of a ring of qlen descriptors. */
void fx_write_tx_ctx(uint8_t *obj, uint64_t ring, unsigned int qlen);
void fx_write_rx_ctx(uint8_t *obj, uint64_t ring, unsigned int qlen);

/* PF `pf`'s main VSI owning PF queue pair `q`, both running. */
struct fx_pf_lan {
	struct fx *fx;
	unsigned int pf, q;
	uint8_t *hmc, *tx_ring, *rx_ring, *tx_bufs, *rx_bufs;
	uint16_t tx_next, rx_next;
};

/* HMC, contexts, QTX_CTL, QENA, update_vsi of the main VSI's queue map
 * (through `aq`, the PF's admin queue) and Rx buffers posted. */
void fx_pf_lan_setup(struct fx_pf_lan *l, struct fx_aq *aq, unsigned int q);
void fx_pf_lan_teardown(struct fx_pf_lan *l);
/* Put one frame on the Tx ring (one data descriptor, EOP | RS), ring the
 * tail and poll the model once. */
void fx_pf_lan_send(struct fx_pf_lan *l, const void *frame, uint16_t len);
/* The next received frame copied into buf: its length, or -EAGAIN. */
int fx_pf_lan_recv(struct fx_pf_lan *l, void *buf, size_t cap);

#endif /* SIM_TEST_PF_LAN_H */
