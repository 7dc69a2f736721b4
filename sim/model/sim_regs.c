/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The register-table machinery shared by the PF and VF tables: lookup by
 * offset, reset values, exact in-process access (x710sim_rd32/wr32) and the
 * polled path, which compares watched BAR words with a shadow copy and runs
 * the register's handler for every word the driver changed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim_model.h"

static unsigned int rows(const struct sim_reg_def *d)
{
	return d->n2 > 1 ? d->n2 : 1;
}

const struct sim_reg_def *
sim_reg_lookup(const struct sim_reg_table *t, uint32_t off, unsigned int *idx)
{
	for (size_t k = 0; k < t->n_defs; k++) {
		const struct sim_reg_def *d = &t->defs[k];
		unsigned int n = d->n ? d->n : 1;
		uint32_t stride = d->stride ? d->stride : 4;

		for (unsigned int j = 0; j < rows(d); j++) {
			uint32_t row = d->base + j * d->stride2;

			if (off < row || off >= row + n * stride)
				continue;
			if ((off - row) % stride != 0)
				continue;
			*idx = j * n + (off - row) / stride;
			return d;
		}
	}
	return NULL;
}

unsigned int sim_reg_dim_count(struct x710sim *sim, struct sim_func *f,
			       const struct sim_reg_def *d)
{
	unsigned int n = d->n ? d->n : 1;
	unsigned int lim = n;

	switch (d->dim) {
	case SIM_DIM_FIXED:
		break;
	case SIM_DIM_PF_QUEUES:
		lim = sim_func_pf(sim, f)->qps;
		break;
	case SIM_DIM_PF_VFS:
		lim = sim_func_pf(sim, f)->total_vfs;
		break;
	case SIM_DIM_VF_VECTORS:
		lim = sim->vf_vectors - 1;
		break;
	}
	return lim < n ? lim : n;
}

static uint32_t elem_off(const struct sim_reg_def *d, unsigned int i, unsigned int j)
{
	return d->base + i * (d->stride ? d->stride : 4) + j * d->stride2;
}

/* Reset values into BAR memory; the word at @hold_off is left alone. */
static void write_resets(struct x710sim *sim, struct sim_func *f, uint32_t hold_off)
{
	const struct sim_reg_table *t = f->regs;

	for (size_t k = 0; k < t->n_defs; k++) {
		const struct sim_reg_def *d = &t->defs[k];
		unsigned int n = sim_reg_dim_count(sim, f, d);

		for (unsigned int j = 0; j < rows(d); j++)
			for (unsigned int i = 0; i < n; i++)
				if (elem_off(d, i, j) != hold_off)
					f->bar0[elem_off(d, i, j) / 4] = d->reset;
	}
}

int sim_func_regs_init(struct x710sim *sim, struct sim_func *f)
{
	const struct sim_reg_table *t = f->regs;
	unsigned int n_watches = 0, n_words = 0;

	for (size_t k = 0; k < t->n_defs; k++) {
		const struct sim_reg_def *d = &t->defs[k];
		unsigned int n = sim_reg_dim_count(sim, f, d);

		if (!d->watch || n == 0)
			continue;
		/* A row is runs of up to SIM_WATCH_CHUNK words when the stride is
		 * 4; else one watch per word. */
		n_watches += d->stride == 4 ? rows(d) * ((n + SIM_WATCH_CHUNK - 1) / SIM_WATCH_CHUNK)
					    : rows(d) * n;
		n_words += rows(d) * n;
	}
	f->watches = calloc(n_watches ? n_watches : 1, sizeof(*f->watches));
	f->shadow_pool = calloc(n_words ? n_words : 1, sizeof(uint32_t));
	if (f->watches == NULL || f->shadow_pool == NULL) {
		sim_func_regs_fini(f);
		return -ENOMEM;
	}
	write_resets(sim, f, SIM_REG_NO_HOLD);

	uint32_t *shadow = f->shadow_pool;
	struct sim_watch *w = f->watches;
	unsigned int slices = sim->params.poll_slices > 1 ? sim->params.poll_slices : 1;
	unsigned int n_slow = 0;

	for (size_t k = 0; k < t->n_defs; k++) {
		const struct sim_reg_def *d = &t->defs[k];
		unsigned int n = sim_reg_dim_count(sim, f, d);
		unsigned int per = d->stride == 4 ? SIM_WATCH_CHUNK : 1;

		if (!d->watch || n == 0)
			continue;
		for (unsigned int j = 0; j < rows(d); j++) {
			for (unsigned int i = 0; i < n; i += per) {
				unsigned int cnt = n - i < per ? n - i : per;

				w->mem = &f->bar0[elem_off(d, i, j) / 4];
				w->shadow = shadow;
				w->count = cnt;
				w->slow = d->slow;
				w->slice = d->slow ? n_slow++ % slices : 0;
				w->first_idx = j * (d->n ? d->n : 1) + i;
				w->on_write = d->on_write;
				w->sc_mask = d->sc_mask;
				for (unsigned int c = 0; c < cnt; c++)
					shadow[c] = w->mem[c];
				shadow += cnt;
				w++;
			}
		}
	}
	f->n_watches = (unsigned int)(w - f->watches);
	return 0;
}

