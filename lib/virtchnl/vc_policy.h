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

#endif /* VC_POLICY_H */
