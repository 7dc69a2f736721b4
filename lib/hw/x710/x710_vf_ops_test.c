/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_hw_ops over the X710 layer, driven the way the virtchnl host does,
 * with a test VF at the other end of the mailbox. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "x710_pf.h"
#include "x710_test_fixture.h"
#include "x710_vf.h"
#include "x710_vf_ops.h"

static const struct vc_hw_ops *ops = &x710_vc_hw_ops;

static int setup(void **state)
{
	struct tf *t = test_calloc(1, sizeof(*t));
	struct x710_vf_config vc = { .num_queues = 4, .has_mac = true,
				     .mac = { 0x02, 0, 0, 0, 0, 7 }, .mac_anti_spoof = true };

	tf_setup_pf(t, 4);
	assert_int_equal(x710_vf_enable(t->hw, 2), 0);
	assert_int_equal(x710_vf_setup(t->hw, 0, &vc), 0);
	*state = t;
	return 0;
}

static int down(void **state)
{
	tf_teardown(*state);
	test_free(*state);
	return 0;
}

static void test_mailbox_and_ids(void **state)
{
	struct tf *t = *state;
	struct tf_vf_aq vq;
	struct x710_aq_desc d;
	uint8_t buf[64];
	const uint32_t ver[2] = { 1, 1 };
	uint16_t vsi;

	tf_vf_aq_init(t, &vq, 0);
	assert_int_equal(ops->send_to_vf(t->hw, 0, 1, 0, ver, sizeof(ver)), 0);
	assert_int_equal(tf_vf_recv(t, &vq, &d, buf, sizeof(buf)), (int)sizeof(ver));
	assert_int_equal(d.cookie_high, 1);
	assert_memory_equal(buf, ver, sizeof(ver));
	assert_int_equal(ops->send_to_vf(t->hw, 2, 1, 0, NULL, 0), -ENOENT);
	assert_int_equal(ops->vsi_id(t->hw, 0, &vsi), 0);
	assert_int_equal(vsi, t->hw->vfs[0].vsi_num);
	assert_int_equal(ops->vsi_id(t->hw, 1, &vsi), -ENOENT);
	tf_vf_aq_fini(&vq);
}

/* The CONFIG_VSI_QUEUES / IRQ_MAP / ENABLE_QUEUES path of iavf. */
static void test_queue_path(void **state)
{
	struct tf *t = *state;
	void *ring = aligned_alloc(4096, 65536);
	struct vc_txq_params tp = { (uintptr_t)ring, 256 };
	struct vc_rxq_params rp = { (uintptr_t)ring + 32768, 256, 2048, 1518 };
	struct x710sim_queue_info qi;

	assert_non_null(ring);
	memset(ring, 0, 65536);
	assert_int_equal(ops->config_txq(t->hw, 0, 0, &tp), 0);
	assert_int_equal(ops->config_rxq(t->hw, 0, 0, &rp), 0);
	assert_int_equal(ops->config_irq_map(t->hw, 0, 1, 0x1, 0, 0, 0), 0);
	assert_int_equal(ops->switch_queues(t->hw, 0, 0x1, 0x1, true), 0);
	assert_int_equal(x710sim_queue_info(t->sim, 0, t->hw->vfs[0].pfq[0], false, &qi), 0);
	assert_true(qi.running);
	assert_int_equal(x710sim_queue_info(t->sim, 0, t->hw->vfs[0].pfq[0], true, &qi), 0);
	assert_true(qi.running);
	assert_int_equal(ops->switch_queues(t->hw, 0, 0x1, 0x1, false), 0);
	assert_int_equal(x710sim_queue_info(t->sim, 0, t->hw->vfs[0].pfq[0], true, &qi), 0);
	assert_false(qi.running);
	/* A queue that is not the VF's. */
	assert_int_equal(ops->switch_queues(t->hw, 0, 0x10, 0, true), -EINVAL);
	free(ring);
}

