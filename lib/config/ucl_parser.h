/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A parser for the subset of UCL (libucl's configuration language) that
 * iovctl.conf(5) files use. FreeBSD's iovctl links vstakhov's libucl, which
 * Debian 12 does not package (its libucl-dev is an unrelated compression
 * library), so we read the subset ourselves:
 *
 *   file    := members | '{' members '}'
 *   members := { member | ';' | ',' | newline }
 *   member  := key (':' | '=') value end | key [':' | '='] object [end]
 *   key     := unquoted [A-Za-z0-9_.-]+ | "quoted" | 'quoted'
 *   value   := "string" | 'string' | atom | object | array
 *   object  := '{' members '}'
 *   array   := '[' [value {(',' | ';' | newline) value}] ']'
 *   end     := ';' | ',' | newline | before '}' or the end of the file
 *   atom    := unquoted word: true/false/yes/no/on/off, null, an integer
 *              (decimal or 0x hex, optional k/m/g = x1000, kb/mb/gb = x1024),
 *              a float, or else a string
 *
 * Comments are '#' and '//' to the end of the line and nested C comments.
 * Not accepted: UCL macros (.include), variables, heredocs, time suffixes.
 * Duplicate keys are kept in order; the semantic pass rejects them, as
 * iovctl does ("Multiple definitions of ...").
 */
#ifndef SRIOV_UCL_PARSER_H
#define SRIOV_UCL_PARSER_H

#include <stdbool.h>
#include <stdint.h>

#include "diag_list.h"
#include "ucl_lexer.h"

enum ucl_node_kind {
	UCL_NODE_OBJECT,
	UCL_NODE_ARRAY,
	UCL_NODE_SCALAR,
};

/* What UCL would make of a scalar; iovctl checks types against this. */
enum ucl_scalar_class {
	UCL_SCALAR_STRING,
	UCL_SCALAR_INT,
	UCL_SCALAR_FLOAT,
	UCL_SCALAR_BOOL,
	UCL_SCALAR_NULL,
};

struct ucl_number {
	bool negative;
	bool overflow;        /* magnitude exceeded 64 bits */
	uint64_t magnitude;
};

struct ucl_node {
	enum ucl_node_kind kind;
	char *key;                    /* NULL for the root and array elements */
	struct ucl_pos key_pos;
	struct ucl_pos pos;           /* the value (the '{' of an object) */
	/* scalars */
	char *text;                   /* decoded string or the atom as written */
	bool quoted;
	enum ucl_scalar_class cls;
	bool boolean;
	struct ucl_number num;
	/* objects and arrays */
	struct ucl_node **child;
	size_t n_child, cap_child;
};

/* Objects nested deeper than this are refused (a stack guard for hostile
 * input; iovctl.conf needs two levels). */
#define UCL_MAX_DEPTH 32

/*
 * Parses @buf into a tree whose root is an object. Syntax errors become
 * diagnostics and the statement in error is dropped; parsing continues.
 * Returns the root (possibly partial), or NULL when memory ran out.
 */
struct ucl_node *ucl_parse(const char *buf, size_t len, struct diag_list *diags);
void ucl_node_free(struct ucl_node *node);

#endif
