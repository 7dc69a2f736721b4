/* SPDX-License-Identifier: BSD-2-Clause */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ucl_parser.h"

struct parser {
	struct ucl_lexer lx;
	struct diag_list *diags;
	struct ucl_token pending;
	bool has_pending;
	unsigned int depth;
	bool out_of_memory;
};

#define syntax_error(p, pos, ...) \
	diag_error((p)->diags, (pos).line, (pos).column, NULL, __VA_ARGS__)

static void next(struct parser *p, enum ucl_lex_mode mode, struct ucl_token *t)
{
	if (p->has_pending) {
		*t = p->pending;
		p->has_pending = false;
		return;
	}
	ucl_lex(&p->lx, mode, t);
	if (t->kind == UCL_TOK_NOMEM) {
		p->out_of_memory = true;
		t->kind = UCL_TOK_EOF;
	}
}

/* Only tokens whose meaning does not depend on the lexer mode come back:
 * punctuation, EOF, and atoms read in key mode for the next key. */
static void unget(struct parser *p, struct ucl_token *t)
{
	p->pending = *t;
	p->has_pending = true;
	t->text = NULL;
}

static void tok_free(struct ucl_token *t)
{
	free(t->text);
	t->text = NULL;
}

static struct ucl_node *node_new(struct parser *p, enum ucl_node_kind kind, struct ucl_pos pos)
{
	struct ucl_node *n = calloc(1, sizeof(*n));

	if (!n) {
		p->out_of_memory = true;
		return NULL;
	}
	n->kind = kind;
	n->pos = pos;
	return n;
}

static void append(struct parser *p, struct ucl_node *parent, struct ucl_node *child)
{
	if (parent->n_child == parent->cap_child) {
		size_t cap = parent->cap_child ? parent->cap_child * 2 : 8;
		struct ucl_node **v = realloc(parent->child, cap * sizeof(*v));

		if (!v) {
			p->out_of_memory = true;
			ucl_node_free(child);
			return;
		}
		parent->child = v;
		parent->cap_child = cap;
	}
	parent->child[parent->n_child++] = child;
}

void ucl_node_free(struct ucl_node *node)
{
	if (!node)
		return;
	for (size_t i = 0; i < node->n_child; i++)
		ucl_node_free(node->child[i]);
	free(node->child);
	free(node->key);
	free(node->text);
	free(node);
}

/* Drops the rest of a bad statement: up to its separator or the '}' that
 * closes the enclosing object (left for the caller), skipping nested
 * brackets. Starts with @t, which it consumes. */
static void skip_statement(struct parser *p, struct ucl_token *t)
{
	unsigned int depth = 0;

	for (;;) {
		switch (t->kind) {
		case UCL_TOK_LBRACE:
		case UCL_TOK_LBRACKET:
			depth++;
			break;
		case UCL_TOK_RBRACE:
		case UCL_TOK_RBRACKET:
			if (depth == 0 && t->kind == UCL_TOK_RBRACE) {
				unget(p, t);
				return;
			}
			if (depth > 0)
				depth--;
			break;
		case UCL_TOK_NEWLINE:
		case UCL_TOK_SEMI:
		case UCL_TOK_COMMA:
			if (depth == 0)
				return;
			break;
		case UCL_TOK_EOF:
			unget(p, t);
			return;
		default:
			break;
		}
		tok_free(t);
		next(p, UCL_LEX_VALUE, t);
	}
}

/* true/yes/on, false/no/off, null, integers with UCL's multipliers, floats;
 * anything else is a string, as libucl reads an unquoted word. */
