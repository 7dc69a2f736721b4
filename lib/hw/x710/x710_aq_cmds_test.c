/* SPDX-License-Identifier: BSD-2-Clause */
/* Every typed AQ command against the device model. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "x710_aq_cmds.h"
#include "x710_pf.h"
#include "x710_test_fixture.h"

static struct tf *up(void **state)
{
	struct tf *t = test_calloc(1, sizeof(*t));

	tf_setup_pf(t, 8);
	*state = t;
	return t;
}

static int down(void **state)
{
	tf_teardown(*state);
	test_free(*state);
	return 0;
}

static int setup(void **state)
{
	up(state);
	return 0;
}

static void test_identity(void **state)
{
	struct tf *t = *state;
	struct x710_fw_version v;
	struct x710_mac_addrs m;
	uint32_t timeout = 0;

	assert_int_equal(x710_aq_get_version(t->hw, &v), 0);
	assert_true(v.fw_major >= 5);
	assert_int_equal(x710_aq_driver_version(t->hw, 0, 1, 0, 0, "sriov-x710"), 0);
	assert_int_equal(x710_aq_driver_version(t->hw, 0, 1, 0, 0, ""), -EINVAL);
	assert_int_equal(x710_aq_clear_pxe_mode(t->hw), 0);
	assert_int_equal(x710_aq_mac_address_read(t->hw, &m), 0);
	assert_true(m.lan_valid);
	assert_int_equal(m.lan[0], 0x02);   /* x710sim_params_default base MAC */
	assert_int_equal(x710_aq_request_resource(t->hw, X710_AQ_RESOURCE_NVM,
						  X710_AQ_RESOURCE_ACCESS_READ, &timeout), 0);
	assert_true(timeout > 0);
	assert_int_equal(x710_aq_release_resource(t->hw, X710_AQ_RESOURCE_NVM), 0);
	assert_int_equal(x710_aq_queue_shutdown(t->hw, false), 0);
}

/* PF 1 holding the NVM lock makes PF 0's request answer EBUSY. */
static void test_resource_busy(void **state)
{
	struct tf *t = *state;
	struct x710_osdep_sim os1;
	struct x710_hw *hw1 = test_calloc(1, sizeof(*hw1));
	char msg[128];

	hw1->os = x710_osdep_sim_init(&os1, t->sim, 1);
	hw1->pf_id = 1;
	assert_int_equal(x710_aq_init(hw1, NULL), 0);
	assert_int_equal(x710_aq_request_resource(hw1, X710_AQ_RESOURCE_NVM,
						  X710_AQ_RESOURCE_ACCESS_WRITE, NULL), 0);
	assert_int_equal(x710_aq_request_resource(t->hw, X710_AQ_RESOURCE_NVM,
						  X710_AQ_RESOURCE_ACCESS_WRITE, NULL), -EBUSY);
	assert_string_equal(x710_hw_last_error(t->hw, msg, sizeof(msg)),
			    "request_resource (0x0008) failed: EBUSY");
	x710_aq_shutdown(hw1);
	test_free(hw1);
}

static void test_caps(void **state)
{
	struct tf *t = *state;
	struct x710_caps c;

	assert_int_equal(x710_aq_list_func_capabilities(t->hw, &c), 0);
	assert_true(c.sriov);
	assert_int_equal(c.num_vfs, 8);
	assert_int_equal(c.vf_base_id, 0);
	assert_int_equal(c.num_tx_qp, X710_DEVICE_QUEUES / 2);
	assert_int_equal(c.base_queue, 0);
	assert_true(c.num_msix_vectors_vf >= 2);
	assert_true(c.num_vsis > 0);
	assert_int_equal(c.rss_table_size, 512);
}

static void test_caps_parse_hostile(void **state)
{
	struct x710_aqc_cap_elem e[2];
	struct x710_caps c;

	(void)state;
	memset(e, 0, sizeof(e));
	e[0].id = X710_AQ_CAP_VF;
	e[0].number = 32;
	e[0].logical_id = 64;
	e[1].id = 0x7777;     /* unknown ids are skipped */
	e[1].number = 1;
	assert_int_equal(x710_caps_parse(e, sizeof(e), &c), 0);
	assert_int_equal(c.num_vfs, 32);
	assert_int_equal(c.vf_base_id, 64);
	assert_int_equal(x710_caps_parse(e, sizeof(e) - 1, &c), -EINVAL);
}

