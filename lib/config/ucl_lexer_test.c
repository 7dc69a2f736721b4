/* SPDX-License-Identifier: BSD-2-Clause */
/* Tokens, positions, strings, comments and the bytes that do not belong. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ucl_lexer.h"

struct lexed {
	struct diag_list diags;
	struct ucl_token tok[32];
	size_t n;
};

/* Lexes @text in @mode until EOF (newlines included). */
static void lex_all(struct lexed *l, const char *text, size_t len, enum ucl_lex_mode mode)
{
	struct ucl_lexer lx;

	memset(l, 0, sizeof(*l));
	assert_int_equal(diag_list_reset(&l->diags, "t"), 0);
	ucl_lexer_init(&lx, text, len, &l->diags);
	do
		ucl_lex(&lx, mode, &l->tok[l->n]);
	while (l->tok[l->n++].kind != UCL_TOK_EOF && l->n < 32);
}

static void lexed_free(struct lexed *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->tok[i].text);
	diag_list_fini(&l->diags);
}

static void expect_tok(const struct lexed *l, size_t i, enum ucl_tok kind, unsigned int line,
		       unsigned int col, const char *text)
{
	assert_true(i < l->n);
	assert_int_equal(l->tok[i].kind, kind);
	assert_int_equal(l->tok[i].pos.line, line);
	assert_int_equal(l->tok[i].pos.column, col);
	if (text)
		assert_string_equal(l->tok[i].text, text);
}

static void expect_one_error(const struct lexed *l, unsigned int line, unsigned int col, const char *needle)
{
	if (l->diags.errors != 1 || l->diags.v[0].line != line || l->diags.v[0].column != col ||
	    !strstr(l->diags.v[0].message, needle)) {
		for (size_t i = 0; i < l->diags.n; i++)
			fprintf(stderr, "  %u:%u: %s\n", l->diags.v[i].line, l->diags.v[i].column,
				l->diags.v[i].message);
		fail_msg("expected one error at %u:%u containing \"%s\"", line, col, needle);
	}
}

#define LEX(l, s, mode) lex_all((l), (s), sizeof(s) - 1, (mode))

static void test_punctuation_and_positions(void **state)
{
	struct lexed l;

	(void)state;
	LEX(&l, "PF {\n  a : 1; b = 2, }\r\n[]", UCL_LEX_KEY);
	expect_tok(&l, 0, UCL_TOK_ATOM, 1, 1, "PF");
	expect_tok(&l, 1, UCL_TOK_LBRACE, 1, 4, NULL);
	expect_tok(&l, 2, UCL_TOK_NEWLINE, 1, 5, NULL);
	expect_tok(&l, 3, UCL_TOK_ATOM, 2, 3, "a");
	expect_tok(&l, 4, UCL_TOK_COLON, 2, 5, NULL);
	expect_tok(&l, 5, UCL_TOK_ATOM, 2, 7, "1");
	expect_tok(&l, 6, UCL_TOK_SEMI, 2, 8, NULL);
	expect_tok(&l, 8, UCL_TOK_EQUALS, 2, 12, NULL);
	expect_tok(&l, 10, UCL_TOK_COMMA, 2, 15, NULL);
	expect_tok(&l, 11, UCL_TOK_RBRACE, 2, 17, NULL);
	expect_tok(&l, 12, UCL_TOK_NEWLINE, 2, 19, NULL);
	expect_tok(&l, 13, UCL_TOK_LBRACKET, 3, 1, NULL);
	expect_tok(&l, 14, UCL_TOK_RBRACKET, 3, 2, NULL);
	expect_tok(&l, 15, UCL_TOK_EOF, 3, 3, NULL);
	assert_int_equal(l.diags.errors, 0);
	lexed_free(&l);
}

static void test_key_and_value_modes(void **state)
{
	struct lexed l;

	(void)state;
	LEX(&l, "a:02:00:ff=x", UCL_LEX_KEY);
	expect_tok(&l, 0, UCL_TOK_ATOM, 1, 1, "a");
	expect_tok(&l, 1, UCL_TOK_COLON, 1, 2, NULL);
	lexed_free(&l);
	LEX(&l, "02:00:ff=x;", UCL_LEX_VALUE);
	expect_tok(&l, 0, UCL_TOK_ATOM, 1, 1, "02:00:ff=x");
	expect_tok(&l, 1, UCL_TOK_SEMI, 1, 11, NULL);
	lexed_free(&l);
}

