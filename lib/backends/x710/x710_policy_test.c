/* SPDX-License-Identifier: BSD-2-Clause */
/* Resolved X710 VF values -> vc_policy and x710_vf_config. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "x710/x710_backend.h"
#include "x710_policy.h"

static struct sriov_schema schema(void)
{
	return (struct sriov_schema){ sriov_backend_x710.schema };
}

static void set(struct sriov_live_row *row, const char *name, union sriov_scalar v)
{
	struct sriov_schema s = schema();
	int i = sriov_schema_find(&s, SRIOV_SECTION_VF, name);

	assert_true(i >= 0);
	row->v[i] = v;
	row->present |= UINT64_C(1) << i;
}

static void test_defaults_are_ixl_defaults(void **state)
{
	struct sriov_schema s = schema();
	struct sriov_live_row row;
	struct vc_policy p;
	char why[80];

	(void)state;
	x710_policy_defaults(&s, &row);
	assert_int_equal(x710_policy_from_row(&s, &row, &p, why, sizeof(why)), 0);
	assert_false(p.has_admin_mac);
	assert_true(p.mac_anti_spoof);
	assert_false(p.allow_set_mac);
	assert_false(p.allow_promisc);
	assert_false(p.trust);
	assert_int_equal(p.num_queues, 4);
	assert_false(p.has_port_vlan);
	assert_int_equal(p.max_tx_rate_mbps, 0);
	assert_int_equal(p.link_state, VC_LINK_AUTO);
}

static void test_every_key_maps(void **state)
{
	struct sriov_schema s = schema();
	struct sriov_live_row row;
	struct vc_policy p;
	struct x710_vf_config cfg;
	char why[80];
	static const uint8_t mac[6] = { 2, 0, 0, 0, 5, 1 };

	(void)state;
	x710_policy_defaults(&s, &row);
	set(&row, "mac-addr", (union sriov_scalar){ .mac = { 2, 0, 0, 0, 5, 1 } });
	set(&row, "mac-anti-spoof", (union sriov_scalar){ .b = false });
	set(&row, "allow-set-mac", (union sriov_scalar){ .b = true });
	set(&row, "allow-promisc", (union sriov_scalar){ .b = true });
	set(&row, "trust", (union sriov_scalar){ .b = true });
	set(&row, "num-queues", (union sriov_scalar){ .u = 2 });
	set(&row, "vlan", (union sriov_scalar){ .vlan = { .id = 100 } });
	set(&row, "vlan-qos", (union sriov_scalar){ .u = 5 });
	set(&row, "max-tx-rate", (union sriov_scalar){ .u = 1000 });
	set(&row, "link-state", (union sriov_scalar){ .enum_index = 2 });
	assert_int_equal(x710_policy_from_row(&s, &row, &p, why, sizeof(why)), 0);
	assert_true(p.has_admin_mac);
	assert_memory_equal(p.admin_mac, mac, 6);
	assert_false(p.mac_anti_spoof);
	assert_true(p.allow_set_mac && p.allow_promisc && p.trust);
	assert_int_equal(p.num_queues, 2);
	assert_true(p.has_port_vlan);
	assert_int_equal(p.port_vlan_id, 100);
	assert_int_equal(p.port_vlan_qos, 5);
	assert_int_equal(p.max_tx_rate_mbps, 1000);
	assert_int_equal(p.link_state, VC_LINK_DISABLE);
	x710_policy_vf_config(&p, &cfg);
	assert_int_equal(cfg.num_queues, 2);
	assert_true(cfg.has_mac);
	assert_memory_equal(cfg.mac, mac, 6);
	assert_false(cfg.mac_anti_spoof);
	assert_true(cfg.port_vlan);
	assert_int_equal(cfg.pvid, 100 | 5 << 13);
	/* "trunk" is no port VLAN. */
	set(&row, "vlan", (union sriov_scalar){ .vlan = { .trunk = true } });
	assert_int_equal(x710_policy_from_row(&s, &row, &p, why, sizeof(why)), 0);
	assert_false(p.has_port_vlan);
}

