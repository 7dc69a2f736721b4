/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_host: creation, per-VF lifecycle (reset, enable, policy changes), link
 * events and inspection. Message dispatch is in vc_dispatch.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vc_host_internal.h"

void vc_log(const struct vc_host *h, enum vc_log_level lvl, uint16_t vf, const char *fmt, ...)
{
	va_list ap;

	if (!h->p.log)
		return;
	va_start(ap, fmt);
	h->p.log(h->p.log_ctx, lvl, vf, fmt, ap);
	va_end(ap);
}

static bool ops_complete(const struct vc_hw_ops *o)
{
	return o && o->send_to_vf && o->vf_reset && o->config_txq && o->config_rxq &&
	       o->config_irq_map && o->switch_queues && o->mac_filter && o->vlan_filter &&
	       o->set_promisc && o->vlan_strip && o->get_stats && o->set_rss_key &&
	       o->set_rss_lut && o->set_rss_hena && o->link && o->vsi_id;
}

void vc_vf_clear(struct vc_vf *v)
{
	v->state = VC_VF_INACTIVE;
	v->granted_caps = 0;
	v->num_queues = v->requested_queues ? v->requested_queues : v->policy.num_queues;
	v->vsi_id = 0;
	v->txq_configured = v->rxq_configured = 0;
	v->txq_enabled = v->rxq_enabled = 0;
	v->macs.count = 0;
	v->vlans.count = 0;
	/* The hw layer installs the admin MAC filter when it builds the VSI. */
	if (v->policy.has_admin_mac)
		(void)vc_mac_set_add(&v->macs, v->policy.admin_mac, true);
	v->promisc_uc_req = v->promisc_mc_req = false;
	v->promisc_uc_eff = v->promisc_mc_eff = false;
	v->vlan_strip = false;
	v->rss_hena = 0;
}

void vc_vf_undo(struct vc_host *h, uint16_t vf)
{
	struct vc_vf *v = &h->vfs[vf];
	const struct vc_hw_ops *o = h->p.ops;
	int rc;

	if (v->rxq_enabled || v->txq_enabled) {
		rc = o->switch_queues(h->p.hw_ctx, vf, v->rxq_enabled, v->txq_enabled, false);
		if (rc)
			vc_log(h, VC_LOG_ERR, vf, "re-init: disabling queues failed (%d)", rc);
	}
	for (int i = 0; i < v->macs.count; i++) {
		if (v->macs.e[i].from_policy)
			continue;
		rc = o->mac_filter(h->p.hw_ctx, vf, v->macs.e[i].mac, false);
		if (rc)
			vc_log(h, VC_LOG_ERR, vf, "re-init: removing a MAC filter failed (%d)", rc);
	}
	for (int i = 0; i < v->vlans.count; i++) {
		rc = o->vlan_filter(h->p.hw_ctx, vf, v->vlans.vid[i], false);
		if (rc)
			vc_log(h, VC_LOG_ERR, vf, "re-init: removing VLAN %u failed (%d)",
			       v->vlans.vid[i], rc);
	}
	if (v->promisc_uc_eff || v->promisc_mc_eff) {
		rc = o->set_promisc(h->p.hw_ctx, vf, false, false);
		if (rc)
			vc_log(h, VC_LOG_ERR, vf, "re-init: clearing promisc failed (%d)", rc);
	}
	vc_vf_clear(v);
}

int vc_send(struct vc_host *h, uint16_t vf, uint32_t op, int32_t status, const void *buf,
	    uint16_t len, bool is_event)
{
	struct vc_vf *v = &h->vfs[vf];
	int rc = h->p.ops->send_to_vf(h->p.hw_ctx, vf, op, status, buf, len);

	if (rc) {
		v->counters.send_failures++;
		vc_log(h, VC_LOG_ERR, vf, "sending opcode %u to the VF failed (%d)", op, rc);
		return rc;
	}
	if (is_event) {
		v->counters.events++;
		return 0;
	}
	v->counters.replies++;
	if (status != VIRTCHNL_STATUS_SUCCESS)
		v->counters.nacks++;
	return 0;
}

/* virtchnl_link_speed for VFs without ADV_LINK_SPEED. */
static const struct { uint32_t mbps; uint32_t code; } speed_codes[] = {
	{ 100, VIRTCHNL_LINK_SPEED_100MB }, { 1000, VIRTCHNL_LINK_SPEED_1GB },
	{ 10000, VIRTCHNL_LINK_SPEED_10GB }, { 20000, VIRTCHNL_LINK_SPEED_20GB },
	{ 25000, VIRTCHNL_LINK_SPEED_25GB }, { 40000, VIRTCHNL_LINK_SPEED_40GB },
};

