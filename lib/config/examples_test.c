/* SPDX-License-Identifier: BSD-2-Clause */
/* The shipped examples resolve as documented; the broken files fail where
 * they should. Both live in the source tree (SRIOV_SOURCE_ROOT). */
#include <errno.h>

#include "conf_test_util.h"

static struct sriov_conf *load(const char *rel, int *rc)
{
	struct sriov_conf *conf = sriov_conf_new();
	struct sriov_schema s = x710();
	char path[1024];
	int lrc;

	snprintf(path, sizeof(path), "%s/%s", SRIOV_SOURCE_ROOT, rel);
	lrc = sriov_conf_load_file(conf, path);
	assert_true(lrc == 0 || lrc == -EINVAL);
	*rc = sriov_conf_resolve(conf, &s);
	return conf;
}

static const struct sriov_value *get(const struct sriov_conf *conf, uint16_t vf, const char *key)
{
	const struct sriov_value *v = sriov_resolved_get(sriov_conf_resolved(conf), SRIOV_SECTION_VF, vf, key);

	assert_non_null(v);
	return v;
}

static void expect_mac(const struct sriov_value *v, uint8_t last_two, uint8_t last)
{
	const uint8_t want[6] = { 0x02, 0, 0, 0, last_two, last };

	assert_int_equal(v->origin, SRIOV_ORIGIN_VF_SECTION);
	assert_memory_equal(v->v.mac, want, 6);
}

static void check_ixl0(const char *file, bool vf1_passthrough)
{
	int rc;
	struct sriov_conf *conf = load(file, &rc);
	const struct sriov_resolved *r;

	if (rc)
		dump_diags(conf);
	assert_int_equal(rc, 0);
	r = sriov_conf_resolved(conf);
	assert_string_equal(r->device, "ixl0");
	assert_int_equal(r->num_vfs, 2);
	expect_mac(get(conf, 0, "mac-addr"), 0x10, 0x00);
	expect_mac(get(conf, 1, "mac-addr"), 0x10, 0x01);
	assert_false(get(conf, 0, "passthrough")->v.b);
	assert_int_equal(get(conf, 0, "passthrough")->origin, SRIOV_ORIGIN_DEFAULT_SECTION);
	assert_int_equal(get(conf, 1, "passthrough")->v.b, vf1_passthrough);
	assert_int_equal(get(conf, 1, "passthrough")->origin,
			 vf1_passthrough ? SRIOV_ORIGIN_VF_SECTION : SRIOV_ORIGIN_DEFAULT_SECTION);
	for (uint16_t vf = 0; vf < 2; vf++) {
		assert_true(get(conf, vf, "allow-set-mac")->v.b);
		assert_true(get(conf, vf, "mac-anti-spoof")->v.b);
		assert_int_equal(get(conf, vf, "mac-anti-spoof")->origin, SRIOV_ORIGIN_SCHEMA_DEFAULT);
		assert_int_equal(get(conf, vf, "num-queues")->v.u, 4);
		assert_int_equal(get(conf, vf, "vlan")->origin, SRIOV_ORIGIN_UNSET);
	}
	sriov_conf_free(conf);
}

static void test_ixl0(void **state)
{
	(void)state;
	check_ixl0("examples/iov/ixl0.conf", false);
}

static void test_ixl0_passthrough(void **state)
{
	(void)state;
	check_ixl0("examples/iov/ixl0-passthrough.conf", true);
}

static void test_x710_sim(void **state)
{
	int rc;
	struct sriov_conf *conf = load("examples/iov/x710-sim.conf", &rc);
	const struct sriov_resolved *r;

	(void)state;
	assert_int_equal(rc, 0);
	r = sriov_conf_resolved(conf);
	assert_string_equal(r->device, "0000:01:00.0");
	assert_int_equal(r->num_vfs, 4);
	for (uint16_t vf = 0; vf < 4; vf++)
		expect_mac(get(conf, vf, "mac-addr"), 0x05, (uint8_t)vf);
	sriov_conf_free(conf);
}

static void test_typographic_quotes(void **state)
{
	int rc;
	struct sriov_conf *conf = load("lib/config/testdata/typographic-quotes.conf", &rc);

	(void)state;
	assert_int_equal(rc, -EINVAL);
	expect_diag_at(conf, 2, 11, "typographic quote \xe2\x80\x9c (U+201C)");
	expect_diag_at(conf, 2, 11, "use a plain ASCII \" quote");
	expect_errors(conf, 1);
	sriov_conf_free(conf);
}

static void test_many_errors(void **state)
{
	int rc;
	struct sriov_conf *conf = load("lib/config/testdata/many-errors.conf", &rc);

	(void)state;
	assert_int_equal(rc, -EINVAL);
	expect_diag_at(conf, 8, 13, "is a multicast address");
	expect_diag_at(conf, 9, 15, "out of range: it must be 1..16");
	expect_diag_at(conf, 12, 1, "'default' section must precede all VF sections (VF-0 is at 7:1)");
	expect_diag_at(conf, 13, 2, "did you mean 'mac-anti-spoof'?");
	expect_diag_at(conf, 16, 1, "Unexpected top-level node: VF-01");
	expect_diag_at(conf, 20, 1, "VF number 2 is out of bounds (num_vfs=2");
	expect_diag_at(conf, 21, 9, "4095 is reserved");
	expect_errors(conf, 7);
	sriov_conf_free(conf);
}

static void test_syntax_error(void **state)
{
	int rc;
	struct sriov_conf *conf = load("lib/config/testdata/syntax-error.conf", &rc);

	(void)state;
	assert_int_equal(rc, -EINVAL);
	expect_diag_at(conf, 3, 9, "expected ':' or '=' after key 'device'");
	expect_diag_at(conf, 7, 13, "unterminated string");
	expect_errors(conf, 2);
	sriov_conf_free(conf);
}

static void test_duplicates(void **state)
{
	int rc;
	struct sriov_conf *conf = load("lib/config/testdata/duplicates.conf", &rc);

	(void)state;
	assert_int_equal(rc, -EINVAL);
	expect_diag_at(conf, 5, 2, "Multiple definitions of 'num_vfs' in config file (first at 4:2)");
	expect_diag_at(conf, 8, 1, "Multiple definitions of 'vf-1' in config file (first at 7:1)");
	expect_errors(conf, 2);
	sriov_conf_free(conf);
}

static void test_no_pf(void **state)
{
	int rc;
	struct sriov_conf *conf = load("lib/config/testdata/no-pf.conf", &rc);

	(void)state;
	assert_int_equal(rc, -EINVAL);
	expect_diag_at(conf, 0, 0, "Config file does not specify device");
	expect_errors(conf, 1);
	sriov_conf_free(conf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ixl0),
		cmocka_unit_test(test_ixl0_passthrough),
		cmocka_unit_test(test_x710_sim),
		cmocka_unit_test(test_typographic_quotes),
		cmocka_unit_test(test_many_errors),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_no_pf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
