/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The VF <-> PF mailbox (x710-hardware.md §2.2, §0 #2-#4): a VF's VERSION
 * message reaches the PF ARQ as a 0x0801 event carrying the ABSOLUTE VF id,
 * and the PF's 0x0802 reply reaches the VF ARQ with VFINT_ICR01.ADMINQ.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sim_test_fixture.h"
#include "x710/virtchnl_defs.h"

#define VFS_PER_PF 4

struct mbx {
	struct fx fx;
	struct fx_aq pf, vf;
};

/* PF 1, VF 1: absolute id = 1 * VFS_PER_PF + 1. */
static int setup(void **state)
{
	static struct mbx m;

	fx_setup(&m.fx, 2, VFS_PER_PF);
	assert_int_equal(x710sim_set_num_vfs(m.fx.sim, 1, 2), 0);
	fx_aq_init(&m.fx, &m.pf, fx_pf(1));
	fx_aq_init(&m.fx, &m.vf, fx_vf(1, 1));
	*state = &m;
	return 0;
}

static int teardown(void **state)
{
	struct mbx *m = *state;

	fx_aq_fini(&m->pf);
	fx_aq_fini(&m->vf);
	fx_teardown(&m->fx);
	return 0;
}

static void vf_version_reaches_pf_with_absolute_id(void **state)
{
	struct mbx *m = *state;
	struct virtchnl_version_info ver = { VIRTCHNL_VERSION_MAJOR, VIRTCHNL_VERSION_MINOR };
	struct virtchnl_version_info got;
	struct x710_aq_desc d, ev;

	fx_desc(&d, X710_AQC_SEND_MSG_TO_PF);
	d.cookie_high = VIRTCHNL_OP_VERSION;
	d.cookie_low = 0;
	assert_int_equal(fx_aq_send(&m->vf, &d, &ver, sizeof(ver)), 0);
	assert_true(d.flags & X710_AQ_FLAG_DD);
	assert_true(d.flags & X710_AQ_FLAG_CMP);
	assert_false(d.flags & X710_AQ_FLAG_ERR);
	assert_int_equal(d.retval, X710_AQ_RC_OK);

	assert_true(fx_r32(&m->fx, fx_pf(1), X710_PFINT_ICR0) & X710_PFINT_ICR0_ADMINQ_MASK);
	assert_int_equal(fx_arq_recv(&m->pf, &ev, &got, sizeof(got)), (int)sizeof(ver));
	assert_int_equal(ev.opcode, X710_AQC_SEND_MSG_TO_PF);
	assert_int_equal(ev.retval, 1 * VFS_PER_PF + 1);
	assert_int_equal(ev.cookie_high, VIRTCHNL_OP_VERSION);
	assert_int_equal(ev.cookie_low, 0);
	assert_true(ev.flags & X710_AQ_FLAG_DD);
	assert_memory_equal(&got, &ver, sizeof(ver));
	/* Nothing else was posted, and the PF's cause clears once consumed. */
	assert_int_equal(fx_arq_recv(&m->pf, &ev, NULL, 0), -EAGAIN);
	x710sim_poll(m->fx.sim);
	assert_false(fx_r32(&m->fx, fx_pf(1), X710_PFINT_ICR0) & X710_PFINT_ICR0_ADMINQ_MASK);
}

static void pf_reply_reaches_vf_arq_with_icr01_adminq(void **state)
{
	struct mbx *m = *state;
	struct virtchnl_version_info ver = { 1, 1 }, got;
	struct x710_aq_desc d, ev;
	struct x710_aqc_pf_vf_message msg = { .id = 1 * VFS_PER_PF + 1 };

	fx_desc(&d, X710_AQC_SEND_MSG_TO_VF);
	memcpy(d.params.raw, &msg, 8);
	d.cookie_high = VIRTCHNL_OP_VERSION;
	d.cookie_low = (uint32_t)VIRTCHNL_STATUS_SUCCESS;
	assert_int_equal(fx_aq_send(&m->pf, &d, &ver, sizeof(ver)), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	assert_false(d.flags & X710_AQ_FLAG_ERR);

	/* Latched even though the VF has not enabled its interrupt (§0 #2). */
	assert_true(fx_r32(&m->fx, fx_vf(1, 1), X710_VFINT_ICR01) & X710_VFINT_ICR01_ADMINQ_MASK);
	assert_int_equal(fx_irq_count(&m->fx, fx_vf(1, 1), 0), 0);
	assert_int_equal(fx_arq_recv(&m->vf, &ev, &got, sizeof(got)), (int)sizeof(ver));
	assert_int_equal(ev.opcode, X710_AQC_SEND_MSG_TO_VF);
	assert_int_equal(ev.cookie_high, VIRTCHNL_OP_VERSION);
	assert_int_equal((int32_t)ev.cookie_low, VIRTCHNL_STATUS_SUCCESS);
	assert_memory_equal(&got, &ver, sizeof(ver));
	/* Polled stand-in for clear-on-read: cleared once the ARQ is drained. */
	x710sim_poll(m->fx.sim);
	assert_false(fx_r32(&m->fx, fx_vf(1, 1), X710_VFINT_ICR01) & X710_VFINT_ICR01_ADMINQ_MASK);
}

static void held_vf_interrupt_fires_on_enable(void **state)
{
	struct mbx *m = *state;
	struct x710_aq_desc d, ev;
	struct x710_aqc_pf_vf_message msg = { .id = 1 * VFS_PER_PF + 1 };

	fx_desc(&d, X710_AQC_SEND_MSG_TO_VF);
	memcpy(d.params.raw, &msg, 8);
	d.cookie_high = VIRTCHNL_OP_EVENT;
	assert_int_equal(fx_aq_send(&m->pf, &d, NULL, 0), 0);
	assert_int_equal(fx_irq_count(&m->fx, fx_vf(1, 1), 0), 0);
	/* iavf_enable_irq0 (spec §1.2 P7). */
	fx_w32(&m->fx, fx_vf(1, 1), X710_VFINT_ICR0_ENA1, X710_VFINT_ICR0_ENA1_ADMINQ_MASK);
	x710sim_poll(m->fx.sim);
	assert_int_equal(fx_irq_count(&m->fx, fx_vf(1, 1), 0), 0);   /* INTENA still 0 */
	fx_w32(&m->fx, fx_vf(1, 1), X710_VFINT_DYN_CTL01,
	       X710_DYN_CTL_INTENA_MASK | X710_DYN_CTL_CLEARPBA_MASK);
	x710sim_poll(m->fx.sim);
	assert_int_equal(fx_irq_count(&m->fx, fx_vf(1, 1), 0), 1);
	/* CLEARPBA self-clears; INTENA stays. */
	assert_int_equal(fx_r32(&m->fx, fx_vf(1, 1), X710_VFINT_DYN_CTL01), X710_DYN_CTL_INTENA_MASK);
	/* The PF sees the VF's enable through VFINT_ICR0_ENA(vf) (§3.3). */
	assert_int_equal(x710sim_rd32(m->fx.sim, fx_pf(1), X710_VFINT_ICR0_ENA(1)),
			 X710_VFINT_ICR0_ENA1_ADMINQ_MASK);
	assert_int_equal(fx_arq_recv(&m->vf, &ev, NULL, 0), 0);
	assert_int_equal(ev.cookie_high, VIRTCHNL_OP_EVENT);
	/* With everything enabled, the next post fires at once. */
	assert_int_equal(fx_aq_send(&m->pf, &d, NULL, 0), 0);
	assert_int_equal(fx_irq_count(&m->fx, fx_vf(1, 1), 0), 2);
}

static void send_to_foreign_vf_fails_einval(void **state)
{
	struct mbx *m = *state;
	struct x710_aq_desc d;
	/* VF 0 of PF 0 is absolute 0: not PF 1's. VF 3 of PF 1 is not enabled. */
	uint32_t bad[] = { 0, 1 * VFS_PER_PF + 3, 999 };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fx_desc(&d, X710_AQC_SEND_MSG_TO_VF);
		memcpy(d.params.raw, &bad[i], 4);
		assert_int_equal(fx_aq_send(&m->pf, &d, NULL, 0), 0);
		assert_true(d.flags & X710_AQ_FLAG_ERR);
		assert_int_equal(d.retval, X710_AQ_RC_EINVAL);
	}
}

static void vf_atq_accepts_only_send_msg_to_pf(void **state)
{
	struct mbx *m = *state;
	struct x710_aq_desc d;

	fx_desc(&d, X710_AQC_GET_VERSION);
	assert_int_equal(fx_aq_send(&m->vf, &d, NULL, 0), 0);
	assert_true(d.flags & X710_AQ_FLAG_ERR);
	assert_int_equal(d.retval, X710_AQ_RC_ENOSYS);
}

static void pf_sees_vf_aq_registers(void **state)
{
	struct mbx *m = *state;

	assert_int_equal(fx_r32(&m->fx, fx_pf(1), X710_VF_ATQLEN(1)),
			 FX_AQ_LEN | X710_AQLEN_ENABLE_MASK);
	assert_int_equal(fx_r32(&m->fx, fx_pf(1), X710_VF_ATQH(1)),
			 fx_r32(&m->fx, fx_vf(1, 1), X710_VF_ATQH1));
	assert_int_equal(fx_r32(&m->fx, fx_pf(1), X710_VF_ARQT(1)), FX_AQ_LEN - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(vf_version_reaches_pf_with_absolute_id, setup, teardown),
		cmocka_unit_test_setup_teardown(pf_reply_reaches_vf_arq_with_icr01_adminq, setup, teardown),
		cmocka_unit_test_setup_teardown(held_vf_interrupt_fires_on_enable, setup, teardown),
		cmocka_unit_test_setup_teardown(send_to_foreign_vf_fails_einval, setup, teardown),
		cmocka_unit_test_setup_teardown(vf_atq_accepts_only_send_msg_to_pf, setup, teardown),
		cmocka_unit_test_setup_teardown(pf_sees_vf_aq_registers, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
