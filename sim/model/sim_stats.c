/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-VSI counters (kept by the data path in struct sim_vsi) published in
 * the GLV_* registers at the VSI's stat_counter_idx, as 48-bit low/high
 * pairs (spec §3.7 GET_STATS reads them).
 */
#include "sim_model.h"

#define STAT48_MASK ((UINT64_C(1) << 48) - 1)

static void put48(struct sim_func *f, uint32_t lo_off, uint64_t v)
{
	v &= STAT48_MASK;
	f->bar0[lo_off / 4] = (uint32_t)v;
	f->bar0[lo_off / 4 + 1] = (uint32_t)(v >> 32);
}

void sim_stats_refresh(struct x710sim *sim, struct sim_pf *pf)
{
	struct sim_func *f = &pf->fn;

	for (unsigned int i = 0; i < SIM_VSI_MAX; i++) {
		const struct sim_vsi *v = &sim->vsis[i];
		const struct sim_eth_stats *s = &v->stats;
		unsigned int k;

		if (!v->in_use || v->pf != pf->idx)
			continue;
		k = (unsigned int)(v->props[X710_VSI_PROP_STAT_COUNTER_IDX] |
				   v->props[X710_VSI_PROP_STAT_COUNTER_IDX + 1] << 8);
		if (k >= X710_GLV_STAT_COUNTERS)
			continue;
		put48(f, X710_GLV_GORCL(k), s->rx_bytes);
		put48(f, X710_GLV_UPRCL(k), s->rx_unicast);
		put48(f, X710_GLV_MPRCL(k), s->rx_multicast);
		put48(f, X710_GLV_BPRCL(k), s->rx_broadcast);
		f->bar0[X710_GLV_RDPC(k) / 4] = (uint32_t)s->rx_discards;
		f->bar0[X710_GLV_RUPP(k) / 4] = (uint32_t)s->rx_unknown_protocol;
		put48(f, X710_GLV_GOTCL(k), s->tx_bytes);
		put48(f, X710_GLV_UPTCL(k), s->tx_unicast);
		put48(f, X710_GLV_MPTCL(k), s->tx_multicast);
		put48(f, X710_GLV_BPTCL(k), s->tx_broadcast);
		f->bar0[X710_GLV_TEPC(k) / 4] = (uint32_t)s->tx_errors;
	}
}
