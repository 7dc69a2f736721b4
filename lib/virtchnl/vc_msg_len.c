/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_msg_len: exact-length rules for virtchnl messages. */
#include "vc_msg_len.h"

uint16_t vc_get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

uint32_t vc_get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

uint64_t vc_get_le64(const uint8_t *p)
{
	return (uint64_t)vc_get_le32(p) | ((uint64_t)vc_get_le32(p + 4) << 32);
}

bool vc_msg_len_ok(const struct vc_len_rule *r, const uint8_t *msg, uint16_t len,
		   bool vf_is_1_0, uint32_t *expected)
{
	if (r->caps_by_version && vf_is_1_0) {
		*expected = 0;
		return len == 0;
	}
	*expected = r->base;
	if (r->elem == 0)
		return len == r->base;
	if (len < r->base)
		return false;
	/* The count is only read once the message is known to contain it. */
	uint32_t n = vc_get_le16(msg + r->count_off);
	int64_t want = (int64_t)r->base + (int64_t)n * r->elem + r->adjust;

	*expected = (uint32_t)want;
	return want == (int64_t)len;
}
