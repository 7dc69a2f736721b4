/* SPDX-License-Identifier: BSD-2-Clause */
/* The VEB (x710-hardware.md §3.4, §3.5, §6 item 6): anti-spoof, filters,
 * promiscuous modes, broadcast, loopback versus wire, link, counters. */
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
#define SEC_MAC_CHK  0x04
#define SEC_VLAN_CHK 0x02
#define PROMISC_UC   0x1
#define PROMISC_MC   0x2
#define PROMISC_BC   0x4

/* Three VSIs on port 0 (A sends), one on port 1. */
struct ctx {
	struct fx fx;
	struct fx_txring tx;
	struct fx_rxring rx[4];
	struct sim_vsi *a, *b, *c, *d;
	unsigned int sunk[2];
	size_t sunk_len;
};

static void sink(void *ctx, unsigned int port, const uint8_t *frame, size_t len)
{
	struct ctx *c = ctx;

	(void)frame;
	c->sunk[port]++;
	c->sunk_len = len;
}

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	assert_non_null(c);
	assert_int_equal(fx_setup(&c->fx, 2, &sim_dp_test_identity_dma), 0);
	c->a = fx_vsi(&c->fx, 1, 0, fx_mac_a, 0);
	c->b = fx_vsi(&c->fx, 2, 0, fx_mac_b, 1);
	c->c = fx_vsi(&c->fx, 3, 0, fx_mac_c, 2);
	c->d = fx_vsi(&c->fx, 4, 1, fx_mac_b, 0);   /* same MAC as B, other port */
	assert_int_equal(fx_txq(&c->fx, &c->tx, 0, 0, 1, QLEN), 0);
	assert_int_equal(fx_rxq(&c->fx, &c->rx[0], 0, 0, 1, QLEN, 2048, 9728, QLEN - 1), 0);
	assert_int_equal(fx_rxq(&c->fx, &c->rx[1], 0, 1, 2, QLEN, 2048, 9728, QLEN - 1), 0);
	assert_int_equal(fx_rxq(&c->fx, &c->rx[2], 0, 2, 3, QLEN, 2048, 9728, QLEN - 1), 0);
	assert_int_equal(fx_rxq(&c->fx, &c->rx[3], 1, 0, 4, QLEN, 2048, 9728, QLEN - 1), 0);
	sim_dp_set_wire(c->fx.dp, 0, SIM_WIRE_SINK, sink, c);
	sim_dp_set_wire(c->fx.dp, 1, SIM_WIRE_SINK, sink, c);
	*state = c;
	return 0;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	fx_txring_free(&c->tx);
	for (int i = 0; i < 4; i++)
		fx_rxring_free(&c->rx[i]);
	fx_teardown(&c->fx);
	free(c);
	return 0;
}

static void send(struct ctx *c, const uint8_t dst[6], const uint8_t src[6], size_t len)
{
	uint8_t f[256];

	fx_frame(f, len, dst, src);
	fx_tx_data(&c->tx, f, len, X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
}

static uint64_t got(const struct sim_vsi *v)
{
	return v->stats.rx_unicast + v->stats.rx_multicast + v->stats.rx_broadcast;
}

static void test_anti_spoof_mac(void **state)
{
	struct ctx *c = *state;

	c->a->sec_flags = SEC_MAC_CHK;
	send(c, fx_mac_b, fx_mac_c, 64);         /* source is not A's */
	assert_int_equal(got(c->b), 0);
	assert_int_equal(c->sunk[0], 0);
	assert_int_equal(c->a->drops[SIM_DROP_ANTI_SPOOF_MAC], 1);
	assert_int_equal(c->a->stats.tx_discards, 1);
	assert_int_equal(c->a->stats.tx_unicast, 0);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_ANTI_SPOOF_MAC], 1);
	send(c, fx_mac_b, fx_mac_a, 64);         /* its own source passes */
	assert_int_equal(got(c->b), 1);
	/* Check off: the spoofed source goes through. */
	c->a->sec_flags = 0;
	send(c, fx_mac_b, fx_mac_c, 64);
	assert_int_equal(got(c->b), 2);
	assert_int_equal(c->a->drops[SIM_DROP_ANTI_SPOOF_MAC], 1);
}

static void test_anti_spoof_vlan(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];

	c->a->sec_flags = SEC_VLAN_CHK;
	c->a->filters[1] = (struct sim_mac_filter){ .vlan = 100 };
	memcpy(c->a->filters[1].mac, fx_mac_a, 6);
	c->a->n_filters = 2;
	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	f[12] = 0x81; f[13] = 0x00; f[14] = 0x00; f[15] = 200;    /* VLAN 200 */
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	f[15] = 100;                                               /* VLAN 100 */
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP | X710_TX_CMD_RS);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 2);
	assert_int_equal(c->a->drops[SIM_DROP_ANTI_SPOOF_VLAN], 1);
	assert_int_equal(c->a->stats.tx_discards, 1);
	assert_int_equal(got(c->b), 1);          /* B's filter ignores the VLAN */
}