static void classify_atom(struct ucl_node *n)
{
	static const char *const truths[] = { "true", "yes", "on" };
	static const char *const lies[] = { "false", "no", "off" };
	static const struct { const char *suffix; uint64_t mult; } mults[] = {
		{ "k", 1000 }, { "m", 1000 * 1000 }, { "g", 1000 * 1000 * 1000 },
		{ "kb", 1024 }, { "mb", 1024 * 1024 }, { "gb", 1024 * 1024 * 1024 },
	};
	const char *s = n->text;
	struct ucl_number num = { 0 };
	bool is_float = false;
	unsigned int base = 10;

	n->cls = UCL_SCALAR_STRING;
	for (size_t i = 0; i < 3; i++) {
		if (strcasecmp(s, truths[i]) == 0 || strcasecmp(s, lies[i]) == 0) {
			n->cls = UCL_SCALAR_BOOL;
			n->boolean = strcasecmp(s, truths[i]) == 0;
			return;
		}
	}
	if (strcasecmp(s, "null") == 0) {
		n->cls = UCL_SCALAR_NULL;
		return;
	}
	num.negative = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2])) {
		base = 16;
		s += 2;
	}
	if (!(base == 16 ? isxdigit((unsigned char)*s) : isdigit((unsigned char)*s)))
		return;
	for (; base == 16 ? isxdigit((unsigned char)*s) : isdigit((unsigned char)*s); s++) {
		unsigned int d = isdigit((unsigned char)*s) ? (unsigned)(*s - '0')
							    : (unsigned)(tolower((unsigned char)*s) - 'a' + 10);

		if (num.magnitude > (UINT64_MAX - d) / base)
			num.overflow = true;
		else
			num.magnitude = num.magnitude * base + d;
	}
	if (base == 10 && *s == '.' && isdigit((unsigned char)s[1])) {
		is_float = true;
		for (s++; isdigit((unsigned char)*s); s++)
			;
	}
	if (base == 10 && (*s == 'e' || *s == 'E')) {
		const char *e = s + 1;

		if (*e == '+' || *e == '-')
			e++;
		if (isdigit((unsigned char)*e)) {
			is_float = true;
			for (s = e; isdigit((unsigned char)*s); s++)
				;
		}
	}
	if (*s && base == 10) {
		size_t i;

		for (i = 0; i < sizeof(mults) / sizeof(mults[0]); i++)
			if (strcasecmp(s, mults[i].suffix) == 0)
				break;
		if (i == sizeof(mults) / sizeof(mults[0]))
			return;
		if (num.magnitude > UINT64_MAX / mults[i].mult)
			num.overflow = true;
		else
			num.magnitude *= mults[i].mult;
		s += strlen(s);
	}
	if (*s)
		return;
	n->cls = is_float ? UCL_SCALAR_FLOAT : UCL_SCALAR_INT;
	n->num = num;
}

static struct ucl_node *parse_value(struct parser *p, const char *key, struct ucl_token *t);
static void parse_members(struct parser *p, struct ucl_node *obj, const char *name);

/* Skips to the '}' matching an already consumed '{'. */
static void skip_braced(struct parser *p)
{
	unsigned int depth = 1;
	struct ucl_token t;

	while (depth > 0) {
		next(p, UCL_LEX_VALUE, &t);
		if (t.kind == UCL_TOK_EOF) {
			unget(p, &t);
			return;
		}
		if (t.kind == UCL_TOK_LBRACE || t.kind == UCL_TOK_LBRACKET)
			depth++;
		else if (t.kind == UCL_TOK_RBRACE || t.kind == UCL_TOK_RBRACKET)
			depth--;
		tok_free(&t);
	}
}

static bool too_deep(struct parser *p, struct ucl_pos pos)
{
	if (p->depth < UCL_MAX_DEPTH)
		return false;
	syntax_error(p, pos, "sections nested deeper than %d levels", UCL_MAX_DEPTH);
	skip_braced(p);
	return true;
}

static struct ucl_node *parse_object(struct parser *p, struct ucl_pos pos, const char *key)
{
	struct ucl_node *obj;

	if (too_deep(p, pos) || !(obj = node_new(p, UCL_NODE_OBJECT, pos)))
		return NULL;
	p->depth++;
	parse_members(p, obj, key);
	p->depth--;
	return obj;
}

static struct ucl_node *parse_array(struct parser *p, struct ucl_pos pos, const char *key)
{
	struct ucl_node *arr;
	struct ucl_token t;
	char found[DIAG_QUOTE_LEN + 8];

