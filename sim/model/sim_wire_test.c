/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Each port's wire (x710-hardware.md §6 item 6, x710sim.h): frames injected
 * from the wire pass the port's switch (perfect filters, promiscuous
 * broadcast) into a VSI's ring; frames a VSI sends come back in through a
 * loopback wire, or go to the host's sink and nowhere else.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sim_test_fixture.h"
#include "sim_test_pf_lan.h"

#define PF_QUEUE      3
#define FRAME_LEN     60
#define MAX_SUNK      8
#define DROP_NO_MATCH 2    /* index of "no_match" in the drop reasons */

struct t {
	struct fx_pf_env env;
	struct fx_pf_lan lan;
	uint8_t pf_mac[6];
	struct { unsigned int port; size_t len; uint8_t first; } sunk[MAX_SUNK];
	unsigned int n_sunk;
};

static int setup(void **state)
{
	static struct t t;
	static const uint8_t base[6] = { 0x02, 0x00, 0x71, 0x00, 0x00, 0x00 };  /* params default */

	memset(&t, 0, sizeof(t));
	fx_pf_env_setup(&t.env, 2, 0, 0);
	fx_pf_lan_setup(&t.lan, &t.env.pf, PF_QUEUE);
	memcpy(t.pf_mac, base, 6);          /* port 0 = base MAC + 0 */
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	struct t *t = *state;

	fx_pf_lan_teardown(&t->lan);
	fx_pf_env_teardown(&t->env);
	return 0;
}

static struct x710sim *sim_of(struct t *t) { return t->env.fx.sim; }

/* An IPv4-typed frame to `dst` with a marker byte after the header. */
static void make_frame(uint8_t *f, const uint8_t dst[6], uint8_t marker)
{
	static const uint8_t src[6] = { 0x02, 0xAA, 0xBB, 0xCC, 0xDD, 0x01 };

	memset(f, 0, FRAME_LEN);
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	f[12] = 0x08;
	f[13] = 0x00;
	f[14] = marker;
}

static void sink(void *ctx, unsigned int port, const uint8_t *frame, size_t len)
{
	struct t *t = ctx;

	if (t->n_sunk < MAX_SUNK) {
		t->sunk[t->n_sunk].port = port;
		t->sunk[t->n_sunk].len = len;
		t->sunk[t->n_sunk].first = frame[14];
		t->n_sunk++;
	}
}

static void set_broadcast_promisc(struct t *t)
{
	struct x710sim_vsi_info vi;
	struct x710_aq_desc d;
	struct x710_aqc_set_vsi_promisc cmd = {
		.promiscuous_flags = X710_AQC_SET_VSI_PROMISC_BROADCAST,
		.valid_flags = X710_AQC_SET_VSI_PROMISC_BROADCAST,
	};

	assert_int_equal(x710sim_vsi_info(sim_of(t), 0, &vi), 0);
	cmd.seid = vi.seid;
	fx_desc(&d, X710_AQC_SET_VSI_PROMISC_MODES);
	memcpy(d.params.raw, &cmd, sizeof(cmd));
	assert_int_equal(fx_aq_send(&t->env.pf, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
}

static void injected_frame_for_a_filter_reaches_the_ring(void **state)
{
	struct t *t = *state;
	uint8_t f[FRAME_LEN], got[FX_LAN_BUF];
	struct x710sim_port_info pi;
	struct x710sim_vsi_info vi;

	make_frame(f, t->pf_mac, 0x5A);
	assert_int_equal(x710sim_wire_inject(sim_of(t), 0, f, sizeof(f)), 0);
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), FRAME_LEN);
	assert_memory_equal(got, f, FRAME_LEN);
	assert_int_equal(x710sim_port_info(sim_of(t), 0, &pi), 0);
	assert_int_equal(pi.rx_packets, 1);
	assert_int_equal(pi.tx_packets, 0);            /* from the wire: never sent */
	assert_int_equal(x710sim_vsi_info(sim_of(t), 0, &vi), 0);
	assert_int_equal(vi.stats.rx_unicast, 1);
	assert_int_equal(vi.stats.rx_bytes, FRAME_LEN + 4);    /* with the FCS, as GLV_GORC */
}

