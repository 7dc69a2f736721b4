/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Admin queue return codes by name, their errno, and the record of the last
 * failed command, so a person reads "add_vsi (0x0210) failed: ENOSPC".
 */
#ifndef X710_AQ_ERROR_H
#define X710_AQ_ERROR_H

#include <stddef.h>
#include <stdint.h>

/* Return codes past x710_adminq_defs.h's ERANGE (i40e_adminq_cmd.h,
 * enum i40e_admin_queue_err: EFLUSHED 19, BAD_ADDR 20, EMODE 21, EFBIG 22). */
#define X710_AQ_RC_EFLUSHED 19
#define X710_AQ_RC_BAD_ADDR 20
#define X710_AQ_RC_EMODE    21
#define X710_AQ_RC_EFBIG    22
#define X710_AQ_RC_KNOWN    23

/* What went wrong with the last command that did not succeed. */
enum x710_aq_failure {
	X710_AQ_FAIL_NONE,
	X710_AQ_FAIL_RC,        /* firmware answered with a return code */
	X710_AQ_FAIL_TIMEOUT,   /* never completed */
	X710_AQ_FAIL_DRIVER,    /* refused before posting (length, queue down) */
};

struct x710_aq_error {
	enum x710_aq_failure kind;
	uint16_t opcode;
	uint16_t rc;            /* AQ return code, for X710_AQ_FAIL_RC */
	int err;                /* the negative errno the caller got */
};

/* "ENOSPC" for 16; "RC_<n>" is not produced: unknown codes give "unknown". */
const char *x710_aq_rc_str(unsigned int rc);
/* Negative errno for an AQ return code (0 for OK, -EIO if unknown). */
int x710_aq_rc_to_errno(unsigned int rc);
/* "add_vsi" for 0x0210, "unknown" otherwise. */
const char *x710_aq_opcode_str(uint16_t opcode);
/* Human text for an error record; returns buf. */
const char *x710_aq_error_str(const struct x710_aq_error *e, char *buf, size_t len);

#endif /* X710_AQ_ERROR_H */
