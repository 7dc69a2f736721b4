/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_handle_init tests: VERSION, GET_VF_RESOURCES, re-init without reset, REQUEST_QUEUES. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "vc_test_util.h"

static void setup_active(struct tctx *t)
{
	t_init(t);
	t_create(t);
	t_activate(t, 0);
}

static void test_version_is_always_1_1(void **state)
{
	static const uint32_t asked[][2] = { { 1, 1 }, { 1, 0 }, { 2, 5 }, { 0, 0 } };
	struct tctx t;

	(void)state;
	t_init(&t);
	t_create(&t);
	for (size_t i = 0; i < 4; i++) {
		struct virtchnl_version_info v;

		fake_hw_clear_log(&t.hw);
		assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_VERSION, t.buf,
					  b_version(t.buf, asked[i][0], asked[i][1])), 0);
		const struct fake_send *s = t_expect_reply(&t, VIRTCHNL_OP_VERSION, 0);

		assert_int_equal(s->len, sizeof(v));
		memcpy(&v, s->buf, sizeof(v));
		assert_int_equal(v.major, 1);
		assert_int_equal(v.minor, 1);
	}
	t_destroy(&t);
}

static void test_resources_grant_and_link_event(void **state)
{
	struct tctx t;
	struct virtchnl_vf_resource res;
	struct virtchnl_pf_event ev;

	(void)state;
	t_init(&t);
	t_create(&t);
	assert_int_equal(t_handle(&t, 1, VIRTCHNL_OP_VERSION, t.buf, b_version(t.buf, 1, 1)), 0);
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 1, VIRTCHNL_OP_GET_VF_RESOURCES, t.buf,
				  b_caps(t.buf, VC_IAVF_2211_CAPS)), 0);
	const struct fake_send *s = t_expect_reply(&t, VIRTCHNL_OP_GET_VF_RESOURCES, 0);

	assert_int_equal(s->len, sizeof(res));
	memcpy(&res, s->buf, sizeof(res));
	assert_int_equal(res.vf_cap_flags, VIRTCHNL_VF_OFFLOAD_L2 | VIRTCHNL_VF_CAP_ADV_LINK_SPEED |
			 VIRTCHNL_VF_OFFLOAD_RSS_PF | VIRTCHNL_VF_OFFLOAD_VLAN |
			 VIRTCHNL_VF_OFFLOAD_REQ_QUEUES);
	assert_false(res.vf_cap_flags & (VIRTCHNL_VF_OFFLOAD_WB_ON_ITR | VC_CAP_RX_FLEX_DESC |
					 VC_CAP_VLAN_V2 | VC_CAP_LARGE_NUM_QPAIRS |
					 VIRTCHNL_VF_OFFLOAD_RX_POLLING));
	assert_int_equal(res.num_vsis, 1);
	assert_int_equal(res.num_queue_pairs, T_QUEUES);
	assert_int_equal(res.max_vectors, T_MAX_VECTORS);
	assert_int_equal(res.rss_key_size, 52);
	assert_int_equal(res.rss_lut_size, 64);
	assert_int_equal(res.vsi_res[0].vsi_id, t_vsi(1));
	assert_int_equal(res.vsi_res[0].vsi_type, VIRTCHNL_VSI_SRIOV);
	assert_int_equal(res.vsi_res[0].num_queue_pairs, T_QUEUES);
	assert_memory_equal(res.vsi_res[0].default_mac_addr, t.pol[1].admin_mac, 6);
	/* Then exactly one link event: up, 10000 Mbit/s (ADV_LINK_SPEED). */
	assert_int_equal(t.hw.n_sends, 2);
	assert_int_equal(t.hw.sends[1].op, VIRTCHNL_OP_EVENT);
	memcpy(&ev, t.hw.sends[1].buf, sizeof(ev));
	assert_int_equal(ev.event, VIRTCHNL_EVENT_LINK_CHANGE);
	assert_int_equal(ev.event_data.link_event.link_status, 1);
	assert_int_equal(ev.event_data.link_event.link_speed, 10000);
	t_destroy(&t);
}

