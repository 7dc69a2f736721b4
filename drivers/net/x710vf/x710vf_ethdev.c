/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * net_x710vf: probe, reset recovery and dev_ops of an X710 VF port.
 * Sequence and PF behaviour: x710-hardware.md §1.2 (probe -> configure ->
 * start), §2.3 (reset), §3.7 (what the PF does with each request).
 */
#include <errno.h>
#include <string.h>

#include <bus_pci_driver.h>
#include <ethdev_pci.h>
#include <rte_alarm.h>
#include <rte_cycles.h>
#include <rte_ether.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "x710/x710_regs.h"
#include "x710vf_ethdev.h"
#include "x710vf_rxtx.h"

#define PCI_VENDOR_INTEL        0x8086
#define PCI_DEV_X710_VF         0x154C  /* spec §1.1 */
#define PCI_DEV_AVF             0x1889  /* spec §1.1 */
#define VF_BAR0_MIN             0xD040  /* highest register used is 0xD03C (spec §6) */
#define RESET_POLLS             500     /* x 20 ms = 10 s, as iavf (spec §1.2-P1) */
#define RESET_POLL_MS           20
#define RESET_START_POLLS       100     /* x 10 ms: how long a granted REQUEST_QUEUES takes to reset */
#define ALARM_US                50000   /* mailbox poll period, as iavf (spec §0 #2) */
#define MBX_POLL_US             1000    /* one reply poll interval (spec §0 #4) */
#define LINK_SPEED_DEFAULT_MBPS RTE_ETH_SPEED_NUM_10G


static int x710vf_dev_close(struct rte_eth_dev *dev);

/* Default RSS key: 52 bytes of a fixed pattern, replaced by the user's key. */
static const uint8_t default_rss_key[X710VF_RSS_KEY_MAX] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3,
	0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3,
	0x80, 0x30, 0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa, 0x11, 0x22,
	0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc,
};

/* rss_hf -> HENA bits (filter packet types). */
static const struct {
	uint64_t rss_hf;
	unsigned int pctype;
} rss_pctypes[] = {
	{ RTE_ETH_RSS_NONFRAG_IPV4_UDP, X710VF_PCTYPE_IPV4_UDP },
	{ RTE_ETH_RSS_NONFRAG_IPV4_TCP, X710VF_PCTYPE_IPV4_TCP },
	{ RTE_ETH_RSS_NONFRAG_IPV4_SCTP, X710VF_PCTYPE_IPV4_SCTP },
	{ RTE_ETH_RSS_NONFRAG_IPV4_OTHER, X710VF_PCTYPE_IPV4_OTHER },
	{ RTE_ETH_RSS_FRAG_IPV4, X710VF_PCTYPE_FRAG_IPV4 },
	{ RTE_ETH_RSS_NONFRAG_IPV6_UDP, X710VF_PCTYPE_IPV6_UDP },
	{ RTE_ETH_RSS_NONFRAG_IPV6_TCP, X710VF_PCTYPE_IPV6_TCP },
	{ RTE_ETH_RSS_NONFRAG_IPV6_SCTP, X710VF_PCTYPE_IPV6_SCTP },
	{ RTE_ETH_RSS_NONFRAG_IPV6_OTHER, X710VF_PCTYPE_IPV6_OTHER },
	{ RTE_ETH_RSS_FRAG_IPV6, X710VF_PCTYPE_FRAG_IPV6 },
	{ RTE_ETH_RSS_L2_PAYLOAD, X710VF_PCTYPE_L2_PAYLOAD },
};
#define RSS_HF_SUPPORTED \
	(RTE_ETH_RSS_NONFRAG_IPV4_UDP | RTE_ETH_RSS_NONFRAG_IPV4_TCP | \
	 RTE_ETH_RSS_NONFRAG_IPV4_SCTP | RTE_ETH_RSS_NONFRAG_IPV4_OTHER | RTE_ETH_RSS_FRAG_IPV4 | \
	 RTE_ETH_RSS_NONFRAG_IPV6_UDP | RTE_ETH_RSS_NONFRAG_IPV6_TCP | \
	 RTE_ETH_RSS_NONFRAG_IPV6_SCTP | RTE_ETH_RSS_NONFRAG_IPV6_OTHER | RTE_ETH_RSS_FRAG_IPV6 | \
	 RTE_ETH_RSS_L2_PAYLOAD | RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_IPV6)

/* PF-side counters of GET_STATS, exposed as xstats (spec §3.8 eth_stats). */
static const struct {
	const char *name;
	size_t off;
} pf_xstats[] = {
	{ "pf_rx_bytes", offsetof(struct virtchnl_eth_stats, rx_bytes) },
	{ "pf_rx_unicast_packets", offsetof(struct virtchnl_eth_stats, rx_unicast) },
	{ "pf_rx_multicast_packets", offsetof(struct virtchnl_eth_stats, rx_multicast) },
	{ "pf_rx_broadcast_packets", offsetof(struct virtchnl_eth_stats, rx_broadcast) },
	{ "pf_rx_discards", offsetof(struct virtchnl_eth_stats, rx_discards) },
	{ "pf_rx_unknown_protocol", offsetof(struct virtchnl_eth_stats, rx_unknown_protocol) },
	{ "pf_tx_bytes", offsetof(struct virtchnl_eth_stats, tx_bytes) },
	{ "pf_tx_unicast_packets", offsetof(struct virtchnl_eth_stats, tx_unicast) },
	{ "pf_tx_multicast_packets", offsetof(struct virtchnl_eth_stats, tx_multicast) },
	{ "pf_tx_broadcast_packets", offsetof(struct virtchnl_eth_stats, tx_broadcast) },
	{ "pf_tx_discards", offsetof(struct virtchnl_eth_stats, tx_discards) },
	{ "pf_tx_errors", offsetof(struct virtchnl_eth_stats, tx_errors) },
};
#define N_PF_XSTATS RTE_DIM(pf_xstats)
/* Driver-side counters summed over queues. */
static const char *const drv_xstats[] = {
	"rx_alloc_failed", "rx_frame_errors", "mbx_stray_replies", "mbx_bad_messages",
	"vf_resets",
};
#define N_DRV_XSTATS RTE_DIM(drv_xstats)

static void
mbx_wait(void *ctx)
{
	(void)ctx;
	rte_delay_us_sleep(MBX_POLL_US);
}

