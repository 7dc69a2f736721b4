/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * LAN queues of a VF (spec §3.6): configure a queue's HMC context (and
 * QTX_CTL for Tx), enable or disable it with a bounded wait on QENA_STAT.
 * qid is the VF's queue index; the PF queue behind it comes from the VF.
 */
#ifndef X710_LANQ_H
#define X710_LANQ_H

#include <stdbool.h>
#include <stdint.h>

#include "x710_hw.h"

/* Ring limits (spec §3.6, Linux checks): qlen 13 bits. */
#define X710_RING_ALIGN        128
#define X710_TXQ_LEN_MULT      8
#define X710_RXQ_LEN_MULT      32
#define X710_RING_LEN_MAX      8160
#define X710_RX_DBUFF_MAX      0x3F80   /* 16 K - 128 (ixl) */
#define X710_RX_MAX_PKT_MIN    64
#define X710_RX_MAX_PKT_MAX    0x3FFF
#define X710_RX_LRXQTHRESH     2        /* DPDK's value */
/* QENA: i40e polls up to 1000 x (10..20 us) after the request. */
#define X710_QENA_POLL_STEP_US 10
#define X710_QENA_POLL_TRIES   1000
#define X710_TXPRE_QDIS_WAIT_US 10

struct x710_vf_txq_cfg {
	uint64_t ring_iova;
	uint16_t ring_len;
	bool head_wb;
	uint64_t head_wb_iova;
};

struct x710_vf_rxq_cfg {
	uint64_t ring_iova;
	uint16_t ring_len;
	uint32_t databuffer_size;      /* bytes, multiple of 128 */
	uint32_t max_pkt_size;
	bool crc_strip;
};

int x710_vf_config_txq(struct x710_hw *hw, unsigned int vf, unsigned int qid,
		       const struct x710_vf_txq_cfg *c);
int x710_vf_config_rxq(struct x710_hw *hw, unsigned int vf, unsigned int qid,
		       const struct x710_vf_rxq_cfg *c);
/* Enable/disable one VF queue. 0, -EINVAL, -ETIMEDOUT. */
int x710_vf_queue_switch(struct x710_hw *hw, unsigned int vf, unsigned int qid, bool tx,
			 bool enable);
/* Every queue of the VF off (Tx first, as enabling is Rx first). */
int x710_vf_queues_disable(struct x710_hw *hw, unsigned int vf);
/* Enable/disable a PF queue by PF-relative index. */
int x710_lanq_switch(struct x710_hw *hw, unsigned int pfq, bool tx, bool enable);

#endif /* X710_LANQ_H */
