/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fake PCI tree in DIR that DPDK's PCI bus scans through
 * SYSFS_PCI_DEVICES (sim-harness.md "What works"):
 *
 *   DIR/devices/<bdf>/  vendor device subsystem_* class numa_node resource
 *                       config resource0 resource3 (hard links to regions/)
 *                       driver -> DIR/drivers/uio_pci_generic   uio/uioN/
 *                       PF: sriov_totalvfs sriov_numvfs virtfnN   VF: physfn
 *   DIR/regions/        the files behind config and BARs, mmapped by both sides
 *   DIR/class/uio/uioN  -> DIR/devices/<bdf>/uio/uioN (bound over /sys/class)
 *   DIR/dev/uioN        FIFO standing in for /dev/uioN (4-byte write = irq)
 *
 * A device directory is built under a temporary name and renamed into
 * place, so a scanning program never sees half of one.
 */
#ifndef PCI_TREE_H
#define PCI_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "x710sim/x710sim.h"

#define PCI_TREE_DEFAULT_DIR   "/run/x710-sim"
#define PCI_TREE_BDF_LEN       16       /* "0000:01:00.0" + NUL, rounded */
#define PCI_TREE_DRIVER        "uio_pci_generic"   /* the only basename DPDK maps */
/* One literal, so an array of paths does not look like a missing comma. */
#define PCI_TREE_DRIVER_DIR    ("drivers/" PCI_TREE_DRIVER)

struct pci_tree;

int pci_tree_create(const char *dir, unsigned int n_pfs, unsigned int vfs_per_pf,
		    struct pci_tree **out);
/* Unmaps everything and removes the files the tree created. */
void pci_tree_destroy(struct pci_tree *t);
const char *pci_tree_dir(const struct pci_tree *t);

/* x710sim_host_ops.region_alloc/free: file-backed shared memory. */
void *pci_tree_region_alloc(struct pci_tree *t, struct x710sim_fn fn,
			    enum x710sim_region region, size_t size);
void pci_tree_region_free(struct pci_tree *t, struct x710sim_fn fn,
			  enum x710sim_region region, void *mem, size_t size);

/* Make a function visible (its config and BAR0 must be allocated) or not. */
int pci_tree_publish(struct pci_tree *t, struct x710sim_fn fn);
int pci_tree_unpublish(struct pci_tree *t, struct x710sim_fn fn);

/* Raise the function's interrupt: one 4-byte count into its FIFO. */
int pci_tree_irq(struct pci_tree *t, struct x710sim_fn fn);
/* Empty every FIFO, so a new client does not read stale interrupts. */
void pci_tree_drain_irqs(struct pci_tree *t);

/* BDF of a published function, or -ENOENT. */
int pci_tree_bdf(const struct pci_tree *t, struct x710sim_fn fn, char bdf[PCI_TREE_BDF_LEN]);
unsigned int pci_tree_uio_num(const struct pci_tree *t, struct x710sim_fn fn);
/* Highest uio number this tree can ever use, plus one. */
unsigned int pci_tree_uio_count(const struct pci_tree *t);

/*
 * sriov_numvfs: the tree watches each PF's file (inotify). After a write,
 * handle_watch validates it with Linux semantics and calls `set` for an
 * accepted change; a rejected or failed write is restored and logged.
 */
typedef int (*pci_tree_set_num_vfs_fn)(void *ctx, unsigned int pf, unsigned int n);
int pci_tree_watch_fd(const struct pci_tree *t);
int pci_tree_handle_watch(struct pci_tree *t, pci_tree_set_num_vfs_fn set, void *ctx);
/* What the tree believes sriov_numvfs of `pf` is. */
unsigned int pci_tree_num_vfs(const struct pci_tree *t, unsigned int pf);

#endif /* PCI_TREE_H */
