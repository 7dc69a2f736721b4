/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-VSI Tx rate limit, what config_vsi_bw_limit (0x0400) asks of the
 * hardware Tx scheduler: a token bucket filled at `credit` x 50 Mbps up to
 * a burst of 2^max_credit credits. A frame leaves its ring only when the
 * bucket holds its bytes, so a sender above the rate is held back, never
 * dropped. Time is the host's clock, read at most once per poll.
 */
#include "sim_dp_internal.h"

#define SIM_BW_CREDIT_BPS        50000000u  /* 50 Mbps per credit (I40E_BW_CREDIT_DIVISOR) */
#define SIM_BITS_PER_BYTE        8u
#define SIM_NS_PER_S             1000000000u
/* Bytes of one burst credit: the model's reading (the headers give no byte
 * size), one credit's rate for one millisecond, 50 Mbit/s x 1 ms. */
#define SIM_BW_BURST_CREDIT_BYTES 6250u

uint64_t sim_dp_shaper_rate(uint16_t credit)
{
	return (uint64_t)credit * (SIM_BW_CREDIT_BPS / SIM_BITS_PER_BYTE);
}

uint64_t sim_dp_shaper_burst_bytes(uint8_t max_credit)
{
	/* The firmware model accepts max_credit <= 4 (sim_fw_bw.c); the cap
	 * only keeps the shift defined for any caller. */
	uint64_t b = (uint64_t)SIM_BW_BURST_CREDIT_BYTES << (max_credit < 16 ? max_credit : 16);

	return b < SIM_DP_MAX_FRAME ? SIM_DP_MAX_FRAME : b;
}

static uint64_t poll_now(struct sim_datapath *dp)
{
	if (!dp->now_valid) {
		dp->now_ns = dp->params.now_ns(dp->params.clock_ctx);
		dp->now_valid = true;
	}
	return dp->now_ns;
}

void sim_dp_shaper_refill(struct sim_datapath *dp, struct sim_vsi *vsi)
{
	struct sim_vsi_shaper *s = &vsi->shaper;
	uint64_t now = poll_now(dp);
	uint64_t cap = sim_dp_shaper_burst_bytes(vsi->bw_max_credit) * SIM_NS_PER_S;
	uint64_t rate = sim_dp_shaper_rate(vsi->bw_credit);
	uint64_t elapsed;

	if (!s->primed || s->credit != vsi->bw_credit || s->max_credit != vsi->bw_max_credit) {
		*s = (struct sim_vsi_shaper){ .tokens = cap, .last_ns = now, .primed = true,
					      .credit = vsi->bw_credit,
					      .max_credit = vsi->bw_max_credit };
		return;
	}
	if (now <= s->last_ns)
		return;                 /* a clock that stands still or steps back adds nothing */
	elapsed = now - s->last_ns;
	s->last_ns = now;
	/* tokens are bytes x 10^9, so bytes/s x ns adds exactly; compare
	 * before multiplying so a long idle time cannot overflow. */
	if (s->tokens >= cap || elapsed > (cap - s->tokens) / rate)
		s->tokens = cap;
	else
		s->tokens += elapsed * rate;
}

bool sim_dp_shaper_take(struct sim_vsi *vsi, size_t bytes)
{
	uint64_t need = (uint64_t)bytes * SIM_NS_PER_S;

	if (vsi->shaper.tokens < need)
		return false;
	vsi->shaper.tokens -= need;
	return true;
}
