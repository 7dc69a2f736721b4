/* SPDX-License-Identifier: BSD-2-Clause */
/* "did you mean ...?" for misspelt keys and section names. */
#ifndef SRIOV_SUGGEST_H
#define SRIOV_SUGGEST_H

#include <stddef.h>

/* The candidate closest to @word by edit distance (case-insensitive, a swap
 * of two neighbours counts once), or NULL when none is close enough. */
const char *suggest_closest(const char *word, const char *const *candidates, size_t n);

#endif