static void test_strings_and_escapes(void **state)
{
	struct lexed l;

	(void)state;
	LEX(&l, "\"a\\\"b\\\\c\\/\\n\\t\\u00e9\" 'it\\'s \\n'", UCL_LEX_VALUE);
	expect_tok(&l, 0, UCL_TOK_STRING, 1, 1, "a\"b\\c/\n\t\xc3\xa9");
	expect_tok(&l, 1, UCL_TOK_STRING, 1, 23, "it's \\n");
	assert_int_equal(l.diags.errors, 0);
	lexed_free(&l);
	/* Columns count characters: é is one. */
	LEX(&l, "\"\xc3\xa9\" x", UCL_LEX_VALUE);
	expect_tok(&l, 1, UCL_TOK_ATOM, 1, 5, "x");
	lexed_free(&l);
	LEX(&l, "\"\"", UCL_LEX_VALUE);
	expect_tok(&l, 0, UCL_TOK_STRING, 1, 1, "");
	lexed_free(&l);
}

static void test_string_errors(void **state)
{
	struct lexed l;

	(void)state;
	LEX(&l, "x \"abc\ny", UCL_LEX_VALUE);
	expect_one_error(&l, 1, 3, "unterminated string: missing closing \" before the end of the line");
	expect_tok(&l, 1, UCL_TOK_STRING, 1, 3, "abc");
	expect_tok(&l, 2, UCL_TOK_NEWLINE, 1, 7, NULL);
	lexed_free(&l);
	LEX(&l, "'abc", UCL_LEX_VALUE);
	expect_one_error(&l, 1, 1, "missing closing '");
	lexed_free(&l);
	LEX(&l, "\"a\\qb\"", UCL_LEX_VALUE);
	expect_one_error(&l, 1, 3, "invalid escape '\\q' in string");
	lexed_free(&l);
	LEX(&l, "\"\\u12\"", UCL_LEX_VALUE);
	expect_one_error(&l, 1, 2, "needs four hex digits");
	lexed_free(&l);
	LEX(&l, "\"\\u0000\"", UCL_LEX_VALUE);
	expect_one_error(&l, 1, 2, "NUL byte");
	lexed_free(&l);
	LEX(&l, "\"\\ud800\"", UCL_LEX_VALUE);
	expect_one_error(&l, 1, 2, "surrogate");
	lexed_free(&l);
	LEX(&l, "\"a\x01\"", UCL_LEX_VALUE);
	expect_one_error(&l, 1, 3, "control character 0x01 inside a string");
	lexed_free(&l);
	LEX(&l, "\"a\xff\"", UCL_LEX_VALUE);
	expect_one_error(&l, 1, 3, "invalid UTF-8 byte 0xFF inside a string");
	lexed_free(&l);
	LEX(&l, "\"a\0b\"", UCL_LEX_VALUE);
	expect_one_error(&l, 1, 3, "NUL byte inside a string");
	expect_tok(&l, 0, UCL_TOK_STRING, 1, 1, "ab");
	lexed_free(&l);
}

static void test_comments(void **state)
{
	struct lexed l;

	(void)state;
	LEX(&l, "a # c1 \"\n// c2 {\nb /* x /* nested */ still */ c\n/* multi\nline */d", UCL_LEX_KEY);
	expect_tok(&l, 0, UCL_TOK_ATOM, 1, 1, "a");
	expect_tok(&l, 1, UCL_TOK_NEWLINE, 1, 9, NULL);
	expect_tok(&l, 2, UCL_TOK_NEWLINE, 2, 8, NULL);
	expect_tok(&l, 3, UCL_TOK_ATOM, 3, 1, "b");
	expect_tok(&l, 4, UCL_TOK_ATOM, 3, 30, "c");
	expect_tok(&l, 6, UCL_TOK_ATOM, 5, 8, "d");
	assert_int_equal(l.diags.errors, 0);
	lexed_free(&l);
	LEX(&l, "a /* open /* inner */", UCL_LEX_KEY);
	expect_one_error(&l, 1, 3, "unterminated /* comment");
	lexed_free(&l);
	/* An atom stops where a comment starts. */
	LEX(&l, "abc//x", UCL_LEX_VALUE);
	expect_tok(&l, 0, UCL_TOK_ATOM, 1, 1, "abc");
	expect_tok(&l, 1, UCL_TOK_EOF, 1, 7, NULL);
	lexed_free(&l);
}

