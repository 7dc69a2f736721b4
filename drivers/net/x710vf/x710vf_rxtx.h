/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * net_x710vf queues and burst functions. A queue is touched by one data
 * path thread only; nothing here locks or allocates per packet. Descriptor
 * formats: x710/x710_desc.h (x710-hardware.md §4).
 */
#ifndef X710VF_RXTX_H
#define X710VF_RXTX_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "x710/x710_desc.h"

#define X710VF_RING_ALIGN      128     /* ring base is given in 128 B units (spec §3.6) */
#define X710VF_RING_MIN        64
#define X710VF_RING_MAX        4096
#define X710VF_RX_RING_MULT    32      /* Linux PF: Rx ring_len multiple of 32 (spec §3.6) */
#define X710VF_TX_RING_MULT    32      /* and a whole number of RS batches */
#define X710VF_RX_FREE_THRESH  32      /* rearm batch, as iavf (spec §1.3, §5) */
#define X710VF_TX_RS_THRESH    32      /* RS every 32 descriptors (spec §1.3, §5) */
#define X710VF_RX_BUF_UNIT     128     /* rx.dbuff is in 128 B units (spec §3.6) */
#define X710VF_RX_BUF_MAX      (16384 - 128)
#define X710VF_VEC_BURST       32      /* vector Rx handles bursts of up to this */

struct rte_eth_dev;

/* The 8 bytes data_off/refcnt/nb_segs/port as one word (rte_mbuf rearm_data). */
#define X710VF_MBUF_REARM(m) ((uint64_t *)RTE_PTR_ADD((m), offsetof(struct rte_mbuf, rearm_data)))

struct x710vf_rx_queue {
	volatile struct x710_rx_desc_wb *ring;
	struct rte_mbuf **sw_ring;
	volatile uint32_t *tail;
	struct rte_mempool *mp;
	uint16_t nb_desc;
	uint16_t mask;
	uint16_t next;                  /* next descriptor to read */
	uint16_t nb_held;               /* consumed, not yet rearmed (behind next) */
	uint16_t free_thresh;
	uint16_t port_id;
	uint16_t queue_id;
	uint8_t crc_len;
	bool started;
	bool deferred;                  /* rx_deferred_start */
	uint64_t mbuf_init;             /* refcnt/nb_segs/port/data_off template */
	struct rte_mbuf *seg_first;     /* multi-buffer frame in progress */
	struct rte_mbuf *seg_last;
	uint64_t offloads;
	uint32_t buf_len;
	/* Counters owned by the data path thread. */
	uint64_t packets, bytes, errors, alloc_failed;
	const struct rte_memzone *mz;
	uint64_t ring_iova;
};

struct x710vf_tx_queue {
	volatile struct x710_tx_desc *ring;
	struct rte_mbuf **sw_ring;      /* one segment per slot */
	volatile uint32_t *tail;
	uint16_t nb_desc;
	uint16_t mask;
	uint16_t next;                  /* next slot to fill */
	uint16_t nb_free;
	uint16_t next_dd;               /* last slot of the next batch to free (report: rs_at) */
	uint16_t rs_thresh;
	uint16_t port_id;
	uint16_t queue_id;
	bool started;
	bool deferred;
	bool fast_free;                 /* RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE */
	uint64_t offloads;
	uint64_t packets, bytes;
	const struct rte_memzone *mz;
	uint64_t ring_iova;
	/* Where batch b's completion is reported: the EOP descriptor of the
	 * packet that holds slot b * rs_thresh + rs_thresh - 1 (RS goes only
	 * with EOP, as i40e and iavf set it); that slot itself for
	 * single-descriptor packets. */
	uint16_t rs_at[X710VF_RING_MAX / X710VF_TX_RS_THRESH];
};

/* dev_ops parts (x710vf_queue.c). */
int x710vf_rx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			  unsigned int socket, const struct rte_eth_rxconf *conf,
			  struct rte_mempool *mp);
int x710vf_tx_queue_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
			  unsigned int socket, const struct rte_eth_txconf *conf);
void x710vf_rx_queue_release(struct rte_eth_dev *dev, uint16_t qid);
void x710vf_tx_queue_release(struct rte_eth_dev *dev, uint16_t qid);
/* What a queue was set up with (testpmd's `show rxq info`). */
void x710vf_rxq_info_get(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_rxq_info *qi);
void x710vf_txq_info_get(struct rte_eth_dev *dev, uint16_t qid, struct rte_eth_txq_info *qi);
/* Fill an Rx ring with buffers and post it; drop what a ring holds. */
int x710vf_rxq_arm(struct x710vf_rx_queue *q);
void x710vf_rxq_drain(struct x710vf_rx_queue *q);
void x710vf_txq_reset(struct x710vf_tx_queue *q);
void x710vf_txq_drain(struct x710vf_tx_queue *q);

/* Scalar bursts (x710vf_rxtx.c). */
uint16_t x710vf_recv_scalar(void *rxq, struct rte_mbuf **pkts, uint16_t n);
uint16_t x710vf_xmit_scalar(void *txq, struct rte_mbuf **pkts, uint16_t n);
uint16_t x710vf_xmit_prep(void *txq, struct rte_mbuf **pkts, uint16_t n);
/* Vector bursts (one file per ISA). Single-buffer frames only. */
uint16_t x710vf_recv_sse(void *rxq, struct rte_mbuf **pkts, uint16_t n);
uint16_t x710vf_recv_avx2(void *rxq, struct rte_mbuf **pkts, uint16_t n);
uint16_t x710vf_xmit_sse(void *txq, struct rte_mbuf **pkts, uint16_t n);
uint16_t x710vf_xmit_avx2(void *txq, struct rte_mbuf **pkts, uint16_t n);

/* rte_eth_rx_descriptor_status(): DONE, AVAIL or UNAVAIL at next + offset. */
int x710vf_rx_descriptor_status(void *rxq, uint16_t offset);

/* Shared pieces of the burst functions (x710vf_rxtx.c). */
extern const uint32_t x710vf_ptype_table[256];
uint16_t x710vf_rx_refill(struct x710vf_rx_queue *q);
uint16_t x710vf_tx_free_batch(struct x710vf_tx_queue *q);

/* Chosen once at dev_start from CPU flags and queue settings. */
void x710vf_select_bursts(struct rte_eth_dev *dev);
const char *x710vf_burst_name(const struct rte_eth_dev *dev, bool rx);

#endif /* X710VF_RXTX_H */
