/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VF BAR0 (64 KiB): every register the model gives a meaning, in one table.
 * Offsets and fields: x710-hardware.md §1.1 (common/x710/x710_regs.h).
 * Registers not listed read 0 and ignore writes (spec §6.1).
 */
#include "sim_model.h"

/* The PF sees the VF's AQ registers at VF_A?Q*(vf) (§2.2). */
void sim_vf_aq_mirror(struct sim_vf *vf)
{
	struct sim_func *f = &vf->fn;
	static const struct { uint32_t vf_off, pf_off; } map[] = {
		{ X710_VF_ATQBAL1, X710_VF_ATQBAL(0) }, { X710_VF_ATQBAH1, X710_VF_ATQBAH(0) },
		{ X710_VF_ATQLEN1, X710_VF_ATQLEN(0) }, { X710_VF_ATQH1, X710_VF_ATQH(0) },
		{ X710_VF_ATQT1, X710_VF_ATQT(0) }, { X710_VF_ARQBAL1, X710_VF_ARQBAL(0) },
		{ X710_VF_ARQBAH1, X710_VF_ARQBAH(0) }, { X710_VF_ARQLEN1, X710_VF_ARQLEN(0) },
		{ X710_VF_ARQH1, X710_VF_ARQH(0) }, { X710_VF_ARQT1, X710_VF_ARQT(0) },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		sim_reg_set(&vf->pf->fn, map[i].pf_off + 4 * vf->vf,
			    sim_reg_get(f, map[i].vf_off));
}

static void mirror_aq(struct x710sim *sim, struct sim_func *f, unsigned int idx,
		      uint32_t old, uint32_t val)
{
	(void)sim; (void)idx; (void)old; (void)val;
	sim_vf_aq_mirror(sim_func_vf(f));
}

static void on_icr0_ena1(struct x710sim *sim, struct sim_func *f, unsigned int idx,
			 uint32_t old, uint32_t val)
{
	struct sim_vf *vf = sim_func_vf(f);

	(void)idx; (void)old;
	sim_reg_set(&vf->pf->fn, X710_VFINT_ICR0_ENA(vf->vf), val);
	sim_irq_vf_update(sim, vf);
}

static void on_dyn_ctl01(struct x710sim *sim, struct sim_func *f, unsigned int idx,
			 uint32_t old, uint32_t val)
{
	(void)idx; (void)old;
	sim_irq_dyn_ctl(sim, f, 0, val);
}

static void on_dyn_ctln1(struct x710sim *sim, struct sim_func *f, unsigned int n,
			 uint32_t old, uint32_t val)
{
	(void)old;
	sim_irq_dyn_ctl(sim, f, n + 1, val);
}

#define AQ_REG(name, off) \
	{ name, off, .access = SIM_REG_RW, .watch = true, .on_write = mirror_aq }

static const struct sim_reg_def vf_regs[] = {
	/* Queue tails: doorbells the data path reads through the binding the
	 * control model gave it (§3.6, VPLAN_QTABLE). */
	{ "QTX_TAIL1", X710_VF_BAR0_QTX_TAIL1(0), .n = X710_VF_QUEUES, .stride = 4 },
	{ "QRX_TAIL1", X710_VF_BAR0_QRX_TAIL1(0), .n = X710_VF_QUEUES, .stride = 4 },
	{ "VFINT_ITRN1", X710_VFINT_ITRN1(0, 0), .n = X710_VF_QUEUES, .stride = 4,
	  .n2 = X710_VF_ITR_INDICES, .stride2 = 64 },
	/* Vector n+1 control. CLEARPBA and SWINT_TRIG self-clear (scrubbed
	 * by the model after acting on them). */
	{ "VFINT_DYN_CTLN1", X710_VFINT_DYN_CTLN1(0), .n = X710_VF_QUEUES, .stride = 4,
	  .dim = SIM_DIM_VF_VECTORS, .watch = true, .sc_mask = X710_DYN_CTL_SELF_CLEARING,
	  .on_write = on_dyn_ctln1 },
	/* Clear-on-read in silicon (spec §0 #2). Polled approximation (the
	 * one sim-harness.md describes): ADMINQ is latched on every VF ARQ
	 * post and cleared once the driver has consumed the ARQ. */
	{ "VFINT_ICR01", X710_VFINT_ICR01, .access = SIM_REG_COR },
	{ "VFINT_ITR01", X710_VFINT_ITR01(0), .n = X710_VF_ITR_INDICES, .stride = 4 },
	{ "VFINT_ICR0_ENA1", X710_VFINT_ICR0_ENA1, .watch = true, .on_write = on_icr0_ena1 },
	{ "VFINT_DYN_CTL01", X710_VFINT_DYN_CTL01, .watch = true,
	  .sc_mask = X710_DYN_CTL_SELF_CLEARING, .on_write = on_dyn_ctl01 },
	/* Admin queue (§1.1, §2.1): mirrored into the PF's VF_A?Q* view. */
	AQ_REG("VF_ARQBAH1", X710_VF_ARQBAH1),
	AQ_REG("VF_ATQH1", X710_VF_ATQH1),
	AQ_REG("VF_ATQLEN1", X710_VF_ATQLEN1),
	AQ_REG("VF_ARQBAL1", X710_VF_ARQBAL1),
	AQ_REG("VF_ARQT1", X710_VF_ARQT1),
	AQ_REG("VF_ARQH1", X710_VF_ARQH1),
	AQ_REG("VF_ATQBAH1", X710_VF_ATQBAH1),
	AQ_REG("VF_ATQBAL1", X710_VF_ATQBAL1),
	AQ_REG("VF_ARQLEN1", X710_VF_ARQLEN1),
	AQ_REG("VF_ATQT1", X710_VF_ATQT1),
	/* Reset state (§2.3): the model's copy of the PF's VFGEN_RSTAT1. */
	{ "VFGEN_RSTAT", X710_VFGEN_RSTAT, .access = SIM_REG_RO },
	/* The VF's RSS view. iavf never touches it (RSS goes over virtchnl);
	 * the model takes RSS from the PF's VFQF_*1 registers, so these are
	 * plain storage. */
	{ "VFQF_HENA", X710_VFQF_HENA(0), .n = X710_VFQF_HENA_REGS, .stride = 4 },
	{ "VFQF_HKEY", X710_VFQF_HKEY(0), .n = X710_VFQF_HKEY_REGS, .stride = 4 },
	{ "VFQF_HLUT", X710_VFQF_HLUT(0), .n = X710_VFQF_HLUT_REGS, .stride = 4 },
};

const struct sim_reg_table sim_vf_reg_table = {
	.defs = vf_regs,
	.n_defs = sizeof(vf_regs) / sizeof(vf_regs[0]),
	.bar_size = X710SIM_VF_BAR0_SIZE,
};
