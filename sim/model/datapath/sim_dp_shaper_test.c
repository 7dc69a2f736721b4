/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VSI Tx rate limit (config_vsi_bw_limit): with a fake host clock, a VSI
 * never sends more than rate x T + burst bytes in T simulated seconds, keeps
 * the rest in its ring (no drops), and keeps up with the rate; without a
 * limit nothing is held and the clock is never read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim_dp_test_dma.h"
#include "sim_dp_test_fixture.h"

#define QLEN          64
#define FRAME_LEN     1000
#define NS_PER_S      1000000000ull
#define STEP_NS       100000ull      /* 100 us of simulated time per poll */
#define SIM_SECONDS   2ull
#define CREDIT_BYTES_PER_S 6250000ull /* 50 Mbps, one credit */

struct ctx {
	struct fx fx;
	struct fx_txring tx;
	struct sim_vsi *a;
	uint8_t frame[FRAME_LEN];
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	assert_non_null(c);
	assert_int_equal(fx_setup(&c->fx, 1, &sim_dp_test_identity_dma), 0);
	c->a = fx_vsi(&c->fx, 1, 0, fx_mac_a, 0);
	(void)fx_vsi(&c->fx, 2, 0, fx_mac_b, 1);   /* takes the frames; queue off */
	assert_int_equal(fx_txq(&c->fx, &c->tx, 0, 0, 1, QLEN), 0);
	fx_frame(c->frame, sizeof(c->frame), fx_mac_b, fx_mac_a);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	fx_txring_free(&c->tx);
	fx_teardown(&c->fx);
	free(c);
	return 0;
}

/* The driver keeps every free slot filled, as a sender above the rate. */
static unsigned int fill_ring(struct ctx *c)
{
	uint16_t head = (uint16_t)sim_dp_txq_head(c->fx.dp, 0, 0);
	unsigned int n = 0;

	while ((uint16_t)((c->tx.next + 1) % QLEN) != head) {
		fx_tx_data(&c->tx, c->frame, sizeof(c->frame), X710_TX_CMD_EOP | X710_TX_CMD_RS);
		n++;
	}
	fx_tx_kick(&c->tx);
	return n;
}

static void limited_vsi_sends_at_most_rate_times_t_plus_burst(void **state)
{
	struct ctx *c = *state;
	uint64_t rate = 4 * CREDIT_BYTES_PER_S;                 /* 200 Mbps */
	uint64_t burst = sim_dp_shaper_burst_bytes(2);
	uint64_t posted = 0;

	c->a->bw_credit = 4;
	c->a->bw_max_credit = 2;
	assert_int_equal(sim_dp_shaper_rate(4), rate);
	for (uint64_t t = 0; t <= SIM_SECONDS * NS_PER_S; t += STEP_NS) {
		c->fx.clock_ns = t;
		posted += fill_ring(c);
		(void)sim_dp_poll(c->fx.dp);
		/* t ns since the bucket was primed (full) at 0. */
		assert_true(c->a->stats.tx_bytes <= rate * t / NS_PER_S + burst);
	}
	/* Held back, not dropped: the sender still has frames queued, nothing
	 * was discarded, and it got the whole rate (within one frame). */
	assert_true(posted * FRAME_LEN > c->a->stats.tx_bytes);
	assert_int_not_equal(sim_dp_txq_head(c->fx.dp, 0, 0), c->tx.tail);
	assert_int_equal(c->a->stats.tx_discards, 0);
	assert_int_equal(c->a->stats.tx_errors, 0);
	for (unsigned int r = 0; r < SIM_DROP_REASON_COUNT; r++)
		assert_int_equal(c->a->drops[r], 0);
	assert_true(c->a->stats.tx_bytes + FRAME_LEN >= rate * SIM_SECONDS);
}

static void burst_then_exact_refill(void **state)
{
	struct ctx *c = *state;
	uint64_t burst = sim_dp_shaper_burst_bytes(0);   /* 6250 B < one 9728 B frame */

	assert_int_equal(burst, 9728);
	c->a->bw_credit = 1;
	c->fx.clock_ns = 5 * NS_PER_S;   /* any start: the bucket primes full */
	fill_ring(c);
	(void)sim_dp_poll(c->fx.dp);
	assert_int_equal(c->a->stats.tx_bytes, (burst / FRAME_LEN) * FRAME_LEN);
	/* The same instant again: nothing more. */
	(void)sim_dp_poll(c->fx.dp);
	assert_int_equal(c->a->stats.tx_bytes, 9 * FRAME_LEN);
	/* 1 ms at 50 Mbps is 6250 B: with the 728 B left, 6 more frames. */
	c->fx.clock_ns += 1000000;
	(void)sim_dp_poll(c->fx.dp);
	assert_int_equal(c->a->stats.tx_bytes, 15 * FRAME_LEN);
	/* A clock that steps back adds nothing. */
	c->fx.clock_ns -= 500000;
	(void)sim_dp_poll(c->fx.dp);
	assert_int_equal(c->a->stats.tx_bytes, 15 * FRAME_LEN);
}

static void limit_removed_releases_the_ring(void **state)
{
	struct ctx *c = *state;

	c->a->bw_credit = 1;
	fill_ring(c);
	(void)sim_dp_poll(c->fx.dp);
	assert_int_not_equal(sim_dp_txq_head(c->fx.dp, 0, 0), c->tx.tail);
	c->a->bw_credit = 0;
	(void)sim_dp_poll(c->fx.dp);
	assert_int_equal(sim_dp_txq_head(c->fx.dp, 0, 0), c->tx.tail);
	assert_int_equal(c->a->stats.tx_unicast, QLEN - 1);
}

static void unlimited_vsi_is_not_held_and_clock_not_read(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(fill_ring(c), QLEN - 1);
	assert_int_equal(sim_dp_poll(c->fx.dp), QLEN - 1);
	assert_int_equal(c->a->stats.tx_bytes, (QLEN - 1) * FRAME_LEN);
	assert_int_equal(c->fx.clock_reads, 0);
}

static void clock_read_once_per_poll(void **state)
{
	struct ctx *c = *state;
	struct fx_txring tx2;
	struct sim_vsi *b = &c->fx.vsis[2];

	assert_int_equal(fx_txq(&c->fx, &tx2, 0, 1, 2, QLEN), 0);
	c->a->bw_credit = 100;
	b->bw_credit = 100;
	fill_ring(c);
	fx_tx_data(&tx2, c->frame, sizeof(c->frame), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&tx2);
	(void)sim_dp_poll(c->fx.dp);
	assert_int_equal(c->fx.clock_reads, 1);
	c->fx.clock_ns += STEP_NS;
	(void)sim_dp_poll(c->fx.dp);
	assert_int_equal(c->fx.clock_reads, 2);
	fx_txring_free(&tx2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(limited_vsi_sends_at_most_rate_times_t_plus_burst,
						setup, teardown),
		cmocka_unit_test_setup_teardown(burst_then_exact_refill, setup, teardown),
		cmocka_unit_test_setup_teardown(limit_removed_releases_the_ring, setup, teardown),
		cmocka_unit_test_setup_teardown(unlimited_vsi_is_not_held_and_clock_not_read,
						setup, teardown),
		cmocka_unit_test_setup_teardown(clock_read_once_per_poll, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
