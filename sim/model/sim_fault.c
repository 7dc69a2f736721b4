/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Faults on demand (x710sim.h): an AQ command that fails or hangs, link
 * down/up, an Rx overrun. The AQ engine consults the armed fault for every
 * command it takes from an ATQ.
 */
#include <errno.h>
#include <string.h>

#include "sim_model.h"

int x710sim_fault_aq(struct x710sim *sim, const struct x710sim_aq_fault *f)
{
	if (f == NULL) {
		memset(&sim->aq_fault, 0, sizeof(sim->aq_fault));
		return 0;
	}
	if (f->pf >= (int)sim->params.n_pfs || f->rc > 0xFF ||
	    (f->kind != X710SIM_AQ_FAULT_FAIL && f->kind != X710SIM_AQ_FAULT_HANG) ||
	    (f->kind == X710SIM_AQ_FAULT_FAIL && f->rc == X710_AQ_RC_OK))
		return -EINVAL;
	sim->aq_fault.f = *f;
	sim->aq_fault.seen = 0;
	sim->aq_fault.active = true;
	return 0;
}

int x710sim_set_link(struct x710sim *sim, unsigned int port, bool up)
{
	struct sim_pf *pf;

	if (port >= sim->params.n_pfs)
		return -EINVAL;
	pf = &sim->pfs[port];
	if (pf->link_up == up)
		return 0;
	pf->link_up = up;
	if (sim->dp != NULL)
		sim_dp_set_link(sim->dp, port, up);
	sim_fw_link_event(sim, pf);
	return 0;
}

int x710sim_fault_rx_overrun(struct x710sim *sim, unsigned int pf, unsigned int pf_queue,
			     unsigned int n)
{
	if (pf >= sim->params.n_pfs || pf_queue >= sim->pfs[pf].qps)
		return -EINVAL;
	if (sim->dp == NULL)
		return -ENODEV;
	sim_dp_inject_rx_overrun(sim->dp, pf, pf_queue, n);
	return 0;
}
