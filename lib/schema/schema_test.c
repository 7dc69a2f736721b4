/* SPDX-License-Identifier: BSD-2-Clause */
/* Generic + driver lookup, type names, ranges, formatting, schema checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include <sriov/schema.h>

#include "x710/x710_backend.h"

static void test_lookup(void **state)
{
	struct sriov_schema s = { sriov_backend_x710.schema };
	struct sriov_schema bare = { NULL };

	(void)state;
	assert_int_equal(sriov_schema_count(&s, SRIOV_SECTION_PF), 2);
	assert_int_equal(sriov_schema_count(&s, SRIOV_SECTION_VF), 11);
	assert_int_equal(sriov_schema_count(&bare, SRIOV_SECTION_VF), 1);
	assert_int_equal(sriov_schema_generic_count(SRIOV_SECTION_VF), 1);
	assert_string_equal(sriov_schema_param(&s, SRIOV_SECTION_PF, 0)->name, "num_vfs");
	assert_string_equal(sriov_schema_param(&s, SRIOV_SECTION_VF, 0)->name, "passthrough");
	assert_string_equal(sriov_schema_param(&s, SRIOV_SECTION_VF, 1)->name, "mac-addr");
	assert_null(sriov_schema_param(&s, SRIOV_SECTION_VF, 11));
	assert_int_equal(sriov_schema_find(&s, SRIOV_SECTION_VF, "NUM-QUEUES"), 5);
	assert_int_equal(sriov_schema_find(&s, SRIOV_SECTION_PF, "num-queues"), -ENOENT);
}

static void test_types_and_format(void **state)
{
	struct sriov_schema s = { sriov_backend_x710.schema };
	const struct sriov_param *q = sriov_schema_param(&s, SRIOV_SECTION_VF, 5);
	const struct sriov_param *ls = sriov_schema_param(&s, SRIOV_SECTION_VF, 10);
	const struct sriov_param vlan = { .name = "v", .type = SRIOV_TYPE_VLAN };
	const struct sriov_param mac = { .name = "m", .type = SRIOV_TYPE_UNICAST_MAC };
	union sriov_scalar v = { .vlan = { .trunk = true } };
	uint64_t min, max;
	char buf[32];

	(void)state;
	assert_string_equal(sriov_type_name(SRIOV_TYPE_UINT16), "uint16_t");
	assert_string_equal(sriov_type_name(SRIOV_TYPE_UNICAST_MAC), "unicast-mac");
	assert_string_equal(sriov_type_name((enum sriov_type)99), "?");
	sriov_param_range(q, &min, &max);
	assert_true(min == 1 && max == 16);
	sriov_param_range(&vlan, &min, &max);
	assert_true(min == 0 && max == 0);
	assert_int_equal(sriov_scalar_format(q, &q->def, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "4");
	assert_int_equal(sriov_scalar_format(ls, &ls->def, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "auto");
	assert_int_equal(sriov_scalar_format(&vlan, &v, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "trunk");
	v = (union sriov_scalar){ .mac = { 2, 0, 0, 0, 0xab, 1 } };
	assert_int_equal(sriov_scalar_format(&mac, &v, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "02:00:00:00:ab:01");
	assert_int_equal(sriov_scalar_format(&mac, &v, buf, 5), -ENOSPC);
}

static void test_x710_schema_is_sound(void **state)
{
	char why[160] = "";

	(void)state;
	if (sriov_driver_schema_check(sriov_backend_x710.schema, why, sizeof(why)))
		fail_msg("x710 schema: %s", why);
}

/* A driver key that collides with a generic key is a schema bug. */
static void test_schema_bugs_detected(void **state)
{
	static const char *const none[] = { NULL };
	static const struct sriov_param collide[] = {
		{ .name = "PassThrough", .type = SRIOV_TYPE_BOOL },
	};
	static const struct sriov_param collide_pf[] = {
		{ .name = "device", .type = SRIOV_TYPE_STRING },
	};
	static const struct sriov_param twice[] = {
		{ .name = "a", .type = SRIOV_TYPE_BOOL }, { .name = "A", .type = SRIOV_TYPE_BOOL },
	};
	static const struct sriov_param bad_default[] = {
		{ .name = "q", .type = SRIOV_TYPE_UINT8, .presence = SRIOV_PARAM_HAS_DEFAULT,
		  .def.u = 9, .min = 1, .max = 8 },
	};
	static const struct sriov_param empty_enum[] = {
		{ .name = "e", .type = SRIOV_TYPE_ENUM, .enum_names = none },
	};
	static const struct sriov_param bad_vlan[] = {
		{ .name = "v", .type = SRIOV_TYPE_VLAN, .presence = SRIOV_PARAM_HAS_DEFAULT,
		  .def.vlan = { .id = 4095 } },
	};
	static const struct { const struct sriov_param *p; size_t n; int sec; const char *why; } cases[] = {
		{ collide, 1, SRIOV_SECTION_VF, "collides with a generic key" },
		{ collide_pf, 1, SRIOV_SECTION_PF, "collides with a generic key" },
		{ twice, 2, SRIOV_SECTION_VF, "defined twice" },
		{ bad_default, 1, SRIOV_SECTION_VF, "outside 1..8" },
		{ empty_enum, 1, SRIOV_SECTION_VF, "has no values" },
		{ bad_vlan, 1, SRIOV_SECTION_VF, "above 4094" },
	};
	char why[160];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sriov_driver_schema d = { .driver = "bad" };

		d.section[cases[i].sec] = (struct sriov_param_table){ cases[i].p, cases[i].n };
		why[0] = '\0';
		assert_int_equal(sriov_driver_schema_check(&d, why, sizeof(why)), -EINVAL);
		if (!strstr(why, cases[i].why))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, why, cases[i].why);
	}
	assert_int_equal(sriov_driver_schema_check(NULL, why, sizeof(why)), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_types_and_format),
		cmocka_unit_test(test_x710_schema_is_sound),
		cmocka_unit_test(test_schema_bugs_detected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
