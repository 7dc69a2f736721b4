/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_ratelimit: per-VF mailbox rate limit, a token bucket written as GCRA
 * (one "theoretical arrival time" per VF). The caller passes the clock in,
 * so the host makes no system call. Same idea as DPDK's vf_msg_cfg
 * (freebsd-iovctl.md §2.5): at most `msgs` messages per `interval_us`,
 * bursts of up to `msgs` allowed; over-limit messages are dropped.
 */
#ifndef VC_RATELIMIT_H
#define VC_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct vc_rate_limit {
	uint32_t msgs;          /* 0 = no limit */
	uint64_t interval_us;   /* must be >= msgs when msgs != 0 */
};

struct vc_rate_state {
	uint64_t tat_us;        /* when the bucket would be full again */
};

/* -EINVAL if the limit cannot be represented (interval shorter than msgs µs). */
int vc_rate_limit_validate(const struct vc_rate_limit *rl);
/* Account one message at now_us; false if it exceeds the limit (not charged). */
bool vc_rate_admit(const struct vc_rate_limit *rl, struct vc_rate_state *st, uint64_t now_us);

#endif /* VC_RATELIMIT_H */
