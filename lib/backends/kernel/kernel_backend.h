/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel PF backend: a PF bound to its Linux driver (igb, ixgbe, i40e,
 * ice, mlx5_core, bnxt_en, ...), configured through sysfs and rtnetlink.
 * sriovctl uses the two helpers below; everything else goes through the
 * standard ops.
 */
#ifndef SRIOV_KERNEL_BACKEND_H
#define SRIOV_KERNEL_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include <sriov/backend.h>

extern const struct sriov_backend sriov_backend_kernel;
extern const struct sriov_backend_ops sriov_kernel_backend_ops;

/* The PF driver of an open kernel PF ("igb"). */
const char *sriov_kernel_pf_driver(void *handle);
/* What that driver is known to refuse for key @name, as one phrase
 * ("refuses: Operation not supported (no VF link-state control)"), or NULL. */
const char *sriov_kernel_known_refusal(const char *driver, const char *name, char *buf,
				       size_t len);
/* Whether the per-driver table covers @driver (else nothing is marked). */
bool sriov_kernel_driver_known(const char *driver);
/* Things the last apply did that a person should know (a VF driver
 * re-probed so a new MAC takes effect); valid until the next apply. */
size_t sriov_kernel_note_count(void *handle);
const char *sriov_kernel_note(void *handle, size_t i);

#endif
