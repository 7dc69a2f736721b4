/* SPDX-License-Identifier: BSD-2-Clause */
/* The data path's lifecycle: parameter checks, queue contexts the model
 * refuses, the dense list of running Tx queues, VSI lookup. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim_dp_test_dma.h"
#include "sim_dp_test_fixture.h"

static void test_create_checks_params(void **state)
{
	struct sim_vsi *vsis = calloc(SIM_VSI_MAX, sizeof(*vsis));
	struct sim_dp_params p = { .n_ports = 2, .vsis = vsis, .dma = &sim_dp_test_identity_dma };
	struct sim_datapath *dp;

	(void)state;
	assert_int_equal(sim_dp_create(NULL, &dp), -EINVAL);
	p.n_ports = 0;
	assert_int_equal(sim_dp_create(&p, &dp), -EINVAL);
	p.n_ports = SIM_DP_MAX_PORTS + 1;
	assert_int_equal(sim_dp_create(&p, &dp), -EINVAL);
	p.n_ports = 2;
	p.vsis = NULL;
	assert_int_equal(sim_dp_create(&p, &dp), -EINVAL);
	p.vsis = vsis;
	assert_int_equal(sim_dp_create(&p, &dp), 0);
	assert_non_null(sim_dp_port_stats(dp, 1));
	assert_null(sim_dp_port_stats(dp, 2));
	assert_int_equal(sim_dp_poll(dp), 0);
	sim_dp_destroy(dp);
	free(vsis);
}

static void test_rx_context_checks(void **state)
{
	struct fx fx;
	uint32_t tail = 0;
	struct sim_queue_binding b = { .tail = &tail, .pf = 0, .pf_queue = 3, .vsi = 1 };
	struct sim_rxq_ctx rc = { .base_iova = 0x100000, .qlen = 64, .dbuff_bytes = 2048,
				  .dsize_32 = true, .crcstrip = true, .rxmax = 1522 };

	(void)state;
	assert_int_equal(fx_setup(&fx, 1, &sim_dp_test_identity_dma), 0);
	rc.dsize_32 = false;        /* 16-byte descriptors: not modelled */
	assert_int_equal(sim_dp_rxq_start(fx.dp, &b, &rc), -ENOTSUP);
	rc.dsize_32 = true;
	rc.dtype = 1;               /* header split */
	assert_int_equal(sim_dp_rxq_start(fx.dp, &b, &rc), -ENOTSUP);
	rc.dtype = 0;
	rc.dbuff_bytes = 0;
	assert_int_equal(sim_dp_rxq_start(fx.dp, &b, &rc), -EINVAL);
	rc.dbuff_bytes = 1000;      /* not in 128-byte units */
	assert_int_equal(sim_dp_rxq_start(fx.dp, &b, &rc), -EINVAL);
	rc.dbuff_bytes = 2048;
	rc.head = 64;
	assert_int_equal(sim_dp_rxq_start(fx.dp, &b, &rc), -EINVAL);
	rc.head = 0;
	b.tail = NULL;
	assert_int_equal(sim_dp_rxq_start(fx.dp, &b, &rc), -EINVAL);
	b.tail = &tail;
	b.pf_queue = SIM_DP_MAX_QUEUES;
	assert_int_equal(sim_dp_rxq_start(fx.dp, &b, &rc), -EINVAL);
	assert_int_equal(sim_dp_rxq_head(fx.dp, 0, 3), -1);
	fx_teardown(&fx);
}

/* Three Tx queues; stopping the middle one keeps the other two served, and
 * restarting a running queue does not list it twice. */
static void test_active_list(void **state)
{
	struct fx fx;
	struct fx_txring tx[3];
	struct fx_rxring rx;
	struct sim_vsi *b;
	uint8_t f[64];

	(void)state;
	assert_int_equal(fx_setup(&fx, 1, &sim_dp_test_identity_dma), 0);
	fx_vsi(&fx, 1, 0, fx_mac_a, 0);
	b = fx_vsi(&fx, 2, 0, fx_mac_b, 100);
	assert_int_equal(fx_rxq(&fx, &rx, 0, 100, 2, 64, 2048, 9728, 63), 0);
	for (uint16_t i = 0; i < 3; i++)
		assert_int_equal(fx_txq(&fx, &tx[i], 0, i, 1, 16), 0);
	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	sim_dp_txq_stop(fx.dp, 0, 1);
	sim_dp_txq_stop(fx.dp, 0, 1);   /* twice is harmless */
	for (int i = 0; i < 3; i++) {
		fx_tx_data(&tx[i], f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
		fx_tx_kick(&tx[i]);
	}
	assert_int_equal(sim_dp_poll(fx.dp), 2);
	assert_int_equal(b->stats.rx_unicast, 2);
	assert_int_equal(sim_dp_txq_head(fx.dp, 0, 1), -1);
	/* Restart queue 2 while running: it must be polled once, not twice. */
	{
		struct sim_queue_binding bd = { .tail = &tx[2].tail, .pf = 0, .pf_queue = 2, .vsi = 1 };
		struct sim_txq_ctx tc = { .base_iova = (uint64_t)(uintptr_t)tx[2].ring, .qlen = 16,
					  .head = 1 };

		assert_int_equal(sim_dp_txq_start(fx.dp, &bd, &tc), 0);
	}
	fx_tx_data(&tx[2], f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&tx[2]);
	assert_int_equal(sim_dp_poll(fx.dp), 1);
	assert_int_equal(b->stats.rx_unicast, 3);
	for (int i = 0; i < 3; i++)
		fx_txring_free(&tx[i]);
	fx_rxring_free(&rx);
	fx_teardown(&fx);
}

/* The VSI table entry need not sit at index vsi_num. */
static void test_vsi_found_by_number(void **state)
{
	struct fx fx;
	struct fx_rxring rx;
	struct sim_vsi *v;
	uint8_t f[64];

	(void)state;
	assert_int_equal(fx_setup(&fx, 1, &sim_dp_test_identity_dma), 0);
	v = fx_vsi(&fx, 7, 0, fx_mac_b, 0);
	v->vsi_num = 200;
	assert_int_equal(fx_rxq(&fx, &rx, 0, 0, 200, 32, 2048, 9728, 31), 0);
	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	assert_int_equal(sim_dp_wire_inject(fx.dp, 0, f, sizeof(f)), 0);
	assert_int_equal(v->stats.rx_unicast, 1);
	fx_rxring_free(&rx);
	fx_teardown(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_checks_params),
		cmocka_unit_test(test_rx_context_checks),
		cmocka_unit_test(test_active_list),
		cmocka_unit_test(test_vsi_found_by_number),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
