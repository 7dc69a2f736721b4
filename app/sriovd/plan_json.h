/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The plans of one load as the API shows them (doc/api.md, "Plan and
 * apply"): per PF its changes, whether they are disruptive and the
 * backend's line about the device.
 */
#ifndef SRIOVD_PLAN_JSON_H
#define SRIOVD_PLAN_JSON_H

#include <jansson.h>

#include "reconcile.h"

/* {"pfs": [...], "changes": N, "disruptive": bool}; call before apply. */
json_t *sriovd_desired_json(const struct sriovd *d, const struct sriovd_desired *des);
/* The backend's one line about the PF ("0000:01:00.0: Intel X710 ..."), or
 * NULL when it has none. */
json_t *sriovd_describe_json(const struct sriov_backend *be, void *handle);

#endif