	if (too_deep(p, pos) || !(arr = node_new(p, UCL_NODE_ARRAY, pos)))
		return NULL;
	p->depth++;
	for (;;) {
		struct ucl_node *elem;
		bool newline;

		do
			next(p, UCL_LEX_VALUE, &t);
		while (t.kind == UCL_TOK_NEWLINE);
		if (t.kind == UCL_TOK_RBRACKET)
			break;
		if (t.kind == UCL_TOK_EOF || t.kind == UCL_TOK_RBRACE) {
			syntax_error(p, t.pos, "missing ']' to close the array of '%s' opened at %u:%u",
				     key, pos.line, pos.column);
			unget(p, &t);
			break;
		}
		elem = parse_value(p, key, &t);
		if (elem)
			append(p, arr, elem);
		newline = false;
		next(p, UCL_LEX_VALUE, &t);
		while (t.kind == UCL_TOK_NEWLINE) {
			newline = true;
			next(p, UCL_LEX_VALUE, &t);
		}
		if (t.kind == UCL_TOK_COMMA || t.kind == UCL_TOK_SEMI)
			continue;
		if (t.kind == UCL_TOK_RBRACKET)
			break;
		/* A new line separates elements too: t starts the next one. */
		if (newline && t.kind != UCL_TOK_EOF && t.kind != UCL_TOK_RBRACE) {
			unget(p, &t);
			continue;
		}
		syntax_error(p, t.pos, "expected ',' or ']' in the array of '%s', found %s", key,
			     ucl_tok_describe(&t, found, sizeof(found)));
		if (t.kind == UCL_TOK_EOF || t.kind == UCL_TOK_RBRACE) {
			unget(p, &t);
			break;
		}
		tok_free(&t);
	}
	p->depth--;
	return arr;
}

static struct ucl_node *parse_value(struct parser *p, const char *key, struct ucl_token *t)
{
	struct ucl_node *n;

	switch (t->kind) {
	case UCL_TOK_STRING:
	case UCL_TOK_ATOM:
		n = t->broken ? NULL : node_new(p, UCL_NODE_SCALAR, t->pos);
		if (!n) {
			tok_free(t);
			return NULL;
		}
		n->text = t->text;
		t->text = NULL;
		n->quoted = t->kind == UCL_TOK_STRING;
		if (n->quoted)
			n->cls = UCL_SCALAR_STRING;
		else
			classify_atom(n);
		return n;
	case UCL_TOK_LBRACE:
		return parse_object(p, t->pos, key);
	case UCL_TOK_LBRACKET:
		return parse_array(p, t->pos, key);
	default:
		syntax_error(p, t->pos, "missing value for key '%s'", key);
		if (t->kind == UCL_TOK_EOF || t->kind == UCL_TOK_RBRACE || t->kind == UCL_TOK_RBRACKET)
			unget(p, t);
		return NULL;
	}
}

static bool valid_key_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.';
}

static void check_key(struct parser *p, const struct ucl_token *t)
{
	char q[DIAG_QUOTE_LEN];

	if (t->kind == UCL_TOK_STRING && t->text[0] == '\0') {
		syntax_error(p, t->pos, "empty key");
		return;
	}
	if (t->kind != UCL_TOK_ATOM)
		return;
	for (const char *c = t->text; *c; c++)
		if (!valid_key_char(*c)) {
			syntax_error(p, t->pos, "invalid character '%c' in key '%s': unquoted keys are "
				     "letters, digits, '-', '_' and '.'", *c,
				     diag_quote(t->text, q, sizeof(q)));
			return;
		}
}

