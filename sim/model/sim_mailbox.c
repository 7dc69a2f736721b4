/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The VF <-> PF mailbox through the firmware (x710-hardware.md §2.2):
 * VF ATQ 0x0801 -> PF ARQ event 0x0801 with the ABSOLUTE VF id in retval;
 * PF ATQ 0x0802 -> VF ARQ event 0x0802. The virtchnl opcode and status ride
 * in cookie_high / cookie_low unchanged.
 */
#include <errno.h>
#include <string.h>

#include "sim_model.h"

int sim_pf_arq_event(struct x710sim *sim, struct sim_pf *pf, const struct x710_aq_desc *ev,
		     const void *buf, size_t len)
{
	int err = sim_aq_post(sim, &pf->fn, ev, buf, len);

	if (err == 0)
		sim_irq_pf_cause(sim, pf, X710_PFINT_ICR0_ADMINQ_MASK);
	else
		sim_log(sim, "PF %u ARQ: event 0x%04x lost (%d)", pf->idx, ev->opcode, err);
	return err;
}

int sim_vf_arq_event(struct x710sim *sim, struct sim_vf *vf, const struct x710_aq_desc *ev,
		     const void *buf, size_t len)
{
	int err = sim_aq_post(sim, &vf->fn, ev, buf, len);

	if (err == 0)
		sim_irq_vf_adminq(sim, vf);
	else
		sim_log(sim, "VF %u ARQ: event 0x%04x lost (%d)", vf->abs, ev->opcode, err);
	return err;
}

int sim_mbx_vf_to_pf(struct x710sim *sim, struct sim_vf *vf, const struct x710_aq_desc *d,
		     const uint8_t *buf, uint16_t len)
{
	struct x710_aq_desc ev;

	memset(&ev, 0, sizeof(ev));
	ev.opcode = X710_AQC_SEND_MSG_TO_PF;
	ev.retval = (uint16_t)vf->abs;
	ev.cookie_high = d->cookie_high;
	ev.cookie_low = d->cookie_low;
	return sim_pf_arq_event(sim, vf->pf, &ev, buf, len);
}

int sim_mbx_pf_to_vf(struct x710sim *sim, struct sim_pf *pf, const struct x710_aq_desc *d,
		     const uint8_t *buf, uint16_t len)
{
	struct x710_aqc_pf_vf_message m;
	struct x710_aq_desc ev;
	struct sim_vf *vf;

	memcpy(&m, d->params.raw, sizeof(m));
	vf = &pf->vfs[m.id - pf->vf_base];
	if (!vf->fn.present)
		return -ENODEV;
	memset(&ev, 0, sizeof(ev));
	ev.opcode = X710_AQC_SEND_MSG_TO_VF;
	ev.cookie_high = d->cookie_high;
	ev.cookie_low = d->cookie_low;
	return sim_vf_arq_event(sim, vf, &ev, buf, len);
}
