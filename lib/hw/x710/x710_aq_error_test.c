/* SPDX-License-Identifier: BSD-2-Clause */
/* AQ return code names, errno values and error text. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "x710/x710_adminq_defs.h"
#include "x710_aq_error.h"

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(x710_aq_rc_str(X710_AQ_RC_OK), "OK");
	assert_string_equal(x710_aq_rc_str(X710_AQ_RC_EBUSY), "EBUSY");
	assert_string_equal(x710_aq_rc_str(X710_AQ_RC_ENOSPC), "ENOSPC");
	assert_string_equal(x710_aq_rc_str(X710_AQ_RC_EFLUSHED), "EFLUSHED");
	assert_string_equal(x710_aq_rc_str(X710_AQ_RC_EFBIG), "EFBIG");
	assert_string_equal(x710_aq_rc_str(X710_AQ_RC_KNOWN), "unknown");
	/* Our table and the shared header agree where both name a code. */
	for (unsigned int rc = 0; rc < X710_AQ_RC_COUNT; rc++)
		assert_string_equal(x710_aq_rc_str(rc), x710_aq_rc_name(rc));
}

static void test_errno(void **state)
{
	(void)state;
	assert_int_equal(x710_aq_rc_to_errno(X710_AQ_RC_OK), 0);
	assert_int_equal(x710_aq_rc_to_errno(X710_AQ_RC_ENOSPC), -ENOSPC);
	assert_int_equal(x710_aq_rc_to_errno(X710_AQ_RC_EEXIST), -EEXIST);
	assert_int_equal(x710_aq_rc_to_errno(X710_AQ_RC_BAD_ADDR), -EFAULT);
	assert_int_equal(x710_aq_rc_to_errno(999), -EIO);
	/* Every known failure code maps to a negative errno. */
	for (unsigned int rc = 1; rc < X710_AQ_RC_KNOWN; rc++)
		assert_true(x710_aq_rc_to_errno(rc) < 0);
}

static void test_text(void **state)
{
	struct x710_aq_error e = { X710_AQ_FAIL_RC, X710_AQC_ADD_VSI, X710_AQ_RC_ENOSPC, -ENOSPC };
	char buf[128];

	(void)state;
	assert_string_equal(x710_aq_error_str(&e, buf, sizeof(buf)),
			    "add_vsi (0x0210) failed: ENOSPC");
	e = (struct x710_aq_error){ X710_AQ_FAIL_RC, X710_AQC_ADD_MACVLAN, X710_AQ_RC_EEXIST, -EEXIST };
	assert_string_equal(x710_aq_error_str(&e, buf, sizeof(buf)),
			    "add_macvlan (0x0250) failed: EEXIST");
	assert_string_equal(x710_aq_opcode_str(0x7777), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_errno),
		cmocka_unit_test(test_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
