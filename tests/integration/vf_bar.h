/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A VF's BAR0 for test tools under `x710-sim exec`: the simulator's tree
 * ($SYSFS_PCI_DEVICES) gives every function a resource0 file that maps
 * its registers, as sysfs does for a real device.
 */
#ifndef VF_BAR_H
#define VF_BAR_H

#include <stddef.h>
#include <stdint.h>

struct vf_bar {
	volatile uint8_t *regs;
	size_t len;
};

/* Map DIR/BDF/resource0 read-write; it must hold at least @min_len bytes
 * (the registers the caller touches). 0, or -errno with a sentence in @why. */
int vf_bar_map(const char *dir, const char *bdf, size_t min_len, struct vf_bar *bar,
	       char *why, size_t why_len);
void vf_bar_unmap(struct vf_bar *bar);

#endif /* VF_BAR_H */
