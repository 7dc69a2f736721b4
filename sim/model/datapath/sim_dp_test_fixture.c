/* SPDX-License-Identifier: BSD-2-Clause */
/* The data path's test fixture: see sim_dp_test_fixture.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sim_dp_test_dma.h"
#include "sim_dp_test_fixture.h"

#define FX_RING_ALIGN   128         /* ctx.base is in 128-byte units (§3.6) */
#define FX_ETHERTYPE    0x88B5      /* IEEE 802 local experimental ethertype */

const uint8_t fx_mac_a[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0A };
const uint8_t fx_mac_b[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0B };
const uint8_t fx_mac_c[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0C };
const uint8_t fx_mac_bcast[6] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
const uint8_t fx_mac_mcast[6] = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0x01 };

static uint64_t fx_clock(void *ctx)
{
	struct fx *fx = ctx;

	fx->clock_reads++;
	return fx->clock_ns;
}

int fx_setup(struct fx *fx, unsigned int n_ports, const struct sim_dma_ops *dma)
{
	struct sim_dp_params p;

	memset(fx, 0, sizeof(*fx));
	fx->vsis = calloc(SIM_VSI_MAX, sizeof(*fx->vsis));
	if (fx->vsis == NULL)
		return -ENOMEM;
	fx->dma = dma;
	p = (struct sim_dp_params){ .n_ports = n_ports, .vsis = fx->vsis, .dma = dma,
				    .now_ns = fx_clock, .clock_ctx = fx };
	return sim_dp_create(&p, &fx->dp);
}

void fx_teardown(struct fx *fx)
{
	sim_dp_destroy(fx->dp);
	free(fx->vsis);
}

struct sim_vsi *fx_vsi(struct fx *fx, unsigned int num, unsigned int pf,
		       const uint8_t mac[6], uint16_t pf_queue)
{
	struct sim_vsi *v = &fx->vsis[num];

	memset(v, 0, sizeof(*v));
	v->in_use = true;
	v->vsi_num = (uint16_t)num;
	v->pf = (uint8_t)pf;
	v->vf_abs = -1;
	v->type = SIM_VSI_VF;
	v->allow_lb = true;
	v->num_queues = 1;
	v->queue_map[0] = pf_queue;
	memcpy(v->filters[0].mac, mac, 6);
	v->filters[0].ignore_vlan = true;
	v->n_filters = 1;
	return v;
}

int fx_txq(struct fx *fx, struct fx_txring *t, unsigned int pf, uint16_t pfq,
	   uint16_t vsi, uint16_t qlen)
{
	struct sim_queue_binding b = { .tail = &t->tail, .pf = (uint16_t)pf,
				       .pf_queue = pfq, .vsi = vsi, .vf = 0 };
	struct sim_txq_ctx ctx = { 0 };

	memset(t, 0, sizeof(*t));
	t->qlen = qlen;
	t->ring = aligned_alloc(FX_RING_ALIGN, (size_t)qlen * sizeof(*t->ring));
	t->bufs = calloc(qlen, FX_BUF_SIZE);
	if (t->ring == NULL || t->bufs == NULL)
		return -ENOMEM;
	memset(t->ring, 0, (size_t)qlen * sizeof(*t->ring));
	ctx.base_iova = (uint64_t)(uintptr_t)t->ring;
	ctx.qlen = qlen;
	return sim_dp_txq_start(fx->dp, &b, &ctx);
}

