/* SPDX-License-Identifier: BSD-2-Clause */
/* The error mapping: errno + PF driver + key -> the sentence a person reads. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kernel_backend.h"
#include "kernel_driver_table.h"
#include "kernel_error.h"

static const char *format(const char *driver, const char *key, const char *value,
			  const union sriov_scalar *raw, int vf, int error, bool link_down)
{
	static char buf[256];
	struct kernel_failure f = {
		.driver = driver, .key = key, .kkey = kernel_key_of(key), .value = value,
		.raw = raw, .vf = vf, .error = error, .pf_link_down = link_down,
		.pf_ifname = "enp1s0", .total_vfs = 7,
	};

	assert_int_equal(kernel_error_format(&f, buf, sizeof(buf)), 0);
	return buf;
}

static void igb_refusals_name_driver_key_value_and_cause(void **state)
{
	union sriov_scalar disable = { .enum_index = 2 }, ten = { .u = 10 }, ad = { .enum_index = 1 },
			   on = { .b = true };

	(void)state;
	assert_string_equal(format("igb", "link-state", "disable", &disable, 0, -EOPNOTSUPP, false),
			    "igb refuses link-state disable on VF-0: Operation not supported "
			    "(igb has no VF link-state control)");
	assert_string_equal(format("igb", "min-tx-rate", "10", &ten, 1, -EINVAL, false),
			    "igb refuses min-tx-rate 10 on VF-1: Invalid argument "
			    "(igb has no minimum VF rate)");
	assert_string_equal(format("igb", "vlan-proto", "802.1ad", &ad, 0, -EPROTONOSUPPORT, false),
			    "igb refuses vlan-proto 802.1ad on VF-0: Protocol not supported "
			    "(igb port VLANs are 802.1Q only)");
	assert_string_equal(format("igb", "query-rss", "true", &on, 3, -EOPNOTSUPP, false),
			    "igb refuses query-rss true on VF-3: Operation not supported "
			    "(igb has no VF RSS query control)");
}

static void rate_refused_while_link_down_says_so(void **state)
{
	union sriov_scalar hundred = { .u = 100 };

	(void)state;
	assert_string_equal(format("igb", "max-tx-rate", "100", &hundred, 0, -EINVAL, true),
			    "igb refuses max-tx-rate 100 on VF-0: Invalid argument (PF link enp1s0 "
			    "is down; igb sets VF rates only with link up)");
	/* Link up: no invented cause. */
	assert_string_equal(format("igb", "max-tx-rate", "5000", &hundred, 0, -EINVAL, false),
			    "igb refuses max-tx-rate 5000 on VF-0: Invalid argument");
}

static void cause_only_when_the_table_matches(void **state)
{
	union sriov_scalar zero = { .u = 0 }, q = { .enum_index = 0 }, ls = { .enum_index = 1 };

	(void)state;
	/* min-tx-rate 0 is not what igb refuses: the errno is told, no cause. */
	assert_string_equal(format("igb", "min-tx-rate", "0", &zero, 0, -EINVAL, false),
			    "igb refuses min-tx-rate 0 on VF-0: Invalid argument");
	assert_string_equal(format("igb", "vlan-proto", "802.1Q", &q, 0, -EPROTONOSUPPORT, false),
			    "igb refuses vlan-proto 802.1Q on VF-0: Protocol not supported");
	/* Another errno than the known one: no cause either. */
	assert_string_equal(format("igb", "link-state", "enable", &ls, 0, -EINVAL, false),
			    "igb refuses link-state enable on VF-0: Invalid argument");
	/* ice is not known to refuse link-state. */
	assert_string_equal(format("ice", "link-state", "enable", &ls, 2, -EOPNOTSUPP, false),
			    "ice refuses link-state enable on VF-2: Operation not supported");
}

static void num_vfs_errors_explain_the_kernel_rule(void **state)
{
	union sriov_scalar three = { .u = 3 }, eight = { .u = 8 };

	(void)state;
	assert_string_equal(format("igb", "num_vfs", "3", &three, -1, -EBUSY, false),
			    "igb refuses num_vfs 3: Device or resource busy (VFs are enabled: the "
			    "count must go through 0)");
	assert_string_equal(format("igb", "num_vfs", "8", &eight, -1, -ERANGE, false),
			    "igb refuses num_vfs 8: Numerical result out of range (sriov_totalvfs "
			    "is 7)");
	assert_string_equal(format("e1000e", "num_vfs", "8", &eight, -1, -ENOENT, false),
			    "setting num_vfs 8 through e1000e failed: No such file or directory "
			    "(e1000e cannot create VFs)");
}

static void system_errors_are_not_refusals(void **state)
{
	union sriov_scalar on = { .b = true };

	(void)state;
	assert_true(kernel_error_is_refusal(-EOPNOTSUPP));
	assert_true(kernel_error_is_refusal(-EPROTONOSUPPORT));
	assert_true(kernel_error_is_refusal(-ERANGE));
	assert_false(kernel_error_is_refusal(-ENODEV));
	assert_false(kernel_error_is_refusal(-EPERM));
	assert_string_equal(format("igb", "trust", "true", &on, 0, -EPERM, false),
			    "setting trust true on VF-0 through igb failed: Operation not permitted");
}

static void truncation_is_reported(void **state)
{
	union sriov_scalar on = { .b = true };
	struct kernel_failure f = { .driver = "igb", .key = "trust", .kkey = KERNEL_KEY_TRUST,
				    .value = "true", .raw = &on, .vf = 0, .error = -EINVAL };
	char small[16];

	(void)state;
	assert_int_equal(kernel_error_format(&f, small, sizeof(small)), -ENOSPC);
	assert_int_equal(strlen(small), sizeof(small) - 1);
}

static void schema_listing_marks_known_refusals(void **state)
{
	char buf[256];

	(void)state;
	assert_non_null(sriov_kernel_known_refusal("igb", "link-state", buf, sizeof(buf)));
	assert_non_null(strstr(buf, "igb refuses: Operation not supported (igb has no VF "
			       "link-state control"));
	assert_non_null(sriov_kernel_known_refusal("igb", "vlan-proto", buf, sizeof(buf)));
	assert_non_null(strstr(buf, "igb refuses 802.1ad: Protocol not supported"));
	assert_non_null(sriov_kernel_known_refusal("i40e", "min-tx-rate", buf, sizeof(buf)));
	assert_non_null(strstr(buf, "refuses values other than 0"));
	assert_null(sriov_kernel_known_refusal("ice", "link-state", buf, sizeof(buf)));
	assert_null(sriov_kernel_known_refusal("igb", "trust", buf, sizeof(buf)));
	assert_null(sriov_kernel_known_refusal("nosuch", "link-state", buf, sizeof(buf)));
	/* Every driver the brief names is in the table. */
	assert_true(kernel_driver_known("igb") && kernel_driver_known("ixgbe") &&
		    kernel_driver_known("i40e") && kernel_driver_known("ice") &&
		    kernel_driver_known("mlx5_core") && kernel_driver_known("bnxt_en"));
	assert_false(kernel_driver_known("e1000e"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(igb_refusals_name_driver_key_value_and_cause),
		cmocka_unit_test(rate_refused_while_link_down_says_so),
		cmocka_unit_test(cause_only_when_the_table_matches),
		cmocka_unit_test(num_vfs_errors_explain_the_kernel_rule),
		cmocka_unit_test(system_errors_are_not_refusals),
		cmocka_unit_test(truncation_is_reported),
		cmocka_unit_test(schema_listing_marks_known_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