static void
on_pf_event(void *ctx, const struct virtchnl_pf_event *ev)
{
	struct x710vf_adapter *ad = ctx;

	switch (ev->event) {
	case VIRTCHNL_EVENT_LINK_CHANGE: {
		uint32_t s = ev->event_data.link_event.link_speed;
		ad->link_up = ev->event_data.link_event.link_status != 0;
		/* ADV_LINK_SPEED: Mbps; otherwise the legacy enum (spec §1.4, §3.8). */
		if (!(ad->info.caps & VIRTCHNL_VF_CAP_ADV_LINK_SPEED))
			s = s == VIRTCHNL_LINK_SPEED_100MB ? 100 : s == VIRTCHNL_LINK_SPEED_1GB ? 1000 :
			    s == VIRTCHNL_LINK_SPEED_10GB ? 10000 : s == VIRTCHNL_LINK_SPEED_20GB ? 20000 :
			    s == VIRTCHNL_LINK_SPEED_25GB ? 25000 : s == VIRTCHNL_LINK_SPEED_40GB ? 40000 : 0;
		ad->link_mbps = s;
		rte_eth_dev_callback_process(ad->dev, RTE_ETH_EVENT_INTR_LSC, NULL);
		break;
	}
	case VIRTCHNL_EVENT_RESET_IMPENDING:
	case VIRTCHNL_EVENT_PF_DRIVER_CLOSE:
		if (!ad->reset_pending) {
			ad->reset_pending = true;
			X710VF_LOG(WARNING, ad, "PF announced a reset (event %d)", ev->event);
			rte_eth_dev_callback_process(ad->dev, RTE_ETH_EVENT_INTR_RESET, NULL);
		}
		break;
	default:
		break;
	}
}

/* The mailbox alarm: drain events; notice a reset or FLR that took the AQ away. */
static void
mbx_alarm(void *arg)
{
	struct x710vf_adapter *ad = arg;

	if (rte_spinlock_trylock(&ad->vc_lock)) {
		if (!ad->reset_pending) {
			if (!x710vf_mbx_alive(&ad->mbx)) {
				ad->reset_pending = true;
				ad->link_up = false;
				X710VF_LOG(WARNING, ad, "admin queue disabled: VF reset or FLR");
				rte_spinlock_unlock(&ad->vc_lock);
				rte_eth_dev_callback_process(ad->dev, RTE_ETH_EVENT_INTR_RESET, NULL);
				goto rearm;
			}
			(void)x710vf_vc_poll(&ad->vc);
		}
		rte_spinlock_unlock(&ad->vc_lock);
	}
rearm:
	if (ad->alarm_armed && rte_eal_alarm_set(ALARM_US, mbx_alarm, ad) != 0)
		ad->alarm_armed = false;
}

static void
alarm_start(struct x710vf_adapter *ad)
{
	ad->alarm_armed = rte_eal_alarm_set(ALARM_US, mbx_alarm, ad) == 0;
}

static void
alarm_stop(struct x710vf_adapter *ad)
{
	ad->alarm_armed = false;
	rte_eal_alarm_cancel(mbx_alarm, ad);
}

/* Wait until the device says the VF reset is over (spec §1.2-P1, §2.3). */
static int
wait_reset_done(struct x710vf_adapter *ad)
{
	for (unsigned int i = 0; i < RESET_POLLS; i++) {
		uint32_t s = x710vf_rd32(ad->bar0, X710_VFGEN_RSTAT) & X710_VFGEN_RSTAT_VFR_STATE_MASK;
		if (s == X710_VFR_COMPLETED || s == X710_VFR_VFACTIVE)
			return 0;
		rte_delay_ms(RESET_POLL_MS);
	}
	X710VF_LOG(ERR, ad, "VF is still resetting after %u ms (VFGEN_RSTAT)",
		   RESET_POLLS * RESET_POLL_MS);
	return -ETIMEDOUT;
}

/* AQ up, VERSION, GET_VF_RESOURCES: the part of probe a reset repeats. */
static int
vf_handshake(struct x710vf_adapter *ad)
{
	int rc = wait_reset_done(ad);
	if (rc != 0)
		return rc;
	rc = x710vf_mbx_init(&ad->mbx, ad->bar0, ad->mbx_mz->addr, ad->mbx_mz->iova);
	if (rc != 0) {
		X710VF_LOG(ERR, ad, "admin queue init failed: base address not kept");
		return rc;
	}
	x710vf_vc_init(&ad->vc, &ad->mbx, mbx_wait, on_pf_event, ad);
	rc = x710vf_vc_version(&ad->vc);
	if (rc != 0) {
		X710VF_LOG(ERR, ad, "VERSION: %s (need exactly virtchnl 1.1)", strerror(-rc));
		return rc;
	}
	rc = x710vf_vc_get_resources(&ad->vc, &ad->info);
	if (rc != 0) {
		X710VF_LOG(ERR, ad, "GET_VF_RESOURCES: %s", strerror(-rc));
		return rc;
	}
	X710VF_LOG(INFO, ad, "VSI %u, %u queue pairs, caps 0x%08x, max MTU %u", ad->info.vsi_id,
		   ad->info.num_queue_pairs, ad->info.caps, ad->info.max_mtu);
	return 0;
}

