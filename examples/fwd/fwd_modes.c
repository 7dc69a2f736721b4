/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The forwarding modes, as testpmd names them: io (as received), mac (our
 * MAC as source, the peer's as destination), macswap (swap the two),
 * txonly (generate UDP frames), rxonly (receive and free).
 */
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_udp.h>

#include "fwd.h"

/* Under `valgrind --tool=callgrind --collect-atstart=no`, --cycles also
 * counts the instructions of exactly the burst calls it times. */
#ifdef FWD_HAVE_CALLGRIND
#include <valgrind/callgrind.h>
#define BURST_COLLECT() CALLGRIND_TOGGLE_COLLECT
#else
#define BURST_COLLECT() do { } while (0)
#endif

#define TXONLY_SRC_IP RTE_IPV4(198, 18, 0, 1)   /* RFC 2544 benchmark range */
#define TXONLY_DST_IP RTE_IPV4(198, 18, 0, 2)
#define TXONLY_PORT   9                         /* discard (RFC 863) */
#define TXONLY_TTL    64

static const char *const mode_names[FWD_MODE_COUNT] = {
	[FWD_IO] = "io", [FWD_MAC] = "mac", [FWD_MACSWAP] = "macswap",
	[FWD_TXONLY] = "txonly", [FWD_RXONLY] = "rxonly",
};

const char *
fwd_mode_name(enum fwd_mode m)
{
	return m < FWD_MODE_COUNT ? mode_names[m] : "?";
}

int
fwd_mode_parse(const char *name)
{
	for (int i = 0; i < FWD_MODE_COUNT; i++)
		if (strcmp(name, mode_names[i]) == 0)
			return i;
	return -1;
}

static void
send_or_drop(struct fwd_port *out, struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t sent = rte_eth_tx_burst(out->port_id, 0, pkts, n);
	if (sent < n) {
		out->sw_dropped += n - sent;
		rte_pktmbuf_free_bulk(pkts + sent, n - sent);
	}
}

/* A UDP/IPv4 frame of len bytes from `from` to its peer. */
static int
build_udp(const struct fwd_ctx *ctx, const struct fwd_port *from, struct rte_mbuf *m)
{
	uint16_t len = ctx->txlen;
	size_t hdrs = sizeof(struct rte_ether_hdr) + sizeof(struct rte_ipv4_hdr) +
		      sizeof(struct rte_udp_hdr);
	char *p = rte_pktmbuf_append(m, len);
	if (p == NULL || len < hdrs)
		return -1;
	memset(p, 0, len);
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)p;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);
	rte_ether_addr_copy(&from->peer_mac, &eth->dst_addr);
	rte_ether_addr_copy(&from->mac, &eth->src_addr);
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(len - sizeof(*eth)));
	ip->time_to_live = TXONLY_TTL;
	ip->next_proto_id = IPPROTO_UDP;
	ip->src_addr = rte_cpu_to_be_32(TXONLY_SRC_IP);
	ip->dst_addr = rte_cpu_to_be_32(TXONLY_DST_IP);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	udp->src_port = rte_cpu_to_be_16(TXONLY_PORT);
	udp->dst_port = rte_cpu_to_be_16(TXONLY_PORT);
	udp->dgram_len = rte_cpu_to_be_16((uint16_t)(len - sizeof(*eth) - sizeof(*ip)));
	return 0;
}

static void
txonly_n(struct fwd_ctx *ctx, struct fwd_port *p, uint16_t n)
{
	struct rte_mbuf *pkts[FWD_MAX_BURST];
	if (rte_pktmbuf_alloc_bulk(ctx->pool, pkts, n) != 0)
		return;
	for (uint16_t i = 0; i < n; i++)
		if (build_udp(ctx, p, pkts[i]) != 0) {
			rte_pktmbuf_free_bulk(pkts, n);
			return;
		}
	send_or_drop(p, pkts, n);
}

static void
txonly(struct fwd_ctx *ctx, struct fwd_port *p)
{
	txonly_n(ctx, p, ctx->burst);
}

void
fwd_tx_first(struct fwd_ctx *ctx, unsigned int n)
{
	for (unsigned int i = 0; i < ctx->n_ports; i++)
		for (unsigned int left = n; left > 0;) {
			uint16_t k = (uint16_t)RTE_MIN(left, (unsigned int)ctx->burst);
			txonly_n(ctx, &ctx->ports[i], k);
			left -= k;
		}
}

void
fwd_pass_measured(struct fwd_ctx *ctx)
{
	struct rte_mbuf *pkts[FWD_MAX_BURST];

	for (unsigned int i = 0; i < ctx->n_ports; i++) {
		struct fwd_port *out = &ctx->ports[ctx->ports[i].peer];
		/* Time full bursts only, when the PMD can tell (untimed check):
		 * the cost of a packet then does not depend on the device's pace. */
		int st = rte_eth_rx_descriptor_status(ctx->ports[i].port_id, 0, ctx->burst - 1);
		if (st == RTE_ETH_RX_DESC_AVAIL)
			continue;
		uint64_t t0 = rte_rdtsc();
		BURST_COLLECT();
		uint16_t n = rte_eth_rx_burst(ctx->ports[i].port_id, 0, pkts, ctx->burst);
		uint16_t sent = n ? rte_eth_tx_burst(out->port_id, 0, pkts, n) : 0;
		BURST_COLLECT();
		if (n == 0)
			continue;       /* an empty poll measures the device, not the driver */
		ctx->burst_cycles += rte_rdtsc() - t0;
		ctx->burst_packets += sent;
		if (sent < n) {
			out->sw_dropped += n - sent;
			rte_pktmbuf_free_bulk(pkts + sent, n - sent);
		}
	}
}

void
fwd_pass(struct fwd_ctx *ctx)
{
	struct rte_mbuf *pkts[FWD_MAX_BURST];

	for (unsigned int i = 0; i < ctx->n_ports; i++) {
		struct fwd_port *in = &ctx->ports[i];
		struct fwd_port *out = &ctx->ports[in->peer];
		if (ctx->mode == FWD_TXONLY) {
			txonly(ctx, in);
			/* Drain what arrives so the ring never stalls the peer. */
		}
		uint16_t n = rte_eth_rx_burst(in->port_id, 0, pkts, ctx->burst);
		if (n == 0)
			continue;
		if (ctx->mode == FWD_RXONLY || ctx->mode == FWD_TXONLY) {
			rte_pktmbuf_free_bulk(pkts, n);
			continue;
		}
		for (uint16_t k = 0; k < n && ctx->mode != FWD_IO; k++) {
			struct rte_ether_hdr *eth = rte_pktmbuf_mtod(pkts[k], struct rte_ether_hdr *);
			if (ctx->mode == FWD_MAC) {
				rte_ether_addr_copy(&out->peer_mac, &eth->dst_addr);
				rte_ether_addr_copy(&out->mac, &eth->src_addr);
			} else {
				struct rte_ether_addr t = eth->dst_addr;
				eth->dst_addr = eth->src_addr;
				eth->src_addr = t;
			}
		}
		send_or_drop(out, pkts, n);
	}
}
