/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libx710sim: a model of one Intel X710 adapter (8086:1572 PFs, 8086:154C
 * VFs). The model owns no memory a driver sees: the host (a unit test, or
 * the x710-sim launcher that backs BARs with sysfs resource files) provides
 * BAR and config-space memory, DMA translation, and interrupt delivery.
 *
 * Writes to shared BAR memory cannot be trapped, so the model is polled:
 * x710sim_poll() notices doorbells and register changes and acts on them.
 * Tests call it to step the model deterministically; the launcher calls it
 * in a loop.
 */
#ifndef X710SIM_H
#define X710SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim_dma_ops;
struct x710sim;

#define X710SIM_PCI_VENDOR_INTEL   0x8086
#define X710SIM_PCI_DEVICE_PF      0x1572  /* X710 for 10GbE SFP+ */
#define X710SIM_PCI_DEVICE_VF      0x154C  /* X710/XL710 VF */
#define X710SIM_MAX_PFS            4
#define X710SIM_MAX_VFS_PER_PF     64
#define X710SIM_PF_BAR0_SIZE       (8u << 20)   /* PF register space */
#define X710SIM_VF_BAR0_SIZE       (64u << 10)
#define X710SIM_VF_BAR3_SIZE       (16u << 10)  /* MSI-X table and PBA */
#define X710SIM_CONFIG_SIZE        4096         /* PCIe extended config space */

/* A PCI function of the adapter: a PF, or VF `vf` of PF `pf`. */
struct x710sim_fn {
	unsigned int pf;
	int vf;                    /* -1 for the PF itself */
};

enum x710sim_region {
	X710SIM_REGION_CONFIG,     /* PCI config space, X710SIM_CONFIG_SIZE */
	X710SIM_REGION_BAR0,
	X710SIM_REGION_BAR3,
};

/* What the host provides. Every callback may be NULL except region_alloc. */
struct x710sim_host_ops {
	/* Zeroed memory the driver and the model share for one region. */
	void *(*region_alloc)(void *ctx, struct x710sim_fn fn,
			      enum x710sim_region region, size_t size);
	void (*region_free)(void *ctx, struct x710sim_fn fn,
			    enum x710sim_region region, void *mem, size_t size);
	/* A VF function appeared (VF Enable set) or disappeared. */
	void (*fn_added)(void *ctx, struct x710sim_fn fn);
	void (*fn_removed)(void *ctx, struct x710sim_fn fn);
	/* An interrupt for MSI-X vector `vector` of `fn` (0 = misc/admin). */
	void (*irq)(void *ctx, struct x710sim_fn fn, unsigned int vector);
	void *ctx;
};

struct x710sim_params {
	unsigned int n_pfs;            /* ports, 1..X710SIM_MAX_PFS (default 2) */
	unsigned int vfs_per_pf;       /* TotalVFs, 0..64 (default 64) */
	uint8_t base_mac[6];           /* port p gets base_mac + p */
};

void x710sim_params_default(struct x710sim_params *p);

int x710sim_create(const struct x710sim_params *params,
		   const struct x710sim_host_ops *host,
		   const struct sim_dma_ops *dma, struct x710sim **out);
void x710sim_destroy(struct x710sim *sim);

/* Act on everything pending; returns how many events were handled. */
unsigned int x710sim_poll(struct x710sim *sim);

/* Region memory of a function (NULL while the function does not exist). */
void *x710sim_region(struct x710sim *sim, struct x710sim_fn fn,
		     enum x710sim_region region, size_t *size);

/*
 * Register access with full hardware semantics (clear-on-read, write-1-to-
 * clear, self-clearing) for in-process drivers whose accesses can be
 * trapped. Drivers that map BAR memory directly get the polled
 * approximation documented beside each register.
 */
uint32_t x710sim_rd32(struct x710sim *sim, struct x710sim_fn fn, uint32_t off);
void x710sim_wr32(struct x710sim *sim, struct x710sim_fn fn, uint32_t off, uint32_t val);

#endif /* X710SIM_H */
