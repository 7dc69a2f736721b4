/* SPDX-License-Identifier: BSD-2-Clause */
/* sriovctl's output: the -S schema listing, the -n resolved dump, plans. */
#ifndef SRIOVCTL_PRINT_H
#define SRIOVCTL_PRINT_H

#include <stdio.h>

#include <sriov/config.h>
#include <sriov/plan.h>
#include <sriov/schema.h>

/* What to add after a key in -S, or NULL (e.g. what the PF driver refuses). */
typedef const char *(*print_key_note)(void *ctx, const struct sriov_param *p, char *buf,
				      size_t len);

/* iovctl -S layout (spec freebsd-iovctl.md §1.6); @note may be NULL. */
void print_schema(FILE *out, const struct sriov_schema *schema, print_key_note note, void *ctx);
/* Every PF and VF value, where it came from, after iovctl's sentence. */
void print_resolved(FILE *out, const struct sriov_resolved *r, const char *file);
/* Each change of @plan, numbered, marked live or disruptive. */
void print_plan(FILE *out, const struct sriov_plan *plan, const char *device);
/* The plan's first line, and change @i (0-based) as formatted text: also
 * used for a plan sriovd sent. */
void print_plan_head(FILE *out, const char *device, size_t n, size_t disruptive);
void print_plan_step(FILE *out, size_t i, const char *text);
/* Every diagnostic as "file:line:column: message" on @out. */
void print_diags(FILE *out, const struct sriov_conf *conf);

#endif