static void test_switch_config(void **state)
{
	struct tf *t = *state;
	struct x710_aqc_switch_config_elem e[2];
	uint16_t next = 0;
	unsigned int n, total = 0, rounds = 0;

	/* Two elements per call: the model reports where to continue. */
	do {
		assert_int_equal(x710_aq_get_switch_config(t->hw, e, 2, &n, &next), 0);
		total += n;
		rounds++;
	} while (next != 0 && rounds < 10);
	assert_true(total >= 3);       /* PF VSI, MAC, PF */
	assert_true(rounds >= 2);
	assert_int_equal(x710_aq_get_switch_config(t->hw, e, 0, &n, &next), -EINVAL);
}

static void test_veb_and_vsi(void **state)
{
	struct tf *t = *state;
	struct x710_veb_params vp;
	struct x710_vsi_ctx ctx, got;
	struct x710sim_vsi_info info;
	uint16_t veb;

	assert_int_equal(x710_aq_add_veb(t->hw, t->hw->mac_seid, t->hw->main_vsi_seid, 1,
					 X710_AQC_ADD_VEB_PORT_TYPE_DATA, &veb), 0);
	assert_int_equal(x710_aq_get_veb_parameters(t->hw, veb, &vp), 0);
	assert_int_equal(vp.seid, veb);
	assert_int_equal(x710_aq_get_veb_parameters(t->hw, 0x3FF, &vp), -EINVAL);

	memset(&ctx, 0, sizeof(ctx));
	ctx.uplink_seid = veb;
	ctx.connection_type = X710_AQ_CONN_TYPE_REGULAR;
	ctx.flags = X710_AQ_VSI_TYPE_VF;
	ctx.vf_id = 2;
	ctx.info[X710_VSI_PROP_VALID_SECTIONS] = X710_AQ_VSI_PROP_SECURITY_VALID;
	ctx.info[X710_VSI_PROP_SEC_FLAGS] = X710_AQ_VSI_SEC_FLAG_ENABLE_MAC_CHK;
	assert_int_equal(x710_aq_add_vsi(t->hw, &ctx), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, ctx.vsi_number, &info), 0);
	assert_int_equal(info.vf_abs, 2);
	assert_int_equal(info.uplink_seid, veb);
	assert_int_equal(info.sec_flags, X710_AQ_VSI_SEC_FLAG_ENABLE_MAC_CHK);

	/* update with only SECURITY valid turns the check off. */
	memset(ctx.info, 0, sizeof(ctx.info));
	ctx.info[X710_VSI_PROP_VALID_SECTIONS] = X710_AQ_VSI_PROP_SECURITY_VALID;
	assert_int_equal(x710_aq_update_vsi_params(t->hw, &ctx), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, ctx.vsi_number, &info), 0);
	assert_int_equal(info.sec_flags, 0);

	memset(&got, 0, sizeof(got));
	got.seid = ctx.seid;
	assert_int_equal(x710_aq_get_vsi_params(t->hw, &got), 0);
	assert_int_equal(got.vsi_number, ctx.vsi_number);

	assert_int_equal(x710_aq_delete_element(t->hw, ctx.seid), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, ctx.vsi_number, &info), -ENOENT);
	assert_int_equal(x710_aq_delete_element(t->hw, ctx.seid), -EINVAL);
	assert_int_equal(x710_aq_delete_element(t->hw, veb), 0);
}

