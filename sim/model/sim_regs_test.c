/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The register tables and their access kinds (x710-hardware.md §1.1, §3;
 * §6.1): every element maps back to its own entry (no overlaps), unknown
 * offsets read 0, RO ignores writes, W1C, clear-on-read, self-clearing bits,
 * reset values, and the GLV_* statistics published from the VSI counters.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sim_model.h"
#include "sim_test_fixture.h"

static int setup(void **state)
{
	static struct fx fx;

	fx_setup(&fx, 2, 4);
	assert_int_equal(x710sim_set_num_vfs(fx.sim, 0, 1), 0);
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	fx_teardown(*state);
	return 0;
}

static void check_table(const struct sim_reg_table *t)
{
	for (size_t k = 0; k < t->n_defs; k++) {
		const struct sim_reg_def *d = &t->defs[k];
		unsigned int n = d->n ? d->n : 1, rows = d->n2 > 1 ? d->n2 : 1;

		for (unsigned int j = 0; j < rows; j++) {
			for (unsigned int i = 0; i < n; i++) {
				uint32_t off = d->base + i * (d->stride ? d->stride : 4) + j * d->stride2;
				unsigned int idx;

				assert_true(off < t->bar_size);
				assert_ptr_equal(sim_reg_lookup(t, off, &idx), d);
				assert_int_equal(idx, j * n + i);
			}
		}
	}
}

static void every_register_maps_to_its_own_entry(void **state)
{
	(void)state;
	check_table(&sim_pf_reg_table);
	check_table(&sim_vf_reg_table);
}

static void unknown_offsets_read_zero_and_ignore_writes(void **state)
{
	struct fx *fx = *state;
	const uint32_t hole = 0x1000;    /* nothing at PF 0x1000 or VF 0x1000 */

	x710sim_wr32(fx->sim, fx_pf(0), hole, 0x12345678);
	assert_int_equal(x710sim_rd32(fx->sim, fx_pf(0), hole), 0);
	x710sim_wr32(fx->sim, fx_vf(0, 0), hole, 0x12345678);
	assert_int_equal(x710sim_rd32(fx->sim, fx_vf(0, 0), hole), 0);
	assert_int_equal(x710sim_rd32(fx->sim, fx_vf(0, 0), 0x10000), 0);   /* past BAR */
	assert_int_equal(x710sim_rd32(fx->sim, fx_vf(0, 3), 0), UINT32_MAX); /* no such VF */
}

static void reset_values_and_read_only(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(x710sim_rd32(fx->sim, fx_pf(0), X710_GLHMC_LANTXOBJSZ), 7);
	assert_int_equal(x710sim_rd32(fx->sim, fx_pf(0), X710_GLHMC_LANRXOBJSZ), 5);
	assert_int_equal(x710sim_rd32(fx->sim, fx_pf(0), X710_GLHMC_LANQMAX), 1536);
	x710sim_wr32(fx->sim, fx_pf(0), X710_GLHMC_LANTXOBJSZ, 3);
	assert_int_equal(x710sim_rd32(fx->sim, fx_pf(0), X710_GLHMC_LANTXOBJSZ), 7);
	/* VFGEN_RSTAT belongs to the device; the VF cannot write it. */
	x710sim_wr32(fx->sim, fx_vf(0, 0), X710_VFGEN_RSTAT, X710_VFR_VFACTIVE);
	assert_int_equal(x710sim_rd32(fx->sim, fx_vf(0, 0), X710_VFGEN_RSTAT), X710_VFR_INPROGRESS);
}

static void two_dimensional_tables_are_plain_storage(void **state)
{
	struct fx *fx = *state;

	x710sim_wr32(fx->sim, fx_pf(0), X710_VPLAN_QTABLE(3, 5), 0x123);
	assert_int_equal(x710sim_rd32(fx->sim, fx_pf(0), X710_VPLAN_QTABLE(3, 5)), 0x123);
	assert_int_equal(x710sim_rd32(fx->sim, fx_pf(0), X710_VPLAN_QTABLE(3, 4)), 0);
	x710sim_wr32(fx->sim, fx_pf(0), X710_VSILAN_QTABLE(7, 383), 0x07FF07FF);
	assert_int_equal(fx_r32(fx, fx_pf(0), X710_VSILAN_QTABLE(7, 383)), 0x07FF07FF);
}

