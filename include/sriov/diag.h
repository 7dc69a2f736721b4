/* SPDX-License-Identifier: BSD-2-Clause */
/* Diagnostics: what a person needs to fix a configuration file. */
#ifndef SRIOV_DIAG_H
#define SRIOV_DIAG_H

#include <stddef.h>

enum sriov_severity {
	SRIOV_SEVERITY_ERROR,
	SRIOV_SEVERITY_WARNING,
};

struct sriov_diag {
	const char *file;      /* the file name given to the loader */
	unsigned int line;     /* 1-based; 0 when the problem has no position */
	unsigned int column;   /* 1-based, in characters */
	const char *key;       /* section or key concerned, or NULL */
	enum sriov_severity severity;
	const char *message;
};

/* Formats "file:line:column: message" (or "file: message" without a
 * position, "warning: " inserted for warnings). Returns snprintf's count. */
int sriov_diag_format(const struct sriov_diag *d, char *buf, size_t len);

#endif /* SRIOV_DIAG_H */
