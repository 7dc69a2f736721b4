/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_ratelimit: GCRA token bucket for the mailbox of one VF. */
#include <errno.h>

#include "vc_ratelimit.h"

int vc_rate_limit_validate(const struct vc_rate_limit *rl)
{
	if (rl->msgs != 0 && rl->interval_us < rl->msgs)
		return -EINVAL;
	return 0;
}

bool vc_rate_admit(const struct vc_rate_limit *rl, struct vc_rate_state *st, uint64_t now_us)
{
	if (rl->msgs == 0)
		return true;
	/* Each message costs one emission interval; the bucket holds msgs of them. */
	uint64_t cost = rl->interval_us / rl->msgs;
	uint64_t tolerance = rl->interval_us - cost;
	uint64_t tat = st->tat_us > now_us ? st->tat_us : now_us;

	if (tat - now_us > tolerance)
		return false;
	st->tat_us = tat + cost;
	return true;
}
