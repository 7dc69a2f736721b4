/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Host Memory Cache as far as LAN queues need it (x710-hardware.md
 * §3.6): segment descriptors registered through PFHMC_SDCMD, object lookup
 * (direct 2 MB pages or paged through 512 PD entries) and the bit-field
 * decode of the 128-byte Tx and 32-byte Rx queue contexts.
 */
#include <errno.h>

#include "sim_model.h"

void sim_hmc_sdcmd(struct x710sim *sim, struct sim_pf *pf, uint32_t val)
{
	unsigned int idx = val & X710_PFHMC_SDCMD_PMSDIDX_MASK;
	uint32_t lo = sim_reg_get(&pf->fn, X710_PFHMC_SDDATALOW);
	uint32_t hi = sim_reg_get(&pf->fn, X710_PFHMC_SDDATAHIGH);
	struct sim_hmc_sd *sd;

	if (idx >= SIM_HMC_MAX_SD) {
		sim_log(sim, "PF %u PFHMC_SDCMD: SD %u beyond the model's %u", pf->idx, idx,
			SIM_HMC_MAX_SD);
		return;
	}
	sd = &pf->sd[idx];
	sd->valid = lo & X710_PFHMC_SDDATALOW_VALID_MASK;
	sd->direct = lo & X710_PFHMC_SDDATALOW_TYPE_MASK;
	sd->pa = (uint64_t)hi << 32 | (lo & X710_PFHMC_SDDATALOW_ADDR_MASK);
	sd->bpcount = (lo & X710_PFHMC_SDDATALOW_BPCOUNT_MASK) >> X710_PFHMC_SDDATALOW_BPCOUNT_SHIFT;
}

/* IOVA of the byte at FPM address `fpm`, or a negative errno. */
static int fpm_to_iova(struct x710sim *sim, struct sim_pf *pf, uint64_t fpm, uint64_t *iova)
{
	uint64_t sd_idx = fpm / X710_HMC_SD_SIZE;
	const struct sim_hmc_sd *sd;
	uint64_t pd;

	if (sd_idx >= SIM_HMC_MAX_SD || !pf->sd[sd_idx].valid)
		return -ENOENT;
	sd = &pf->sd[sd_idx];
	if (sd->direct) {
		*iova = sd->pa + fpm % X710_HMC_SD_SIZE;
		return 0;
	}
	uint64_t pd_idx = (fpm / X710_HMC_PD_SIZE) % X710_HMC_PD_PER_SD;

	if (sim_dma_read(sim->dma, sd->pa + pd_idx * sizeof(pd), &pd, sizeof(pd)) != 0)
		return -EFAULT;
	if (!(pd & 1))                /* PD entry VALID */
		return -ENOENT;
	*iova = (pd & ~(uint64_t)(X710_HMC_PD_SIZE - 1)) + fpm % X710_HMC_PD_SIZE;
	return 0;
}

static int read_obj(struct x710sim *sim, struct sim_pf *pf, bool tx, unsigned int q,
		    uint8_t *obj, size_t size)
{
	uint32_t base = sim_reg_get(&pf->fn, tx ? X710_GLHMC_LANTXBASE(pf->idx)
						 : X710_GLHMC_LANRXBASE(pf->idx));
	uint32_t cnt = sim_reg_get(&pf->fn, tx ? X710_GLHMC_LANTXCNT(pf->idx)
						: X710_GLHMC_LANRXCNT(pf->idx));
	uint64_t fpm = (uint64_t)base * X710_HMC_FPM_BASE_UNIT + (uint64_t)q * size;
	uint64_t iova;
	int err;

	if (q >= cnt) {
		sim_log(sim, "PF %u %s queue %u: beyond GLHMC_LAN%sCNT = %u", pf->idx,
			tx ? "Tx" : "Rx", q, tx ? "TX" : "RX", cnt);
		return -ERANGE;
	}
	err = fpm_to_iova(sim, pf, fpm, &iova);
	if (err == 0)
		err = sim_dma_read(sim->dma, iova, obj, size);
	if (err)
		sim_log(sim, "PF %u %s queue %u: HMC context at FPM 0x%llx unreachable (%d)",
			pf->idx, tx ? "Tx" : "Rx", q, (unsigned long long)fpm, err);
	return err;
}

uint64_t sim_hmc_get_bits(const uint8_t *obj, unsigned int lsb, unsigned int width)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < width; i++) {
		unsigned int b = lsb + i;

		v |= (uint64_t)((obj[b / 8] >> (b % 8)) & 1) << i;
	}
	return v;
}

/* Bit positions: spec §3.6 (B:i40e_lan_hmc.c). */
#define OBJ_BASE_UNIT 128

int sim_hmc_read_txctx(struct x710sim *sim, struct sim_pf *pf, unsigned int q,
		       struct sim_txq_ctx *ctx)
{
	uint8_t o[1 << X710_HMC_LAN_TX_OBJ_LOG2];
	int err = read_obj(sim, pf, true, q, o, sizeof(o));

	if (err)
		return err;
	ctx->head = (uint16_t)sim_hmc_get_bits(o, 0, 13);
	ctx->base_iova = sim_hmc_get_bits(o, 32, 57) * OBJ_BASE_UNIT;
	ctx->head_wb_ena = sim_hmc_get_bits(o, 160, 1);
	ctx->qlen = (uint16_t)sim_hmc_get_bits(o, 161, 13);
	ctx->head_wb_addr = sim_hmc_get_bits(o, 192, 64);
	ctx->rdylist = (uint16_t)sim_hmc_get_bits(o, 980, 10);
	return 0;
}

int sim_hmc_read_rxctx(struct x710sim *sim, struct sim_pf *pf, unsigned int q,
		       struct sim_rxq_ctx *ctx)
{
	uint8_t o[1 << X710_HMC_LAN_RX_OBJ_LOG2];
	int err = read_obj(sim, pf, false, q, o, sizeof(o));

	if (err)
		return err;
	ctx->head = (uint16_t)sim_hmc_get_bits(o, 0, 13);
	ctx->base_iova = sim_hmc_get_bits(o, 32, 57) * OBJ_BASE_UNIT;
	ctx->qlen = (uint16_t)sim_hmc_get_bits(o, 89, 13);
	ctx->dbuff_bytes = (uint16_t)(sim_hmc_get_bits(o, 102, 7) * 128);
	ctx->hbuff_bytes = (uint16_t)(sim_hmc_get_bits(o, 109, 5) * 64);
	ctx->dtype = (uint8_t)sim_hmc_get_bits(o, 114, 2);
	ctx->dsize_32 = sim_hmc_get_bits(o, 116, 1);
	ctx->crcstrip = sim_hmc_get_bits(o, 117, 1);
	ctx->l2tsel = (uint8_t)sim_hmc_get_bits(o, 119, 1);
	ctx->showiv = sim_hmc_get_bits(o, 127, 1);
	ctx->rxmax = (uint16_t)sim_hmc_get_bits(o, 174, 14);
	return 0;
}
