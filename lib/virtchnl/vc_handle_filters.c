/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_handle_filters: ADD/DEL_ETH_ADDR, ADD/DEL_VLAN, CONFIG_PROMISCUOUS_MODE
 * and VLAN stripping, where the VF's policy decides. Lists are checked whole
 * and applied all-or-nothing: a hw failure rolls back this message's adds.
 */
#include <string.h>

#include "vc_host_internal.h"

#define LIST_HDR 4   /* vsi_id, num_elements: elements @4 (ether and VLAN lists) */

static void mac_at(const uint8_t *msg, uint16_t i, struct virtchnl_ether_addr *a)
{
	memcpy(a, msg + LIST_HDR + i * sizeof(*a), sizeof(*a));
}

/* Header checks shared by the four list messages. */
static bool list_hdr_ok(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t max,
			const char *what)
{
	uint16_t n = vc_get_le16(msg + 2);

	if (!vc_vsi_ok(h, vf, vc_get_le16(msg)) || n == 0 || n > max) {
		vc_log(h, VC_LOG_WARN, vf, "%s: bad vsi_id or %u elements", what, n);
		return false;
	}
	return true;
}

int32_t vc_h_add_eth_addr(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
			  struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	struct virtchnl_ether_addr a, b;
	uint16_t n = vc_get_le16(msg + 2), fresh = 0, added = 0;

	(void)len; (void)r;
	if (!list_hdr_ok(h, vf, msg, VC_TRUSTED_MAX_MAC, "ADD_ETH_ADDR"))
		return VIRTCHNL_STATUS_ERR_PARAM;
	for (uint16_t i = 0; i < n; i++) {
		mac_at(msg, i, &a);
		enum vc_mac_verdict verdict = vc_policy_check_mac(&v->policy, a.addr);

		if (verdict != VC_MAC_OK) {
			vc_log(h, VC_LOG_WARN, vf, "ADD_ETH_ADDR: %02x:%02x:%02x:%02x:%02x:%02x %s",
			       a.addr[0], a.addr[1], a.addr[2], a.addr[3], a.addr[4], a.addr[5],
			       verdict == VC_MAC_INVALID ? "is not a filter address" :
			       "refused: the VF may not set its MAC (allow-set-mac / trust)");
			return VIRTCHNL_STATUS_ERR_PARAM;
		}
		bool dup = vc_mac_set_find(&v->macs, a.addr) >= 0;

		for (uint16_t j = 0; j < i && !dup; j++) {
			mac_at(msg, j, &b);
			dup = memcmp(a.addr, b.addr, 6) == 0;
		}
		fresh += !dup;
	}
	if (v->macs.count + fresh > vc_policy_mac_limit(&v->policy)) {
		vc_log(h, VC_LOG_WARN, vf, "ADD_ETH_ADDR: %u filters would pass the limit of %u",
		       v->macs.count + fresh, vc_policy_mac_limit(&v->policy));
		return VIRTCHNL_STATUS_ERR_NO_MEMORY;
	}
	for (uint16_t i = 0; i < n; i++) {
		mac_at(msg, i, &a);
		if (vc_mac_set_find(&v->macs, a.addr) >= 0)
			continue;
		int rc = h->p.ops->mac_filter(h->p.hw_ctx, vf, a.addr, true);

		if (rc) {
			vc_log(h, VC_LOG_ERR, vf, "ADD_ETH_ADDR: hw error %d, rolling back", rc);
			/* The last `added` entries of the set are this message's. */
			while (added--) {
				struct vc_mac_entry *e = &v->macs.e[v->macs.count - 1];

				(void)h->p.ops->mac_filter(h->p.hw_ctx, vf, e->mac, false);
				v->macs.count--;
			}
			return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
		}
		(void)vc_mac_set_add(&v->macs, a.addr, false);
		added++;
	}
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_del_eth_addr(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
			  struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	struct virtchnl_ether_addr a;
	uint16_t n = vc_get_le16(msg + 2);

	(void)len; (void)r;
	if (!list_hdr_ok(h, vf, msg, VC_TRUSTED_MAX_MAC, "DEL_ETH_ADDR"))
		return VIRTCHNL_STATUS_ERR_PARAM;
	for (uint16_t i = 0; i < n; i++) {
		mac_at(msg, i, &a);
		if (vc_mac_is_zero(a.addr) || vc_mac_is_broadcast(a.addr) ||
		    vc_mac_set_find(&v->macs, a.addr) < 0) {
			vc_log(h, VC_LOG_WARN, vf, "DEL_ETH_ADDR: element %u is not a filter", i);
			return VIRTCHNL_STATUS_ERR_PARAM;
		}
	}
	for (uint16_t i = 0; i < n; i++) {
		mac_at(msg, i, &a);
		int idx = vc_mac_set_find(&v->macs, a.addr);

		/* The admin MAC stays: acknowledged without effect (Linux does the same). */
		if (idx < 0 || v->macs.e[idx].from_policy) {
			r->denied = idx >= 0;
			continue;
		}
		int rc = h->p.ops->mac_filter(h->p.hw_ctx, vf, a.addr, false);

		if (rc) {
			vc_log(h, VC_LOG_ERR, vf, "DEL_ETH_ADDR: hw error %d", rc);
			return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
		}
		vc_mac_set_remove_at(&v->macs, idx);
	}
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_add_vlan(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
		      struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	uint16_t n = vc_get_le16(msg + 2), fresh = 0, added = 0;

	(void)len; (void)r;
	if (!list_hdr_ok(h, vf, msg, VC_TRUSTED_MAX_VLAN, "ADD_VLAN"))
		return VIRTCHNL_STATUS_ERR_PARAM;
	/* Port VLAN: the PF owns tagging (the cap is not granted; this is belt and braces). */
	if (v->policy.has_port_vlan) {
		vc_log(h, VC_LOG_WARN, vf, "ADD_VLAN refused: the VF has a port VLAN");
		return VIRTCHNL_STATUS_ERR_PARAM;
	}
	for (uint16_t i = 0; i < n; i++) {
		uint16_t vid = vc_get_le16(msg + LIST_HDR + 2 * i);
		bool dup = vc_vlan_set_find(&v->vlans, vid) >= 0;

		if (vid > VC_VLAN_ID_MAX) {
			vc_log(h, VC_LOG_WARN, vf, "ADD_VLAN: VLAN id %u out of range", vid);
			return VIRTCHNL_STATUS_ERR_PARAM;
		}
		for (uint16_t j = 0; j < i && !dup; j++)
			dup = vc_get_le16(msg + LIST_HDR + 2 * j) == vid;
		fresh += !dup;
	}
	if (v->vlans.count + fresh > vc_policy_vlan_limit(&v->policy)) {
		vc_log(h, VC_LOG_WARN, vf, "ADD_VLAN: %u filters would pass the limit of %u",
		       v->vlans.count + fresh, vc_policy_vlan_limit(&v->policy));
		return VIRTCHNL_STATUS_ERR_NO_MEMORY;
	}
	for (uint16_t i = 0; i < n; i++) {
		uint16_t vid = vc_get_le16(msg + LIST_HDR + 2 * i);

		if (vc_vlan_set_find(&v->vlans, vid) >= 0)
			continue;
		int rc = h->p.ops->vlan_filter(h->p.hw_ctx, vf, vid, true);

		if (rc) {
			vc_log(h, VC_LOG_ERR, vf, "ADD_VLAN: hw error %d, rolling back", rc);
			while (added--) {
				(void)h->p.ops->vlan_filter(h->p.hw_ctx, vf,
							    v->vlans.vid[v->vlans.count - 1], false);
				v->vlans.count--;
			}
			return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
		}
		(void)vc_vlan_set_add(&v->vlans, vid);
		added++;
	}
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_del_vlan(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
		      struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	uint16_t n = vc_get_le16(msg + 2);

	(void)len; (void)r;
	if (!list_hdr_ok(h, vf, msg, VC_TRUSTED_MAX_VLAN, "DEL_VLAN"))
		return VIRTCHNL_STATUS_ERR_PARAM;
	for (uint16_t i = 0; i < n; i++) {
		if (vc_vlan_set_find(&v->vlans, vc_get_le16(msg + LIST_HDR + 2 * i)) < 0) {
			vc_log(h, VC_LOG_WARN, vf, "DEL_VLAN: element %u is not a filter", i);
			return VIRTCHNL_STATUS_ERR_PARAM;
		}
	}
	for (uint16_t i = 0; i < n; i++) {
		uint16_t vid = vc_get_le16(msg + LIST_HDR + 2 * i);
		int idx = vc_vlan_set_find(&v->vlans, vid);

		if (idx < 0)
			continue;   /* listed twice */
		int rc = h->p.ops->vlan_filter(h->p.hw_ctx, vf, vid, false);

		if (rc) {
			vc_log(h, VC_LOG_ERR, vf, "DEL_VLAN: hw error %d", rc);
			return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
		}
		vc_vlan_set_remove_at(&v->vlans, idx);
	}
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_config_promisc(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
			    struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	struct virtchnl_promisc_info pi;

	(void)len;
	memcpy(&pi, msg, sizeof(pi));
	if (!vc_vsi_ok(h, vf, pi.vsi_id) ||
	    (pi.flags & ~(FLAG_VF_UNICAST_PROMISC | FLAG_VF_MULTICAST_PROMISC))) {
		vc_log(h, VC_LOG_WARN, vf, "CONFIG_PROMISCUOUS_MODE: vsi %u flags 0x%x invalid",
		       pi.vsi_id, pi.flags);
		return VIRTCHNL_STATUS_ERR_PARAM;
	}
	bool uc = pi.flags & FLAG_VF_UNICAST_PROMISC, mc = pi.flags & FLAG_VF_MULTICAST_PROMISC;

	v->promisc_uc_req = uc;
	v->promisc_mc_req = mc;
	if (!vc_policy_may_promisc(&v->policy)) {
		/* Acknowledge without effect, as ixl and Linux do; but say so. */
		if (uc || mc) {
			v->counters.promisc_ignored++;
			r->denied = true;
			vc_log(h, VC_LOG_INFO, vf,
			       "promiscuous mode asked, acknowledged without effect (allow-promisc is false)");
		}
		return VIRTCHNL_STATUS_SUCCESS;
	}
	int rc = h->p.ops->set_promisc(h->p.hw_ctx, vf, uc, mc);

	if (rc) {
		vc_log(h, VC_LOG_ERR, vf, "CONFIG_PROMISCUOUS_MODE: hw error %d", rc);
		return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
	}
	v->promisc_uc_eff = uc;
	v->promisc_mc_eff = mc;
	vc_log(h, VC_LOG_INFO, vf, "promiscuous mode: unicast %s, multicast %s", uc ? "on" : "off",
	       mc ? "on" : "off");
	return VIRTCHNL_STATUS_SUCCESS;
}

static int32_t set_vlan_strip(struct vc_host *h, uint16_t vf, bool on)
{
	int rc = h->p.ops->vlan_strip(h->p.hw_ctx, vf, on);

	if (rc) {
		vc_log(h, VC_LOG_ERR, vf, "VLAN stripping %s: hw error %d", on ? "on" : "off", rc);
		return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
	}
	h->vfs[vf].vlan_strip = on;
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_enable_vlan_strip(struct vc_host *h, uint16_t vf, const uint8_t *msg,
			       uint16_t len, struct vc_reply *r)
{
	(void)msg; (void)len; (void)r;
	return set_vlan_strip(h, vf, true);
}

int32_t vc_h_disable_vlan_strip(struct vc_host *h, uint16_t vf, const uint8_t *msg,
				uint16_t len, struct vc_reply *r)
{
	(void)msg; (void)len; (void)r;
	return set_vlan_strip(h, vf, false);
}