static int
dev_infos_get(struct rte_eth_dev *dev, struct rte_eth_dev_info *di)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	uint16_t max_mtu = ad->info.max_mtu ? ad->info.max_mtu :
			   X710VF_MAX_FRAME - X710VF_ETH_OVERHEAD;

	di->max_rx_queues = ad->info.num_queue_pairs;
	di->max_tx_queues = ad->info.num_queue_pairs;
	di->min_rx_bufsize = X710VF_RX_BUF_UNIT;
	di->max_rx_pktlen = max_mtu + X710VF_ETH_OVERHEAD;
	di->max_mtu = max_mtu;
	di->min_mtu = X710VF_MIN_MTU;
	di->max_mac_addrs = X710VF_MAX_MAC_ADDRS;
	di->rx_offload_capa = RTE_ETH_RX_OFFLOAD_SCATTER | RTE_ETH_RX_OFFLOAD_IPV4_CKSUM |
			      RTE_ETH_RX_OFFLOAD_UDP_CKSUM | RTE_ETH_RX_OFFLOAD_TCP_CKSUM;
	di->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS | RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE |
			      RTE_ETH_TX_OFFLOAD_IPV4_CKSUM | RTE_ETH_TX_OFFLOAD_UDP_CKSUM |
			      RTE_ETH_TX_OFFLOAD_TCP_CKSUM | RTE_ETH_TX_OFFLOAD_SCTP_CKSUM |
			      RTE_ETH_TX_OFFLOAD_TCP_TSO;
	if (ad->info.caps & VIRTCHNL_VF_OFFLOAD_VLAN) {
		di->rx_offload_capa |= RTE_ETH_RX_OFFLOAD_VLAN_STRIP | RTE_ETH_RX_OFFLOAD_VLAN_FILTER;
		di->tx_offload_capa |= RTE_ETH_TX_OFFLOAD_VLAN_INSERT;
	}
	if (ad->info.caps & VIRTCHNL_VF_OFFLOAD_RSS_PF) {
		di->rx_offload_capa |= RTE_ETH_RX_OFFLOAD_RSS_HASH;
		di->hash_key_size = ad->info.rss_key_size;
		di->reta_size = ad->info.rss_lut_size;
		di->flow_type_rss_offloads = RSS_HF_SUPPORTED;
	}
	di->rx_queue_offload_capa = 0;
	di->tx_queue_offload_capa = 0;
	di->default_rxconf = (struct rte_eth_rxconf){ .rx_free_thresh = X710VF_RX_FREE_THRESH };
	di->default_txconf = (struct rte_eth_txconf){ .tx_rs_thresh = X710VF_TX_RS_THRESH,
						      .tx_free_thresh = X710VF_TX_RS_THRESH };
	di->rx_desc_lim = (struct rte_eth_desc_lim){ .nb_max = X710VF_RING_MAX,
		.nb_min = X710VF_RING_MIN, .nb_align = X710VF_RX_RING_MULT };
	di->tx_desc_lim = (struct rte_eth_desc_lim){ .nb_max = X710VF_RING_MAX,
		.nb_min = X710VF_RING_MIN, .nb_align = X710VF_TX_RING_MULT,
		.nb_seg_max = X710_TSO_MAX_DESC, .nb_mtu_seg_max = X710_TX_MAX_DESC_PER_FRAME };
	di->default_rxportconf.ring_size = 1024;
	di->default_txportconf.ring_size = 1024;
	di->default_rxportconf.burst_size = X710VF_VEC_BURST;
	di->default_txportconf.burst_size = X710VF_VEC_BURST;
	di->speed_capa = RTE_ETH_LINK_SPEED_10G;
	return 0;
}

static uint64_t
hena_of(uint64_t rss_hf)
{
	uint64_t hena = 0;

	if (rss_hf & RTE_ETH_RSS_IPV4)
		rss_hf |= RTE_ETH_RSS_NONFRAG_IPV4_OTHER | RTE_ETH_RSS_FRAG_IPV4;
	if (rss_hf & RTE_ETH_RSS_IPV6)
		rss_hf |= RTE_ETH_RSS_NONFRAG_IPV6_OTHER | RTE_ETH_RSS_FRAG_IPV6;
	for (size_t i = 0; i < RTE_DIM(rss_pctypes); i++)
		if (rss_hf & rss_pctypes[i].rss_hf)
			hena |= UINT64_C(1) << rss_pctypes[i].pctype;
	return hena;
}

/* Key, LUT and HENA to the PF; LUT/KEY errors fail (spec §1.2-C3). */
static int
rss_program(struct x710vf_adapter *ad)
{
	int rc = x710vf_vc_rss_key(&ad->vc, ad->info.vsi_id, ad->rss_key, ad->info.rss_key_size);
	if (rc == 0)
		rc = x710vf_vc_rss_lut(&ad->vc, ad->info.vsi_id, ad->rss_lut, ad->info.rss_lut_size);
	if (rc == 0)
		rc = x710vf_vc_set_hena(&ad->vc, hena_of(ad->rss_hf));
	return rc;
}

static int
rss_init(struct x710vf_adapter *ad, uint16_t nb_rx)
{
	const struct rte_eth_rss_conf *rc = &ad->dev->data->dev_conf.rx_adv_conf.rss_conf;

	if (!(ad->info.caps & VIRTCHNL_VF_OFFLOAD_RSS_PF))
		return 0;
	if (rc->rss_key != NULL && rc->rss_key_len == ad->info.rss_key_size)
		memcpy(ad->rss_key, rc->rss_key, ad->info.rss_key_size);
	else
		memcpy(ad->rss_key, default_rss_key, sizeof(ad->rss_key));
	for (uint16_t i = 0; i < ad->info.rss_lut_size; i++)
		ad->rss_lut[i] = (uint8_t)(i % (nb_rx ? nb_rx : 1));
	ad->rss_hf = (ad->dev->data->dev_conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG) ?
		     (rc->rss_hf & RSS_HF_SUPPORTED) : 0;
	return X710VF_VC_LOCKED(ad, rss_program(ad));
}

/* Re-run the handshake after the PF reset us (REQUEST_QUEUES, reset event). */
static int
vf_reinit(struct x710vf_adapter *ad)
{
	alarm_stop(ad);
	rte_spinlock_lock(&ad->vc_lock);
	x710vf_mbx_shutdown(&ad->mbx);
	int rc = vf_handshake(ad);
	ad->reset_pending = rc != 0;
	ad->reset_count++;
	rte_spinlock_unlock(&ad->vc_lock);
	alarm_start(ad);
	return rc;
}

static int
request_queues(struct x710vf_adapter *ad, uint16_t want)
{
	uint16_t granted = 0;
	int rc;

	if (!(ad->info.caps & VIRTCHNL_VF_OFFLOAD_REQ_QUEUES) || want > X710VF_MAX_QUEUES)
		return -EINVAL;
	rc = X710VF_VC_LOCKED(ad, x710vf_vc_request_queues(&ad->vc, want, &granted));
	if (rc == -EAGAIN) {
		X710VF_LOG(ERR, ad, "PF grants %u queue pairs, not %u", granted, want);
		return -EINVAL;
	}
	if (rc != 0)
		return rc;
	/* The PF resets the VF to apply it (spec §3.7): wait for the AQ to go away. */
	for (unsigned int i = 0; i < RESET_START_POLLS && x710vf_mbx_alive(&ad->mbx); i++)
		rte_delay_ms(10);
	rc = vf_reinit(ad);
	if (rc == 0 && ad->info.num_queue_pairs < want)
		rc = -EINVAL;
	return rc;
}

