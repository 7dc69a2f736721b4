/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag_list.h"

void diag_list_truncate(struct diag_list *d, size_t n)
{
	for (size_t i = n; i < d->n; i++) {
		if (d->v[i].severity == SRIOV_SEVERITY_ERROR)
			d->errors--;
		free((char *)d->v[i].key);
		free((char *)d->v[i].message);
	}
	if (n < d->n)
		d->n = n;
}

static void free_entries(struct diag_list *d)
{
	diag_list_truncate(d, 0);
	d->errors = 0;
	d->out_of_memory = false;
}

int diag_list_reset(struct diag_list *d, const char *file)
{
	char *copy = strdup(file ? file : "<input>");

	if (!copy)
		return -ENOMEM;
	free_entries(d);
	free(d->file);
	d->file = copy;
	return 0;
}

void diag_list_fini(struct diag_list *d)
{
	free_entries(d);
	free(d->v);
	free(d->file);
	memset(d, 0, sizeof(*d));
}

void diag_add(struct diag_list *d, enum sriov_severity sev, unsigned int line,
	      unsigned int column, const char *key, const char *fmt, ...)
{
	struct sriov_diag *e;
	char *msg = NULL, *key_copy = NULL;
	va_list ap;
	int n;

	if (sev == SRIOV_SEVERITY_ERROR)
		d->errors++;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct sriov_diag *v = realloc(d->v, cap * sizeof(*v));

		if (!v)
			goto oom;
		d->v = v;
		d->cap = cap;
	}
	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		goto oom;
	if (key && !(key_copy = strdup(key))) {
		free(msg);
		goto oom;
	}
	e = &d->v[d->n++];
	*e = (struct sriov_diag){ .file = d->file, .line = line, .column = column,
				  .key = key_copy, .severity = sev, .message = msg };
	return;
oom:
	d->out_of_memory = true;
}

char *diag_quote(const char *text, char *buf, size_t len)
{
	/* Long enough to show a MAC or a device name, short enough for a line. */
	const size_t max_chars = 48;
	size_t o = 0, i;

	for (i = 0; text[i] && i < max_chars && o + 5 < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(buf + o, len - o, "\\x%02X", c);
		else
			buf[o++] = (char)c;
	}
	if (text[i] && o + 4 < len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o < len ? o : len - 1] = '\0';
	return buf;
}

int sriov_diag_format(const struct sriov_diag *d, char *buf, size_t len)
{
	const char *sev = d->severity == SRIOV_SEVERITY_WARNING ? "warning: " : "";

	if (d->line == 0)
		return snprintf(buf, len, "%s: %s%s", d->file, sev, d->message);
	return snprintf(buf, len, "%s:%u:%u: %s%s", d->file, d->line, d->column, sev, d->message);
}
