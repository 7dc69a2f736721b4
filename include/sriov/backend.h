/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PF backends and their registry. Today a backend only publishes its schema
 * under a driver name; probe/plan/apply hooks join this struct as the
 * backends land. A registry is an explicit object: no global list.
 */
#ifndef SRIOV_BACKEND_H
#define SRIOV_BACKEND_H

#include <stddef.h>

#include <sriov/schema.h>

struct sriov_backend {
	const char *name;                        /* "x710": what --driver takes */
	const char *description;
	const struct sriov_driver_schema *schema;
};

struct sriov_registry;

struct sriov_registry *sriov_registry_new(void);
void sriov_registry_free(struct sriov_registry *reg);
/* Adds a backend after checking its schema: 0, -EEXIST, -EINVAL, -ENOMEM. */
int sriov_registry_add(struct sriov_registry *reg, const struct sriov_backend *be);
/* Adds every backend built into libsriov. */
int sriov_registry_add_builtin(struct sriov_registry *reg);
/* Case-insensitive lookup by name; NULL when unknown. */
const struct sriov_backend *sriov_registry_find(const struct sriov_registry *reg,
						const char *name);
size_t sriov_registry_count(const struct sriov_registry *reg);
const struct sriov_backend *sriov_registry_at(const struct sriov_registry *reg, size_t i);

#endif /* SRIOV_BACKEND_H */
