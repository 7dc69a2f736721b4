/* SPDX-License-Identifier: BSD-2-Clause */
#include "text_table.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_TABLE_GAP 2   /* blanks between columns */

int
text_table_init(struct text_table *t, unsigned int cols, const char *const *headers,
		const bool *right)
{
	memset(t, 0, sizeof(*t));
	if (cols == 0 || cols > TEXT_TABLE_MAX_COLS || headers == NULL)
		return -EINVAL;
	t->cols = cols;
	for (unsigned int c = 0; c < cols; c++)
		t->right[c] = right != NULL && right[c];
	for (unsigned int c = 0; c < cols; c++) {
		int rc = text_table_add(t, "%s", headers[c]);
		if (rc)
			return rc;
	}
	return 0;
}

void
text_table_fini(struct text_table *t)
{
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

int
text_table_add(struct text_table *t, const char *fmt, ...)
{
	if (t->cols == 0)
		return -EINVAL;
	if (t->n_cells == t->cap_cells) {
		size_t cap = t->cap_cells ? t->cap_cells * 2 : (size_t)t->cols * 16;
		void *p = realloc(t->cells, cap * sizeof(*t->cells));
		if (p == NULL)
			return -ENOMEM;
		t->cells = p;
		t->cap_cells = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->cells[t->n_cells], TEXT_TABLE_CELL, fmt, ap);
	va_end(ap);
	t->n_cells++;
	return 0;
}

struct sink {
	char *buf;
	size_t len, at;
};

static void
emit(struct sink *s, const char *p, size_t n)
{
	if (s->at < s->len) {
		size_t room = s->len - s->at - 1;
		memcpy(s->buf + s->at, p, n < room ? n : room);
		s->buf[s->at + (n < room ? n : room)] = '\0';
	}
	s->at += n;
}

static void
pad(struct sink *s, size_t n)
{
	static const char blanks[] = "                                ";
	while (n > 0) {
		size_t k = n < sizeof(blanks) - 1 ? n : sizeof(blanks) - 1;
		emit(s, blanks, k);
		n -= k;
	}
}

size_t
text_table_render(const struct text_table *t, char *out, size_t len)
{
	struct sink s = { .buf = out, .len = len };
	size_t width[TEXT_TABLE_MAX_COLS] = { 0 };

	if (len)
		out[0] = '\0';
	for (size_t i = 0; i < t->n_cells; i++) {
		size_t w = strlen(t->cells[i]);
		if (w > width[i % t->cols])
			width[i % t->cols] = w;
	}
	for (size_t row = 0; row * t->cols < t->n_cells; row++) {
		/* Blanks are held back until a later cell needs them: no
		 * trailing blanks on a line. */
		size_t owed = 0;
		for (unsigned int c = 0; c < t->cols; c++) {
			size_t i = row * t->cols + c;
			const char *cell = i < t->n_cells ? t->cells[i] : "";
			size_t w = strlen(cell);
			if (c > 0)
				owed += TEXT_TABLE_GAP;
			if (t->right[c])
				owed += width[c] - w;
			if (w > 0) {
				pad(&s, owed);
				emit(&s, cell, w);
				owed = 0;
			}
			if (!t->right[c])
				owed += width[c] - w;
		}
		emit(&s, "\n", 1);
	}
	return s.at;
}