static int
dev_configure(struct rte_eth_dev *dev)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	uint16_t nb_qp = RTE_MAX(dev->data->nb_rx_queues, dev->data->nb_tx_queues);
	int rc;

	if (dev->data->dev_conf.rxmode.mq_mode & RTE_ETH_MQ_RX_RSS_FLAG)
		dev->data->dev_conf.rxmode.offloads |= RTE_ETH_RX_OFFLOAD_RSS_HASH;
	if (nb_qp > ad->info.num_queue_pairs) {
		rc = request_queues(ad, nb_qp);
		if (rc != 0) {
			X710VF_LOG(ERR, ad, "%u queue pairs asked, %u granted: %s", nb_qp,
				   ad->info.num_queue_pairs, strerror(-rc));
			return rc;
		}
	}
	if (ad->info.caps & VIRTCHNL_VF_OFFLOAD_VLAN) {
		bool strip = dev->data->dev_conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_VLAN_STRIP;
		rc = X710VF_VC_LOCKED(ad, x710vf_vc_vlan_strip(&ad->vc, strip));
		if (rc == 0)
			ad->vlan_strip = strip;
		else
			X710VF_LOG(INFO, ad, "VLAN stripping %s: %s", strip ? "on" : "off",
				   strerror(-rc));
	}
	rc = rss_init(ad, dev->data->nb_rx_queues);
	if (rc != 0)
		X710VF_LOG(ERR, ad, "RSS key/LUT/HENA refused: %s", strerror(-rc));
	return rc;
}

/* Tell the PF about every ring (spec §1.2-S2). */
static int
config_queues(struct x710vf_adapter *ad)
{
	struct rte_eth_dev *dev = ad->dev;
	struct x710vf_qcfg qc[X710VF_MAX_QUEUES];
	uint16_t n = RTE_MAX(dev->data->nb_rx_queues, dev->data->nb_tx_queues);
	uint32_t max_pkt = dev->data->mtu + X710VF_ETH_OVERHEAD;

	memset(qc, 0, sizeof(qc));
	for (uint16_t i = 0; i < n; i++) {
		const struct x710vf_rx_queue *rq = i < dev->data->nb_rx_queues ?
						   dev->data->rx_queues[i] : NULL;
		const struct x710vf_tx_queue *tq = i < dev->data->nb_tx_queues ?
						   dev->data->tx_queues[i] : NULL;
		if (rq) {
			qc[i].rx_ring_iova = rq->ring_iova;
			qc[i].rx_ring_len = rq->nb_desc;
			qc[i].rx_buf_size = rq->buf_len;
			qc[i].rx_max_pkt = max_pkt;
			if (max_pkt > rq->buf_len && !(rq->offloads & RTE_ETH_RX_OFFLOAD_SCATTER)) {
				X710VF_LOG(ERR, ad, "Rx queue %u: frames of %u bytes need scatter "
					   "(buffers of %u)", i, max_pkt, rq->buf_len);
				return -EINVAL;
			}
		}
		if (tq) {
			qc[i].tx_ring_iova = tq->ring_iova;
			qc[i].tx_ring_len = tq->nb_desc;
		}
	}
	return x710vf_vc_config_queues(&ad->vc, ad->info.vsi_id, n, qc);
}

static int
add_all_macs(struct x710vf_adapter *ad, bool add)
{
	static const struct rte_ether_addr zero;
	int first_rc = 0;

	for (unsigned int i = 0; i < X710VF_MAX_MAC_ADDRS; i++) {
		const struct rte_ether_addr *a = &ad->dev->data->mac_addrs[i];
		if (rte_is_same_ether_addr(a, &zero))
			continue;
		int rc = x710vf_vc_eth_addr(&ad->vc, ad->info.vsi_id, add, a->addr_bytes,
					    i == 0 ? VIRTCHNL_ETHER_ADDR_PRIMARY :
						     VIRTCHNL_ETHER_ADDR_EXTRA);
		if (rc != 0 && first_rc == 0)
			first_rc = rc;
	}
	return first_rc;
}

static int
queues_switch(struct rte_eth_dev *dev, bool on)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	uint32_t rx = 0, tx = 0;

	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++) {
		struct x710vf_rx_queue *q = dev->data->rx_queues[i];
		if (q && (!on || !q->deferred))
			rx |= UINT32_C(1) << i;
	}
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++) {
		struct x710vf_tx_queue *q = dev->data->tx_queues[i];
		if (q && (!on || !q->deferred))
			tx |= UINT32_C(1) << i;
	}
	return x710vf_vc_switch_queues(&ad->vc, ad->info.vsi_id, on, rx, tx);
}

static void
queue_states(struct rte_eth_dev *dev, bool on)
{
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++) {
		struct x710vf_rx_queue *q = dev->data->rx_queues[i];
		bool s = on && q && !q->deferred;
		if (q)
			q->started = s;
		dev->data->rx_queue_state[i] = s ? RTE_ETH_QUEUE_STATE_STARTED :
						   RTE_ETH_QUEUE_STATE_STOPPED;
	}
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++) {
		struct x710vf_tx_queue *q = dev->data->tx_queues[i];
		bool s = on && q && !q->deferred;
		if (q)
			q->started = s;
		dev->data->tx_queue_state[i] = s ? RTE_ETH_QUEUE_STATE_STARTED :
						   RTE_ETH_QUEUE_STATE_STOPPED;
	}
}

static void
rings_release(struct rte_eth_dev *dev)
{
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++)
		if (dev->data->rx_queues[i])
			x710vf_rxq_drain(dev->data->rx_queues[i]);
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++)
		if (dev->data->tx_queues[i]) {
			x710vf_txq_drain(dev->data->tx_queues[i]);
			x710vf_txq_reset(dev->data->tx_queues[i]);
		}
}

static int
dev_start(struct rte_eth_dev *dev)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	int rc;

	if (ad->reset_pending)
		return -EIO;
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++) {
		struct x710vf_rx_queue *q = dev->data->rx_queues[i];
		if (q == NULL || (rc = x710vf_rxq_arm(q)) != 0) {
			X710VF_LOG(ERR, ad, "Rx queue %u: no ring or no mbufs to fill it", i);
			rings_release(dev);
			return -ENOMEM;
		}
	}
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++)
		if (dev->data->tx_queues[i])
			x710vf_txq_reset(dev->data->tx_queues[i]);

	rte_spinlock_lock(&ad->vc_lock);
	rc = config_queues(ad);
	if (rc == 0)
		rc = x710vf_vc_irq_map(&ad->vc, ad->info.vsi_id, dev->data->nb_rx_queues);
	if (rc == 0) {
		int mrc = add_all_macs(ad, true);
		if (mrc != 0)
			X710VF_LOG(WARNING, ad, "ADD_ETH_ADDR: %s", strerror(-mrc));
		rc = queues_switch(dev, true);
	}
	rte_spinlock_unlock(&ad->vc_lock);
	if (rc != 0) {
		X710VF_LOG(ERR, ad, "start: %s", strerror(-rc));
		rings_release(dev);
		return rc;
	}
	x710vf_select_bursts(dev);
	queue_states(dev, true);
	X710VF_LOG(INFO, ad, "started: Rx %s, Tx %s", x710vf_burst_name(dev, true),
		   x710vf_burst_name(dev, false));
	return 0;
}