static void test_link_state_policy_and_legacy_speed(void **state)
{
	struct tctx t;
	struct virtchnl_pf_event ev;

	(void)state;
	t_init(&t);
	t.pol[0].link_state = VC_LINK_DISABLE;
	t.pol[1].link_state = VC_LINK_ENABLE;
	t_create(&t);
	t.hw.link.up = false;
	/* VF 0 without ADV_LINK_SPEED: the enum; link-state disable: down. */
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_GET_VF_RESOURCES, t.buf,
				  b_caps(t.buf, VIRTCHNL_VF_OFFLOAD_L2)), 0);
	memcpy(&ev, fake_hw_last_send(&t.hw, VIRTCHNL_OP_EVENT)->buf, sizeof(ev));
	assert_int_equal(ev.event_data.link_event.link_status, 0);
	assert_int_equal(ev.event_data.link_event.link_speed, VIRTCHNL_LINK_SPEED_10GB);
	/* VF 1, link-state enable: up although the port is down. */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 1, VIRTCHNL_OP_GET_VF_RESOURCES, t.buf,
				  b_caps(t.buf, VC_IAVF_2211_CAPS)), 0);
	memcpy(&ev, fake_hw_last_send(&t.hw, VIRTCHNL_OP_EVENT)->buf, sizeof(ev));
	assert_int_equal(ev.event_data.link_event.link_status, 1);
	t_destroy(&t);
}

static void test_port_vlan_hides_vlan_cap(void **state)
{
	struct tctx t;
	struct virtchnl_vf_resource res;
	static const uint16_t vid = 5;

	(void)state;
	t_init(&t);
	t.pol[0].has_port_vlan = true;
	t.pol[0].port_vlan_id = 100;
	t_create(&t);
	t_activate(&t, 0);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_GET_VF_RESOURCES, t.buf,
				  b_caps(t.buf, VC_IAVF_2211_CAPS)), 0);
	memcpy(&res, fake_hw_last_send(&t.hw, VIRTCHNL_OP_GET_VF_RESOURCES)->buf, sizeof(res));
	assert_false(res.vf_cap_flags & VIRTCHNL_VF_OFFLOAD_VLAN);
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_ADD_VLAN, t.buf,
				  b_vlan_list(t.buf, t_vsi(0), &vid, 1)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_ADD_VLAN, VIRTCHNL_STATUS_ERR_NOT_SUPPORTED);
	assert_int_equal(t.hw.calls[F_VLAN], 0);
	t_destroy(&t);
}

static void test_reinit_without_reset_undoes_vf_config(void **state)
{
	struct tctx t;
	struct vc_vf_view v;
	static const uint8_t mac[1][6] = { { 0x02, 0xaa, 0, 0, 0, 1 } };
	static const uint16_t vid = 7;

	(void)state;
	t_init(&t);
	t.pol[0].trust = true;
	t_create(&t);
	t_activate(&t, 0);
	t_configure_queues(&t, 0, 2);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_ENABLE_QUEUES, t.buf,
				  b_qsel(t.buf, t_vsi(0), 3, 3)), 0);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_ADD_ETH_ADDR, t.buf,
				  b_eth_list(t.buf, t_vsi(0), mac, 1)), 0);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_ADD_VLAN, t.buf,
				  b_vlan_list(t.buf, t_vsi(0), &vid, 1)), 0);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE, t.buf,
				  b_promisc(t.buf, t_vsi(0), 3)), 0);
	assert_int_equal(t.hw.vf[0].macs, 1);
	assert_true(t.hw.vf[0].promisc_uc);
	/* iavf restarts: VERSION again, no RESET_VF (spec §0 #1). */
	t_activate(&t, 0);
	assert_int_equal(t.hw.vf[0].macs, 0);
	assert_int_equal(t.hw.vf[0].vlans, 0);
	assert_false(t.hw.vf[0].promisc_uc);
	assert_int_equal(t.hw.vf[0].rx_enabled | t.hw.vf[0].tx_enabled, 0);
	assert_int_equal(vc_host_vf_view(t.host, 0, &v), 0);
	assert_int_equal(v.state, VC_VF_ACTIVE);
	assert_int_equal(v.num_macs, 1);     /* the admin MAC only */
	assert_int_equal(v.num_vlans, 0);
	assert_int_equal(v.txq_configured, 0);
	/* And a second GET_VF_RESOURCES without VERSION is served as well. */
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_GET_VF_RESOURCES, t.buf,
				  b_caps(t.buf, VC_IAVF_2211_CAPS)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_GET_VF_RESOURCES, 0);
	t_destroy(&t);
}

