/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The model's data path: LAN Tx/Rx descriptor engines, the internal switch
 * (VEB) between VSIs, and each port's wire. The control model starts and
 * stops queues and edits the VSI table; x710sim_poll() calls sim_dp_poll().
 * Nothing here allocates or locks per packet.
 */
#ifndef SIM_DATAPATH_H
#define SIM_DATAPATH_H

#include <stddef.h>
#include <stdint.h>

#include "sim_dma.h"
#include "sim_lan_queue.h"
#include "sim_vsi.h"

#define SIM_DP_MAX_PORTS      4
#define SIM_DP_MAX_QUEUES     1536   /* queue pairs per device (_Q = 0..1535) */
#define SIM_DP_MAX_FRAME      9728   /* largest frame the wire carries */
#define SIM_RSS_KEY_SIZE      52     /* VFQF_HKEY1 0..12 */
#define SIM_RSS_LUT_SIZE      64     /* VFQF_HLUT1 0..15, one byte each */

struct sim_datapath;

enum sim_wire_mode {
	SIM_WIRE_LOOPBACK,   /* what leaves the port comes back in */
	SIM_WIRE_SINK,       /* what leaves is counted and given to the sink */
};

/* Called for every frame leaving port `port` in SIM_WIRE_SINK mode. */
typedef void (*sim_wire_sink_fn)(void *ctx, unsigned int port,
				 const uint8_t *frame, size_t len);

struct sim_port_stats {
	uint64_t tx_packets, tx_bytes, rx_packets, rx_bytes;
	uint64_t drops[SIM_DROP_REASON_COUNT];
	/* Driver bugs, ignored by the model: Tx polls and Rx deliveries that
	 * found a queue's tail register >= its qlen. Kept across queue restarts. */
	uint64_t tx_bad_tail, rx_bad_tail;
	/* Tx frames whose MACLEN/IPLEN/L4 header lay outside the frame: sent
	 * without the requested checksums (sim_dp_tx_offload.c). */
	uint64_t tx_offload_bad;
};

struct sim_dp_params {
	unsigned int n_ports;
	struct sim_vsi *vsis;          /* SIM_VSI_MAX entries, owned by the control model */
	const struct sim_dma_ops *dma;
	/* Host clock for Tx rate limits, read at most once per poll and only
	 * when a limited VSI has frames to send. NULL: limits not enforced. */
	uint64_t (*now_ns)(void *ctx);
	void *clock_ctx;
};

int sim_dp_create(const struct sim_dp_params *params, struct sim_datapath **out);
void sim_dp_destroy(struct sim_datapath *dp);

/* Queues are named by (pf, pf_queue); start takes the decoded HMC context. */
int sim_dp_txq_start(struct sim_datapath *dp, const struct sim_queue_binding *b,
		     const struct sim_txq_ctx *ctx);
int sim_dp_rxq_start(struct sim_datapath *dp, const struct sim_queue_binding *b,
		     const struct sim_rxq_ctx *ctx);
void sim_dp_txq_stop(struct sim_datapath *dp, unsigned int pf, unsigned int pf_queue);
void sim_dp_rxq_stop(struct sim_datapath *dp, unsigned int pf, unsigned int pf_queue);
/* Current head of a running queue (for QTX_HEAD / QRX head reads), or -1. */
int sim_dp_txq_head(struct sim_datapath *dp, unsigned int pf, unsigned int pf_queue);
int sim_dp_rxq_head(struct sim_datapath *dp, unsigned int pf, unsigned int pf_queue);

/* RSS for a VSI: key, LUT of VSI queue indices, hash-enable bits (HENA). */
void sim_dp_set_rss(struct sim_datapath *dp, unsigned int vsi_num,
		    const uint8_t key[SIM_RSS_KEY_SIZE],
		    const uint8_t lut[SIM_RSS_LUT_SIZE], uint64_t hena);

/* Link: a port whose link is down neither sends nor receives. */
void sim_dp_set_link(struct sim_datapath *dp, unsigned int port, int up);

void sim_dp_set_wire(struct sim_datapath *dp, unsigned int port,
		     enum sim_wire_mode mode, sim_wire_sink_fn sink, void *ctx);
/* A frame arriving from the wire of `port`; 0, or -ENOBUFS when dropped. */
int sim_dp_wire_inject(struct sim_datapath *dp, unsigned int port,
		       const uint8_t *frame, size_t len);

/* Fault: drop the next `n` frames for a queue as an Rx overrun. */
void sim_dp_inject_rx_overrun(struct sim_datapath *dp, unsigned int pf,
			      unsigned int pf_queue, unsigned int n);

const struct sim_port_stats *sim_dp_port_stats(const struct sim_datapath *dp,
					       unsigned int port);
/* The same driver-bug count for one queue since it was last started. */
uint64_t sim_dp_queue_bad_tail(const struct sim_datapath *dp, unsigned int pf,
			       unsigned int pf_queue, int tx);

/* A VSI Tx limit (config_vsi_bw_limit) in bytes: the rate of `credit`
 * credits per second, and the bucket of a max_credit: 2^max_credit burst
 * credits, at least one largest frame so that every frame can go. */
uint64_t sim_dp_shaper_rate(uint16_t credit);
uint64_t sim_dp_shaper_burst_bytes(uint8_t max_credit);

/* Process Tx rings with new tails and pending wire frames; returns work done. */
unsigned int sim_dp_poll(struct sim_datapath *dp);

#endif /* SIM_DATAPATH_H */
