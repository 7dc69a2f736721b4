/* SPDX-License-Identifier: BSD-2-Clause */
/* The state behind struct sriov_conf, shared by loading and resolving. */
#ifndef SRIOV_CONF_INTERNAL_H
#define SRIOV_CONF_INTERNAL_H

#include <stdbool.h>

#include <sriov/config.h>

#include "diag_list.h"
#include "ucl_parser.h"

struct sriov_conf {
	struct diag_list diags;
	struct ucl_node *root;         /* NULL until a load succeeded */
	size_t n_syntax_diags;         /* diagnostics of the load itself */
	bool resolved_ok;
	struct sriov_resolved resolved;
	struct sriov_value *pf_values;
	struct sriov_value *vf_values;
};

/* Forgets the last resolution and its diagnostics. */
void conf_reset_resolution(struct sriov_conf *conf);
/* The first top-level section named @name (case-insensitive), or NULL. */
const struct ucl_node *conf_find_section(const struct sriov_conf *conf, const char *name);

#endif
