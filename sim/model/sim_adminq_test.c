/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The admin queue ring protocol (x710-hardware.md §2.1, §3.1, §6.3): the
 * model processes [HEAD, TAIL), writes each descriptor back once with
 * DD|CMP[|ERR] and the return code, then advances HEAD; unknown opcodes
 * complete with ENOSYS; injected faults fail or hang a chosen command.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sim_test_fixture.h"

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

static void get_version_reports_api_1_15_fw_5(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710_aq_desc d;
	struct x710_aqc_get_version v;

	fx_desc(&d, X710_AQC_GET_VERSION);
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(d.flags & (X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP | X710_AQ_FLAG_ERR),
			 X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP);
	memcpy(&v, d.params.raw, sizeof(v));
	assert_int_equal(v.api_major, 1);
	assert_int_equal(v.api_minor, 0x0F);
	assert_true(v.fw_major >= 5);
}

static void unknown_opcode_is_enosys_with_err(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710_aq_desc d;

	fx_desc(&d, 0x0FFF);
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_true(d.flags & X710_AQ_FLAG_DD);
	assert_true(d.flags & X710_AQ_FLAG_CMP);
	assert_true(d.flags & X710_AQ_FLAG_ERR);
	assert_int_equal(d.retval, X710_AQ_RC_ENOSYS);
}

static void indirect_command_without_buf_is_einval(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710_aq_desc d;

	fx_desc(&d, X710_AQC_MAC_ADDRESS_READ);   /* needs its 24-byte buffer */
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_EINVAL);
	assert_true(d.flags & X710_AQ_FLAG_ERR);
	assert_non_null(strstr(t->fx.last_log, "BUF"));
}

static void whole_head_to_tail_range_in_one_poll(void **state)
{
	struct fx_pf_env *t = *state;

	for (unsigned int i = 0; i < 3; i++) {
		fx_desc(&t->pf.atq[i], X710_AQC_GET_VERSION);
		t->pf.atq[i].cookie_high = 100 + i;
	}
	t->pf.ntu = 3;
	fx_w32(&t->fx, fx_pf(0), X710_PF_ATQT, 3);
	x710sim_poll(t->fx.sim);
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_PF_ATQH), 3);
	for (unsigned int i = 0; i < 3; i++) {
		assert_true(t->pf.atq[i].flags & X710_AQ_FLAG_DD);
		/* Cookies are the driver's and come back untouched. */
		assert_int_equal(t->pf.atq[i].cookie_high, 100 + i);
	}
}

static void ring_wraps_at_its_length(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710_aq_desc d;

	for (unsigned int i = 0; i < FX_AQ_LEN + 3; i++) {
		fx_desc(&d, X710_AQC_QUEUE_SHUTDOWN);
		assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
		assert_int_equal(d.retval, X710_AQ_RC_OK);
	}
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_PF_ATQH), 3);
}

static void disabled_ring_is_not_processed(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710_aq_desc d;

	fx_w32(&t->fx, fx_pf(0), X710_PF_ATQLEN, FX_AQ_LEN);   /* ENABLE clear */
	fx_desc(&d, X710_AQC_GET_VERSION);
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), -ETIMEDOUT);
	assert_false(t->pf.atq[0].flags & X710_AQ_FLAG_DD);
}

static void fault_fails_the_nth_command_only(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710_aq_desc d;
	struct x710sim_aq_fault f = {
		.pf = 0, .opcode = X710_AQC_GET_VERSION, .nth = 2,
		.kind = X710SIM_AQ_FAULT_FAIL, .rc = X710_AQ_RC_EBUSY,
	};

	assert_int_equal(x710sim_fault_aq(t->fx.sim, &f), 0);
	for (unsigned int i = 1; i <= 3; i++) {
		fx_desc(&d, X710_AQC_GET_VERSION);
		assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
		assert_int_equal(d.retval, i == 2 ? X710_AQ_RC_EBUSY : X710_AQ_RC_OK);
		assert_int_equal(!!(d.flags & X710_AQ_FLAG_ERR), i == 2);
	}
	f.rc = X710_AQ_RC_OK;
	assert_int_equal(x710sim_fault_aq(t->fx.sim, &f), -EINVAL);
}

static void fault_hang_holds_the_ring_until_reinit(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710_aq_desc d;
	struct x710sim_aq_fault f = {
		.pf = -1, .opcode = X710_AQC_GET_LINK_STATUS, .nth = 1,
		.kind = X710SIM_AQ_FAULT_HANG,
	};

	assert_int_equal(x710sim_fault_aq(t->fx.sim, &f), 0);
	fx_desc(&d, X710_AQC_GET_LINK_STATUS);
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), -ETIMEDOUT);
	x710sim_poll(t->fx.sim);
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_PF_ATQH), 0);
	assert_false(t->pf.atq[0].flags & X710_AQ_FLAG_DD);
	/* The driver gives up and re-initialises its queue. */
	fx_aq_fini(&t->pf);
	fx_aq_init(&t->fx, &t->pf, fx_pf(0));
	fx_desc(&d, X710_AQC_GET_LINK_STATUS);
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
}

static void pf_reset_clears_the_admin_queue(void **state)
{
	struct fx_pf_env *t = *state;

	fx_w32(&t->fx, fx_pf(0), X710_PFGEN_CTRL, X710_PFGEN_CTRL_PFSWR_MASK);
	x710sim_poll(t->fx.sim);
	/* PFSWR self-clears when the reset is done (i40e_pf_reset polls it). */
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_PFGEN_CTRL), 0);
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_PF_ATQLEN), 0);
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_PF_ARQBAL), 0);
	/* Reset values come back too. */
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_GLHMC_LANTXOBJSZ), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(get_version_reports_api_1_15_fw_5, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_opcode_is_enosys_with_err, setup, teardown),
		cmocka_unit_test_setup_teardown(indirect_command_without_buf_is_einval, setup, teardown),
		cmocka_unit_test_setup_teardown(whole_head_to_tail_range_in_one_poll, setup, teardown),
		cmocka_unit_test_setup_teardown(ring_wraps_at_its_length, setup, teardown),
		cmocka_unit_test_setup_teardown(disabled_ring_is_not_processed, setup, teardown),
		cmocka_unit_test_setup_teardown(fault_fails_the_nth_command_only, setup, teardown),
		cmocka_unit_test_setup_teardown(fault_hang_holds_the_ring_until_reinit, setup, teardown),
		cmocka_unit_test_setup_teardown(pf_reset_clears_the_admin_queue, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
