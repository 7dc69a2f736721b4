/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VF reset and FLR (x710-hardware.md §2.3). A reset, whether the PF's
 * VPGEN_VFRTRIG.VFSWR 0 -> 1 or a function-level reset, stops the VF's
 * queues, zeroes its admin-queue and interrupt registers, sets VFGEN_RSTAT
 * to INPROGRESS and then VPGEN_VFRSTAT.VFRD = 1. An FLR also sets the VF's
 * bit in GLGEN_VFLRSTAT (absolute id) and PFINT_ICR0.VFLR.
 */
#include "sim_model.h"

/* GLGEN_VFLRSTAT is global: every PF's BAR shows the same words. */
void sim_vflrstat_publish(struct x710sim *sim, unsigned int word)
{
	for (unsigned int p = 0; p < sim->params.n_pfs; p++)
		sim_reg_set(&sim->pfs[p].fn, X710_GLGEN_VFLRSTAT(word), sim->vflrstat[word]);
}

void sim_vf_hw_reset(struct x710sim *sim, struct sim_vf *vf)
{
	struct sim_pf *pf = vf->pf;

	if (!vf->fn.present)
		return;
	sim_reg_set(&pf->fn, X710_VPGEN_VFRSTAT(vf->vf), 0);
	sim_lanq_stop_vf(sim, vf);
	sim_func_regs_reset(sim, &vf->fn, SIM_REG_NO_HOLD); /* AQ, irqs, RSTAT = 0 */
	vf->fn.aq.atq.stalled = false;
	vf->fn.irq0_pending = false;
	sim_vf_aq_mirror(vf);
	sim_reg_set(&pf->fn, X710_VFINT_ICR0_ENA(vf->vf), 0);
	sim_reg_set(&pf->fn, X710_VFGEN_RSTAT1(vf->vf), X710_VFR_INPROGRESS);
	sim_reg_set(&pf->fn, X710_VPGEN_VFRSTAT(vf->vf), X710_VPGEN_VFRSTAT_VFRD_MASK);
}

void sim_vf_flr(struct x710sim *sim, struct sim_vf *vf)
{
	if (!vf->fn.present)
		return;
	sim_vf_hw_reset(sim, vf);
	sim_cfg_init_vf(sim, vf);             /* config space back to reset values */
	sim->vflrstat[vf->abs / 32] |= 1u << (vf->abs % 32);
	sim_vflrstat_publish(sim, vf->abs / 32);
	sim_irq_pf_cause(sim, vf->pf, X710_PFINT_ICR0_VFLR_MASK);
}

/* The PF writes VFGEN_RSTAT1; the VF reads the state in VFGEN_RSTAT. Having
 * handled the VF, the PF no longer needs its VFLR bit (polled stand-in for
 * a W1C write the poller may not see). */
void sim_vf_rstat_written(struct x710sim *sim, struct sim_vf *vf, uint32_t val)
{
	uint32_t bit = 1u << (vf->abs % 32);

	sim_reg_set(&vf->fn, X710_VFGEN_RSTAT, val & X710_VFGEN_RSTAT_VFR_STATE_MASK);
	if (sim->vflrstat[vf->abs / 32] & bit) {
		sim->vflrstat[vf->abs / 32] &= ~bit;
		sim_vflrstat_publish(sim, vf->abs / 32);
	}
}

void sim_vflrstat_written(struct x710sim *sim, struct sim_pf *pf, unsigned int word,
			  uint32_t clear)
{
	(void)pf;
	if (word >= SIM_DEVICE_VFS / 32)
		return;
	sim->vflrstat[word] &= ~clear;
	sim_vflrstat_publish(sim, word);
}
