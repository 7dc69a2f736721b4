/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A VF's rtnetlink attributes (spec linux-ecosystem.md §1.2: IFLA_VF_*) and
 * the small ops table the backend reaches them through: the real one speaks
 * rtnetlink with libnl-route-3 (kernel_netlink.c); tests inject their own.
 */
#ifndef KERNEL_VF_ATTR_H
#define KERNEL_VF_ATTR_H

#include <stdbool.h>
#include <stdint.h>

#include <sriov/plan.h>

/* One settable attribute = one netlink request (the VM showed that a
 * combined request stops at the first refusal, tests/vm/README.md). */
enum kernel_vf_key {
	KERNEL_VF_MAC,         /* IFLA_VF_MAC */
	KERNEL_VF_SPOOFCHK,    /* IFLA_VF_SPOOFCHK */
	KERNEL_VF_TRUST,       /* IFLA_VF_TRUST */
	KERNEL_VF_VLAN,        /* IFLA_VF_VLAN_LIST: vlan, qos and proto together */
	KERNEL_VF_RATE,        /* IFLA_VF_RATE: min and max together */
	KERNEL_VF_LINK_STATE,  /* IFLA_VF_LINK_STATE */
	KERNEL_VF_RSS_QUERY,   /* IFLA_VF_RSS_QUERY_EN */
	KERNEL_VF_KEY_COUNT,
};

/* IFLA_VF_LINK_STATE_AUTO/ENABLE/DISABLE (uapi linux/if_link.h). */
enum kernel_link_state { KERNEL_LINK_AUTO = 0, KERNEL_LINK_ENABLE = 1, KERNEL_LINK_DISABLE = 2 };

/* 802.1Q and 802.1ad TPIDs (uapi linux/if_ether.h ETH_P_8021Q / ETH_P_8021AD). */
#define KERNEL_VLAN_PROTO_8021Q 0x8100
#define KERNEL_VLAN_PROTO_8021AD 0x88a8

struct kernel_vf_attrs {
	uint32_t present;           /* bit (1 << enum kernel_vf_key): reported */
	uint8_t mac[6];
	bool spoofchk, trust, rss_query;
	uint16_t vlan, qos, vlan_proto;  /* vlan 0: no port VLAN; proto host order */
	uint32_t max_tx_rate, min_tx_rate;   /* Mbit/s, 0 = none */
	uint32_t link_state;        /* enum kernel_link_state */
};

/* The counters of IFLA_VF_STATS (uapi linux/if_link.h IFLA_VF_STATS_*; RX/TX_DROPPED
 * since Linux 5.4). BROADCAST and MULTICAST count received packets. */
enum kernel_vf_stat {
	KERNEL_VF_STAT_RX_PACKETS,
	KERNEL_VF_STAT_TX_PACKETS,
	KERNEL_VF_STAT_RX_BYTES,
	KERNEL_VF_STAT_TX_BYTES,
	KERNEL_VF_STAT_BROADCAST,
	KERNEL_VF_STAT_MULTICAST,
	KERNEL_VF_STAT_RX_DROPPED,
	KERNEL_VF_STAT_TX_DROPPED,
	KERNEL_VF_STAT_COUNT,
};

/* What a status dump says about one VF; a bit of `present` per counter
 * (1 << enum kernel_vf_stat) and KERNEL_VF_HAS_LINK_STATE. */
#define KERNEL_VF_HAS_LINK_STATE (UINT32_C(1) << 31)
struct kernel_vf_status {
	uint32_t present;
	uint64_t stat[KERNEL_VF_STAT_COUNT];
	uint32_t link_state;        /* enum kernel_link_state */
};

struct kernel_nl_ops {
	/* Fills up to @max VFs' attributes of PF @ifindex (index = VF number)
	 * and the number the kernel reported (IFLA_NUM_VF) in *n. */
	int (*get_vfs)(void *ctx, uint32_t ifindex, struct kernel_vf_attrs *out, unsigned int max,
		       unsigned int *n, struct sriov_error *err);
	/* Sends attribute @key of @vf (taken from @want) in one RTM_SETLINK.
	 * Returns the kernel's errno as it came (-EOPNOTSUPP, -EINVAL, ...). */
	int (*set_vf)(void *ctx, uint32_t ifindex, unsigned int vf, enum kernel_vf_key key,
		      const struct kernel_vf_attrs *want, struct sriov_error *err);
	void (*close)(void *ctx);
	/* One dump of PF @ifindex with VF stats: fills up to @max VFs' status
	 * (index = VF number) and the number of VFs the reply listed in *n.
	 * NULL: the backend has no VF status. */
	int (*get_vf_status)(void *ctx, uint32_t ifindex, struct kernel_vf_status *out,
			     unsigned int max, unsigned int *n, struct sriov_error *err);
};

/* The libnl-route-3 implementation: a socket whose receive buffer fits
 * @expected_vfs VFs' info. 0 or -errno. */
int kernel_netlink_open(unsigned int expected_vfs, const struct kernel_nl_ops **ops, void **ctx,
			struct sriov_error *err);

#endif