static void injected_miss_is_dropped_as_no_match(void **state)
{
	struct t *t = *state;
	static const uint8_t other[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
	static const uint8_t bcast[6] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
	uint8_t f[FRAME_LEN], got[FX_LAN_BUF];
	struct x710sim_port_info pi;

	assert_string_equal(x710sim_drop_reason_name(DROP_NO_MATCH), "no_match");
	make_frame(f, other, 1);
	assert_int_equal(x710sim_wire_inject(sim_of(t), 0, f, sizeof(f)), -ENOBUFS);
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), -EAGAIN);
	assert_int_equal(x710sim_port_info(sim_of(t), 0, &pi), 0);
	assert_int_equal(pi.drops[DROP_NO_MATCH], 1);

	/* Broadcast is taken only by a VSI in broadcast promiscuous mode. */
	make_frame(f, bcast, 2);
	assert_int_equal(x710sim_wire_inject(sim_of(t), 0, f, sizeof(f)), -ENOBUFS);
	set_broadcast_promisc(t);
	make_frame(f, bcast, 3);
	assert_int_equal(x710sim_wire_inject(sim_of(t), 0, f, sizeof(f)), 0);
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), FRAME_LEN);
	assert_int_equal(got[14], 3);

	/* Port 1 has no VSI that takes PF 0's MAC. */
	make_frame(f, t->pf_mac, 4);
	assert_int_equal(x710sim_wire_inject(sim_of(t), 1, f, sizeof(f)), -ENOBUFS);
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), -EAGAIN);
}

static void inject_refuses_what_no_wire_carries(void **state)
{
	struct t *t = *state;
	static uint8_t big[X710SIM_WIRE_MAX_FRAME + 1];

	memcpy(big, t->pf_mac, 6);
	assert_int_equal(x710sim_wire_inject(sim_of(t), 0, big, X710SIM_WIRE_MIN_FRAME - 1),
			 -EINVAL);
	assert_int_equal(x710sim_wire_inject(sim_of(t), 0, big, sizeof(big)), -EMSGSIZE);
	assert_int_equal(x710sim_wire_inject(sim_of(t), 2, big, 64), -EINVAL);
	assert_int_equal(x710sim_wire_inject(sim_of(t), 0, NULL, 64), -EINVAL);
	assert_int_equal(x710sim_set_wire(sim_of(t), 2, X710SIM_WIRE_LOOPBACK, NULL, NULL),
			 -EINVAL);
	assert_int_equal(x710sim_set_wire(sim_of(t), 0, (enum x710sim_wire_mode)7, NULL, NULL),
			 -EINVAL);
}

static void loopback_wire_returns_what_the_port_sends(void **state)
{
	struct t *t = *state;
	uint8_t f[FRAME_LEN], got[FX_LAN_BUF];
	struct x710sim_port_info pi;

	/* The main VSI has no ALLOW_LB: its frame leaves by the wire and the
	 * cable brings it back to the port's filter for this MAC. */
	make_frame(f, t->pf_mac, 0x77);
	fx_pf_lan_send(&t->lan, f, sizeof(f));
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), FRAME_LEN);
	assert_memory_equal(got, f, FRAME_LEN);
	assert_int_equal(x710sim_port_info(sim_of(t), 0, &pi), 0);
	assert_int_equal(pi.tx_packets, 1);
	assert_int_equal(pi.rx_packets, 1);
}

static void sink_wire_takes_what_the_port_sends(void **state)
{
	struct t *t = *state;
	uint8_t f[FRAME_LEN], got[FX_LAN_BUF];
	struct x710sim_port_info pi;

	assert_int_equal(x710sim_set_wire(sim_of(t), 0, X710SIM_WIRE_SINK, sink, t), 0);
	make_frame(f, t->pf_mac, 0x11);
	fx_pf_lan_send(&t->lan, f, sizeof(f));
	assert_int_equal(t->n_sunk, 1);
	assert_int_equal(t->sunk[0].port, 0);
	assert_int_equal(t->sunk[0].len, FRAME_LEN);
	assert_int_equal(t->sunk[0].first, 0x11);
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), -EAGAIN);
	assert_int_equal(x710sim_port_info(sim_of(t), 0, &pi), 0);
	assert_int_equal(pi.tx_packets, 1);
	assert_int_equal(pi.rx_packets, 0);

	/* Back to loopback: the sink is no longer called. */
	assert_int_equal(x710sim_set_wire(sim_of(t), 0, X710SIM_WIRE_LOOPBACK, NULL, NULL), 0);
	make_frame(f, t->pf_mac, 0x12);
	fx_pf_lan_send(&t->lan, f, sizeof(f));
	assert_int_equal(t->n_sunk, 1);
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), FRAME_LEN);
	assert_int_equal(got[14], 0x12);
}

