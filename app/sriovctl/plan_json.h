/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A plan as JSON, in the shape of one PF entry of sriovd's POST /v1/plan
 * answer (doc/api.md): what -n -j prints, alone or through sriovd, and
 * what sriovctl prints as text when sriovd made the plan.
 */
#ifndef SRIOVCTL_PLAN_JSON_H
#define SRIOVCTL_PLAN_JSON_H

#include <stdio.h>

#include <jansson.h>

#include <sriov/plan.h>

/* {device, file, backend, description?, disruptive, changes: [...]}; NULL on ENOMEM. */
json_t *plan_json_build(const struct sriov_plan *plan, const char *device, const char *file,
			const char *backend, const char *description);

/* Prints a PF plan object as print_plan() prints a plan; the device is
 * its description when it has one (as sriovctl alone shows it). */
void plan_json_print(FILE *out, const json_t *pf_plan);

/* The name print_plan() would use for that PF. */
const char *plan_json_device_text(const json_t *pf_plan);

/* Prints @j indented, keys sorted, and a newline; 0 or 1 (the exit status). */
int json_print(FILE *out, const json_t *j);

#endif
