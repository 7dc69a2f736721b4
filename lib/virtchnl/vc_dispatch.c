/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_dispatch: the opcode table and the entry point. Every admitted message
 * passes, in order: VF state, exact length, protocol state, capability, then
 * its handler, and ends in exactly one reply, except RESET_VF (no reply) and
 * a granted REQUEST_QUEUES (answered by RESET_IMPENDING, as Linux does and as
 * iavf waits for, spec §1.2 C1).
 */
#include <errno.h>
#include <string.h>

#include "vc_host_internal.h"

struct vc_op_entry {
	uint32_t opcode;
	const char *name;
	struct vc_len_rule len;
	bool needs_active;      /* only after GET_VF_RESOURCES (Linux: VF_STATE_ACTIVE) */
	uint32_t needs_cap;     /* the capability the VF must have been granted */
	vc_handler_fn *handler;
};

/* Lengths: spec §3.8 and virtchnl_vc_validate_vf_msg (legacy sizeof). */
static const struct vc_op_entry vc_ops[] = {
	{ VIRTCHNL_OP_VERSION, "VERSION", VC_LEN_FIXED(8), false, 0, vc_h_version },
	{ VIRTCHNL_OP_RESET_VF, "RESET_VF", VC_LEN_FIXED(0), false, 0, vc_h_reset_vf },
	{ VIRTCHNL_OP_GET_VF_RESOURCES, "GET_VF_RESOURCES",
	  { .base = VC_CAPS_REQUEST_LEN, .caps_by_version = true }, false, 0,
	  vc_h_get_vf_resources },
	{ VIRTCHNL_OP_CONFIG_VSI_QUEUES, "CONFIG_VSI_QUEUES", VC_LEN_LIST(72, 64, 2, 0), true, 0,
	  vc_h_config_vsi_queues },
	{ VIRTCHNL_OP_CONFIG_IRQ_MAP, "CONFIG_IRQ_MAP", VC_LEN_LIST(14, 12, 0, 0), true, 0,
	  vc_h_config_irq_map },
	{ VIRTCHNL_OP_ENABLE_QUEUES, "ENABLE_QUEUES", VC_LEN_FIXED(12), true, 0,
	  vc_h_enable_queues },
	{ VIRTCHNL_OP_DISABLE_QUEUES, "DISABLE_QUEUES", VC_LEN_FIXED(12), true, 0,
	  vc_h_disable_queues },
	{ VIRTCHNL_OP_ADD_ETH_ADDR, "ADD_ETH_ADDR", VC_LEN_LIST(12, 8, 2, 0), true, 0,
	  vc_h_add_eth_addr },
	{ VIRTCHNL_OP_DEL_ETH_ADDR, "DEL_ETH_ADDR", VC_LEN_LIST(12, 8, 2, 0), true, 0,
	  vc_h_del_eth_addr },
	{ VIRTCHNL_OP_ADD_VLAN, "ADD_VLAN", VC_LEN_LIST(6, 2, 2, 0), true,
	  VIRTCHNL_VF_OFFLOAD_VLAN, vc_h_add_vlan },
	{ VIRTCHNL_OP_DEL_VLAN, "DEL_VLAN", VC_LEN_LIST(6, 2, 2, 0), true,
	  VIRTCHNL_VF_OFFLOAD_VLAN, vc_h_del_vlan },
	{ VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE, "CONFIG_PROMISCUOUS_MODE", VC_LEN_FIXED(4), true, 0,
	  vc_h_config_promisc },
	{ VIRTCHNL_OP_GET_STATS, "GET_STATS", VC_LEN_FIXED(12), true, 0, vc_h_get_stats },
	{ VIRTCHNL_OP_CONFIG_RSS_KEY, "CONFIG_RSS_KEY", VC_LEN_LIST(6, 1, 2, -1), true,
	  VIRTCHNL_VF_OFFLOAD_RSS_PF, vc_h_config_rss_key },
	{ VIRTCHNL_OP_CONFIG_RSS_LUT, "CONFIG_RSS_LUT", VC_LEN_LIST(6, 1, 2, -1), true,
	  VIRTCHNL_VF_OFFLOAD_RSS_PF, vc_h_config_rss_lut },
	{ VIRTCHNL_OP_GET_RSS_HENA_CAPS, "GET_RSS_HENA_CAPS", VC_LEN_FIXED(0), true,
	  VIRTCHNL_VF_OFFLOAD_RSS_PF, vc_h_get_rss_hena_caps },
	{ VIRTCHNL_OP_SET_RSS_HENA, "SET_RSS_HENA", VC_LEN_FIXED(8), true,
	  VIRTCHNL_VF_OFFLOAD_RSS_PF, vc_h_set_rss_hena },
	{ VIRTCHNL_OP_ENABLE_VLAN_STRIPPING, "ENABLE_VLAN_STRIPPING", VC_LEN_FIXED(0), true,
	  VIRTCHNL_VF_OFFLOAD_VLAN, vc_h_enable_vlan_strip },
	{ VIRTCHNL_OP_DISABLE_VLAN_STRIPPING, "DISABLE_VLAN_STRIPPING", VC_LEN_FIXED(0), true,
	  VIRTCHNL_VF_OFFLOAD_VLAN, vc_h_disable_vlan_strip },
	/* iavf sends REQUEST_QUEUES without checking the cap (spec §1.4). */
	{ VIRTCHNL_OP_REQUEST_QUEUES, "REQUEST_QUEUES", VC_LEN_FIXED(2), true, 0,
	  vc_h_request_queues },
	/* Never granted (RX_FLEX_DESC, VLAN_V2), so iavf never sends them; Linux
	 * i40e has no handler and answers "unsupported" (spec §1.2 P5/P6). */
	{ VIRTCHNL_OP_GET_SUPPORTED_RXDIDS, "GET_SUPPORTED_RXDIDS", VC_LEN_FIXED(0), false, 0,
	  vc_h_not_supported },
	{ VIRTCHNL_OP_GET_OFFLOAD_VLAN_V2_CAPS, "GET_OFFLOAD_VLAN_V2_CAPS", VC_LEN_FIXED(0), false,
	  0, vc_h_not_supported },
};

