/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The adapter: creating and destroying functions, the poll loop, VF
 * enable/disable, and the public API around them (x710sim.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_model.h"

#define SIM_STATS_REFRESH_POLLS 16   /* GLV_* are republished every 16 polls */

void sim_log(struct x710sim *sim, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sim->msg, sizeof(sim->msg), fmt, ap);
	va_end(ap);
	if (sim->host.log != NULL)
		sim->host.log(sim->host.ctx, sim->msg);
}

struct sim_pf *sim_func_pf(struct x710sim *sim, struct sim_func *f)
{
	return &sim->pfs[f->id.pf];
}

struct sim_vf *sim_func_vf(struct sim_func *f)
{
	return (struct sim_vf *)((char *)f - offsetof(struct sim_vf, fn));
}

struct sim_func *sim_find_func(struct x710sim *sim, struct x710sim_fn fn)
{
	struct sim_pf *pf;

	if (fn.pf >= sim->params.n_pfs)
		return NULL;
	pf = &sim->pfs[fn.pf];
	if (fn.vf < 0)
		return &pf->fn;
	if ((unsigned int)fn.vf >= pf->num_vfs || !pf->vfs[fn.vf].fn.present)
		return NULL;
	return &pf->vfs[fn.vf].fn;
}

void x710sim_params_default(struct x710sim_params *p)
{
	static const uint8_t mac[6] = { 0x02, 0x00, 0x71, 0x00, 0x00, 0x00 };

	memset(p, 0, sizeof(*p));
	p->n_pfs = 2;
	p->vfs_per_pf = X710SIM_MAX_VFS_PER_PF;
	memcpy(p->base_mac, mac, sizeof(mac));
}

static void *region(struct x710sim *sim, struct x710sim_fn fn, enum x710sim_region r,
		    size_t size)
{
	return sim->host.region_alloc(sim->host.ctx, fn, r, size);
}

static void region_release(struct x710sim *sim, struct sim_func *f)
{
	if (sim->host.region_free != NULL) {
		if (f->cfg)
			sim->host.region_free(sim->host.ctx, f->id, X710SIM_REGION_CONFIG, f->cfg,
					      X710SIM_CONFIG_SIZE);
		if (f->bar0)
			sim->host.region_free(sim->host.ctx, f->id, X710SIM_REGION_BAR0,
					      (void *)(uintptr_t)f->bar0, f->bar0_size);
		if (f->bar3)
			sim->host.region_free(sim->host.ctx, f->id, X710SIM_REGION_BAR3, f->bar3,
					      f->bar3_size);
	}
	f->cfg = NULL;
	f->bar0 = NULL;
	f->bar3 = NULL;
}

static int func_open(struct x710sim *sim, struct sim_func *f, struct x710sim_fn id,
		     const struct sim_reg_table *regs, size_t bar3_size)
{
	memset(f, 0, sizeof(*f));
	f->id = id;
	f->regs = regs;
	f->bar0_size = regs->bar_size;
	f->bar3_size = bar3_size;
	f->cfg = region(sim, id, X710SIM_REGION_CONFIG, X710SIM_CONFIG_SIZE);
	f->bar0 = region(sim, id, X710SIM_REGION_BAR0, f->bar0_size);
	f->bar3 = region(sim, id, X710SIM_REGION_BAR3, bar3_size);
	if (f->cfg == NULL || f->bar0 == NULL || f->bar3 == NULL) {
		region_release(sim, f);
		return -ENOMEM;
	}
	return sim_func_regs_init(sim, f);
}

static void func_close(struct x710sim *sim, struct sim_func *f)
{
	sim_func_regs_fini(f);
	region_release(sim, f);
	f->present = false;
}

static const struct sim_aq_ring_regs pf_atq = {
	X710_PF_ATQBAL, X710_PF_ATQBAH, X710_PF_ATQLEN, X710_PF_ATQH, X710_PF_ATQT };
static const struct sim_aq_ring_regs pf_arq = {
	X710_PF_ARQBAL, X710_PF_ARQBAH, X710_PF_ARQLEN, X710_PF_ARQH, X710_PF_ARQT };
static const struct sim_aq_ring_regs vf_atq = {
	X710_VF_ATQBAL1, X710_VF_ATQBAH1, X710_VF_ATQLEN1, X710_VF_ATQH1, X710_VF_ATQT1 };
static const struct sim_aq_ring_regs vf_arq = {
	X710_VF_ARQBAL1, X710_VF_ARQBAH1, X710_VF_ARQLEN1, X710_VF_ARQH1, X710_VF_ARQT1 };

static int vf_create(struct x710sim *sim, struct sim_pf *pf, unsigned int v)
{
	struct sim_vf *vf = &pf->vfs[v];
	struct x710sim_fn id = { pf->idx, (int)v };
	int err;

	vf->pf = pf;
	vf->vf = v;
	vf->abs = pf->vf_base + v;
	err = func_open(sim, &vf->fn, id, &sim_vf_reg_table, X710SIM_VF_BAR3_SIZE);
	if (err)
		return err;
	sim_aq_init(&vf->fn.aq, &vf_atq, &vf_arq);
	sim_cfg_init_vf(sim, vf);
	vf->fn.present = true;
	/* A new VF comes out of a hardware reset: VFRD = 1, RSTAT INPROGRESS
	 * until the PF declares it active through VFGEN_RSTAT1. */
	sim_vf_hw_reset(sim, vf);
	if (sim->host.fn_added)
		sim->host.fn_added(sim->host.ctx, id);
	return 0;
}

