/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `x710-sim stats`: the model's per-port, per-VSI and drop-by-reason
 * counters as key=value lines (what scripts parse), one JSON object, or
 * aligned tables for a terminal (the reply of the control socket).
 */
#ifndef MODEL_STATS_H
#define MODEL_STATS_H

#include <stdbool.h>
#include <stddef.h>

struct x710sim;

enum model_stats_form {
	MODEL_STATS_LINES,
	MODEL_STATS_JSON,
	MODEL_STATS_TABLE,
};

/* Format into `out` (always NUL-terminated); returns the length wanted,
 * so a result >= len means the output was cut. */
size_t model_stats_format(const struct x710sim *sim, enum model_stats_form form, char *out,
			  size_t len);

#endif /* MODEL_STATS_H */
