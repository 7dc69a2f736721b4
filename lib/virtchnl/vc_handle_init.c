/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_handle_init: VERSION, RESET_VF, GET_VF_RESOURCES, REQUEST_QUEUES, the
 * messages that (re)start a VF. iavf re-initialises without RESET_VF (spec
 * §0 #1), so VERSION and GET_VF_RESOURCES are served in any state and undo
 * what the VF had configured before.
 */
#include <string.h>

#include "vc_host_internal.h"

/* What we ever grant (spec §1.4): never WB_ON_ITR, flex descriptors, VLAN_V2… */
#define VC_GRANTABLE_CAPS (VIRTCHNL_VF_OFFLOAD_L2 | VIRTCHNL_VF_CAP_ADV_LINK_SPEED | \
			   VIRTCHNL_VF_OFFLOAD_RSS_PF | VIRTCHNL_VF_OFFLOAD_VLAN | \
			   VIRTCHNL_VF_OFFLOAD_REQ_QUEUES)
/* A 1.0 VF cannot ask; it gets the base set (ixl: L2 | VLAN, RSS_REG not offered). */
#define VC_CAPS_1_0 (VIRTCHNL_VF_OFFLOAD_L2 | VIRTCHNL_VF_OFFLOAD_VLAN)

int32_t vc_h_version(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
		     struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	struct virtchnl_version_info reply = { VIRTCHNL_VERSION_MAJOR, VIRTCHNL_VERSION_MINOR };
	uint32_t major = vc_get_le32(msg), minor = vc_get_le32(msg + 4);

	(void)len;
	vc_vf_undo(h, vf);
	v->vf_is_1_0 = major == 1 && minor == 0;
	if (major != VIRTCHNL_VERSION_MAJOR || minor != VIRTCHNL_VERSION_MINOR)
		vc_log(h, VC_LOG_INFO, vf, "VF speaks virtchnl %u.%u; we answer 1.1", major, minor);
	/* iavf accepts exactly 1.1 (spec §0 #5). */
	memcpy(r->buf, &reply, sizeof(reply));
	r->len = sizeof(reply);
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_reset_vf(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
		      struct vc_reply *r)
{
	(void)h; (void)vf; (void)msg; (void)len;
	r->post = VC_POST_RESET_QUIET;
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_get_vf_resources(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
			      struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	struct virtchnl_vf_resource res;
	uint32_t asked = len == VC_CAPS_REQUEST_LEN ? vc_get_le32(msg) : VC_CAPS_1_0;
	uint32_t caps;
	uint16_t vsi_id;
	int rc;

	/* A second GET_VF_RESOURCES without reset is a re-initialising VF. */
	if (v->state == VC_VF_ACTIVE)
		vc_vf_undo(h, vf);
	rc = h->p.ops->vsi_id(h->p.hw_ctx, vf, &vsi_id);
	if (rc) {
		vc_log(h, VC_LOG_ERR, vf, "GET_VF_RESOURCES: no VSI (%d)", rc);
		return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
	}
	caps = VIRTCHNL_VF_OFFLOAD_L2 | (asked & VC_GRANTABLE_CAPS);
	/* With a port VLAN the VF sees no VLANs at all (Linux: VLAN cap only without pvid). */
	if (v->policy.has_port_vlan)
		caps &= ~VIRTCHNL_VF_OFFLOAD_VLAN;

	memset(&res, 0, sizeof(res));
	res.num_vsis = 1;
	res.num_queue_pairs = v->num_queues;
	res.max_vectors = h->p.max_vectors;
	res.max_mtu = VC_MAX_MTU;
	res.vf_cap_flags = caps;
	res.rss_key_size = VC_RSS_KEY_SIZE;
	res.rss_lut_size = VC_RSS_LUT_SIZE;
	res.vsi_res[0].vsi_id = vsi_id;
	res.vsi_res[0].num_queue_pairs = v->num_queues;
	res.vsi_res[0].vsi_type = VIRTCHNL_VSI_SRIOV;
	if (v->policy.has_admin_mac)
		memcpy(res.vsi_res[0].default_mac_addr, v->policy.admin_mac, 6);
	memcpy(r->buf, &res, sizeof(res));
	r->len = sizeof(res);
	r->post = VC_POST_LINK_EVENT;

	v->vsi_id = vsi_id;
	v->granted_caps = caps;
	v->state = VC_VF_ACTIVE;
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_request_queues(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
			    struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	struct vc_vf_res_request avail = { .num_queue_pairs = v->policy.num_queues };
	uint16_t n = vc_get_le16(msg);

	(void)len;
	if (n >= 1 && n <= v->policy.num_queues) {
		v->requested_queues = n;
		r->post = VC_POST_RESET_NOTIFY;
		return VIRTCHNL_STATUS_SUCCESS;
	}
	/* virtchnl: a refused request is answered with the number available. */
	vc_log(h, VC_LOG_WARN, vf, "REQUEST_QUEUES %u refused: policy allows %u", n,
	       v->policy.num_queues);
	memcpy(r->buf, &avail, sizeof(avail));
	r->len = sizeof(avail);
	r->denied = true;
	return VIRTCHNL_STATUS_SUCCESS;
}
