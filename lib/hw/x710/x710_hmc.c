/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * HMC setup and LAN context packing (spec §3.6). The FPM holds Tx objects
 * from 0 and Rx objects from the next 512-byte boundary; everything lives
 * in one direct 2 MB segment (DPDK's I40E_HMC_MODEL_DIRECT_ONLY).
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "x710_hw.h"

#define X710_HMC_BPCOUNT_DIRECT 512   /* backing pages per 2 MB SD (spec §3.6) */

/* One context field: where it sits in the C struct and in the object. */
struct ctx_field {
	size_t off;
	uint8_t size;     /* bytes of the C member */
	uint16_t lsb;
	uint8_t width;
};

#define F(type, member, lsb, width) \
	{ offsetof(struct type, member), sizeof(((struct type *)0)->member), lsb, width }

/* Bit positions: spec §3.6 (B:i40e_lan_hmc.c:677-700). */
static const struct ctx_field tx_fields[] = {
	F(x710_txq_ctx, head, 0, 13),
	F(x710_txq_ctx, new_context, 30, 1),
	F(x710_txq_ctx, base, 32, 57),
	F(x710_txq_ctx, fc_ena, 89, 1),
	F(x710_txq_ctx, timesync_ena, 90, 1),
	F(x710_txq_ctx, fd_ena, 91, 1),
	F(x710_txq_ctx, alt_vlan_ena, 92, 1),
	F(x710_txq_ctx, cpuid, 96, 8),
	F(x710_txq_ctx, thead_wb, 128, 13),
	F(x710_txq_ctx, head_wb_ena, 160, 1),
	F(x710_txq_ctx, qlen, 161, 13),
	F(x710_txq_ctx, tphrdesc_ena, 174, 1),
	F(x710_txq_ctx, tphrpacket_ena, 175, 1),
	F(x710_txq_ctx, tphwdesc_ena, 176, 1),
	F(x710_txq_ctx, head_wb_addr, 192, 64),
	F(x710_txq_ctx, crc, 896, 32),
	F(x710_txq_ctx, rdylist, 980, 10),
	F(x710_txq_ctx, rdylist_act, 990, 1),
};

/* Bit positions: spec §3.6 (B:i40e_lan_hmc.c:703-731). */
static const struct ctx_field rx_fields[] = {
	F(x710_rxq_ctx, head, 0, 13),
	F(x710_rxq_ctx, cpuid, 13, 8),
	F(x710_rxq_ctx, base, 32, 57),
	F(x710_rxq_ctx, qlen, 89, 13),
	F(x710_rxq_ctx, dbuff, 102, 7),
	F(x710_rxq_ctx, hbuff, 109, 5),
	F(x710_rxq_ctx, dtype, 114, 2),
	F(x710_rxq_ctx, dsize, 116, 1),
	F(x710_rxq_ctx, crcstrip, 117, 1),
	F(x710_rxq_ctx, fc_ena, 118, 1),
	F(x710_rxq_ctx, l2tsel, 119, 1),
	F(x710_rxq_ctx, hsplit_0, 120, 4),
	F(x710_rxq_ctx, hsplit_1, 124, 2),
	F(x710_rxq_ctx, showiv, 127, 1),
	F(x710_rxq_ctx, rxmax, 174, 14),
	F(x710_rxq_ctx, tphrdesc_ena, 193, 1),
	F(x710_rxq_ctx, tphwdesc_ena, 194, 1),
	F(x710_rxq_ctx, tphdata_ena, 195, 1),
	F(x710_rxq_ctx, tphhead_ena, 196, 1),
	F(x710_rxq_ctx, lrxqthresh, 198, 3),
	F(x710_rxq_ctx, prefena, 201, 1),
};

#undef F

static uint64_t member_get(const void *s, const struct ctx_field *f)
{
	const uint8_t *p = (const uint8_t *)s + f->off;
	uint64_t v = 0;

	memcpy(&v, p, f->size);   /* little-endian host, see x710_hw.h */
	return v;
}

static void member_set(void *s, const struct ctx_field *f, uint64_t v)
{
	memcpy((uint8_t *)s + f->off, &v, f->size);
}

static void pack(const void *s, const struct ctx_field *fs, size_t n, uint8_t *obj)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t v = member_get(s, &fs[i]);

		for (unsigned int b = 0; b < fs[i].width; b++) {
			unsigned int bit = fs[i].lsb + b;
			uint8_t m = (uint8_t)(1u << (bit % 8));

			if ((v >> b) & 1)
				obj[bit / 8] |= m;
			else
				obj[bit / 8] &= (uint8_t)~m;
		}
	}
}

