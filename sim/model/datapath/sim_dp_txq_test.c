/* SPDX-License-Identifier: BSD-2-Clause */
/* Tx engine (x710-hardware.md §4.1): DESC_DONE on RS in ring order, context
 * descriptors skipped, multi-segment frames, malformed chains dropped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim_dp_test_dma.h"
#include "sim_dp_test_fixture.h"

#define QLEN 64

static int setup(void **state)
{
	*state = fx_ab_new(QLEN);
	return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	fx_ab_free(*state);
	return 0;
}

static unsigned int dtype(const struct fx_txring *t, uint16_t i)
{
	return (unsigned int)(__atomic_load_n(&t->ring[i].cmd_type_offset_bsz, __ATOMIC_ACQUIRE) &
			      X710_TXD_QW1_DTYPE_MASK);
}

static void test_desc_done_only_on_rs(void **state)
{
	struct fx_ab *c = *state;
	uint8_t f[64];

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 4);
	assert_int_equal(dtype(&c->tx, 0), X710_TX_DTYPE_DATA);
	assert_int_equal(dtype(&c->tx, 1), X710_TX_DTYPE_DESC_DONE);
	assert_int_equal(dtype(&c->tx, 2), X710_TX_DTYPE_DATA);
	assert_int_equal(dtype(&c->tx, 3), X710_TX_DTYPE_DESC_DONE);
	assert_int_equal(sim_dp_txq_head(c->fx.dp, 0, 0), 4);
	for (uint16_t i = 0; i < 4; i++) {
		assert_true(fx_rx_dd(&c->rx, i));
		assert_int_equal(fx_rx_len(&c->rx, i), 64);
		assert_memory_equal(fx_rx_buf(&c->rx, i), f, sizeof(f));
	}
	assert_false(fx_rx_dd(&c->rx, 4));
	assert_int_equal(c->a->stats.tx_unicast, 4);
	assert_int_equal(c->b->stats.rx_unicast, 4);
	/* Nothing new: a poll does no work. */
	assert_int_equal(sim_dp_poll(c->fx.dp), 0);
}

/* An RS descriptor of a frame whose EOP is not yet posted stays untouched,
 * and is completed once the rest arrives: completion follows ring order. */
