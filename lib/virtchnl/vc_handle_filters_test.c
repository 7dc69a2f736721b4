/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_handle_filters tests: the MAC / VLAN / promisc policy matrix and limits. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "vc_test_util.h"

static const uint8_t FOREIGN[1][6] = { { 0x02, 0xde, 0xad, 0, 0, 9 } };

static void setup(struct tctx *t, bool admin, bool set_mac, bool trust, bool promisc)
{
	t_init(t);
	t->pol[0].has_admin_mac = admin;
	t->pol[0].allow_set_mac = set_mac;
	t->pol[0].trust = trust;
	t->pol[0].allow_promisc = promisc;
	t_create(t);
	t_activate(t, 0);
}

static int32_t add_macs(struct tctx *t, const uint8_t (*macs)[6], uint16_t n)
{
	fake_hw_clear_log(&t->hw);
	assert_int_equal(t_handle(t, 0, VIRTCHNL_OP_ADD_ETH_ADDR, t->buf,
				  b_eth_list(t->buf, t_vsi(0), macs, n)), 0);
	assert_int_equal(fake_hw_count_sends(&t->hw, VIRTCHNL_OP_ADD_ETH_ADDR), 1);
	return fake_hw_last_send(&t->hw, VIRTCHNL_OP_ADD_ETH_ADDR)->status;
}

static void test_admin_mac_matrix(void **state)
{
	static const struct { bool admin, set_mac, trust; int32_t foreign; } rows[] = {
		{ true, false, false, VIRTCHNL_STATUS_ERR_PARAM },
		{ true, true, false, VIRTCHNL_STATUS_SUCCESS },
		{ true, false, true, VIRTCHNL_STATUS_SUCCESS },
		{ false, false, false, VIRTCHNL_STATUS_SUCCESS },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct tctx t;

		setup(&t, rows[i].admin, rows[i].set_mac, rows[i].trust, false);
		assert_int_equal(add_macs(&t, FOREIGN, 1), rows[i].foreign);
		assert_int_equal(t.hw.calls[F_MAC], rows[i].foreign == 0 ? 1 : 0);
		if (rows[i].foreign)
			assert_int_equal(vc_host_vf_counters(t.host, 0)->denied[VIRTCHNL_OP_ADD_ETH_ADDR], 1);
		if (rows[i].admin) {
			/* The admin MAC itself is always fine and already installed. */
			const uint8_t (*admin)[6] = (const uint8_t (*)[6])t.pol[0].admin_mac;

			assert_int_equal(add_macs(&t, admin, 1), 0);
			assert_int_equal(t.hw.calls[F_MAC], 0);
		}
		t_destroy(&t);
	}
}

static void test_invalid_macs(void **state)
{
	static const uint8_t zero[1][6] = { { 0 } };
	static const uint8_t bcast[1][6] = { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };
	static const uint8_t mcast[1][6] = { { 0x01, 0x00, 0x5e, 0, 0, 1 } };
	struct tctx t;

	(void)state;
	setup(&t, true, true, true, false);
	assert_int_equal(add_macs(&t, zero, 1), VIRTCHNL_STATUS_ERR_PARAM);
	assert_int_equal(add_macs(&t, bcast, 1), VIRTCHNL_STATUS_ERR_PARAM);
	assert_int_equal(t.hw.calls[F_MAC], 0);
	t_destroy(&t);
	setup(&t, true, false, false, false);
	assert_int_equal(add_macs(&t, mcast, 1), 0);
	assert_int_equal(t.hw.calls[F_MAC], 1);
	t_destroy(&t);
}

static void fill_macs(uint8_t (*macs)[6], uint16_t n, uint8_t tag)
{
	for (uint16_t i = 0; i < n; i++) {
		memset(macs[i], 0, 6);
		macs[i][0] = 0x02;
		macs[i][4] = tag;
		macs[i][5] = (uint8_t)(i + 1);
	}
}

