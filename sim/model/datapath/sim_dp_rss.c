/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Receive-side scaling: the Toeplitz hash over a VSI's 52-byte key
 * (VFQF_HKEY), enabled per packet classifier type by HENA, and the 64-entry
 * LUT (VFQF_HLUT) indexed by the hash's low bits picks the VSI queue.
 */
#include "sim_dp_internal.h"

#define RSS_LUT_INDEX_MASK  (SIM_RSS_LUT_SIZE - 1)
/* queue_map holds 16 VSI queues; a LUT entry beyond that cannot be mapped. */
#define RSS_QUEUE_MASK      (SIM_VSI_MAX_QUEUES - 1)

uint32_t sim_dp_rss_toeplitz(const uint8_t *key, size_t key_len, const uint8_t *in, size_t len)
{
	uint32_t hash = 0;
	/* The 32-bit key window starting at the input bit being processed. */
	uint64_t window = 0;
	size_t next = 0;

	for (; next < 8 && next < key_len; next++)
		window |= (uint64_t)key[next] << (56 - 8 * next);
	for (size_t i = 0; i < len; i++) {
		for (int b = 7; b >= 0; b--) {
			if (in[i] & (1u << b))
				hash ^= (uint32_t)(window >> 32);
			window <<= 1;
		}
		/* Refill the byte that just slid past the 64-bit window. */
		if (next < key_len)
			window |= (uint64_t)key[next];
		next++;
	}
	return hash;
}

unsigned int sim_dp_rss_queue(const struct sim_rss_cfg *rss, struct sim_frame *f,
			   uint32_t *hash, bool *hashed)
{
	*hashed = false;
	*hash = 0;
	if (!rss->set || rss->hena == 0)
		return 0;
	sim_dp_frame_parse(f);
	if (f->pctype == 0 || !(rss->hena & (UINT64_C(1) << f->pctype)))
		return 0;
	*hash = sim_dp_rss_toeplitz(rss->key, SIM_RSS_KEY_SIZE, f->tuple, f->tuple_len);
	*hashed = true;
	return rss->lut[*hash & RSS_LUT_INDEX_MASK] & RSS_QUEUE_MASK;
}
