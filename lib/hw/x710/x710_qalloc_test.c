/* SPDX-License-Identifier: BSD-2-Clause */
/* The PF queue allocator. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "x710_qalloc.h"

static void test_get_put(void **state)
{
	struct x710_qalloc qa;
	uint16_t a[4], b[4], c[2];

	(void)state;
	assert_int_equal(x710_qalloc_init(&qa, X710_DEVICE_QUEUES + 1), -EINVAL);
	assert_int_equal(x710_qalloc_init(&qa, 8), 0);
	assert_int_equal(x710_qalloc_get(&qa, 4, a), 0);
	assert_int_equal(a[0], 0);
	assert_int_equal(a[3], 3);
	assert_int_equal(x710_qalloc_get(&qa, 4, b), 0);
	assert_int_equal(x710_qalloc_free_count(&qa), 0);
	assert_int_equal(x710_qalloc_get(&qa, 1, c), -ENOSPC);
	/* Freeing a middle piece makes a scattered allocation. */
	uint16_t give[2] = { 1, 6 };

	assert_int_equal(x710_qalloc_put(&qa, 2, give), 0);
	assert_int_equal(x710_qalloc_get(&qa, 2, c), 0);
	assert_int_equal(c[0], 1);
	assert_int_equal(c[1], 6);
	/* Double free and out of range are refused. */
	assert_int_equal(x710_qalloc_put(&qa, 2, c), 0);
	assert_int_equal(x710_qalloc_put(&qa, 2, c), -EINVAL);
	uint16_t bad = 9;

	assert_int_equal(x710_qalloc_put(&qa, 1, &bad), -EINVAL);
	assert_int_equal(x710_qalloc_free_count(&qa), 2);
	assert_int_equal(x710_qalloc_get(&qa, 0, c), -ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get_put),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
