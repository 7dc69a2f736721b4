/* SPDX-License-Identifier: BSD-2-Clause */
/* Port VLAN (x710-hardware.md §3.4): pvid inserted on Tx, stripped on Rx
 * per EMOD, reported in l2tag1 when EMOD says so; isolation by VLAN filter. */
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

#define QLEN 32
#define PVLAN_MODE_TAGGED   0x01
#define PVLAN_INSERT_PVID   0x04
#define PVLAN_EMOD_STR_BOTH 0x00
#define PVLAN_EMOD_STR      0x10
#define PVLAN_EMOD_NOTHING  0x18
#define PVID                0x2064   /* priority 1, VLAN 100 */
#define PVID_VID            100

/* A: VF with port VLAN 100 (filter MAC A on VLAN 100); B: plain VSI. */
struct ctx {
	struct fx fx;
	struct fx_txring tx;
	struct fx_rxring rxa, rxb;
	struct sim_vsi *a, *b;
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	assert_non_null(c);
	assert_int_equal(fx_setup(&c->fx, 1, &sim_dp_test_identity_dma), 0);
	c->a = fx_vsi(&c->fx, 1, 0, fx_mac_a, 0);
	c->a->pvid = PVID;
	c->a->port_vlan_flags = PVLAN_MODE_TAGGED | PVLAN_INSERT_PVID | PVLAN_EMOD_STR;
	c->a->filters[0].ignore_vlan = false;
	c->a->filters[0].vlan = PVID_VID;
	c->b = fx_vsi(&c->fx, 2, 0, fx_mac_b, 1);
	assert_int_equal(fx_txq(&c->fx, &c->tx, 0, 0, 1, QLEN), 0);
	assert_int_equal(fx_rxq(&c->fx, &c->rxa, 0, 0, 1, QLEN, 2048, 9728, QLEN - 1), 0);
	assert_int_equal(fx_rxq(&c->fx, &c->rxb, 0, 1, 2, QLEN, 2048, 9728, QLEN - 1), 0);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	fx_txring_free(&c->tx);
	fx_rxring_free(&c->rxa);
	fx_rxring_free(&c->rxb);
	fx_teardown(&c->fx);
	free(c);
	return 0;
}

/* A 64-byte frame to A tagged with `tci`. */
static size_t tagged_frame(uint8_t *f, uint16_t tci)
{
	fx_frame(f, 64, fx_mac_a, fx_mac_b);
	memmove(f + 16, f + 12, 48);
	f[12] = 0x81; f[13] = 0x00;
	f[14] = (uint8_t)(tci >> 8); f[15] = (uint8_t)tci;
	return 64;
}

static void test_tx_inserts_pvid(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];
	const uint8_t *got = fx_rx_buf(&c->rxb, 0);

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
	assert_int_equal(fx_rx_len(&c->rxb, 0), sizeof(f) + 4);
	assert_memory_equal(got, f, 12);
	assert_int_equal(got[12], 0x81);
	assert_int_equal(got[13], 0x00);
	assert_int_equal(got[14], PVID >> 8);
	assert_int_equal(got[15], PVID & 0xFF);
	assert_memory_equal(got + 16, f + 12, sizeof(f) - 12);
}

static void test_rx_strips_pvid_hidden(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];

	tagged_frame(f, PVID);
	assert_int_equal(sim_dp_wire_inject(c->fx.dp, 0, f, sizeof(f)), 0);
	assert_int_equal(fx_rx_len(&c->rxa, 0), 60);
	assert_memory_equal(fx_rx_buf(&c->rxa, 0), f, 12);
	assert_memory_equal(fx_rx_buf(&c->rxa, 0) + 12, f + 16, 48);
	assert_false(fx_rx_qw1(&c->rxa, 0) & X710_RXD_STATUS_L2TAG1P);
	assert_int_equal(c->rxa.ring[0].qword0, 0);
}

static void test_rx_strips_pvid_shown(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];

	c->a->port_vlan_flags = PVLAN_MODE_TAGGED | PVLAN_INSERT_PVID | PVLAN_EMOD_STR_BOTH;
	tagged_frame(f, PVID);
	assert_int_equal(sim_dp_wire_inject(c->fx.dp, 0, f, sizeof(f)), 0);
	assert_int_equal(fx_rx_len(&c->rxa, 0), 60);
	assert_true(fx_rx_qw1(&c->rxa, 0) & X710_RXD_STATUS_L2TAG1P);
	assert_int_equal((c->rxa.ring[0].qword0 >> X710_RXD_QW0_L2TAG1_SHIFT) & 0xFFFF, PVID);
}

static void test_rx_emod_nothing_keeps_tag(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];

	c->a->port_vlan_flags = PVLAN_MODE_TAGGED | PVLAN_EMOD_NOTHING;
	tagged_frame(f, PVID);
	assert_int_equal(sim_dp_wire_inject(c->fx.dp, 0, f, sizeof(f)), 0);
	assert_int_equal(fx_rx_len(&c->rxa, 0), 64);
	assert_memory_equal(fx_rx_buf(&c->rxa, 0), f, sizeof(f));
}

/* Untagged or other-VLAN frames do not reach a VSI whose filters are on its pvid. */
static void test_isolation(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];

	fx_frame(f, sizeof(f), fx_mac_a, fx_mac_b);
	assert_int_equal(sim_dp_wire_inject(c->fx.dp, 0, f, sizeof(f)), -ENOBUFS);
	tagged_frame(f, 200);
	assert_int_equal(sim_dp_wire_inject(c->fx.dp, 0, f, sizeof(f)), -ENOBUFS);
	assert_false(fx_rx_dd(&c->rxa, 0));
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_NO_MATCH], 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tx_inserts_pvid, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_strips_pvid_hidden, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_strips_pvid_shown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_emod_nothing_keeps_tag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_isolation, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
