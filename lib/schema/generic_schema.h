/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SRIOV_GENERIC_SCHEMA_H
#define SRIOV_GENERIC_SCHEMA_H

#include <sriov/schema.h>

/* The parameters every PF and VF has, whatever the driver. */
extern const struct sriov_param_table sriov_generic_schema[SRIOV_SECTION_COUNT];

#endif
