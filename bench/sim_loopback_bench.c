/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sim-loopback-bench: frames per second through the device model's data
 * path (Tx ring -> switch -> Rx ring) for 64-byte frames on one core, in
 * process. Two VSIs on port 0; a fake driver keeps N Tx descriptors posted
 * on VSI A's queue and re-arms VSI B's Rx ring, as a PMD would.
 *
 * Two paths are measured: "wire" (A without ALLOW_LB: out of the port's
 * loopback wire and back in) and "veb" (A with ALLOW_LB: switched inside).
 * Reported: end-to-end Mpps (model + fake driver on the same core) by wall
 * clock and per CPU second, and the model's own Mpps (wall time spent inside
 * sim_dp_poll only).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim_datapath.h"
#include "sim_dp_test_dma.h"
#include "x710/x710_desc.h"

#define RING_LEN        1024
#define RS_EVERY        32          /* Tx completion batching, like iavf's rs_thresh */
#define RX_REARM_EVERY  32          /* Rx tail update batching */
#define FRAME_LEN       64
#define RX_BUF_LEN      2048
#define DEFAULT_FRAMES  20000000ULL
#define DEFAULT_POSTED  512

struct bench {
	struct sim_vsi *vsis;
	struct sim_datapath *dp;
	struct x710_tx_desc *txr;
	struct x710_rx_desc_wb *rxr;
	uint8_t *tx_bufs, *rx_bufs;
	uint32_t tx_tail, rx_tail;
	uint16_t tx_next, tx_clean, rx_next;
	unsigned int posted, rearmed;
};

static double clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double now_s(void)
{
	return clock_s(CLOCK_MONOTONIC);
}

static void *xalloc(size_t align, size_t size)
{
	void *p = aligned_alloc(align, size);

	if (p == NULL) {
		fprintf(stderr, "sim-loopback-bench: out of memory (%zu bytes)\n", size);
		exit(1);
	}
	memset(p, 0, size);
	return p;
}

static void vsi_init(struct sim_vsi *v, uint16_t num, const uint8_t mac[6], uint16_t q,
		     bool allow_lb)
{
	memset(v, 0, sizeof(*v));
	v->in_use = true;
	v->vsi_num = num;
	v->vf_abs = -1;
	v->allow_lb = allow_lb;
	v->num_queues = 1;
	v->queue_map[0] = q;
	memcpy(v->filters[0].mac, mac, 6);
	v->filters[0].ignore_vlan = true;
	v->n_filters = 1;
}

static void rx_arm(struct bench *b, uint16_t i)
{
	struct x710_rx_desc_read *d = (struct x710_rx_desc_read *)&b->rxr[i];
	uint64_t addr = (uint64_t)(uintptr_t)(b->rx_bufs + (size_t)i * RX_BUF_LEN);

	d->pkt_addr = addr;
	d->hdr_addr = addr;
}

static int bench_init(struct bench *b, bool veb)
{
	static const uint8_t mac_a[6] = { 0x02, 0, 0, 0, 0, 0x0A };
	static const uint8_t mac_b[6] = { 0x02, 0, 0, 0, 0, 0x0B };
	struct sim_dp_params p = { .n_ports = 1, .dma = &sim_dp_test_identity_dma };
	struct sim_queue_binding tb = { .tail = &b->tx_tail, .pf = 0, .pf_queue = 0, .vsi = 1 };
	struct sim_queue_binding rb = { .tail = &b->rx_tail, .pf = 0, .pf_queue = 1, .vsi = 2 };
	struct sim_txq_ctx tc = { .qlen = RING_LEN };
	struct sim_rxq_ctx rc = { .qlen = RING_LEN, .dbuff_bytes = RX_BUF_LEN, .dsize_32 = true,
				  .crcstrip = true, .rxmax = 1522 };
	int rc_err;

	memset(b, 0, sizeof(*b));
	b->vsis = xalloc(64, SIM_VSI_MAX * sizeof(*b->vsis));
	b->txr = xalloc(128, RING_LEN * sizeof(*b->txr));
	b->rxr = xalloc(128, RING_LEN * sizeof(*b->rxr));
	b->tx_bufs = xalloc(64, (size_t)RING_LEN * FRAME_LEN);
	b->rx_bufs = xalloc(64, (size_t)RING_LEN * RX_BUF_LEN);
	vsi_init(&b->vsis[1], 1, mac_a, 0, veb);
	vsi_init(&b->vsis[2], 2, mac_b, 1, veb);
	p.vsis = b->vsis;
	rc_err = sim_dp_create(&p, &b->dp);
	if (rc_err < 0)
		return rc_err;
	/* Every Tx buffer holds the same 64-byte frame A -> B. */
	for (size_t i = 0; i < RING_LEN; i++) {
		uint8_t *f = b->tx_bufs + i * FRAME_LEN;

		memcpy(f, mac_b, 6);
		memcpy(f + 6, mac_a, 6);
		f[12] = 0x88;
		f[13] = 0xB5;
	}
	for (uint16_t i = 0; i < RING_LEN; i++)
		rx_arm(b, i);
	b->rx_tail = RING_LEN - 1;
	tc.base_iova = (uint64_t)(uintptr_t)b->txr;
	rc.base_iova = (uint64_t)(uintptr_t)b->rxr;
	rc_err = sim_dp_rxq_start(b->dp, &rb, &rc);
	if (rc_err == 0)
		rc_err = sim_dp_txq_start(b->dp, &tb, &tc);
	return rc_err;
}

