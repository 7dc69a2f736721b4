/* SPDX-License-Identifier: BSD-2-Clause */
/* Grammar rules of the UCL subset, atom typing, and error recovery. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ucl_parser.h"

struct parsed {
	struct diag_list diags;
	struct ucl_node *root;
};

static void parse(struct parsed *p, const char *text)
{
	memset(p, 0, sizeof(*p));
	assert_int_equal(diag_list_reset(&p->diags, "t"), 0);
	p->root = ucl_parse(text, strlen(text), &p->diags);
	assert_non_null(p->root);
}

static void parsed_free(struct parsed *p)
{
	ucl_node_free(p->root);
	diag_list_fini(&p->diags);
}

static void show(const struct parsed *p)
{
	for (size_t i = 0; i < p->diags.n; i++)
		fprintf(stderr, "  %u:%u: %s\n", p->diags.v[i].line, p->diags.v[i].column,
			p->diags.v[i].message);
}

static void expect_clean(const struct parsed *p)
{
	if (p->diags.errors)
		show(p);
	assert_int_equal(p->diags.errors, 0);
}

static void expect_error(const struct parsed *p, unsigned int line, unsigned int col, const char *needle)
{
	for (size_t i = 0; i < p->diags.n; i++)
		if (p->diags.v[i].line == line && p->diags.v[i].column == col &&
		    strstr(p->diags.v[i].message, needle))
			return;
	show(p);
	fail_msg("no error at %u:%u containing \"%s\"", line, col, needle);
}

static const struct ucl_node *child(const struct ucl_node *n, size_t i)
{
	assert_true(i < n->n_child);
	return n->child[i];
}

static void test_separators_and_terminators(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "PF { a : 1; b = 2, c : 3\n d : x }\nDEFAULT : { } VF-0 = { }\nVF-1 {}\n;;,\n");
	expect_clean(&p);
	assert_int_equal(p.root->n_child, 4);
	assert_string_equal(child(p.root, 0)->key, "PF");
	assert_int_equal(child(p.root, 0)->kind, UCL_NODE_OBJECT);
	assert_int_equal(child(p.root, 0)->n_child, 4);
	assert_string_equal(child(child(p.root, 0), 3)->key, "d");
	assert_string_equal(child(child(p.root, 0), 3)->text, "x");
	assert_int_equal(child(child(p.root, 0), 3)->pos.column, 6);
	assert_string_equal(child(p.root, 2)->key, "VF-0");
	assert_int_equal(child(p.root, 3)->key_pos.line, 4);
	parsed_free(&p);
}

static void test_quoted_keys_and_top_braces(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "{\n \"PF\" { 'device' : \"ixl0\" }\n}\n");
	expect_clean(&p);
	assert_string_equal(child(p.root, 0)->key, "PF");
	assert_string_equal(child(child(p.root, 0), 0)->key, "device");
	assert_true(child(child(p.root, 0), 0)->quoted);
	parsed_free(&p);
	parse(&p, "{ a : 1 } b");
	expect_error(&p, 1, 11, "unexpected 'b' after the closing '}' of the top-level object");
	parsed_free(&p);
}

static void test_atoms(void **state)
{
	static const struct {
		const char *text;
		enum ucl_scalar_class cls;
		uint64_t magnitude;
		bool negative, overflow, boolean;
	} cases[] = {
		{ "true", UCL_SCALAR_BOOL, 0, false, false, true },
		{ "YES", UCL_SCALAR_BOOL, 0, false, false, true },
		{ "on", UCL_SCALAR_BOOL, 0, false, false, true },
		{ "false", UCL_SCALAR_BOOL, 0, false, false, false },
		{ "No", UCL_SCALAR_BOOL, 0, false, false, false },
		{ "off", UCL_SCALAR_BOOL, 0, false, false, false },
		{ "null", UCL_SCALAR_NULL, 0, false, false, false },
		{ "0", UCL_SCALAR_INT, 0, false, false, false },
		{ "42", UCL_SCALAR_INT, 42, false, false, false },
		{ "-7", UCL_SCALAR_INT, 7, true, false, false },
		{ "+7", UCL_SCALAR_INT, 7, false, false, false },
		{ "0x1F", UCL_SCALAR_INT, 31, false, false, false },
		{ "4k", UCL_SCALAR_INT, 4000, false, false, false },
		{ "2M", UCL_SCALAR_INT, 2000000, false, false, false },
		{ "1g", UCL_SCALAR_INT, 1000000000, false, false, false },
		{ "1kb", UCL_SCALAR_INT, 1024, false, false, false },
		{ "3MB", UCL_SCALAR_INT, 3 * 1024 * 1024, false, false, false },
		{ "1gb", UCL_SCALAR_INT, 1024 * 1024 * 1024, false, false, false },
		{ "18446744073709551615", UCL_SCALAR_INT, UINT64_MAX, false, false, false },
		{ "18446744073709551616", UCL_SCALAR_INT, 0, false, true, false },
		{ "18446744073709551615k", UCL_SCALAR_INT, 0, false, true, false },
		{ "1.5", UCL_SCALAR_FLOAT, 0, false, false, false },
		{ "2e3", UCL_SCALAR_FLOAT, 0, false, false, false },
		{ "ixl0", UCL_SCALAR_STRING, 0, false, false, false },
		{ "4q", UCL_SCALAR_STRING, 0, false, false, false },
		{ "0x", UCL_SCALAR_STRING, 0, false, false, false },
		{ "-", UCL_SCALAR_STRING, 0, false, false, false },
		{ "02:00:00:00:00:01", UCL_SCALAR_STRING, 0, false, false, false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parsed p;
		char text[64];
		const struct ucl_node *n;

		snprintf(text, sizeof(text), "k : %s\n", cases[i].text);
		parse(&p, text);
		expect_clean(&p);
		n = child(p.root, 0);
		fprintf(stderr, "atom %s\n", cases[i].text);
		assert_int_equal(n->cls, cases[i].cls);
		assert_string_equal(n->text, cases[i].text);
		if (n->cls == UCL_SCALAR_INT) {
			assert_int_equal(n->num.overflow, cases[i].overflow);
			if (!cases[i].overflow)
				assert_true(n->num.magnitude == cases[i].magnitude);
			assert_int_equal(n->num.negative, cases[i].negative);
		}
		if (n->cls == UCL_SCALAR_BOOL)
			assert_int_equal(n->boolean, cases[i].boolean);
		parsed_free(&p);
	}
}

static void test_quoted_is_string(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "a : \"true\"; b : '42'");
	expect_clean(&p);
	assert_int_equal(child(p.root, 0)->cls, UCL_SCALAR_STRING);
	assert_int_equal(child(p.root, 1)->cls, UCL_SCALAR_STRING);
	parsed_free(&p);
}

static void test_arrays(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "a : [ 1, \"x\", { b : 2 }, [ ] ];\nc : [\n 1\n 2\n]\n");
	expect_clean(&p);
	assert_int_equal(child(p.root, 0)->kind, UCL_NODE_ARRAY);
	assert_int_equal(child(p.root, 0)->n_child, 4);
	assert_int_equal(child(p.root, 1)->n_child, 2);
	parsed_free(&p);
	parse(&p, "a : [ 1 2 ]");
	expect_error(&p, 1, 9, "expected ',' or ']' in the array of 'a', found '2'");
	parsed_free(&p);
	parse(&p, "a : [ 1,");
	expect_error(&p, 1, 9, "missing ']' to close the array of 'a' opened at 1:5");
	parsed_free(&p);
}

/* Each syntax error, where it points, and that parsing goes on after it. */
static void test_errors_and_recovery(void **state)
{
	static const struct {
		const char *text;
		unsigned int line, column;
		const char *message;
	} cases[] = {
		{ "a 1\nb : 2\n", 1, 3, "expected ':' or '=' after key 'a', found '1'" },
		{ "a :\nb : 2\n", 1, 4, "missing value for key 'a'" },
		{ "a : ;\nb : 2\n", 1, 5, "missing value for key 'a'" },
		{ "a : 1 2\nb : 2\n", 1, 7, "expected ';' or a new line after the value of 'a', found '2'" },
		{ "a : \"x\" \"y\"\nb : 2\n", 1, 9, "expected ';' or a new line after the value of 'a'" },
		{ "PF {\n a : 1\n", 3, 1, "missing '}' to close 'PF' opened at 1:4" },
		{ "}\nb : 2\n", 1, 1, "unexpected '}' with no section open" },
		{ ": 1\nb : 2\n", 1, 1, "expected a key, found ':'" },
		{ "[ 1 ]\nb : 2\n", 1, 1, "expected a key, found '['" },
		{ "a@b : 1\nb : 2\n", 1, 1, "invalid character '@' in key 'a@b'" },
		{ "\"\" : 1\nb : 2\n", 1, 1, "empty key" },
		{ "a : { x y }\nb : 2\n", 1, 9, "expected ':' or '=' after key 'x', found 'y'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct parsed p;
		const struct ucl_node *last;

		parse(&p, cases[i].text);
		expect_error(&p, cases[i].line, cases[i].column, cases[i].message);
		if (p.diags.errors != 1)
			show(&p);
		assert_int_equal(p.diags.errors, 1);
		if (strstr(cases[i].text, "b : 2")) {
			assert_true(p.root->n_child >= 1);
			last = p.root->child[p.root->n_child - 1];
			assert_string_equal(last->key, "b");
		}
		parsed_free(&p);
	}
}

static void test_depth_limit(void **state)
{
	char text[UCL_MAX_DEPTH * 6 + 64];
	size_t o = 0;
	struct parsed p;

	(void)state;
	for (int i = 0; i <= UCL_MAX_DEPTH; i++)
		o += (size_t)sprintf(text + o, "a { ");
	for (int i = 0; i <= UCL_MAX_DEPTH; i++)
		o += (size_t)sprintf(text + o, "} ");
	sprintf(text + o, "\nb : 1\n");
	parse(&p, text);
	expect_error(&p, 1, 4 * UCL_MAX_DEPTH + 3, "nested deeper than");
	assert_int_equal(p.diags.errors, 1);
	assert_string_equal(p.root->child[p.root->n_child - 1]->key, "b");
	parsed_free(&p);
}

static void test_empty_input(void **state)
{
	struct parsed p;

	(void)state;
	parse(&p, "");
	expect_clean(&p);
	assert_int_equal(p.root->n_child, 0);
	parsed_free(&p);
	parse(&p, "\n# only a comment\n");
	expect_clean(&p);
	parsed_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_separators_and_terminators),
		cmocka_unit_test(test_quoted_keys_and_top_braces),
		cmocka_unit_test(test_atoms),
		cmocka_unit_test(test_quoted_is_string),
		cmocka_unit_test(test_arrays),
		cmocka_unit_test(test_errors_and_recovery),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_empty_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