static void vf_destroy(struct x710sim *sim, struct sim_vf *vf)
{
	if (!vf->fn.present)
		return;
	sim_lanq_stop_vf(sim, vf);
	if (sim->host.fn_removed)
		sim->host.fn_removed(sim->host.ctx, vf->fn.id);
	func_close(sim, &vf->fn);
	sim_reg_set(&vf->pf->fn, X710_VPGEN_VFRSTAT(vf->vf), 0);
}

int sim_sriov_apply(struct x710sim *sim, struct sim_pf *pf, unsigned int n, bool enable)
{
	if (!enable) {
		for (unsigned int v = 0; v < pf->num_vfs; v++)
			vf_destroy(sim, &pf->vfs[v]);
		pf->num_vfs = 0;
		return 0;
	}
	if (n > pf->total_vfs) {
		sim_log(sim, "PF %u: NumVFs %u exceeds TotalVFs %u", pf->idx, n, pf->total_vfs);
		return -EINVAL;
	}
	if (pf->num_vfs != 0)
		return -EBUSY;
	for (unsigned int v = 0; v < n; v++) {
		int err = vf_create(sim, pf, v);

		if (err) {
			sim_log(sim, "PF %u: VF %u could not be created (%d)", pf->idx, v, err);
			pf->num_vfs = v;
			sim_sriov_apply(sim, pf, 0, false);
			return err;
		}
		pf->num_vfs = v + 1;
	}
	return 0;
}

static int pf_create(struct x710sim *sim, unsigned int p)
{
	struct sim_pf *pf = &sim->pfs[p];
	struct x710sim_fn id = { p, -1 };
	unsigned int carry = p;
	int err;

	pf->sim = sim;
	pf->idx = p;
	pf->total_vfs = sim->params.vfs_per_pf;
	pf->vf_base = p * sim->params.vfs_per_pf;
	pf->qps = SIM_DEVICE_QUEUES / sim->params.n_pfs;
	pf->base_queue = p * pf->qps;
	pf->link_up = true;
	pf->phy_int_mask = SIM_PHY_INT_MASK_DEFAULT;
	pf->main_vsi = UINT16_MAX;
	memcpy(pf->mac, sim->params.base_mac, 6);
	for (int i = 5; i >= 0 && carry; i--) {
		unsigned int s = pf->mac[i] + carry;

		pf->mac[i] = (uint8_t)s;
		carry = s >> 8;
	}
	pf->vfs = calloc(pf->total_vfs ? pf->total_vfs : 1, sizeof(*pf->vfs));
	pf->txq = calloc(pf->qps, sizeof(*pf->txq));
	pf->rxq = calloc(pf->qps, sizeof(*pf->rxq));
	if (pf->vfs == NULL || pf->txq == NULL || pf->rxq == NULL)
		return -ENOMEM;
	err = func_open(sim, &pf->fn, id, &sim_pf_reg_table, X710SIM_PF_BAR3_SIZE);
	if (err)
		return err;
	sim_aq_init(&pf->fn.aq, &pf_atq, &pf_arq);
	sim_cfg_init_pf(sim, pf);
	pf->fn.present = true;
	return 0;
}

int x710sim_create(const struct x710sim_params *params, const struct x710sim_host_ops *host,
		   const struct sim_dma_ops *dma, struct x710sim **out)
{
	struct x710sim *sim;
	unsigned int total;
	int err = 0;

	*out = NULL;
	if (params == NULL || host == NULL || host->region_alloc == NULL || dma == NULL ||
	    dma->map == NULL)
		return -EINVAL;
	if (params->n_pfs < 1 || params->n_pfs > X710SIM_MAX_PFS ||
	    params->vfs_per_pf > X710SIM_MAX_VFS_PER_PF ||
	    params->n_pfs * params->vfs_per_pf > SIM_DEVICE_VFS)
		return -EINVAL;
	sim = calloc(1, sizeof(*sim));
	if (sim == NULL)
		return -ENOMEM;
	sim->params = *params;
	sim->host = *host;
	sim->dma = dma;
	total = params->n_pfs * params->vfs_per_pf;
	/* 512 VF vectors per device shared by all VFs (spec §3.3). */
	sim->vf_vectors = total ? SIM_DEVICE_VF_VECTORS / total : SIM_VF_MAX_VECTORS;
	if (sim->vf_vectors > SIM_VF_MAX_VECTORS)
		sim->vf_vectors = SIM_VF_MAX_VECTORS;
	for (unsigned int p = 0; p < params->n_pfs && err == 0; p++)
		err = pf_create(sim, p);
	if (err == 0) {
		struct sim_dp_params dpp = { .n_ports = params->n_pfs, .vsis = sim->vsis,
					     .dma = dma, .now_ns = host->now_ns,
					     .clock_ctx = host->ctx };
		int dperr = sim_dp_create(&dpp, &sim->dp);

		if (dperr) {
			sim_log(sim, "data path unavailable (%d): queues are enabled but move nothing",
				dperr);
			sim->dp = NULL;
		}
	}
	for (unsigned int p = 0; p < params->n_pfs && err == 0; p++)
		err = sim_vsi_create_main(sim, &sim->pfs[p]);
	if (err) {
		x710sim_destroy(sim);
		return err;
	}
	*out = sim;
	return 0;
}

