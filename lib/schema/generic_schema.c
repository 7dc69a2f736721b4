/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The generic (IOV) half of every schema, as FreeBSD's pci_iov.c builds it
 * (spec freebsd-iovctl.md §1.2-1.3): PF device and num_vfs, VF passthrough.
 */
#include "generic_schema.h"

static const struct sriov_param generic_pf[] = {
	{ .name = "num_vfs", .type = SRIOV_TYPE_UINT16, .presence = SRIOV_PARAM_REQUIRED,
	  .min = 1, .max = UINT16_MAX,
	  .help = "number of VFs to create (at least 1)" },
	{ .name = "device", .type = SRIOV_TYPE_STRING, .presence = SRIOV_PARAM_REQUIRED,
	  .help = "the PF: PCI address (0000:05:00.0), interface name or ixl0-style name" },
};

static const struct sriov_param generic_vf[] = {
	{ .name = "passthrough", .type = SRIOV_TYPE_BOOL, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.b = false,
	  .help = "reserve the VF for a VM (vfio-pci / ppt) instead of a host driver" },
};

const struct sriov_param_table sriov_generic_schema[SRIOV_SECTION_COUNT] = {
	[SRIOV_SECTION_PF] = { generic_pf, sizeof(generic_pf) / sizeof(generic_pf[0]) },
	[SRIOV_SECTION_VF] = { generic_vf, sizeof(generic_vf) / sizeof(generic_vf[0]) },
};