static int
dev_stop(struct rte_eth_dev *dev)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);

	int rc = X710VF_VC_LOCKED(ad, queues_switch(dev, false));
	if (rc != 0 && !ad->reset_pending)
		X710VF_LOG(WARNING, ad, "DISABLE_QUEUES: %s", strerror(-rc));
	(void)X710VF_VC_LOCKED(ad, add_all_macs(ad, false));
	queue_states(dev, false);
	rings_release(dev);
	dev->data->dev_started = 0;
	return 0;
}

static int
queue_switch_one(struct rte_eth_dev *dev, uint16_t qid, bool rx, bool on)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	uint32_t bit = UINT32_C(1) << qid;
	int rc;

	if (rx && on) {
		rc = x710vf_rxq_arm(dev->data->rx_queues[qid]);
		if (rc != 0)
			return rc;
	} else if (!rx && on) {
		x710vf_txq_reset(dev->data->tx_queues[qid]);
	}
	rc = X710VF_VC_LOCKED(ad, x710vf_vc_switch_queues(&ad->vc, ad->info.vsi_id, on,
							  rx ? bit : 0, rx ? 0 : bit));
	if (rc != 0 && on)
		return rc;
	if (!on) {
		if (rx)
			x710vf_rxq_drain(dev->data->rx_queues[qid]);
		else {
			x710vf_txq_drain(dev->data->tx_queues[qid]);
			x710vf_txq_reset(dev->data->tx_queues[qid]);
		}
	}
	uint8_t *state = rx ? dev->data->rx_queue_state : dev->data->tx_queue_state;
	state[qid] = on ? RTE_ETH_QUEUE_STATE_STARTED : RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

static int rx_queue_start(struct rte_eth_dev *d, uint16_t q) { return queue_switch_one(d, q, true, true); }
static int rx_queue_stop(struct rte_eth_dev *d, uint16_t q) { return queue_switch_one(d, q, true, false); }
static int tx_queue_start(struct rte_eth_dev *d, uint16_t q) { return queue_switch_one(d, q, false, true); }
static int tx_queue_stop(struct rte_eth_dev *d, uint16_t q) { return queue_switch_one(d, q, false, false); }

static int
link_update(struct rte_eth_dev *dev, int wait)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	struct rte_eth_link l = { 0 };

	(void)wait;
	if (rte_spinlock_trylock(&ad->vc_lock)) {
		if (!ad->reset_pending)
			(void)x710vf_vc_poll(&ad->vc);   /* pick up a pending link event */
		rte_spinlock_unlock(&ad->vc_lock);
	}
	l.link_status = ad->link_up && dev->data->dev_started ? RTE_ETH_LINK_UP :
								 RTE_ETH_LINK_DOWN;
	l.link_speed = l.link_status ? (ad->link_mbps ? ad->link_mbps : LINK_SPEED_DEFAULT_MBPS) :
				       RTE_ETH_SPEED_NUM_NONE;
	l.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	l.link_autoneg = RTE_ETH_LINK_FIXED;
	return rte_eth_linkstatus_set(dev, &l);
}

static int
pf_stats(struct x710vf_adapter *ad, struct virtchnl_eth_stats *st)
{
	int rc = X710VF_VC_LOCKED(ad, x710vf_vc_get_stats(&ad->vc, ad->info.vsi_id, st));
	if (rc != 0)
		return rc;
	uint64_t *v = (uint64_t *)st;
	const uint64_t *b = (const uint64_t *)&ad->stats_base;
	for (size_t i = 0; i < sizeof(*st) / sizeof(uint64_t); i++)
		v[i] -= b[i];
	return 0;
}

static int
stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *s)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	struct virtchnl_eth_stats st;

	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++) {
		const struct x710vf_rx_queue *q = dev->data->rx_queues[i];
		if (q == NULL)
			continue;
		s->ipackets += q->packets;
		s->ibytes += q->bytes;
		s->ierrors += q->errors;
		s->rx_nombuf += q->alloc_failed;
		if (i < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			s->q_ipackets[i] = q->packets;
			s->q_ibytes[i] = q->bytes;
		}
	}
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++) {
		const struct x710vf_tx_queue *q = dev->data->tx_queues[i];
		if (q == NULL)
			continue;
		s->opackets += q->packets;
		s->obytes += q->bytes;
		if (i < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			s->q_opackets[i] = q->packets;
			s->q_obytes[i] = q->bytes;
		}
	}
	/* Drops and Tx errors only the PF sees (spec §1.2-A2). */
	if (pf_stats(ad, &st) == 0) {
		s->imissed = st.rx_discards;
		s->oerrors = st.tx_errors + st.tx_discards;
	}
	return 0;
}

static int
stats_reset(struct rte_eth_dev *dev)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	struct virtchnl_eth_stats st;

	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++) {
		struct x710vf_rx_queue *q = dev->data->rx_queues[i];
		if (q)
			q->packets = q->bytes = q->errors = q->alloc_failed = 0;
	}
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++) {
		struct x710vf_tx_queue *q = dev->data->tx_queues[i];
		if (q)
			q->packets = q->bytes = 0;
	}
	if (X710VF_VC_LOCKED(ad, x710vf_vc_get_stats(&ad->vc, ad->info.vsi_id, &st)) == 0)
		ad->stats_base = st;
	return 0;
}

static int
xstats_get_names(struct rte_eth_dev *dev, struct rte_eth_xstat_name *names, unsigned int size)
{
	unsigned int n = N_PF_XSTATS + N_DRV_XSTATS;
	(void)dev;
	if (names == NULL || size < n)
		return (int)n;
	for (unsigned int i = 0; i < N_PF_XSTATS; i++)
		strlcpy(names[i].name, pf_xstats[i].name, sizeof(names[i].name));
	for (unsigned int i = 0; i < N_DRV_XSTATS; i++)
		strlcpy(names[N_PF_XSTATS + i].name, drv_xstats[i], sizeof(names[0].name));
	return (int)n;
}

