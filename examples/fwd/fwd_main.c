/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x710vf-fwd main: EAL, port setup, the polling loop and periodic per-port
 * rates. Usage:
 *   x710vf-fwd [EAL args, e.g. -d librte_net_x710vf.so -a VF0 -a VF1] --
 *     [--mode io|mac|macswap|txonly|rxonly] [--period S] [--duration S]
 *     [--burst N] [--txlen N] [--peer PORT=MAC] [--pool NAME]
 *     [--tx-first N] [--cycles]
 * --tx-first sends N frames per port before forwarding; --cycles (io mode)
 * prints the TSC cycles per packet spent in the PMD's Rx+Tx bursts.
 * --pool leases VFs from sriovd (when built with the libsriov client) and
 * hands their PCI addresses to EAL.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>

#include "fwd.h"
#include "fwd_lease.h"

#define RING_SIZE       1024
#define POOL_MBUFS      8191            /* 2^n - 1 suits the ring mempool */
#define POOL_CACHE      256
#define DEFAULT_BURST   32
#define DEFAULT_TXLEN   60              /* 64-byte frames on the wire with CRC */
#define DEFAULT_PERIOD  1
#define MAX_EAL_ARGS    128

static volatile sig_atomic_t quit;

static void
on_signal(int sig)
{
	(void)sig;
	quit = 1;
}

struct options {
	unsigned int period, duration;
	const char *pool;
	unsigned int tx_first;
	struct { int port; struct rte_ether_addr mac; } peers[FWD_MAX_PORTS];
	unsigned int n_peers;
};

static void
usage(const char *prog)
{
	fprintf(stderr, "usage: %s [EAL args] -- [--mode io|mac|macswap|txonly|rxonly] "
		"[--period S] [--duration S] [--burst N] [--txlen N] [--peer PORT=MAC] "
		"[--pool NAME] [--tx-first N] [--cycles]\n", prog);
}

static int
parse_uint(const char *opt, const char *s, unsigned long lo, unsigned long hi,
	   unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || end == s || v < lo || v > hi) {
		fprintf(stderr, "x710vf-fwd: %s '%s': want an integer in [%lu, %lu]\n", opt, s, lo,
			hi);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

static int
parse_app_args(int argc, char **argv, struct fwd_ctx *ctx, struct options *o)
{
	static const struct option longopts[] = {
		{ "mode", required_argument, NULL, 'm' }, { "period", required_argument, NULL, 'p' },
		{ "duration", required_argument, NULL, 'd' }, { "burst", required_argument, NULL, 'b' },
		{ "txlen", required_argument, NULL, 'l' }, { "peer", required_argument, NULL, 'e' },
		{ "pool", required_argument, NULL, 'P' }, { "tx-first", required_argument, NULL, 't' },
		{ "cycles", no_argument, NULL, 'c' }, { NULL, 0, NULL, 0 },
	};
	unsigned long v;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			if ((c = fwd_mode_parse(optarg)) < 0) {
				fprintf(stderr, "x710vf-fwd: --mode '%s' is not a mode\n", optarg);
				return -EINVAL;
			}
			ctx->mode = (enum fwd_mode)c;
			break;
		case 'p':
			if (parse_uint("--period", optarg, 1, 3600, &v)) return -EINVAL;
			o->period = (unsigned int)v;
			break;
		case 'd':
			if (parse_uint("--duration", optarg, 0, 86400, &v)) return -EINVAL;
			o->duration = (unsigned int)v;
			break;
		case 'b':
			if (parse_uint("--burst", optarg, 1, FWD_MAX_BURST, &v)) return -EINVAL;
			ctx->burst = (uint16_t)v;
			break;
		case 'l':
			if (parse_uint("--txlen", optarg, 60, 1514, &v)) return -EINVAL;
			ctx->txlen = (uint16_t)v;
			break;
		case 'e': {
			char *eq = strchr(optarg, '=');
			if (eq == NULL || o->n_peers == FWD_MAX_PORTS) {
				fprintf(stderr, "x710vf-fwd: --peer '%s': want PORT=MAC\n", optarg);
				return -EINVAL;
			}
			*eq = '\0';
			if (parse_uint("--peer port", optarg, 0, FWD_MAX_PORTS - 1, &v) ||
			    rte_ether_unformat_addr(eq + 1, &o->peers[o->n_peers].mac) != 0) {
				fprintf(stderr, "x710vf-fwd: --peer: '%s' is not a MAC address\n", eq + 1);
				return -EINVAL;
			}
			o->peers[o->n_peers++].port = (int)v;
			break;
		}
		case 'P':
			o->pool = optarg;
			break;
		case 't':
			if (parse_uint("--tx-first", optarg, 0, 65536, &v)) return -EINVAL;
			o->tx_first = (unsigned int)v;
			break;
		case 'c':
			ctx->measure = true;
			break;
		default:
			return -EINVAL;
		}
	}
	if (ctx->measure && ctx->mode != FWD_IO) {
		fprintf(stderr, "x710vf-fwd: --cycles measures io forwarding only\n");
		return -EINVAL;
	}
	return optind == argc ? 0 : -EINVAL;
}

