/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * HMC and LAN queue enable (x710-hardware.md §3.3, §3.6): segment
 * descriptors (direct and paged), Tx/Rx context decode on QENA_REQ, the
 * owner and tail register chosen from QTX_CTL / VPLAN_QTABLE / MAPENA, STAT
 * following REQ, and a VF reset stopping the VF's queues.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim_test_fixture.h"
#include "sim_test_pf_lan.h"

#define VFS 4
#define QPS (1536 / 2)
#define SD_SIZE (2u << 20)
#define RX_BASE_512 ((QPS * 128 + 511) / 512)   /* Rx objects after Tx, 512-aligned */

struct t {
	struct fx fx;
	uint8_t *hmc;        /* one 2 MB direct SD */
	uint8_t *ring;
};

static int setup(void **state)
{
	static struct t t;

	fx_setup(&t.fx, 2, VFS);
	assert_int_equal(x710sim_set_num_vfs(t.fx.sim, 0, 2), 0);
	t.hmc = aligned_alloc(SD_SIZE, SD_SIZE);
	t.ring = aligned_alloc(4096, 65536);
	assert_non_null(t.hmc);
	assert_non_null(t.ring);
	memset(t.hmc, 0, SD_SIZE);
	fx_w32(&t.fx, fx_pf(0), X710_GLHMC_LANTXBASE(0), 0);
	fx_w32(&t.fx, fx_pf(0), X710_GLHMC_LANTXCNT(0), QPS);
	fx_w32(&t.fx, fx_pf(0), X710_GLHMC_LANRXBASE(0), RX_BASE_512);
	fx_w32(&t.fx, fx_pf(0), X710_GLHMC_LANRXCNT(0), QPS);
	fx_program_sd(&t.fx, 0, 0, (uintptr_t)t.hmc, true);
	/* VF 1 (absolute 1) owns PF queues 40 and 41 as its queues 0 and 1. */
	fx_w32(&t.fx, fx_pf(0), X710_VPLAN_MAPENA(1), X710_VPLAN_MAPENA_TXRX_ENA_MASK);
	for (unsigned int i = 0; i < 16; i++)
		fx_w32(&t.fx, fx_pf(0), X710_VPLAN_QTABLE(i, 1), i < 2 ? 40 + i : X710_QUEUE_END_OF_LIST);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	struct t *t = *state;

	fx_teardown(&t->fx);
	free(t->hmc);
	free(t->ring);
	return 0;
}

static uint8_t *txctx(struct t *t, unsigned int q) { return t->hmc + q * 128; }
static uint8_t *rxctx(struct t *t, unsigned int q) { return t->hmc + RX_BASE_512 * 512 + q * 32; }

static void vf_tx_queue_binds_to_the_vf_tail(void **state)
{
	struct t *t = *state;
	struct x710sim_queue_info qi;

	fx_write_tx_ctx(txctx(t, 40), (uintptr_t)t->ring, 256);
	fx_w32(&t->fx, fx_pf(0), X710_QTX_CTL(40), X710_QTX_CTL_PFVF_Q_VF |
	       0 << X710_QTX_CTL_PF_INDX_SHIFT | 1 << X710_QTX_CTL_VFVM_INDX_SHIFT);
	fx_w32(&t->fx, fx_pf(0), X710_GLLAN_TXPRE_QDIS(0), 40 | X710_GLLAN_TXPRE_QDIS_CLEAR_QDIS_MASK);
	fx_w32(&t->fx, fx_pf(0), X710_QTX_ENA(40), X710_QENA_REQ_MASK);
	x710sim_poll(t->fx.sim);
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_QTX_ENA(40)),
			 X710_QENA_REQ_MASK | X710_QENA_STAT_MASK);
	assert_int_equal(x710sim_queue_info(t->fx.sim, 0, 40, true, &qi), 0);
	assert_true(qi.running);
	assert_int_equal(qi.vf, 1);
	assert_int_equal(qi.tail_off, X710_VF_BAR0_QTX_TAIL1(0));
	assert_int_equal(qi.ring_iova, (uintptr_t)t->ring);
	assert_int_equal(qi.qlen, 256);
	assert_int_equal(qi.starts, 1);

	fx_w32(&t->fx, fx_pf(0), X710_QTX_ENA(40), 0);
	x710sim_poll(t->fx.sim);
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_QTX_ENA(40)), 0);
	assert_int_equal(x710sim_queue_info(t->fx.sim, 0, 40, true, &qi), 0);
	assert_false(qi.running);
	/* GLLAN_TXPRE_QDIS keeps QINDX; its SET/CLEAR command bits self-clear. */
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_GLLAN_TXPRE_QDIS(0)), 40);
}

