/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Finding an X710 PF by the names sriovctl accepts (PCI address, interface
 * name, ixl0-style unit) in a sysfs PCI device directory: the real
 * /sys/bus/pci/devices, or the fake tree SYSFS_PCI_DEVICES points at under
 * x710-sim (the variable DPDK's PCI bus reads too, sim-harness.md).
 */
#ifndef X710_PCI_FIND_H
#define X710_PCI_FIND_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include <sriov/plan.h>

#define X710_PCI_VENDOR_INTEL 0x8086
#define X710_BDF_LEN 16   /* "0000:01:00.0" and its NUL */

struct x710_pci_pf {
	char bdf[X710_BDF_LEN];
	char dir[PATH_MAX];        /* <pci root>/<bdf> */
	uint16_t device_id;
	const char *model;         /* "X710 10GbE SFP+" */
};

/* $SYSFS_PCI_DEVICES when set (x710-sim exec sets it), else /sys/bus/pci/devices. */
const char *x710_pci_root(void);
/* The model name of an X710-family PF device ID, or NULL when it is not one. */
const char *x710_pci_pf_model(uint16_t device_id);

/*
 * Resolves @name under @pci_root (@net_root: where interface names live,
 * normally /sys/class/net). "ixlN" is the N-th X710 PF in PCI address order,
 * as FreeBSD numbers them. 0; -ENODEV (no such device), -ENOTSUP (not an
 * X710 PF) or -EINVAL (bad name), with @err saying what was looked at.
 */
int x710_pci_find(const char *pci_root, const char *net_root, const char *name,
		  struct x710_pci_pf *out, struct sriov_error *err);

/* Reads a small decimal or 0x-hex sysfs attribute of @dir. */
int x710_sysfs_read_u32(const char *dir, const char *attr, uint32_t *out);
/* Writes "N\n" to <dir>/sriov_numvfs (nothing when it already says N).
 * -EBUSY for N over M VFs, as Linux: write 0 and wait for the VFs to go
 * first (x710-sim acts after the write, so "0" then "N" back to back
 * would be seen as "N" alone). */
int x710_sysfs_set_numvfs(const char *dir, unsigned int n);

/* Where the VF links disagree with "exactly n VFs". */
struct x710_vfs_mismatch {
	int virtfn;        /* the first virtfnK that disagrees */
	bool missing;      /* it should exist and does not (else: still there) */
};

/* Waits until exactly <dir>/virtfn0..n-1 of virtfn0..total-1 exist: Linux
 * makes and removes them within the sriov_numvfs write, x710-sim one by
 * one after it, so every link is looked at. 0, or -ETIMEDOUT after
 * @timeout_ms with @why (may be NULL) naming a link that disagrees. */
int x710_sysfs_wait_vfs(const char *dir, unsigned int n, unsigned int total,
			unsigned int timeout_ms, struct x710_vfs_mismatch *why);

#endif