static unsigned int drop_index(const char *name)
{
	for (unsigned int r = 0; x710sim_drop_reason_name(r) != NULL; r++)
		if (strcmp(x710sim_drop_reason_name(r), name) == 0)
			return r;
	fail_msg("no drop reason %s", name);
	return 0;
}

/* Link down: nothing comes in from the wire, nothing leaves; counted as link_down. */
static void link_down_drops_are_their_own_reason(void **state)
{
	struct t *t = *state;
	uint8_t f[FRAME_LEN], got[FX_LAN_BUF];
	struct x710sim_port_info pi;
	unsigned int link_down = drop_index("link_down");

	assert_int_equal(x710sim_set_link(sim_of(t), 0, false), 0);
	make_frame(f, t->pf_mac, 1);
	assert_int_equal(x710sim_wire_inject(sim_of(t), 0, f, sizeof(f)), -ENOBUFS);
	fx_pf_lan_send(&t->lan, f, sizeof(f));
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), -EAGAIN);
	assert_int_equal(x710sim_port_info(sim_of(t), 0, &pi), 0);
	assert_int_equal(pi.drops[link_down], 2);
	assert_int_equal(pi.drops[DROP_NO_MATCH], 0);
	assert_int_equal(pi.tx_packets + pi.rx_packets, 0);
}

/* A driver that writes QRX_TAIL past the ring: ignored, counted per queue
 * and per port; the last sane tail keeps the ring going. */
static void bad_rx_tail_is_counted(void **state)
{
	struct t *t = *state;
	uint8_t f[FRAME_LEN], got[FX_LAN_BUF];
	struct x710sim_port_info pi;
	struct x710sim_queue_info qi;

	make_frame(f, t->pf_mac, 8);           /* the model sees the sane tail */
	assert_int_equal(x710sim_wire_inject(sim_of(t), 0, f, sizeof(f)), 0);
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), FRAME_LEN);
	fx_w32(&t->env.fx, fx_pf(0), X710_QRX_TAIL(PF_QUEUE), FX_LAN_QLEN + 3);
	make_frame(f, t->pf_mac, 9);
	assert_int_equal(x710sim_wire_inject(sim_of(t), 0, f, sizeof(f)), 0);
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), FRAME_LEN);
	assert_int_equal(x710sim_port_info(sim_of(t), 0, &pi), 0);
	assert_int_equal(pi.rx_bad_tail, 1);
	assert_int_equal(pi.tx_bad_tail, 0);
	assert_int_equal(x710sim_queue_info(sim_of(t), 0, PF_QUEUE, false, &qi), 0);
	assert_int_equal(qi.bad_tail, 1);
	assert_int_equal(x710sim_queue_info(sim_of(t), 0, PF_QUEUE, true, &qi), 0);
	assert_int_equal(qi.bad_tail, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(injected_frame_for_a_filter_reaches_the_ring,
						setup, teardown),
		cmocka_unit_test_setup_teardown(injected_miss_is_dropped_as_no_match, setup, teardown),
		cmocka_unit_test_setup_teardown(inject_refuses_what_no_wire_carries, setup, teardown),
		cmocka_unit_test_setup_teardown(loopback_wire_returns_what_the_port_sends,
						setup, teardown),
		cmocka_unit_test_setup_teardown(sink_wire_takes_what_the_port_sends, setup, teardown),
		cmocka_unit_test_setup_teardown(link_down_drops_are_their_own_reason, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_rx_tail_is_counted, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
