/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel backend's keys by meaning, so code switches on an enum, not on names. */
#ifndef KERNEL_KEYS_H
#define KERNEL_KEYS_H

#include <sriov/schema.h>

#include "kernel_vf_attr.h"

enum kernel_key {
	KERNEL_KEY_UNKNOWN,
	KERNEL_KEY_NUM_VFS,
	KERNEL_KEY_DEVICE,
	KERNEL_KEY_AUTOPROBE,      /* PF drivers-autoprobe: sriov_drivers_autoprobe */
	KERNEL_KEY_PASSTHROUGH,    /* VF bound to vfio-pci */
	KERNEL_KEY_DRIVER,         /* VF bound to a named driver */
	KERNEL_KEY_MAC,
	KERNEL_KEY_SPOOFCHK,
	KERNEL_KEY_TRUST,
	KERNEL_KEY_VLAN,
	KERNEL_KEY_VLAN_QOS,
	KERNEL_KEY_VLAN_PROTO,
	KERNEL_KEY_MAX_RATE,
	KERNEL_KEY_MIN_RATE,
	KERNEL_KEY_LINK_STATE,
	KERNEL_KEY_RSS_QUERY,
};

/* vlan-proto's words, in the order of its enum index. */
enum kernel_vlan_proto_index { KERNEL_PROTO_8021Q = 0, KERNEL_PROTO_8021AD = 1 };

/* The key a schema parameter stands for (by name). */
enum kernel_key kernel_key_of(const char *name);
/* The rtnetlink attribute a VF key is sent in; KERNEL_VF_KEY_COUNT for none. */
enum kernel_vf_key kernel_key_attr(enum kernel_key key);
/* The driver the passthrough key binds. */
#define KERNEL_PASSTHROUGH_DRIVER "vfio-pci"

#endif
