/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What sriovd needs from a PF backend beyond include/sriov/backend.h, as an
 * adapter table looked up by backend name. A backend that offers none of it
 * still boots, applies and reloads; what is missing is reported, not faked.
 * Each op is optional (NULL) and returns 0 or a negative errno.
 */
#ifndef SRIOVD_BACKEND_EXT_H
#define SRIOVD_BACKEND_EXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sriov/backend.h>

/* The per-VF status types (struct sriov_vf_status, SRIOV_STAT_*) and the
 * optional ops these mirror are in <sriov/backend.h>; sriovd.c fills an
 * extension from a backend's own ops, and tests bring fakes. */

struct sriovd_backend_ext {
	const char *backend;   /* sriov_backend.name this extends */
	/* ops->open_ex: opens with the daemon's fd store, and with a->adopt
	 * takes over a running PF (no PF reset, no VF reset, VFs keep their
	 * queues and sessions) from the values last applied. */
	int (*open_ex)(const char *device, const struct sriov_open_args *a, void **handle,
		       struct sriov_error *err);
	/* Lets go of the PF but leaves it and its VFs running (no VF disable,
	 * no PF shutdown), for a later adopt(); sriovd's stop uses it instead
	 * of ops->close when present. */
	void (*detach)(void *handle);
	/* Tells the PF the vfio VF token (a UUID string) VF users must give. */
	int (*set_vf_token)(void *handle, const char *vf_token, struct sriov_error *err);
	/* Answers pending VF mailbox messages without blocking, at most
	 * @budget of them; returns how many were served or a negative errno. */
	int (*service)(void *handle, unsigned int budget, struct sriov_error *err);
	/* An fd that polls readable when service() has work, or -1. */
	int (*event_fd)(void *handle);
	/* Status and counters of VF @vf. */
	int (*vf_status)(void *handle, uint16_t vf, struct sriov_vf_status *st);
	/* ops->status_pass: around the vf_status calls of one report
	 * (sriovd_status_pass() in daemon.h calls it). */
	int (*status_pass)(void *handle, bool begin);
	/* Resets one VF (VPGEN_VFRTRIG) and restores its configuration. */
	int (*reset_vf)(void *handle, uint16_t vf, struct sriov_error *err);
	/* "0000:05:02.0" of VF @vf; when NULL sriovd reads sysfs virtfnN. */
	int (*vf_pci_address)(void *handle, uint16_t vf, char *buf, size_t len);
	/* Opcode name for metrics labels ("VIRTCHNL_OP_ADD_ETH_ADDR"), or NULL. */
	const char *(*opcode_name)(unsigned int opcode);
};

/* The extensions a daemon knows, an explicit object like the registry. */
struct sriovd_ext_table {
	const struct sriovd_backend_ext *const *ext;
	size_t n;
};

/* An extension with the optional ops of @be (NULL members stay NULL). */
void sriovd_ext_from_ops(const struct sriov_backend *be, struct sriovd_backend_ext *out);

/* The extension for backend @name, or NULL. */
const struct sriovd_backend_ext *sriovd_ext_find(const struct sriovd_ext_table *t,
						 const char *name);

#endif /* SRIOVD_BACKEND_EXT_H */
