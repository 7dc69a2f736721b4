/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Typed values <-> JSON, strictly: bool is true/false, uints are JSON
 * integers within the parameter's range, MACs and enum values strings,
 * a VLAN an integer 0..4094 or "trunk". Used by the API and the state file.
 */
#ifndef SRIOVD_SCALAR_JSON_H
#define SRIOVD_SCALAR_JSON_H

#include <jansson.h>
#include <stddef.h>

#include <sriov/schema.h>

/* A new JSON value for @v of parameter @p, or NULL on ENOMEM. */
json_t *sriovd_scalar_to_json(const struct sriov_param *p, const union sriov_scalar *v);
/* Checks @j against @p and stores it in @out (strings point into @j).
 * 0 or -EINVAL with a reason naming the expected type in @why. */
int sriovd_scalar_from_json(const struct sriov_param *p, const json_t *j, union sriov_scalar *out,
			    char *why, size_t why_len);
/* The JSON type name a parameter takes ("boolean", "integer 1..16", ...). */
void sriovd_scalar_json_type(const struct sriov_param *p, char *buf, size_t len);

#endif
