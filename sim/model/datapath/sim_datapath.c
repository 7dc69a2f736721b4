/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The data path's lifecycle and bookkeeping: queue start/stop with a dense
 * list of running Tx queues (so a poll costs O(running queues)), per-port
 * link and wire settings, counters, and the poll loop itself.
 */
#include <errno.h>
#include <stdlib.h>

#include "sim_dp_internal.h"

#define SIM_DP_QLEN_MAX   8191   /* 13-bit qlen in the HMC contexts, §3.6 */
#define SIM_DP_RXMAX_MAX  16383  /* 14-bit rxmax, §3.6 */
#define SIM_DP_DBUFF_UNIT 128    /* rx ctx dbuff is in 128-byte units, §3.6 */
#define SIM_DP_ETH_CRC_POLY 0xEDB88320u  /* IEEE 802.3 CRC-32, reflected */

static void build_crc_table(uint32_t table[256])
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ SIM_DP_ETH_CRC_POLY : c >> 1;
		table[i] = c;
	}
}

uint32_t sim_dp_fcs(const struct sim_datapath *dp, const uint8_t *data, size_t len)
{
	uint32_t c = 0xFFFFFFFFu;

	for (size_t i = 0; i < len; i++)
		c = dp->crc_table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

int sim_dp_create(const struct sim_dp_params *params, struct sim_datapath **out)
{
	struct sim_datapath *dp;
	size_t nq;

	if (params == NULL || out == NULL || params->n_ports == 0 ||
	    params->n_ports > SIM_DP_MAX_PORTS || params->vsis == NULL ||
	    params->dma == NULL || params->dma->map == NULL)
		return -EINVAL;
	dp = calloc(1, sizeof(*dp));
	if (dp == NULL)
		return -ENOMEM;
	nq = (size_t)params->n_ports * SIM_DP_MAX_QUEUES;
	dp->txqs = calloc(nq, sizeof(*dp->txqs));
	dp->rxqs = calloc(nq, sizeof(*dp->rxqs));
	dp->tx_active = calloc(nq, sizeof(*dp->tx_active));
	if (dp->txqs == NULL || dp->rxqs == NULL || dp->tx_active == NULL) {
		sim_dp_destroy(dp);
		return -ENOMEM;
	}
	dp->params = *params;
	for (unsigned int p = 0; p < params->n_ports; p++) {
		dp->ports[p].link_up = true;
		dp->ports[p].mode = SIM_WIRE_LOOPBACK;
	}
	build_crc_table(dp->crc_table);
	*out = dp;
	return 0;
}

void sim_dp_destroy(struct sim_datapath *dp)
{
	if (dp == NULL)
		return;
	free(dp->tx_active);
	free(dp->rxqs);
	free(dp->txqs);
	free(dp);
}

static bool queue_name_ok(const struct sim_datapath *dp, unsigned int pf, unsigned int q)
{
	return dp != NULL && pf < dp->params.n_ports && q < SIM_DP_MAX_QUEUES;
}

/* Try to view a whole ring through one mapping; NULL means per-descriptor DMA. */
static uint8_t *map_ring(const struct sim_dma_ops *dma, uint64_t base, size_t bytes)
{
	return sim_dma_map(dma, base, bytes);
}

int sim_dp_txq_start(struct sim_datapath *dp, const struct sim_queue_binding *b,
		     const struct sim_txq_ctx *ctx)
{
	struct sim_txq *q;

	if (b == NULL || ctx == NULL || !queue_name_ok(dp, b->pf, b->pf_queue) || b->tail == NULL)
		return -EINVAL;
	/* A ring needs two slots so that head == tail can mean empty. */
	if (ctx->qlen < 2 || ctx->qlen > SIM_DP_QLEN_MAX || ctx->head >= ctx->qlen ||
	    ctx->base_iova == 0)
		return -EINVAL;
	q = sim_dp_txq(dp, b->pf, b->pf_queue);
	if (!q->running) {
		q->active_slot = dp->n_tx_active;
		dp->tx_active[dp->n_tx_active++] = q;
	}
	q->running = true;
	q->b = *b;
	q->ctx = *ctx;
	q->head = ctx->head;
	q->bad_tail = 0;
	q->ring = map_ring(dp->params.dma, ctx->base_iova, (size_t)ctx->qlen * 16);
	return 0;
}

int sim_dp_rxq_start(struct sim_datapath *dp, const struct sim_queue_binding *b,
		     const struct sim_rxq_ctx *ctx)
{
	struct sim_rxq *q;

	if (b == NULL || ctx == NULL || !queue_name_ok(dp, b->pf, b->pf_queue) || b->tail == NULL)
		return -EINVAL;
	if (ctx->qlen < 2 || ctx->qlen > SIM_DP_QLEN_MAX || ctx->head >= ctx->qlen ||
	    ctx->base_iova == 0 || ctx->dbuff_bytes == 0 ||
	    ctx->dbuff_bytes % SIM_DP_DBUFF_UNIT != 0 || ctx->rxmax > SIM_DP_RXMAX_MAX)
		return -EINVAL;
	/* Only the 32-byte legacy format without header split is modelled (§4.2, §4.3). */
	if (!ctx->dsize_32 || ctx->dtype != 0)
		return -ENOTSUP;
	q = sim_dp_rxq(dp, b->pf, b->pf_queue);
	q->running = true;
	q->b = *b;
	q->ctx = *ctx;
	q->head = ctx->head;
	q->tail = ctx->head;
	q->overrun = 0;
	q->bad_tail = 0;
	q->ring = map_ring(dp->params.dma, ctx->base_iova, (size_t)ctx->qlen * 32);
	return 0;
}

void sim_dp_txq_stop(struct sim_datapath *dp, unsigned int pf, unsigned int pf_queue)
{
	struct sim_txq *q;

	if (!queue_name_ok(dp, pf, pf_queue))
		return;
	q = sim_dp_txq(dp, pf, pf_queue);
	if (!q->running)
		return;
	/* Swap the last running queue into this slot: the list stays dense. */
	dp->tx_active[q->active_slot] = dp->tx_active[--dp->n_tx_active];
	dp->tx_active[q->active_slot]->active_slot = q->active_slot;
	q->running = false;
	q->ring = NULL;
}

void sim_dp_rxq_stop(struct sim_datapath *dp, unsigned int pf, unsigned int pf_queue)
{
	struct sim_rxq *q;

	if (!queue_name_ok(dp, pf, pf_queue))
		return;
	q = sim_dp_rxq(dp, pf, pf_queue);
	q->running = false;
	q->ring = NULL;
}

int sim_dp_txq_head(struct sim_datapath *dp, unsigned int pf, unsigned int pf_queue)
{
	if (!queue_name_ok(dp, pf, pf_queue) || !sim_dp_txq(dp, pf, pf_queue)->running)
		return -1;
	return sim_dp_txq(dp, pf, pf_queue)->head;
}

int sim_dp_rxq_head(struct sim_datapath *dp, unsigned int pf, unsigned int pf_queue)
{
	if (!queue_name_ok(dp, pf, pf_queue) || !sim_dp_rxq(dp, pf, pf_queue)->running)
		return -1;
	return sim_dp_rxq(dp, pf, pf_queue)->head;
}

void sim_dp_set_rss(struct sim_datapath *dp, unsigned int vsi_num,
		    const uint8_t key[SIM_RSS_KEY_SIZE],
		    const uint8_t lut[SIM_RSS_LUT_SIZE], uint64_t hena)
{
	struct sim_rss_cfg *r;

	if (dp == NULL || vsi_num >= SIM_VSI_MAX)
		return;
	r = &dp->rss[vsi_num];
	if (key != NULL)
		memcpy(r->key, key, SIM_RSS_KEY_SIZE);
	if (lut != NULL)
		memcpy(r->lut, lut, SIM_RSS_LUT_SIZE);
	r->hena = hena;
	r->set = true;
}

void sim_dp_set_link(struct sim_datapath *dp, unsigned int port, int up)
{
	if (dp != NULL && port < dp->params.n_ports)
		dp->ports[port].link_up = up != 0;
}

void sim_dp_set_wire(struct sim_datapath *dp, unsigned int port,
		     enum sim_wire_mode mode, sim_wire_sink_fn sink, void *ctx)
{
	if (dp == NULL || port >= dp->params.n_ports)
		return;
	if (mode != SIM_WIRE_LOOPBACK && mode != SIM_WIRE_SINK)
		return;
	dp->ports[port].mode = mode;
	dp->ports[port].sink = sink;
	dp->ports[port].sink_ctx = ctx;
}

void sim_dp_inject_rx_overrun(struct sim_datapath *dp, unsigned int pf,
			      unsigned int pf_queue, unsigned int n)
{
	if (queue_name_ok(dp, pf, pf_queue))
		sim_dp_rxq(dp, pf, pf_queue)->overrun += n;
}

const struct sim_port_stats *sim_dp_port_stats(const struct sim_datapath *dp,
					       unsigned int port)
{
	if (dp == NULL || port >= dp->params.n_ports)
		return NULL;
	return &dp->ports[port].stats;
}

uint64_t sim_dp_queue_bad_tail(const struct sim_datapath *dp, unsigned int pf,
			       unsigned int pf_queue, int tx)
{
	size_t i = (size_t)pf * SIM_DP_MAX_QUEUES + pf_queue;

	if (!queue_name_ok(dp, pf, pf_queue))
		return 0;
	return tx ? dp->txqs[i].bad_tail : dp->rxqs[i].bad_tail;
}

void sim_dp_rx_discard(struct sim_datapath *dp, struct sim_vsi *vsi, unsigned int port,
		       enum sim_drop_reason why, const struct sim_frame *f)
{
	sim_dp_count_drop(dp, vsi, port, why);
	sim_dp_count_rx(vsi, f);
	vsi->stats.rx_discards++;
}

struct sim_vsi *sim_dp_vsi(struct sim_datapath *dp, unsigned int num)
{
	struct sim_vsi *v = dp->params.vsis;

	/* The control model normally keeps VSI n at index n; search otherwise. */
	if (num < SIM_VSI_MAX && v[num].in_use && v[num].vsi_num == num)
		return &v[num];
	for (unsigned int i = 0; i < SIM_VSI_MAX; i++)
		if (v[i].in_use && v[i].vsi_num == num)
			return &v[i];
	return NULL;
}

void sim_dp_count_drop(struct sim_datapath *dp, struct sim_vsi *vsi,
		       unsigned int port, enum sim_drop_reason why)
{
	if (vsi != NULL)
		vsi->drops[why]++;
	if (port < dp->params.n_ports)
		dp->ports[port].stats.drops[why]++;
}

/* The VSI table belongs to the control model and changes without notice:
 * index it by port once per poll that has frames to switch. */
static void build_port_lists(struct sim_datapath *dp)
{
	const struct sim_vsi *v = dp->params.vsis;

	for (unsigned int p = 0; p < dp->params.n_ports; p++)
		dp->ports[p].n_vsis = 0;
	for (unsigned int i = 0; i < SIM_VSI_MAX; i++) {
		struct sim_port *port;

		if (!v[i].in_use || v[i].pf >= dp->params.n_ports)
			continue;
		port = &dp->ports[v[i].pf];
		port->vsis[port->n_vsis++] = (uint16_t)i;
	}
	dp->port_lists_valid = true;
}

int sim_dp_wire_inject(struct sim_datapath *dp, unsigned int port,
		       const uint8_t *frame, size_t len)
{
	struct sim_frame f;

	if (dp == NULL || port >= dp->params.n_ports || frame == NULL)
		return -EINVAL;
	if (sim_dp_frame_init(&f, frame, len) < 0)
		return -EINVAL;
	build_port_lists(dp);
	return sim_dp_switch_from_wire(dp, port, &f);
}

unsigned int sim_dp_poll(struct sim_datapath *dp)
{
	unsigned int work = 0;

	if (dp == NULL)
		return 0;
	dp->port_lists_valid = false;
	dp->now_valid = false;
	for (unsigned int i = 0; i < dp->n_tx_active; i++) {
		struct sim_txq *q = dp->tx_active[i];

		if (*q->b.tail == q->head)
			continue;
		if (!dp->port_lists_valid)
			build_port_lists(dp);
		work += sim_dp_txq_process(dp, q, SIM_DP_TX_BUDGET);
	}
	return work;
}
