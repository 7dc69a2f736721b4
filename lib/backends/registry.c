/* SPDX-License-Identifier: BSD-2-Clause */
/* A caller-owned list of PF backends, looked up by driver name. */
#include <errno.h>
#include <stdlib.h>
#include <strings.h>

#include <sriov/backend.h>

#include "x710/x710_backend.h"
#if SRIOV_KERNEL_BACKEND
#include "kernel/kernel_backend.h"
#endif

/*
 * Backends compiled into libsriov (read-only data, not mutable state), in
 * the order a device is offered to them: a PF bound to its kernel driver
 * goes to the kernel backend; our userspace X710 (vfio-pci, uio) is refused
 * there and goes to x710.
 */
static const struct sriov_backend *const builtin_backends[] = {
#if SRIOV_KERNEL_BACKEND
	&sriov_backend_kernel,
#endif
	&sriov_backend_x710,
};

struct sriov_registry {
	const struct sriov_backend **v;
	size_t n, cap;
};

struct sriov_registry *sriov_registry_new(void)
{
	return calloc(1, sizeof(struct sriov_registry));
}

void sriov_registry_free(struct sriov_registry *reg)
{
	if (!reg)
		return;
	free(reg->v);
	free(reg);
}

int sriov_registry_add(struct sriov_registry *reg, const struct sriov_backend *be)
{
	char why[160];

	if (!be || !be->name || !be->schema)
		return -EINVAL;
	if (sriov_registry_find(reg, be->name))
		return -EEXIST;
	if (sriov_driver_schema_check(be->schema, why, sizeof(why)))
		return -EINVAL;
	if (reg->n == reg->cap) {
		size_t cap = reg->cap ? reg->cap * 2 : 4;
		const struct sriov_backend **v = realloc(reg->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		reg->v = v;
		reg->cap = cap;
	}
	reg->v[reg->n++] = be;
	return 0;
}

int sriov_registry_add_builtin(struct sriov_registry *reg)
{
	for (size_t i = 0; i < sizeof(builtin_backends) / sizeof(builtin_backends[0]); i++) {
		int rc = sriov_registry_add(reg, builtin_backends[i]);

		if (rc && rc != -EEXIST)
			return rc;
	}
	return 0;
}

const struct sriov_backend *sriov_registry_find(const struct sriov_registry *reg,
						const char *name)
{
	for (size_t i = 0; i < reg->n; i++)
		if (strcasecmp(reg->v[i]->name, name) == 0)
			return reg->v[i];
	return NULL;
}

size_t sriov_registry_count(const struct sriov_registry *reg)
{
	return reg->n;
}

const struct sriov_backend *sriov_registry_at(const struct sriov_registry *reg, size_t i)
{
	return i < reg->n ? reg->v[i] : NULL;
}
