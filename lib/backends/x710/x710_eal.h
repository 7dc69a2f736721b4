/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The X710 PF through DPDK's EAL and PCI bus: EAL is initialised in
 * process with only this PF allowed, a PCI driver for the PF's device ID
 * (RTE_PCI_DRV_NEED_MAPPING) makes the bus map BAR0 through whatever the
 * PF is bound to (vfio-pci, uio, the simulator's fake uio), and DMA memory
 * comes from IOVA-contiguous memzones. It implements the hardware layer's
 * osdep ops (x710_osdep.h). EAL can be initialised once per process.
 */
#ifndef X710_EAL_H
#define X710_EAL_H

#include <sriov/backend.h>
#include <sriov/plan.h>

#include "x710_osdep.h"
#include "x710_pci_find.h"

struct x710_eal;

/* Brings EAL up for @pf and maps its BAR0. @verbose: EAL's own notices too.
 * @fds (may be NULL, borrowed): where kept DMA blocks (the HMC) outlive us. */
int x710_eal_open(const struct x710_pci_pf *pf, bool verbose, const struct sriov_fd_store *fds,
		  struct x710_eal **out, struct sriov_error *err);
/* Releases the memzones left and the EAL (the process cannot re-open it);
 * kept blocks not freed are unmapped but stay in the fd store. */
void x710_eal_close(struct x710_eal *eal);
/* The osdep the hardware layer runs on. */
struct x710_osdep x710_eal_osdep(struct x710_eal *eal);

#endif