static void test_unicast_filter_and_promiscuous(void **state)
{
	struct ctx *c = *state;

	send(c, fx_mac_b, fx_mac_a, 64);
	assert_int_equal(got(c->b), 1);
	assert_int_equal(got(c->c), 0);
	assert_int_equal(got(c->a), 0);          /* never back to the sender */
	assert_int_equal(got(c->d), 0);          /* other port */
	assert_int_equal(c->sunk[0], 0);         /* taken locally: not on the wire */
	c->c->promisc_flags = PROMISC_UC;
	send(c, fx_mac_b, fx_mac_a, 64);
	assert_int_equal(got(c->b), 2);
	assert_int_equal(got(c->c), 1);
	assert_int_equal(c->sunk[0], 0);
	/* A unicast miss: promiscuous C and the wire. */
	{
		static const uint8_t miss[6] = { 0x02, 0, 0, 0, 0, 0x77 };

		send(c, miss, fx_mac_a, 64);
	}
	assert_int_equal(got(c->c), 2);
	assert_int_equal(got(c->b), 2);
	assert_int_equal(c->sunk[0], 1);
}

static void test_vlan_filter(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];

	c->b->filters[0].ignore_vlan = false;
	c->b->filters[0].vlan = 7;
	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP);          /* untagged: no match */
	f[12] = 0x81; f[13] = 0x00; f[14] = 0x00; f[15] = 7;
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP);          /* VLAN 7: match */
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 2);
	assert_int_equal(got(c->b), 1);
	assert_int_equal(c->sunk[0], 1);
}

static void join_vlan(struct sim_vsi *v, uint16_t vid)
{
	v->vlan_member[vid / 64] |= UINT64_C(1) << (vid % 64);
	v->n_vlans++;
}

/* Tagged frames to A's MAC... from B: a VLAN table (0x0252) prunes B's
 * IGNORE_VLAN filter and promiscuous mode to its VLANs; untagged frames and
 * exact MAC-VLAN filters are unaffected; VLAN anti-spoof accepts its VLANs. */
static void test_vlan_table(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];

	join_vlan(c->b, 10);
	c->c->promisc_flags = PROMISC_UC;
	join_vlan(c->c, 20);
	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP);          /* untagged: B, C */
	f[12] = 0x81; f[13] = 0x00; f[14] = 0x00; f[15] = 10;
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP);          /* VLAN 10: B only */
	f[15] = 20;
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP);          /* VLAN 20: C, wire */
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 3);
	assert_int_equal(got(c->b), 2);
	assert_int_equal(got(c->c), 2);
	assert_int_equal(c->sunk[0], 1);

	/* An exact MAC-VLAN filter takes its VLAN even outside the table. */
	c->b->filters[1] = (struct sim_mac_filter){ .vlan = 30 };
	memcpy(c->b->filters[1].mac, fx_mac_b, 6);
	c->b->n_filters = 2;
	f[15] = 30;
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 1);
	assert_int_equal(got(c->b), 3);

	/* Anti-spoof: A may send on a VLAN of its table. */
	c->a->sec_flags = SEC_VLAN_CHK;
	join_vlan(c->a, 20);
	f[15] = 20;
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP);
	f[15] = 21;
	fx_tx_data(&c->tx, f, sizeof(f), X710_TX_CMD_EOP);
	fx_tx_kick(&c->tx);
	assert_int_equal(sim_dp_poll(c->fx.dp), 2);
	assert_int_equal(c->a->drops[SIM_DROP_ANTI_SPOOF_VLAN], 1);
	assert_int_equal(got(c->c), 3);
}

static void test_multicast(void **state)
{
	struct ctx *c = *state;

	memcpy(c->b->filters[1].mac, fx_mac_mcast, 6);
	c->b->filters[1].ignore_vlan = true;
	c->b->n_filters = 2;
	send(c, fx_mac_mcast, fx_mac_a, 64);
	assert_int_equal(c->b->stats.rx_multicast, 1);
	assert_int_equal(got(c->c), 0);
	assert_int_equal(c->sunk[0], 1);          /* multicast always reaches the wire */
	c->c->promisc_flags = PROMISC_MC;
	send(c, fx_mac_mcast, fx_mac_a, 64);
	assert_int_equal(c->c->stats.rx_multicast, 1);
	assert_int_equal(c->a->stats.tx_multicast, 2);
}

static void test_broadcast(void **state)
{
	struct ctx *c = *state;

	c->b->promisc_flags = PROMISC_BC;
	c->a->promisc_flags = PROMISC_BC;
	send(c, fx_mac_bcast, fx_mac_a, 64);
	assert_int_equal(c->b->stats.rx_broadcast, 1);
	assert_int_equal(got(c->c), 0);           /* no BROADCAST flag, no filter */
	assert_int_equal(got(c->a), 0);           /* not back to the sender */
	assert_int_equal(got(c->d), 0);
	assert_int_equal(c->sunk[0], 1);
	assert_int_equal(c->a->stats.tx_broadcast, 1);
}