static void self_clearing_bits_scrubbed_in_both_paths(void **state)
{
	struct fx *fx = *state;
	uint32_t v = X710_DYN_CTL_INTENA_MASK | X710_DYN_CTL_CLEARPBA_MASK |
		     X710_DYN_CTL_SWINT_TRIG_MASK;

	x710sim_wr32(fx->sim, fx_vf(0, 0), X710_VFINT_DYN_CTL01, v);
	assert_int_equal(x710sim_rd32(fx->sim, fx_vf(0, 0), X710_VFINT_DYN_CTL01),
			 X710_DYN_CTL_INTENA_MASK);
	/* SWINT_TRIG with INTENA raised vector 0. */
	assert_int_equal(fx_irq_count(fx, fx_vf(0, 0), 0), 1);

	fx_w32(fx, fx_vf(0, 0), X710_VFINT_DYN_CTLN1(0), v);
	x710sim_poll(fx->sim);
	assert_int_equal(fx_r32(fx, fx_vf(0, 0), X710_VFINT_DYN_CTLN1(0)), X710_DYN_CTL_INTENA_MASK);
	assert_int_equal(fx_irq_count(fx, fx_vf(0, 0), 1), 1);
}

static void vf_icr01_is_clear_on_read_in_process(void **state)
{
	struct fx *fx = *state;
	struct fx_aq pf;
	struct x710_aq_desc d;
	uint32_t abs = 0;
	struct fx_aq vf;

	fx_aq_init(fx, &pf, fx_pf(0));
	fx_aq_init(fx, &vf, fx_vf(0, 0));
	fx_desc(&d, X710_AQC_SEND_MSG_TO_VF);
	memcpy(d.params.raw, &abs, 4);
	assert_int_equal(fx_aq_send(&pf, &d, NULL, 0), 0);
	assert_int_equal(x710sim_rd32(fx->sim, fx_vf(0, 0), X710_VFINT_ICR01),
			 X710_VFINT_ICR01_ADMINQ_MASK);
	assert_int_equal(x710sim_rd32(fx->sim, fx_vf(0, 0), X710_VFINT_ICR01), 0);
	fx_aq_fini(&pf);
	fx_aq_fini(&vf);
}

static void glv_counters_published_at_stat_counter_idx(void **state)
{
	struct fx *fx = *state;
	struct x710sim_vsi_info info;
	struct sim_vsi *v;

	/* PF 0's main VSI is VSI 0 with stat_counter_idx 0. */
	assert_int_equal(x710sim_vsi_info(fx->sim, 0, &info), 0);
	v = &fx->sim->vsis[0];
	v->stats.rx_bytes = UINT64_C(0x123456789A);
	v->stats.tx_unicast = 77;
	v->stats.rx_discards = 5;
	for (int i = 0; i < 16; i++)
		x710sim_poll(fx->sim);
	assert_int_equal(fx_r32(fx, fx_pf(0), X710_GLV_GORCL(0)), 0x3456789A);
	assert_int_equal(fx_r32(fx, fx_pf(0), X710_GLV_GORCH(0)), 0x12);
	assert_int_equal(fx_r32(fx, fx_pf(0), X710_GLV_UPTCL(0)), 77);
	assert_int_equal(fx_r32(fx, fx_pf(0), X710_GLV_RDPC(0)), 5);
	assert_int_equal(x710sim_vsi_info(fx->sim, 0, &info), 0);
	assert_int_equal(info.stats.tx_unicast, 77);
	assert_int_equal(x710sim_vsi_info(fx->sim, 383, &info), -ENOENT);
	assert_string_equal(x710sim_drop_reason_name(0), "anti_spoof_mac");
	assert_null(x710sim_drop_reason_name(X710SIM_MAX_DROP_REASONS));
}

/* The GLV_* block at a stat_counter_idx other than 0, at offsets written
 * out from i40e_register.h (base + 8 * idx for every counter), so a wrong
 * base or stride in x710_regs.h fails here and not only in a driver. */
