/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_host_internal: the host's state and the handler interface. */
#ifndef VC_HOST_INTERNAL_H
#define VC_HOST_INTERNAL_H

#include "vc_filter_set.h"
#include "vc_host.h"
#include "vc_msg_len.h"
#include "vc_wire.h"

/* Per-VF soft state, preallocated at host creation. */
struct vc_vf {
	struct vc_policy policy;
	bool enabled;
	enum vc_vf_state state;
	bool vf_is_1_0;             /* the VF announced virtchnl 1.0 */
	uint32_t granted_caps;
	uint16_t requested_queues;  /* from REQUEST_QUEUES; 0 = policy count; survives resets */
	uint16_t num_queues;
	uint16_t vsi_id;
	uint16_t txq_configured, rxq_configured, txq_enabled, rxq_enabled;
	struct vc_mac_set macs;
	struct vc_vlan_set vlans;
	bool promisc_uc_req, promisc_mc_req, promisc_uc_eff, promisc_mc_eff;
	bool vlan_strip;
	uint64_t rss_hena;
	struct vc_rate_state rate;
	struct vc_vf_counters counters;
};

/* Device limits (spec §3.3): 128 VFs. A VF BAR has 16 VFINT_DYN_CTLN1
 * registers plus vector 0 (spec §1.1), so at most 17 vectors are usable
 * whatever cap 0x44 reports. */
#define VC_MAX_VFS 128
#define VC_MAX_VECTORS 17

struct vc_host {
	struct vc_host_params p;
	struct vc_vf *vfs;          /* p.num_vfs entries */
	bool vfs_owned;             /* allocated here (else caller memory, vc_host_keep.c) */
};

/* Parameters and policies usable (0) or -EINVAL. */
int vc_host_validate(const struct vc_host_params *params, const struct vc_policy *policies);
/* A host over @vfs (NULL: allocated), VF state untouched. 0 or -ENOMEM. */
int vc_host_new(const struct vc_host_params *params, struct vc_vf *vfs, struct vc_host **out);
/* Every VF enabled, INACTIVE, with its policy. */
void vc_host_fresh_vfs(struct vc_host *h, const struct vc_policy *policies);

/* What follows the reply of a handler. */
enum vc_post {
	VC_POST_NONE = 0,
	VC_POST_LINK_EVENT,     /* LINK_CHANGE after the reply (spec §0 #9) */
	VC_POST_RESET_QUIET,    /* RESET_VF: no reply, reset */
	VC_POST_RESET_NOTIFY,   /* REQUEST_QUEUES granted: RESET_IMPENDING, reset */
};

/* Largest reply payload: virtchnl_eth_stats. */
#define VC_REPLY_MAX 96

struct vc_reply {
	uint8_t buf[VC_REPLY_MAX];
	uint16_t len;
	enum vc_post post;
	bool denied;    /* a policy refusal answered with success (counted anyway) */
};

/* A handler checks the whole message, acts, fills *r and returns the
 * virtchnl status of its one reply. len is already the exact length. */
typedef int32_t vc_handler_fn(struct vc_host *h, uint16_t vf, const uint8_t *msg,
			      uint16_t len, struct vc_reply *r);

vc_handler_fn vc_h_version, vc_h_reset_vf, vc_h_get_vf_resources, vc_h_request_queues;
vc_handler_fn vc_h_config_vsi_queues, vc_h_config_irq_map, vc_h_enable_queues,
	vc_h_disable_queues;
vc_handler_fn vc_h_add_eth_addr, vc_h_del_eth_addr, vc_h_add_vlan, vc_h_del_vlan,
	vc_h_config_promisc, vc_h_enable_vlan_strip, vc_h_disable_vlan_strip;
vc_handler_fn vc_h_get_stats, vc_h_config_rss_key, vc_h_config_rss_lut,
	vc_h_get_rss_hena_caps, vc_h_set_rss_hena, vc_h_not_supported;

void vc_log(const struct vc_host *h, enum vc_log_level lvl, uint16_t vf, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Soft state of a VF back to what the hw layer rebuilt from its policy. */
void vc_vf_clear(struct vc_vf *v);
/* Undo what the VF configured (queues, its filters, promisc) without a
 * hardware reset: for a VF that re-initialises without RESET_VF. */
void vc_vf_undo(struct vc_host *h, uint16_t vf);
/* Send one message to the VF and count it as a reply or an event. A VF that
 * sends opcode EVENT gets a NOT_SUPPORTED reply carrying that opcode, so the
 * kind cannot be told from the opcode. */
int vc_send(struct vc_host *h, uint16_t vf, uint32_t op, int32_t status, const void *buf,
	    uint16_t len, bool is_event);
/* Reset the VF through the hw layer, RESET_IMPENDING first if notify. */
int vc_vf_do_reset(struct vc_host *h, uint16_t vf, bool after_flr, bool notify);
/* Send LINK_CHANGE per the link-state policy. */
int vc_send_link_event(struct vc_host *h, uint16_t vf);
/* vsi_id matches the VF's VSI. */
bool vc_vsi_ok(const struct vc_host *h, uint16_t vf, uint16_t vsi_id);
/* Bitmap of the VF's granted queues. */
uint16_t vc_queue_mask(const struct vc_vf *v);

#endif /* VC_HOST_INTERNAL_H */
