/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A stand-in for libx710sim, linked into x710-sim only while the real model
 * is not declared (sim/model/meson.build has no x710sim_dep). It implements
 * the x710sim.h contract just far enough to exercise the launcher: PF
 * functions with a config space and an SR-IOV capability, and VFs that
 * appear and disappear with VF Enable. No registers, no admin queue.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sriov_cap.h"
#include "x710sim/x710sim.h"

#define STUB_SRIOV_POS       0x160     /* after AER at 0x100, as on an XL710 */
#define STUB_VF_OFFSET_PF0   16        /* 01:00.0 -> first VF 01:02.0 */
#define PCI_CLASS_BYTE       0x0B      /* base class 0x02: network */

struct stub_fn {
	void *mem[3];
	size_t size[3];
	bool present;
};

struct x710sim {
	struct x710sim_params p;
	struct x710sim_host_ops host;
	struct stub_fn pf[X710SIM_MAX_PFS];
	struct stub_fn vf[X710SIM_MAX_PFS][X710SIM_MAX_VFS_PER_PF];
	unsigned int enabled[X710SIM_MAX_PFS];
};

static const size_t region_size[3] = {
	[X710SIM_REGION_CONFIG] = X710SIM_CONFIG_SIZE,
	[X710SIM_REGION_BAR0] = X710SIM_VF_BAR0_SIZE,
	[X710SIM_REGION_BAR3] = X710SIM_VF_BAR3_SIZE,
};

void
x710sim_params_default(struct x710sim_params *p)
{
	memset(p, 0, sizeof(*p));
	p->n_pfs = 2;
	p->vfs_per_pf = X710SIM_MAX_VFS_PER_PF;
}

static void
put16(uint8_t *c, unsigned int off, uint16_t v)
{
	memcpy(c + off, &v, sizeof(v));
}

static void
put32(uint8_t *c, unsigned int off, uint32_t v)
{
	memcpy(c + off, &v, sizeof(v));
}

static int
alloc_fn(struct x710sim *sim, struct x710sim_fn fn, struct stub_fn *f, size_t bar0)
{
	for (unsigned int r = 0; r < 3; r++) {
		f->size[r] = r == X710SIM_REGION_BAR0 ? bar0 : region_size[r];
		f->mem[r] = sim->host.region_alloc(sim->host.ctx, fn, (enum x710sim_region)r, f->size[r]);
		if (!f->mem[r])
			return -ENOMEM;
	}
	f->present = true;
	return 0;
}

static void
free_fn(struct x710sim *sim, struct x710sim_fn fn, struct stub_fn *f)
{
	for (unsigned int r = 0; r < 3; r++)
		if (f->mem[r] && sim->host.region_free)
			sim->host.region_free(sim->host.ctx, fn, (enum x710sim_region)r,
					      f->mem[r], f->size[r]);
	memset(f, 0, sizeof(*f));
}

int
x710sim_create(const struct x710sim_params *params, const struct x710sim_host_ops *host,
	       const struct sim_dma_ops *dma, struct x710sim **out)
{
	(void)dma;
	if (!host || !host->region_alloc || params->n_pfs == 0 ||
	    params->n_pfs > X710SIM_MAX_PFS || params->vfs_per_pf > X710SIM_MAX_VFS_PER_PF)
		return -EINVAL;
	struct x710sim *sim = calloc(1, sizeof(*sim));
	if (!sim)
		return -ENOMEM;
	sim->p = *params;
	sim->host = *host;
	for (unsigned int pf = 0; pf < params->n_pfs; pf++) {
		struct x710sim_fn fn = { .pf = pf, .vf = -1 };
		if (alloc_fn(sim, fn, &sim->pf[pf], X710SIM_PF_BAR0_SIZE)) {
			x710sim_destroy(sim);
			return -ENOMEM;
		}
		uint8_t *c = sim->pf[pf].mem[X710SIM_REGION_CONFIG];
		put16(c, 0x00, X710SIM_PCI_VENDOR_INTEL);
		put16(c, 0x02, X710SIM_PCI_DEVICE_PF);
		c[PCI_CLASS_BYTE] = 0x02;
		put32(c, 0x100, 0x0001u | (1u << 16) | ((unsigned int)STUB_SRIOV_POS << 20));
		put32(c, STUB_SRIOV_POS, PCI_EXT_CAP_ID_SRIOV | (1u << 16));
		put16(c, STUB_SRIOV_POS + SRIOV_TOTAL_VF, (uint16_t)params->vfs_per_pf);
		/* Each PF's VFs follow the previous PF's, stride 1. */
		put16(c, STUB_SRIOV_POS + SRIOV_VF_OFFSET,
		      (uint16_t)(STUB_VF_OFFSET_PF0 + pf * params->vfs_per_pf - pf));
		put16(c, STUB_SRIOV_POS + SRIOV_VF_STRIDE, 1);
		put16(c, STUB_SRIOV_POS + SRIOV_VF_DID, X710SIM_PCI_DEVICE_VF);
	}
	*out = sim;
	return 0;
}