static void test_hostile_values_refused(void **state)
{
	struct sriov_schema s = schema();
	struct sriov_live_row row;
	struct vc_policy p;
	char why[80];

	(void)state;
	x710_policy_defaults(&s, &row);
	set(&row, "mac-addr", (union sriov_scalar){ .mac = { 1, 0, 0x5e, 0, 0, 1 } });
	assert_int_equal(x710_policy_from_row(&s, &row, &p, why, sizeof(why)), -EINVAL);
	assert_string_equal(why, "mac-addr is a multicast address");
	x710_policy_defaults(&s, &row);
	set(&row, "num-queues", (union sriov_scalar){ .u = 17 });
	assert_int_equal(x710_policy_from_row(&s, &row, &p, why, sizeof(why)), -EINVAL);
	x710_policy_defaults(&s, &row);
	set(&row, "vlan", (union sriov_scalar){ .vlan = { .id = 4095 } });
	assert_int_equal(x710_policy_from_row(&s, &row, &p, why, sizeof(why)), -EINVAL);
	x710_policy_defaults(&s, &row);
	set(&row, "link-state", (union sriov_scalar){ .enum_index = 3 });
	assert_int_equal(x710_policy_from_row(&s, &row, &p, why, sizeof(why)), -EINVAL);
}

/* Mbit/s -> 50 Mbit/s credits, rounded up; the burst only with a limit. */
static void test_tx_rate_credits(void **state)
{
	static const struct { uint32_t mbps; uint16_t credit; } cases[] = {
		{ 0, 0 }, { 1, 1 }, { 49, 1 }, { 50, 1 }, { 51, 2 }, { 100, 2 }, { 120, 3 },
		{ 10000, 200 }, { 40000, 800 }, { X710_TX_RATE_MAX_MBPS - 49, 0xFFFF },
		{ X710_TX_RATE_MAX_MBPS, 0xFFFF },
	};
	struct vc_policy p = { .num_queues = 1 };
	struct x710_vf_config cfg;
	uint16_t credit = 7;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(x710_policy_tx_credit(cases[i].mbps, &credit), 0);
		assert_int_equal(credit, cases[i].credit);
	}
	credit = 7;
	assert_int_equal(x710_policy_tx_credit(X710_TX_RATE_MAX_MBPS + 1, &credit), -ERANGE);
	assert_int_equal(x710_policy_tx_credit(UINT32_MAX, &credit), -ERANGE);
	assert_int_equal(credit, 7);
	p.max_tx_rate_mbps = 120;
	x710_policy_vf_config(&p, &cfg);
	assert_int_equal(cfg.tx_credit, 3);
	assert_int_equal(cfg.tx_max_credit, X710_TX_BURST_MAX_CREDIT);
	p.max_tx_rate_mbps = 0;
	x710_policy_vf_config(&p, &cfg);
	assert_int_equal(cfg.tx_credit, 0);
	assert_int_equal(cfg.tx_max_credit, 0);
}

/* A rate the credit field cannot hold is refused, naming the limit. */
static void test_tx_rate_past_the_field(void **state)
{
	struct sriov_schema s = schema();
	struct sriov_live_row row;
	struct vc_policy p;
	char why[160];

	(void)state;
	x710_policy_defaults(&s, &row);
	set(&row, "max-tx-rate", (union sriov_scalar){ .u = X710_TX_RATE_MAX_MBPS });
	assert_int_equal(x710_policy_from_row(&s, &row, &p, why, sizeof(why)), 0);
	set(&row, "max-tx-rate", (union sriov_scalar){ .u = X710_TX_RATE_MAX_MBPS + 1 });
	assert_int_equal(x710_policy_from_row(&s, &row, &p, why, sizeof(why)), -ERANGE);
	assert_non_null(strstr(why, "max-tx-rate 3276751 Mbit/s is above 3276750"));
	set(&row, "max-tx-rate", (union sriov_scalar){ .u = UINT64_C(1) << 40 });
	assert_int_equal(x710_policy_from_row(&s, &row, &p, why, sizeof(why)), -ERANGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_are_ixl_defaults),
		cmocka_unit_test(test_every_key_maps),
		cmocka_unit_test(test_hostile_values_refused),
		cmocka_unit_test(test_tx_rate_credits),
		cmocka_unit_test(test_tx_rate_past_the_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
