/* SPDX-License-Identifier: BSD-2-Clause */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "uuid.h"

/* RFC 4122 §4.4: version 4 in the high nibble of byte 6, variant 10 in byte 8. */
#define UUID_VERSION_4 0x40
#define UUID_VARIANT_RFC4122 0x80

int sriovd_uuid_random(char *buf, size_t len)
{
	uint8_t b[16];

	if (len < 37)
		return -ENOSPC;
	if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b))
		return -EIO;
	b[6] = (uint8_t)((b[6] & 0x0f) | UUID_VERSION_4);
	b[8] = (uint8_t)((b[8] & 0x3f) | UUID_VARIANT_RFC4122);
	snprintf(buf, len,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
		 b[13], b[14], b[15]);
	return 0;
}

bool sriovd_uuid_valid(const char *s)
{
	static const size_t dash[] = { 8, 13, 18, 23 };
	size_t k = 0;

	if (!s || strlen(s) != 36)
		return false;
	for (size_t i = 0; i < 36; i++) {
		if (k < 4 && i == dash[k]) {
			if (s[i] != '-')
				return false;
			k++;
		} else if (!isxdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}
