/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * net_x710vf: private state of one X710 VF port. The control path (dev_ops,
 * EAL alarm) serialises on vc_lock; the data path never takes it.
 */
#ifndef X710VF_ETHDEV_H
#define X710VF_ETHDEV_H

#include <stdbool.h>
#include <stdint.h>

#include <ethdev_driver.h>
#include <rte_spinlock.h>

#include "x710vf_vc.h"

#define X710VF_MAX_MAC_ADDRS    18      /* untrusted VF filter limit (spec §3.5) */
#define X710VF_VLAN_IDS         4096
#define X710VF_ETH_OVERHEAD     26      /* max_pkt = mtu + 26, as iavf (spec §1.2-S2) */
#define X710VF_MAX_FRAME        9728    /* largest frame the model's wire carries */
#define X710VF_MIN_MTU          68

/* i40e filter packet types: bits of the RSS HENA word (B:i40e_type.h
 * enum i40e_filter_pctype; the model uses the same, sim_dp_frame.c). */
#define X710VF_PCTYPE_IPV4_UDP    31
#define X710VF_PCTYPE_IPV4_TCP    33
#define X710VF_PCTYPE_IPV4_SCTP   34
#define X710VF_PCTYPE_IPV4_OTHER  35
#define X710VF_PCTYPE_FRAG_IPV4   36
#define X710VF_PCTYPE_IPV6_UDP    41
#define X710VF_PCTYPE_IPV6_TCP    43
#define X710VF_PCTYPE_IPV6_SCTP   44
#define X710VF_PCTYPE_IPV6_OTHER  45
#define X710VF_PCTYPE_FRAG_IPV6   46
#define X710VF_PCTYPE_L2_PAYLOAD  63

struct x710vf_rx_queue;
struct x710vf_tx_queue;

struct x710vf_adapter {
	struct rte_eth_dev *dev;
	volatile uint8_t *bar0;
	const struct rte_memzone *mbx_mz;
	struct x710vf_mbx mbx;
	struct x710vf_vc vc;
	rte_spinlock_t vc_lock;
	struct x710vf_vf_info info;
	bool alarm_armed;
	bool reset_pending;             /* PF announced a reset, or the AQ died */
	bool link_up;
	uint32_t link_mbps;
	uint16_t promisc_flags;
	bool vlan_strip;
	struct virtchnl_eth_stats stats_base;   /* subtracted after stats_reset */
	uint64_t rss_hf;
	uint8_t rss_key[X710VF_RSS_KEY_MAX];
	uint8_t rss_lut[X710VF_RSS_LUT_MAX];
	uint64_t vlan_bitmap[X710VF_VLAN_IDS / 64];
	uint32_t reset_count;
};

static inline struct x710vf_adapter *
x710vf_adapter_of(const struct rte_eth_dev *dev)
{
	return dev->data->dev_private;
}

/* Run a virtchnl request under the control lock; -EIO while resetting. */
#define X710VF_VC_LOCKED(ad, call) __extension__ ({ \
	int rc__; \
	rte_spinlock_lock(&(ad)->vc_lock); \
	rc__ = (ad)->reset_pending ? -EIO : (call); \
	rte_spinlock_unlock(&(ad)->vc_lock); \
	rc__; })

extern int x710vf_logtype;
#define X710VF_LOG(level, ad, fmt, ...) \
	rte_log(RTE_LOG_ ## level, x710vf_logtype, "x710vf %s: " fmt "\n", \
		(ad)->dev->data->name, ##__VA_ARGS__)

#endif /* X710VF_ETHDEV_H */
