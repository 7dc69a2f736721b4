/* SPDX-License-Identifier: BSD-2-Clause */
/* The backend registry: built-ins, lookup, duplicates, bad schemas. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include <sriov/backend.h>

static void test_builtin(void **state)
{
	struct sriov_registry *reg = sriov_registry_new();
	const struct sriov_backend *be;

	(void)state;
	assert_non_null(reg);
	assert_int_equal(sriov_registry_count(reg), 0);
	assert_int_equal(sriov_registry_add_builtin(reg), 0);
	assert_int_equal(sriov_registry_add_builtin(reg), 0);   /* idempotent */
#if SRIOV_KERNEL_BACKEND
	/* Kernel first: a PF its kernel driver owns must not reach x710. */
	assert_int_equal(sriov_registry_count(reg), 2);
	be = sriov_registry_find(reg, "kernel");
	assert_non_null(be);
	assert_ptr_equal(sriov_registry_at(reg, 0), be);
	assert_ptr_equal(sriov_registry_at(reg, 1), sriov_registry_find(reg, "x710"));
	assert_null(sriov_registry_at(reg, 2));
#else
	assert_int_equal(sriov_registry_count(reg), 1);
	assert_null(sriov_registry_at(reg, 1));
#endif
	be = sriov_registry_find(reg, "X710");
	assert_non_null(be);
	assert_string_equal(be->schema->driver, "x710");
	assert_null(sriov_registry_find(reg, "ixgbe"));
	assert_int_equal(sriov_registry_add(reg, be), -EEXIST);
	sriov_registry_free(reg);
	sriov_registry_free(NULL);
}

static void test_rejects_bad_backends(void **state)
{
	static const struct sriov_param collide[] = { { .name = "num_vfs", .type = SRIOV_TYPE_UINT16 } };
	static const struct sriov_driver_schema bad = {
		.driver = "bad", .section = { [SRIOV_SECTION_PF] = { collide, 1 } } };
	static const struct sriov_backend bad_be = { .name = "bad", .schema = &bad };
	static const struct sriov_backend no_schema = { .name = "none" };
	struct sriov_registry *reg = sriov_registry_new();

	(void)state;
	assert_int_equal(sriov_registry_add(reg, &bad_be), -EINVAL);
	assert_int_equal(sriov_registry_add(reg, &no_schema), -EINVAL);
	assert_int_equal(sriov_registry_add(reg, NULL), -EINVAL);
	assert_int_equal(sriov_registry_count(reg), 0);
	sriov_registry_free(reg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin),
		cmocka_unit_test(test_rejects_bad_backends),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
