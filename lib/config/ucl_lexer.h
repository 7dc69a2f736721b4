/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Tokens of the UCL subset iovctl.conf(5) files use; see ucl_parser.h for
 * the subset and why we parse it ourselves. Every token carries its
 * line:column; lexical errors go to the diagnostics list and the lexer
 * carries on, so one run reports every mistake.
 */
#ifndef SRIOV_UCL_LEXER_H
#define SRIOV_UCL_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag_list.h"

struct ucl_pos {
	unsigned int line;
	unsigned int column;    /* characters, not bytes */
};

enum ucl_tok {
	UCL_TOK_EOF,
	UCL_TOK_LBRACE,
	UCL_TOK_RBRACE,
	UCL_TOK_LBRACKET,
	UCL_TOK_RBRACKET,
	UCL_TOK_COLON,
	UCL_TOK_EQUALS,
	UCL_TOK_SEMI,
	UCL_TOK_COMMA,
	UCL_TOK_NEWLINE,
	UCL_TOK_STRING,      /* quoted; text holds the decoded contents */
	UCL_TOK_ATOM,        /* unquoted word */
	UCL_TOK_NOMEM,
};

/* A key stops at ':' and '='; a value may contain them (02:00:00:...). */
enum ucl_lex_mode {
	UCL_LEX_KEY,
	UCL_LEX_VALUE,
};

struct ucl_token {
	enum ucl_tok kind;
	struct ucl_pos pos;
	char *text;          /* STRING and ATOM: malloc'd, owned by the caller */
	bool broken;         /* unterminated string: already reported, drop it */
};

struct ucl_lexer {
	const unsigned char *buf;
	size_t len, off;
	struct ucl_pos pos;
	struct diag_list *diags;
};

void ucl_lexer_init(struct ucl_lexer *lx, const char *buf, size_t len, struct diag_list *diags);
void ucl_lex(struct ucl_lexer *lx, enum ucl_lex_mode mode, struct ucl_token *tok);
/* "'}'", "end of file", "a newline", "'word'" - for "expected X, found Y". */
const char *ucl_tok_describe(const struct ucl_token *tok, char *buf, size_t len);

#endif
