/* SPDX-License-Identifier: BSD-2-Clause */
/* VF RSS registers and VSI statistics (see the header). */
#include <errno.h>
#include <string.h>

#include "x710_vf.h"
#include "x710_vf_rss.h"

#define X710_STAT_HIGH_MASK 0xFFFFu   /* GLV_*H hold bits 47:32 */

/* Four bytes per register, byte 0 in bits 7:0. */
static uint32_t le32_at(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

int x710_vf_set_rss_key(struct x710_hw *hw, unsigned int vf, const uint8_t *key, uint16_t len)
{
	if (x710_vf_get(hw, vf) == NULL)
		return -ENOENT;
	if (len != X710_VF_RSS_KEY_SIZE) {
		x710_log(&hw->os, X710_LOG_ERR, "VF %u RSS key: %u bytes, exactly %u needed", vf,
			 len, X710_VF_RSS_KEY_SIZE);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < X710_VFQF_HKEY_REGS; i++)
		x710_wr32(&hw->os, X710_VFQF_HKEY1(i, vf), le32_at(key + 4 * i));
	x710_flush(&hw->os);
	return 0;
}

int x710_vf_set_rss_lut(struct x710_hw *hw, unsigned int vf, const uint8_t *lut,
			uint16_t entries)
{
	struct x710_vf *v = x710_vf_get(hw, vf);

	if (v == NULL)
		return -ENOENT;
	if (entries != X710_VF_RSS_LUT_SIZE) {
		x710_log(&hw->os, X710_LOG_ERR, "VF %u RSS LUT: %u entries, exactly %u needed", vf,
			 entries, X710_VF_RSS_LUT_SIZE);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < entries; i++) {
		if (lut[i] >= v->cfg.num_queues) {
			x710_log(&hw->os, X710_LOG_ERR, "VF %u RSS LUT[%u] = %u, the VF has %u queues",
				 vf, i, lut[i], v->cfg.num_queues);
			return -EINVAL;
		}
	}
	for (unsigned int i = 0; i < X710_VFQF_HLUT_REGS; i++)
		x710_wr32(&hw->os, X710_VFQF_HLUT1(i, vf), le32_at(lut + 4 * i));
	x710_flush(&hw->os);
	return 0;
}

int x710_vf_set_rss_hena(struct x710_hw *hw, unsigned int vf, uint64_t hena)
{
	if (x710_vf_get(hw, vf) == NULL)
		return -ENOENT;
	x710_wr32(&hw->os, X710_VFQF_HENA1(0, vf), (uint32_t)hena);
	x710_wr32(&hw->os, X710_VFQF_HENA1(1, vf), (uint32_t)(hena >> 32));
	x710_flush(&hw->os);
	return 0;
}

static uint64_t stat48(struct x710_hw *hw, uint32_t lo, uint32_t hi)
{
	return (uint64_t)x710_rd32(&hw->os, lo) |
	       (uint64_t)(x710_rd32(&hw->os, hi) & X710_STAT_HIGH_MASK) << 32;
}

int x710_vf_get_stats(struct x710_hw *hw, unsigned int vf, struct virtchnl_eth_stats *out)
{
	struct x710_vf *v = x710_vf_get(hw, vf);
	unsigned int i;

	if (v == NULL)
		return -ENOENT;
	i = v->stat_idx;
	if (i >= X710_GLV_STAT_COUNTERS)
		return -ERANGE;
	memset(out, 0, sizeof(*out));
	out->rx_bytes = stat48(hw, X710_GLV_GORCL(i), X710_GLV_GORCH(i));
	out->rx_unicast = stat48(hw, X710_GLV_UPRCL(i), X710_GLV_UPRCH(i));
	out->rx_multicast = stat48(hw, X710_GLV_MPRCL(i), X710_GLV_MPRCH(i));
	out->rx_broadcast = stat48(hw, X710_GLV_BPRCL(i), X710_GLV_BPRCH(i));
	out->rx_discards = x710_rd32(&hw->os, X710_GLV_RDPC(i));
	out->rx_unknown_protocol = x710_rd32(&hw->os, X710_GLV_RUPP(i));
	out->tx_bytes = stat48(hw, X710_GLV_GOTCL(i), X710_GLV_GOTCH(i));
	out->tx_unicast = stat48(hw, X710_GLV_UPTCL(i), X710_GLV_UPTCH(i));
	out->tx_multicast = stat48(hw, X710_GLV_MPTCL(i), X710_GLV_MPTCH(i));
	out->tx_broadcast = stat48(hw, X710_GLV_BPTCL(i), X710_GLV_BPTCH(i));
	out->tx_errors = x710_rd32(&hw->os, X710_GLV_TEPC(i));
	return 0;
}
