/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ucl_lexer.h"

/* Unicode limits (The Unicode Standard, ch. 3.9): surrogates are not
 * characters, and nothing lies above U+10FFFF. */
#define UNICODE_MAX 0x10FFFFu
#define SURROGATE_FIRST 0xD800u
#define SURROGATE_LAST 0xDFFFu

/* Quotes that word processors and web pages substitute for ASCII ones. */
static const uint32_t typographic_quotes[] = {
	0x201C, 0x201D, 0x201E, 0x201F,   /* “ ” „ ‟ */
	0x2018, 0x2019, 0x201A, 0x201B,   /* ‘ ’ ‚ ‛ */
	0x00AB, 0x00BB, 0x2039, 0x203A,   /* « » ‹ › */
	0x2033, 0xFF02,                   /* ″ ＂ */
};

struct sbuf {
	char *p;
	size_t n, cap;
	bool oom;
};

static void sbuf_put(struct sbuf *s, const unsigned char *bytes, size_t n)
{
	if (s->oom)
		return;
	if (s->n + n + 1 > s->cap) {
		size_t cap = s->cap ? s->cap : 32;
		char *p;

		while (cap < s->n + n + 1)
			cap *= 2;
		p = realloc(s->p, cap);
		if (!p) {
			s->oom = true;
			return;
		}
		s->p = p;
		s->cap = cap;
	}
	memcpy(s->p + s->n, bytes, n);
	s->n += n;
	s->p[s->n] = '\0';
}

void ucl_lexer_init(struct ucl_lexer *lx, const char *buf, size_t len, struct diag_list *diags)
{
	*lx = (struct ucl_lexer){ .buf = (const unsigned char *)buf, .len = len,
				  .pos = { 1, 1 }, .diags = diags };
}

static int peek_at(const struct ucl_lexer *lx, size_t ahead)
{
	return lx->off + ahead < lx->len ? lx->buf[lx->off + ahead] : -1;
}

/* Consumes one byte; a column counts characters, so continuation bytes of a
 * UTF-8 sequence do not advance it. */
static void advance(struct ucl_lexer *lx)
{
	unsigned char c = lx->buf[lx->off++];

	if (c == '\n') {
		lx->pos.line++;
		lx->pos.column = 1;
	} else if ((c & 0xC0) != 0x80) {
		lx->pos.column++;
	}
}

static void advance_n(struct ucl_lexer *lx, size_t n)
{
	while (n-- && lx->off < lx->len)
		advance(lx);
}

/* Decodes one UTF-8 sequence at the cursor: its length, or 0 if invalid
 * (truncated, overlong, surrogate or beyond U+10FFFF). */
static size_t decode_utf8(const struct ucl_lexer *lx, uint32_t *cp)
{
	const unsigned char *s = lx->buf + lx->off;
	size_t avail = lx->len - lx->off, n;
	uint32_t v, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xE0) == 0xC0) {
		n = 2; v = s[0] & 0x1F; min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3; v = s[0] & 0x0F; min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4; v = s[0] & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (avail < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > UNICODE_MAX || (v >= SURROGATE_FIRST && v <= SURROGATE_LAST))
		return 0;
	*cp = v;
	return n;
}

static bool is_typographic_quote(uint32_t cp)
{
	for (size_t i = 0; i < sizeof(typographic_quotes) / sizeof(typographic_quotes[0]); i++)
		if (typographic_quotes[i] == cp)
			return true;
	return false;
}

#define error_at(lx, pos, ...) \
	diag_error((lx)->diags, (pos).line, (pos).column, NULL, __VA_ARGS__)

/* Copies one valid UTF-8 character into @out, or reports the bad byte and
 * skips it. */
static void take_utf8(struct ucl_lexer *lx, struct sbuf *out, const char *where)
{
	uint32_t cp;
	size_t n = decode_utf8(lx, &cp);

	if (n == 0) {
		diag_error(lx->diags, lx->pos.line, lx->pos.column, NULL,
			   "invalid UTF-8 byte 0x%02X %s", lx->buf[lx->off], where);
		advance(lx);
		return;
	}
	sbuf_put(out, lx->buf + lx->off, n);
	advance_n(lx, n);
}

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void put_codepoint(struct sbuf *out, uint32_t cp)
{
	unsigned char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp; n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F)); n = 2;
	} else {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F)); n = 3;
	}
	sbuf_put(out, b, n);
}

