/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupt causes and delivery (x710-hardware.md §0 #2, §2.2). A cause is
 * latched in its ICR register and held pending; the host's irq() fires once
 * the enable bits allow it (PFINT_ICR0_ENA; VFINT_ICR0_ENA1 and
 * VFINT_DYN_CTL01.INTENA), at once or when the driver enables them.
 */
#include "sim_model.h"

static void fire(struct x710sim *sim, struct sim_func *f, unsigned int vector)
{
	if (sim->host.irq != NULL)
		sim->host.irq(sim->host.ctx, f->id, vector);
}

void sim_irq_pf_cause(struct x710sim *sim, struct sim_pf *pf, uint32_t cause)
{
	sim_reg_set(&pf->fn, X710_PFINT_ICR0, sim_reg_get(&pf->fn, X710_PFINT_ICR0) | cause);
	pf->fn.irq0_pending = true;
	sim_irq_pf_update(sim, pf);
}

/* The PF's DYN_CTL0 is not modelled: ICR0_ENA alone gates vector 0. */
void sim_irq_pf_update(struct x710sim *sim, struct sim_pf *pf)
{
	if (!pf->fn.irq0_pending)
		return;
	if (sim_reg_get(&pf->fn, X710_PFINT_ICR0) & sim_reg_get(&pf->fn, X710_PFINT_ICR0_ENA)) {
		pf->fn.irq0_pending = false;
		fire(sim, &pf->fn, 0);
	}
}

void sim_irq_vf_adminq(struct x710sim *sim, struct sim_vf *vf)
{
	sim_reg_set(&vf->fn, X710_VFINT_ICR01,
		    sim_reg_get(&vf->fn, X710_VFINT_ICR01) | X710_VFINT_ICR01_ADMINQ_MASK);
	vf->fn.irq0_pending = true;
	sim_irq_vf_update(sim, vf);
}

void sim_irq_vf_update(struct x710sim *sim, struct sim_vf *vf)
{
	struct sim_func *f = &vf->fn;

	if (!f->irq0_pending)
		return;
	if ((sim_reg_get(f, X710_VFINT_ICR0_ENA1) & X710_VFINT_ICR0_ENA1_ADMINQ_MASK) &&
	    (sim_reg_get(f, X710_VFINT_DYN_CTL01) & X710_DYN_CTL_INTENA_MASK)) {
		f->irq0_pending = false;
		fire(sim, f, 0);
	}
}

/* DYN_CTL write: SWINT_TRIG raises the vector if INTENA; enabling vector 0
 * delivers a held admin-queue cause. */
void sim_irq_dyn_ctl(struct x710sim *sim, struct sim_func *f, unsigned int vector,
		     uint32_t val)
{
	if ((val & X710_DYN_CTL_SWINT_TRIG_MASK) && (val & X710_DYN_CTL_INTENA_MASK))
		fire(sim, f, vector);
	if (vector == 0 && f->id.vf >= 0)
		sim_irq_vf_update(sim, sim_func_vf(f));
}

/*
 * Polled stand-ins for clear-on-read: ADMINQ clears once the function's ARQ
 * is consumed; PFINT_ICR0.VFLR once no GLGEN_VFLRSTAT bit of the PF's VFs
 * is set. One register load when nothing is latched.
 */
unsigned int sim_irq_scrub(struct x710sim *sim, struct sim_func *f)
{
	if (f->id.vf >= 0) {
		uint32_t icr = sim_reg_get(f, X710_VFINT_ICR01);

		if ((icr & X710_VFINT_ICR01_ADMINQ_MASK) && sim_aq_arq_consumed(f)) {
			sim_reg_set(f, X710_VFINT_ICR01, icr & ~X710_VFINT_ICR01_ADMINQ_MASK);
			return 1;
		}
		return 0;
	}
	struct sim_pf *pf = sim_func_pf(sim, f);
	uint32_t icr = sim_reg_get(f, X710_PFINT_ICR0), clear = 0;

	if ((icr & X710_PFINT_ICR0_ADMINQ_MASK) && sim_aq_arq_consumed(f))
		clear |= X710_PFINT_ICR0_ADMINQ_MASK;
	if (icr & X710_PFINT_ICR0_VFLR_MASK) {
		bool any = false;

		for (unsigned int v = 0; v < pf->total_vfs && !any; v++) {
			unsigned int a = pf->vf_base + v;

			any = sim->vflrstat[a / 32] & (1u << (a % 32));
		}
		if (!any)
			clear |= X710_PFINT_ICR0_VFLR_MASK;
	}
	if (clear)
		sim_reg_set(f, X710_PFINT_ICR0, icr & ~clear);
	return clear != 0;
}
