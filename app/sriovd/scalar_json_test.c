/* SPDX-License-Identifier: BSD-2-Clause */
/* Strict JSON types per schema type, both ways. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scalar_json.h"

static const char *const links[] = { "auto", "enable", "disable", NULL };
static const struct sriov_param p_bool = { .name = "trust", .type = SRIOV_TYPE_BOOL };
static const struct sriov_param p_u16 = { .name = "q", .type = SRIOV_TYPE_UINT16, .min = 1, .max = 16 };
static const struct sriov_param p_u8 = { .name = "b", .type = SRIOV_TYPE_UINT8 };
static const struct sriov_param p_mac = { .name = "mac", .type = SRIOV_TYPE_UNICAST_MAC };
static const struct sriov_param p_vlan = { .name = "vlan", .type = SRIOV_TYPE_VLAN };
static const struct sriov_param p_enum = { .name = "link", .type = SRIOV_TYPE_ENUM,
					   .enum_names = links };
static const struct sriov_param p_str = { .name = "label", .type = SRIOV_TYPE_STRING };

static int from(const struct sriov_param *p, const char *json, union sriov_scalar *v, char *why)
{
	json_t *j = json_loads(json, JSON_DECODE_ANY, NULL);
	int rc;

	assert_non_null(j);
	why[0] = '\0';
	rc = sriovd_scalar_from_json(p, j, v, why, 200);
	json_decref(j);
	return rc;
}

static void accepts_exact_types(void **state)
{
	union sriov_scalar v;
	char why[200];

	(void)state;
	assert_int_equal(from(&p_bool, "true", &v, why), 0);
	assert_true(v.b);
	assert_int_equal(from(&p_u16, "16", &v, why), 0);
	assert_int_equal(v.u, 16);
	assert_int_equal(from(&p_u8, "255", &v, why), 0);
	assert_int_equal(from(&p_mac, "\"02:0A:00:00:00:01\"", &v, why), 0);
	assert_int_equal(v.mac[1], 0x0a);
	assert_int_equal(from(&p_vlan, "\"trunk\"", &v, why), 0);
	assert_true(v.vlan.trunk);
	assert_int_equal(from(&p_vlan, "4094", &v, why), 0);
	assert_int_equal(v.vlan.id, 4094);
	assert_int_equal(from(&p_enum, "\"disable\"", &v, why), 0);
	assert_int_equal(v.enum_index, 2);
	assert_int_equal(from(&p_str, "\"x\"", &v, why), 0);
}

static void refuses_near_misses(void **state)
{
	static const struct {
		const struct sriov_param *p;
		const char *json, *says;
	} bad[] = {
		{ &p_bool, "\"true\"", "expected a boolean" }, { &p_bool, "1", "a boolean" },
		{ &p_u16, "0", "1..16" }, { &p_u16, "17", "1..16" }, { &p_u16, "4.0", "got 4.0" },
		{ &p_u16, "\"4\"", "an integer" }, { &p_u8, "256", "0..255" }, { &p_u8, "-1", "0..255" },
		{ &p_mac, "\"02:00:00:00:00\"", "unicast MAC" }, { &p_mac, "\"02:00:00:00:00:001\"", "MAC" },
		{ &p_mac, "\" 2:00:00:00:00:01\"", "MAC" }, { &p_mac, "\"03:00:00:00:00:01\"", "multicast" },
		{ &p_mac, "\"00:00:00:00:00:00\"", "not a usable" }, { &p_vlan, "4095", "0..4094" },
		{ &p_vlan, "\"access\"", "trunk" }, { &p_enum, "\"up\"", "one of \"auto\"" },
		{ &p_enum, "0", "one of" }, { &p_str, "null", "a string" },
	};
	union sriov_scalar v;
	char why[200];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (from(bad[i].p, bad[i].json, &v, why) != -EINVAL)
			fail_msg("%s accepted %s", bad[i].p->name, bad[i].json);
		if (!strstr(why, bad[i].says) || strncmp(why, bad[i].p->name, strlen(bad[i].p->name)))
			fail_msg("%s %s: '%s' does not say '%s'", bad[i].p->name, bad[i].json, why,
				 bad[i].says);
	}
}

static void writes_what_it_reads(void **state)
{
	const struct sriov_param *ps[] = { &p_bool, &p_u16, &p_mac, &p_vlan, &p_vlan, &p_enum };
	const char *in[] = { "false", "7", "\"02:00:00:00:00:0a\"", "\"trunk\"", "12", "\"enable\"" };
	union sriov_scalar v;
	char why[200];

	(void)state;
	for (size_t i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
		json_t *out;
		char *text;

		assert_int_equal(from(ps[i], in[i], &v, why), 0);
		out = sriovd_scalar_to_json(ps[i], &v);
		text = json_dumps(out, JSON_ENCODE_ANY);
		assert_string_equal(text, in[i]);
		free(text);
		json_decref(out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_exact_types),
		cmocka_unit_test(refuses_near_misses),
		cmocka_unit_test(writes_what_it_reads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
