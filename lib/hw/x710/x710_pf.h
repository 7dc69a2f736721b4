/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PF bring-up in the DPDK/Linux order (spec §3.2): admin queue, version,
 * capabilities, MAC, switch configuration and the PF's own VSI, then the
 * HMC and the queue allocator; the VEB that VF VSIs hang from.
 */
#ifndef X710_PF_H
#define X710_PF_H

#include <stdbool.h>

#include "x710_aq_cmds.h"
#include "x710_hw.h"

struct x710_pf_params {
	unsigned int pf_id;           /* PCI function number */
	bool pf_reset;                /* PFGEN_CTRL.PFSWR first */
	bool adopt;                   /* take over a running PF: no reset, HMC adopted */
	struct x710_aq_params aq;
};

/* Firmware API the layer is written against (spec §3.2: 1.x). */
#define X710_PF_API_MAJOR 1

/* Fill hw->os first; everything else in *hw is (re)initialised here.
 * On failure nothing stays allocated. */
int x710_pf_init(struct x710_hw *hw, const struct x710_pf_params *p);
/* With p->adopt the PF keeps running: the admin queue is resumed from its
 * kept block with the events posted meanwhile (or, failing that, set up
 * afresh: x710_aq_adopt); the switch, queues and VFs are read back
 * (x710_vf_adopt_all). */

/* Let go of a running PF for a later adopt: VFs, VEB and HMC are left as
 * they are, and so is the admin queue when its rings are in a kept block
 * (else it is stopped: its rings die with this process). A PF whose HMC
 * segment is not kept is shut down instead (the queues would go on
 * DMA-ing through contexts in freed memory): false then. */
bool x710_pf_detach(struct x710_hw *hw);
/* Release VFs, the VEB, the HMC and the admin queue. */
void x710_pf_shutdown(struct x710_hw *hw);
/* The VEB between the port and the PF VSI, created once (spec §3.2 0x0230). */
int x710_pf_ensure_veb(struct x710_hw *hw);
/* get_link_status with LSE on; the answer is also kept in hw->link. */
int x710_pf_link_status(struct x710_hw *hw, struct x710_link_status *out);
/* Link status events on: the PHY event mask leaves link up/down (and what
 * i40e also wants) unmasked, then LSE is enabled with one get_link_status
 * whose answer starts hw->link. A mask the firmware refuses is logged and
 * LSE still enabled (the command is the firmware's, not every one has it). */
int x710_pf_enable_link_events(struct x710_hw *hw);
/* A link status event taken from the ARQ (opcode 0x0607): hw->link follows
 * it. -EINVAL for any other event. */
int x710_pf_link_event(struct x710_hw *hw, const struct x710_aq_desc *ev);

#endif /* X710_PF_H */
