/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The admin queue ring protocol (x710-hardware.md §2.1, §3.1, §6.3): the
 * model processes [HEAD, TAIL), writes each descriptor back once with
 * DD|CMP[|ERR] and the return code, then advances HEAD; unknown opcodes
 * complete with ENOSYS; injected faults fail or hang a chosen command.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
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

/* A PF reset leaves the global GLGEN_VFLRSTAT alone: another PF's VF FLR is
 * still pending in this PF's view afterwards. */
static void pf_reset_keeps_global_vflrstat(void **state)
{
	struct fx_pf_env *t = *state;

	assert_int_equal(x710sim_set_num_vfs(t->fx.sim, 1, 2), 0);
	assert_int_equal(x710sim_vf_flr(t->fx.sim, 1, 1), 0);
	uint32_t before = fx_r32(&t->fx, fx_pf(0), X710_GLGEN_VFLRSTAT(0));

	assert_int_not_equal(before, 0);
	fx_w32(&t->fx, fx_pf(0), X710_PFGEN_CTRL, X710_PFGEN_CTRL_PFSWR_MASK);
	x710sim_poll(t->fx.sim);
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_PFGEN_CTRL), 0);
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_GLGEN_VFLRSTAT(0)), before);
}

/*
 * An out-of-process driver runs beside the poller: it writes PFSWR, spins
 * until the bit clears and at once programs its ATQ (i40e_pf_reset, then
 * i40e_init_adminq). The model must not clear PFSWR before the reset is
 * over, or the reset would swallow those writes and the first command
 * would never complete. The driver here is a thread using plain BAR loads
 * and stores; the test's thread polls the model.
 */
#define RESET_DRIVER_PHASE_POLLS 2000000u /* polls without driver progress = stuck */

struct reset_driver {
	volatile uint32_t *bar;
	struct x710_aq_desc *atq;
	unsigned int phase;        /* 1 PFSWR seen clear, 2 tail written, 3 completed */
	bool give_up;
	int result;
};

static bool driver_gave_up(struct reset_driver *r)
{
	return __atomic_load_n(&r->give_up, __ATOMIC_ACQUIRE);
}

static void *reset_driver_run(void *arg)
{
	struct reset_driver *r = arg;
	uint64_t ring = (uintptr_t)r->atq;
	struct x710_aq_desc d;

	r->result = -ETIMEDOUT;
	r->bar[X710_PFGEN_CTRL / 4] = X710_PFGEN_CTRL_PFSWR_MASK;
	while (r->bar[X710_PFGEN_CTRL / 4] & X710_PFGEN_CTRL_PFSWR_MASK)
		if (driver_gave_up(r))
			return NULL;
	__atomic_store_n(&r->phase, 1, __ATOMIC_RELEASE);
	r->bar[X710_PF_ATQH / 4] = 0;
	r->bar[X710_PF_ATQT / 4] = 0;
	r->bar[X710_PF_ATQLEN / 4] = FX_AQ_LEN | X710_AQLEN_ENABLE_MASK;
	r->bar[X710_PF_ATQBAL / 4] = (uint32_t)ring;
	r->bar[X710_PF_ATQBAH / 4] = (uint32_t)(ring >> 32);
	fx_desc(&d, X710_AQC_GET_VERSION);
	r->atq[0] = d;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	r->bar[X710_PF_ATQT / 4] = 1;
	__atomic_store_n(&r->phase, 2, __ATOMIC_RELEASE);
	while (!(__atomic_load_n(&r->atq[0].flags, __ATOMIC_ACQUIRE) & X710_AQ_FLAG_DD))
		if (driver_gave_up(r))
			return NULL;
	r->result = 0;
	__atomic_store_n(&r->phase, 3, __ATOMIC_RELEASE);
	return NULL;
}

static void pf_reset_then_aq_init_by_a_concurrent_driver(void **state)
{
	struct fx_pf_env *t = *state;
	struct reset_driver r = { .bar = x710sim_region(t->fx.sim, fx_pf(0),
							X710SIM_REGION_BAR0, NULL) };
	unsigned int last_phase = 0, idle = 0;
	pthread_t th;

	r.atq = aligned_alloc(4096, 4096);
	assert_non_null(r.atq);
	memset(r.atq, 0, 4096);
	assert_int_equal(pthread_create(&th, NULL, reset_driver_run, &r), 0);
	while (idle < RESET_DRIVER_PHASE_POLLS) {
		unsigned int phase = __atomic_load_n(&r.phase, __ATOMIC_ACQUIRE);

		if (phase == 3)
			break;
		idle = phase == last_phase ? idle + 1 : 0;
		last_phase = phase;
		x710sim_poll(t->fx.sim);
	}
	__atomic_store_n(&r.give_up, true, __ATOMIC_RELEASE);
	assert_int_equal(pthread_join(th, NULL), 0);
	assert_int_equal(r.result, 0);
	assert_int_equal(r.atq[0].flags & (X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP | X710_AQ_FLAG_ERR),
			 X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP);
	assert_int_equal(r.atq[0].retval, X710_AQ_RC_OK);
	free(r.atq);
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
		cmocka_unit_test_setup_teardown(pf_reset_keeps_global_vflrstat, setup, teardown),
		cmocka_unit_test_setup_teardown(pf_reset_then_aq_init_by_a_concurrent_driver,
						setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
