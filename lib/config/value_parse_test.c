/* SPDX-License-Identifier: BSD-2-Clause */
/* Every type at its boundaries: 0, max, max+1, negative, wrong type. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <errno.h>

#include "value_parse.h"

static const char *const states[] = { "auto", "enable", "disable", NULL };

static const struct sriov_param p_bool = { .name = "b", .type = SRIOV_TYPE_BOOL };
static const struct sriov_param p_str = { .name = "s", .type = SRIOV_TYPE_STRING };
static const struct sriov_param p_u8 = { .name = "u", .type = SRIOV_TYPE_UINT8 };
static const struct sriov_param p_u16 = { .name = "u", .type = SRIOV_TYPE_UINT16 };
static const struct sriov_param p_u32 = { .name = "u", .type = SRIOV_TYPE_UINT32 };
static const struct sriov_param p_u64 = { .name = "u", .type = SRIOV_TYPE_UINT64 };
static const struct sriov_param p_q = { .name = "q", .type = SRIOV_TYPE_UINT16, .min = 1, .max = 16 };
static const struct sriov_param p_mac = { .name = "m", .type = SRIOV_TYPE_UNICAST_MAC };
static const struct sriov_param p_vlan = { .name = "v", .type = SRIOV_TYPE_VLAN };
static const struct sriov_param p_enum = { .name = "e", .type = SRIOV_TYPE_ENUM, .enum_names = states };

/* Parses "k : @value" and types it; returns value_parse()'s result. */
static int typed(const struct sriov_param *p, const char *value, union sriov_scalar *out,
		 char *msg, size_t len)
{
	struct diag_list diags = { 0 };
	char text[128];
	struct ucl_node *root;
	int rc;

	snprintf(text, sizeof(text), "k : %s\n", value);
	assert_int_equal(diag_list_reset(&diags, "t"), 0);
	root = ucl_parse(text, strlen(text), &diags);
	assert_non_null(root);
	assert_int_equal(diags.errors, 0);
	assert_int_equal(root->n_child, 1);
	msg[0] = '\0';
	rc = value_parse(root->child[0], "k", p, out, msg, len);
	if (rc == 0 && p->type == SRIOV_TYPE_STRING)
		out->s = NULL;      /* points into the freed tree */
	ucl_node_free(root);
	diag_list_fini(&diags);
	return rc;
}

static void ok_u(const struct sriov_param *p, const char *value, uint64_t want)
{
	union sriov_scalar v;
	char msg[256];

	if (typed(p, value, &v, msg, sizeof(msg)))
		fail_msg("'%s' rejected: %s", value, msg);
	assert_true(v.u == want);
}

static void bad(const struct sriov_param *p, const char *value, const char *needle)
{
	union sriov_scalar v;
	char msg[256];

	assert_int_equal(typed(p, value, &v, msg, sizeof(msg)), -EINVAL);
	if (!strstr(msg, needle))
		fail_msg("'%s': message \"%s\" lacks \"%s\"", value, msg, needle);
}

static void test_bool(void **state)
{
	union sriov_scalar v;
	char msg[256];

	(void)state;
	assert_int_equal(typed(&p_bool, "true", &v, msg, sizeof(msg)), 0);
	assert_true(v.b);
	assert_int_equal(typed(&p_bool, "off", &v, msg, sizeof(msg)), 0);
	assert_false(v.b);
	bad(&p_bool, "\"true\"", "Value 'true' of key 'k' is not of type bool (expected true or false without quotes)");
	bad(&p_bool, "1", "is not of type bool (expected true or false)");
	bad(&p_bool, "[true]", "arrays are not supported");
	bad(&p_bool, "{ }", "found a section");
}

static void test_string(void **state)
{
	union sriov_scalar v;
	char msg[256];

	(void)state;
	assert_int_equal(typed(&p_str, "\"ixl0\"", &v, msg, sizeof(msg)), 0);
	assert_int_equal(typed(&p_str, "ixl0", &v, msg, sizeof(msg)), 0);
	bad(&p_str, "5", "Value '5' of key 'k' is not of type string");
	bad(&p_str, "true", "is not of type string");
}

static void test_uints(void **state)
{
	(void)state;
	ok_u(&p_u8, "0", 0);
	ok_u(&p_u8, "255", 255);
	ok_u(&p_u8, "0xff", 255);
	bad(&p_u8, "256", "Value '256' of key 'k' is not of type uint8_t (too large: the largest is 255)");
	bad(&p_u8, "-1", "is not of type uint8_t (negative");
	ok_u(&p_u8, "-0", 0);
	ok_u(&p_u16, "65535", 65535);
	bad(&p_u16, "65536", "the largest is 65535");
	bad(&p_u16, "-1", "negative");
	ok_u(&p_u32, "4294967295", 4294967295u);
	ok_u(&p_u32, "4k", 4000);
	ok_u(&p_u32, "1kb", 1024);
	bad(&p_u32, "4294967296", "the largest is 4294967295");
	ok_u(&p_u64, "18446744073709551615", UINT64_MAX);
	bad(&p_u64, "18446744073709551616", "the largest is 18446744073709551615");
	bad(&p_u64, "-5", "negative");
	bad(&p_u16, "1.5", "not a whole number");
	bad(&p_u16, "\"3\"", "a quoted string; write the number without quotes");
	bad(&p_u16, "three", "expected a number 0..65535");
	bad(&p_u16, "true", "is not of type uint16_t");
}

