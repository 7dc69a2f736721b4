/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x710vf-fwd: a small testpmd-style forwarder over the ports EAL probed
 * (for example VFs driven by net_x710vf). Ports are paired 0<->1, 2<->3;
 * an odd last port is paired with itself.
 */
#ifndef FWD_H
#define FWD_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_ether.h>
#include <rte_mbuf.h>

#define FWD_MAX_PORTS  RTE_MAX_ETHPORTS
#define FWD_MAX_BURST  64

enum fwd_mode { FWD_IO, FWD_MAC, FWD_MACSWAP, FWD_TXONLY, FWD_RXONLY, FWD_MODE_COUNT };

struct fwd_port {
	uint16_t port_id;
	uint16_t peer;                  /* index into fwd_ctx.ports */
	struct rte_ether_addr mac;      /* our address */
	struct rte_ether_addr peer_mac; /* destination in mac/txonly modes */
	uint64_t sw_dropped;            /* frames the Tx ring did not take */
};

struct fwd_ctx {
	enum fwd_mode mode;
	uint16_t burst;
	uint16_t txlen;                 /* frame length in txonly mode, without CRC */
	unsigned int n_ports;
	struct fwd_port ports[FWD_MAX_PORTS];
	struct rte_mempool *pool;
	/* --cycles: TSC cycles spent inside bursts that moved packets, and
	 * the packets they moved (io mode; the PMD's cost per packet). */
	bool measure;
	uint64_t burst_cycles;
	uint64_t burst_packets;
};

/* One pass over every port: receive, forward by mode, send. */
void fwd_pass(struct fwd_ctx *ctx);
/* io forwarding with rte_rdtsc() around each Rx and Tx burst. */
void fwd_pass_measured(struct fwd_ctx *ctx);
/* Send n generated frames from every port to its peer (testpmd tx_first). */
void fwd_tx_first(struct fwd_ctx *ctx, unsigned int n);
const char *fwd_mode_name(enum fwd_mode m);
/* -1 if the name is unknown. */
int fwd_mode_parse(const char *name);

#endif /* FWD_H */