static uint32_t speed_code(uint32_t mbps)
{
	for (size_t i = 0; i < sizeof(speed_codes) / sizeof(speed_codes[0]); i++)
		if (speed_codes[i].mbps == mbps)
			return speed_codes[i].code;
	return 0;   /* VIRTCHNL_LINK_SPEED_UNKNOWN */
}

int vc_send_link_event(struct vc_host *h, uint16_t vf)
{
	struct vc_vf *v = &h->vfs[vf];
	struct vc_link link = { 0 };
	struct virtchnl_pf_event ev;
	int rc = h->p.ops->link(h->p.hw_ctx, vf, &link);

	if (rc) {
		vc_log(h, VC_LOG_WARN, vf, "link query failed (%d): reporting link down", rc);
		link.up = false;
		link.speed_mbps = 0;
	}
	if (v->policy.link_state == VC_LINK_ENABLE)
		link.up = true;
	else if (v->policy.link_state == VC_LINK_DISABLE)
		link.up = false;

	memset(&ev, 0, sizeof(ev));
	ev.event = VIRTCHNL_EVENT_LINK_CHANGE;
	ev.severity = PF_EVENT_SEVERITY_INFO;
	ev.event_data.link_event.link_status = link.up;
	/* ADV_LINK_SPEED: the same offsets, speed in Mbit/s (spec §1.4). */
	ev.event_data.link_event.link_speed = (v->granted_caps & VIRTCHNL_VF_CAP_ADV_LINK_SPEED) ?
		link.speed_mbps : speed_code(link.speed_mbps);
	return vc_send(h, vf, VIRTCHNL_OP_EVENT, VIRTCHNL_STATUS_SUCCESS, &ev, sizeof(ev), true);
}

bool vc_vsi_ok(const struct vc_host *h, uint16_t vf, uint16_t vsi_id)
{
	return vsi_id == h->vfs[vf].vsi_id;
}

uint16_t vc_queue_mask(const struct vc_vf *v)
{
	return (uint16_t)((1u << v->num_queues) - 1);
}

int vc_host_validate(const struct vc_host_params *params, const struct vc_policy *policies)
{
	if (!params || !policies || !ops_complete(params->ops) || params->num_vfs == 0 ||
	    params->num_vfs > VC_MAX_VFS || params->max_vectors == 0 ||
	    vc_rate_limit_validate(&params->rate))
		return -EINVAL;
	for (uint16_t i = 0; i < params->num_vfs; i++)
		if (vc_policy_validate(&policies[i]))
			return -EINVAL;
	return 0;
}

int vc_host_new(const struct vc_host_params *params, struct vc_vf *vfs, struct vc_host **out)
{
	struct vc_host *h = calloc(1, sizeof(*h));

	if (!h)
		return -ENOMEM;
	h->vfs_owned = vfs == NULL;
	h->vfs = vfs ? vfs : calloc(params->num_vfs, sizeof(*h->vfs));
	if (!h->vfs) {
		free(h);
		return -ENOMEM;
	}
	h->p = *params;
	if (h->p.max_vectors > VC_MAX_VECTORS) {
		vc_log(h, VC_LOG_INFO, 0, "%u MSI-X vectors per VF reported; a VF can use %u",
		       h->p.max_vectors, VC_MAX_VECTORS);
		h->p.max_vectors = VC_MAX_VECTORS;
	}
	*out = h;
	return 0;
}

void vc_host_fresh_vfs(struct vc_host *h, const struct vc_policy *policies)
{
	for (uint16_t i = 0; i < h->p.num_vfs; i++) {
		memset(&h->vfs[i], 0, sizeof(h->vfs[i]));
		h->vfs[i].policy = policies[i];
		h->vfs[i].enabled = true;
		vc_vf_clear(&h->vfs[i]);
	}
}

int vc_host_create(const struct vc_host_params *params, const struct vc_policy *policies,
		   struct vc_host **out)
{
	int rc;

	*out = NULL;
	if ((rc = vc_host_validate(params, policies)) || (rc = vc_host_new(params, NULL, out)))
		return rc;
	vc_host_fresh_vfs(*out, policies);
	return 0;
}

void vc_host_destroy(struct vc_host *host)
{
	if (!host)
		return;
	if (host->vfs_owned)
		free(host->vfs);
	free(host);
}