static int
xstats_get(struct rte_eth_dev *dev, struct rte_eth_xstat *xs, unsigned int size)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	unsigned int n = N_PF_XSTATS + N_DRV_XSTATS;
	struct virtchnl_eth_stats st;
	uint64_t drv[N_DRV_XSTATS] = { 0 };

	if (xs == NULL || size < n)
		return (int)n;
	if (pf_stats(ad, &st) != 0)
		memset(&st, 0, sizeof(st));
	for (unsigned int i = 0; i < N_PF_XSTATS; i++) {
		xs[i].id = i;
		memcpy(&xs[i].value, (const uint8_t *)&st + pf_xstats[i].off, sizeof(uint64_t));
	}
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++) {
		const struct x710vf_rx_queue *q = dev->data->rx_queues[i];
		if (q) {
			drv[0] += q->alloc_failed;
			drv[1] += q->errors;
		}
	}
	drv[2] = ad->vc.stray_replies;
	drv[3] = ad->vc.bad_messages;
	drv[4] = ad->reset_count;
	for (unsigned int i = 0; i < N_DRV_XSTATS; i++) {
		xs[N_PF_XSTATS + i].id = N_PF_XSTATS + i;
		xs[N_PF_XSTATS + i].value = drv[i];
	}
	return (int)n;
}

static int
promisc_set(struct rte_eth_dev *dev, uint16_t flag, bool on)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	uint16_t flags = on ? (ad->promisc_flags | flag) : (ad->promisc_flags & ~flag);
	int rc = X710VF_VC_LOCKED(ad, x710vf_vc_promisc(&ad->vc, ad->info.vsi_id, flags));
	if (rc == 0)
		ad->promisc_flags = flags;
	/* ethdev treats -EAGAIN as "PF would not", testpmd ignores it (spec §1.2-A1). */
	return rc == -ENOTSUP ? -ENOTSUP : rc != 0 ? -EAGAIN : 0;
}

static int promisc_on(struct rte_eth_dev *d) { return promisc_set(d, FLAG_VF_UNICAST_PROMISC, true); }
static int promisc_off(struct rte_eth_dev *d) { return promisc_set(d, FLAG_VF_UNICAST_PROMISC, false); }
static int allmulti_on(struct rte_eth_dev *d) { return promisc_set(d, FLAG_VF_MULTICAST_PROMISC, true); }
static int allmulti_off(struct rte_eth_dev *d) { return promisc_set(d, FLAG_VF_MULTICAST_PROMISC, false); }

static int
mac_addr_add(struct rte_eth_dev *dev, struct rte_ether_addr *mac, uint32_t index, uint32_t pool)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	(void)pool;
	if (index >= X710VF_MAX_MAC_ADDRS || !rte_is_unicast_ether_addr(mac))
		return -EINVAL;
	return X710VF_VC_LOCKED(ad, x710vf_vc_eth_addr(&ad->vc, ad->info.vsi_id, true,
						       mac->addr_bytes, VIRTCHNL_ETHER_ADDR_EXTRA));
}

static void
mac_addr_remove(struct rte_eth_dev *dev, uint32_t index)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	const struct rte_ether_addr *mac = &dev->data->mac_addrs[index];
	int rc = X710VF_VC_LOCKED(ad, x710vf_vc_eth_addr(&ad->vc, ad->info.vsi_id, false,
							 mac->addr_bytes,
							 VIRTCHNL_ETHER_ADDR_EXTRA));
	if (rc != 0)
		X710VF_LOG(WARNING, ad, "DEL_ETH_ADDR index %u: %s", index, strerror(-rc));
}

static int
mac_addr_set(struct rte_eth_dev *dev, struct rte_ether_addr *mac)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	struct rte_ether_addr *cur = &dev->data->mac_addrs[0];

	if (!rte_is_unicast_ether_addr(mac) || rte_is_zero_ether_addr(mac))
		return -EINVAL;
	rte_spinlock_lock(&ad->vc_lock);
	int rc = ad->reset_pending ? -EIO :
		 x710vf_vc_eth_addr(&ad->vc, ad->info.vsi_id, true, mac->addr_bytes,
				    VIRTCHNL_ETHER_ADDR_PRIMARY);
	if (rc == 0 && !rte_is_same_ether_addr(cur, mac))
		(void)x710vf_vc_eth_addr(&ad->vc, ad->info.vsi_id, false, cur->addr_bytes,
					 VIRTCHNL_ETHER_ADDR_PRIMARY);
	rte_spinlock_unlock(&ad->vc_lock);
	return rc;
}

static int
mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	uint16_t max = ad->info.max_mtu ? ad->info.max_mtu : X710VF_MAX_FRAME - X710VF_ETH_OVERHEAD;

	if (mtu < X710VF_MIN_MTU || mtu > max)
		return -EINVAL;
	/* max_pkt_size reaches the PF with CONFIG_VSI_QUEUES: only while stopped. */
	if (dev->data->dev_started) {
		X710VF_LOG(ERR, ad, "stop the port before changing the MTU");
		return -EBUSY;
	}
	return 0;
}

static int
vlan_filter_set(struct rte_eth_dev *dev, uint16_t vid, int on)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);

	if (!(ad->info.caps & VIRTCHNL_VF_OFFLOAD_VLAN))
		return -ENOTSUP;
	if (vid >= X710VF_VLAN_IDS)
		return -EINVAL;
	int rc = X710VF_VC_LOCKED(ad, x710vf_vc_vlan(&ad->vc, ad->info.vsi_id, on != 0, vid));
	if (rc == 0) {
		if (on)
			ad->vlan_bitmap[vid / 64] |= UINT64_C(1) << (vid % 64);
		else
			ad->vlan_bitmap[vid / 64] &= ~(UINT64_C(1) << (vid % 64));
	}
	return rc;
}

static int
vlan_offload_set(struct rte_eth_dev *dev, int mask)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);

	if (!(ad->info.caps & VIRTCHNL_VF_OFFLOAD_VLAN))
		return -ENOTSUP;
	if (mask & RTE_ETH_VLAN_STRIP_MASK) {
		bool on = dev->data->dev_conf.rxmode.offloads & RTE_ETH_RX_OFFLOAD_VLAN_STRIP;
		int rc = X710VF_VC_LOCKED(ad, x710vf_vc_vlan_strip(&ad->vc, on));
		if (rc != 0)
			return rc;
		ad->vlan_strip = on;
	}
	return 0;
}

