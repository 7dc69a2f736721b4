/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_policy: the decisions the per-VF policy makes about VF requests. */
#include <errno.h>
#include <string.h>

#include "vc_policy.h"
#include "vc_wire.h"

/* I/G bit of the first octet (IEEE 802). */
#define MAC_GROUP_BIT 0x01
/* 802.1p priority is 3 bits. */
#define VLAN_QOS_MAX 7

bool vc_mac_is_zero(const uint8_t mac[6])
{
	static const uint8_t zero[6];

	return memcmp(mac, zero, sizeof(zero)) == 0;
}

bool vc_mac_is_broadcast(const uint8_t mac[6])
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	return memcmp(mac, bcast, sizeof(bcast)) == 0;
}

bool vc_mac_is_multicast(const uint8_t mac[6])
{
	return (mac[0] & MAC_GROUP_BIT) != 0;
}

bool vc_policy_may_set_mac(const struct vc_policy *p)
{
	/* Without an admin MAC the VF must pick its own (ixl forces SET_MAC_CAP). */
	return p->trust || p->allow_set_mac || !p->has_admin_mac;
}

bool vc_policy_may_promisc(const struct vc_policy *p)
{
	return p->trust || p->allow_promisc;
}

uint16_t vc_policy_mac_limit(const struct vc_policy *p)
{
	return p->trust ? VC_TRUSTED_MAX_MAC : VC_UNTRUSTED_MAX_MAC;
}

uint16_t vc_policy_vlan_limit(const struct vc_policy *p)
{
	return p->trust ? VC_TRUSTED_MAX_VLAN : VC_UNTRUSTED_MAX_VLAN;
}

enum vc_mac_verdict vc_policy_check_mac(const struct vc_policy *p, const uint8_t mac[6])
{
	if (vc_mac_is_zero(mac) || vc_mac_is_broadcast(mac))
		return VC_MAC_INVALID;
	if (vc_mac_is_multicast(mac) || vc_policy_may_set_mac(p))
		return VC_MAC_OK;
	/* Equal to the admin MAC is the one unicast an unprivileged VF may add. */
	if (memcmp(mac, p->admin_mac, 6) == 0)
		return VC_MAC_OK;
	return VC_MAC_DENIED;
}

int vc_policy_validate(const struct vc_policy *p)
{
	if (p->num_queues < 1 || p->num_queues > VC_POLICY_MAX_QUEUES)
		return -EINVAL;
	if (p->has_admin_mac && (vc_mac_is_zero(p->admin_mac) || vc_mac_is_multicast(p->admin_mac)))
		return -EINVAL;
	if (p->has_port_vlan && (p->port_vlan_id > VC_VLAN_ID_MAX || p->port_vlan_qos > VLAN_QOS_MAX))
		return -EINVAL;
	if (p->link_state != VC_LINK_AUTO && p->link_state != VC_LINK_ENABLE &&
	    p->link_state != VC_LINK_DISABLE)
		return -EINVAL;
	return 0;
}
