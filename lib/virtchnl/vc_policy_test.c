/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_policy tests. The MAC truth table is the one ixl_vf_mac_valid means to
 * implement; freebsd-iovctl.md §4 item 8 says ixl at 1f093e8 inverts the
 * admin-MAC comparison (rejects the assigned MAC, allows any other). The
 * rows "admin MAC" and "foreign unicast" prove we do not.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "vc_policy.h"
#include "vc_wire.h"

static const uint8_t ADMIN[6] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const uint8_t OTHER[6] = { 0x02, 0x99, 0x88, 0x77, 0x66, 0x55 };
static const uint8_t MCAST[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
static const uint8_t ZERO[6] = { 0 };
static const uint8_t BCAST[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static struct vc_policy pol(bool admin, bool set_mac, bool trust)
{
	struct vc_policy p;

	memset(&p, 0, sizeof(p));
	p.has_admin_mac = admin;
	if (admin)
		memcpy(p.admin_mac, ADMIN, 6);
	p.allow_set_mac = set_mac;
	p.trust = trust;
	p.num_queues = 4;
	return p;
}

static void test_ixl_vf_mac_valid_truth_table(void **state)
{
	static const struct {
		bool admin, set_mac, trust;
		const uint8_t *mac;
		enum vc_mac_verdict want;
	} rows[] = {
		/* admin MAC, no permission: only the admin MAC and multicast. */
		{ true, false, false, ADMIN, VC_MAC_OK },       /* ixl bug: EPERM */
		{ true, false, false, OTHER, VC_MAC_DENIED },   /* ixl bug: allowed */
		{ true, false, false, MCAST, VC_MAC_OK },
		{ true, false, false, ZERO, VC_MAC_INVALID },
		{ true, false, false, BCAST, VC_MAC_INVALID },
		/* allow-set-mac or trust: any unicast. */
		{ true, true, false, ADMIN, VC_MAC_OK },
		{ true, true, false, OTHER, VC_MAC_OK },
		{ true, false, true, OTHER, VC_MAC_OK },
		{ true, true, true, OTHER, VC_MAC_OK },
		{ true, true, true, ZERO, VC_MAC_INVALID },
		/* No admin MAC: the VF picks its own (ixl forces SET_MAC_CAP). */
		{ false, false, false, OTHER, VC_MAC_OK },
		{ false, false, false, MCAST, VC_MAC_OK },
		{ false, false, false, BCAST, VC_MAC_INVALID },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct vc_policy p = pol(rows[i].admin, rows[i].set_mac, rows[i].trust);

		if (vc_policy_check_mac(&p, rows[i].mac) != rows[i].want)
			fail_msg("row %zu: verdict %d, want %d", i,
				 vc_policy_check_mac(&p, rows[i].mac), rows[i].want);
	}
}

static void test_limits_and_permissions(void **state)
{
	struct vc_policy p = pol(true, false, false);

	(void)state;
	assert_int_equal(vc_policy_mac_limit(&p), 18);
	assert_int_equal(vc_policy_vlan_limit(&p), 16);
	assert_false(vc_policy_may_promisc(&p));
	p.allow_promisc = true;
	assert_true(vc_policy_may_promisc(&p));
	p = pol(true, false, true);
	assert_true(vc_policy_may_promisc(&p));
	assert_int_equal(vc_policy_mac_limit(&p), VC_TRUSTED_MAX_MAC);
	assert_int_equal(vc_policy_vlan_limit(&p), VC_TRUSTED_MAX_VLAN);
}

static void test_validate(void **state)
{
	struct vc_policy p = pol(true, false, false);

	(void)state;
	assert_int_equal(vc_policy_validate(&p), 0);
	p.num_queues = 0;
	assert_int_equal(vc_policy_validate(&p), -EINVAL);
	p.num_queues = 17;
	assert_int_equal(vc_policy_validate(&p), -EINVAL);
	p = pol(true, false, false);
	memcpy(p.admin_mac, MCAST, 6);
	assert_int_equal(vc_policy_validate(&p), -EINVAL);
	p = pol(true, false, false);
	p.has_port_vlan = true;
	p.port_vlan_id = 4096;
	assert_int_equal(vc_policy_validate(&p), -EINVAL);
	p.port_vlan_id = 5;
	p.port_vlan_qos = 8;
	assert_int_equal(vc_policy_validate(&p), -EINVAL);
	p.port_vlan_qos = 7;
	assert_int_equal(vc_policy_validate(&p), 0);
	p.link_state = (enum vc_link_state)9;
	assert_int_equal(vc_policy_validate(&p), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ixl_vf_mac_valid_truth_table),
		cmocka_unit_test(test_limits_and_permissions),
		cmocka_unit_test(test_validate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
