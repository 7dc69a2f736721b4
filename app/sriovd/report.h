/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What went wrong, in lines a person can act on ("file:line:col: ..."),
 * collected so that boot, reload and the API can all show every error at
 * once rather than the first one.
 */
#ifndef SRIOVD_REPORT_H
#define SRIOVD_REPORT_H

#include <stddef.h>

struct sriovd_report_item {
	char *where;     /* "/etc/iov/a.conf:3:9", "0000:05:00.0 VF-2", ... */
	char *message;
};

struct sriovd_report {
	struct sriovd_report_item *item;
	size_t n;
	int oom;         /* an item could not be recorded */
};

void sriovd_report_init(struct sriovd_report *r);
void sriovd_report_fini(struct sriovd_report *r);
/* Records one problem; out of memory is remembered, not returned. */
void sriovd_report_add(struct sriovd_report *r, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* SRIOVD_REPORT_H */