void sim_func_regs_fini(struct sim_func *f)
{
	free(f->watches);
	free(f->shadow_pool);
	f->watches = NULL;
	f->shadow_pool = NULL;
	f->n_watches = 0;
}

void sim_func_regs_reset(struct x710sim *sim, struct sim_func *f, uint32_t hold_off)
{
	uint8_t *bar = (uint8_t *)(uintptr_t)f->bar0;

	/* The held word is never written, not even transiently: a driver that
	 * sees it change would start writing into a half-reset function. */
	if (hold_off < f->bar0_size && hold_off % 4 == 0) {
		memset(bar, 0, hold_off);
		memset(bar + hold_off + 4, 0, f->bar0_size - hold_off - 4);
	} else {
		memset(bar, 0, f->bar0_size);
	}
	write_resets(sim, f, hold_off);
	for (unsigned int k = 0; k < f->n_watches; k++)
		for (unsigned int c = 0; c < f->watches[k].count; c++)
			f->watches[k].shadow[c] = f->watches[k].mem[c];
}

void sim_reg_set(struct sim_func *f, uint32_t off, uint32_t val)
{
	volatile uint32_t *p = &f->bar0[off / 4];

	*p = val;
	for (unsigned int k = 0; k < f->n_watches; k++) {
		struct sim_watch *w = &f->watches[k];

		if (p >= w->mem && p < w->mem + w->count) {
			w->shadow[p - w->mem] = val;
			return;
		}
	}
}

/* A self-clearing bit is the driver's "done" signal (PFSWR, SDCMD.WR): every
 * store the handler made must be visible before the bit reads 0. */
static void scrub_self_clearing(volatile uint32_t *mem, uint32_t *shadow, uint32_t mask)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	*mem &= ~mask;
	if (shadow != NULL)
		*shadow = *mem;
}

/* Run the handler of one changed word, then scrub its self-clearing bits. */
static void watch_fire(struct x710sim *sim, struct sim_func *f, struct sim_watch *w,
		       unsigned int c)
{
	uint32_t val = w->mem[c];
	uint32_t old = w->shadow[c];

	w->shadow[c] = val;
	if (w->on_write != NULL)
		w->on_write(sim, f, w->first_idx + c, old, val);
	if (w->sc_mask & w->mem[c])
		scrub_self_clearing(&w->mem[c], &w->shadow[c], w->sc_mask);
}

unsigned int sim_func_poll_watches(struct x710sim *sim, struct sim_func *f,
				   unsigned int slice)
{
	unsigned int events = 0;

	for (unsigned int k = 0; k < f->n_watches && f->present; k++) {
		struct sim_watch *w = &f->watches[k];

		if (w->slow && w->slice != slice)
			continue;
		/* The whole run is compared first: the common case is no change. */
		if (w->count == 1 ? *w->mem == *w->shadow
				  : memcmp((const void *)(uintptr_t)w->mem, w->shadow,
					   w->count * sizeof(uint32_t)) == 0)
			continue;
		for (unsigned int c = 0; c < w->count; c++) {
			if (w->mem[c] != w->shadow[c]) {
				watch_fire(sim, f, w, c);
				events++;
			}
		}
	}
	return events;
}

uint32_t sim_func_rd32(struct x710sim *sim, struct sim_func *f, uint32_t off)
{
	unsigned int idx;
	const struct sim_reg_def *d;
	uint32_t v;

	if (off % 4 != 0 || off >= f->bar0_size)
		return 0;
	d = sim_reg_lookup(f->regs, off, &idx);
	if (d == NULL)
		return 0;      /* unknown offsets read 0 (spec §6.1) */
	v = d->on_read != NULL ? d->on_read(sim, f, idx) : f->bar0[off / 4];
	if (d->access == SIM_REG_COR)
		sim_reg_set(f, off, 0);
	return v;
}

void sim_func_wr32(struct x710sim *sim, struct sim_func *f, uint32_t off, uint32_t val)
{
	unsigned int idx;
	const struct sim_reg_def *d;
	uint32_t old;

	if (off % 4 != 0 || off >= f->bar0_size)
		return;
	d = sim_reg_lookup(f->regs, off, &idx);
	if (d == NULL || d->access == SIM_REG_RO || d->access == SIM_REG_COR)
		return;
	old = f->bar0[off / 4];
	if (d->access == SIM_REG_W1C) {
		/* W1C handlers take the bits to clear and store the result. */
		if (d->on_write != NULL)
			d->on_write(sim, f, idx, old, val);
		else
			sim_reg_set(f, off, old & ~val);
		return;
	}
	sim_reg_set(f, off, val);
	if (d->on_write != NULL)
		d->on_write(sim, f, idx, old, val);
	if (d->sc_mask & f->bar0[off / 4]) {
		scrub_self_clearing(&f->bar0[off / 4], NULL, d->sc_mask);
		sim_reg_set(f, off, f->bar0[off / 4]);
	}
}