static void test_legacy_1_0_vf(void **state)
{
	struct tctx t;

	(void)state;
	t_init(&t);
	t_create(&t);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_VERSION, t.buf, b_version(t.buf, 1, 0)), 0);
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_GET_VF_RESOURCES, t.buf, 4), 0);
	t_expect_reply(&t, VIRTCHNL_OP_GET_VF_RESOURCES, VIRTCHNL_STATUS_ERR_PARAM);
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_GET_VF_RESOURCES, NULL, 0), 0);
	t_expect_reply(&t, VIRTCHNL_OP_GET_VF_RESOURCES, VIRTCHNL_STATUS_SUCCESS);
	t_destroy(&t);
}

static void test_request_queues(void **state)
{
	struct tctx t;
	struct virtchnl_vf_resource res;
	struct vc_vf_res_request avail;
	struct virtchnl_pf_event ev;

	(void)state;
	setup_active(&t);
	/* Over the policy (4): refused, answered with what is available, no reset. */
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_REQUEST_QUEUES, t.buf, b_u16(t.buf, 5)), 0);
	memcpy(&avail, t_expect_reply(&t, VIRTCHNL_OP_REQUEST_QUEUES, 0)->buf, sizeof(avail));
	assert_int_equal(avail.num_queue_pairs, T_QUEUES);
	assert_int_equal(t.hw.calls[F_RESET], 0);
	assert_int_equal(vc_host_vf_counters(t.host, 0)->denied[VIRTCHNL_OP_REQUEST_QUEUES], 1);
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_REQUEST_QUEUES, t.buf, b_u16(t.buf, 0)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_REQUEST_QUEUES, 0);
	assert_int_equal(t.hw.calls[F_RESET], 0);
	/* Within policy: RESET_IMPENDING, VF reset, then 2 queue pairs granted. */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_REQUEST_QUEUES, t.buf, b_u16(t.buf, 2)), 0);
	assert_int_equal(t.hw.n_sends, 1);
	memcpy(&ev, t.hw.sends[0].buf, sizeof(ev));
	assert_int_equal(t.hw.sends[0].op, VIRTCHNL_OP_EVENT);
	assert_int_equal(ev.event, VIRTCHNL_EVENT_RESET_IMPENDING);
	assert_int_equal(t.hw.calls_vf[0][F_RESET], 1);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_GET_VF_RESOURCES, t.buf,
				  b_caps(t.buf, VC_IAVF_2211_CAPS)), 0);
	memcpy(&res, fake_hw_last_send(&t.hw, VIRTCHNL_OP_GET_VF_RESOURCES)->buf, sizeof(res));
	assert_int_equal(res.num_queue_pairs, 2);
	/* Queue 2 is no longer the VF's. */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_VSI_QUEUES, t.buf,
				  b_vsi_queues(t.buf, t_vsi(0), 3)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_VSI_QUEUES, VIRTCHNL_STATUS_ERR_PARAM);
	t_destroy(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_is_always_1_1),
		cmocka_unit_test(test_resources_grant_and_link_event),
		cmocka_unit_test(test_link_state_policy_and_legacy_speed),
		cmocka_unit_test(test_port_vlan_hides_vlan_cap),
		cmocka_unit_test(test_reinit_without_reset_undoes_vf_config),
		cmocka_unit_test(test_legacy_1_0_vf),
		cmocka_unit_test(test_request_queues),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
