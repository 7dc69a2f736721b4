/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Pools of VFs handed to applications (lib/client) and to Kubernetes
 * (k8s_config.h). Pools come from --pool, else one per PF named
 * "pf_<device>"; a lease marks a VF taken until released.
 */
#ifndef SRIOVD_POOL_H
#define SRIOVD_POOL_H

#include <stddef.h>
#include <sys/types.h>

#include "daemon.h"

/* The pools in force, VF ranges cut to the configured num_vfs; empty
 * pools are left out. Returns how many were written to @out. */
size_t sriovd_pools(const struct sriovd *d, struct sriovd_pool *out, size_t max);
/* Leases the first free VF of @pool for @uid. 0, -ENOENT (no such pool),
 * -EBUSY (every VF taken) or -ENOMEM. */
int sriovd_lease_claim(struct sriovd *d, const char *pool, uid_t uid, struct sriovd_lease *out);
/* Ends lease @id. Only its owner or root may. 0, -ENOENT or -EPERM. */
int sriovd_lease_release(struct sriovd *d, const char *id, uid_t uid);

#endif
