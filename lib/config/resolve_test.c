/* SPDX-License-Identifier: BSD-2-Clause */
/* The semantic pass: sections, keys, precedence, and every iovctl message. */
#include <errno.h>

#include "conf_test_util.h"

#define PF_OK "PF { device : \"ixl0\"; num_vfs : 2; }\n"

static const struct sriov_value *vf_value(struct sriov_conf *conf, uint16_t vf, const char *key)
{
	const struct sriov_resolved *r = sriov_conf_resolved(conf);

	assert_non_null(r);
	return sriov_resolved_get(r, SRIOV_SECTION_VF, vf, key);
}

static void test_precedence(void **state)
{
	int rc;
	struct sriov_conf *conf = resolve_text(PF_OK
		"DEFAULT { num-queues : 8; trust : true; }\n"
		"VF-1 { num-queues : 2; }\n", &rc);
	const struct sriov_value *v;

	(void)state;
	assert_int_equal(rc, 0);
	expect_errors(conf, 0);
	v = vf_value(conf, 0, "num-queues");
	assert_int_equal(v->v.u, 8);
	assert_int_equal(v->origin, SRIOV_ORIGIN_DEFAULT_SECTION);
	assert_int_equal(v->line, 2);
	assert_int_equal(v->column, 24);
	v = vf_value(conf, 1, "num-queues");
	assert_int_equal(v->v.u, 2);
	assert_int_equal(v->origin, SRIOV_ORIGIN_VF_SECTION);
	assert_int_equal(v->line, 3);
	v = vf_value(conf, 1, "trust");
	assert_true(v->v.b);
	assert_int_equal(v->origin, SRIOV_ORIGIN_DEFAULT_SECTION);
	v = vf_value(conf, 1, "mac-anti-spoof");
	assert_true(v->v.b);
	assert_int_equal(v->origin, SRIOV_ORIGIN_SCHEMA_DEFAULT);
	v = vf_value(conf, 0, "mac-addr");
	assert_int_equal(v->origin, SRIOV_ORIGIN_UNSET);
	v = vf_value(conf, 0, "link-state");
	assert_int_equal(v->v.enum_index, 0);
	assert_null(vf_value(conf, 2, "trust"));
	assert_null(vf_value(conf, 0, "no-such-key"));
	assert_string_equal(sriov_conf_resolved(conf)->device, "ixl0");
	assert_int_equal(sriov_conf_resolved(conf)->num_vfs, 2);
	sriov_conf_free(conf);
}