static int
port_init(struct fwd_ctx *ctx, struct fwd_port *p)
{
	struct rte_eth_conf conf;
	struct rte_eth_dev_info info;
	uint16_t nrx = RING_SIZE, ntx = RING_SIZE;
	int rc;

	memset(&conf, 0, sizeof(conf));
	if ((rc = rte_eth_dev_info_get(p->port_id, &info)) != 0)
		return rc;
	if (info.tx_offload_capa & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE)
		conf.txmode.offloads |= RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE;
	if ((rc = rte_eth_dev_configure(p->port_id, 1, 1, &conf)) != 0 ||
	    (rc = rte_eth_dev_adjust_nb_rx_tx_desc(p->port_id, &nrx, &ntx)) != 0 ||
	    (rc = rte_eth_rx_queue_setup(p->port_id, 0, nrx, rte_eth_dev_socket_id(p->port_id),
					 NULL, ctx->pool)) != 0)
		return rc;
	struct rte_eth_txconf txc = info.default_txconf;
	txc.offloads = conf.txmode.offloads;
	if ((rc = rte_eth_tx_queue_setup(p->port_id, 0, ntx, rte_eth_dev_socket_id(p->port_id),
					 &txc)) != 0 ||
	    (rc = rte_eth_macaddr_get(p->port_id, &p->mac)) != 0)
		return rc;
	return rte_eth_dev_start(p->port_id);
}