static void test_typographic_quotes(void **state)
{
	static const char *const cases[][3] = {
		{ "k : \xe2\x80\x9c" "ixl0\xe2\x80\x9d;", "\xe2\x80\x9c", "U+201C" },
		{ "k : \xe2\x80\x98" "ixl0\xe2\x80\x99;", "\xe2\x80\x98", "U+2018" },
		{ "k : \xc2\xab" "ixl0\xc2\xbb;", "\xc2\xab", "U+00AB" },
		{ "k : \xe2\x80\x9d" "ixl0\xe2\x80\x9d;", "\xe2\x80\x9d", "U+201D" },
	};

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct lexed l;
		char want[64];

		lex_all(&l, cases[i][0], strlen(cases[i][0]), UCL_LEX_VALUE);
		snprintf(want, sizeof(want), "typographic quote %s (%s)", cases[i][1], cases[i][2]);
		expect_one_error(&l, 1, 5, want);
		expect_one_error(&l, 1, 5, "use a plain ASCII \" quote");
		expect_tok(&l, 2, UCL_TOK_STRING, 1, 5, "ixl0");
		expect_tok(&l, 3, UCL_TOK_SEMI, 1, 11, NULL);
		lexed_free(&l);
	}
}

static void test_stray_bytes(void **state)
{
	struct lexed l;

	(void)state;
	LEX(&l, "a \xff b", UCL_LEX_KEY);
	expect_one_error(&l, 1, 3, "invalid UTF-8 byte 0xFF outside quotes");
	expect_tok(&l, 1, UCL_TOK_ATOM, 1, 5, "b");
	lexed_free(&l);
	LEX(&l, "a \xc3\xa9 b", UCL_LEX_KEY);
	expect_one_error(&l, 1, 3, "character U+00E9 outside quotes");
	lexed_free(&l);
	LEX(&l, "a \0 b", UCL_LEX_KEY);
	expect_one_error(&l, 1, 3, "NUL byte in the input");
	lexed_free(&l);
	LEX(&l, "a \x1b b", UCL_LEX_KEY);
	expect_one_error(&l, 1, 3, "control character 0x1B outside quotes");
	lexed_free(&l);
	/* Overlong and truncated UTF-8 sequences are invalid. */
	LEX(&l, "\xc0\xaf", UCL_LEX_KEY);
	assert_int_equal(l.diags.errors, 2);
	lexed_free(&l);
	LEX(&l, "\xe2\x80", UCL_LEX_KEY);
	assert_int_equal(l.diags.errors, 2);
	lexed_free(&l);
}

static void test_describe(void **state)
{
	struct ucl_token t = { .kind = UCL_TOK_RBRACE };
	char buf[64];

	(void)state;
	assert_string_equal(ucl_tok_describe(&t, buf, sizeof(buf)), "'}'");
	t.kind = UCL_TOK_EOF;
	assert_string_equal(ucl_tok_describe(&t, buf, sizeof(buf)), "the end of the file");
	t.kind = UCL_TOK_ATOM;
	t.text = (char *)"w\n";
	assert_string_equal(ucl_tok_describe(&t, buf, sizeof(buf)), "'w\\x0A'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_punctuation_and_positions),
		cmocka_unit_test(test_key_and_value_modes),
		cmocka_unit_test(test_strings_and_escapes),
		cmocka_unit_test(test_string_errors),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_typographic_quotes),
		cmocka_unit_test(test_stray_bytes),
		cmocka_unit_test(test_describe),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
