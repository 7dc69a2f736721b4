/* SPDX-License-Identifier: BSD-2-Clause */
/* PF bring-up and the VEB against the device model. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "x710/virtchnl_defs.h"
#include "x710_pf.h"
#include "x710_vf.h"
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

/* A PF with kept memory, two VFs (VF 0 set up) and link events on. */
static void setup_kept_pf(struct tf *t)
{
	struct x710_pf_params p = { .pf_id = 0, .pf_reset = true };
	struct x710_vf_config vc = { .num_queues = 1, .has_mac = true,
				     .mac = { 0x02, 0, 0, 0, 0, 9 } };

	tf_setup_model(t, 4);
	t->os_sim.keep_memory = true;
	assert_int_equal(x710_pf_init(t->hw, &p), 0);
	assert_non_null(t->hw->aq.kept.vaddr);
	assert_int_equal(x710_vf_enable(t->hw, 2), 0);
	assert_int_equal(x710_vf_setup(t->hw, 0, &vc), 0);
	assert_int_equal(x710_pf_enable_link_events(t->hw), 0);
}

/* The next owner of the same PF (same osdep, so the same kept blocks). */
static struct x710_hw *adopt(struct tf *t)
{
	struct x710_pf_params p = { .pf_id = 0, .adopt = true };
	struct x710_hw *hw = calloc(1, sizeof(*hw));

	assert_non_null(hw);
	hw->os = t->hw->os;
	assert_int_equal(x710_pf_init(hw, &p), 0);
	return hw;
}

static void finish(struct tf *t, struct x710_hw *hw, struct tf_vf_aq *q)
{
	tf_vf_aq_fini(q);
	x710_pf_shutdown(hw);
	free(hw);
	tf_teardown(t);
}

/* Detached, the ARQ keeps running in the kept block: an unread link event
 * and a VF message sent while no owner runs are both read, in order, by
 * the owner that adopts the PF. */