static void unpack(const uint8_t *obj, const struct ctx_field *fs, size_t n, void *s)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t v = 0;

		for (unsigned int b = 0; b < fs[i].width; b++) {
			unsigned int bit = fs[i].lsb + b;

			v |= (uint64_t)((obj[bit / 8] >> (bit % 8)) & 1) << b;
		}
		member_set(s, &fs[i], v);
	}
}

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

void x710_txq_ctx_pack(const struct x710_txq_ctx *c, uint8_t obj[X710_HMC_TXQ_CTX_SIZE])
{
	pack(c, tx_fields, NFIELDS(tx_fields), obj);
}

void x710_rxq_ctx_pack(const struct x710_rxq_ctx *c, uint8_t obj[X710_HMC_RXQ_CTX_SIZE])
{
	pack(c, rx_fields, NFIELDS(rx_fields), obj);
}

void x710_txq_ctx_unpack(const uint8_t obj[X710_HMC_TXQ_CTX_SIZE], struct x710_txq_ctx *c)
{
	memset(c, 0, sizeof(*c));
	unpack(obj, tx_fields, NFIELDS(tx_fields), c);
}

void x710_rxq_ctx_unpack(const uint8_t obj[X710_HMC_RXQ_CTX_SIZE], struct x710_rxq_ctx *c)
{
	memset(c, 0, sizeof(*c));
	unpack(obj, rx_fields, NFIELDS(rx_fields), c);
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) / a * a;
}

