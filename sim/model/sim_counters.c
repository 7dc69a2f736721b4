/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Read-only views for operators and tests: VSIs, ports, drop reasons and
 * what the control model handed the data path for each queue.
 */
#include <errno.h>
#include <string.h>

#include "sim_model.h"

#define ETH_GROUP_BIT 0x01   /* I/G bit of the first octet: multicast/broadcast */
#define BITS_PER_BYTE 8u

_Static_assert(SIM_DROP_REASON_COUNT <= X710SIM_MAX_DROP_REASONS, "drop reasons fit");
_Static_assert(sizeof(struct x710sim_counters) == sizeof(struct sim_eth_stats), "counters");

static const char *const drop_names[SIM_DROP_REASON_COUNT] = {
	[SIM_DROP_ANTI_SPOOF_MAC] = "anti_spoof_mac",
	[SIM_DROP_ANTI_SPOOF_VLAN] = "anti_spoof_vlan",
	[SIM_DROP_NO_MATCH] = "no_match",
	[SIM_DROP_RX_NO_DESC] = "rx_no_desc",
	[SIM_DROP_RX_QUEUE_OFF] = "rx_queue_off",
	[SIM_DROP_OVERSIZE] = "oversize",
	[SIM_DROP_TX_MALFORMED] = "tx_malformed",
	[SIM_DROP_DMA_FAULT] = "dma_fault",
	[SIM_DROP_FAULT_INJECTED] = "fault_injected",
	[SIM_DROP_LINK_DOWN] = "link_down",
};

const char *x710sim_drop_reason_name(unsigned int reason)
{
	return reason < SIM_DROP_REASON_COUNT ? drop_names[reason] : NULL;
}

unsigned int x710sim_n_ports(const struct x710sim *sim)
{
	return sim->params.n_pfs;
}

int x710sim_vsi_info(const struct x710sim *sim, unsigned int vsi_num,
		     struct x710sim_vsi_info *out)
{
	const struct sim_vsi *v;

	if (vsi_num >= SIM_VSI_MAX || !sim->vsis[vsi_num].in_use)
		return -ENOENT;
	v = &sim->vsis[vsi_num];
	memset(out, 0, sizeof(*out));
	out->vsi_num = v->vsi_num;
	out->seid = v->seid;
	out->uplink_seid = v->uplink_seid;
	out->pf = v->pf;
	out->vf_abs = v->vf_abs;
	out->vf = -1;
	if (v->vf_abs >= 0 && v->pf < sim->params.n_pfs &&
	    (unsigned int)v->vf_abs >= sim->pfs[v->pf].vf_base)
		out->vf = v->vf_abs - (int)sim->pfs[v->pf].vf_base;
	for (unsigned int i = 0; i < v->n_filters && !out->has_mac; i++) {
		if (!(v->filters[i].mac[0] & ETH_GROUP_BIT)) {
			memcpy(out->mac, v->filters[i].mac, sizeof(out->mac));
			out->has_mac = true;
		}
	}
	out->bw_credit = v->bw_credit;
	out->bw_max_credit = v->bw_max_credit;
	out->bw_rate_bps = sim_dp_shaper_rate(v->bw_credit) * BITS_PER_BYTE;
	out->type = v->type;
	out->sec_flags = v->sec_flags;
	out->promisc_flags = v->promisc_flags;
	out->n_filters = v->n_filters;
	out->num_queues = v->num_queues;
	memcpy(&out->stats, &v->stats, sizeof(out->stats));
	memcpy(out->drops, v->drops, sizeof(v->drops));
	return 0;
}

int x710sim_port_info(const struct x710sim *sim, unsigned int port,
		      struct x710sim_port_info *out)
{
	if (port >= sim->params.n_pfs)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	out->link_up = sim->pfs[port].link_up;
	if (sim->dp != NULL) {
		const struct sim_port_stats *s = sim_dp_port_stats(sim->dp, port);

		if (s != NULL) {
			out->tx_packets = s->tx_packets;
			out->tx_bytes = s->tx_bytes;
			out->rx_packets = s->rx_packets;
			out->rx_bytes = s->rx_bytes;
			out->tx_bad_tail = s->tx_bad_tail;
			out->rx_bad_tail = s->rx_bad_tail;
			out->tx_offload_bad = s->tx_offload_bad;
			memcpy(out->drops, s->drops, sizeof(s->drops));
		}
	}
	return 0;
}

int x710sim_queue_info(struct x710sim *sim, unsigned int pf, unsigned int pf_queue, bool tx,
		       struct x710sim_queue_info *out)
{
	const struct sim_queue_state *qs;
	const struct sim_pf *p;

	if (pf >= sim->params.n_pfs || pf_queue >= sim->pfs[pf].qps)
		return -EINVAL;
	p = &sim->pfs[pf];
	qs = tx ? &p->txq[pf_queue] : &p->rxq[pf_queue];
	memset(out, 0, sizeof(*out));
	out->running = qs->running;
	out->vf = qs->binding.vf;
	out->vsi = qs->binding.vsi;
	if (qs->binding.tail != NULL) {
		const struct sim_func *owner = qs->binding.vf >= 0 ? &p->vfs[qs->binding.vf].fn : &p->fn;

		out->tail_off = (uint32_t)((qs->binding.tail - owner->bar0) * 4);
	}
	out->ring_iova = tx ? qs->txctx.base_iova : qs->rxctx.base_iova;
	out->qlen = tx ? qs->txctx.qlen : qs->rxctx.qlen;
	out->dbuff_bytes = tx ? 0 : qs->rxctx.dbuff_bytes;
	out->rxmax = tx ? 0 : qs->rxctx.rxmax;
	out->crcstrip = tx ? false : qs->rxctx.crcstrip;
	out->starts = qs->starts;
	out->start_rc = qs->start_rc;
	out->bad_tail = sim->dp != NULL ? sim_dp_queue_bad_tail(sim->dp, pf, pf_queue, tx) : 0;
	return 0;
}