static void test_case_insensitive(void **state)
{
	int rc;
	struct sriov_conf *conf = resolve_text(
		"pf { DEVICE : \"ixl0\"; Num_VFs : 2; }\n"
		"default { Allow-Set-Mac : yes; }\n"
		"vf-1 { MAC-ADDR : \"02:AB:00:00:00:01\"; LINK-STATE : Disable; }\n", &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_true(vf_value(conf, 0, "allow-set-mac")->v.b);
	assert_int_equal(vf_value(conf, 1, "mac-addr")->v.mac[1], 0xab);
	assert_int_equal(vf_value(conf, 1, "link-state")->v.enum_index, 2);
	sriov_conf_free(conf);
}

/* A kernel PF may be named by its MAC in the file as with -d. */
static void test_device_by_mac(void **state)
{
	int rc;
	struct sriov_conf *conf = resolve_text(
		"PF { device : \"52:54:00:12:34:56\"; num_vfs : 1; }\n", &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_string_equal(sriov_conf_resolved(conf)->device, "52:54:00:12:34:56");
	sriov_conf_free(conf);
}

/* One bad file, one test: the message and where it points. */
struct bad_case {
	const char *text;
	unsigned int line, column;
	const char *message;
};

static const struct bad_case bad_cases[] = {
	{ "DEFAULT { trust : true; }\n", 0, 0, "Config file does not specify device" },
	{ "PF { device : \"ixl0\"; }\n", 1, 1, "Required parameter 'num_vfs' not found in 'PF'" },
	{ "PF { num_vfs : 2; }\n", 1, 1, "Required parameter 'device' not found in 'PF'" },
	{ "PF { device : \"ixl0\"; num_vfs : 0; }\n", 1, 33, "PF.num_vfs must be at least 1" },
	{ "PF { device : \"ixl0\"; num_vfs : 65536; }\n", 1, 33,
	  "Value '65536' of key 'num_vfs' is not of type uint16_t (too large: the largest is 65535)" },
	{ "PF { device : \"ixl0\"; num_vfs : -1; }\n", 1, 33, "is not of type uint16_t (negative" },
	{ "PF { device : 5; num_vfs : 1; }\n", 1, 15, "Config PF.device must be a string" },
	{ "PF { device : \"ix l0\"; num_vfs : 1; }\n", 1, 15,
	  "PF.device 'ix l0' is not a PCI address" },
	{ "PF { device : \"52:54:00:12:34\"; num_vfs : 1; }\n", 1, 15,
	  "or a PF MAC address (52:54:00:12:34:56)" },
	{ PF_OK "VF-0 { }\nDEFAULT { }\n", 3, 1,
	  "'default' section must precede all VF sections (VF-0 is at 2:1)" },
	{ PF_OK "VF-01 { }\n", 2, 1,
	  "Unexpected top-level node: VF-01 (VF numbers have no leading zeros: write 'VF-1')" },
	{ PF_OK "VF-00 { }\n", 2, 1, "write 'VF-0'" },
	{ PF_OK "VF-2 { }\n", 2, 1, "VF number 2 is out of bounds (num_vfs=2; VFs are numbered 0..1)" },
	{ PF_OK "VF-70000 { }\n", 2, 1, "VF number 70000 is too large to be valid" },
	{ PF_OK "bogus { }\n", 2, 1, "Unexpected top-level node: bogus (expected PF, DEFAULT or VF-N)" },
	{ PF_OK "VF0 { }\n", 2, 1, "Unexpected top-level node: VF0; did you mean 'VF-0'?" },
	{ PF_OK "VF_1 { }\n", 2, 1, "did you mean 'VF-1'?" },
	{ PF_OK "DEFAULTS { }\n", 2, 1, "did you mean 'DEFAULT'?" },
	{ PF_OK "VF-0 { mac-antispoof : true; }\n", 2, 8,
	  "VF-0: Invalid config key 'mac-antispoof'; did you mean 'mac-anti-spoof'?" },
	{ PF_OK "DEFAULT { num_queues : 2; }\n", 2, 11, "did you mean 'num-queues'?" },
	{ PF_OK "DEFAULT { colour : 2; }\n", 2, 11,
	  "DEFAULT: Invalid config key 'colour' (see sriovctl -S for the VF keys)" },
	{ PF_OK "VF-0 { num_vfs : 2; }\n", 2, 8,
	  "VF-0: Invalid config key 'num_vfs' (it belongs in the PF section)" },
	{ "PF { device : \"ixl0\"; num_vfs : 2; trust : true; }\n", 1, 36,
	  "PF: Invalid config key 'trust' (it belongs in DEFAULT or a VF-N section)" },
	{ PF_OK "VF-0 { trust : true;\n  TRUST : false; }\n", 3, 3,
	  "Multiple definitions of 'trust' in config file (first at 2:8)" },
	{ PF_OK "PF { }\n", 2, 1, "Multiple definitions of 'PF' in config file (first at 1:1)" },
	{ PF_OK "DEFAULT { }\ndefault { }\n", 3, 1, "Multiple definitions of 'default'" },
	{ PF_OK "VF-1 { }\nvf-1 { }\n", 3, 1, "Multiple definitions of 'vf-1' in config file (first at 2:1)" },
	{ "PF = 3;\n", 1, 1, "Section 'PF' must be an object: write 'PF { ... }'" },
	{ PF_OK "VF-0 { trust : [ true ]; }\n", 2, 16, "arrays are not supported" },
	{ PF_OK "VF-0 { trust : { a : 1 } }\n", 2, 16, "found a section" },
	{ PF_OK "VF-0 { mac-addr : \"01:00:5e:00:00:01\"; }\n", 2, 19,
	  "Value '01:00:5e:00:00:01' of key 'mac-addr' is a multicast address" },
	{ PF_OK "VF-0 { mac-addr : \"02:00:00:00:00:01\"; }\nVF-1 { mac-addr : \"02:0:0:0:0:1\"; }\n",
	  3, 19, "VF-1: mac-addr 02:00:00:00:00:01 is also assigned to VF-0" },
	{ PF_OK "DEFAULT { mac-addr : \"02:00:00:00:00:01\"; }\n", 2, 22,
	  "DEFAULT gives every VF the same mac-addr 02:00:00:00:00:01" },
	{ PF_OK "VF-0 { num-queues : 17; }\n", 2, 21,
	  "Value '17' of key 'num-queues' is out of range: it must be 1..16" },
	{ PF_OK "VF-0 { vlan-qos : 8; }\n", 2, 19, "out of range: it must be 0..7" },
	{ PF_OK "VF-0 { link-state : up; }\n", 2, 21,
	  "Value 'up' of key 'link-state' is not one of auto, enable, disable" },
};

static void test_bad_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		int rc;
		struct sriov_conf *conf = resolve_text(bad_cases[i].text, &rc);

		fprintf(stderr, "case %zu: %s\n", i, bad_cases[i].message);
		assert_int_equal(rc, -EINVAL);
		assert_null(sriov_conf_resolved(conf));
		expect_diag_at(conf, bad_cases[i].line, bad_cases[i].column, bad_cases[i].message);
		expect_errors(conf, 1);
		sriov_conf_free(conf);
	}
}