/* Without ALLOW_LB the sender's frames go to the wire only; in loopback
 * they come back from it and are delivered like any received frame. */
static void test_loopback_versus_wire(void **state)
{
	struct ctx *c = *state;
	const struct sim_port_stats *ps = sim_dp_port_stats(c->fx.dp, 0);

	c->a->allow_lb = false;
	send(c, fx_mac_b, fx_mac_a, 64);
	assert_int_equal(got(c->b), 0);
	assert_int_equal(c->sunk[0], 1);
	assert_int_equal(ps->tx_packets, 1);
	assert_int_equal(ps->tx_bytes, 64 + 4);   /* port counters include the FCS */
	sim_dp_set_wire(c->fx.dp, 0, SIM_WIRE_LOOPBACK, NULL, NULL);
	send(c, fx_mac_b, fx_mac_a, 64);
	assert_int_equal(got(c->b), 1);
	assert_int_equal(c->sunk[0], 1);
	assert_int_equal(ps->rx_packets, 1);
	assert_int_equal(got(c->d), 0);           /* port 1 has its own wire */
	/* With ALLOW_LB, a local match never touches the wire. */
	c->a->allow_lb = true;
	send(c, fx_mac_b, fx_mac_a, 64);
	assert_int_equal(got(c->b), 2);
	assert_int_equal(ps->tx_packets, 2);
}

static void test_wire_inject_and_link(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];
	const struct sim_port_stats *ps = sim_dp_port_stats(c->fx.dp, 1);

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_c);
	assert_int_equal(sim_dp_wire_inject(c->fx.dp, 1, f, sizeof(f)), 0);
	assert_int_equal(got(c->d), 1);
	assert_int_equal(got(c->b), 0);
	assert_int_equal(ps->rx_packets, 1);
	assert_int_equal(sim_dp_wire_inject(c->fx.dp, 1, f, 10), -EINVAL);
	assert_int_equal(sim_dp_wire_inject(c->fx.dp, 2, f, sizeof(f)), -EINVAL);
	/* Nobody's MAC: counted as no match. */
	fx_frame(f, sizeof(f), fx_mac_a, fx_mac_c);
	assert_int_equal(sim_dp_wire_inject(c->fx.dp, 1, f, sizeof(f)), -ENOBUFS);
	assert_int_equal(ps->drops[SIM_DROP_NO_MATCH], 1);
	/* Link down: nothing in, nothing out. */
	sim_dp_set_link(c->fx.dp, 1, 0);
	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_c);
	assert_int_equal(sim_dp_wire_inject(c->fx.dp, 1, f, sizeof(f)), -ENOBUFS);
	assert_int_equal(got(c->d), 1);
	assert_int_equal(ps->drops[SIM_DROP_NO_MATCH], 1);
	assert_int_equal(ps->drops[SIM_DROP_LINK_DOWN], 1);
	assert_int_equal(ps->rx_packets, 2);      /* the unmatched one was received */
	sim_dp_set_link(c->fx.dp, 0, 0);
	c->a->allow_lb = false;
	send(c, fx_mac_b, fx_mac_a, 64);
	assert_int_equal(c->sunk[0], 0);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->tx_packets, 0);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_LINK_DOWN], 1);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_NO_MATCH], 0);
	sim_dp_set_link(c->fx.dp, 0, 1);
	send(c, fx_mac_b, fx_mac_a, 64);
	assert_int_equal(c->sunk[0], 1);
}

static void test_counters(void **state)
{
	struct ctx *c = *state;

	c->b->promisc_flags = PROMISC_BC;
	send(c, fx_mac_b, fx_mac_a, 100);
	send(c, fx_mac_b, fx_mac_a, 200);
	send(c, fx_mac_bcast, fx_mac_a, 64);
	assert_int_equal(c->a->stats.tx_unicast, 2);
	assert_int_equal(c->a->stats.tx_broadcast, 1);
	assert_int_equal(c->a->stats.tx_bytes, 100 + 200 + 64);
	assert_int_equal(c->b->stats.rx_unicast, 2);
	assert_int_equal(c->b->stats.rx_broadcast, 1);
	assert_int_equal(c->b->stats.rx_bytes, 100 + 200 + 64 + 3 * 4);
	assert_int_equal(c->b->stats.rx_discards, 0);
	assert_int_equal(c->a->stats.tx_discards + c->a->stats.tx_errors, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_anti_spoof_mac, setup, teardown),
		cmocka_unit_test_setup_teardown(test_anti_spoof_vlan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unicast_filter_and_promiscuous, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vlan_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vlan_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multicast, setup, teardown),
		cmocka_unit_test_setup_teardown(test_broadcast, setup, teardown),
		cmocka_unit_test_setup_teardown(test_loopback_versus_wire, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wire_inject_and_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counters, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
