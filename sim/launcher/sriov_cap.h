/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SR-IOV extended capability in a function's config space, as the
 * launcher and its tests read it (VF routing IDs). Config space is shared
 * with clients, who may write anything: every read is bounds-checked.
 */
#ifndef SRIOV_CAP_H
#define SRIOV_CAP_H

#include <stddef.h>
#include <stdint.h>

/* PCIe base spec 9.3.3; offsets as in Linux include/uapi/linux/pci_regs.h. */
#define PCI_EXT_CAP_START          0x100
#define PCI_EXT_CAP_ID_SRIOV       0x0010
#define SRIOV_CTRL                 0x08
#define SRIOV_CTRL_VFE             (1u << 0)   /* VF Enable */
#define SRIOV_CTRL_MSE             (1u << 3)   /* VF Memory Space Enable */
#define SRIOV_TOTAL_VF             0x0E
#define SRIOV_NUM_VF               0x10
#define SRIOV_VF_OFFSET            0x14
#define SRIOV_VF_STRIDE            0x16
#define SRIOV_VF_DID               0x1A

struct sriov_cap_info {
	unsigned int pos;          /* offset of the capability header */
	uint16_t total_vfs, num_vfs, first_vf_offset, vf_stride, vf_device;
	uint16_t ctrl;
};

/* Find and decode the capability: 0, -ENOENT, or -EINVAL on a broken chain. */
int sriov_cap_read(const uint8_t *config, size_t size, struct sriov_cap_info *out);

/* Routing ID of VF `vf` of a PF with routing ID `pf_rid`: -ERANGE past 0xFFFF. */
int sriov_vf_rid(const struct sriov_cap_info *cap, unsigned int pf_rid,
		 unsigned int vf, unsigned int *rid);

#endif /* SRIOV_CAP_H */
