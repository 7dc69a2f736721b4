/* SPDX-License-Identifier: BSD-2-Clause */
/* PF bring-up and the VEB against the device model. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "x710_pf.h"
#include "x710_test_fixture.h"

static void test_init(void **state)
{
	struct tf t;
	struct x710sim_vsi_info info;
	struct x710_link_status ls;

	(void)state;
	tf_setup_pf(&t, 16);
	assert_true(t.hw->aq.up);
	assert_int_equal(t.hw->fw.api_major, 1);
	assert_int_equal(t.hw->caps.num_vfs, 16);
	assert_int_equal(t.hw->mac[0], 0x02);
	assert_int_not_equal(t.hw->main_vsi_seid, X710_VSI_NONE);
	assert_int_not_equal(t.hw->mac_seid, X710_VSI_NONE);
	assert_int_equal(t.hw->veb_seid, X710_VSI_NONE);
	assert_int_equal(x710sim_vsi_info(t.sim, t.hw->main_vsi_num, &info), 0);
	assert_int_equal(info.type, X710_AQ_VSI_TYPE_PF);
	assert_int_equal(info.seid, t.hw->main_vsi_seid);
	assert_int_equal(t.hw->qalloc.count, X710_DEVICE_QUEUES / 2);
	assert_int_equal(x710_pf_link_status(t.hw, &ls), 0);
	assert_true(ls.up);
	tf_teardown(&t);
}

/* The VEB goes between the port and the PF VSI, once. */
static void test_veb(void **state)
{
	struct tf t;
	struct x710sim_vsi_info info;
	uint16_t veb;

	(void)state;
	tf_setup_pf(&t, 4);
	assert_int_equal(x710_pf_ensure_veb(t.hw), 0);
	veb = t.hw->veb_seid;
	assert_int_not_equal(veb, X710_VSI_NONE);
	assert_int_equal(x710_pf_ensure_veb(t.hw), 0);
	assert_int_equal(t.hw->veb_seid, veb);
	assert_int_equal(x710sim_vsi_info(t.sim, t.hw->main_vsi_num, &info), 0);
	assert_int_equal(info.uplink_seid, veb);
	tf_teardown(&t);
}

/* Every step of pf_init failing leaves nothing allocated (ASan checks
 * the leaks) and surfaces the command by name. */
static void test_init_failures(void **state)
{
	static const uint16_t steps[] = {
		X710_AQC_GET_VERSION, X710_AQC_CLEAR_PXE_MODE, X710_AQC_LIST_FUNC_CAPABILITIES,
		X710_AQC_MAC_ADDRESS_READ, X710_AQC_GET_SWITCH_CONFIG, X710_AQC_GET_VSI_PARAMETERS,
	};
	struct x710_pf_params p = { .pf_id = 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		struct tf t;
		struct x710sim_aq_fault f = { .pf = 0, .opcode = steps[i], .nth = 1,
					      .kind = X710SIM_AQ_FAULT_FAIL, .rc = X710_AQ_RC_EIO };

		tf_setup_model(&t, 4);
		assert_int_equal(x710sim_fault_aq(t.sim, &f), 0);
		assert_int_equal(x710_pf_init(t.hw, &p), -EIO);
		assert_false(t.hw->aq.up);
		assert_int_equal(t.hw->aq_err.opcode, steps[i]);
		assert_int_equal(t.hw->aq_err.rc, X710_AQ_RC_EIO);
		tf_teardown(&t);
	}
}

static void test_bad_osdep(void **state)
{
	struct x710_hw hw;
	struct x710_pf_params p = { 0 };

	(void)state;
	memset(&hw, 0, sizeof(hw));
	assert_int_equal(x710_pf_init(&hw, &p), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_veb),
		cmocka_unit_test(test_init_failures),
		cmocka_unit_test(test_bad_osdep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
