/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 0x0400 config_vsi_bw_limit (i40e_adminq_cmd.h layout: vsi_seid @0,
 * credit @4, max_credit @8): OK for a VSI of the issuing PF, EINVAL for
 * another PF's VSI, an unknown SEID or a max_credit past 4; the limit shows
 * in x710sim_vsi_info and holds a PF queue's Tx back on the host clock.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sim_test_fixture.h"
#include "sim_test_pf_lan.h"

#define AQC_CONFIG_VSI_BW_LIMIT 0x0400
#define FRAME_LEN 1000

static int setup(void **state)
{
	static struct fx_pf_env t;

	fx_pf_env_setup(&t, 2, 4, 0);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	fx_pf_env_teardown(*state);
	return 0;
}

static uint16_t main_seid(struct fx *fx, unsigned int pf)
{
	struct x710sim_vsi_info vi;

	/* VSI numbers below n_pfs are the PFs' main VSIs. */
	assert_int_equal(x710sim_vsi_info(fx->sim, pf, &vi), 0);
	assert_int_equal(vi.pf, pf);
	return vi.seid;
}

static uint16_t bw_limit(struct fx_pf_env *t, uint16_t seid, uint16_t credit, uint8_t max)
{
	struct x710_aq_desc d;

	fx_desc(&d, AQC_CONFIG_VSI_BW_LIMIT);
	d.params.raw[0] = (uint8_t)seid;
	d.params.raw[1] = (uint8_t)(seid >> 8);
	d.params.raw[4] = (uint8_t)credit;
	d.params.raw[5] = (uint8_t)(credit >> 8);
	d.params.raw[8] = max;
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_true(d.flags & X710_AQ_FLAG_DD);
	assert_int_equal(!!(d.flags & X710_AQ_FLAG_ERR), d.retval != X710_AQ_RC_OK);
	return d.retval;
}

static void limit_is_stored_and_reported(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710sim_vsi_info vi;

	assert_int_equal(bw_limit(t, main_seid(&t->fx, 0), 20, 4), X710_AQ_RC_OK);
	assert_int_equal(x710sim_vsi_info(t->fx.sim, 0, &vi), 0);
	assert_int_equal(vi.bw_credit, 20);
	assert_int_equal(vi.bw_max_credit, 4);
	assert_int_equal(vi.bw_rate_bps, 20ull * 50000000ull);   /* 50 Mbps a credit */
	/* credit 0 removes the limit. */
	assert_int_equal(bw_limit(t, main_seid(&t->fx, 0), 0, 0), X710_AQ_RC_OK);
	assert_int_equal(x710sim_vsi_info(t->fx.sim, 0, &vi), 0);
	assert_int_equal(vi.bw_credit, 0);
	assert_int_equal(vi.bw_rate_bps, 0);
}

static void other_pf_or_unknown_seid_is_einval(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710sim_vsi_info vi;

	assert_int_equal(bw_limit(t, main_seid(&t->fx, 1), 10, 0), X710_AQ_RC_EINVAL);
	assert_int_equal(x710sim_vsi_info(t->fx.sim, 1, &vi), 0);
	assert_int_equal(vi.bw_credit, 0);
	assert_int_equal(bw_limit(t, 0xFFFF, 10, 0), X710_AQ_RC_EINVAL);
	assert_int_equal(bw_limit(t, 0, 10, 0), X710_AQ_RC_EINVAL);
}

static void max_credit_past_4_is_einval(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710sim_vsi_info vi;

	assert_int_equal(bw_limit(t, main_seid(&t->fx, 0), 10, 5), X710_AQ_RC_EINVAL);
	assert_int_equal(x710sim_vsi_info(t->fx.sim, 0, &vi), 0);
	assert_int_equal(vi.bw_credit, 0);
}

/* One credit (50 Mbps = 6250 B/ms) and max_credit 0: the bucket holds one
 * largest frame (9728 B). 1000 B frames: 9 go at once, the rest wait in the
 * ring until the host clock moves. */
static void limit_holds_pf_queue_tx_on_the_host_clock(void **state)
{
	struct fx_pf_env *t = *state;
	struct fx_pf_lan l;
	struct x710sim_vsi_info vi;
	uint8_t f[FRAME_LEN];
	static const uint8_t dst[6] = { 0x02, 0, 0, 0, 0x99, 0x01 };
	static const uint8_t src[6] = { 0x02, 0, 0, 0, 0x99, 0x02 };

	memset(f, 0x5A, sizeof(f));
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	t->fx.clock_ns = 1000000000ull;
	fx_pf_lan_setup(&l, &t->pf, 0);
	assert_int_equal(bw_limit(t, main_seid(&t->fx, 0), 1, 0), X710_AQ_RC_OK);
	for (unsigned int i = 0; i < 20; i++)
		fx_pf_lan_send(&l, f, sizeof(f));
	assert_int_equal(x710sim_vsi_info(t->fx.sim, 0, &vi), 0);
	assert_int_equal(vi.stats.tx_bytes, 9 * FRAME_LEN);
	t->fx.clock_ns += 1000000;   /* 1 ms: 6250 B more, with 728 B left: 6 frames */
	x710sim_poll(t->fx.sim);
	assert_int_equal(x710sim_vsi_info(t->fx.sim, 0, &vi), 0);
	assert_int_equal(vi.stats.tx_bytes, 15 * FRAME_LEN);
	assert_int_equal(vi.stats.tx_discards, 0);
	fx_pf_lan_teardown(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(limit_is_stored_and_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(other_pf_or_unknown_seid_is_einval, setup, teardown),
		cmocka_unit_test_setup_teardown(max_credit_past_4_is_einval, setup, teardown),
		cmocka_unit_test_setup_teardown(limit_holds_pf_queue_tx_on_the_host_clock,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
