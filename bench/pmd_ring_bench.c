/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pmd_ring_bench: TSC cycles per packet of net_x710vf's Rx+Tx bursts in io
 * forwarding of 64-byte frames, per burst path (scalar, SSE4.2, AVX2),
 * against the device model's data path in this process. Frames circulate
 * B -> A -> B: what B receives is sent again from A, unchanged. The model
 * runs between bursts, outside the timed region, so the figure is the
 * driver's thread only. Needs no PF, no hugepages and no device.
 * Usage: pmd-ring-bench [PACKETS [PATH]]; PATH = scalar|sse4.2|avx2 runs one path
 * once (for `valgrind --tool=callgrind --toggle-collect=x710vf_*`).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cpuflags.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_mbuf.h>

#include "x710vf_sim_pair.h"

#define FRAME_LEN     60        /* 64 on the wire with the CRC */
#define IN_FLIGHT     192       /* frames circulating (< ring size) */
#define BURST         32
#define POOL_SIZE     4095
#define DEFAULT_PKTS  1000000
#define REPS          5         /* the machine is shared: report min and median */
#define STALL_POLLS   1000      /* empty polls in a row: the frames are lost */

typedef uint16_t (*burst_fn)(void *, struct rte_mbuf **, uint16_t);

static const struct {
	const char *name;
	burst_fn rx, tx;
	int flag;               /* -1: none needed */
} paths[] = {
	{ "scalar", x710vf_recv_scalar, x710vf_xmit_scalar, -1 },
	{ "sse4.2", x710vf_recv_sse, x710vf_xmit_sse, RTE_CPUFLAG_SSE4_2 },
	{ "avx2", x710vf_recv_avx2, x710vf_xmit_avx2, RTE_CPUFLAG_AVX2 },
};

static int
seed(struct env *e, struct rte_mempool *mp, burst_fn tx)
{
	struct rte_mbuf *m[BURST];
	for (unsigned int done = 0; done < IN_FLIGHT; done += BURST) {
		if (rte_pktmbuf_alloc_bulk(mp, m, BURST) != 0)
			return -1;
		for (int i = 0; i < BURST; i++)
			fx_frame((uint8_t *)rte_pktmbuf_append(m[i], FRAME_LEN), FRAME_LEN,
				 fx_mac_b, fx_mac_a);
		if (tx(&e->a.txq, m, BURST) != BURST)
			return -1;
		sim_pair_run(e);
	}
	return 0;
}

/* io forwarding B -> A for `want` packets; returns cycles per packet. */
static double
measure(struct rte_mempool *mp, burst_fn rx, burst_fn tx, uint64_t want)
{
	struct env e;
	struct rte_mbuf *m[BURST];
	uint64_t cycles = 0, moved = 0;
	unsigned int idle = 0;

	if (sim_pair_open(&e, mp, 2048, 2048) != 0)
		return -1;
	/* One pool, refcnt 1: what testpmd asks for when the PMD offers it. */
	e.a.txq.fast_free = true;
	if (seed(&e, mp, tx) != 0)
		return -1;
	while (moved < want) {
		uint64_t t0 = rte_rdtsc();
		uint16_t n = rx(&e.b.rxq, m, BURST);
		uint16_t s = n ? tx(&e.a.txq, m, n) : 0;
		cycles += rte_rdtsc() - t0;
		moved += s;
		if (s < n)
			rte_pktmbuf_free_bulk(m + s, n - s);
		idle = n ? 0 : idle + 1;
		if (idle > STALL_POLLS)
			break;
		sim_pair_run(&e);
	}
	sim_pair_close(&e);
	return moved ? (double)cycles / (double)moved : -1;
}

int
main(int argc, char **argv)
{
	char *eal[] = { argv[0], "--no-huge", "--no-pci", "-m", "256", "--iova-mode=va",
			"--no-shconf", "--no-telemetry", "-l", "0", "--log-level=lib.eal:error", NULL };
	uint64_t pkts = argc > 1 ? strtoull(argv[1], NULL, 10) : DEFAULT_PKTS;
	const char *only = argc > 2 ? argv[2] : NULL;
	int reps = only ? 1 : REPS;

	if (rte_eal_init((int)(sizeof(eal) / sizeof(eal[0])) - 1, eal) < 0)
		return 1;
	struct rte_mempool *mp = rte_pktmbuf_pool_create("bench", POOL_SIZE, 256, 0,
							 RTE_PKTMBUF_HEADROOM + 2048, SOCKET_ID_ANY);
	if (mp == NULL)
		return 1;
	printf("net_x710vf io forwarding, %d-byte frames, %" PRIu64 " packets x %d runs per path, "
	       "TSC %" PRIu64 " Hz\n", FRAME_LEN + 4, pkts, REPS, rte_get_tsc_hz());
	printf("%-8s %14s %14s\n", "path", "min cyc/pkt", "median");
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (only && strcmp(only, paths[i].name) != 0)
			continue;
		if (paths[i].flag >= 0 &&
		    rte_cpu_get_flag_enabled((enum rte_cpu_flag_t)paths[i].flag) <= 0) {
			printf("%-8s %14s\n", paths[i].name, "(no CPU support)");
			continue;
		}
		double c[REPS];
		for (int r = 0; r < reps; r++) {
			c[r] = measure(mp, paths[i].rx, paths[i].tx, pkts);
			for (int k = r; k > 0 && c[k] < c[k - 1]; k--) {   /* keep sorted */
				double t = c[k];
				c[k] = c[k - 1];
				c[k - 1] = t;
			}
		}
		printf("%-8s %14.1f %14.1f\n", paths[i].name, c[0], c[reps / 2]);
	}
	rte_mempool_free(mp);
	rte_eal_cleanup();
	return 0;
}
