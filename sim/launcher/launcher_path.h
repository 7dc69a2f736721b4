/* SPDX-License-Identifier: BSD-2-Clause */
/* Checked path formatting for the launcher: a path is never silently cut. */
#ifndef LAUNCHER_PATH_H
#define LAUNCHER_PATH_H

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>

/* Format into a PATH_MAX buffer: 0, or -ENAMETOOLONG. */
static inline int __attribute__((format(printf, 2, 3)))
pathf(char out[PATH_MAX], const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out, PATH_MAX, fmt, ap);
	va_end(ap);
	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

#endif /* LAUNCHER_PATH_H */
