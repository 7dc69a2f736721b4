/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Binding a VF to a driver the way linux-ecosystem.md §1.1 recommends:
 * driver_override, unbind, /sys/bus/pci/drivers_probe; never new_id (it is
 * global per vendor:device). An override is cleared by writing "\n".
 */
#ifndef KERNEL_BIND_H
#define KERNEL_BIND_H

#include <sriov/plan.h>

#include "kernel_pf.h"

/* How long a probe may take before we call it failed (igbvf: 1-3 s under TCG);
 * each call takes its bound so tests can use a short one. */
#define KERNEL_BIND_TIMEOUT_MS 30000

/* Binds VF @vf to @driver ("" = leave it unbound, override cleared). On
 * failure the VF's previous override and driver are put back. */
int kernel_bind_vf(const struct kernel_sysfs *fs, const struct kernel_pf *pf, unsigned int vf,
		   const char *driver, unsigned int timeout_ms, struct sriov_error *err);
/* Takes VF @vf off @driver if bound to it: unbind, clear the override, and
 * probe again so the default driver (if autoprobe allows) takes it. */
int kernel_unbind_from(const struct kernel_sysfs *fs, const struct kernel_pf *pf, unsigned int vf,
		       const char *driver, unsigned int timeout_ms, struct sriov_error *err);
/* Unbinds and probes VF @vf again (same driver): a new admin MAC reaches
 * the VF's netdev only then (kernel-vm.md). *reprobed: whether it was bound. */
int kernel_reprobe_vf(const struct kernel_sysfs *fs, const struct kernel_pf *pf, unsigned int vf,
		      bool *reprobed, char *driver, size_t driver_len, unsigned int timeout_ms,
		      struct sriov_error *err);
/* Waits until the PF's operstate is "up": true, or false after @timeout_ms. */
bool kernel_wait_link_up(const struct kernel_sysfs *fs, const struct kernel_pf *pf,
			 unsigned int timeout_ms);
/* Waits until <pf>/virtfn0..n-1 exist and virtfn<n> does not. */
int kernel_wait_vfs(const struct kernel_pf *pf, unsigned int n, unsigned int timeout_ms);

#endif
