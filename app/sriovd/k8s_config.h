/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The sriov-network-device-plugin config.json (linux-ecosystem.md §3.1,
 * §3.4): one resourceList entry per pool with rootDevices ["<pf>#a-b"],
 * the VF driver and the vfio VF token in additionalInfo.
 */
#ifndef SRIOVD_K8S_CONFIG_H
#define SRIOVD_K8S_CONFIG_H

#include <jansson.h>
#include <stdbool.h>

#include "daemon.h"

/* The document for d's pools, or NULL on ENOMEM. */
json_t *sriovd_k8s_config_json(const struct sriovd *d);
/* Rewrites opt.k8s_config when its content changes (atomic rename);
 * nothing when the option is "". *changed says whether it was written. */
int sriovd_k8s_config_write(const struct sriovd *d, bool *changed);

#endif
