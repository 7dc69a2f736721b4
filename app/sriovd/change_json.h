/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One planned change as JSON: {text, section, vf, key, old, new, mode, why}
 * (doc/api.md, "Plan and apply"). sriovd's plans and sriovctl -n -j share it.
 */
#ifndef SRIOVD_CHANGE_JSON_H
#define SRIOVD_CHANGE_JSON_H

#include <jansson.h>

#include <sriov/plan.h>

json_t *sriovd_change_json(const struct sriov_change *ch);

#endif