static int
reta_update(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *conf, uint16_t size)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	uint8_t lut[X710VF_RSS_LUT_MAX];

	if (!(ad->info.caps & VIRTCHNL_VF_OFFLOAD_RSS_PF))
		return -ENOTSUP;
	if (size != ad->info.rss_lut_size)
		return -EINVAL;
	memcpy(lut, ad->rss_lut, sizeof(lut));
	for (uint16_t i = 0; i < size; i++) {
		const struct rte_eth_rss_reta_entry64 *e = &conf[i / RTE_ETH_RETA_GROUP_SIZE];
		unsigned int bit = i % RTE_ETH_RETA_GROUP_SIZE;
		if (!(e->mask & (UINT64_C(1) << bit)))
			continue;
		if (e->reta[bit] >= ad->info.num_queue_pairs)
			return -EINVAL;
		lut[i] = (uint8_t)e->reta[bit];
	}
	int rc = X710VF_VC_LOCKED(ad, x710vf_vc_rss_lut(&ad->vc, ad->info.vsi_id, lut, size));
	if (rc == 0)
		memcpy(ad->rss_lut, lut, sizeof(lut));
	return rc;
}

static int
reta_query(struct rte_eth_dev *dev, struct rte_eth_rss_reta_entry64 *conf, uint16_t size)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);

	if (!(ad->info.caps & VIRTCHNL_VF_OFFLOAD_RSS_PF))
		return -ENOTSUP;
	if (size != ad->info.rss_lut_size)
		return -EINVAL;
	for (uint16_t i = 0; i < size; i++) {
		struct rte_eth_rss_reta_entry64 *e = &conf[i / RTE_ETH_RETA_GROUP_SIZE];
		unsigned int bit = i % RTE_ETH_RETA_GROUP_SIZE;
		if (e->mask & (UINT64_C(1) << bit))
			e->reta[bit] = ad->rss_lut[i];
	}
	return 0;
}

static int
rss_hash_update(struct rte_eth_dev *dev, struct rte_eth_rss_conf *conf)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	uint8_t old_key[X710VF_RSS_KEY_MAX];
	uint64_t old_hf = ad->rss_hf;

	if (!(ad->info.caps & VIRTCHNL_VF_OFFLOAD_RSS_PF))
		return -ENOTSUP;
	if (conf->rss_hf & ~RSS_HF_SUPPORTED)
		return -EINVAL;
	if (conf->rss_key != NULL && conf->rss_key_len != ad->info.rss_key_size)
		return -EINVAL;
	memcpy(old_key, ad->rss_key, sizeof(old_key));
	if (conf->rss_key != NULL)
		memcpy(ad->rss_key, conf->rss_key, ad->info.rss_key_size);
	ad->rss_hf = conf->rss_hf;
	int rc = X710VF_VC_LOCKED(ad, rss_program(ad));
	if (rc != 0) {
		memcpy(ad->rss_key, old_key, sizeof(old_key));
		ad->rss_hf = old_hf;
	}
	return rc;
}

static int
rss_hash_conf_get(struct rte_eth_dev *dev, struct rte_eth_rss_conf *conf)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);

	if (!(ad->info.caps & VIRTCHNL_VF_OFFLOAD_RSS_PF))
		return -ENOTSUP;
	conf->rss_hf = ad->rss_hf;
	if (conf->rss_key != NULL && conf->rss_key_len >= ad->info.rss_key_size)
		memcpy(conf->rss_key, ad->rss_key, ad->info.rss_key_size);
	conf->rss_key_len = (uint8_t)ad->info.rss_key_size;
	return 0;
}

static const uint32_t *
supported_ptypes(struct rte_eth_dev *dev)
{
	static const uint32_t ptypes[] = {
		RTE_PTYPE_L2_ETHER, RTE_PTYPE_L2_ETHER_ARP, RTE_PTYPE_L3_IPV4_EXT_UNKNOWN,
		RTE_PTYPE_L3_IPV6_EXT_UNKNOWN, RTE_PTYPE_L4_FRAG, RTE_PTYPE_L4_NONFRAG,
		RTE_PTYPE_L4_UDP, RTE_PTYPE_L4_TCP, RTE_PTYPE_L4_SCTP, RTE_PTYPE_L4_ICMP,
		RTE_PTYPE_UNKNOWN,
	};
	(void)dev;
	return ptypes;
}

static int
burst_mode_get(struct rte_eth_dev *dev, bool rx, struct rte_eth_burst_mode *mode)
{
	snprintf(mode->info, sizeof(mode->info), "%s", x710vf_burst_name(dev, rx));
	return 0;
}

static int rx_burst_mode(struct rte_eth_dev *d, uint16_t q, struct rte_eth_burst_mode *m)
{ (void)q; return burst_mode_get(d, true, m); }
static int tx_burst_mode(struct rte_eth_dev *d, uint16_t q, struct rte_eth_burst_mode *m)
{ (void)q; return burst_mode_get(d, false, m); }

static int dev_reset(struct rte_eth_dev *dev);

static const struct eth_dev_ops x710vf_ops = {
	.dev_configure = dev_configure,
	.dev_start = dev_start,
	.dev_stop = dev_stop,
	.dev_close = x710vf_dev_close,
	.dev_reset = dev_reset,
	.dev_infos_get = dev_infos_get,
	.dev_supported_ptypes_get = supported_ptypes,
	.link_update = link_update,
	.stats_get = stats_get,
	.stats_reset = stats_reset,
	.xstats_get = xstats_get,
	.xstats_get_names = xstats_get_names,
	.xstats_reset = stats_reset,
	.promiscuous_enable = promisc_on,
	.promiscuous_disable = promisc_off,
	.allmulticast_enable = allmulti_on,
	.allmulticast_disable = allmulti_off,
	.mac_addr_add = mac_addr_add,
	.mac_addr_remove = mac_addr_remove,
	.mac_addr_set = mac_addr_set,
	.mtu_set = mtu_set,
	.vlan_filter_set = vlan_filter_set,
	.vlan_offload_set = vlan_offload_set,
	.reta_update = reta_update,
	.reta_query = reta_query,
	.rss_hash_update = rss_hash_update,
	.rss_hash_conf_get = rss_hash_conf_get,
	.rx_queue_setup = x710vf_rx_queue_setup,
	.rx_queue_release = x710vf_rx_queue_release,
	.tx_queue_setup = x710vf_tx_queue_setup,
	.tx_queue_release = x710vf_tx_queue_release,
	.rx_queue_start = rx_queue_start,
	.rx_queue_stop = rx_queue_stop,
	.tx_queue_start = tx_queue_start,
	.tx_queue_stop = tx_queue_stop,
	.rx_burst_mode_get = rx_burst_mode,
	.tx_burst_mode_get = tx_burst_mode,
	.rxq_info_get = x710vf_rxq_info_get,
	.txq_info_get = x710vf_txq_info_get,
};

