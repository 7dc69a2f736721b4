/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

void sriovd_report_init(struct sriovd_report *r)
{
	memset(r, 0, sizeof(*r));
}

void sriovd_report_fini(struct sriovd_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->item[i].where);
		free(r->item[i].message);
	}
	free(r->item);
	sriovd_report_init(r);
}

void sriovd_report_add(struct sriovd_report *r, const char *where, const char *fmt, ...)
{
	struct sriovd_report_item *items;
	char *msg = NULL, *w;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&msg, fmt, ap);
	va_end(ap);
	w = strdup(where ? where : "");
	items = rc < 0 || !w ? NULL : realloc(r->item, (r->n + 1) * sizeof(*items));
	if (!items) {
		if (rc >= 0)
			free(msg);
		free(w);
		r->oom = 1;
		return;
	}
	r->item = items;
	r->item[r->n].where = w;
	r->item[r->n].message = msg;
	r->n++;
}
