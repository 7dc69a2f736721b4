/* SPDX-License-Identifier: BSD-2-Clause */
/* The hardware layer's test fixture (see the header). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim_dma.h"
#include "x710_pf.h"
#include "x710_test_fixture.h"

#define TF_POLL_LIMIT 16   /* the model completes a VF command in one poll */

static void *region_alloc(void *ctx, struct x710sim_fn fn, enum x710sim_region r, size_t size)
{
	(void)ctx; (void)fn; (void)r;
	return calloc(1, size);
}

static void region_free(void *ctx, struct x710sim_fn fn, enum x710sim_region r, void *mem,
			size_t size)
{
	(void)ctx; (void)fn; (void)r; (void)size;
	free(mem);
}

void tf_setup_model(struct tf *t, unsigned int vfs_per_pf)
{
	struct x710sim_params p;
	struct x710sim_host_ops host = {
		.region_alloc = region_alloc, .region_free = region_free,
	};

	memset(t, 0, sizeof(*t));
	x710sim_params_default(&p);
	p.n_pfs = 2;
	p.vfs_per_pf = vfs_per_pf;
	assert_int_equal(x710sim_create(&p, &host, &sim_dma_identity, &t->sim), 0);
	t->hw = calloc(1, sizeof(*t->hw));
	assert_non_null(t->hw);
	t->hw->os = x710_osdep_sim_init(&t->os_sim, t->sim, 0);
	if (getenv("X710_TEST_VERBOSE") != NULL)
		t->os_sim.log_level = X710_LOG_DEBUG;
}

void tf_setup_pf(struct tf *t, unsigned int vfs_per_pf)
{
	struct x710_pf_params p = { .pf_id = 0, .pf_reset = true };

	tf_setup_model(t, vfs_per_pf);
	assert_int_equal(x710_pf_init(t->hw, &p), 0);
}

void tf_teardown(struct tf *t)
{
	x710_pf_shutdown(t->hw);
	x710_osdep_sim_fini(&t->os_sim);
	free(t->hw);
	x710sim_destroy(t->sim);
	memset(t, 0, sizeof(*t));
}

uint32_t tf_pf_rd(struct tf *t, uint32_t off)
{
	return x710sim_rd32(t->sim, (struct x710sim_fn){ 0, -1 }, off);
}

uint32_t tf_vf_rd(struct tf *t, unsigned int vf, uint32_t off)
{
	return x710sim_rd32(t->sim, (struct x710sim_fn){ 0, (int)vf }, off);
}

static void vf_wr(struct tf *t, unsigned int vf, uint32_t off, uint32_t v)
{
	x710sim_wr32(t->sim, (struct x710sim_fn){ 0, (int)vf }, off, v);
}

static void *zalloc(size_t n)
{
	void *p = aligned_alloc(4096, (n + 4095) & ~(size_t)4095);

	assert_non_null(p);
	memset(p, 0, n);
	return p;
}

static void post(struct tf_vf_aq *q, unsigned int i)
{
	struct x710_aq_desc *d = &q->arq[i];
	uint64_t a = (uintptr_t)q->arq_buf[i];

	memset(d, 0, sizeof(*d));
	d->flags = X710_AQ_FLAG_BUF | X710_AQ_FLAG_LB;
	d->datalen = TF_VF_AQ_BUF;
	d->params.ext.addr_high = (uint32_t)(a >> 32);
	d->params.ext.addr_low = (uint32_t)a;
}

