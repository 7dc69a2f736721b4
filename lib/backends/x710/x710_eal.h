/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The X710 PF through DPDK's EAL and PCI bus: one EAL per process, shared
 * by every PF handle. The first open initialises it with only that PF
 * allowed; later PFs are attached by hotplug and detached at close, so a
 * process drives several PFs and may close and reopen one. A PCI driver
 * for the PFs' device IDs (RTE_PCI_DRV_NEED_MAPPING) makes the bus map
 * BAR0 through whatever the PF is bound to (vfio-pci, uio, the simulator's
 * fake uio), and DMA memory comes from IOVA-contiguous memzones. It
 * implements the hardware layer's osdep ops (x710_osdep.h).
 * Not thread-safe: open and close from one thread (EAL is process-global).
 */
#ifndef X710_EAL_H
#define X710_EAL_H

#include <sriov/backend.h>
#include <sriov/plan.h>

#include "x710_osdep.h"
#include "x710_pci_find.h"

struct x710_eal;

/* Attaches @pf (bringing EAL up on the first open) and maps its BAR0;
 * -EBUSY when this process has it open already. @verbose: EAL's notices too
 * (only the first open sets EAL's log level).
 * @fds (may be NULL, borrowed): where kept DMA blocks (the HMC) outlive us. */
int x710_eal_open(const struct x710_pci_pf *pf, bool verbose, const struct sriov_fd_store *fds,
		  struct x710_eal **out, struct sriov_error *err);
/* Detaches the PF from DPDK's bus (it can be opened again); kept blocks
 * not freed are unmapped but stay in the fd store. EAL stays up until the
 * process exits, then is cleaned up if every handle was closed. */
void x710_eal_close(struct x710_eal *eal);
/* The osdep the hardware layer runs on. */
struct x710_osdep x710_eal_osdep(struct x710_eal *eal);

#endif