static void test_desc_done_waits_for_whole_frame(void **state)
{
	struct fx_ab *c = *state;
	uint8_t f[300];

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	fx_tx_data(&c->tx, f, 64, X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_data(&c->tx, f, 100, X710_TX_CMD_RS);      /* first half of frame 2 */
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
	assert_int_equal(dtype(&c->tx, 0), X710_TX_DTYPE_DESC_DONE);
	assert_int_equal(dtype(&c->tx, 1), X710_TX_DTYPE_DATA);
	assert_int_equal(sim_dp_txq_head(c->fx.dp, 0, 0), 1);
	fx_tx_data(&c->tx, f + 100, 200, X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
	assert_int_equal(dtype(&c->tx, 1), X710_TX_DTYPE_DESC_DONE);
	assert_int_equal(dtype(&c->tx, 2), X710_TX_DTYPE_DESC_DONE);
	assert_int_equal(fx_rx_len(&c->rx, 1), 300);
	assert_memory_equal(fx_rx_buf(&c->rx, 1), f, sizeof(f));
}

static void test_context_descriptor_skipped(void **state)
{
	struct fx_ab *c = *state;
	uint8_t f[128];
	uint16_t ctx_slot;

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	ctx_slot = fx_tx_context(&c->tx);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
	assert_int_equal(sim_dp_txq_head(c->fx.dp, 0, 0), 2);   /* it took a slot */
	assert_int_equal(dtype(&c->tx, ctx_slot), X710_TX_DTYPE_CONTEXT);
	assert_int_equal(dtype(&c->tx, 1), X710_TX_DTYPE_DESC_DONE);
	assert_int_equal(fx_rx_len(&c->rx, 0), sizeof(f));
	assert_memory_equal(fx_rx_buf(&c->rx, 0), f, sizeof(f));
	assert_false(fx_rx_dd(&c->rx, 1));
}

static void test_multi_segment(void **state)
{
	struct fx_ab *c = *state;
	uint8_t f[1000];

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	fx_tx_data(&c->tx, f, 300, 0);
	fx_tx_data(&c->tx, f + 300, 300, 0);
	fx_tx_data(&c->tx, f + 600, 400, X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
	assert_int_equal(fx_rx_len(&c->rx, 0), sizeof(f));
	assert_memory_equal(fx_rx_buf(&c->rx, 0), f, sizeof(f));
	assert_int_equal(c->a->stats.tx_bytes, sizeof(f));
}

static void test_short_frame_padded(void **state)
{
	struct fx_ab *c = *state;
	uint8_t f[42];

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
	assert_int_equal(fx_rx_len(&c->rx, 0), 60);
	assert_memory_equal(fx_rx_buf(&c->rx, 0), f, sizeof(f));
	for (int i = 42; i < 60; i++)
		assert_int_equal(fx_rx_buf(&c->rx, 0)[i], 0);
}

static void test_malformed_chains_dropped(void **state)
{
	struct fx_ab *c = *state;
	static uint8_t big[2000];
	uint8_t f[64];

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	fx_frame(big, sizeof(big), fx_mac_b, fx_mac_a);
	/* A zero-length buffer. */
	fx_tx_data(&c->tx, f, 0, X710_TX_CMD_EOP | X710_TX_CMD_RS);
	/* 5 x 2000 bytes: over SIM_DP_MAX_FRAME. */
	for (int i = 0; i < 4; i++)
		fx_tx_data(&c->tx, big, sizeof(big), 0);
	fx_tx_data(&c->tx, big, sizeof(big), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	/* Shorter than an Ethernet header. */
	fx_tx_data(&c->tx, f, 10, X710_TX_CMD_EOP | X710_TX_CMD_RS);
	/* And a good one after them. */
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 4);
	assert_int_equal(c->a->drops[SIM_DROP_TX_MALFORMED], 3);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_TX_MALFORMED], 3);
	assert_int_equal(c->a->stats.tx_errors, 3);
	/* Their RS descriptors are still completed, so the driver can reclaim. */
	assert_int_equal(dtype(&c->tx, 0), X710_TX_DTYPE_DESC_DONE);
	assert_int_equal(dtype(&c->tx, 5), X710_TX_DTYPE_DESC_DONE);
	assert_int_equal(dtype(&c->tx, 6), X710_TX_DTYPE_DESC_DONE);
	assert_int_equal(dtype(&c->tx, 7), X710_TX_DTYPE_DESC_DONE);
	assert_int_equal(c->b->stats.rx_unicast, 1);
	assert_int_equal(fx_rx_len(&c->rx, 0), 64);
}

static void test_bad_tail_ignored(void **state)
{
	struct fx_ab *c = *state;
	uint8_t f[64];

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	c->tx.tail = QLEN + 5;
	assert_int_equal(sim_dp_poll(c->fx.dp), 0);
	assert_int_equal(sim_dp_txq_head(c->fx.dp, 0, 0), 0);
	assert_int_equal(sim_dp_queue_bad_tail(c->fx.dp, 0, 0, 1), 1);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->tx_bad_tail, 1);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->rx_bad_tail, 0);
	assert_int_equal(dtype(&c->tx, 0), X710_TX_DTYPE_DATA);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
}

/* A full ring without EOP can never complete: consumed as malformed. */
static void test_full_ring_without_eop(void **state)
{
	struct fx_ab *c = *state;
	uint8_t f[64];

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	for (int i = 0; i < QLEN - 1; i++)
		fx_tx_data(&c->tx, f, sizeof(f), i == 10 ? X710_TX_CMD_RS : 0);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
	assert_int_equal(c->a->drops[SIM_DROP_TX_MALFORMED], 1);
	assert_int_equal(sim_dp_txq_head(c->fx.dp, 0, 0), QLEN - 1);
	assert_int_equal(dtype(&c->tx, 10), X710_TX_DTYPE_DESC_DONE);
	assert_int_equal(c->b->stats.rx_unicast, 0);
}

