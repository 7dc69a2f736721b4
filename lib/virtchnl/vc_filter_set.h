/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_filter_set: the MAC and VLAN filters one VF holds, as fixed arrays
 * sized for a trusted VF so that handling a message never allocates.
 */
#ifndef VC_FILTER_SET_H
#define VC_FILTER_SET_H

#include <stdbool.h>
#include <stdint.h>

#include "vc_wire.h"

struct vc_mac_entry {
	uint8_t mac[6];
	bool from_policy;   /* installed by the hw layer from the admin MAC, not by the VF */
};

struct vc_mac_set {
	uint16_t count;
	struct vc_mac_entry e[VC_TRUSTED_MAX_MAC];
};

struct vc_vlan_set {
	uint16_t count;
	uint16_t vid[VC_TRUSTED_MAX_VLAN];
};

/* Index of mac in the set, or -1. */
int vc_mac_set_find(const struct vc_mac_set *s, const uint8_t mac[6]);
/* Append; -ENOSPC when full. The caller checks for duplicates first. */
int vc_mac_set_add(struct vc_mac_set *s, const uint8_t mac[6], bool from_policy);
void vc_mac_set_remove_at(struct vc_mac_set *s, int idx);

int vc_vlan_set_find(const struct vc_vlan_set *s, uint16_t vid);
int vc_vlan_set_add(struct vc_vlan_set *s, uint16_t vid);
void vc_vlan_set_remove_at(struct vc_vlan_set *s, int idx);

#endif /* VC_FILTER_SET_H */
