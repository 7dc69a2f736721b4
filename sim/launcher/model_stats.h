/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `x710-sim stats`: the model's per-port, per-VSI and drop-by-reason
 * counters as text or one JSON object (the reply of the control socket).
 */
#ifndef MODEL_STATS_H
#define MODEL_STATS_H

#include <stdbool.h>
#include <stddef.h>

struct x710sim;

/* Format into `out` (always NUL-terminated); returns the length wanted,
 * so a result >= len means the output was cut. */
size_t model_stats_format(const struct x710sim *sim, bool json, char *out, size_t len);

#endif /* MODEL_STATS_H */
