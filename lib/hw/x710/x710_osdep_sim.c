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

static void sim_dma_free(void *ctx, struct x710_dma *dma)
{
	(void)ctx;
	free(dma->vaddr);
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
