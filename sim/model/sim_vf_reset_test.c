/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VF reset and FLR (x710-hardware.md §2.3): VPGEN_VFRTRIG.VFSWR, VFRSTAT
 * VFRD, VFGEN_RSTAT / VFGEN_RSTAT1, GLGEN_VFLRSTAT with the absolute id,
 * PFINT_ICR0.VFLR; what the reset clears in the VF.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sim_test_fixture.h"

#define VFS 40          /* PF 1's VF 3 is absolute 43: word 1, bit 11 */
#define PCIE_DEVCTL_OFF (0xA0 + 8)

struct t {
	struct fx fx;
	struct fx_aq vf;
};

static int setup(void **state)
{
	static struct t t;

	fx_setup(&t.fx, 2, VFS);
	assert_int_equal(x710sim_set_num_vfs(t.fx.sim, 1, 4), 0);
	fx_aq_init(&t.fx, &t.vf, fx_vf(1, 3));
	fx_w32(&t.fx, fx_vf(1, 3), X710_VFINT_ICR0_ENA1, X710_VFINT_ICR0_ENA1_ADMINQ_MASK);
	x710sim_poll(t.fx.sim);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	struct t *t = *state;

	fx_aq_fini(&t->vf);
	fx_teardown(&t->fx);
	return 0;
}

static void new_vf_is_reset_done_and_waits_for_the_pf(void **state)
{
	struct t *t = *state;

	assert_int_equal(fx_r32(&t->fx, fx_pf(1), X710_VPGEN_VFRSTAT(3)) &
			 X710_VPGEN_VFRSTAT_VFRD_MASK, X710_VPGEN_VFRSTAT_VFRD_MASK);
	assert_int_equal(fx_r32(&t->fx, fx_vf(1, 3), X710_VFGEN_RSTAT) & 3, X710_VFR_INPROGRESS);
	/* The PF declares it active; the VF reads the state in its BAR. */
	fx_w32(&t->fx, fx_pf(1), X710_VFGEN_RSTAT1(3), X710_VFR_VFACTIVE);
	x710sim_poll(t->fx.sim);
	assert_int_equal(fx_r32(&t->fx, fx_vf(1, 3), X710_VFGEN_RSTAT) & 3, X710_VFR_VFACTIVE);
}

static void vfswr_resets_aq_and_interrupts(void **state)
{
	struct t *t = *state;

	fx_w32(&t->fx, fx_pf(1), X710_VFGEN_RSTAT1(3), X710_VFR_VFACTIVE);
	x710sim_poll(t->fx.sim);
	fx_w32(&t->fx, fx_pf(1), X710_VPGEN_VFRTRIG(3), X710_VPGEN_VFRTRIG_VFSWR_MASK);
	x710sim_poll(t->fx.sim);
	assert_true(fx_r32(&t->fx, fx_pf(1), X710_VPGEN_VFRSTAT(3)) & X710_VPGEN_VFRSTAT_VFRD_MASK);
	assert_int_equal(fx_r32(&t->fx, fx_vf(1, 3), X710_VFGEN_RSTAT) & 3, X710_VFR_INPROGRESS);
	assert_int_equal(fx_r32(&t->fx, fx_vf(1, 3), X710_VF_ATQLEN1), 0);
	assert_int_equal(fx_r32(&t->fx, fx_vf(1, 3), X710_VF_ARQBAL1), 0);
	assert_int_equal(fx_r32(&t->fx, fx_vf(1, 3), X710_VFINT_ICR0_ENA1), 0);
	assert_int_equal(fx_r32(&t->fx, fx_pf(1), X710_VF_ATQLEN(3)), 0);
	/* Not an FLR: no VFLR cause. */
	assert_int_equal(fx_r32(&t->fx, fx_pf(1), X710_GLGEN_VFLRSTAT(1)), 0);
	/* DPDK's order: COMPLETED, clear VFSWR, then VFACTIVE. */
	fx_w32(&t->fx, fx_pf(1), X710_VFGEN_RSTAT1(3), X710_VFR_COMPLETED);
	fx_w32(&t->fx, fx_pf(1), X710_VPGEN_VFRTRIG(3), 0);
	x710sim_poll(t->fx.sim);
	assert_int_equal(fx_r32(&t->fx, fx_vf(1, 3), X710_VFGEN_RSTAT) & 3, X710_VFR_COMPLETED);
	/* Other VFs were untouched. */
	assert_int_equal(fx_r32(&t->fx, fx_vf(1, 2), X710_VFGEN_RSTAT) & 3, X710_VFR_INPROGRESS);
}

