/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The internal switch (VEB) of one port (x710-hardware.md §3.4, §3.5, §6
 * item 6). A frame from a VSI passes anti-spoof, then goes to the local VSIs
 * whose perfect MAC-VLAN filter or promiscuous mode takes it (only when the
 * sender has ALLOW_LB), never back to the sender; what no local VSI takes
 * exclusively (a unicast miss, every multicast and broadcast) goes to the
 * wire. A frame from the wire goes to the port's VSIs the same way.
 *
 * A loopback wire is a cable: what leaves comes back in and is delivered
 * like any received frame, to its sender too if the sender's filters take it.
 *
 * VLAN table (0x0252/0x0253): a VSI with one takes tagged frames of other
 * VLANs only through an exact MAC-VLAN filter; VLAN anti-spoof accepts its
 * VLANs. Port VLAN insert/strip: sim_dp_port_vlan.c. Not modelled: the DEFAULT
 * promiscuous VSI, hash (imperfect) filters.
 *
 * Counters: tx_* count frames accepted from a VSI's ring (after anti-spoof),
 * rx_* frames placed in its ring; the class is the destination MAC's. VSI
 * tx_bytes exclude the FCS; port counters (GLPRT_GORC/GOTC) include it.
 */
#include <errno.h>

#include "sim_dp_internal.h"

#define SEC_FLAG_VLAN_CHK   0x02   /* sec_flags ENABLE_VLAN_CHK, §3.4 */
#define SEC_FLAG_MAC_CHK    0x04   /* sec_flags ENABLE_MAC_CHK, §3.4 */
#define PROMISC_UNICAST     0x1    /* set_vsi_promiscuous_modes flags, §3.5 */
#define PROMISC_MULTICAST   0x2
#define PROMISC_BROADCAST   0x4
#define ETH_ALEN            6
#define ETH_SRC_OFF         6

static unsigned int n_filters(const struct sim_vsi *v)
{
	return v->n_filters < SIM_VSI_MAX_FILTERS ? v->n_filters : SIM_VSI_MAX_FILTERS;
}

static bool in_vlan_table(const struct sim_vsi *v, uint16_t vlan)
{
	return (v->vlan_member[vlan / 64] >> (vlan % 64)) & 1;
}

/* A VSI with a VLAN table (add VLAN, 0x0252) is a member of those VLANs
 * only: other tagged frames reach it through an exact MAC-VLAN filter alone. */
static bool vlan_admits(const struct sim_vsi *v, const struct sim_frame *f)
{
	return v->n_vlans == 0 || !f->tagged || in_vlan_table(v, f->vlan);
}

static bool filter_match(const struct sim_vsi *v, const struct sim_frame *f, bool admitted)
{
	for (unsigned int i = 0, n = n_filters(v); i < n; i++) {
		const struct sim_mac_filter *flt = &v->filters[i];

		if (memcmp(flt->mac, f->data, ETH_ALEN) == 0 &&
		    (flt->ignore_vlan ? admitted : flt->vlan == f->vlan))
			return true;
	}
	return false;
}

static bool has_source_mac(const struct sim_vsi *v, const uint8_t *mac)
{
	for (unsigned int i = 0, n = n_filters(v); i < n; i++)
		if (memcmp(v->filters[i].mac, mac, ETH_ALEN) == 0)
			return true;
	return false;
}

static bool has_vlan(const struct sim_vsi *v, uint16_t vlan)
{
	if (in_vlan_table(v, vlan))
		return true;
	for (unsigned int i = 0, n = n_filters(v); i < n; i++)
		if (!v->filters[i].ignore_vlan && v->filters[i].vlan == vlan)
			return true;
	return false;
}

/* Does VSI v take f? *exclusive when a unicast perfect filter matched. */
static bool vsi_takes(const struct sim_vsi *v, const struct sim_frame *f, bool *exclusive)
{
	static const uint16_t promisc_for[] = {
		[SIM_DST_UNICAST] = PROMISC_UNICAST,
		[SIM_DST_MULTICAST] = PROMISC_MULTICAST,
		[SIM_DST_BROADCAST] = PROMISC_BROADCAST,
	};

	bool admitted = vlan_admits(v, f);

	*exclusive = false;
	if (filter_match(v, f, admitted)) {
		*exclusive = f->dst == SIM_DST_UNICAST;
		return true;
	}
	return admitted && (v->promisc_flags & promisc_for[f->dst]) != 0;
}

