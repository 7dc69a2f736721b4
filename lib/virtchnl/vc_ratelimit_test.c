/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_ratelimit tests: burst, refill, backwards clock, validation. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "vc_ratelimit.h"

static void test_burst_then_refill(void **state)
{
	struct vc_rate_limit rl = { .msgs = 10, .interval_us = 1000 };
	struct vc_rate_state st = { 0 };
	uint64_t now = 5000;

	(void)state;
	for (int i = 0; i < 10; i++)
		assert_true(vc_rate_admit(&rl, &st, now));
	assert_false(vc_rate_admit(&rl, &st, now));
	assert_false(vc_rate_admit(&rl, &st, now + 50));
	/* One emission interval (100 µs) later, one more message fits. */
	assert_true(vc_rate_admit(&rl, &st, now + 100));
	assert_false(vc_rate_admit(&rl, &st, now + 100));
	/* A full interval of silence refills the whole burst. */
	now += 100 + 1000;
	for (int i = 0; i < 10; i++)
		assert_true(vc_rate_admit(&rl, &st, now));
	assert_false(vc_rate_admit(&rl, &st, now));
}

static void test_clock_going_back_admits_nothing_extra(void **state)
{
	struct vc_rate_limit rl = { .msgs = 2, .interval_us = 1000 };
	struct vc_rate_state st = { 0 };

	(void)state;
	assert_true(vc_rate_admit(&rl, &st, 10000));
	assert_true(vc_rate_admit(&rl, &st, 10000));
	assert_false(vc_rate_admit(&rl, &st, 0));
}

static void test_unlimited_and_validate(void **state)
{
	struct vc_rate_limit off = { 0 }, bad = { .msgs = 100, .interval_us = 10 };
	struct vc_rate_state st = { 0 };

	(void)state;
	for (int i = 0; i < 1000; i++)
		assert_true(vc_rate_admit(&off, &st, 0));
	assert_int_equal(vc_rate_limit_validate(&off), 0);
	assert_int_equal(vc_rate_limit_validate(&bad), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_burst_then_refill),
		cmocka_unit_test(test_clock_going_back_admits_nothing_extra),
		cmocka_unit_test(test_unlimited_and_validate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
