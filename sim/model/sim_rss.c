/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VF RSS from the PF's VFQF_HKEY1 / VFQF_HLUT1 / VFQF_HENA1 registers
 * (x710-hardware.md §3.3: the register path on X710) into the data path.
 */
#include "sim_model.h"

void sim_rss_vf_changed(struct x710sim *sim, struct sim_pf *pf, unsigned int vf)
{
	uint8_t key[SIM_RSS_KEY_SIZE], lut[SIM_RSS_LUT_SIZE];
	uint64_t hena;
	unsigned int abs = pf->vf_base + vf;

	if (vf >= pf->num_vfs || sim->dp == NULL)
		return;
	for (unsigned int i = 0; i < X710_VFQF_HKEY_REGS; i++) {
		uint32_t r = sim_reg_get(&pf->fn, X710_VFQF_HKEY1(i, vf));

		for (unsigned int b = 0; b < 4; b++)
			key[4 * i + b] = (uint8_t)(r >> (8 * b));
	}
	for (unsigned int i = 0; i < X710_VFQF_HLUT_REGS; i++) {
		uint32_t r = sim_reg_get(&pf->fn, X710_VFQF_HLUT1(i, vf));

		for (unsigned int b = 0; b < 4; b++)
			lut[4 * i + b] = (uint8_t)(r >> (8 * b));
	}
	hena = (uint64_t)sim_reg_get(&pf->fn, X710_VFQF_HENA1(1, vf)) << 32 |
	       sim_reg_get(&pf->fn, X710_VFQF_HENA1(0, vf));
	for (unsigned int i = 0; i < SIM_VSI_MAX; i++) {
		const struct sim_vsi *v = &sim->vsis[i];

		if (v->in_use && v->type == SIM_VSI_VF && v->vf_abs == (int)abs)
			sim_dp_set_rss(sim->dp, v->vsi_num, key, lut, hena);
	}
}
