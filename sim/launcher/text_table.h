/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A text table for a terminal: cells added row by row, each column as wide
 * as its widest cell, numbers right-aligned. Used by `x710-sim stats` when
 * its output is a terminal.
 */
#ifndef TEXT_TABLE_H
#define TEXT_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#define TEXT_TABLE_MAX_COLS  24
#define TEXT_TABLE_CELL      32   /* bytes per cell, NUL included; longer is cut */

struct text_table {
	unsigned int cols;
	bool right[TEXT_TABLE_MAX_COLS];
	char (*cells)[TEXT_TABLE_CELL];
	size_t n_cells, cap_cells;
};

/* `cols` headers (added as the first row); right[i]: right-align column i
 * (NULL: all left). 0, -EINVAL, -ENOMEM. */
int text_table_init(struct text_table *t, unsigned int cols, const char *const *headers,
		    const bool *right);
void text_table_fini(struct text_table *t);
/* The next cell, row-major; a row is complete after `cols` cells. */
int text_table_add(struct text_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Render into `out` (always NUL-terminated, two blanks between columns, no
 * trailing blanks); returns the length wanted, >= len when cut. */
size_t text_table_render(const struct text_table *t, char *out, size_t len);

#endif /* TEXT_TABLE_H */