static void test_adopt_reads_events_posted_meanwhile(void **state)
{
	static const uint8_t msg[12] = { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	struct tf t;
	struct tf_vf_aq q;
	struct x710_hw *hw;
	uint8_t buf[64];
	struct x710_aq_event ev = { .msg = buf, .msg_cap = sizeof(buf) };
	unsigned int pending;

	(void)state;
	setup_kept_pf(&t);
	assert_int_equal(x710sim_set_link(t.sim, 0, false), 0);
	x710sim_poll(t.sim);
	assert_true(x710_pf_detach(t.hw));
	assert_true(tf_pf_rd(&t, X710_PF_ARQLEN) & X710_AQLEN_ENABLE_MASK);
	tf_vf_aq_init(&t, &q, 0);
	tf_vf_send(&t, &q, VIRTCHNL_OP_GET_STATS, msg, sizeof(msg));

	hw = adopt(&t);
	assert_true(hw->aq.adopted);
	assert_int_equal(x710_aq_event_get(hw, &ev, &pending), 0);
	assert_int_equal(ev.opcode, X710_AQC_GET_LINK_STATUS);
	assert_int_equal(pending, 1);
	assert_int_equal(x710_pf_link_event(hw, &ev.desc), 0);
	assert_false(hw->link.up);
	assert_int_equal(x710_aq_event_get(hw, &ev, NULL), 0);
	assert_int_equal(ev.opcode, X710_AQC_SEND_MSG_TO_PF);
	assert_int_equal(ev.retval, hw->caps.vf_base_id + 0);
	assert_int_equal(ev.cookie_high, VIRTCHNL_OP_GET_STATS);
	assert_int_equal(ev.msg_len, sizeof(msg));
	assert_memory_equal(buf, msg, sizeof(msg));
	assert_int_equal(x710_aq_event_get(hw, &ev, NULL), -EAGAIN);
	/* And the queue goes on: commands and the next event. */
	assert_int_equal(x710_aq_clear_pxe_mode(hw), 0);
	assert_int_equal(x710sim_set_link(t.sim, 0, true), 0);
	x710sim_poll(t.sim);
	assert_int_equal(x710_aq_event_get(hw, &ev, NULL), 0);
	assert_int_equal(ev.opcode, X710_AQC_GET_LINK_STATUS);
	finish(&t, hw, &q);
}

/* The owner died after re-posting an ARQ slot but before moving ARQT past
 * it: the adopter must not read that posted slot as an event. */
static void test_adopt_skips_a_reposted_slot(void **state)
{
	struct tf t;
	struct x710_hw *hw;
	struct x710_aq_event ev = { 0 };
	uint32_t arqt;

	(void)state;
	setup_kept_pf(&t);
	arqt = tf_pf_rd(&t, X710_PF_ARQT);
	assert_int_equal(x710sim_set_link(t.sim, 0, false), 0);
	x710sim_poll(t.sim);
	assert_int_equal(x710_aq_event_get(t.hw, &ev, NULL), 0);
	x710sim_wr32(t.sim, (struct x710sim_fn){ 0, -1 }, X710_PF_ARQT, arqt);   /* undone */
	assert_true(x710_pf_detach(t.hw));
	assert_int_equal(x710sim_set_link(t.sim, 0, true), 0);
	x710sim_poll(t.sim);

	hw = adopt(&t);
	assert_true(hw->aq.adopted);
	assert_int_equal(x710_aq_event_get(hw, &ev, NULL), 0);
	assert_int_equal(ev.opcode, X710_AQC_GET_LINK_STATUS);
	assert_int_equal(x710_pf_link_event(hw, &ev.desc), 0);
	assert_true(hw->link.up);
	assert_int_equal(x710_aq_event_get(hw, &ev, NULL), -EAGAIN);
	x710_pf_shutdown(hw);
	free(hw);
	tf_teardown(&t);
}

/* Rings the device no longer runs from the kept block cannot be resumed:
 * the adopter says why and starts the queue afresh, which works. */
static void test_adopt_falls_back_when_rings_moved(void **state)
{
	struct tf t;
	struct tf_vf_aq q;
	struct x710_hw *hw;
	struct x710_aq_event ev = { 0 };

	(void)state;
	setup_kept_pf(&t);
	assert_true(x710_pf_detach(t.hw));
	tf_vf_aq_init(&t, &q, 0);
	tf_vf_send(&t, &q, VIRTCHNL_OP_GET_STATS, NULL, 0);
	x710sim_wr32(t.sim, (struct x710sim_fn){ 0, -1 }, X710_PF_ARQLEN, 0);   /* stopped */

	hw = adopt(&t);
	assert_false(hw->aq.adopted);
	assert_non_null(strstr(t.os_sim.last_log, "admin queue not adopted"));
	assert_int_equal(x710_aq_event_get(hw, &ev, NULL), -EAGAIN);
	assert_true(tf_pf_rd(&t, X710_PF_ARQLEN) & X710_AQLEN_ENABLE_MASK);
	assert_int_equal(x710_aq_clear_pxe_mode(hw), 0);
	finish(&t, hw, &q);
}

/* The kept block's header is the previous owner's word: one that names
 * another ring length is not believed (no ring is read by it), the queue
 * starts afresh. */
static void test_adopt_refuses_a_foreign_header(void **state)
{
	struct tf t;
	struct x710_hw *hw;
	struct x710_aq_event ev = { 0 };
	uint16_t *entries = NULL;

	(void)state;
	setup_kept_pf(&t);
	assert_true(x710_pf_detach(t.hw));
	for (size_t i = 0; i < X710_OSDEP_SIM_KEPT_MAX; i++)
		if (t.os_sim.kept[i].va && strcmp(t.os_sim.kept[i].name, X710_AQ_KEPT_NAME) == 0)
			entries = (uint16_t *)((uint8_t *)t.os_sim.kept[i].va + sizeof(uint32_t));
	assert_non_null(entries);
	*entries = UINT16_MAX;   /* the header's ring length, after its magic */

	hw = adopt(&t);
	assert_false(hw->aq.adopted);
	assert_non_null(strstr(t.os_sim.last_log, "another layout"));
	assert_int_equal(x710_aq_event_get(hw, &ev, NULL), -EAGAIN);
	assert_int_equal(x710_aq_clear_pxe_mode(hw), 0);
	x710_pf_shutdown(hw);
	free(hw);
	tf_teardown(&t);
}

/* Without kept memory the device's memory dies with the owner: detach
 * refuses to leave the PF running and shuts it down (rings stopped, SD 0
 * invalid before its page is freed). */
static void test_detach_without_kept_memory_shuts_down(void **state)
{
	struct tf t;

	(void)state;
	tf_setup_pf(&t, 4);
	assert_null(t.hw->aq.kept.vaddr);
	assert_false(t.hw->hmc.kept);
	assert_false(x710_pf_detach(t.hw));
	assert_false(tf_pf_rd(&t, X710_PF_ARQLEN) & X710_AQLEN_ENABLE_MASK);
	assert_false(tf_pf_rd(&t, X710_PF_ATQLEN) & X710_AQLEN_ENABLE_MASK);
	assert_false(tf_pf_rd(&t, X710_PFHMC_SDDATALOW) & X710_PFHMC_SDDATALOW_VALID_MASK);
	assert_false(t.hw->hmc.up);
	tf_teardown(&t);
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
		cmocka_unit_test(test_adopt_reads_events_posted_meanwhile),
		cmocka_unit_test(test_adopt_skips_a_reposted_slot),
		cmocka_unit_test(test_adopt_falls_back_when_rings_moved),
		cmocka_unit_test(test_adopt_refuses_a_foreign_header),
		cmocka_unit_test(test_detach_without_kept_memory_shuts_down),
		cmocka_unit_test(test_bad_osdep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