static void vfswr_acts_on_the_rising_edge_only(void **state)
{
	struct t *t = *state;

	fx_w32(&t->fx, fx_pf(1), X710_VPGEN_VFRTRIG(3), X710_VPGEN_VFRTRIG_VFSWR_MASK);
	x710sim_poll(t->fx.sim);
	fx_aq_fini(&t->vf);
	fx_aq_init(&t->fx, &t->vf, fx_vf(1, 3));    /* VF re-initialises, VFSWR held */
	x710sim_poll(t->fx.sim);
	assert_int_equal(fx_r32(&t->fx, fx_vf(1, 3), X710_VF_ATQLEN1),
			 FX_AQ_LEN | X710_AQLEN_ENABLE_MASK);
}

static void flr_sets_vflrstat_with_absolute_id_and_icr0(void **state)
{
	struct t *t = *state;
	uint8_t *cfg = fx_cfg(&t->fx, fx_vf(1, 3));
	const uint32_t bit = 1u << ((VFS + 3) % 32);

	fx_w32(&t->fx, fx_pf(1), X710_PFINT_ICR0_ENA, X710_PFINT_ICR0_VFLR_MASK);
	x710sim_poll(t->fx.sim);
	/* PCIe Device Control, Initiate FLR (bit 15). */
	cfg[PCIE_DEVCTL_OFF + 1] |= 0x80;
	x710sim_poll(t->fx.sim);
	assert_int_equal(fx_r32(&t->fx, fx_pf(1), X710_GLGEN_VFLRSTAT((VFS + 3) / 32)), bit);
	/* The register is global: PF 0 sees the same bit. */
	assert_int_equal(fx_r32(&t->fx, fx_pf(0), X710_GLGEN_VFLRSTAT((VFS + 3) / 32)), bit);
	assert_true(fx_r32(&t->fx, fx_pf(1), X710_PFINT_ICR0) & X710_PFINT_ICR0_VFLR_MASK);
	assert_int_equal(fx_irq_count(&t->fx, fx_pf(1), 0), 1);
	assert_int_equal(fx_r32(&t->fx, fx_vf(1, 3), X710_VF_ATQLEN1), 0);
	assert_int_equal(cfg[PCIE_DEVCTL_OFF + 1] & 0x80, 0);   /* self-cleared */

	/* Exact W1C through the in-process accessor. */
	x710sim_wr32(t->fx.sim, fx_pf(1), X710_GLGEN_VFLRSTAT(1), bit);
	assert_int_equal(x710sim_rd32(t->fx.sim, fx_pf(1), X710_GLGEN_VFLRSTAT(1)), 0);
	x710sim_poll(t->fx.sim);
	assert_false(fx_r32(&t->fx, fx_pf(1), X710_PFINT_ICR0) & X710_PFINT_ICR0_VFLR_MASK);
}

static void polled_vflr_clears_when_pf_handles_the_vf(void **state)
{
	struct t *t = *state;

	assert_int_equal(x710sim_vf_flr(t->fx.sim, 1, 3), 0);
	assert_int_not_equal(fx_r32(&t->fx, fx_pf(1), X710_GLGEN_VFLRSTAT(1)), 0);
	fx_w32(&t->fx, fx_pf(1), X710_VFGEN_RSTAT1(3), X710_VFR_VFACTIVE);
	x710sim_poll(t->fx.sim);
	assert_int_equal(fx_r32(&t->fx, fx_pf(1), X710_GLGEN_VFLRSTAT(1)), 0);
	x710sim_poll(t->fx.sim);
	assert_false(fx_r32(&t->fx, fx_pf(1), X710_PFINT_ICR0) & X710_PFINT_ICR0_VFLR_MASK);
	assert_int_equal(x710sim_vf_flr(t->fx.sim, 1, 7), -ENOENT);
}

static void icr0_is_clear_on_read_in_process(void **state)
{
	struct t *t = *state;

	assert_int_equal(x710sim_vf_flr(t->fx.sim, 1, 3), 0);
	assert_true(x710sim_rd32(t->fx.sim, fx_pf(1), X710_PFINT_ICR0) & X710_PFINT_ICR0_VFLR_MASK);
	assert_int_equal(x710sim_rd32(t->fx.sim, fx_pf(1), X710_PFINT_ICR0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(new_vf_is_reset_done_and_waits_for_the_pf, setup, teardown),
		cmocka_unit_test_setup_teardown(vfswr_resets_aq_and_interrupts, setup, teardown),
		cmocka_unit_test_setup_teardown(vfswr_acts_on_the_rising_edge_only, setup, teardown),
		cmocka_unit_test_setup_teardown(flr_sets_vflrstat_with_absolute_id_and_icr0, setup, teardown),
		cmocka_unit_test_setup_teardown(polled_vflr_clears_when_pf_handles_the_vf, setup, teardown),
		cmocka_unit_test_setup_teardown(icr0_is_clear_on_read_in_process, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
