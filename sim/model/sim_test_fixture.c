/* SPDX-License-Identifier: BSD-2-Clause */
/* The conformance tests' host and driver-side admin queue (see the header). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim_dma.h"
#include "sim_test_fixture.h"

#define FX_POLLS_PER_CMD 4   /* the model completes a command in one poll */

static void *fx_region_alloc(void *ctx, struct x710sim_fn fn, enum x710sim_region r,
			     size_t size)
{
	(void)ctx; (void)fn; (void)r;
	return calloc(1, size);
}

static void fx_region_free(void *ctx, struct x710sim_fn fn, enum x710sim_region r,
			   void *mem, size_t size)
{
	(void)ctx; (void)fn; (void)r; (void)size;
	free(mem);
}

static void fx_fn_added(void *ctx, struct x710sim_fn fn)
{
	(void)fn;
	((struct fx *)ctx)->n_added++;
}

static void fx_fn_removed(void *ctx, struct x710sim_fn fn)
{
	(void)fn;
	((struct fx *)ctx)->n_removed++;
}

static void fx_irq_cb(void *ctx, struct x710sim_fn fn, unsigned int vector)
{
	struct fx *fx = ctx;

	if (fx->n_irqs < FX_MAX_IRQS)
		fx->irqs[fx->n_irqs++] = (struct fx_irq){ fn, vector };
}

static void fx_log(void *ctx, const char *msg)
{
	struct fx *fx = ctx;

	snprintf(fx->last_log, sizeof(fx->last_log), "%s", msg);
}

static uint64_t fx_now(void *ctx)
{
	return ((struct fx *)ctx)->clock_ns;
}

void fx_setup(struct fx *fx, unsigned int n_pfs, unsigned int vfs)
{
	struct x710sim_params p;

	x710sim_params_default(&p);
	p.n_pfs = n_pfs;
	p.vfs_per_pf = vfs;
	fx_setup_params(fx, &p);
}

void fx_setup_params(struct fx *fx, const struct x710sim_params *p)
{
	struct x710sim_host_ops host = {
		.region_alloc = fx_region_alloc, .region_free = fx_region_free,
		.fn_added = fx_fn_added, .fn_removed = fx_fn_removed,
		.irq = fx_irq_cb, .log = fx_log, .now_ns = fx_now, .ctx = fx,
	};

	memset(fx, 0, sizeof(*fx));
	assert_int_equal(x710sim_create(p, &host, &sim_dma_identity, &fx->sim), 0);
}

void fx_teardown(struct fx *fx)
{
	x710sim_destroy(fx->sim);
	fx->sim = NULL;
}

struct x710sim_fn fx_pf(unsigned int pf)
{
	return (struct x710sim_fn){ pf, -1 };
}

struct x710sim_fn fx_vf(unsigned int pf, unsigned int vf)
{
	return (struct x710sim_fn){ pf, (int)vf };
}

static volatile uint32_t *bar(struct fx *fx, struct x710sim_fn fn)
{
	volatile uint32_t *b = x710sim_region(fx->sim, fn, X710SIM_REGION_BAR0, NULL);

	assert_non_null((void *)(uintptr_t)b);
	return b;
}

uint32_t fx_r32(struct fx *fx, struct x710sim_fn fn, uint32_t off)
{
	return bar(fx, fn)[off / 4];
}

void fx_w32(struct fx *fx, struct x710sim_fn fn, uint32_t off, uint32_t val)
{
	bar(fx, fn)[off / 4] = val;
}

uint8_t *fx_cfg(struct fx *fx, struct x710sim_fn fn)
{
	uint8_t *c = x710sim_region(fx->sim, fn, X710SIM_REGION_CONFIG, NULL);

	assert_non_null(c);
	return c;
}

static void *dma_zalloc(size_t n)
{
	void *p = aligned_alloc(4096, (n + 4095) & ~(size_t)4095);

	assert_non_null(p);
	memset(p, 0, n);
	return p;
}

static void post_arq(struct fx_aq *q, unsigned int i)
{
	struct x710_aq_desc *d = &q->arq[i];
	uint64_t a = (uintptr_t)q->arq_buf[i];

	memset(d, 0, sizeof(*d));
	d->flags = X710_AQ_FLAG_BUF | X710_AQ_FLAG_LB;
	d->datalen = FX_AQ_BUF;
	d->params.ext.addr_high = (uint32_t)(a >> 32);
	d->params.ext.addr_low = (uint32_t)a;
}

