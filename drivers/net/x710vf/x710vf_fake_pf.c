/* SPDX-License-Identifier: BSD-2-Clause */
/* Fake PF for the unit tests; see x710vf_fake_pf.h. */
#include <stdlib.h>
#include <string.h>

#include "x710/x710_regs.h"
#include "x710vf_fake_pf.h"

uint32_t
fake_pf_rd(const struct fake_pf *pf, uint32_t off)
{
	uint32_t v;
	memcpy(&v, pf->bar0 + off, sizeof(v));
	return v;
}

void
fake_pf_wr(struct fake_pf *pf, uint32_t off, uint32_t v)
{
	memcpy(pf->bar0 + off, &v, sizeof(v));
}

void
fake_pf_init(struct fake_pf *pf, fake_pf_answer_fn answer, void *ctx)
{
	memset(pf, 0, sizeof(*pf));
	pf->answer = answer;
	pf->ctx = ctx;
	fake_pf_wr(pf, X710_VFGEN_RSTAT, X710_VFR_VFACTIVE);
}

int
fake_pf_attach(struct fake_pf *pf, struct x710vf_mbx *mbx)
{
	/* aligned_alloc wants a size that is a multiple of the alignment (C11). */
	size_t page = 4096, size = (X710VF_MBX_MEM_SIZE + page - 1) / page * page;
	pf->mbx_mem = aligned_alloc(page, size);
	if (pf->mbx_mem == NULL)
		return -1;
	return x710vf_mbx_init(mbx, pf->bar0, pf->mbx_mem, (uintptr_t)pf->mbx_mem);
}

void
fake_pf_fini(struct fake_pf *pf)
{
	free(pf->mbx_mem);
	pf->mbx_mem = NULL;
}

static void *
dma(uint32_t hi, uint32_t lo)
{
	return (void *)(uintptr_t)(((uint64_t)hi << 32) | lo);
}

static struct x710_aq_desc *
ring(const struct fake_pf *pf, uint32_t bal, uint32_t bah)
{
	return dma(fake_pf_rd(pf, bah), fake_pf_rd(pf, bal));
}

int
fake_pf_post(struct fake_pf *pf, uint16_t aq_opcode, uint16_t flags, uint32_t v_op,
	     int32_t status, const void *msg, uint16_t len)
{
	uint32_t n = fake_pf_rd(pf, X710_VF_ARQLEN1) & X710_AQLEN_LEN_MASK;
	uint32_t h = fake_pf_rd(pf, X710_VF_ARQH1), t = fake_pf_rd(pf, X710_VF_ARQT1);
	if (n == 0 || h == t)
		return -1;
	struct x710_aq_desc *d = &ring(pf, X710_VF_ARQBAL1, X710_VF_ARQBAH1)[h];
	if (len > 0)
		memcpy(dma(d->params.ext.addr_high, d->params.ext.addr_low), msg, len);
	d->opcode = aq_opcode;
	d->datalen = len;
	d->cookie_high = v_op;
	d->cookie_low = (uint32_t)status;
	d->flags = flags;
	fake_pf_wr(pf, X710_VF_ARQH1, (h + 1) % n);
	return 0;
}

void
fake_pf_step(struct fake_pf *pf)
{
	uint32_t n = fake_pf_rd(pf, X710_VF_ATQLEN1) & X710_AQLEN_LEN_MASK;
	if (n == 0)
		return;
	struct x710_aq_desc *r = ring(pf, X710_VF_ATQBAL1, X710_VF_ATQBAH1);
	uint32_t h = fake_pf_rd(pf, X710_VF_ATQH1), t = fake_pf_rd(pf, X710_VF_ATQT1);
	while (h != t) {
		struct x710_aq_desc *d = &r[h];
		pf->received++;
		pf->last_op = d->cookie_high;
		pf->last_len = d->datalen;
		pf->last_flags = d->flags;
		if (d->datalen > 0 && d->datalen <= FAKE_MAX_MSG)
			memcpy(pf->last_msg, dma(d->params.ext.addr_high, d->params.ext.addr_low),
			       d->datalen);
		d->flags |= X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP;
		h = (h + 1) % n;
		fake_pf_wr(pf, X710_VF_ATQH1, h);

		uint8_t reply[FAKE_MAX_MSG];
		uint16_t rlen = 0;
		int32_t status = 0;
		if (pf->answer && pf->answer(pf, pf->last_op, pf->last_msg, pf->last_len, reply,
					     &rlen, &status))
			fake_pf_post(pf, X710_AQC_SEND_MSG_TO_VF,
				     X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP | X710_AQ_FLAG_BUF,
				     pf->last_op, status, reply, rlen);
	}
}