void tf_vf_aq_init(struct tf *t, struct tf_vf_aq *q, unsigned int vf)
{
	uint64_t atq, arq;

	memset(q, 0, sizeof(*q));
	q->vf = vf;
	q->atq = zalloc(TF_VF_AQ_LEN * sizeof(*q->atq));
	q->arq = zalloc(TF_VF_AQ_LEN * sizeof(*q->arq));
	q->atq_buf = zalloc(TF_VF_AQ_BUF);
	for (unsigned int i = 0; i < TF_VF_AQ_LEN; i++) {
		q->arq_buf[i] = zalloc(TF_VF_AQ_BUF);
		post(q, i);
	}
	atq = (uintptr_t)q->atq;
	arq = (uintptr_t)q->arq;
	vf_wr(t, vf, X710_VF_ATQH1, 0);
	vf_wr(t, vf, X710_VF_ATQT1, 0);
	vf_wr(t, vf, X710_VF_ATQBAL1, (uint32_t)atq);
	vf_wr(t, vf, X710_VF_ATQBAH1, (uint32_t)(atq >> 32));
	vf_wr(t, vf, X710_VF_ATQLEN1, TF_VF_AQ_LEN | X710_AQLEN_ENABLE_MASK);
	vf_wr(t, vf, X710_VF_ARQH1, 0);
	vf_wr(t, vf, X710_VF_ARQT1, 0);
	vf_wr(t, vf, X710_VF_ARQBAL1, (uint32_t)arq);
	vf_wr(t, vf, X710_VF_ARQBAH1, (uint32_t)(arq >> 32));
	vf_wr(t, vf, X710_VF_ARQLEN1, TF_VF_AQ_LEN | X710_AQLEN_ENABLE_MASK);
	vf_wr(t, vf, X710_VF_ARQT1, TF_VF_AQ_LEN - 1);
	x710sim_poll(t->sim);
}

void tf_vf_aq_fini(struct tf_vf_aq *q)
{
	free(q->atq);
	free(q->arq);
	free(q->atq_buf);
	for (unsigned int i = 0; i < TF_VF_AQ_LEN; i++)
		free(q->arq_buf[i]);
}

void tf_vf_send(struct tf *t, struct tf_vf_aq *q, uint32_t v_opcode, const void *msg,
		uint16_t len)
{
	struct x710_aq_desc *d = &q->atq[q->ntu];
	uint64_t a = (uintptr_t)q->atq_buf;
	unsigned int i;

	assert_true(len <= TF_VF_AQ_BUF);
	memset(d, 0, sizeof(*d));
	d->opcode = X710_AQC_SEND_MSG_TO_PF;
	d->flags = X710_AQ_FLAG_SI;
	d->cookie_high = v_opcode;
	if (len > 0) {
		memcpy(q->atq_buf, msg, len);
		d->flags |= X710_AQ_FLAG_BUF | X710_AQ_FLAG_RD;
		d->datalen = len;
		d->params.ext.addr_high = (uint32_t)(a >> 32);
		d->params.ext.addr_low = (uint32_t)a;
	}
	q->ntu = (q->ntu + 1) % TF_VF_AQ_LEN;
	vf_wr(t, q->vf, X710_VF_ATQT1, q->ntu);
	for (i = 0; i < TF_POLL_LIMIT; i++) {
		x710sim_poll(t->sim);
		if ((tf_vf_rd(t, q->vf, X710_VF_ATQH1) & X710_AQ_HT_MASK) == q->ntu)
			break;
	}
	assert_true(i < TF_POLL_LIMIT);
	assert_true(d->flags & X710_AQ_FLAG_DD);
	assert_int_equal(d->retval, 0);
}

int tf_vf_recv(struct tf *t, struct tf_vf_aq *q, struct x710_aq_desc *d, void *buf, size_t cap)
{
	unsigned int head = tf_vf_rd(t, q->vf, X710_VF_ARQH1) & X710_AQ_HT_MASK;
	unsigned int at = q->ntc;
	size_t n;

	if (head == at)
		return -EAGAIN;
	*d = q->arq[at];
	n = d->datalen < cap ? d->datalen : cap;
	memcpy(buf, q->arq_buf[at], n);
	post(q, at);
	vf_wr(t, q->vf, X710_VF_ARQT1, at);
	q->ntc = (at + 1) % TF_VF_AQ_LEN;
	return (int)n;
}