int vc_vf_do_reset(struct vc_host *h, uint16_t vf, bool after_flr, bool notify)
{
	struct vc_vf *v = &h->vfs[vf];
	int rc;

	if (notify) {
		struct virtchnl_pf_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.event = VIRTCHNL_EVENT_RESET_IMPENDING;
		ev.severity = PF_EVENT_SEVERITY_CERTAIN_DOOM;
		(void)vc_send(h, vf, VIRTCHNL_OP_EVENT, VIRTCHNL_STATUS_SUCCESS, &ev, sizeof(ev), true);
	}
	v->state = VC_VF_RESETTING;
	rc = h->p.ops->vf_reset(h->p.hw_ctx, vf, after_flr);
	if (rc) {
		/* Stay RESETTING: the VF's messages are dropped until a reset works. */
		vc_log(h, VC_LOG_ERR, vf, "VF reset failed (%d); VF stays in reset", rc);
		return rc;
	}
	vc_vf_clear(v);
	v->counters.resets++;
	vc_log(h, VC_LOG_INFO, vf, "VF reset%s", after_flr ? " after FLR" : "");
	return 0;
}

int vc_host_vf_reset(struct vc_host *h, uint16_t vf, bool after_flr)
{
	if (vf >= h->p.num_vfs)
		return -ENOENT;
	/* Warn a running driver first, as Linux does; after an FLR nobody listens. */
	return vc_vf_do_reset(h, vf, after_flr,
			      !after_flr && h->vfs[vf].state == VC_VF_ACTIVE && h->vfs[vf].enabled);
}

int vc_host_vf_enable(struct vc_host *h, uint16_t vf, bool enabled)
{
	if (vf >= h->p.num_vfs)
		return -ENOENT;
	h->vfs[vf].enabled = enabled;
	return 0;
}

int vc_host_set_policy(struct vc_host *h, uint16_t vf, const struct vc_policy *policy)
{
	struct vc_vf *v;
	int rc;

	if (vf >= h->p.num_vfs)
		return -ENOENT;
	if (vc_policy_validate(policy))
		return -EINVAL;
	v = &h->vfs[vf];
	v->policy = *policy;
	if (v->requested_queues > policy->num_queues)
		v->requested_queues = 0;
	/* Promisc follows the permission at once: grant what was asked or take it away. */
	bool uc = vc_policy_may_promisc(policy) && v->promisc_uc_req;
	bool mc = vc_policy_may_promisc(policy) && v->promisc_mc_req;

	if (uc != v->promisc_uc_eff || mc != v->promisc_mc_eff) {
		rc = h->p.ops->set_promisc(h->p.hw_ctx, vf, uc, mc);
		if (rc)
			return rc;
		v->promisc_uc_eff = uc;
		v->promisc_mc_eff = mc;
	}
	if (v->state == VC_VF_ACTIVE && v->enabled)
		return vc_send_link_event(h, vf);
	return 0;
}

int vc_host_notify_link(struct vc_host *h, uint16_t vf)
{
	if (vf >= h->p.num_vfs)
		return -ENOENT;
	if (h->vfs[vf].state != VC_VF_ACTIVE || !h->vfs[vf].enabled)
		return 0;
	return vc_send_link_event(h, vf);
}

int vc_host_vf_view(const struct vc_host *h, uint16_t vf, struct vc_vf_view *out)
{
	const struct vc_vf *v;

	if (vf >= h->p.num_vfs)
		return -ENOENT;
	v = &h->vfs[vf];
	memset(out, 0, sizeof(*out));
	out->enabled = v->enabled;
	out->state = v->state;
	out->granted_caps = v->granted_caps;
	out->num_queues = v->num_queues;
	out->vsi_id = v->vsi_id;
	out->txq_configured = v->txq_configured;
	out->rxq_configured = v->rxq_configured;
	out->txq_enabled = v->txq_enabled;
	out->rxq_enabled = v->rxq_enabled;
	out->num_macs = v->macs.count;
	out->num_vlans = v->vlans.count;
	out->promisc_uc_requested = v->promisc_uc_req;
	out->promisc_mc_requested = v->promisc_mc_req;
	out->promisc_uc_effective = v->promisc_uc_eff;
	out->promisc_mc_effective = v->promisc_mc_eff;
	out->vlan_strip = v->vlan_strip;
	out->rss_hena = v->rss_hena;
	out->api_minor = v->vf_is_1_0 ? 0 : 1;
	return 0;
}

const struct vc_vf_counters *vc_host_vf_counters(const struct vc_host *h, uint16_t vf)
{
	return vf < h->p.num_vfs ? &h->vfs[vf].counters : NULL;
}

const struct vc_policy *vc_host_vf_policy(const struct vc_host *h, uint16_t vf)
{
	return vf < h->p.num_vfs ? &h->vfs[vf].policy : NULL;
}
