/* SPDX-License-Identifier: BSD-2-Clause */
/* text_table: columns as wide as their widest cell, numbers right-aligned,
 * no trailing blanks, long cells cut, output cut at the buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "text_table.h"

static void
columns_align_and_numbers_go_right(void **state)
{
	(void)state;
	static const char *const hdr[] = { "NAME", "COUNT", "NOTE" };
	static const bool right[] = { false, true, false };
	struct text_table t;
	char out[256];

	assert_int_equal(text_table_init(&t, 3, hdr, right), 0);
	assert_int_equal(text_table_add(&t, "vf0"), 0);
	assert_int_equal(text_table_add(&t, "%u", 123456u), 0);
	assert_int_equal(text_table_add(&t, "x"), 0);
	assert_int_equal(text_table_add(&t, "longer-name"), 0);
	assert_int_equal(text_table_add(&t, "7"), 0);
	assert_int_equal(text_table_add(&t, "%s", ""), 0);
	size_t n = text_table_render(&t, out, sizeof(out));
	assert_int_equal(n, strlen(out));
	assert_string_equal(out,
			    "NAME          COUNT  NOTE\n"
			    "vf0          123456  x\n"
			    "longer-name       7\n");
	text_table_fini(&t);
}

static void
long_cells_and_small_buffers_are_cut(void **state)
{
	(void)state;
	static const char *const hdr[] = { "A" };
	struct text_table t;
	char big[64], small[8];

	assert_int_equal(text_table_init(&t, 1, hdr, NULL), 0);
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(text_table_add(&t, "%s", big), 0);
	size_t want = text_table_render(&t, small, sizeof(small));
	assert_int_equal(want, 2 + TEXT_TABLE_CELL);   /* "A\n" + 31 z + "\n" */
	assert_int_equal(strlen(small), sizeof(small) - 1);
	text_table_fini(&t);
}

static void
bad_shapes_are_refused(void **state)
{
	(void)state;
	static const char *const hdr[] = { "A" };
	struct text_table t;

	assert_int_equal(text_table_init(&t, 0, hdr, NULL), -EINVAL);
	assert_int_equal(text_table_init(&t, TEXT_TABLE_MAX_COLS + 1, hdr, NULL), -EINVAL);
	assert_int_equal(text_table_init(&t, 1, NULL, NULL), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(columns_align_and_numbers_go_right),
		cmocka_unit_test(long_cells_and_small_buffers_are_cut),
		cmocka_unit_test(bad_shapes_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