int x710_hmc_init(struct x710_hw *hw, uint32_t tx_cnt, uint32_t rx_cnt)
{
	const struct x710_osdep *os = &hw->os;
	struct x710_hmc *h = &hw->hmc;
	uint32_t txsz = x710_rd32(os, X710_GLHMC_LANTXOBJSZ);
	uint32_t rxsz = x710_rd32(os, X710_GLHMC_LANRXOBJSZ);
	uint32_t qmax = x710_rd32(os, X710_GLHMC_LANQMAX);
	uint64_t end;
	uint32_t lo;
	int err;

	if (h->up)
		return -EBUSY;
	if (txsz != X710_HMC_LAN_TX_OBJ_LOG2 || rxsz != X710_HMC_LAN_RX_OBJ_LOG2) {
		x710_log(os, X710_LOG_ERR, "HMC: object sizes 2^%u/2^%u, this driver packs 2^%u/2^%u",
			 txsz, rxsz, X710_HMC_LAN_TX_OBJ_LOG2, X710_HMC_LAN_RX_OBJ_LOG2);
		return -EIO;
	}
	if (tx_cnt > qmax || rx_cnt > qmax) {
		x710_log(os, X710_LOG_ERR, "HMC: %u Tx / %u Rx queues exceed GLHMC_LANQMAX %u",
			 tx_cnt, rx_cnt, qmax);
		return -ERANGE;
	}
	h->tx_base = 0;
	h->rx_base = align_up((uint64_t)tx_cnt * X710_HMC_TXQ_CTX_SIZE, X710_HMC_FPM_BASE_UNIT);
	end = h->rx_base + (uint64_t)rx_cnt * X710_HMC_RXQ_CTX_SIZE;
	if (end > X710_HMC_SD_SIZE) {
		x710_log(os, X710_LOG_ERR, "HMC: %llu bytes of contexts do not fit one 2 MB SD",
			 (unsigned long long)end);
		return -ERANGE;
	}
	err = -ENOTSUP;
	if (os->ops->dma_alloc_kept != NULL) {
		bool found;

		/* Kept, so a later owner can adopt the PF with its queues running. */
		err = os->ops->dma_alloc_kept(os->ctx, X710_HMC_KEPT_NAME, X710_HMC_SD_SIZE,
					      X710_HMC_SD_SIZE, &h->sd, &found);
		if (err == 0 && found)
			memset(h->sd.vaddr, 0, X710_HMC_SD_SIZE);
		h->kept = err == 0;
	}
	if (err == -ENOTSUP)   /* nothing outlives us here: adoption will not be possible */
		err = x710_dma_alloc(os, X710_HMC_SD_SIZE, X710_HMC_SD_SIZE, &h->sd);
	if (err) {
		x710_log(os, X710_LOG_ERR, "HMC: no 2 MB DMA block for the segment (%d)", err);
		return err;
	}
	h->tx_cnt = tx_cnt;
	h->rx_cnt = rx_cnt;
	x710_wr32(os, X710_GLHMC_LANTXBASE(hw->pf_id), (uint32_t)(h->tx_base / X710_HMC_FPM_BASE_UNIT));
	x710_wr32(os, X710_GLHMC_LANTXCNT(hw->pf_id), tx_cnt);
	x710_wr32(os, X710_GLHMC_LANRXBASE(hw->pf_id), (uint32_t)(h->rx_base / X710_HMC_FPM_BASE_UNIT));
	x710_wr32(os, X710_GLHMC_LANRXCNT(hw->pf_id), rx_cnt);
	/* SD 0: direct page, address + backing page count + type + valid. */
	lo = ((uint32_t)h->sd.iova & X710_PFHMC_SDDATALOW_ADDR_MASK) |
	     (X710_HMC_BPCOUNT_DIRECT << X710_PFHMC_SDDATALOW_BPCOUNT_SHIFT) |
	     X710_PFHMC_SDDATALOW_TYPE_MASK | X710_PFHMC_SDDATALOW_VALID_MASK;
	x710_wr32(os, X710_PFHMC_SDDATAHIGH, (uint32_t)(h->sd.iova >> 32));
	x710_wr32(os, X710_PFHMC_SDDATALOW, lo);
	x710_wr32(os, X710_PFHMC_SDCMD, 0 | X710_PFHMC_SDCMD_PMSDWR_MASK);
	x710_flush(os);
	h->up = true;
	return 0;
}

void x710_hmc_shutdown(struct x710_hw *hw)
{
	const struct x710_osdep *os = &hw->os;

	if (!hw->hmc.up)
		return;
	/* SD 0 invalid before its memory goes. */
	x710_wr32(os, X710_PFHMC_SDDATAHIGH, 0);
	x710_wr32(os, X710_PFHMC_SDDATALOW, 0);
	x710_wr32(os, X710_PFHMC_SDCMD, 0 | X710_PFHMC_SDCMD_PMSDWR_MASK);
	x710_flush(os);
	x710_dma_free(os, &hw->hmc.sd);
	hw->hmc.up = false;
	hw->hmc.kept = false;
}

/* Host pointer to queue q's object, or NULL (with err set). */
static uint8_t *object(struct x710_hw *hw, bool tx, unsigned int q, int *err)
{
	struct x710_hmc *h = &hw->hmc;

	if (!h->up) {
		*err = -ENETDOWN;
		return NULL;
	}
	if (q >= (tx ? h->tx_cnt : h->rx_cnt)) {
		x710_log(&hw->os, X710_LOG_ERR, "HMC: %s queue %u beyond the %u configured",
			 tx ? "Tx" : "Rx", q, tx ? h->tx_cnt : h->rx_cnt);
		*err = -ERANGE;
		return NULL;
	}
	*err = 0;
	return (uint8_t *)h->sd.vaddr + (tx ? h->tx_base + (uint64_t)q * X710_HMC_TXQ_CTX_SIZE
					    : h->rx_base + (uint64_t)q * X710_HMC_RXQ_CTX_SIZE);
}

int x710_hmc_clear_txq_ctx(struct x710_hw *hw, unsigned int q)
{
	int err;
	uint8_t *o = object(hw, true, q, &err);

	if (o != NULL)
		memset(o, 0, X710_HMC_TXQ_CTX_SIZE);
	return err;
}

