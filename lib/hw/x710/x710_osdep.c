/* SPDX-License-Identifier: BSD-2-Clause */
/* Helpers over the osdep ops that need more than one call. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "x710_osdep.h"

#define X710_LOG_LINE 256

void x710_log(const struct x710_osdep *os, enum x710_log_level level, const char *fmt, ...)
{
	char line[X710_LOG_LINE];
	va_list ap;

	if (os->ops->log == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	os->ops->log(os->ctx, level, line);
}

int x710_poll_reg(const struct x710_osdep *os, uint32_t off, uint32_t mask, uint32_t want,
		  unsigned int step_us, unsigned int tries, uint32_t *last)
{
	uint32_t v = x710_rd32(os, off);

	for (unsigned int i = 0; (v & mask) != want; i++) {
		if (i >= tries) {
			if (last != NULL)
				*last = v;
			return -ETIMEDOUT;
		}
		x710_delay_us(os, step_us);
		v = x710_rd32(os, off);
	}
	if (last != NULL)
		*last = v;
	return 0;
}