static void vf_rx_queue_context_decoded(void **state)
{
	struct t *t = *state;
	struct x710sim_queue_info qi;

	fx_write_rx_ctx(rxctx(t, 41), (uintptr_t)t->ring + 8192, 512);
	fx_w32(&t->fx, fx_pf(0), X710_QRX_ENA(41), X710_QENA_REQ_MASK);
	x710sim_poll(t->fx.sim);
	assert_true(fx_r32(&t->fx, fx_pf(0), X710_QRX_ENA(41)) & X710_QENA_STAT_MASK);
	assert_int_equal(x710sim_queue_info(t->fx.sim, 0, 41, false, &qi), 0);
	assert_int_equal(qi.vf, 1);
	assert_int_equal(qi.tail_off, X710_VF_BAR0_QRX_TAIL1(1));
	assert_int_equal(qi.ring_iova, (uintptr_t)t->ring + 8192);
	assert_int_equal(qi.qlen, 512);
	assert_int_equal(qi.dbuff_bytes, 2048);
	assert_int_equal(qi.rxmax, 1518);
	assert_true(qi.crcstrip);

	/* A VF reset stops the VF's queues and clears their enable. */
	fx_w32(&t->fx, fx_pf(0), X710_VPGEN_VFRTRIG(1), X710_VPGEN_VFRTRIG_VFSWR_MASK);
	x710sim_poll(t->fx.sim);
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_QRX_ENA(41)), 0);
	assert_int_equal(x710sim_queue_info(t->fx.sim, 0, 41, false, &qi), 0);
	assert_false(qi.running);
}

static void pf_queue_uses_the_pf_tail(void **state)
{
	struct t *t = *state;
	struct x710sim_queue_info qi;

	fx_write_tx_ctx(txctx(t, 5), (uintptr_t)t->ring, 64);
	fx_w32(&t->fx, fx_pf(0), X710_QTX_CTL(5), X710_QTX_CTL_PFVF_Q_PF);
	fx_w32(&t->fx, fx_pf(0), X710_QTX_ENA(5), X710_QENA_REQ_MASK);
	x710sim_poll(t->fx.sim);
	assert_int_equal(x710sim_queue_info(t->fx.sim, 0, 5, true, &qi), 0);
	assert_true(qi.running);
	assert_int_equal(qi.vf, -1);
	assert_int_equal(qi.tail_off, X710_QTX_TAIL(5));
}

static void vf_tx_queue_missing_from_qtable_stays_off(void **state)
{
	struct t *t = *state;
	struct x710sim_queue_info qi;

	fx_write_tx_ctx(txctx(t, 50), (uintptr_t)t->ring, 64);
	fx_w32(&t->fx, fx_pf(0), X710_QTX_CTL(50), X710_QTX_CTL_PFVF_Q_VF |
	       1 << X710_QTX_CTL_VFVM_INDX_SHIFT);
	fx_w32(&t->fx, fx_pf(0), X710_QTX_ENA(50), X710_QENA_REQ_MASK);
	x710sim_poll(t->fx.sim);
	assert_false(fx_r32(&t->fx, fx_pf(0), X710_QTX_ENA(50)) & X710_QENA_STAT_MASK);
	assert_int_equal(x710sim_queue_info(t->fx.sim, 0, 50, true, &qi), 0);
	assert_false(qi.running);
	assert_non_null(strstr(t->fx.last_log, "VPLAN_QTABLE"));
}

static void paged_sd_reaches_the_context_through_a_pd(void **state)
{
	struct t *t = *state;
	struct x710sim_queue_info qi;
	uint64_t *pd = aligned_alloc(4096, 4096);
	uint8_t *pages = aligned_alloc(4096, 64 * 4096);
	unsigned int q = 700;                            /* Rx object in PD page 64+ */
	uint64_t fpm = (uint64_t)RX_BASE_512 * 512 + q * 32;

	assert_non_null(pd);
	assert_non_null(pages);
	memset(pd, 0, 4096);
	memset(pages, 0, 64 * 4096);
	pd[fpm / 4096] = ((uintptr_t)pages + 4096) | 1;   /* any page will do */
	fx_program_sd(&t->fx, 0, 0, (uintptr_t)pd, false);
	fx_write_rx_ctx(pages + 4096 + fpm % 4096, (uintptr_t)t->ring, 128);
	fx_w32(&t->fx, fx_pf(0), X710_QRX_ENA(q), X710_QENA_REQ_MASK);
	x710sim_poll(t->fx.sim);
	assert_int_equal(x710sim_queue_info(t->fx.sim, 0, q, false, &qi), 0);
	assert_true(qi.running);
	assert_int_equal(qi.qlen, 128);

	/* An invalid PD entry: the context is unreachable, STAT stays 0. */
	pd[fpm / 4096] = 0;
	fx_w32(&t->fx, fx_pf(0), X710_QRX_ENA(q - 1), X710_QENA_REQ_MASK);
	x710sim_poll(t->fx.sim);
	assert_false(fx_r32(&t->fx, fx_pf(0), X710_QRX_ENA(q - 1)) & X710_QENA_STAT_MASK);
	free(pd);
	free(pages);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(vf_tx_queue_binds_to_the_vf_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(vf_rx_queue_context_decoded, setup, teardown),
		cmocka_unit_test_setup_teardown(pf_queue_uses_the_pf_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(vf_tx_queue_missing_from_qtable_stays_off, setup, teardown),
		cmocka_unit_test_setup_teardown(paged_sd_reaches_the_context_through_a_pd, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
