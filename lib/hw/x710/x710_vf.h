/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VF lifecycle on the PF side, in ixl_pf_iov.c order (freebsd-iovctl.md
 * §2.2-§2.3, x710-hardware.md §2.3, §3.3-§3.5): queues, the VF VSI under
 * the VEB, its filters, the VF <-> queue mappings, interrupt lists, reset,
 * VFLR and release; plus the live changes a policy makes to a VF's VSI.
 * `vf` is always the PF-relative VF id.
 */
#ifndef X710_VF_H
#define X710_VF_H

#include <stdbool.h>
#include <stdint.h>

#include "x710_hw.h"

/* port_vlan_flags values not in x710_adminq_defs.h (spec §3.4). */
#define X710_AQ_VSI_PVLAN_MODE_TAGGED 0x01
#define X710_AQ_VSI_PVLAN_EMOD_STR_BOTH 0x00
#define X710_AQ_VSI_PVLAN_EMOD_STR    0x10
#define X710_AQ_VSI_PVLAN_EMOD_NOTHING 0x18

#define X710_VF_ITR_MAX 3   /* itr_idx 0..2, 3 = none (ixl checks <= 3) */

/* Enable n VFs: the osdep's set_num_vfs hook (if any), then the VEB.
 * n = 0 releases every VF first. */
int x710_vf_enable(struct x710_hw *hw, unsigned int n);
/* Release every VF and ask the OS for 0 VFs. */
void x710_vf_disable_all(struct x710_hw *hw);

/* Take over n VFs a previous owner set up, reading their queues and VSIs
 * back from the device (x710_vf_adopt.c); cfg[] is what the owner's
 * policy says (MAC, queue count), checked against what the device holds.
 * Nothing is written to the device. -ENOENT, -ESTALE, or an AQ error. */
int x710_vf_adopt_all(struct x710_hw *hw, unsigned int n, const struct x710_vf_config *cfg);
/* Forget every VF without touching the device (detach, failed adopt). */
void x710_vf_forget_all(struct x710_hw *hw);

/* Reserve queues, add the VSI, filters, map queues and declare the VF
 * active (VFGEN_RSTAT1 = VFACTIVE). Undone on failure. */
int x710_vf_setup(struct x710_hw *hw, unsigned int vf, const struct x710_vf_config *cfg);
/* Delete the VSI, clear mappings and interrupt lists, free queues. */
int x710_vf_release(struct x710_hw *hw, unsigned int vf);

/* The reset handshake of spec §2.3; after_flr skips the VFSWR trigger
 * because the hardware already reset the VF. Rebuilds the VSI with the
 * admin MAC and port VLAN only (§2.3 step 6, as Linux and DPDK PFs do): the
 * VF's own extra MAC/VLAN filters and promiscuous mode are not replayed,
 * since a VF driver re-adds them after every reset (iavf does). */
int x710_vf_reset(struct x710_hw *hw, unsigned int vf, bool after_flr);
/* Scan GLGEN_VFLRSTAT for this PF's VFs and clear (W1C) each bit found,
 * without touching the VFs: whoever owns their soft state (the virtchnl
 * host) rebuilds them once. Sets done[] as below; returns how many. */
int x710_vf_take_vflr(struct x710_hw *hw, uint32_t done[X710_MAX_VFS_PER_PF / 32]);
/* Scan GLGEN_VFLRSTAT for this PF's VFs, clear (W1C) and rebuild each one
 * found; set bits of the PF-relative ids handled in done[4]. Returns how
 * many, or a negative errno from the first rebuild that failed. */
int x710_vf_handle_vflr(struct x710_hw *hw, uint32_t done[X710_MAX_VFS_PER_PF / 32]);

/* CONFIG_IRQ_MAP for one vector (spec §3.3): VF queues in rxq_map/txq_map
 * are linked Rx0,Tx0,Rx1,Tx1... behind the vector's list head. */
int x710_vf_irq_map(struct x710_hw *hw, unsigned int vf, unsigned int vector,
		    uint16_t rxq_map, uint16_t txq_map, unsigned int rx_itr,
		    unsigned int tx_itr);
/* Every list head of the VF back to end-of-list. */
void x710_vf_irq_reset(struct x710_hw *hw, unsigned int vf);

int x710_vf_set_anti_spoof(struct x710_hw *hw, unsigned int vf, bool mac_check);
/* The VF VSI's Tx rate limit (AQ 0x0400), live; kept in the VF's config so
 * every rebuild (reset, FLR) applies it again. credit 0 removes it. */
int x710_vf_set_tx_limit(struct x710_hw *hw, unsigned int vf, uint16_t credit,
			 uint8_t max_credit);
int x710_vf_set_promisc(struct x710_hw *hw, unsigned int vf, bool unicast, bool multicast);
/* A perfect MAC filter; vlan < 0 matches any VLAN. */
int x710_vf_add_mac_filter(struct x710_hw *hw, unsigned int vf, const uint8_t mac[6], int vlan);
int x710_vf_del_mac_filter(struct x710_hw *hw, unsigned int vf, const uint8_t mac[6], int vlan);
int x710_vf_set_vlan_strip(struct x710_hw *hw, unsigned int vf, bool strip);

/* The VF if it is set up, else NULL (logs why). */
struct x710_vf *x710_vf_get(struct x710_hw *hw, unsigned int vf);

#endif /* X710_VF_H */
