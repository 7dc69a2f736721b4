/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_filter_set: bounded MAC / VLAN filter sets of one VF. */
#include <errno.h>
#include <string.h>

#include "vc_filter_set.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

int vc_mac_set_find(const struct vc_mac_set *s, const uint8_t mac[6])
{
	for (int i = 0; i < s->count; i++)
		if (memcmp(s->e[i].mac, mac, 6) == 0)
			return i;
	return -1;
}

int vc_mac_set_add(struct vc_mac_set *s, const uint8_t mac[6], bool from_policy)
{
	if (s->count >= ARRAY_LEN(s->e))
		return -ENOSPC;
	memcpy(s->e[s->count].mac, mac, 6);
	s->e[s->count].from_policy = from_policy;
	s->count++;
	return 0;
}

void vc_mac_set_remove_at(struct vc_mac_set *s, int idx)
{
	/* Order does not matter: move the last entry into the hole. */
	s->count--;
	s->e[idx] = s->e[s->count];
}

int vc_vlan_set_find(const struct vc_vlan_set *s, uint16_t vid)
{
	for (int i = 0; i < s->count; i++)
		if (s->vid[i] == vid)
			return i;
	return -1;
}

int vc_vlan_set_add(struct vc_vlan_set *s, uint16_t vid)
{
	if (s->count >= ARRAY_LEN(s->vid))
		return -ENOSPC;
	s->vid[s->count++] = vid;
	return 0;
}

void vc_vlan_set_remove_at(struct vc_vlan_set *s, int idx)
{
	s->count--;
	s->vid[idx] = s->vid[s->count];
}