int fx_rxq(struct fx *fx, struct fx_rxring *r, unsigned int pf, uint16_t pfq,
	   uint16_t vsi, uint16_t qlen, uint16_t dbuff, uint16_t rxmax, uint16_t n)
{
	struct sim_queue_binding b = { .tail = &r->tail, .pf = (uint16_t)pf,
				       .pf_queue = pfq, .vsi = vsi, .vf = 0 };
	struct sim_rxq_ctx ctx = { 0 };

	memset(r, 0, sizeof(*r));
	r->qlen = qlen;
	r->dbuff = dbuff;
	r->ring = aligned_alloc(FX_RING_ALIGN, (size_t)qlen * sizeof(*r->ring));
	r->bufs = calloc(qlen, dbuff);
	if (r->ring == NULL || r->bufs == NULL)
		return -ENOMEM;
	for (uint16_t i = 0; i < qlen; i++) {
		struct x710_rx_desc_read *d = (struct x710_rx_desc_read *)&r->ring[i];
		uint64_t addr = (uint64_t)(uintptr_t)fx_rx_buf(r, i);

		/* As iavf's vector rearm: the buffer IOVA in both addresses. */
		d->pkt_addr = addr;
		d->hdr_addr = addr;
		d->rsvd1 = d->rsvd2 = UINT64_MAX;   /* stale bits the model must overwrite */
	}
	r->tail = n % qlen;
	ctx.base_iova = (uint64_t)(uintptr_t)r->ring;
	ctx.qlen = qlen;
	ctx.dbuff_bytes = dbuff;
	ctx.dsize_32 = true;
	ctx.crcstrip = true;
	ctx.rxmax = rxmax;
	return sim_dp_rxq_start(fx->dp, &b, &ctx);
}

void fx_txring_free(struct fx_txring *t)
{
	free(t->ring);
	free(t->bufs);
}

void fx_rxring_free(struct fx_rxring *r)
{
	free(r->ring);
	free(r->bufs);
}

uint16_t fx_tx_data(struct fx_txring *t, const void *data, size_t len, unsigned int cmd)
{
	uint16_t slot = t->next;
	uint8_t *buf = t->bufs + (size_t)slot * FX_BUF_SIZE;

	memcpy(buf, data, len);
	t->ring[slot].buffer_addr = (uint64_t)(uintptr_t)buf;
	t->ring[slot].cmd_type_offset_bsz =
		((uint64_t)X710_TX_DTYPE_DATA << X710_TXD_QW1_DTYPE_SHIFT) |
		((uint64_t)cmd << X710_TXD_QW1_CMD_SHIFT) |
		((uint64_t)len << X710_TXD_QW1_BUF_SZ_SHIFT);
	t->next = (uint16_t)((slot + 1) % t->qlen);
	return slot;
}

uint16_t fx_tx_context(struct fx_txring *t)
{
	uint16_t slot = t->next;

	/* A context descriptor whose qw0 looks like an address: it must not be read as one. */
	t->ring[slot].buffer_addr = UINT64_C(0xDEAD0000);
	t->ring[slot].cmd_type_offset_bsz = X710_TX_DTYPE_CONTEXT |
		((uint64_t)X710_TX_CMD_RS << X710_TXD_QW1_CMD_SHIFT);
	t->next = (uint16_t)((slot + 1) % t->qlen);
	return slot;
}

size_t fx_frame(uint8_t *buf, size_t len, const uint8_t dst[6], const uint8_t src[6])
{
	memcpy(buf, dst, 6);
	memcpy(buf + 6, src, 6);
	buf[12] = FX_ETHERTYPE >> 8;
	buf[13] = FX_ETHERTYPE & 0xFF;
	for (size_t i = 14; i < len; i++)
		buf[i] = (uint8_t)(i * 7 + 3);
	return len;
}

uint64_t fx_rx_qw1(const struct fx_rxring *r, uint16_t i)
{
	return __atomic_load_n(&r->ring[i].qword1, __ATOMIC_ACQUIRE);
}

struct fx_ab *fx_ab_new(uint16_t qlen)
{
	struct fx_ab *ab = calloc(1, sizeof(*ab));

	if (ab == NULL)
		return NULL;
	if (fx_setup(&ab->fx, 1, &sim_dp_test_identity_dma) != 0) {
		free(ab);
		return NULL;
	}
	ab->a = fx_vsi(&ab->fx, 1, 0, fx_mac_a, 0);
	ab->b = fx_vsi(&ab->fx, 2, 0, fx_mac_b, 1);
	if (fx_txq(&ab->fx, &ab->tx, 0, 0, 1, qlen) != 0 ||
	    fx_rxq(&ab->fx, &ab->rx, 0, 1, 2, qlen, FX_BUF_SIZE, SIM_DP_MAX_FRAME,
		   (uint16_t)(qlen - 1)) != 0) {
		fx_ab_free(ab);
		return NULL;
	}
	return ab;
}

void fx_ab_free(struct fx_ab *ab)
{
	fx_txring_free(&ab->tx);
	fx_rxring_free(&ab->rx);
	fx_teardown(&ab->fx);
	free(ab);
}
