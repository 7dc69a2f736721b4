/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pf-bench: the x710 PF backend's own CPU cost, in process against the
 * device model (libx710sim), not a test.
 *  (a) creating and configuring 64 VFs on one PF through plan/apply/commit;
 *  (b) the mailbox round trip of one VF (GET_STATS: post on the VF's ATQ,
 *      the PF serves in the same loop, the reply lands on the VF's ARQ).
 * Every osdep call (register access, delay = model poll, DMA, VF enable) is
 * timed on the thread's CPU clock and counted as the device's share: on a
 * real X710 it is MMIO and firmware time. "Ours" is the rest.
 * Usage: pf-bench [ROUNDS [ROUND_TRIPS]]
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <sriov/backend.h>
#include <sriov/config.h>
#include <sriov/plan.h>

#include "x710/virtchnl_defs.h"
#include "x710_backend.h"
#include "x710_port.h"
#include "x710_test_fixture.h"
#include "x710_vf_harness.h"

#define BENCH_VFS       64
#define DEFAULT_ROUNDS  5
#define DEFAULT_TRIPS   4000
/* Round trips go round-robin over this many VFs: each stays under the
 * backend's mailbox rate limit (600 messages per second per VF). */
#define RTT_VFS         8
#define CONF_MAX        (64 * BENCH_VFS + 256)

/* The osdep of the fixture, wrapped: time inside it is the device's. */
struct timed_os {
	struct x710_osdep inner;
	uint64_t ns;
	uint64_t calls;
};

static uint64_t cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t wall_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

#define TIMED(t, call)                     \
	do {                               \
		uint64_t t0_ = cpu_ns();   \
		call;                      \
		(t)->ns += cpu_ns() - t0_; \
		(t)->calls++;              \
	} while (0)

static uint32_t t_rd32(void *ctx, uint32_t off)
{
	struct timed_os *t = ctx;
	uint32_t v;

	TIMED(t, v = t->inner.ops->rd32(t->inner.ctx, off));
	return v;
}

static void t_wr32(void *ctx, uint32_t off, uint32_t val)
{
	struct timed_os *t = ctx;

	TIMED(t, t->inner.ops->wr32(t->inner.ctx, off, val));
}

static int t_dma_alloc(void *ctx, size_t size, size_t align, struct x710_dma *out)
{
	struct timed_os *t = ctx;
	int rc;

	TIMED(t, rc = t->inner.ops->dma_alloc(t->inner.ctx, size, align, out));
	return rc;
}

static void t_dma_free(void *ctx, struct x710_dma *dma)
{
	struct timed_os *t = ctx;

	TIMED(t, t->inner.ops->dma_free(t->inner.ctx, dma));
}

static void t_delay_us(void *ctx, unsigned int us)
{
	struct timed_os *t = ctx;

	TIMED(t, t->inner.ops->delay_us(t->inner.ctx, us));
}

static uint64_t t_now_us(void *ctx)
{
	struct timed_os *t = ctx;

	return t->inner.ops->now_us(t->inner.ctx);
}

static void t_log(void *ctx, enum x710_log_level level, const char *msg)
{
	struct timed_os *t = ctx;

	t->inner.ops->log(t->inner.ctx, level, msg);
}

static int t_set_num_vfs(void *ctx, unsigned int n)
{
	struct timed_os *t = ctx;
	int rc;

	TIMED(t, rc = t->inner.ops->set_num_vfs(t->inner.ctx, n));
	return rc;
}

static const struct x710_osdep_ops timed_ops = {
	.rd32 = t_rd32, .wr32 = t_wr32, .dma_alloc = t_dma_alloc, .dma_free = t_dma_free,
	.delay_us = t_delay_us, .now_us = t_now_us, .log = t_log, .set_num_vfs = t_set_num_vfs,
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Plans @text against the live state and applies it (commit included). */
static int apply_text(void *port, const char *text)
{
	const struct sriov_backend *be = &sriov_backend_x710;
	struct sriov_schema schema = { be->schema };
	struct sriov_conf *conf = sriov_conf_new();
	struct sriov_live *live = NULL;
	struct sriov_plan *plan = NULL;
	struct sriov_apply_result res;
	struct sriov_error err = { 0 };
	int rc = -EINVAL;

	if (conf && sriov_conf_load_buffer(conf, "bench.conf", text, strlen(text)) == 0 &&
	    sriov_conf_resolve(conf, &schema) == 0 &&
	    be->ops->read_live(port, &schema, &live, &err) == 0 &&
	    sriov_plan_build(be, sriov_conf_resolved(conf), live, &plan, &err) == 0) {
		rc = sriov_apply(be, port, plan, live, &res);
		if (rc)
			fprintf(stderr, "pf-bench: apply: %s\n", res.error.message);
	} else {
		fprintf(stderr, "pf-bench: planning failed: %s\n", err.message);
	}
	sriov_plan_free(plan);
	sriov_live_free(live);
	sriov_conf_free(conf);
	return rc;
}

static void conf_text(char *buf, size_t len, unsigned int vfs)
{
	size_t at = (size_t)snprintf(buf, len, "PF { device : \"pf0\"; num_vfs : %u; }\n", vfs);

	for (unsigned int vf = 0; vf < vfs && at < len; vf++)
		at += (size_t)snprintf(buf + at, len - at,
				       "VF-%u { mac-addr : \"02:00:00:00:%02x:%02x\"; }\n", vf,
				       vf >> 8, vf & 0xff);
}

static int open_port(struct x710_osdep *os, void **port)
{
	struct sriov_error err = { 0 };

	if (x710_port_open_osdep(os, 0, 0, port, &err)) {
		fprintf(stderr, "pf-bench: PF init: %s\n", err.message);
		return -EIO;
	}
	return 0;
}

/* (a): ROUNDS times a fresh PF (closing the port removes the VFs), then
 * 0 -> 64 VFs timed; CPU ms in total, in the device, ours. */
static int bench_create(struct x710_osdep *os, struct timed_os *t, unsigned int rounds)
{
	static char on[CONF_MAX];
	uint64_t *ours = calloc(rounds, sizeof(*ours));
	void *port;

	if (!ours)
		return -ENOMEM;
	conf_text(on, sizeof(on), BENCH_VFS);
	for (unsigned int r = 0; r < rounds; r++) {
		uint64_t c0, d0, n0, total, dev;

		if (open_port(os, &port)) {
			free(ours);
			return -EIO;
		}
		c0 = cpu_ns();
		d0 = t->ns;
		n0 = t->calls;
		if (apply_text(port, on)) {
			sriov_x710_backend_ops.close(port);
			free(ours);
			return -EIO;
		}
		total = cpu_ns() - c0;
		dev = t->ns - d0;
		ours[r] = total - dev;
		printf("create+configure %u VFs: CPU %.2f ms total, %.2f ms in the device model "
		       "(%" PRIu64 " osdep calls), ours %.2f ms\n", BENCH_VFS, total / 1e6,
		       dev / 1e6, t->calls - n0, ours[r] / 1e6);
		sriov_x710_backend_ops.close(port);
	}
	qsort(ours, rounds, sizeof(*ours), cmp_u64);
	printf("(a) 64 VFs per PF, our CPU: median %.2f ms (%.1f us per VF) over %u rounds\n",
	       ours[rounds / 2] / 1e6, ours[rounds / 2] / 1e3 / BENCH_VFS, rounds);
	free(ours);
	return 0;
}

/* One round trip as vfh_call does it, with the CPU time of the PF's serve
 * passes (ours + the device's share inside them) added to *serve_ns. */
static int timed_call(struct tf *tf, void *port, struct tf_vf_aq *q, const void *msg,
		      uint16_t len, uint64_t *serve_ns)
{
	uint8_t buf[TF_VF_AQ_BUF];

	tf_vf_send(tf, q, VIRTCHNL_OP_GET_STATS, msg, len);
	for (unsigned int i = 0; i < VFH_MAX_PASSES; i++) {
		struct x710_aq_desc d;
		uint64_t c0 = cpu_ns();
		int rc = x710_port_serve_pass(port);

		*serve_ns += cpu_ns() - c0;
		if (rc < 0)
			return rc;
		x710sim_poll(tf->sim);
		if (tf_vf_recv(tf, q, &d, buf, sizeof(buf)) >= 0 &&
		    d.cookie_high == VIRTCHNL_OP_GET_STATS)
			return (int32_t)d.cookie_low == 0 ? 0 : -EIO;
	}
	return -ETIMEDOUT;
}

/* (b): GET_STATS round trips of VF-0..RTT_VFS-1 with 64 VFs configured. */
static int bench_mailbox(struct tf *tf, void *port, struct timed_os *t, unsigned int trips)
{
	static char on[CONF_MAX];
	uint64_t *rtt = calloc(trips, sizeof(*rtt));
	struct virtchnl_queue_select qs = { 0 };
	struct tf_vf_aq q[RTT_VFS];
	uint16_t vsi[RTT_VFS];
	uint64_t d0, serve = 0;

	conf_text(on, sizeof(on), BENCH_VFS);
	if (!rtt || apply_text(port, on)) {
		free(rtt);
		return -EIO;
	}
	for (unsigned int vf = 0; vf < RTT_VFS; vf++) {
		tf_vf_aq_init(tf, &q[vf], vf);
		vsi[vf] = vfh_init(tf, port, &q[vf]);
	}
	d0 = t->ns;
	for (unsigned int i = 0; i < trips; i++) {
		unsigned int vf = i % RTT_VFS;
		uint64_t w0;

		qs.vsi_id = vsi[vf];
		w0 = wall_ns();
		if (timed_call(tf, port, &q[vf], &qs, sizeof(qs), &serve)) {
			fprintf(stderr, "pf-bench: GET_STATS round trip %u failed\n", i);
			free(rtt);
			return -EIO;
		}
		rtt[i] = wall_ns() - w0;
	}
	/* The device's share: osdep calls, all of which the serve passes make. */
	uint64_t dev = t->ns - d0;

	qsort(rtt, trips, sizeof(*rtt), cmp_u64);
	printf("(b) mailbox round trip (GET_STATS, in process, model included): median %.2f us, "
	       "p99 %.2f us over %u (%u VFs)\n", rtt[trips / 2] / 1e3, rtt[trips * 99 / 100] / 1e3,
	       trips, RTT_VFS);
	printf("    PF side CPU per round trip: %.2f us in serve passes, %.2f us of it in the device "
	       "model, ours %.2f us\n", serve / 1e3 / trips, dev / 1e3 / trips,
	       (serve - dev) / 1e3 / trips);
	for (unsigned int vf = 0; vf < RTT_VFS; vf++)
		tf_vf_aq_fini(&q[vf]);
	free(rtt);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int rounds = argc > 1 ? (unsigned int)strtoul(argv[1], NULL, 10) : DEFAULT_ROUNDS;
	unsigned int trips = argc > 2 ? (unsigned int)strtoul(argv[2], NULL, 10) : DEFAULT_TRIPS;
	struct timed_os t = { 0 };
	struct x710_osdep os;
	struct tf tf;
	void *port;
	int rc;

	if (rounds == 0 || trips == 0) {
		fprintf(stderr, "usage: pf-bench [ROUNDS [ROUND_TRIPS]] (both > 0)\n");
		return 2;
	}
	tf_setup_model(&tf, BENCH_VFS);
	t.inner = tf.hw->os;
	os = (struct x710_osdep){ &timed_ops, &t };
	rc = bench_create(&os, &t, rounds);
	if (rc == 0 && (rc = open_port(&os, &port)) == 0) {
		rc = bench_mailbox(&tf, port, &t, trips);
		sriov_x710_backend_ops.close(port);
	}
	free(tf.hw);
	x710sim_destroy(tf.sim);
	return rc ? 1 : 0;
}
