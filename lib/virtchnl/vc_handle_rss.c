/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_handle_rss: GET_STATS and the RSS messages (X710 register path, spec §3.3). */
#include <string.h>

#include "vc_host_internal.h"

#define RSS_HDR 4   /* vsi_id, key_len / lut_entries: bytes @4 */

int32_t vc_h_get_stats(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
		       struct vc_reply *r)
{
	struct virtchnl_eth_stats st;
	int rc;

	(void)len;
	_Static_assert(sizeof(st) <= VC_REPLY_MAX, "reply buffer");
	if (!vc_vsi_ok(h, vf, vc_get_le16(msg))) {
		vc_log(h, VC_LOG_WARN, vf, "GET_STATS: bad vsi_id");
		return VIRTCHNL_STATUS_ERR_PARAM;
	}
	memset(&st, 0, sizeof(st));
	rc = h->p.ops->get_stats(h->p.hw_ctx, vf, &st);
	if (rc) {
		vc_log(h, VC_LOG_ERR, vf, "GET_STATS: hw error %d", rc);
		return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
	}
	memcpy(r->buf, &st, sizeof(st));
	r->len = sizeof(st);
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_config_rss_key(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
			    struct vc_reply *r)
{
	uint16_t key_len = vc_get_le16(msg + 2);
	int rc;

	(void)len; (void)r;
	if (!vc_vsi_ok(h, vf, vc_get_le16(msg)) || key_len != VC_RSS_KEY_SIZE) {
		vc_log(h, VC_LOG_WARN, vf, "CONFIG_RSS_KEY: bad vsi_id or key_len %u", key_len);
		return VIRTCHNL_STATUS_ERR_PARAM;
	}
	rc = h->p.ops->set_rss_key(h->p.hw_ctx, vf, msg + RSS_HDR, key_len);
	if (rc) {
		vc_log(h, VC_LOG_ERR, vf, "CONFIG_RSS_KEY: hw error %d", rc);
		return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
	}
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_config_rss_lut(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
			    struct vc_reply *r)
{
	uint16_t n = vc_get_le16(msg + 2);
	int rc;

	(void)len; (void)r;
	if (!vc_vsi_ok(h, vf, vc_get_le16(msg)) || n != VC_RSS_LUT_SIZE) {
		vc_log(h, VC_LOG_WARN, vf, "CONFIG_RSS_LUT: bad vsi_id or %u entries", n);
		return VIRTCHNL_STATUS_ERR_PARAM;
	}
	for (uint16_t i = 0; i < n; i++) {
		if (msg[RSS_HDR + i] >= h->vfs[vf].num_queues) {
			vc_log(h, VC_LOG_WARN, vf, "CONFIG_RSS_LUT: entry %u names queue %u", i,
			       msg[RSS_HDR + i]);
			return VIRTCHNL_STATUS_ERR_PARAM;
		}
	}
	rc = h->p.ops->set_rss_lut(h->p.hw_ctx, vf, msg + RSS_HDR, n);
	if (rc) {
		vc_log(h, VC_LOG_ERR, vf, "CONFIG_RSS_LUT: hw error %d", rc);
		return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
	}
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_get_rss_hena_caps(struct vc_host *h, uint16_t vf, const uint8_t *msg,
			       uint16_t len, struct vc_reply *r)
{
	struct virtchnl_rss_hena caps = { VC_X710_DEFAULT_HENA };

	(void)h; (void)vf; (void)msg; (void)len;
	memcpy(r->buf, &caps, sizeof(caps));
	r->len = sizeof(caps);
	return VIRTCHNL_STATUS_SUCCESS;
}

int32_t vc_h_set_rss_hena(struct vc_host *h, uint16_t vf, const uint8_t *msg, uint16_t len,
			  struct vc_reply *r)
{
	uint64_t asked = vc_get_le64(msg);
	/* Keep only what GET_RSS_HENA_CAPS offered: iavf may ask for X722 PCTYPEs,
	 * and a HENA error only costs it RSS (spec §1.2 C3), so mask, don't refuse. */
	uint64_t hena = asked & VC_X710_DEFAULT_HENA;
	int rc;

	(void)len; (void)r;
	if (hena != asked)
		vc_log(h, VC_LOG_DEBUG, vf, "SET_RSS_HENA: dropping unsupported bits 0x%llx",
		       (unsigned long long)(asked & ~hena));
	rc = h->p.ops->set_rss_hena(h->p.hw_ctx, vf, hena);
	if (rc) {
		vc_log(h, VC_LOG_ERR, vf, "SET_RSS_HENA: hw error %d", rc);
		return VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR;
	}
	h->vfs[vf].rss_hena = hena;
	return VIRTCHNL_STATUS_SUCCESS;
}
