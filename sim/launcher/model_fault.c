/* SPDX-License-Identifier: BSD-2-Clause */
#include "model_fault.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x710sim/x710sim.h"

#define AQ_OPCODE_MAX  0xFFFF
#define AQ_RC_MAX      0xFFFF   /* retval is 16 bits (x710-hardware.md §2.1) */

/* Decimal or 0x-hex, whole string, <= max. */
static int
number(const char *what, const char *s, unsigned long max, unsigned long *v,
       char *why, size_t why_len)
{
	char *end;
	errno = 0;
	unsigned long n = s ? strtoul(s, &end, 0) : 0;
	if (!s || errno || end == s || *end != '\0' || s[0] == '-' || n > max) {
		snprintf(why, why_len, "%s '%s': expected a number 0..%lu", what, s ? s : "",
			 max);
		return -EINVAL;
	}
	*v = n;
	return 0;
}

static int
aq_fault(struct x710sim *sim, bool hang, int argc, char *const argv[], char *why, size_t why_len)
{
	unsigned long pf = 0, opcode, rc = 0, nth = 1;
	int need = hang ? 3 : 4;
	if (argc < need || argc > need + 1) {
		snprintf(why, why_len, "usage: fault %s PF|any OPCODE%s [NTH]", argv[0],
			 hang ? "" : " RC");
		return -EINVAL;
	}
	bool any = strcmp(argv[1], "any") == 0;
	if ((!any && number("PF", argv[1], X710SIM_MAX_PFS - 1, &pf, why, why_len)) ||
	    number("OPCODE", argv[2], AQ_OPCODE_MAX, &opcode, why, why_len) ||
	    (!hang && number("RC", argv[3], AQ_RC_MAX, &rc, why, why_len)) ||
	    (argc > need && number("NTH", argv[need], 1000000, &nth, why, why_len)))
		return -EINVAL;
	struct x710sim_aq_fault f = {
		.pf = any ? -1 : (int)pf,
		.opcode = (uint16_t)opcode,
		.nth = (unsigned int)nth,
		.kind = hang ? X710SIM_AQ_FAULT_HANG : X710SIM_AQ_FAULT_FAIL,
		.rc = (uint16_t)rc,
	};
	return x710sim_fault_aq(sim, &f);
}

int
model_fault_apply(struct x710sim *sim, int argc, char *const argv[], char *why, size_t why_len)
{
	unsigned long a, b, n;
	int rc;
	why[0] = '\0';
	if (argc < 1) {
		snprintf(why, why_len, "usage: fault aq-fail|aq-hang|aq-clear|vf-flr|link|rx-overrun ...");
		return -EINVAL;
	}
	const char *kind = argv[0];
	if (strcmp(kind, "aq-fail") == 0 || strcmp(kind, "aq-hang") == 0) {
		rc = aq_fault(sim, kind[3] == 'h', argc, argv, why, why_len);
	} else if (strcmp(kind, "aq-clear") == 0 && argc == 1) {
		rc = x710sim_fault_aq(sim, NULL);
	} else if (strcmp(kind, "vf-flr") == 0 && argc == 3) {
		if (number("PF", argv[1], X710SIM_MAX_PFS - 1, &a, why, why_len) ||
		    number("VF", argv[2], X710SIM_MAX_VFS_PER_PF - 1, &b, why, why_len))
			return -EINVAL;
		rc = x710sim_vf_flr(sim, (unsigned int)a, (unsigned int)b);
	} else if (strcmp(kind, "link") == 0 && argc == 3) {
		bool up = strcmp(argv[2], "up") == 0;
		if (!up && strcmp(argv[2], "down") != 0) {
			snprintf(why, why_len, "link state '%s': expected up or down", argv[2]);
			return -EINVAL;
		}
		if (number("PORT", argv[1], X710SIM_MAX_PFS - 1, &a, why, why_len))
			return -EINVAL;
		rc = x710sim_set_link(sim, (unsigned int)a, up);
	} else if (strcmp(kind, "rx-overrun") == 0 && argc == 4) {
		if (number("PF", argv[1], X710SIM_MAX_PFS - 1, &a, why, why_len) ||
		    number("QUEUE", argv[2], 1535, &b, why, why_len) ||
		    number("N", argv[3], 1000000000, &n, why, why_len))
			return -EINVAL;
		rc = x710sim_fault_rx_overrun(sim, (unsigned int)a, (unsigned int)b, (unsigned int)n);
	} else {
		snprintf(why, why_len, "unknown fault '%s' or wrong arguments (aq-fail PF|any "
			 "OPCODE RC [NTH], aq-hang PF|any OPCODE [NTH], aq-clear, vf-flr PF VF, "
			 "link PORT up|down, rx-overrun PF QUEUE N)", kind);
		return -EINVAL;
	}
	if (rc && !why[0])
		snprintf(why, why_len, "the model refused %s: %s", kind, strerror(-rc));
	return rc;
}
