/* SPDX-License-Identifier: BSD-2-Clause */
/* The in-process simulator osdep (see the header). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x710_osdep_sim.h"

static struct x710sim_fn pf_fn(const struct x710_osdep_sim *s)
{
	return (struct x710sim_fn){ s->pf, -1 };
}

static uint32_t sim_rd32(void *ctx, uint32_t off)
{
	struct x710_osdep_sim *s = ctx;

	return x710sim_rd32(s->sim, pf_fn(s), off);
}

static void sim_wr32(void *ctx, uint32_t off, uint32_t val)
{
	struct x710_osdep_sim *s = ctx;

	x710sim_wr32(s->sim, pf_fn(s), off, val);
	if (s->on_wr32 != NULL)
		s->on_wr32(s->observer_ctx, off, val);
}

static int sim_dma_alloc(void *ctx, size_t size, size_t align, struct x710_dma *out)
{
	size_t a = align < sizeof(void *) ? sizeof(void *) : align;
	size_t n = (size + a - 1) / a * a;
	void *p;

	(void)ctx;
	if (size == 0 || (a & (a - 1)) != 0)
		return -EINVAL;
	p = aligned_alloc(a, n);
	if (p == NULL)
		return -ENOMEM;
	memset(p, 0, n);
	out->vaddr = p;
	out->iova = (uint64_t)(uintptr_t)p;   /* sim_dma_identity */
	out->size = size;
	out->handle = NULL;
	return 0;
}

static struct x710_osdep_sim_kept *kept_of(struct x710_osdep_sim *s, const void *handle)
{
	for (size_t i = 0; i < X710_OSDEP_SIM_KEPT_MAX; i++)
		if (s->kept[i].va != NULL && handle == &s->kept[i])
			return &s->kept[i];
	return NULL;
}

static void sim_dma_free(void *ctx, struct x710_dma *dma)
{
	struct x710_osdep_sim_kept *k = kept_of(ctx, dma->handle);

	if (k != NULL) {   /* released for good: the store forgets it */
		free(k->va);
		memset(k, 0, sizeof(*k));
		return;
	}
	free(dma->vaddr);
}

/* The block @name as a previous x710_hw left it, or a new zeroed one. */
static int sim_dma_alloc_kept(void *ctx, const char *name, size_t size, size_t align,
			      struct x710_dma *out, bool *found)
{
	struct x710_osdep_sim *s = ctx;
	struct x710_osdep_sim_kept *k = NULL, *free_slot = NULL;
	struct x710_dma d;
	int err;

	*found = false;
	if (!s->keep_memory)
		return -ENOTSUP;
	if (strlen(name) >= sizeof(k->name))
		return -ENAMETOOLONG;
	for (size_t i = 0; i < X710_OSDEP_SIM_KEPT_MAX && k == NULL; i++) {
		if (s->kept[i].va != NULL && strcmp(s->kept[i].name, name) == 0)
			k = &s->kept[i];
		else if (s->kept[i].va == NULL && free_slot == NULL)
			free_slot = &s->kept[i];
	}
	if (k != NULL) {
		if (k->size != size)
			return -EMSGSIZE;   /* another layout: not ours to resume */
		*found = true;
	} else {
		if (free_slot == NULL)
			return -ENOSPC;
		if ((err = sim_dma_alloc(ctx, size, align, &d)) != 0)
			return err;
		k = free_slot;
		snprintf(k->name, sizeof(k->name), "%s", name);
		k->va = d.vaddr;
		k->size = size;
	}
	*out = (struct x710_dma){ .vaddr = k->va, .iova = (uint64_t)(uintptr_t)k->va,
				  .size = size, .handle = k };
	return 0;
}

/* One model step per call: time passes only here. */
static void sim_delay_us(void *ctx, unsigned int us)
{
	struct x710_osdep_sim *s = ctx;

	s->now_us += us ? us : 1;
	x710sim_poll(s->sim);
	s->polls++;
}

static uint64_t sim_now_us(void *ctx)
{
	return ((struct x710_osdep_sim *)ctx)->now_us;
}

static void sim_log(void *ctx, enum x710_log_level level, const char *msg)
{
	struct x710_osdep_sim *s = ctx;

	snprintf(s->last_log, sizeof(s->last_log), "%s", msg);
	if (level <= s->log_level)
		fprintf(stderr, "x710 pf%u: %s\n", s->pf, msg);
}

static int sim_set_num_vfs(void *ctx, unsigned int n)
{
	struct x710_osdep_sim *s = ctx;

	return x710sim_set_num_vfs(s->sim, s->pf, n);
}

const struct x710_osdep_ops x710_osdep_sim_ops = {
	.rd32 = sim_rd32,
	.wr32 = sim_wr32,
	.dma_alloc = sim_dma_alloc,
	.dma_free = sim_dma_free,
	.delay_us = sim_delay_us,
	.now_us = sim_now_us,
	.log = sim_log,
	.set_num_vfs = sim_set_num_vfs,
	.dma_alloc_kept = sim_dma_alloc_kept,
};

struct x710_osdep x710_osdep_sim_init(struct x710_osdep_sim *s, struct x710sim *sim,
				      unsigned int pf)
{
	memset(s, 0, sizeof(*s));
	s->sim = sim;
	s->pf = pf;
	s->log_level = X710_LOG_ERR;
	return (struct x710_osdep){ &x710_osdep_sim_ops, s };
}

void x710_osdep_sim_fini(struct x710_osdep_sim *s)
{
	for (size_t i = 0; i < X710_OSDEP_SIM_KEPT_MAX; i++) {
		free(s->kept[i].va);
		memset(&s->kept[i], 0, sizeof(s->kept[i]));
	}
}