static void
print_rates(const struct fwd_ctx *ctx, struct rte_eth_stats *prev, double secs)
{
	for (unsigned int i = 0; i < ctx->n_ports; i++) {
		const struct fwd_port *p = &ctx->ports[i];
		struct rte_eth_stats s;
		if (rte_eth_stats_get(p->port_id, &s) != 0)
			continue;
		printf("port %u: rx %.0f pps, tx %.0f pps, rx %" PRIu64 " tx %" PRIu64
		       " missed %" PRIu64 " tx-dropped %" PRIu64 "\n", p->port_id,
		       (double)(s.ipackets - prev[i].ipackets) / secs,
		       (double)(s.opackets - prev[i].opackets) / secs, s.ipackets, s.opackets,
		       s.imissed, p->sw_dropped);
		prev[i] = s;
	}
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	struct fwd_ctx ctx = { .mode = FWD_IO, .burst = DEFAULT_BURST, .txlen = DEFAULT_TXLEN };
	struct options o = { .period = DEFAULT_PERIOD };
	char *eal_argv[MAX_EAL_ARGS];
	struct fwd_leases leases = { 0 };
	int eal_argc = 0, rc;

	/* App options after "--" are read first: --pool adds EAL -a arguments. */
	int dd = 1;
	while (dd < argc && strcmp(argv[dd], "--") != 0)
		dd++;
	if (dd < argc) {
		argv[dd] = argv[0];
		if (parse_app_args(argc - dd, argv + dd, &ctx, &o) != 0) {
			usage(argv[0]);
			return 2;
		}
	}
	for (int i = 0; i < dd && eal_argc < MAX_EAL_ARGS; i++)
		eal_argv[eal_argc++] = argv[i];
	if (o.pool != NULL && fwd_lease_claim(o.pool, &leases, eal_argv, &eal_argc,
					      MAX_EAL_ARGS) != 0)
		return 1;
	if (rte_eal_init(eal_argc, eal_argv) < 0) {
		fprintf(stderr, "x710vf-fwd: EAL init failed: %s\n", rte_strerror(rte_errno));
		fwd_lease_release(&leases);
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	ctx.pool = rte_pktmbuf_pool_create("fwd_pool", POOL_MBUFS, POOL_CACHE, 0,
					   RTE_MBUF_DEFAULT_BUF_SIZE, (int)rte_socket_id());
	uint16_t pid;
	RTE_ETH_FOREACH_DEV(pid) {
		struct fwd_port *p = &ctx.ports[ctx.n_ports];
		p->port_id = pid;
		ctx.n_ports++;
	}
	if (ctx.pool == NULL || ctx.n_ports == 0) {
		fprintf(stderr, "x710vf-fwd: %s\n", ctx.pool ? "no ports" : "no mbuf pool");
		rc = 1;
		goto out;
	}
	for (unsigned int i = 0; i < ctx.n_ports; i++) {
		struct fwd_port *p = &ctx.ports[i];
		p->peer = (uint16_t)((i ^ 1) < ctx.n_ports ? (i ^ 1) : i);
		if ((rc = port_init(&ctx, p)) != 0) {
			fprintf(stderr, "x710vf-fwd: port %u: %s\n", p->port_id, strerror(-rc));
			rc = 1;
			goto out;
		}
	}
	/* Default destination: the peer port's own MAC; --peer overrides. */
	for (unsigned int i = 0; i < ctx.n_ports; i++)
		ctx.ports[i].peer_mac = ctx.ports[ctx.ports[i].peer].mac;
	for (unsigned int k = 0; k < o.n_peers; k++)
		for (unsigned int i = 0; i < ctx.n_ports; i++)
			if (ctx.ports[i].port_id == o.peers[k].port)
				ctx.ports[i].peer_mac = o.peers[k].mac;
	printf("x710vf-fwd: %s forwarding on %u port(s), burst %u\n", fwd_mode_name(ctx.mode),
	       ctx.n_ports, ctx.burst);

	struct rte_eth_stats prev[FWD_MAX_PORTS];
	memset(prev, 0, sizeof(prev));
	uint64_t hz = rte_get_timer_hz(), start = rte_get_timer_cycles(), last = start;
	for (unsigned int i = 0; i < ctx.n_ports; i++) {
		struct rte_eth_burst_mode rx, tx;
		if (rte_eth_rx_burst_mode_get(ctx.ports[i].port_id, 0, &rx) == 0 &&
		    rte_eth_tx_burst_mode_get(ctx.ports[i].port_id, 0, &tx) == 0)
			printf("port %u: Rx burst %s, Tx burst %s\n", ctx.ports[i].port_id, rx.info,
			       tx.info);
	}
	fwd_tx_first(&ctx, o.tx_first);
	while (!quit) {
		if (ctx.measure)
			fwd_pass_measured(&ctx);
		else
			fwd_pass(&ctx);
		uint64_t now = rte_get_timer_cycles();
		if (now - last >= o.period * hz) {
			print_rates(&ctx, prev, (double)(now - last) / (double)hz);
			last = now;
		}
		if (o.duration && now - start >= o.duration * hz)
			break;
	}
	print_rates(&ctx, prev, (double)(rte_get_timer_cycles() - last) / (double)hz);
	if (ctx.measure)
		printf("cycles: %" PRIu64 " packets in bursts, %.1f TSC cycles per packet "
		       "(Rx+Tx bursts, TSC %" PRIu64 " Hz)\n", ctx.burst_packets,
		       ctx.burst_packets ? (double)ctx.burst_cycles / (double)ctx.burst_packets : 0.0,
		       rte_get_tsc_hz());
	rc = 0;
out:
	for (unsigned int i = 0; i < ctx.n_ports; i++) {
		rte_eth_dev_stop(ctx.ports[i].port_id);
		rte_eth_dev_close(ctx.ports[i].port_id);
	}
	rte_eal_cleanup();
	fwd_lease_release(&leases);
	return rc;
}