static void parse_member(struct parser *p, struct ucl_node *obj, struct ucl_token *key)
{
	struct ucl_node *value = NULL;
	struct ucl_token t;
	char found[DIAG_QUOTE_LEN + 8], q[DIAG_QUOTE_LEN];
	const char *shown = diag_quote(key->text, q, sizeof(q));

	check_key(p, key);
	next(p, UCL_LEX_KEY, &t);
	if (t.kind == UCL_TOK_COLON || t.kind == UCL_TOK_EQUALS) {
		next(p, UCL_LEX_VALUE, &t);
		value = parse_value(p, shown, &t);
	} else if (t.kind == UCL_TOK_LBRACE) {
		value = parse_object(p, t.pos, shown);
	} else {
		syntax_error(p, t.pos, "expected ':' or '=' after key '%s', found %s", shown,
			     ucl_tok_describe(&t, found, sizeof(found)));
		skip_statement(p, &t);
		tok_free(key);
		return;
	}
	tok_free(&t);
	if (!value) {
		tok_free(key);
		return;
	}
	value->key = key->text;
	value->key_pos = key->pos;
	key->text = NULL;
	append(p, obj, value);

	next(p, UCL_LEX_KEY, &t);
	switch (t.kind) {
	case UCL_TOK_NEWLINE:
	case UCL_TOK_SEMI:
	case UCL_TOK_COMMA:
		return;
	case UCL_TOK_RBRACE:
	case UCL_TOK_EOF:
		unget(p, &t);
		return;
	case UCL_TOK_ATOM:
	case UCL_TOK_STRING:
		/* "PF { ... } DEFAULT { ... }" needs no separator after '}'. */
		if (value->kind == UCL_NODE_OBJECT) {
			unget(p, &t);
			return;
		}
		/* fall through */
	default:
		syntax_error(p, t.pos, "expected ';' or a new line after the value of '%s', found %s",
			     shown, ucl_tok_describe(&t, found, sizeof(found)));
		skip_statement(p, &t);
		tok_free(&t);
	}
}

/* The members of an object, up to its '}' (or the end of the file when
 * @name is NULL: the top level). */
static void parse_members(struct parser *p, struct ucl_node *obj, const char *name)
{
	struct ucl_token t;
	char found[DIAG_QUOTE_LEN + 8];

	for (;;) {
		next(p, UCL_LEX_KEY, &t);
		switch (t.kind) {
		case UCL_TOK_NEWLINE:
		case UCL_TOK_SEMI:
		case UCL_TOK_COMMA:
			continue;
		case UCL_TOK_EOF:
			if (name)
				syntax_error(p, t.pos, "missing '}' to close '%s' opened at %u:%u",
					     name, obj->pos.line, obj->pos.column);
			return;
		case UCL_TOK_RBRACE:
			if (name)
				return;
			syntax_error(p, t.pos, "unexpected '}' with no section open");
			continue;
		case UCL_TOK_ATOM:
		case UCL_TOK_STRING:
			parse_member(p, obj, &t);
			tok_free(&t);
			if (p->out_of_memory)
				return;
			continue;
		default:
			syntax_error(p, t.pos, "expected a key, found %s",
				     ucl_tok_describe(&t, found, sizeof(found)));
			skip_statement(p, &t);
			tok_free(&t);
			continue;
		}
	}
}

struct ucl_node *ucl_parse(const char *buf, size_t len, struct diag_list *diags)
{
	struct parser p = { .diags = diags };
	struct ucl_node *root;
	struct ucl_token t;
	char found[DIAG_QUOTE_LEN + 8];

	ucl_lexer_init(&p.lx, buf, len, diags);
	root = node_new(&p, UCL_NODE_OBJECT, (struct ucl_pos){ 1, 1 });
	if (!root)
		return NULL;
	do
		next(&p, UCL_LEX_KEY, &t);
	while (t.kind == UCL_TOK_NEWLINE);
	if (t.kind == UCL_TOK_LBRACE) {
		/* UCL allows the whole file inside one pair of braces. */
		root->pos = t.pos;
		parse_members(&p, root, "the top-level object");
		next(&p, UCL_LEX_KEY, &t);
		while (t.kind == UCL_TOK_NEWLINE || t.kind == UCL_TOK_SEMI)
			next(&p, UCL_LEX_KEY, &t);
		if (t.kind != UCL_TOK_EOF)
			syntax_error(&p, t.pos, "unexpected %s after the closing '}' of the top-level object",
				     ucl_tok_describe(&t, found, sizeof(found)));
		tok_free(&t);
	} else {
		unget(&p, &t);
		parse_members(&p, root, NULL);
	}
	if (p.has_pending)
		tok_free(&p.pending);
	if (p.out_of_memory) {
		ucl_node_free(root);
		return NULL;
	}
	return root;
}