/* Every error in one run, each at its own line:column. */
static void test_all_errors_reported(void **state)
{
	int rc;
	struct sriov_conf *conf = resolve_text(
		"PF {\n"
		"  device : \"ixl0\";\n"
		"  num_vfs : 4;\n"
		"}\n"
		"VF-0 {\n"
		"  mac-addr : \"ff:ff:ff:ff:ff:ff\";\n"
		"  num-queues : 99;\n"
		"  alow-promisc : true;\n"
		"}\n"
		"VF-9 { trust : maybe; }\n"
		"DEFAULT { }\n", &rc);

	(void)state;
	assert_int_equal(rc, -EINVAL);
	expect_diag_at(conf, 6, 14, "is a multicast address");
	expect_diag_at(conf, 7, 16, "out of range");
	expect_diag_at(conf, 8, 3, "did you mean 'allow-promisc'?");
	expect_diag_at(conf, 10, 1, "VF number 9 is out of bounds (num_vfs=4");
	expect_diag_at(conf, 10, 16, "Value 'maybe' of key 'trust' is not of type bool");
	expect_diag_at(conf, 11, 1, "'default' section must precede all VF sections");
	expect_errors(conf, 6);
	sriov_conf_free(conf);
}

/* Syntax and semantic errors together; "not found" errors that a dropped
 * statement could explain are left out. */
static void test_syntax_and_semantics(void **state)
{
	int rc;
	struct sriov_conf *conf = resolve_text(
		"PF { device : \"ixl0\"; num_vfs 2; }\n"
		"VF-0 { trust : 3; }\n", &rc);

	(void)state;
	assert_int_equal(rc, -EINVAL);
	expect_diag_at(conf, 1, 31, "expected ':' or '=' after key 'num_vfs'");
	expect_diag_at(conf, 2, 16, "is not of type bool");
	expect_errors(conf, 2);
	sriov_conf_free(conf);
}

