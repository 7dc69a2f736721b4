/* SPDX-License-Identifier: BSD-2-Clause */
/* Random (version 4) UUIDs: the vfio VF token and lease ids. */
#ifndef SRIOVD_UUID_H
#define SRIOVD_UUID_H

#include <stdbool.h>
#include <stddef.h>

/* Writes 36 characters and a NUL into @buf (at least 37 bytes). */
int sriovd_uuid_random(char *buf, size_t len);
/* True when @s is the 8-4-4-4-12 lower- or upper-case hex form. */
bool sriovd_uuid_valid(const char *s);

#endif