static void test_mac_limits(void **state)
{
	uint8_t macs[VC_TRUSTED_MAX_MAC + 1][6];
	struct tctx t;
	struct vc_vf_view v;

	(void)state;
	/* No admin MAC, untrusted: 18, then one more is refused. */
	setup(&t, false, false, false, false);
	fill_macs(macs, 19, 1);
	assert_int_equal(add_macs(&t, macs, 10), 0);
	assert_int_equal(add_macs(&t, macs + 10, 8), 0);
	assert_int_equal(add_macs(&t, macs + 18, 1), VIRTCHNL_STATUS_ERR_NO_MEMORY);
	assert_int_equal(t.hw.calls[F_MAC], 0);
	/* re-adding a held one does not count */
	assert_int_equal(add_macs(&t, macs, 1), 0);
	assert_int_equal(vc_host_vf_view(t.host, 0, &v), 0);
	assert_int_equal(v.num_macs, 18);
	assert_int_equal(t.hw.vf[0].macs, 18);
	t_destroy(&t);
	/* Admin MAC (counted), allow-set-mac: 17 more, then refused. */
	setup(&t, true, true, false, false);
	fill_macs(macs, 18, 2);
	assert_int_equal(add_macs(&t, macs, 18), VIRTCHNL_STATUS_ERR_NO_MEMORY);
	assert_int_equal(add_macs(&t, macs, 17), 0);
	assert_int_equal(add_macs(&t, macs + 17, 1), VIRTCHNL_STATUS_ERR_NO_MEMORY);
	t_destroy(&t);
	/* Trusted: up to the preallocated 64, and a list longer than that is malformed. */
	setup(&t, false, false, true, false);
	fill_macs(macs, VC_TRUSTED_MAX_MAC + 1, 3);
	assert_int_equal(add_macs(&t, macs, VC_TRUSTED_MAX_MAC + 1), VIRTCHNL_STATUS_ERR_PARAM);
	assert_int_equal(add_macs(&t, macs, VC_TRUSTED_MAX_MAC), 0);
	assert_int_equal(add_macs(&t, macs + VC_TRUSTED_MAX_MAC, 1), VIRTCHNL_STATUS_ERR_NO_MEMORY);
	t_destroy(&t);
}

static void test_mac_add_rolls_back_on_hw_error(void **state)
{
	uint8_t macs[3][6];
	struct tctx t;
	struct vc_vf_view v;

	(void)state;
	setup(&t, false, false, false, false);
	fill_macs(macs, 3, 4);
	t.hw.fail_on_call[F_MAC] = 3;
	assert_int_equal(add_macs(&t, (const uint8_t (*)[6])macs, 3),
			 VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR);
	assert_int_equal(t.hw.vf[0].macs, 0);
	assert_int_equal(vc_host_vf_view(t.host, 0, &v), 0);
	assert_int_equal(v.num_macs, 0);
	t_destroy(&t);
}

static void test_del_mac(void **state)
{
	struct tctx t;
	const uint8_t (*admin)[6];

	(void)state;
	setup(&t, true, true, false, false);
	admin = (const uint8_t (*)[6])t.pol[0].admin_mac;
	assert_int_equal(add_macs(&t, FOREIGN, 1), 0);
	/* unknown MAC: refused, nothing removed */
	static const uint8_t unknown[1][6] = { { 0x02, 1, 2, 3, 4, 5 } };
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_DEL_ETH_ADDR, t.buf,
				  b_eth_list(t.buf, t_vsi(0), unknown, 1)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_DEL_ETH_ADDR, VIRTCHNL_STATUS_ERR_PARAM);
	/* the admin MAC: acknowledged, it stays */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_DEL_ETH_ADDR, t.buf,
				  b_eth_list(t.buf, t_vsi(0), admin, 1)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_DEL_ETH_ADDR, 0);
	assert_int_equal(t.hw.calls[F_MAC], 0);
	/* the VF's own MAC goes */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_DEL_ETH_ADDR, t.buf,
				  b_eth_list(t.buf, t_vsi(0), FOREIGN, 1)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_DEL_ETH_ADDR, 0);
	assert_int_equal(t.hw.calls[F_MAC], 1);
	assert_false(t.hw.last_add);
	assert_int_equal(t.hw.vf[0].macs, 0);
	t_destroy(&t);
}

static int32_t vlan_op(struct tctx *t, uint32_t op, const uint16_t *vids, uint16_t n)
{
	fake_hw_clear_log(&t->hw);
	assert_int_equal(t_handle(t, 0, op, t->buf, b_vlan_list(t->buf, t_vsi(0), vids, n)), 0);
	assert_int_equal(fake_hw_count_sends(&t->hw, op), 1);
	return fake_hw_last_send(&t->hw, op)->status;
}