static void test_reresolve_and_device(void **state)
{
	struct sriov_conf *conf = sriov_conf_new();
	struct sriov_schema s = x710();
	const char *text = "PF { device : \"05:00.0\"; num_vfs : 1; }\n";
	const char *dev = NULL;

	(void)state;
	assert_int_equal(sriov_conf_resolve(conf, &s), -EINVAL);
	assert_int_equal(sriov_conf_load_buffer(conf, "t.conf", text, strlen(text)), 0);
	assert_int_equal(sriov_conf_device(conf, &dev), 0);
	assert_string_equal(dev, "05:00.0");
	assert_int_equal(sriov_conf_resolve(conf, &s), 0);
	assert_int_equal(sriov_conf_resolve(conf, &s), 0);
	expect_errors(conf, 0);
	assert_int_equal(sriov_conf_diag_count(conf), 0);
	sriov_conf_free(conf);
}

static void test_device_errors(void **state)
{
	struct sriov_conf *conf = sriov_conf_new();
	const char *a = "DEFAULT { }\n", *b = "PF { device : [1]; }\n";
	const char *dev = NULL;

	(void)state;
	assert_int_equal(sriov_conf_load_buffer(conf, "a.conf", a, strlen(a)), 0);
	assert_int_equal(sriov_conf_device(conf, &dev), -ENOENT);
	expect_diag_at(conf, 0, 0, "Config file does not specify device");
	assert_int_equal(sriov_conf_load_buffer(conf, "b.conf", b, strlen(b)), 0);
	assert_int_equal(sriov_conf_device(conf, &dev), -EINVAL);
	expect_diag_at(conf, 1, 15, "Config PF.device must be a string");
	expect_errors(conf, 1);
	sriov_conf_free(conf);
}

static void test_load_errors(void **state)
{
	struct sriov_conf *conf = sriov_conf_new();
	static char big[1024 * 1024 + 1];

	(void)state;
	assert_int_equal(sriov_conf_load_file(conf, "/nonexistent/x.conf"), -ENOENT);
	expect_diag_at(conf, 0, 0, "Could not open config file");
	memset(big, '#', sizeof(big));
	assert_int_equal(sriov_conf_load_buffer(conf, "big.conf", big, sizeof(big)), -EFBIG);
	expect_diag_at(conf, 0, 0, "larger than");
	sriov_conf_free(conf);
	sriov_conf_free(NULL);
}

static void test_diag_format(void **state)
{
	struct sriov_diag d = { .file = "f.conf", .line = 3, .column = 7, .message = "boom" };
	char buf[64];

	(void)state;
	sriov_diag_format(&d, buf, sizeof(buf));
	assert_string_equal(buf, "f.conf:3:7: boom");
	d.line = 0;
	d.severity = SRIOV_SEVERITY_WARNING;
	sriov_diag_format(&d, buf, sizeof(buf));
	assert_string_equal(buf, "f.conf: warning: boom");
}

static void test_origin_names(void **state)
{
	(void)state;
	assert_string_equal(sriov_origin_name(SRIOV_ORIGIN_SCHEMA_DEFAULT), "schema default");
	assert_string_equal(sriov_origin_name(SRIOV_ORIGIN_DEFAULT_SECTION), "DEFAULT");
	assert_string_equal(sriov_origin_name(SRIOV_ORIGIN_VF_SECTION), "VF-N");
	assert_string_equal(sriov_origin_name(SRIOV_ORIGIN_PF_SECTION), "PF");
	assert_string_equal(sriov_origin_name(SRIOV_ORIGIN_UNSET), "unset");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_case_insensitive),
		cmocka_unit_test(test_device_by_mac),
		cmocka_unit_test(test_bad_cases),
		cmocka_unit_test(test_all_errors_reported),
		cmocka_unit_test(test_syntax_and_semantics),
		cmocka_unit_test(test_reresolve_and_device),
		cmocka_unit_test(test_device_errors),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_diag_format),
		cmocka_unit_test(test_origin_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
