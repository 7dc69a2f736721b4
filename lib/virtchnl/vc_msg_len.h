/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_msg_len: the exact wire length of a virtchnl message, computed the way
 * virtchnl_vc_validate_vf_msg does (legacy one-element-array sizeof, spec
 * §0 #6): base + n * elem + adjust, n read from the message itself once the
 * message is at least base bytes long.
 */
#ifndef VC_MSG_LEN_H
#define VC_MSG_LEN_H

#include <stdbool.h>
#include <stdint.h>

struct vc_len_rule {
	uint16_t base;          /* legacy sizeof of the message struct */
	uint16_t elem;          /* element size; 0 = fixed-length message */
	uint8_t count_off;      /* offset of the u16 element count */
	int8_t adjust;          /* -1 for u8 arrays whose sizeof already holds one byte */
	bool caps_by_version;   /* GET_VF_RESOURCES: 0 bytes from a 1.0 VF, base from 1.1 */
};

#define VC_LEN_FIXED(n) { .base = (n) }
#define VC_LEN_LIST(b, e, off, adj) { .base = (b), .elem = (e), .count_off = (off), .adjust = (adj) }

/* true if len is exactly what the rule asks for; *expected gets that length
 * (or the base when the message is too short to hold its count). */
bool vc_msg_len_ok(const struct vc_len_rule *r, const uint8_t *msg, uint16_t len,
		   bool vf_is_1_0, uint32_t *expected);

/* Little-endian field readers for unaligned, untrusted buffers. */
uint16_t vc_get_le16(const uint8_t *p);
uint32_t vc_get_le32(const uint8_t *p);
uint64_t vc_get_le64(const uint8_t *p);

#endif /* VC_MSG_LEN_H */