void x710sim_destroy(struct x710sim *sim)
{
	if (sim == NULL)
		return;
	for (unsigned int p = 0; p < sim->params.n_pfs; p++) {
		struct sim_pf *pf = &sim->pfs[p];

		if (pf->vfs != NULL)
			sim_sriov_apply(sim, pf, 0, false);
		if (pf->txq != NULL && pf->rxq != NULL)
			sim_lanq_stop_all(sim, pf);
		if (pf->fn.bar0 != NULL || pf->fn.cfg != NULL || pf->fn.bar3 != NULL)
			func_close(sim, &pf->fn);
		free(pf->vfs);
		free(pf->txq);
		free(pf->rxq);
	}
	if (sim->dp != NULL)
		sim_dp_destroy(sim->dp);
	free(sim);
}

static unsigned int poll_func(struct x710sim *sim, struct sim_func *f, unsigned int slice)
{
	return sim_func_poll_watches(sim, f, slice) + sim_aq_poll(sim, f) +
	       sim_irq_scrub(sim, f);
}

unsigned int x710sim_poll(struct x710sim *sim)
{
	unsigned int events = 0;
	unsigned int slices = sim->params.poll_slices > 1 ? sim->params.poll_slices : 1;
	unsigned int slice = (unsigned int)(sim->polls % slices);

	for (unsigned int p = 0; p < sim->params.n_pfs; p++) {
		struct sim_pf *pf = &sim->pfs[p];

		events += poll_func(sim, &pf->fn, slice);
		events += sim_cfg_poll_pf(sim, pf);
		for (unsigned int v = slice; v < pf->num_vfs; v += slices) {
			struct sim_vf *vf = &pf->vfs[v];

			if (!vf->fn.present)
				continue;
			events += sim_cfg_poll_vf(sim, vf);
			events += poll_func(sim, &vf->fn, 0);
		}
		if (sim->polls % SIM_STATS_REFRESH_POLLS == 0)
			sim_stats_refresh(sim, pf);
	}
	sim->polls++;
	if (sim->dp != NULL)
		events += sim_dp_poll(sim->dp);
	return events;
}

void *x710sim_region(struct x710sim *sim, struct x710sim_fn fn, enum x710sim_region region,
		     size_t *size)
{
	struct sim_func *f = sim_find_func(sim, fn);

	if (f == NULL)
		return NULL;
	switch (region) {
	case X710SIM_REGION_CONFIG:
		if (size)
			*size = X710SIM_CONFIG_SIZE;
		return f->cfg;
	case X710SIM_REGION_BAR0:
		if (size)
			*size = f->bar0_size;
		return (void *)(uintptr_t)f->bar0;
	case X710SIM_REGION_BAR3:
		if (size)
			*size = f->bar3_size;
		return f->bar3;
	}
	return NULL;
}

uint32_t x710sim_rd32(struct x710sim *sim, struct x710sim_fn fn, uint32_t off)
{
	struct sim_func *f = sim_find_func(sim, fn);

	return f ? sim_func_rd32(sim, f, off) : UINT32_MAX;
}

void x710sim_wr32(struct x710sim *sim, struct x710sim_fn fn, uint32_t off, uint32_t val)
{
	struct sim_func *f = sim_find_func(sim, fn);

	if (f)
		sim_func_wr32(sim, f, off, val);
}

int x710sim_set_num_vfs(struct x710sim *sim, unsigned int pf, unsigned int n)
{
	struct sim_pf *p;
	int err;

	if (pf >= sim->params.n_pfs)
		return -EINVAL;
	p = &sim->pfs[pf];
	if (n > p->total_vfs)
		return -EINVAL;
	if (n != 0 && p->num_vfs != 0)
		return -EBUSY;
	/* The same path as a driver writing config space, taken at once. */
	sim_cfg_set_num_vfs(p, n);
	err = sim_sriov_apply(sim, p, n, n != 0);
	sim_cfg_poll_pf(sim, p);       /* shadows now match: no second apply */
	return err;
}

int x710sim_vf_flr(struct x710sim *sim, unsigned int pf, unsigned int vf)
{
	struct x710sim_fn fn = { pf, (int)vf };
	struct sim_func *f = sim_find_func(sim, fn);

	if (f == NULL || fn.vf < 0)
		return -ENOENT;
	sim_vf_flr(sim, sim_func_vf(f));
	return 0;
}

unsigned int x710sim_routing_id(struct x710sim *sim, struct x710sim_fn fn)
{
	return sim_routing_id(sim, fn);
}