/* A backslash escape of a double-quoted string (JSON's set, as UCL). */
static void lex_escape(struct ucl_lexer *lx, struct sbuf *out)
{
	static const char plain[] = "\"\\/bfnrt";
	static const char value[] = "\"\\/\b\f\n\r\t";
	struct ucl_pos at = lx->pos;
	int c;
	const char *hit;

	advance(lx);                      /* the backslash */
	c = peek_at(lx, 0);
	if (c < 0 || c == '\n')
		return;                   /* the caller reports the open string */
	if (c != 0 && (hit = strchr(plain, c)) != NULL) {
		unsigned char v = (unsigned char)value[hit - plain];

		sbuf_put(out, &v, 1);
		advance(lx);
		return;
	}
	if (c == 'u') {
		uint32_t cp = 0;
		int i;

		advance(lx);
		for (i = 0; i < 4 && hex_digit(peek_at(lx, 0)) >= 0; i++) {
			cp = cp << 4 | (uint32_t)hex_digit(peek_at(lx, 0));
			advance(lx);
		}
		if (i < 4)
			error_at(lx, at, "escape \\u needs four hex digits");
		else if (cp == 0)
			error_at(lx, at, "escape \\u0000 would put a NUL byte in the string");
		else if (cp >= SURROGATE_FIRST && cp <= SURROGATE_LAST)
			error_at(lx, at, "escape \\u of a UTF-16 surrogate is not supported");
		else
			put_codepoint(out, cp);
		return;
	}
	if (c >= 0x21 && c < 0x7f) {
		char shown[2] = { (char)c, '\0' };

		error_at(lx, at, "invalid escape '\\%s' in string", shown);
		sbuf_put(out, (const unsigned char *)shown, 1);
		advance(lx);
		return;
	}
	error_at(lx, at, "invalid escape in string: a backslash must precede one of \" \\ / b f n r t u");
}

/* A quoted string: "..." with escapes, or '...' where only \' is special. */
static void lex_quoted(struct ucl_lexer *lx, struct ucl_token *tok, struct sbuf *out)
{
	int quote = lx->buf[lx->off];
	char quote_str[2] = { (char)quote, '\0' };

	advance(lx);
	for (;;) {
		int c = peek_at(lx, 0);

		if (c < 0 || c == '\n') {
			error_at(lx, tok->pos, "unterminated string: missing closing %s before the end of the line",
				 quote_str);
			tok->broken = true;
			return;
		}
		if (c == quote) {
			advance(lx);
			return;
		}
		if (c == '\\' && quote == '"') {
			lex_escape(lx, out);
		} else if (c == '\\' && quote == '\'' && peek_at(lx, 1) == '\'') {
			sbuf_put(out, (const unsigned char *)"'", 1);
			advance_n(lx, 2);
		} else if (c == 0) {
			error_at(lx, lx->pos, "NUL byte inside a string");
			advance(lx);
		} else if (c < 0x20 && c != '\t') {
			error_at(lx, lx->pos, "control character 0x%02X inside a string", (unsigned)c);
			advance(lx);
		} else if (c >= 0x80) {
			take_utf8(lx, out, "inside a string");
		} else {
			unsigned char b = (unsigned char)c;

			sbuf_put(out, &b, 1);
			advance(lx);
		}
	}
}

/* A typographic quote where an ASCII one belongs: say so, then read up to
 * the closing typographic quote so the rest of the file still parses. */
static void lex_typographic(struct ucl_lexer *lx, struct ucl_token *tok, struct sbuf *out,
			    uint32_t cp, size_t n)
{
	char shown[8] = { 0 };

	memcpy(shown, lx->buf + lx->off, n);
	diag_error(lx->diags, tok->pos.line, tok->pos.column, NULL,
		   "typographic quote %s (U+%04X), probably pasted from a web page or a word processor; "
		   "use a plain ASCII \" quote", shown, (unsigned)cp);
	advance_n(lx, n);
	for (;;) {
		int c = peek_at(lx, 0);
		uint32_t close;
		size_t m;

		if (c < 0 || c == '\n')
			return;
		if (c >= 0x80 && (m = decode_utf8(lx, &close)) != 0 && is_typographic_quote(close)) {
			advance_n(lx, m);
			return;
		}
		if (c >= 0x80) {
			take_utf8(lx, out, "inside a string");
		} else if (c < 0x20 && c != '\t') {
			advance(lx);
		} else {
			unsigned char b = (unsigned char)c;

			sbuf_put(out, &b, 1);
			advance(lx);
		}
	}
}

/* Nested C comments, as UCL allows. */
static void skip_block_comment(struct ucl_lexer *lx)
{
	struct ucl_pos start = lx->pos;
	unsigned int depth = 0;

	do {
		if (lx->off >= lx->len) {
			error_at(lx, start, "unterminated /* comment");
			return;
		}
		if (peek_at(lx, 0) == '/' && peek_at(lx, 1) == '*') {
			depth++;
			advance_n(lx, 2);
		} else if (peek_at(lx, 0) == '*' && peek_at(lx, 1) == '/') {
			depth--;
			advance_n(lx, 2);
		} else {
			advance(lx);
		}
	} while (depth > 0);
}

static bool ends_atom(const struct ucl_lexer *lx, enum ucl_lex_mode mode)
{
	int c = peek_at(lx, 0);

	if (c <= 0x20 || c >= 0x7f || strchr("{}[];,\"'#", c))
		return true;
	if (mode == UCL_LEX_KEY && (c == ':' || c == '='))
		return true;
	return c == '/' && (peek_at(lx, 1) == '/' || peek_at(lx, 1) == '*');
}