int x710_hmc_clear_rxq_ctx(struct x710_hw *hw, unsigned int q)
{
	int err;
	uint8_t *o = object(hw, false, q, &err);

	if (o != NULL)
		memset(o, 0, X710_HMC_RXQ_CTX_SIZE);
	return err;
}

int x710_hmc_set_txq_ctx(struct x710_hw *hw, unsigned int q, const struct x710_txq_ctx *c)
{
	int err;
	uint8_t *o = object(hw, true, q, &err);

	if (o != NULL)
		x710_txq_ctx_pack(c, o);
	return err;
}

int x710_hmc_set_rxq_ctx(struct x710_hw *hw, unsigned int q, const struct x710_rxq_ctx *c)
{
	int err;
	uint8_t *o = object(hw, false, q, &err);

	if (o != NULL)
		x710_rxq_ctx_pack(c, o);
	return err;
}

int x710_hmc_adopt(struct x710_hw *hw)
{
	const struct x710_osdep *os = &hw->os;
	struct x710_hmc *h = &hw->hmc;
	uint32_t lo, hi;
	bool found = false;
	int err;

	if (h->up)
		return -EBUSY;
	if (os->ops->dma_alloc_kept == NULL)
		return -ENOTSUP;
	err = os->ops->dma_alloc_kept(os->ctx, X710_HMC_KEPT_NAME, X710_HMC_SD_SIZE,
				      X710_HMC_SD_SIZE, &h->sd, &found);
	if (err)
		return err;
	if (!found) {
		x710_log(os, X710_LOG_ERR, "HMC: no kept segment to adopt (the previous owner kept none)");
		x710_dma_free(os, &h->sd);
		return -ENOENT;
	}
	/* The staging registers still hold what SD 0 was programmed with. */
	lo = x710_rd32(os, X710_PFHMC_SDDATALOW);
	hi = x710_rd32(os, X710_PFHMC_SDDATAHIGH);
	if (!(lo & X710_PFHMC_SDDATALOW_VALID_MASK) ||
	    ((uint64_t)hi << 32 | (lo & X710_PFHMC_SDDATALOW_ADDR_MASK)) != h->sd.iova) {
		x710_log(os, X710_LOG_ERR, "HMC: SD 0 points at %#llx, the kept segment is at %#llx",
			 (unsigned long long)((uint64_t)hi << 32 | (lo & X710_PFHMC_SDDATALOW_ADDR_MASK)),
			 (unsigned long long)h->sd.iova);
		h->sd = (struct x710_dma){ 0 };   /* not ours to free: another owner's page */
		return -ESTALE;
	}
	h->tx_base = (uint64_t)x710_rd32(os, X710_GLHMC_LANTXBASE(hw->pf_id)) * X710_HMC_FPM_BASE_UNIT;
	h->tx_cnt = x710_rd32(os, X710_GLHMC_LANTXCNT(hw->pf_id));
	h->rx_base = (uint64_t)x710_rd32(os, X710_GLHMC_LANRXBASE(hw->pf_id)) * X710_HMC_FPM_BASE_UNIT;
	h->rx_cnt = x710_rd32(os, X710_GLHMC_LANRXCNT(hw->pf_id));
	if (h->tx_base + (uint64_t)h->tx_cnt * X710_HMC_TXQ_CTX_SIZE > X710_HMC_SD_SIZE ||
	    h->rx_base + (uint64_t)h->rx_cnt * X710_HMC_RXQ_CTX_SIZE > X710_HMC_SD_SIZE) {
		x710_log(os, X710_LOG_ERR, "HMC: GLHMC_LAN* describe objects beyond the 2 MB segment");
		x710_hmc_detach(hw);
		return -EIO;
	}
	h->up = true;
	h->kept = true;
	return 0;
}

void x710_hmc_detach(struct x710_hw *hw)
{
	/* The kept block stays for the next owner; only this process's view goes. */
	hw->hmc.sd = (struct x710_dma){ 0 };
	hw->hmc.up = false;
	hw->hmc.kept = false;
}