/* A buffer whose IOVA does not map is a DMA fault, not a crash. */
static void *faulting_map(void *ctx, uint64_t iova, size_t len)
{
	(void)ctx;
	(void)len;
	return iova >= UINT64_C(0xF000000000000000) ? NULL : (void *)(uintptr_t)iova;
}

static void test_dma_fault(void **state)
{
	static const struct sim_dma_ops faulting = { .map = faulting_map };
	struct fx fx;
	struct fx_txring tx;
	struct sim_vsi *a;

	(void)state;
	assert_int_equal(fx_setup(&fx, 1, &faulting), 0);
	a = fx_vsi(&fx, 1, 0, fx_mac_a, 0);
	assert_int_equal(fx_txq(&fx, &tx, 0, 0, 1, 8), 0);
	tx.ring[0].buffer_addr = UINT64_C(0xF000000000001000);
	tx.ring[0].cmd_type_offset_bsz = ((uint64_t)(X710_TX_CMD_EOP | X710_TX_CMD_RS)
					  << X710_TXD_QW1_CMD_SHIFT) |
					 ((uint64_t)64 << X710_TXD_QW1_BUF_SZ_SHIFT);
	tx.tail = 1;
	assert_int_equal(sim_dp_poll(fx.dp), 1);
	assert_int_equal(a->drops[SIM_DROP_DMA_FAULT], 1);
	assert_int_equal(dtype(&tx, 0), X710_TX_DTYPE_DESC_DONE);
	fx_txring_free(&tx);
	fx_teardown(&fx);
}

static void test_head_write_back(void **state)
{
	struct fx_ab *c = *state;
	struct sim_queue_binding b = { .tail = &c->tx.tail, .pf = 0, .pf_queue = 0, .vsi = 1 };
	struct sim_txq_ctx tctx = { 0 };
	uint32_t head_wb = 0xFFFFFFFF;
	uint8_t f[64];

	tctx.base_iova = (uint64_t)(uintptr_t)c->tx.ring;
	tctx.qlen = QLEN;
	tctx.head_wb_ena = true;
	tctx.head_wb_addr = (uint64_t)(uintptr_t)&head_wb;
	assert_int_equal(sim_dp_txq_start(c->fx.dp, &b, &tctx), 0);
	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	fx_tx_context(&c->tx);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
	assert_int_equal(head_wb, 2);
}

static void test_stop_and_invalid_start(void **state)
{
	struct fx_ab *c = *state;
	struct sim_queue_binding b = { .tail = &c->tx.tail, .pf = 0, .pf_queue = 0, .vsi = 1 };
	struct sim_txq_ctx bad = { .base_iova = 0x1000, .qlen = 1 };
	uint8_t f[64];

	assert_int_equal(sim_dp_txq_start(c->fx.dp, &b, &bad), -22);
	b.pf = 3;
	bad.qlen = 64;
	assert_int_equal(sim_dp_txq_start(c->fx.dp, &b, &bad), -22);
	sim_dp_txq_stop(c->fx.dp, 0, 0);
	assert_int_equal(sim_dp_txq_head(c->fx.dp, 0, 0), -1);
	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 0);
	assert_int_equal(dtype(&c->tx, 0), X710_TX_DTYPE_DATA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_desc_done_only_on_rs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desc_done_waits_for_whole_frame, setup, teardown),
		cmocka_unit_test_setup_teardown(test_context_descriptor_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multi_segment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_short_frame_padded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_chains_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_tail_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_ring_without_eop, setup, teardown),
		cmocka_unit_test(test_dma_fault),
		cmocka_unit_test_setup_teardown(test_head_write_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_and_invalid_start, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