static const struct vc_op_entry *find_op(uint32_t opcode)
{
	for (size_t i = 0; i < sizeof(vc_ops) / sizeof(vc_ops[0]); i++)
		if (vc_ops[i].opcode == opcode)
			return &vc_ops[i];
	return NULL;
}

int32_t vc_h_not_supported(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
			   struct vc_reply *r)
{
	(void)h; (void)vf; (void)msg; (void)len; (void)r;
	return VIRTCHNL_STATUS_ERR_NOT_SUPPORTED;
}

/* Decide the status of one admitted message; fills r. */
static int32_t run_op(struct vc_host *h, uint16_t vf, const struct vc_op_entry *e,
		      const uint8_t *msg, uint16_t len, struct vc_reply *r)
{
	struct vc_vf *v = &h->vfs[vf];
	uint32_t want;

	if (!e) {
		vc_log(h, VC_LOG_WARN, vf, "unsupported opcode");
		return VIRTCHNL_STATUS_ERR_NOT_SUPPORTED;
	}
	if (!vc_msg_len_ok(&e->len, msg, len, v->vf_is_1_0, &want)) {
		vc_log(h, VC_LOG_WARN, vf, "%s: length %u, expected %u", e->name, len, want);
		return VIRTCHNL_STATUS_ERR_PARAM;
	}
	if (e->needs_active && v->state != VC_VF_ACTIVE) {
		vc_log(h, VC_LOG_WARN, vf, "%s before GET_VF_RESOURCES", e->name);
		return VIRTCHNL_STATUS_ERR_PARAM;
	}
	if (e->needs_cap && !(v->granted_caps & e->needs_cap)) {
		vc_log(h, VC_LOG_WARN, vf, "%s without its capability", e->name);
		return VIRTCHNL_STATUS_ERR_NOT_SUPPORTED;
	}
	return e->handler(h, vf, msg, len, r);
}

int vc_host_handle(struct vc_host *h, uint16_t abs_vf, uint32_t v_opcode, int32_t v_retval,
		   const void *msg, uint16_t len, uint64_t now_us)
{
	static const uint8_t empty[1];
	const struct vc_op_entry *e;
	struct vc_reply r;
	struct vc_vf *v;
	uint16_t vf;
	int32_t status;

	if (abs_vf < h->p.vf_base_id || abs_vf - h->p.vf_base_id >= h->p.num_vfs)
		return -ENOENT;
	vf = (uint16_t)(abs_vf - h->p.vf_base_id);
	v = &h->vfs[vf];
	if (!v->enabled) {
		v->counters.dropped_disabled++;
		return -ENODEV;
	}
	if (v->state == VC_VF_RESETTING) {
		v->counters.dropped_resetting++;
		return -EBUSY;
	}
	if (!vc_rate_admit(&h->p.rate, &v->rate, now_us)) {
		v->counters.dropped_rate++;
		if (v->counters.dropped_rate == 1)
			vc_log(h, VC_LOG_WARN, vf, "mailbox rate limit hit: dropping messages");
		return -EAGAIN;
	}
	v->counters.received++;
	v->counters.requests[v_opcode < VC_OPCODE_SLOTS ? v_opcode : VC_OPCODE_SLOTS - 1]++;
	if (!msg || len == 0) {
		msg = empty;
		len = 0;
	}
	if (v_retval != 0)
		vc_log(h, VC_LOG_DEBUG, vf, "opcode %u carries retval %d from the VF", v_opcode,
		       v_retval);

	memset(&r, 0, sizeof(r));
	e = find_op(v_opcode);
	status = run_op(h, vf, e, msg, len, &r);
	if (status != VIRTCHNL_STATUS_SUCCESS || r.denied)
		v->counters.denied[v_opcode < VC_OPCODE_SLOTS ? v_opcode : VC_OPCODE_SLOTS - 1]++;

	if (status == VIRTCHNL_STATUS_SUCCESS && r.post == VC_POST_RESET_QUIET)
		return vc_vf_do_reset(h, vf, false, false);
	if (status == VIRTCHNL_STATUS_SUCCESS && r.post == VC_POST_RESET_NOTIFY)
		return vc_vf_do_reset(h, vf, false, true);
	int rc = vc_send(h, vf, v_opcode, status, status == VIRTCHNL_STATUS_SUCCESS ? r.buf : NULL,
			 status == VIRTCHNL_STATUS_SUCCESS ? r.len : 0, false);
	if (rc == 0 && status == VIRTCHNL_STATUS_SUCCESS && r.post == VC_POST_LINK_EVENT)
		rc = vc_send_link_event(h, vf);
	return rc;
}
