/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_policy: what the administrator's configuration allows one VF. The x710
 * backend maps the resolved configuration (iovctl keys, freebsd-iovctl.md
 * §2.1, plus the Linux-style extras of issue 4) into this struct; the
 * virtchnl host enforces it and the hw layer applies the parts that live in
 * the VSI (anti-spoof, port VLAN, rate).
 */
#ifndef VC_POLICY_H
#define VC_POLICY_H

#include <stdbool.h>
#include <stdint.h>

/* What LINK_CHANGE events tell the VF (Linux "ip link set vf N state"). */
enum vc_link_state {
	VC_LINK_AUTO = 0,   /* follow the physical port */
	VC_LINK_ENABLE,     /* always up, at the port's speed */
	VC_LINK_DISABLE,    /* always down */
};

/* Queue pairs a VF may have: VPLAN_QTABLE has 16 entries (spec §3.3). */
#define VC_POLICY_MAX_QUEUES 16

struct vc_policy {
	bool has_admin_mac;         /* mac-addr given */
	uint8_t admin_mac[6];       /* default MAC handed to the VF; unicast */
	bool mac_anti_spoof;        /* sec_flags MAC_CHK, applied by the hw layer */
	bool allow_set_mac;         /* VF may add/change unicast MACs (forced on without admin MAC) */
	bool allow_promisc;         /* VF promisc requests take effect */
	bool trust;                 /* implies allow_set_mac + allow_promisc, lifts filter limits */
	uint16_t num_queues;        /* queue pairs granted, 1..VC_POLICY_MAX_QUEUES */
	bool has_port_vlan;         /* port VLAN (pvid) forced by the PF */
	uint16_t port_vlan_id;      /* 0..4095 */
	uint8_t port_vlan_qos;      /* 802.1p priority 0..7 */
	uint32_t max_tx_rate_mbps;  /* 0 = unlimited; applied by the hw layer */
	enum vc_link_state link_state;
};

/* Verdict on a MAC address a VF wants to add (ADD_ETH_ADDR). */
enum vc_mac_verdict {
	VC_MAC_OK = 0,
	VC_MAC_INVALID,     /* zero or broadcast: never a filter */
	VC_MAC_DENIED,      /* a foreign unicast MAC the VF may not use */
};

/* The decision ixl_vf_mac_valid intends (freebsd-iovctl.md §4 item 8, but
 * without its inverted comparison): multicast always, the admin MAC always,
 * any other unicast only if the VF may set its MAC. */
enum vc_mac_verdict vc_policy_check_mac(const struct vc_policy *p, const uint8_t mac[6]);

/* The VF may use unicast MACs of its own choosing. */
bool vc_policy_may_set_mac(const struct vc_policy *p);

/* The VF's promiscuous requests take effect. */
bool vc_policy_may_promisc(const struct vc_policy *p);

/* Most MAC / VLAN filters the VF may hold (18 / 16 untrusted). */
uint16_t vc_policy_mac_limit(const struct vc_policy *p);
uint16_t vc_policy_vlan_limit(const struct vc_policy *p);

/* 0 if the policy is usable by the host, -EINVAL otherwise (bad queue count,
 * admin MAC not unicast, VLAN id or QoS out of range, unknown link state). */
int vc_policy_validate(const struct vc_policy *p);

bool vc_mac_is_zero(const uint8_t mac[6]);
bool vc_mac_is_broadcast(const uint8_t mac[6]);
bool vc_mac_is_multicast(const uint8_t mac[6]);

#endif /* VC_POLICY_H */