static void test_vlan_limits_and_range(void **state)
{
	uint16_t vids[VC_TRUSTED_MAX_VLAN + 1];
	struct tctx t;

	(void)state;
	for (uint16_t i = 0; i <= VC_TRUSTED_MAX_VLAN; i++)
		vids[i] = (uint16_t)(100 + i);
	setup(&t, true, false, false, false);
	assert_int_equal(vlan_op(&t, VIRTCHNL_OP_ADD_VLAN, vids, 16), 0);
	assert_int_equal(t.hw.vf[0].vlans, 16);
	assert_int_equal(vlan_op(&t, VIRTCHNL_OP_ADD_VLAN, vids + 16, 1), VIRTCHNL_STATUS_ERR_NO_MEMORY);
	assert_int_equal(t.hw.calls[F_VLAN], 0);
	const uint16_t too_big = 4096;
	assert_int_equal(vlan_op(&t, VIRTCHNL_OP_DEL_VLAN, vids, 1), 0);
	assert_int_equal(vlan_op(&t, VIRTCHNL_OP_ADD_VLAN, &too_big, 1), VIRTCHNL_STATUS_ERR_PARAM);
	assert_int_equal(vlan_op(&t, VIRTCHNL_OP_DEL_VLAN, vids, 1), VIRTCHNL_STATUS_ERR_PARAM);
	t_destroy(&t);
	setup(&t, true, false, true, false);
	assert_int_equal(vlan_op(&t, VIRTCHNL_OP_ADD_VLAN, vids, VC_TRUSTED_MAX_VLAN), 0);
	assert_int_equal(vlan_op(&t, VIRTCHNL_OP_ADD_VLAN, vids + VC_TRUSTED_MAX_VLAN, 1),
			 VIRTCHNL_STATUS_ERR_NO_MEMORY);
	t_destroy(&t);
}

static void test_promisc_matrix(void **state)
{
	static const struct { bool allow, trust, effective; } rows[] = {
		{ false, false, false }, { true, false, true }, { false, true, true },
	};

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct tctx t;
		struct vc_vf_view v;

		setup(&t, true, false, rows[i].trust, rows[i].allow);
		assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE, t.buf,
					  b_promisc(t.buf, t_vsi(0), FLAG_VF_UNICAST_PROMISC |
						    FLAG_VF_MULTICAST_PROMISC)), 0);
		/* Acknowledged either way (ixl/Linux "lie to the VF"); effect only if allowed. */
		t_expect_reply(&t, VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE, 0);
		assert_int_equal(t.hw.calls[F_PROMISC], rows[i].effective ? 1 : 0);
		assert_int_equal(t.hw.vf[0].promisc_uc, rows[i].effective);
		assert_int_equal(vc_host_vf_view(t.host, 0, &v), 0);
		assert_true(v.promisc_uc_requested);
		assert_int_equal(v.promisc_uc_effective, rows[i].effective);
		assert_int_equal(vc_host_vf_counters(t.host, 0)->promisc_ignored,
				 rows[i].effective ? 0 : 1);
		/* unknown flag bits are malformed */
		fake_hw_clear_log(&t.hw);
		assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE, t.buf,
					  b_promisc(t.buf, t_vsi(0), 0x4)), 0);
		t_expect_reply(&t, VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE, VIRTCHNL_STATUS_ERR_PARAM);
		assert_int_equal(t.hw.calls[F_PROMISC], 0);
		t_destroy(&t);
	}
}

static void test_promisc_follows_policy_change(void **state)
{
	struct tctx t;
	struct vc_policy p;

	(void)state;
	setup(&t, true, false, false, false);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE, t.buf,
				  b_promisc(t.buf, t_vsi(0), FLAG_VF_UNICAST_PROMISC)), 0);
	assert_false(t.hw.vf[0].promisc_uc);
	p = t.pol[0];
	p.allow_promisc = true;
	assert_int_equal(vc_host_set_policy(t.host, 0, &p), 0);
	assert_true(t.hw.vf[0].promisc_uc);
	p.allow_promisc = false;
	assert_int_equal(vc_host_set_policy(t.host, 0, &p), 0);
	assert_false(t.hw.vf[0].promisc_uc);
	t_destroy(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_admin_mac_matrix),
		cmocka_unit_test(test_invalid_macs),
		cmocka_unit_test(test_mac_limits),
		cmocka_unit_test(test_mac_add_rolls_back_on_hw_error),
		cmocka_unit_test(test_del_mac),
		cmocka_unit_test(test_vlan_limits_and_range),
		cmocka_unit_test(test_promisc_matrix),
		cmocka_unit_test(test_promisc_follows_policy_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