static void test_filters_rss_stats_link(void **state)
{
	struct tf *t = *state;
	const uint8_t mac[6] = { 0x02, 0, 0, 0, 0x33, 0x44 };
	uint8_t key[52], lut[64];
	struct virtchnl_eth_stats st;
	struct vc_link link;
	struct x710sim_vsi_info info;

	assert_int_equal(ops->mac_filter(t->hw, 0, mac, true), 0);
	assert_int_equal(ops->vlan_filter(t->hw, 0, 10, true), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->vfs[0].vsi_num, &info), 0);
	assert_int_equal(info.n_filters, 3);
	assert_int_equal(ops->vlan_filter(t->hw, 0, 10, false), 0);
	assert_int_equal(ops->mac_filter(t->hw, 0, mac, false), 0);
	assert_int_equal(ops->set_promisc(t->hw, 0, true, false), 0);
	assert_int_equal(ops->vlan_strip(t->hw, 0, true), 0);

	for (unsigned int i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i + 1);
	for (unsigned int i = 0; i < sizeof(lut); i++)
		lut[i] = (uint8_t)(i % 4);
	assert_int_equal(ops->set_rss_key(t->hw, 0, key, sizeof(key)), 0);
	assert_int_equal(tf_pf_rd(t, X710_VFQF_HKEY1(0, 0)), 0x04030201u);
	assert_int_equal(tf_pf_rd(t, X710_VFQF_HKEY1(12, 0)), 0x34333231u);
	assert_int_equal(ops->set_rss_key(t->hw, 0, key, 40), -EINVAL);
	assert_int_equal(ops->set_rss_lut(t->hw, 0, lut, sizeof(lut)), 0);
	assert_int_equal(tf_pf_rd(t, X710_VFQF_HLUT1(0, 0)), 0x03020100u);
	lut[5] = 4;   /* the VF has 4 queues */
	assert_int_equal(ops->set_rss_lut(t->hw, 0, lut, sizeof(lut)), -EINVAL);
	assert_int_equal(ops->set_rss_hena(t->hw, 0, 0x1122334455667788ull), 0);
	assert_int_equal(tf_pf_rd(t, X710_VFQF_HENA1(0, 0)), 0x55667788u);
	assert_int_equal(tf_pf_rd(t, X710_VFQF_HENA1(1, 0)), 0x11223344u);

	assert_int_equal(ops->get_stats(t->hw, 0, &st), 0);
	assert_int_equal(st.tx_unicast, 0);
	assert_int_equal(ops->get_stats(t->hw, 1, &st), -ENOENT);

	assert_int_equal(ops->link(t->hw, 0, &link), 0);
	assert_true(link.up);
	assert_int_equal(link.speed_mbps, 10000);
}

/* The link a VF is told: asked from the firmware only while the PF keeps
 * none; then the kept one (a failing get_link_status is never seen), which
 * follows the link events the PF takes from its ARQ. */
static void test_link_from_kept_state(void **state)
{
	struct tf *t = *state;
	struct vc_link link;
	struct x710_aq_event ev = { 0 };
	struct x710sim_aq_fault link_fails = {
		.pf = 0, .opcode = X710_AQC_GET_LINK_STATUS, .nth = 0,
		.kind = X710SIM_AQ_FAULT_FAIL, .rc = X710_AQ_RC_EBUSY,
	};

	assert_false(t->hw->link_known);
	assert_int_equal(x710sim_fault_aq(t->sim, &link_fails), 0);
	assert_int_equal(ops->link(t->hw, 0, &link), -EBUSY);   /* nothing kept yet */
	assert_int_equal(x710sim_fault_aq(t->sim, NULL), 0);
	assert_int_equal(x710_pf_enable_link_events(t->hw), 0);
	assert_true(t->hw->link_known);

	assert_int_equal(x710sim_fault_aq(t->sim, &link_fails), 0);
	assert_int_equal(ops->link(t->hw, 0, &link), 0);
	assert_true(link.up);
	assert_int_equal(link.speed_mbps, 10000);

	assert_int_equal(x710sim_set_link(t->sim, 0, false), 0);
	assert_int_equal(ops->link(t->hw, 0, &link), 0);
	assert_true(link.up);                     /* no event taken yet */
	assert_int_equal(x710_aq_event_get(t->hw, &ev, NULL), 0);
	assert_int_equal(x710_pf_link_event(t->hw, &ev.desc), 0);
	assert_int_equal(ops->link(t->hw, 0, &link), 0);
	assert_false(link.up);
	assert_int_equal(link.speed_mbps, 0);
	assert_int_equal(x710sim_fault_aq(t->sim, NULL), 0);
	ev.desc.opcode = X710_AQC_SEND_MSG_TO_PF;
	assert_int_equal(x710_pf_link_event(t->hw, &ev.desc), -EINVAL);
}

static void test_reset_op(void **state)
{
	struct tf *t = *state;

	assert_int_equal(ops->vf_reset(t->hw, 0, false), 0);
	assert_int_equal(tf_vf_rd(t, 0, X710_VFGEN_RSTAT) & X710_VFGEN_RSTAT_VFR_STATE_MASK,
			 X710_VFR_VFACTIVE);
	assert_int_equal(ops->vf_reset(t->hw, 1, false), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mailbox_and_ids, setup, down),
		cmocka_unit_test_setup_teardown(test_queue_path, setup, down),
		cmocka_unit_test_setup_teardown(test_filters_rss_stats_link, setup, down),
		cmocka_unit_test_setup_teardown(test_link_from_kept_state, setup, down),
		cmocka_unit_test_setup_teardown(test_reset_op, setup, down),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
