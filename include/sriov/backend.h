/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PF backends and their registry. A backend publishes its schema under a
 * driver name and, when it can reach devices, the ops below: open a PF by
 * name, read its live state, classify and apply one change at a time (the
 * backend-neutral planner and sriov_apply() in plan.h drive them), and,
 * for a userspace PF, serve the VFs' mailboxes. A registry is an explicit
 * object: no global list.
 */
#ifndef SRIOV_BACKEND_H
#define SRIOV_BACKEND_H

#include <signal.h>
#include <stddef.h>

#include <sriov/plan.h>
#include <sriov/schema.h>

/* open() flags. Without SRIOV_OPEN_APPLY a backend only looks (-n, -S). */
#define SRIOV_OPEN_APPLY   0x1u   /* the caller will apply: take the device */
#define SRIOV_OPEN_VERBOSE 0x2u   /* say what the layers below do */

/* Every op returns 0 or a negative errno and fills @err when not NULL. */
struct sriov_backend_ops {
	/* Finds the PF named @device (PCI address, interface, ixl0) and opens
	 * it: -ENODEV when no such PF, -ENOTSUP when it is not this backend's,
	 * -EBUSY when another process owns it. */
	int (*open)(const char *device, unsigned int flags, void **handle,
		    struct sriov_error *err);
	void (*close)(void *handle);
	/* Reads num_vfs and every per-VF value the backend can know. */
	int (*read_live)(void *handle, const struct sriov_schema *schema, struct sriov_live **out,
			 struct sriov_error *err);
	/* Live or disruptive (a sriov_change_mode), or -EOPNOTSUPP; NULL:
	 * num_vfs is disruptive, everything else live. */
	int (*change_mode)(const struct sriov_change *c);
	/* Applies one change. A failing call must leave that key as it was. */
	int (*apply_change)(void *handle, const struct sriov_change *c, struct sriov_error *err);
	/* After the last step (or after a rollback): make the result visible,
	 * e.g. mark VFs active. May be NULL. */
	int (*commit)(void *handle, struct sriov_error *err);
	/* One line about the device for people ("0000:01:00.0: X710 10GbE SFP+"). */
	int (*describe)(void *handle, char *buf, size_t len);
	/* Userspace PFs: serve the VFs until *stop is set. NULL: nothing to serve. */
	int (*serve)(void *handle, volatile sig_atomic_t *stop, struct sriov_error *err);
};

struct sriov_backend {
	const char *name;                        /* "x710": what --driver takes */
	const char *description;
	const struct sriov_driver_schema *schema;
	const struct sriov_backend_ops *ops;     /* NULL: schema only */
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