static void test_filters_and_promisc(void **state)
{
	struct tf *t = *state;
	struct x710_aqc_add_macvlan_elem a[2];
	struct x710_aqc_remove_macvlan_elem r;
	struct x710_aqc_vlan_elem v;
	struct x710sim_vsi_info before, after;
	uint16_t seid = t->hw->main_vsi_seid;
	char msg[128];

	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->main_vsi_num, &before), 0);
	memset(a, 0, sizeof(a));
	memcpy(a[0].mac_addr, "\x02\x11\x22\x33\x44\x55", 6);
	a[0].flags = X710_AQC_MACVLAN_ADD_PERFECT_MATCH | X710_AQC_MACVLAN_ADD_IGNORE_VLAN;
	memcpy(a[1].mac_addr, "\x02\x11\x22\x33\x44\x66", 6);
	a[1].flags = X710_AQC_MACVLAN_ADD_PERFECT_MATCH;
	a[1].vlan_tag = 100;
	assert_int_equal(x710_aq_add_macvlan(t->hw, seid, a, 2), 0);
	assert_int_equal(a[0].match_method, X710_AQC_MM_PERFECT_MATCH);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->main_vsi_num, &after), 0);
	assert_int_equal(after.n_filters, before.n_filters + 2);

	memset(&r, 0, sizeof(r));
	memcpy(r.mac_addr, a[1].mac_addr, 6);
	r.vlan_tag = 100;
	r.flags = X710_AQC_MACVLAN_DEL_PERFECT_MATCH;
	assert_int_equal(x710_aq_remove_macvlan(t->hw, seid, &r, 1), 0);
	assert_int_equal(r.error_code, X710_AQC_REMOVE_MACVLAN_SUCCESS);
	/* Removing it again: ENOENT from the firmware, by name. */
	assert_int_equal(x710_aq_remove_macvlan(t->hw, seid, &r, 1), -ENOENT);
	assert_string_equal(x710_hw_last_error(t->hw, msg, sizeof(msg)),
			    "remove_macvlan (0x0251) failed: ENOENT");
	assert_int_equal(x710_aq_add_macvlan(t->hw, seid, a, 0), -EINVAL);

	assert_int_equal(x710_aq_set_vsi_promiscuous_modes(t->hw, seid,
		X710_AQC_SET_VSI_PROMISC_UNICAST | X710_AQC_SET_VSI_PROMISC_BROADCAST,
		X710_AQC_SET_VSI_PROMISC_UNICAST | X710_AQC_SET_VSI_PROMISC_BROADCAST), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->main_vsi_num, &after), 0);
	assert_int_equal(after.promisc_flags,
			 X710_AQC_SET_VSI_PROMISC_UNICAST | X710_AQC_SET_VSI_PROMISC_BROADCAST);
	/* Only valid bits change. */
	assert_int_equal(x710_aq_set_vsi_promiscuous_modes(t->hw, seid, 0,
		X710_AQC_SET_VSI_PROMISC_UNICAST), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->main_vsi_num, &after), 0);
	assert_int_equal(after.promisc_flags, X710_AQC_SET_VSI_PROMISC_BROADCAST);

	/* The model keeps a VLAN table per VSI (0x0252/0x0253). */
	memset(&v, 0, sizeof(v));
	v.vlan_tag = 100;
	assert_int_equal(x710_aq_add_vlan(t->hw, seid, &v, 1), 0);
	assert_int_equal(x710_aq_remove_vlan(t->hw, seid, &v, 1), 0);
	assert_int_equal(x710_aq_remove_vlan(t->hw, seid, &v, 1), -ENOENT);
}

/* config_vsi_bw_limit (0x0400): the model stores the limit of a VSI of
 * this PF; another PF's VSI or an unknown SEID is EINVAL by name; a burst
 * past 4 never leaves the driver. */
static void test_config_vsi_bw_limit(void **state)
{
	struct tf *t = *state;
	struct x710sim_vsi_info info, pf1;
	char msg[128];

	assert_int_equal(x710_aq_config_vsi_bw_limit(t->hw, t->hw->main_vsi_seid, 2, 4), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->main_vsi_num, &info), 0);
	assert_int_equal(info.bw_credit, 2);
	assert_int_equal(info.bw_max_credit, 4);
	assert_int_equal(info.bw_rate_bps, 2 * 50000000ull);
	/* PF 1's main VSI (VSI numbers below the PF count are the PFs' own). */
	assert_int_equal(x710sim_vsi_info(t->sim, 1, &pf1), 0);
	assert_int_equal(pf1.pf, 1);
	assert_int_equal(x710_aq_config_vsi_bw_limit(t->hw, pf1.seid, 7, 0), -EINVAL);
	assert_string_equal(x710_hw_last_error(t->hw, msg, sizeof(msg)),
			    "config_vsi_bw_limit (0x0400) failed: EINVAL");
	assert_int_equal(x710sim_vsi_info(t->sim, 1, &pf1), 0);
	assert_int_equal(pf1.bw_credit, 0);
	assert_int_equal(x710_aq_config_vsi_bw_limit(t->hw, 0x3FF, 7, 0), -EINVAL);
	assert_int_equal(x710_aq_config_vsi_bw_limit(t->hw, t->hw->main_vsi_seid, 7,
						     X710_AQ_BW_MAX_CREDIT_MAX + 1), -EINVAL);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->main_vsi_num, &info), 0);
	assert_int_equal(info.bw_credit, 2);
	/* credit 0 lifts the limit. */
	assert_int_equal(x710_aq_config_vsi_bw_limit(t->hw, t->hw->main_vsi_seid, 0, 0), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->main_vsi_num, &info), 0);
	assert_int_equal(info.bw_credit, 0);
	assert_int_equal(info.bw_rate_bps, 0);
}