static void test_schema_range(void **state)
{
	(void)state;
	ok_u(&p_q, "1", 1);
	ok_u(&p_q, "16", 16);
	bad(&p_q, "0", "Value '0' of key 'k' is out of range: it must be 1..16");
	bad(&p_q, "17", "out of range: it must be 1..16");
	bad(&p_q, "70000", "too large: the largest is 65535");
	bad(&p_q, "x", "expected a number 1..16");
}

static void test_mac(void **state)
{
	union sriov_scalar v;
	char msg[256];
	static const uint8_t want[6] = { 0x02, 0x0a, 0, 0xbc, 0x1, 0xff };

	(void)state;
	assert_int_equal(typed(&p_mac, "\"02:0a:00:BC:1:ff\"", &v, msg, sizeof(msg)), 0);
	assert_memory_equal(v.mac, want, 6);
	assert_int_equal(typed(&p_mac, "02:00:00:00:00:01", &v, msg, sizeof(msg)), 0);
	bad(&p_mac, "\"01:00:5e:00:00:01\"", "Value '01:00:5e:00:00:01' of key 'k' is a multicast address");
	bad(&p_mac, "\"ff:ff:ff:ff:ff:ff\"", "is a multicast address");
	bad(&p_mac, "\"00:00:00:00:00:00\"", "is the all-zero address");
	bad(&p_mac, "\"0:0:0:0:0:0\"", "all-zero");
	bad(&p_mac, "\"02:00:00:00:00\"", "is not of type unicast-mac (expected six hex octets");
	bad(&p_mac, "\"02:00:00:00:00:01:02\"", "not of type unicast-mac");
	bad(&p_mac, "\"02:00:00:00:00:001\"", "not of type unicast-mac");
	bad(&p_mac, "\"02-00-00-00-00-01\"", "not of type unicast-mac");
	bad(&p_mac, "\"02:00:00:00:00:0g\"", "not of type unicast-mac");
	bad(&p_mac, "\"02::00:00:00:01\"", "not of type unicast-mac");
	bad(&p_mac, "5", "not of type unicast-mac");
}

static void test_vlan(void **state)
{
	union sriov_scalar v;
	char msg[256];

	(void)state;
	assert_int_equal(typed(&p_vlan, "0", &v, msg, sizeof(msg)), 0);
	assert_false(v.vlan.trunk);
	assert_int_equal(typed(&p_vlan, "4094", &v, msg, sizeof(msg)), 0);
	assert_int_equal(v.vlan.id, 4094);
	assert_int_equal(typed(&p_vlan, "\"TRUNK\"", &v, msg, sizeof(msg)), 0);
	assert_true(v.vlan.trunk);
	assert_int_equal(typed(&p_vlan, "trunk", &v, msg, sizeof(msg)), 0);
	bad(&p_vlan, "4095", "is not of type vlan (expected a VLAN ID 0..4094 or \"trunk\"; 4095 is reserved)");
	bad(&p_vlan, "-1", "is not of type vlan");
	bad(&p_vlan, "\"100\"", "is not of type vlan");
	bad(&p_vlan, "access", "is not of type vlan");
}

static void test_enum(void **state)
{
	union sriov_scalar v;
	char msg[256];

	(void)state;
	assert_int_equal(typed(&p_enum, "auto", &v, msg, sizeof(msg)), 0);
	assert_int_equal(v.enum_index, 0);
	assert_int_equal(typed(&p_enum, "\"Disable\"", &v, msg, sizeof(msg)), 0);
	assert_int_equal(v.enum_index, 2);
	bad(&p_enum, "up", "Value 'up' of key 'k' is not one of auto, enable, disable");
	bad(&p_enum, "on", "is not one of");
}

static void test_mac_helper(void **state)
{
	uint8_t mac[6];

	(void)state;
	assert_int_equal(value_parse_mac("a:b:c:d:e:f", mac), 0);
	assert_int_equal(mac[5], 0xf);
	assert_int_equal(value_parse_mac("", mac), -EINVAL);
	assert_int_equal(value_parse_mac("02:00:00:00:00:01:", mac), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_string),
		cmocka_unit_test(test_uints),
		cmocka_unit_test(test_schema_range),
		cmocka_unit_test(test_mac),
		cmocka_unit_test(test_vlan),
		cmocka_unit_test(test_enum),
		cmocka_unit_test(test_mac_helper),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