void
x710sim_destroy(struct x710sim *sim)
{
	if (!sim)
		return;
	for (unsigned int pf = 0; pf < sim->p.n_pfs; pf++) {
		for (unsigned int v = 0; v < sim->p.vfs_per_pf; v++)
			if (sim->vf[pf][v].present)
				free_fn(sim, (struct x710sim_fn){ .pf = pf, .vf = (int)v }, &sim->vf[pf][v]);
		free_fn(sim, (struct x710sim_fn){ .pf = pf, .vf = -1 }, &sim->pf[pf]);
	}
	free(sim);
}

/* VF Enable is the only thing the stub watches. */
unsigned int
x710sim_poll(struct x710sim *sim)
{
	unsigned int events = 0;
	for (unsigned int pf = 0; pf < sim->p.n_pfs; pf++) {
		struct sriov_cap_info cap;
		if (sriov_cap_read(sim->pf[pf].mem[X710SIM_REGION_CONFIG], X710SIM_CONFIG_SIZE, &cap))
			continue;
		unsigned int want = (cap.ctrl & SRIOV_CTRL_VFE) ? cap.num_vfs : 0;
		if (want > sim->p.vfs_per_pf)
			want = sim->p.vfs_per_pf;
		if (want == sim->enabled[pf])
			continue;
		events++;
		for (unsigned int v = want; v < sim->enabled[pf]; v++) {
			struct x710sim_fn fn = { .pf = pf, .vf = (int)v };
			if (sim->host.fn_removed)
				sim->host.fn_removed(sim->host.ctx, fn);
			free_fn(sim, fn, &sim->vf[pf][v]);
		}
		for (unsigned int v = sim->enabled[pf]; v < want; v++) {
			struct x710sim_fn fn = { .pf = pf, .vf = (int)v };
			if (alloc_fn(sim, fn, &sim->vf[pf][v], X710SIM_VF_BAR0_SIZE))
				break;
			if (sim->host.fn_added)
				sim->host.fn_added(sim->host.ctx, fn);
		}
		sim->enabled[pf] = want;
	}
	return events;
}

void *
x710sim_region(struct x710sim *sim, struct x710sim_fn fn, enum x710sim_region region,
	       size_t *size)
{
	if (fn.pf >= sim->p.n_pfs || fn.vf >= (int)sim->p.vfs_per_pf || (unsigned int)region > 2)
		return NULL;
	struct stub_fn *f = fn.vf < 0 ? &sim->pf[fn.pf] : &sim->vf[fn.pf][fn.vf];
	if (!f->present)
		return NULL;
	if (size)
		*size = f->size[region];
	return f->mem[region];
}

uint32_t
x710sim_rd32(struct x710sim *sim, struct x710sim_fn fn, uint32_t off)
{
	size_t size;
	uint8_t *bar = x710sim_region(sim, fn, X710SIM_REGION_BAR0, &size);
	uint32_t v = 0;
	if (bar && off + 4 <= size)
		memcpy(&v, bar + off, 4);
	return v;
}

void
x710sim_wr32(struct x710sim *sim, struct x710sim_fn fn, uint32_t off, uint32_t val)
{
	size_t size;
	uint8_t *bar = x710sim_region(sim, fn, X710SIM_REGION_BAR0, &size);
	if (bar && off + 4 <= size)
		memcpy(bar + off, &val, 4);
}
