/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_host: the virtchnl PF host. It answers the mailbox messages of
 * untrusted VFs (x710-hardware.md §1.2, §3.7) and enforces each VF's
 * vc_policy. It is OS-free: it touches hardware only through vc_hw_ops,
 * reads no clock (the caller passes one in) and allocates only in
 * vc_host_create.
 *
 * Whoever drains the PF ARQ calls vc_host_handle() for each 0x0801 event;
 * the backend calls the vc_host_vf_* functions for administrative changes.
 */
#ifndef VC_HOST_H
#define VC_HOST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "vc_hw_ops.h"
#include "vc_policy.h"
#include "vc_ratelimit.h"

struct vc_host;

enum vc_log_level { VC_LOG_ERR, VC_LOG_WARN, VC_LOG_INFO, VC_LOG_DEBUG };

/* vf is PF-relative; fmt is printf-style, no trailing newline. */
typedef void vc_log_fn(void *log_ctx, enum vc_log_level level, uint16_t vf,
		       const char *fmt, va_list ap);

struct vc_host_params {
	const struct vc_hw_ops *ops;   /* every op must be set */
	void *hw_ctx;
	uint16_t num_vfs;              /* 1..128 (spec §3.3) */
	uint16_t vf_base_id;           /* absolute id of VF 0 (cap 0x13 logical_id) */
	uint16_t max_vectors;          /* MSI-X vectors per VF incl. vector 0 (cap 0x44); >17 is clamped to 17 */
	struct vc_rate_limit rate;     /* per-VF mailbox limit */
	vc_log_fn *log;                /* may be NULL */
	void *log_ctx;
};

/* The VF's protocol state. */
enum vc_vf_state {
	VC_VF_INACTIVE = 0,   /* enabled, no GET_VF_RESOURCES yet (or re-initialising) */
	VC_VF_RESETTING,      /* reset under way or failed: messages dropped */
	VC_VF_ACTIVE,         /* resources granted: every opcode served */
};

/* Counters of one VF, for sysctl-like inspection and the tests. */
#define VC_OPCODE_SLOTS 128   /* denials by opcode; larger opcodes share the last slot */
struct vc_vf_counters {
	uint64_t received;          /* messages admitted to handling */
	uint64_t replies;           /* replies sent (one per handled message but RESET_VF) */
	uint64_t events;            /* PF events sent (link change, reset impending) */
	uint64_t nacks;             /* replies with a non-zero status */
	uint64_t dropped_rate;      /* over the rate limit: no reply */
	uint64_t dropped_disabled;  /* VF disabled: no reply */
	uint64_t dropped_resetting; /* VF in reset: no reply */
	uint64_t send_failures;     /* send_to_vf returned an error */
	uint64_t promisc_ignored;   /* promisc asked without permission: acked, no effect */
	uint64_t resets;            /* VF resets done */
	uint64_t denied[VC_OPCODE_SLOTS];
	uint64_t requests[VC_OPCODE_SLOTS]; /* messages admitted, by opcode */
};

/* A snapshot of one VF's soft state. */
struct vc_vf_view {
	bool enabled;
	enum vc_vf_state state;
	uint32_t granted_caps;
	uint16_t num_queues;        /* queue pairs granted */
	uint16_t vsi_id;
	uint16_t txq_configured, rxq_configured;   /* bitmaps */
	uint16_t txq_enabled, rxq_enabled;
	uint16_t num_macs, num_vlans;
	bool promisc_uc_requested, promisc_mc_requested;
	bool promisc_uc_effective, promisc_mc_effective;
	bool vlan_strip;
	uint64_t rss_hena;
	uint8_t api_minor;          /* virtchnl 1.<minor> the VF announced (0 or 1) */
};

/* Copies params and the num_vfs policies (validated); VFs start enabled and
 * INACTIVE. Returns 0, -EINVAL or -ENOMEM. */
int vc_host_create(const struct vc_host_params *params, const struct vc_policy *policies,
		   struct vc_host **out);
void vc_host_destroy(struct vc_host *host);

/*
 * Handle one message from the VF with absolute id abs_vf (the PF ARQ
 * descriptor's retval field). Returns 0 when the message was handled and
 * answered (reply status may be an error), -ENOENT for an unknown VF,
 * -ENODEV (disabled), -EBUSY (resetting), -EAGAIN (rate limit) when it was
 * dropped, or the send_to_vf error.
 */
int vc_host_handle(struct vc_host *host, uint16_t abs_vf, uint32_t v_opcode, int32_t v_retval,
		   const void *msg, uint16_t len, uint64_t now_us);

/* Administrative reset or FLR: RESET_IMPENDING (if active and not FLR), hw
 * reset, soft state back to the policy. */
int vc_host_vf_reset(struct vc_host *host, uint16_t vf, bool after_flr);

/* Enable or disable a VF; a disabled VF's messages are dropped. */
int vc_host_vf_enable(struct vc_host *host, uint16_t vf, bool enabled);

/* Replace the VF's policy. Promisc and link state apply live; admin MAC,
 * queue count, port VLAN and anti-spoof changes need vc_host_vf_reset. */
int vc_host_set_policy(struct vc_host *host, uint16_t vf, const struct vc_policy *policy);

/* Tell an active VF its link (after a port change or a link-state change). */
int vc_host_notify_link(struct vc_host *host, uint16_t vf);

/*
 * A host whose per-VF soft state lives in caller memory that can outlive
 * the process (a memfd kept for the next PF owner): vc_host_create_in()
 * starts fresh there, vc_host_attach() takes over what a previous host left
 * (VFs stay ACTIVE with their negotiated version, caps, queues, filters and
 * counters) after checking it; @policies replace the stored ones. -EINVAL,
 * -ENOSPC (@len too small), -ESTALE (not a state this build wrote, or
 * inconsistent: @why says what). VFs found mid-reset are set in
 * @need_reset (bit per VF, VC_MAX_VFS bits) for the caller to reset.
 */
size_t vc_host_state_size(uint16_t num_vfs);
int vc_host_create_in(const struct vc_host_params *params, const struct vc_policy *policies,
		      void *mem, size_t len, struct vc_host **out);
int vc_host_attach(const struct vc_host_params *params, const struct vc_policy *policies,
		   void *mem, size_t len, uint64_t need_reset[2], struct vc_host **out,
		   char *why, size_t why_len);

/* "VIRTCHNL_OP_GET_STATS", or NULL for an opcode the host does not know. */
const char *vc_opcode_name(unsigned int opcode);

int vc_host_vf_view(const struct vc_host *host, uint16_t vf, struct vc_vf_view *out);
const struct vc_vf_counters *vc_host_vf_counters(const struct vc_host *host, uint16_t vf);
const struct vc_policy *vc_host_vf_policy(const struct vc_host *host, uint16_t vf);

#endif /* VC_HOST_H */
