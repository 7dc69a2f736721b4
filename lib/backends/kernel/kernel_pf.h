/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A PF bound to a kernel network driver, found in sysfs by PCI address,
 * interface name or PF MAC, and what sysfs says about it and its VFs
 * (spec linux-ecosystem.md §1.1: sriov_totalvfs, sriov_numvfs,
 * sriov_offset/stride, sriov_vf_device, sriov_drivers_autoprobe, virtfnN).
 */
#ifndef KERNEL_PF_H
#define KERNEL_PF_H

#include <limits.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

#include <sriov/plan.h>

#include "kernel_sysfs.h"

#define KERNEL_BDF_LEN 16          /* "0000:01:00.0" and its NUL */
#define KERNEL_DRIVER_NAME_LEN 64  /* longer than any PCI driver name */

struct kernel_pf {
	char bdf[KERNEL_BDF_LEN];
	char dir[PATH_MAX];                 /* <root>/bus/pci/devices/<bdf> */
	char driver[KERNEL_DRIVER_NAME_LEN];
	char ifname[IF_NAMESIZE];
	uint32_t ifindex;
	uint16_t vendor, device, vf_device;
	uint32_t total_vfs, num_vfs, offset, stride;
	bool has_autoprobe;                 /* sriov_drivers_autoprobe exists (4.12+) */
	bool autoprobe;
};

/* What sysfs says about VF N. */
struct kernel_vf_sys {
	char bdf[KERNEL_BDF_LEN];
	char driver[KERNEL_DRIVER_NAME_LEN];    /* "" when unbound */
	char override[KERNEL_DRIVER_NAME_LEN];  /* "" when none ("(null)" in sysfs) */
	char netdev[IF_NAMESIZE];               /* "" when it has none */
};

/*
 * Finds the PF @name under @fs: 0; -ENODEV (no such device), -ENOTSUP (no
 * SR-IOV, not bound, or bound to a userspace driver such as vfio-pci), or
 * -EINVAL (bad name); @err says what was looked at.
 */
int kernel_pf_find(const struct kernel_sysfs *fs, const char *name, struct kernel_pf *pf,
		   struct sriov_error *err);
/* Re-reads the values that change (num_vfs, autoprobe, ifindex). */
int kernel_pf_refresh(const struct kernel_sysfs *fs, struct kernel_pf *pf,
		      struct sriov_error *err);
/* Reads VF @vf's address, driver, override and netdev. */
int kernel_pf_vf(const struct kernel_pf *pf, unsigned int vf, struct kernel_vf_sys *out,
		 struct sriov_error *err);
/* Whether the PF's link is up (operstate "up"): rates need it on igb. */
bool kernel_pf_link_up(const struct kernel_sysfs *fs, const struct kernel_pf *pf);
/* Whether the PF's interface is administratively up (IFF_UP in its flags). */
bool kernel_pf_admin_up(const struct kernel_pf *pf);
/* Parses "aa:bb:cc:dd:ee:ff": 0 or -EINVAL. */
int kernel_parse_mac(const char *s, uint8_t mac[6]);

#endif
