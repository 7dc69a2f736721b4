/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /metrics: Prometheus text exposition format 0.0.4 with the names of
 * spec linux-ecosystem.md §5.3 (labels pf, vf, vf_pci). Counters the
 * backend cannot read are left out rather than reported as 0.
 */
#ifndef SRIOVD_METRICS_H
#define SRIOVD_METRICS_H

#include <stddef.h>

#include "daemon.h"

#define SRIOVD_METRICS_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

/* A malloc'ed exposition in *text (*len bytes). 0 or -ENOMEM. */
int sriovd_metrics_render(const struct sriovd *d, char **text, size_t *len);

#endif
