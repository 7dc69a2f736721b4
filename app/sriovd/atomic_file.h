/* SPDX-License-Identifier: BSD-2-Clause */
/* Replace a file so that a reader sees the old or the new content, never half. */
#ifndef SRIOVD_ATOMIC_FILE_H
#define SRIOVD_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>

/* Writes @len bytes to "@path.tmp", fsyncs, renames over @path. When
 * @changed is not NULL and the file already holds exactly this content,
 * nothing is written and *changed is false. 0 or negative errno. */
int sriovd_atomic_write(const char *path, const char *data, size_t len, unsigned int mode,
			bool *changed);

#endif
