/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test fixture for the data path: a VSI table, rings in ordinary memory
 * (IOVA = pointer) and a driver stand-in that posts Tx descriptors and Rx
 * buffers the way iavf does (hdr_addr = pkt_addr).
 */
#ifndef SIM_DP_TEST_FIXTURE_H
#define SIM_DP_TEST_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim_datapath.h"
#include "x710/x710_desc.h"

#define FX_RING_MAX   512
#define FX_BUF_SIZE   2048

struct fx_txring {
	struct x710_tx_desc *ring;
	uint16_t qlen;
	uint16_t next;              /* next slot the fake driver fills */
	uint32_t tail;              /* the QTX_TAIL doorbell */
	uint8_t *bufs;              /* one FX_BUF_SIZE buffer per slot */
};

struct fx_rxring {
	struct x710_rx_desc_wb *ring;
	uint16_t qlen;
	uint32_t tail;              /* the QRX_TAIL doorbell */
	uint16_t dbuff;
	uint8_t *bufs;
};

struct fx {
	struct sim_vsi *vsis;
	struct sim_datapath *dp;
	const struct sim_dma_ops *dma;
	uint64_t clock_ns;          /* the fake host clock tests advance */
	unsigned int clock_reads;   /* how often the data path read it */
};

int fx_setup(struct fx *fx, unsigned int n_ports, const struct sim_dma_ops *dma);
void fx_teardown(struct fx *fx);

/* A VSI with one perfect filter for `mac` (any VLAN) and one queue. */
struct sim_vsi *fx_vsi(struct fx *fx, unsigned int num, unsigned int pf,
		       const uint8_t mac[6], uint16_t pf_queue);

int fx_txq(struct fx *fx, struct fx_txring *t, unsigned int pf, uint16_t pfq,
	   uint16_t vsi, uint16_t qlen);
/* Post `n` Rx buffers of `dbuff` bytes; the ring has qlen slots. */
int fx_rxq(struct fx *fx, struct fx_rxring *r, unsigned int pf, uint16_t pfq,
	   uint16_t vsi, uint16_t qlen, uint16_t dbuff, uint16_t rxmax, uint16_t n);
void fx_txring_free(struct fx_txring *t);
void fx_rxring_free(struct fx_rxring *r);

/* Write a data descriptor for `len` bytes of `data` at the next slot. */
uint16_t fx_tx_data(struct fx_txring *t, const void *data, size_t len, unsigned int cmd);
uint16_t fx_tx_context(struct fx_txring *t);
static inline void fx_tx_kick(struct fx_txring *t) { t->tail = t->next; }

/* An Ethernet frame: dst, src, ethertype 0x88B5 (local experimental), payload pattern. */
size_t fx_frame(uint8_t *buf, size_t len, const uint8_t dst[6], const uint8_t src[6]);

/* Rx write-back fields of slot i. */
uint64_t fx_rx_qw1(const struct fx_rxring *r, uint16_t i);
static inline bool fx_rx_dd(const struct fx_rxring *r, uint16_t i)
{
	return fx_rx_qw1(r, i) & X710_RXD_STATUS_DD;
}
static inline unsigned int fx_rx_len(const struct fx_rxring *r, uint16_t i)
{
	return (unsigned int)((fx_rx_qw1(r, i) & X710_RXD_QW1_LEN_PBUF_MASK) >>
			      X710_RXD_QW1_LEN_PBUF_SHIFT);
}
static inline uint8_t *fx_rx_buf(const struct fx_rxring *r, uint16_t i)
{
	return r->bufs + (size_t)i * r->dbuff;
}

/* The common two-VSI setup: VSI 1 (MAC A, PF queue 0) sends on `tx`, VSI 2
 * (MAC B, PF queue 1) receives on `rx` (qlen - 1 buffers of 2 KB), one port,
 * IOVA = address. NULL when memory runs out. */
struct fx_ab {
	struct fx fx;
	struct fx_txring tx;
	struct fx_rxring rx;
	struct sim_vsi *a, *b;
};

struct fx_ab *fx_ab_new(uint16_t qlen);
void fx_ab_free(struct fx_ab *ab);

extern const uint8_t fx_mac_a[6], fx_mac_b[6], fx_mac_c[6], fx_mac_bcast[6], fx_mac_mcast[6];

#endif /* SIM_DP_TEST_FIXTURE_H */
