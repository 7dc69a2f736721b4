/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A VF's RSS on X710 through the PF's registers (spec §3.3: VFQF_HKEY1,
 * VFQF_HLUT1, VFQF_HENA1; the AQ path is X722-only) and its VSI statistics
 * (GLV_* by stat_counter_idx, spec §3.7 GET_STATS).
 */
#ifndef X710_VF_RSS_H
#define X710_VF_RSS_H

#include <stdint.h>

#include "x710/virtchnl_defs.h"
#include "x710_hw.h"

#define X710_VF_RSS_KEY_SIZE (X710_VFQF_HKEY_REGS * 4)   /* 52 bytes */
#define X710_VF_RSS_LUT_SIZE (X710_VFQF_HLUT_REGS * 4)   /* 64 entries */

/* Exactly 52 key bytes; 64 LUT entries each < the VF's queues. */
int x710_vf_set_rss_key(struct x710_hw *hw, unsigned int vf, const uint8_t *key, uint16_t len);
int x710_vf_set_rss_lut(struct x710_hw *hw, unsigned int vf, const uint8_t *lut,
			uint16_t entries);
int x710_vf_set_rss_hena(struct x710_hw *hw, unsigned int vf, uint64_t hena);
/* The VSI's counters as the hardware holds them (48 bits, since reset). */
int x710_vf_get_stats(struct x710_hw *hw, unsigned int vf, struct virtchnl_eth_stats *out);

#endif /* X710_VF_RSS_H */