static void glv_counters_use_reference_offsets_and_stride_8(void **state)
{
	struct fx *fx = *state;
	struct sim_vsi *v = &fx->sim->vsis[0];
	const unsigned int k = 5;
	const struct sim_reg_def *rdpc;
	unsigned int idx;

	v->props[X710_VSI_PROP_STAT_COUNTER_IDX] = (uint8_t)k;
	v->props[X710_VSI_PROP_STAT_COUNTER_IDX + 1] = 0;
	v->stats.tx_bytes = UINT64_C(0xAB00000011);
	v->stats.tx_broadcast = 3;
	v->stats.rx_discards = 7;
	v->stats.rx_unknown_protocol = 9;
	v->stats.tx_errors = 11;
	for (int i = 0; i < 16; i++)
		x710sim_poll(fx->sim);
	assert_int_equal(fx_r32(fx, fx_pf(0), 0x00328000 + 8 * k), 0x11);      /* GOTCL */
	assert_int_equal(fx_r32(fx, fx_pf(0), 0x00328004 + 8 * k), 0xAB);      /* GOTCH */
	assert_int_equal(fx_r32(fx, fx_pf(0), 0x0033D800 + 8 * k), 3);         /* BPTCL */
	assert_int_equal(fx_r32(fx, fx_pf(0), 0x00310000 + 8 * k), 7);         /* RDPC */
	assert_int_equal(fx_r32(fx, fx_pf(0), 0x0036E400 + 8 * k), 9);         /* RUPP */
	assert_int_equal(fx_r32(fx, fx_pf(0), 0x00344000 + 8 * k), 11);        /* TEPC */
	/* The 32-bit counters have nothing at +4: no register there. */
	assert_null(sim_reg_lookup(&sim_pf_reg_table, 0x00310004 + 8 * k, &idx));
	assert_null(sim_reg_lookup(&sim_pf_reg_table, 0x00344004 + 8 * k, &idx));
	rdpc = sim_reg_lookup(&sim_pf_reg_table, 0x00310000, &idx);
	assert_non_null(rdpc);
	assert_ptr_equal(sim_reg_lookup(&sim_pf_reg_table, 0x00310000 + 8 * k, &idx), rdpc);
	assert_int_equal(idx, k);
}

/* With poll_slices = 4 a VF is looked at on one poll in four: the write
 * takes effect within four polls, never on a poll outside its slice. */
static void sliced_polling_covers_everything_within_n_polls(void **state)
{
	struct fx fx;
	struct x710sim_params p;
	unsigned int polls = 0;

	(void)state;
	x710sim_params_default(&p);
	p.vfs_per_pf = 4;
	p.poll_slices = 4;
	fx_setup_params(&fx, &p);
	assert_int_equal(x710sim_set_num_vfs(fx.sim, 0, 4), 0);
	fx_w32(&fx, fx_vf(0, 3), X710_VFINT_ICR0_ENA1, X710_VFINT_ICR0_ENA1_ADMINQ_MASK);
	while (fx_r32(&fx, fx_pf(0), X710_VFINT_ICR0_ENA(3)) == 0 && polls < 8) {
		x710sim_poll(fx.sim);
		polls++;
	}
	assert_true(polls >= 1 && polls <= 4);
	assert_int_equal(x710sim_rd32(fx.sim, fx_pf(0), X710_VFINT_ICR0_ENA(3)),
			 X710_VFINT_ICR0_ENA1_ADMINQ_MASK);
	fx_teardown(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_register_maps_to_its_own_entry),
		cmocka_unit_test_setup_teardown(unknown_offsets_read_zero_and_ignore_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(reset_values_and_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(two_dimensional_tables_are_plain_storage, setup, teardown),
		cmocka_unit_test_setup_teardown(self_clearing_bits_scrubbed_in_both_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(vf_icr01_is_clear_on_read_in_process, setup, teardown),
		cmocka_unit_test_setup_teardown(glv_counters_published_at_stat_counter_idx, setup, teardown),
		cmocka_unit_test_setup_teardown(glv_counters_use_reference_offsets_and_stride_8, setup, teardown),
		cmocka_unit_test(sliced_polling_covers_everything_within_n_polls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
