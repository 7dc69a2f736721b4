/* SPDX-License-Identifier: BSD-2-Clause */
/* sriovctl's output: the -S schema listing, the -n resolved dump, plans. */
#ifndef SRIOVCTL_PRINT_H
#define SRIOVCTL_PRINT_H

#include <stdio.h>

#include <sriov/config.h>
#include <sriov/plan.h>
#include <sriov/schema.h>

/* iovctl -S layout (spec freebsd-iovctl.md §1.6). */
void print_schema(FILE *out, const struct sriov_schema *schema);
/* Every PF and VF value, where it came from, after iovctl's sentence. */
void print_resolved(FILE *out, const struct sriov_resolved *r, const char *file);
/* Each change of @plan, numbered, marked live or disruptive. */
void print_plan(FILE *out, const struct sriov_plan *plan, const char *device);
/* Every diagnostic as "file:line:column: message" on @out. */
void print_diags(FILE *out, const struct sriov_conf *conf);

#endif