static int deliver_to_vsi(struct sim_datapath *dp, struct sim_vsi *v, struct sim_frame *f)
{
	static const struct sim_rss_cfg no_rss;
	const struct sim_rss_cfg *rss = v->vsi_num < SIM_VSI_MAX ? &dp->rss[v->vsi_num] : &no_rss;
	struct sim_rx_meta meta = { 0 };
	struct sim_frame stripped;
	struct sim_rxq *q = NULL;
	unsigned int vq = sim_dp_rss_queue(rss, f, &meta.rss_hash, &meta.hashed);

	/* A LUT entry past the VSI's queues has no ring: use queue 0. */
	if (vq >= v->num_queues)
		vq = 0;
	if (v->num_queues > 0 && v->queue_map[vq] < SIM_DP_MAX_QUEUES)
		q = sim_dp_rxq(dp, v->pf, v->queue_map[vq]);
	if (q == NULL || !q->running) {
		sim_dp_rx_discard(dp, v, v->pf, SIM_DROP_RX_QUEUE_OFF, f);
		return -ENOBUFS;
	}
	return sim_dp_rxq_deliver(dp, v, q, sim_dp_pvid_strip(dp, v, f, &stripped, &meta), &meta);
}

/* Offer f to the port's VSIs except `skip`; returns deliveries made. */
static unsigned int offer_to_port(struct sim_datapath *dp, unsigned int port,
				  const struct sim_vsi *skip, struct sim_frame *f,
				  bool *taken, bool *exclusive)
{
	struct sim_port *p = &dp->ports[port];
	unsigned int delivered = 0;

	*taken = false;
	*exclusive = false;
	for (unsigned int i = 0; i < p->n_vsis; i++) {
		struct sim_vsi *v = &dp->params.vsis[p->vsis[i]];
		bool excl;

		if (v == skip || !v->in_use || !vsi_takes(v, f, &excl))
			continue;
		*taken = true;
		*exclusive |= excl;
		if (deliver_to_vsi(dp, v, f) == 0)
			delivered++;
	}
	return delivered;
}

int sim_dp_switch_from_wire(struct sim_datapath *dp, unsigned int port, struct sim_frame *f)
{
	struct sim_port *p = &dp->ports[port];
	bool taken, exclusive;

	if (!p->link_up) {
		sim_dp_count_drop(dp, NULL, port, SIM_DROP_LINK_DOWN);
		return -ENOBUFS;
	}
	p->stats.rx_packets++;
	p->stats.rx_bytes += f->len + SIM_DP_FCS_LEN;
	if (offer_to_port(dp, port, NULL, f, &taken, &exclusive) > 0)
		return 0;
	if (!taken)
		sim_dp_count_drop(dp, NULL, port, SIM_DROP_NO_MATCH);
	return -ENOBUFS;
}

static void to_wire(struct sim_datapath *dp, unsigned int port, struct sim_frame *f)
{
	struct sim_port *p = &dp->ports[port];

	/* A port whose link is down sends nothing: the frame has nowhere to go. */
	if (!p->link_up) {
		sim_dp_count_drop(dp, NULL, port, SIM_DROP_LINK_DOWN);
		return;
	}
	p->stats.tx_packets++;
	p->stats.tx_bytes += f->len + SIM_DP_FCS_LEN;
	if (p->mode == SIM_WIRE_SINK) {
		if (p->sink != NULL)
			p->sink(p->sink_ctx, port, f->data, f->len);
		return;
	}
	(void)sim_dp_switch_from_wire(dp, port, f);
}

void sim_dp_switch_from_vsi(struct sim_datapath *dp, struct sim_vsi *src, struct sim_frame *f)
{
	unsigned int port = src->pf;
	bool taken = false, exclusive = false;
	struct sim_frame tagged;

	if (port >= dp->params.n_ports) {
		sim_dp_count_drop(dp, src, SIM_DP_MAX_PORTS, SIM_DROP_NO_MATCH);
		return;
	}
	f = sim_dp_pvid_insert(dp, src, f, &tagged);
	if ((src->sec_flags & SEC_FLAG_MAC_CHK) && !has_source_mac(src, f->data + ETH_SRC_OFF)) {
		sim_dp_count_drop(dp, src, port, SIM_DROP_ANTI_SPOOF_MAC);
		src->stats.tx_discards++;
		return;
	}
	/* VLAN anti-spoof: a tagged frame's VLAN must be one of the VSI's. */
	if ((src->sec_flags & SEC_FLAG_VLAN_CHK) && f->tagged && !has_vlan(src, f->vlan)) {
		sim_dp_count_drop(dp, src, port, SIM_DROP_ANTI_SPOOF_VLAN);
		src->stats.tx_discards++;
		return;
	}
	src->stats.tx_bytes += f->len;
	(*sim_dp_class_counter(f->dst, &src->stats.tx_unicast, &src->stats.tx_multicast,
			       &src->stats.tx_broadcast))++;

	if (src->allow_lb)
		(void)offer_to_port(dp, port, src, f, &taken, &exclusive);
	if (!exclusive)
		to_wire(dp, port, f);
}