static void test_link(void **state)
{
	struct tf *t = *state;
	struct x710_link_status ls;

	assert_int_equal(x710_aq_get_link_status(t->hw, true, &ls), 0);
	assert_true(ls.up);
	assert_true(ls.lse_enabled);
	assert_int_equal(ls.speed, X710_AQ_LINK_SPEED_10GB);
	assert_int_equal(x710sim_set_link(t->sim, 0, false), 0);
	assert_int_equal(x710_aq_get_link_status(t->hw, false, &ls), 0);
	assert_false(ls.up);
	assert_false(ls.lse_enabled);
}

/* 0x0613: with LINK_UPDOWN masked no link event reaches the ARQ, even with
 * LSE on; x710_pf_enable_link_events unmasks it (whatever mask an earlier
 * driver left) and the next change arrives as an event. */
static void test_phy_int_mask(void **state)
{
	struct tf *t = *state;
	struct x710_link_status ls;
	struct x710_aq_event ev = { 0 };

	assert_int_equal(x710_aq_set_phy_int_mask(t->hw, 0xFFFF), 0);
	assert_int_equal(x710_aq_get_link_status(t->hw, true, &ls), 0);
	assert_true(ls.lse_enabled);
	assert_int_equal(x710sim_set_link(t->sim, 0, false), 0);
	x710sim_poll(t->sim);
	assert_int_equal(x710_aq_event_get(t->hw, &ev, NULL), -EAGAIN);

	assert_int_equal(x710_pf_enable_link_events(t->hw), 0);
	assert_true(t->hw->link_known);
	assert_false(t->hw->link.up);
	assert_int_equal(x710sim_set_link(t->sim, 0, true), 0);
	x710sim_poll(t->sim);
	assert_int_equal(x710_aq_event_get(t->hw, &ev, NULL), 0);
	assert_int_equal(ev.opcode, X710_AQC_GET_LINK_STATUS);
	assert_int_equal(x710_pf_link_event(t->hw, &ev.desc), 0);
	assert_true(t->hw->link.up);
	assert_int_equal(t->hw->link.speed, X710_AQ_LINK_SPEED_10GB);
}

/* send_msg_to_vf reaches the VF's ARQ as 0x0802 with the cookies. */
static void test_send_msg_to_vf(void **state)
{
	struct tf *t = *state;
	struct tf_vf_aq vq;
	struct x710_aq_desc d;
	uint8_t msg[600], got[600];

	assert_int_equal(x710sim_set_num_vfs(t->sim, 0, 2), 0);
	tf_vf_aq_init(t, &vq, 1);
	for (unsigned int i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)i;
	/* Large (LB) message to VF 1 by its absolute id. */
	assert_int_equal(x710_aq_send_msg_to_vf(t->hw, (uint16_t)(t->hw->caps.vf_base_id + 1), 3, 0,
						msg, sizeof(msg)), 0);
	assert_int_equal(tf_vf_recv(t, &vq, &d, got, sizeof(got)), (int)sizeof(msg));
	assert_int_equal(d.opcode, X710_AQC_SEND_MSG_TO_VF);
	assert_int_equal(d.cookie_high, 3);
	assert_int_equal(d.cookie_low, 0);
	assert_memory_equal(got, msg, sizeof(msg));
	/* No payload, negative status. */
	assert_int_equal(x710_aq_send_msg_to_vf(t->hw, 1, 6, -5, NULL, 0), 0);
	assert_int_equal(tf_vf_recv(t, &vq, &d, got, sizeof(got)), 0);
	assert_int_equal((int32_t)d.cookie_low, -5);
	/* A VF that is not enabled: EINVAL from the firmware. */
	assert_int_equal(x710_aq_send_msg_to_vf(t->hw, 7, 1, 0, NULL, 0), -EINVAL);
	assert_int_equal(x710_aq_send_msg_to_vf(t->hw, 1, 1, 0, msg, 0), -EINVAL);
	tf_vf_aq_fini(&vq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_identity, setup, down),
		cmocka_unit_test_setup_teardown(test_resource_busy, setup, down),
		cmocka_unit_test_setup_teardown(test_caps, setup, down),
		cmocka_unit_test(test_caps_parse_hostile),
		cmocka_unit_test_setup_teardown(test_switch_config, setup, down),
		cmocka_unit_test_setup_teardown(test_veb_and_vsi, setup, down),
		cmocka_unit_test_setup_teardown(test_filters_and_promisc, setup, down),
		cmocka_unit_test_setup_teardown(test_config_vsi_bw_limit, setup, down),
		cmocka_unit_test_setup_teardown(test_link, setup, down),
		cmocka_unit_test_setup_teardown(test_phy_int_mask, setup, down),
		cmocka_unit_test_setup_teardown(test_send_msg_to_vf, setup, down),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
