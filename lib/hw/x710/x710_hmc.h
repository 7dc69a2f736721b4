/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Host Memory Cache for LAN queue contexts (spec §3.6): one direct-mode
 * segment descriptor backed by a 2 MB DMA block holding the PF's Tx (128 B)
 * and Rx (32 B) context objects, and the bit-field packing of those objects.
 */
#ifndef X710_HMC_H
#define X710_HMC_H

#include <stdbool.h>
#include <stdint.h>

#include "x710_osdep.h"

struct x710_hw;

struct x710_hmc {
	bool up;
	bool kept;                   /* sd is a kept block: it outlives this process */
	struct x710_dma sd;          /* the 2 MB direct page, SD index 0 */
	uint32_t tx_cnt, rx_cnt;
	uint64_t tx_base, rx_base;   /* FPM byte offsets */
};

/* Tx queue context fields (spec §3.6, B:i40e_lan_hmc.c). */
struct x710_txq_ctx {
	uint16_t head;
	uint8_t new_context;
	uint64_t base;               /* ring IOVA / 128 */
	uint8_t fc_ena, timesync_ena, fd_ena, alt_vlan_ena;
	uint8_t cpuid;
	uint16_t thead_wb;
	uint8_t head_wb_ena;
	uint16_t qlen;
	uint8_t tphrdesc_ena, tphrpacket_ena, tphwdesc_ena;
	uint64_t head_wb_addr;
	uint32_t crc;
	uint16_t rdylist;            /* the VSI's qs_handle for the queue's TC */
	uint8_t rdylist_act;
};

/* Rx queue context fields (spec §3.6). */
struct x710_rxq_ctx {
	uint16_t head;
	uint8_t cpuid;
	uint64_t base;               /* ring IOVA / 128 */
	uint16_t qlen;
	uint8_t dbuff;               /* 128-byte units */
	uint8_t hbuff;               /* 64-byte units */
	uint8_t dtype, dsize, crcstrip, fc_ena, l2tsel;
	uint8_t hsplit_0, hsplit_1, showiv;
	uint16_t rxmax;
	uint8_t tphrdesc_ena, tphwdesc_ena, tphdata_ena, tphhead_ena;
	uint8_t lrxqthresh, prefena;
};

#define X710_HMC_TXQ_CTX_SIZE   (1u << X710_HMC_LAN_TX_OBJ_LOG2)
#define X710_HMC_RXQ_CTX_SIZE   (1u << X710_HMC_LAN_RX_OBJ_LOG2)
#define X710_QCTX_BASE_UNIT     128   /* base fields count 128-byte units */

/* Program the HMC for tx_cnt/rx_cnt PF queues. 0, -EIO (device objects not
 * 128/32 B), -ERANGE (more queues than LANQMAX or than one SD holds),
 * -ENOMEM. */
int x710_hmc_init(struct x710_hw *hw, uint32_t tx_cnt, uint32_t rx_cnt);
void x710_hmc_shutdown(struct x710_hw *hw);
/* Name of the kept DMA block behind SD 0 (osdep dma_alloc_kept). */
#define X710_HMC_KEPT_NAME "hmc"
/* Take over the HMC a previous owner programmed, writing nothing: the kept
 * block must come back at the IOVA SD 0 was given and the FPM layout is
 * read from GLHMC_LAN*. -ENOTSUP (no kept memory), -ENOENT (no block kept),
 * -ESTALE (the block is not the one the device uses), -EIO. */
int x710_hmc_adopt(struct x710_hw *hw);
/* Forget the HMC without touching the device or the kept block (detach). */
void x710_hmc_detach(struct x710_hw *hw);

/* Zero / write the context object of PF-relative queue q. 0 or -ERANGE,
 * -ENETDOWN before x710_hmc_init. */
int x710_hmc_clear_txq_ctx(struct x710_hw *hw, unsigned int q);
int x710_hmc_clear_rxq_ctx(struct x710_hw *hw, unsigned int q);
int x710_hmc_set_txq_ctx(struct x710_hw *hw, unsigned int q, const struct x710_txq_ctx *c);
int x710_hmc_set_rxq_ctx(struct x710_hw *hw, unsigned int q, const struct x710_rxq_ctx *c);

/* Pack into / unpack from a context object (exposed for tests). */
void x710_txq_ctx_pack(const struct x710_txq_ctx *c, uint8_t obj[X710_HMC_TXQ_CTX_SIZE]);
void x710_rxq_ctx_pack(const struct x710_rxq_ctx *c, uint8_t obj[X710_HMC_RXQ_CTX_SIZE]);
void x710_txq_ctx_unpack(const uint8_t obj[X710_HMC_TXQ_CTX_SIZE], struct x710_txq_ctx *c);
void x710_rxq_ctx_unpack(const uint8_t obj[X710_HMC_RXQ_CTX_SIZE], struct x710_rxq_ctx *c);

#endif /* X710_HMC_H */