static void bench_fini(struct bench *b)
{
	sim_dp_destroy(b->dp);
	free(b->vsis);
	free(b->txr);
	free(b->rxr);
	free(b->tx_bufs);
	free(b->rx_bufs);
}

/* The fake driver's Tx half: reclaim completed batches, keep `want` posted. */
static void driver_tx(struct bench *b, unsigned int want)
{
	while (b->posted >= RS_EVERY) {
		uint16_t rs = (uint16_t)((b->tx_clean + RS_EVERY - 1) % RING_LEN);
		uint64_t qw1 = __atomic_load_n(&b->txr[rs].cmd_type_offset_bsz, __ATOMIC_ACQUIRE);

		if ((qw1 & X710_TXD_QW1_DTYPE_MASK) != X710_TX_DTYPE_DESC_DONE)
			break;
		b->tx_clean = (uint16_t)((b->tx_clean + RS_EVERY) % RING_LEN);
		b->posted -= RS_EVERY;
	}
	if (b->posted + RS_EVERY > want)
		return;
	while (b->posted < want) {
		uint16_t i = b->tx_next;
		unsigned int cmd = X710_TX_CMD_EOP | ((i % RS_EVERY == RS_EVERY - 1) ? X710_TX_CMD_RS : 0);

		b->txr[i].buffer_addr = (uint64_t)(uintptr_t)(b->tx_bufs + (size_t)i * FRAME_LEN);
		b->txr[i].cmd_type_offset_bsz = ((uint64_t)cmd << X710_TXD_QW1_CMD_SHIFT) |
						((uint64_t)FRAME_LEN << X710_TXD_QW1_BUF_SZ_SHIFT);
		b->tx_next = (uint16_t)((i + 1) % RING_LEN);
		b->posted++;
	}
	__atomic_store_n(&b->tx_tail, b->tx_next, __ATOMIC_RELEASE);
}

/* The fake driver's Rx half: take completed descriptors, re-arm, move the tail. */
static uint64_t driver_rx(struct bench *b)
{
	uint64_t got = 0;

	while (__atomic_load_n(&b->rxr[b->rx_next].qword1, __ATOMIC_ACQUIRE) & X710_RXD_STATUS_DD) {
		rx_arm(b, b->rx_next);
		b->rx_next = (uint16_t)((b->rx_next + 1) % RING_LEN);
		got++;
		if (++b->rearmed == RX_REARM_EVERY) {
			b->rearmed = 0;
			/* One slot stays unposted so that a full ring is not head == tail. */
			__atomic_store_n(&b->rx_tail, (uint32_t)((b->rx_next + RING_LEN - 1) % RING_LEN),
					 __ATOMIC_RELEASE);
		}
	}
	return got;
}

static int run(bool veb, unsigned long long frames, unsigned int posted)
{
	struct bench b;
	uint64_t rx = 0;
	double t0, cpu0, t_model = 0, elapsed, cpu;
	int err = bench_init(&b, veb);

	if (err < 0) {
		fprintf(stderr, "sim-loopback-bench: setup failed: %s\n", strerror(-err));
		return 1;
	}
	t0 = now_s();
	cpu0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
	while (rx < frames) {
		double t1;

		driver_tx(&b, posted);
		t1 = now_s();
		sim_dp_poll(b.dp);
		t_model += now_s() - t1;
		rx += driver_rx(&b);
	}
	elapsed = now_s() - t0;
	cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
	/* Per CPU second as well: on a shared machine the wall clock also
	 * counts the time other processes held this core. */
	printf("%-4s path: %" PRIu64 " frames of %d B in %.3f s (%.3f s CPU): "
	       "%.2f Mpps end-to-end, %.2f Mpps per CPU second, "
	       "%.2f Mpps in the model (%.1f ns/frame); drops: %" PRIu64 "\n",
	       veb ? "veb" : "wire", rx, FRAME_LEN, elapsed, cpu, (double)rx / elapsed / 1e6,
	       (double)rx / cpu / 1e6, (double)rx / t_model / 1e6, t_model / (double)rx * 1e9,
	       b.vsis[2].stats.rx_discards + b.vsis[1].stats.tx_discards +
	       b.vsis[1].stats.tx_errors);
	bench_fini(&b);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long frames = DEFAULT_FRAMES;
	unsigned long posted = DEFAULT_POSTED;
	char *end;

	if (argc > 1) {
		errno = 0;
		frames = strtoull(argv[1], &end, 10);
		if (errno != 0 || *end != '\0' || frames == 0) {
			fprintf(stderr, "usage: %s [FRAMES [POSTED]]: FRAMES '%s' is not a positive count\n",
				argv[0], argv[1]);
			return 2;
		}
	}
	if (argc > 2) {
		errno = 0;
		posted = strtoul(argv[2], &end, 10);
		if (errno != 0 || *end != '\0' || posted < RS_EVERY || posted % RS_EVERY != 0 ||
		    posted >= RING_LEN) {
			fprintf(stderr, "usage: %s [FRAMES [POSTED]]: POSTED '%s' must be a multiple "
				"of %d below %d\n", argv[0], argv[2], RS_EVERY, RING_LEN);
			return 2;
		}
	}
	if (run(false, frames, (unsigned int)posted) != 0 || run(true, frames, (unsigned int)posted) != 0)
		return 1;
	return 0;
}