static enum ucl_tok punct_kind(int c, enum ucl_lex_mode mode)
{
	switch (c) {
	case '{': return UCL_TOK_LBRACE;
	case '}': return UCL_TOK_RBRACE;
	case '[': return UCL_TOK_LBRACKET;
	case ']': return UCL_TOK_RBRACKET;
	case ';': return UCL_TOK_SEMI;
	case ',': return UCL_TOK_COMMA;
	case ':': return mode == UCL_LEX_KEY ? UCL_TOK_COLON : UCL_TOK_EOF;
	case '=': return mode == UCL_LEX_KEY ? UCL_TOK_EQUALS : UCL_TOK_EOF;
	default: return UCL_TOK_EOF;
	}
}

/* Reports a byte that may not appear outside quotes; returns true if it
 * was a typographic quote the caller must lex as a string. */
static bool stray_byte(struct ucl_lexer *lx, uint32_t *cp, size_t *n)
{
	int c = peek_at(lx, 0);

	if (c == 0) {
		error_at(lx, lx->pos, "NUL byte in the input (is this a text file?)");
		advance(lx);
		return false;
	}
	if (c < 0x80) {
		error_at(lx, lx->pos, "control character 0x%02X outside quotes", (unsigned)c);
		advance(lx);
		return false;
	}
	*n = decode_utf8(lx, cp);
	if (*n == 0) {
		error_at(lx, lx->pos, "invalid UTF-8 byte 0x%02X outside quotes", (unsigned)c);
		advance(lx);
		return false;
	}
	if (is_typographic_quote(*cp))
		return true;
	error_at(lx, lx->pos, "character U+%04X outside quotes: keys and unquoted values are ASCII",
		 (unsigned)*cp);
	advance_n(lx, *n);
	return false;
}

void ucl_lex(struct ucl_lexer *lx, enum ucl_lex_mode mode, struct ucl_token *tok)
{
	struct sbuf text = { 0 };

	*tok = (struct ucl_token){ .kind = UCL_TOK_EOF };
	for (;;) {
		int c = peek_at(lx, 0);
		enum ucl_tok kind;
		uint32_t cp;
		size_t n;

		tok->pos = lx->pos;
		if (c < 0)
			return;
		if (c == ' ' || c == '\t' || c == '\r') {
			advance(lx);
			continue;
		}
		if (c == '#' || (c == '/' && peek_at(lx, 1) == '/')) {
			while (lx->off < lx->len && lx->buf[lx->off] != '\n')
				advance(lx);
			continue;
		}
		if (c == '/' && peek_at(lx, 1) == '*') {
			skip_block_comment(lx);
			continue;
		}
		if (c == '\n') {
			tok->kind = UCL_TOK_NEWLINE;
			advance(lx);
			return;
		}
		kind = punct_kind(c, mode);
		if (kind != UCL_TOK_EOF) {
			tok->kind = kind;
			advance(lx);
			return;
		}
		if (c == '"' || c == '\'') {
			tok->kind = UCL_TOK_STRING;
			lex_quoted(lx, tok, &text);
			break;
		}
		if (c < 0x21 || c >= 0x7f) {
			if (!stray_byte(lx, &cp, &n))
				continue;
			tok->kind = UCL_TOK_STRING;
			lex_typographic(lx, tok, &text, cp, n);
			break;
		}
		tok->kind = UCL_TOK_ATOM;
		do {
			sbuf_put(&text, lx->buf + lx->off, 1);
			advance(lx);
		} while (!ends_atom(lx, mode));
		break;
	}
	if (!text.oom && !text.p)
		sbuf_put(&text, (const unsigned char *)"", 0);
	if (text.oom) {
		free(text.p);
		tok->kind = UCL_TOK_NOMEM;
		return;
	}
	tok->text = text.p;
}

const char *ucl_tok_describe(const struct ucl_token *tok, char *buf, size_t len)
{
	static const char *const names[] = {
		[UCL_TOK_EOF] = "the end of the file", [UCL_TOK_LBRACE] = "'{'",
		[UCL_TOK_RBRACE] = "'}'", [UCL_TOK_LBRACKET] = "'['",
		[UCL_TOK_RBRACKET] = "']'", [UCL_TOK_COLON] = "':'",
		[UCL_TOK_EQUALS] = "'='", [UCL_TOK_SEMI] = "';'",
		[UCL_TOK_COMMA] = "','", [UCL_TOK_NEWLINE] = "the end of the line",
		[UCL_TOK_NOMEM] = "(out of memory)",
	};
	char q[DIAG_QUOTE_LEN];

	if (tok->kind == UCL_TOK_STRING || tok->kind == UCL_TOK_ATOM)
		snprintf(buf, len, "'%s'", diag_quote(tok->text ? tok->text : "", q, sizeof(q)));
	else
		snprintf(buf, len, "%s", names[tok->kind]);
	return buf;
}