static int
x710vf_dev_init(struct rte_eth_dev *dev)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);
	struct rte_pci_device *pci = RTE_ETH_DEV_TO_PCI(dev);
	char name[RTE_MEMZONE_NAMESIZE];
	int rc;

	dev->dev_ops = &x710vf_ops;
	dev->rx_pkt_burst = x710vf_recv_scalar;
	dev->tx_pkt_burst = x710vf_xmit_scalar;
	dev->tx_pkt_prepare = x710vf_xmit_prep;
	dev->rx_descriptor_status = x710vf_rx_descriptor_status;
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;       /* secondaries share the primary's state */

	rte_eth_copy_pci_info(dev, pci);
	dev->data->dev_flags |= RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS;
	ad->dev = dev;
	rte_spinlock_init(&ad->vc_lock);
	if (pci->mem_resource[0].addr == NULL || pci->mem_resource[0].len < VF_BAR0_MIN) {
		RTE_LOG(ERR, EAL, "x710vf %s: BAR0 missing or smaller than %#x\n",
			pci->device.name, VF_BAR0_MIN);
		return -ENODEV;
	}
	ad->bar0 = pci->mem_resource[0].addr;
	snprintf(name, sizeof(name), "x710vf_mbx_%u", dev->data->port_id);
	ad->mbx_mz = rte_memzone_reserve_aligned(name, X710VF_MBX_MEM_SIZE, (int)pci->device.numa_node,
						 RTE_MEMZONE_IOVA_CONTIG, 4096);
	if (ad->mbx_mz == NULL)
		return -ENOMEM;
	rc = vf_handshake(ad);
	if (rc != 0)
		goto fail;

	dev->data->mac_addrs = rte_zmalloc("x710vf_mac", RTE_ETHER_ADDR_LEN * X710VF_MAX_MAC_ADDRS, 0);
	if (dev->data->mac_addrs == NULL) {
		rc = -ENOMEM;
		goto fail;
	}
	struct rte_ether_addr mac;
	memcpy(mac.addr_bytes, ad->info.mac, RTE_ETHER_ADDR_LEN);
	if (!rte_is_valid_assigned_ether_addr(&mac))
		rte_eth_random_addr(mac.addr_bytes);    /* as iavf does (spec §1.2-P4) */
	rte_ether_addr_copy(&mac, &dev->data->mac_addrs[0]);
	/* RSS stays off until configured (spec §1.2-P9). */
	if (ad->info.caps & VIRTCHNL_VF_OFFLOAD_RSS_PF)
		(void)X710VF_VC_LOCKED(ad, x710vf_vc_set_hena(&ad->vc, 0));
	(void)X710VF_VC_LOCKED(ad, x710vf_vc_get_stats(&ad->vc, ad->info.vsi_id, &ad->stats_base));
	alarm_start(ad);
	return 0;
fail:
	x710vf_mbx_shutdown(&ad->mbx);
	rte_memzone_free(ad->mbx_mz);
	ad->mbx_mz = NULL;
	return rc;
}

static int
x710vf_dev_close(struct rte_eth_dev *dev)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);

	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;
	if (dev->data->dev_started)
		dev_stop(dev);
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++)
		x710vf_rx_queue_release(dev, i);
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++)
		x710vf_tx_queue_release(dev, i);
	alarm_stop(ad);
	if (ad->promisc_flags)
		(void)X710VF_VC_LOCKED(ad, x710vf_vc_promisc(&ad->vc, ad->info.vsi_id, 0));
	rte_spinlock_lock(&ad->vc_lock);
	x710vf_mbx_shutdown(&ad->mbx);      /* no RESET_VF, as iavf (spec §0 #1) */
	rte_spinlock_unlock(&ad->vc_lock);
	rte_memzone_free(ad->mbx_mz);
	ad->mbx_mz = NULL;
	return 0;
}

/* Port reset: a full re-handshake; the app reconfigures afterwards. */
static int
dev_reset(struct rte_eth_dev *dev)
{
	struct x710vf_adapter *ad = x710vf_adapter_of(dev);

	if (dev->data->dev_started)
		dev_stop(dev);
	int rc = vf_reinit(ad);
	if (rc != 0)
		X710VF_LOG(ERR, ad, "reset: %s", strerror(-rc));
	ad->link_up = false;
	return rc;
}

static int
x710vf_pci_probe(struct rte_pci_driver *drv, struct rte_pci_device *pci)
{
	(void)drv;
	return rte_eth_dev_pci_generic_probe(pci, sizeof(struct x710vf_adapter), x710vf_dev_init);
}

static int
x710vf_pci_remove(struct rte_pci_device *pci)
{
	return rte_eth_dev_pci_generic_remove(pci, x710vf_dev_close);
}

static const struct rte_pci_id x710vf_pci_ids[] = {
	{ RTE_PCI_DEVICE(PCI_VENDOR_INTEL, PCI_DEV_X710_VF) },
	{ RTE_PCI_DEVICE(PCI_VENDOR_INTEL, PCI_DEV_AVF) },
	{ .vendor_id = 0 },
};

static struct rte_pci_driver x710vf_pci_driver = {
	.id_table = x710vf_pci_ids,
	.drv_flags = RTE_PCI_DRV_NEED_MAPPING,
	.probe = x710vf_pci_probe,
	.remove = x710vf_pci_remove,
};

/* The name is pasted into symbols by these macros, so it is spelled out. */
RTE_PMD_REGISTER_PCI(net_x710vf, x710vf_pci_driver);
RTE_PMD_REGISTER_PCI_TABLE(net_x710vf, x710vf_pci_ids);
RTE_PMD_REGISTER_KMOD_DEP(net_x710vf, "* igb_uio | vfio-pci | uio_pci_generic");
