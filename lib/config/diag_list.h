/* SPDX-License-Identifier: BSD-2-Clause */
/* The growing list of diagnostics one configuration load produces. */
#ifndef SRIOV_DIAG_LIST_H
#define SRIOV_DIAG_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include <sriov/diag.h>

struct diag_list {
	struct sriov_diag *v;
	size_t n, cap;
	size_t errors;
	char *file;          /* shared by every entry */
	bool out_of_memory;  /* an entry was lost: report -ENOMEM */
};

/* Drops every entry and sets the file name they will carry. */
int diag_list_reset(struct diag_list *d, const char *file);
void diag_list_fini(struct diag_list *d);
/* Drops the entries after the first @n (a later pass re-adds its own). */
void diag_list_truncate(struct diag_list *d, size_t n);

__attribute__((format(printf, 6, 7)))
void diag_add(struct diag_list *d, enum sriov_severity sev, unsigned int line,
	      unsigned int column, const char *key, const char *fmt, ...);

#define diag_error(d, line, col, key, ...) \
	diag_add((d), SRIOV_SEVERITY_ERROR, (line), (col), (key), __VA_ARGS__)

/* Copies at most @max characters of @text into @buf for a message: control
 * bytes become \xNN and a cut is marked with "...". Returns @buf. */
char *diag_quote(const char *text, char *buf, size_t len);
/* Room diag_quote() needs for its longest result. */
#define DIAG_QUOTE_LEN 80

#endif
