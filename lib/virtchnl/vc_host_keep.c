/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A virtchnl host whose per-VF soft state lives in memory the caller keeps
 * beyond the process (a memfd held for the next PF owner). The block is a
 * header naming this build's layout and then the VFs' struct vc_vf as they
 * are, so a new owner resumes every session where the old one stopped.
 * The block is checked as hostile input before any field is believed.
 */
#include <errno.h>
#include <stdalign.h>
#include <stdio.h>
#include <string.h>

#include "vc_host_internal.h"

/* "VCHS" and a layout version; bump the version when struct vc_vf changes. */
#define VC_STATE_MAGIC 0x53484356u
#define VC_STATE_VERSION 1u

struct vc_state_hdr {
	uint32_t magic;
	uint32_t version;
	uint32_t vf_size;           /* sizeof(struct vc_vf) of the writer */
	uint16_t num_vfs;
	uint16_t reserved;
	alignas(16) unsigned char vfs[];
};

size_t vc_host_state_size(uint16_t num_vfs)
{
	return sizeof(struct vc_state_hdr) + (size_t)num_vfs * sizeof(struct vc_vf);
}

static struct vc_vf *state_vfs(void *mem)
{
	return (struct vc_vf *)((struct vc_state_hdr *)mem)->vfs;
}

static int check_block(const struct vc_host_params *params, const struct vc_policy *policies,
		       void *mem, size_t len)
{
	int rc = vc_host_validate(params, policies);

	if (rc)
		return rc;
	if (!mem || ((uintptr_t)mem % alignof(struct vc_state_hdr)) != 0)
		return -EINVAL;
	return len < vc_host_state_size(params->num_vfs) ? -ENOSPC : 0;
}

int vc_host_create_in(const struct vc_host_params *params, const struct vc_policy *policies,
		      void *mem, size_t len, struct vc_host **out)
{
	struct vc_state_hdr *hdr = mem;
	int rc;

	*out = NULL;
	if ((rc = check_block(params, policies, mem, len)))
		return rc;
	memset(hdr, 0, vc_host_state_size(params->num_vfs));
	if ((rc = vc_host_new(params, state_vfs(mem), out)))
		return rc;
	vc_host_fresh_vfs(*out, policies);
	/* The header last: a block torn by a crash here is refused, not believed. */
	hdr->vf_size = sizeof(struct vc_vf);
	hdr->num_vfs = params->num_vfs;
	hdr->version = VC_STATE_VERSION;
	hdr->magic = VC_STATE_MAGIC;
	return 0;
}

/* A bool stored by another process is only read once its byte is 0 or 1. */
static bool byte_is_bool(const void *p)
{
	unsigned char b;

	memcpy(&b, p, 1);
	return b <= 1;
}

/* One VF's stored state, field by field; NULL when sound, else what is not. */
static const char *vf_unsound(const struct vc_vf *v)
{
	const void *bools[] = { &v->enabled, &v->vf_is_1_0, &v->promisc_uc_req, &v->promisc_mc_req,
				&v->promisc_uc_eff, &v->promisc_mc_eff, &v->vlan_strip };
	unsigned int state;

	for (size_t i = 0; i < sizeof(bools) / sizeof(bools[0]); i++)
		if (!byte_is_bool(bools[i]))
			return "a flag is neither 0 nor 1";
	memcpy(&state, &v->state, sizeof(state));
	if (state > VC_VF_ACTIVE)
		return "unknown protocol state";
	if (v->num_queues == 0 || v->num_queues > VC_POLICY_MAX_QUEUES ||
	    v->requested_queues > VC_POLICY_MAX_QUEUES)
		return "queue count out of range";
	if (((v->txq_configured | v->rxq_configured | v->txq_enabled | v->rxq_enabled) &
	     ~vc_queue_mask(v)) != 0)
		return "queue bitmaps name queues the VF does not have";
	if (v->macs.count > VC_TRUSTED_MAX_MAC || v->vlans.count > VC_TRUSTED_MAX_VLAN)
		return "filter count out of range";
	for (uint16_t i = 0; i < v->macs.count; i++)
		if (!byte_is_bool(&v->macs.e[i].from_policy))
			return "a MAC filter flag is neither 0 nor 1";
	return NULL;
}

int vc_host_attach(const struct vc_host_params *params, const struct vc_policy *policies,
		   void *mem, size_t len, uint64_t need_reset[2], struct vc_host **out,
		   char *why, size_t why_len)
{
	const struct vc_state_hdr *hdr = mem;
	struct vc_vf *vfs;
	int rc;

	*out = NULL;
	need_reset[0] = need_reset[1] = 0;
	if ((rc = check_block(params, policies, mem, len)))
		return rc;
	if (hdr->magic != VC_STATE_MAGIC || hdr->version != VC_STATE_VERSION ||
	    hdr->vf_size != sizeof(struct vc_vf)) {
		snprintf(why, why_len, "kept virtchnl state: not written by this build (magic %#x, "
			 "version %u, %u-byte VFs)", hdr->magic, hdr->version, hdr->vf_size);
		return -ESTALE;
	}
	if (hdr->num_vfs != params->num_vfs) {
		snprintf(why, why_len, "kept virtchnl state holds %u VFs, the device %u",
			 hdr->num_vfs, params->num_vfs);
		return -ESTALE;
	}
	vfs = state_vfs(mem);
	for (uint16_t i = 0; i < params->num_vfs; i++) {
		const char *bad = vf_unsound(&vfs[i]);

		if (bad) {
			snprintf(why, why_len, "kept virtchnl state of VF-%u: %s", i, bad);
			return -ESTALE;
		}
	}
	if ((rc = vc_host_new(params, vfs, out)))
		return rc;
	for (uint16_t i = 0; i < params->num_vfs; i++) {
		/* The configuration in force now is the caller's; the session stays. */
		vfs[i].policy = policies[i];
		if (vfs[i].state == VC_VF_RESETTING)
			need_reset[i / 64] |= UINT64_C(1) << (i % 64);
	}
	return 0;
}
