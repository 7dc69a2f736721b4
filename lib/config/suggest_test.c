/* SPDX-License-Identifier: BSD-2-Clause */
/* Which misspellings get a "did you mean", and which do not. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "suggest.h"

static const char *const keys[] = {
	"passthrough", "mac-addr", "mac-anti-spoof", "allow-set-mac", "allow-promisc",
	"num-queues", "trust", "vlan", "vlan-qos",
};
#define N (sizeof(keys) / sizeof(keys[0]))

static void test_close_words(void **state)
{
	(void)state;
	assert_string_equal(suggest_closest("mac-antispoof", keys, N), "mac-anti-spoof");
	assert_string_equal(suggest_closest("MAC-ADR", keys, N), "mac-addr");
	assert_string_equal(suggest_closest("num_queues", keys, N), "num-queues");
	assert_string_equal(suggest_closest("turst", keys, N), "trust");         /* a swap */
	assert_string_equal(suggest_closest("passthru", keys, N), "passthrough");
	assert_string_equal(suggest_closest("vlan-qoss", keys, N), "vlan-qos");
}

static void test_far_words(void **state)
{
	char longword[100];

	(void)state;
	assert_null(suggest_closest("colour", keys, N));
	assert_null(suggest_closest("x", keys, N));
	assert_null(suggest_closest("mtu", keys, N));
	memset(longword, 'a', sizeof(longword) - 1);
	longword[sizeof(longword) - 1] = '\0';
	assert_null(suggest_closest(longword, keys, N));
	assert_null(suggest_closest("trust", keys, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_close_words),
		cmocka_unit_test(test_far_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
