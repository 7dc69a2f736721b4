/* SPDX-License-Identifier: BSD-2-Clause */
/* Two queue pairs on the model's data path; see x710vf_sim_pair.h. */
#include <errno.h>
#include <string.h>

#include <rte_malloc.h>

#include "sim_dp_test_dma.h"
#include "x710vf_sim_pair.h"

#define QLEN SIM_PAIR_QLEN
#define RXMAX 9000              /* largest frame the model accepts here */

static int
side_open(struct env *e, struct side *s, uint16_t vsi, uint16_t pfq, uint16_t dbuff)
{
	struct sim_queue_binding rb = { .tail = &s->rx_tail, .pf = 0, .pf_queue = pfq,
					.vsi = vsi, .vf = 0 };
	struct sim_queue_binding tb = { .tail = &s->tx_tail, .pf = 0, .pf_queue = pfq,
					.vsi = vsi, .vf = 0 };
	struct x710vf_rx_queue *r = &s->rxq;
	struct x710vf_tx_queue *t = &s->txq;
	struct rte_mbuf tmpl = { .data_off = RTE_PKTMBUF_HEADROOM, .nb_segs = 1 };

	r->ring = rte_zmalloc("rx", QLEN * sizeof(struct x710_rx_desc_wb), X710VF_RING_ALIGN);
	r->sw_ring = rte_zmalloc("rxsw", QLEN * sizeof(void *), 0);
	t->ring = rte_zmalloc("tx", QLEN * sizeof(struct x710_tx_desc), X710VF_RING_ALIGN);
	t->sw_ring = rte_zmalloc("txsw", QLEN * sizeof(void *), 0);
	if (!r->ring || !r->sw_ring || !t->ring || !t->sw_ring)
		return -ENOMEM;
	r->tail = &s->rx_tail;
	r->mp = e->mp;
	r->nb_desc = QLEN;
	r->mask = QLEN - 1;
	r->free_thresh = X710VF_RX_FREE_THRESH;
	r->buf_len = dbuff;
	rte_mbuf_refcnt_set(&tmpl, 1);
	r->mbuf_init = *X710VF_MBUF_REARM(&tmpl);
	t->tail = &s->tx_tail;
	t->nb_desc = QLEN;
	t->mask = QLEN - 1;
	t->rs_thresh = X710VF_TX_RS_THRESH;
	x710vf_txq_reset(t);
	if (x710vf_rxq_arm(r) != 0)
		return -ENOMEM;

	struct sim_rxq_ctx rc = { .base_iova = (uintptr_t)r->ring, .qlen = QLEN,
				  .dbuff_bytes = dbuff, .dsize_32 = true, .crcstrip = true,
				  .rxmax = RXMAX };
	struct sim_txq_ctx tc = { .base_iova = (uintptr_t)t->ring, .qlen = QLEN };
	int rc1 = sim_dp_rxq_start(e->fx.dp, &rb, &rc);
	return rc1 != 0 ? rc1 : sim_dp_txq_start(e->fx.dp, &tb, &tc);
}

static void
side_close(struct env *e, struct side *s, uint16_t pfq)
{
	sim_dp_rxq_stop(e->fx.dp, 0, pfq);
	sim_dp_txq_stop(e->fx.dp, 0, pfq);
	x710vf_rxq_drain(&s->rxq);
	x710vf_txq_drain(&s->txq);
	rte_free((void *)(uintptr_t)s->rxq.ring);
	rte_free(s->rxq.sw_ring);
	rte_free((void *)(uintptr_t)s->txq.ring);
	rte_free(s->txq.sw_ring);
}

int
sim_pair_open(struct env *e, struct rte_mempool *mp, uint16_t dbuff_a, uint16_t dbuff_b)
{
	memset(e, 0, sizeof(*e));
	e->mp = mp;
	if (fx_setup(&e->fx, 1, &sim_dp_test_identity_dma) != 0)
		return -1;
	fx_vsi(&e->fx, SIM_PAIR_VSI_A, 0, fx_mac_a, SIM_PAIR_PFQ_A);
	fx_vsi(&e->fx, SIM_PAIR_VSI_B, 0, fx_mac_b, SIM_PAIR_PFQ_B);
	if (side_open(e, &e->a, SIM_PAIR_VSI_A, SIM_PAIR_PFQ_A, dbuff_a) != 0 ||
	    side_open(e, &e->b, SIM_PAIR_VSI_B, SIM_PAIR_PFQ_B, dbuff_b) != 0)
		return -1;
	return 0;
}

void
sim_pair_close(struct env *e)
{
	side_close(e, &e->a, SIM_PAIR_PFQ_A);
	side_close(e, &e->b, SIM_PAIR_PFQ_B);
	fx_teardown(&e->fx);
}

void
sim_pair_run(struct env *e)
{
	while (sim_dp_poll(e->fx.dp) != 0)
		;
}