void fx_aq_init(struct fx *fx, struct fx_aq *q, struct x710sim_fn fn)
{
	uint64_t atq, arq;

	memset(q, 0, sizeof(*q));
	q->fx = fx;
	q->fn = fn;
	if (fn.vf < 0) {
		q->atq_bal = X710_PF_ATQBAL; q->atq_bah = X710_PF_ATQBAH; q->atq_len = X710_PF_ATQLEN;
		q->atq_h = X710_PF_ATQH; q->atq_t = X710_PF_ATQT;
		q->arq_bal = X710_PF_ARQBAL; q->arq_bah = X710_PF_ARQBAH; q->arq_len = X710_PF_ARQLEN;
		q->arq_h = X710_PF_ARQH; q->arq_t = X710_PF_ARQT;
	} else {
		q->atq_bal = X710_VF_ATQBAL1; q->atq_bah = X710_VF_ATQBAH1; q->atq_len = X710_VF_ATQLEN1;
		q->atq_h = X710_VF_ATQH1; q->atq_t = X710_VF_ATQT1;
		q->arq_bal = X710_VF_ARQBAL1; q->arq_bah = X710_VF_ARQBAH1; q->arq_len = X710_VF_ARQLEN1;
		q->arq_h = X710_VF_ARQH1; q->arq_t = X710_VF_ARQT1;
	}
	q->atq = dma_zalloc(FX_AQ_LEN * sizeof(*q->atq));
	q->arq = dma_zalloc(FX_AQ_LEN * sizeof(*q->arq));
	q->atq_buf = dma_zalloc(FX_AQ_BUF);
	for (unsigned int i = 0; i < FX_AQ_LEN; i++) {
		q->arq_buf[i] = dma_zalloc(FX_AQ_BUF);
		post_arq(q, i);
	}
	atq = (uintptr_t)q->atq;
	arq = (uintptr_t)q->arq;
	/* The order of iavf_init_adminq (spec §1.2 P2). */
	fx_w32(fx, fn, q->atq_h, 0);
	fx_w32(fx, fn, q->atq_t, 0);
	fx_w32(fx, fn, q->atq_len, FX_AQ_LEN | X710_AQLEN_ENABLE_MASK);
	fx_w32(fx, fn, q->atq_bal, (uint32_t)atq);
	fx_w32(fx, fn, q->atq_bah, (uint32_t)(atq >> 32));
	fx_w32(fx, fn, q->arq_h, 0);
	fx_w32(fx, fn, q->arq_t, 0);
	fx_w32(fx, fn, q->arq_len, FX_AQ_LEN | X710_AQLEN_ENABLE_MASK);
	fx_w32(fx, fn, q->arq_bal, (uint32_t)arq);
	fx_w32(fx, fn, q->arq_bah, (uint32_t)(arq >> 32));
	fx_w32(fx, fn, q->arq_t, FX_AQ_LEN - 1);
	x710sim_poll(fx->sim);
}

void fx_aq_fini(struct fx_aq *q)
{
	free(q->atq);
	free(q->arq);
	free(q->atq_buf);
	for (unsigned int i = 0; i < FX_AQ_LEN; i++)
		free(q->arq_buf[i]);
}

void fx_desc(struct x710_aq_desc *d, uint16_t opcode)
{
	memset(d, 0, sizeof(*d));
	d->opcode = opcode;
	d->flags = X710_AQ_FLAG_SI;
}

int fx_aq_send(struct fx_aq *q, struct x710_aq_desc *d, void *buf, uint16_t len)
{
	unsigned int slot = q->ntu;
	uint64_t a = (uintptr_t)q->atq_buf;

	if (buf != NULL) {
		memcpy(q->atq_buf, buf, len);
		d->flags |= X710_AQ_FLAG_BUF | X710_AQ_FLAG_RD | (len > X710_AQ_LARGE_BUF ? X710_AQ_FLAG_LB : 0);
		d->datalen = len;
		d->params.ext.addr_high = (uint32_t)(a >> 32);
		d->params.ext.addr_low = (uint32_t)a;
	}
	q->atq[slot] = *d;
	q->ntu = (q->ntu + 1) % FX_AQ_LEN;
	fx_w32(q->fx, q->fn, q->atq_t, q->ntu);
	for (unsigned int i = 0; i < FX_POLLS_PER_CMD; i++) {
		x710sim_poll(q->fx->sim);
		if (fx_r32(q->fx, q->fn, q->atq_h) == q->ntu) {
			*d = q->atq[slot];
			if (buf != NULL)
				memcpy(buf, q->atq_buf, len);
			return 0;
		}
	}
	return -ETIMEDOUT;
}

int fx_arq_recv(struct fx_aq *q, struct x710_aq_desc *d, void *buf, size_t cap)
{
	unsigned int i = q->ntc;
	size_t n;

	if ((fx_r32(q->fx, q->fn, q->arq_h) & X710_AQ_HT_MASK) == q->ntc)
		return -EAGAIN;
	*d = q->arq[i];
	n = d->datalen < cap ? d->datalen : cap;
	if (buf != NULL && n)
		memcpy(buf, q->arq_buf[i], n);
	post_arq(q, i);
	fx_w32(q->fx, q->fn, q->arq_t, i);   /* as i40e_clean_arq_element */
	q->ntc = (q->ntc + 1) % FX_AQ_LEN;
	return (int)d->datalen;
}

unsigned int fx_irq_count(const struct fx *fx, struct x710sim_fn fn, unsigned int vector)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < fx->n_irqs; i++)
		n += fx->irqs[i].fn.pf == fn.pf && fx->irqs[i].fn.vf == fn.vf &&
		     fx->irqs[i].vector == vector;
	return n;
}

void fx_pf_env_setup(struct fx_pf_env *e, unsigned int n_pfs, unsigned int vfs,
		     unsigned int pf)
{
	fx_setup(&e->fx, n_pfs, vfs);
	fx_aq_init(&e->fx, &e->pf, fx_pf(pf));
}

void fx_pf_env_teardown(struct fx_pf_env *e)
{
	fx_aq_fini(&e->pf);
	fx_teardown(&e->fx);
}
