/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The X710 driver schema. ixl(4)'s VF keys and defaults come from its
 * published schema (spec freebsd-iovctl.md §1.6); trust, vlan, vlan-qos,
 * max-tx-rate and link-state are what Linux users set per VF with
 * `ip link set ... vf N` (spec linux-ecosystem.md §1.2) and ixl lacks.
 */
#include "x710_backend.h"

/* Queue pairs per VF: ixl clamps num-queues to 1..16; the default 4 is
 * ixl's "VF MSI-X 5" minus the mailbox vector (freebsd-iovctl.md §1.6). */
#define X710_VF_QUEUES_MIN 1
#define X710_VF_QUEUES_MAX 16
#define X710_VF_QUEUES_DEFAULT 4
/* 802.1p priority code point: 3 bits (IFLA_VF_VLAN qos 0-7). */
#define X710_VLAN_QOS_MAX 7

static const char *const link_state_names[] = { "auto", "enable", "disable", NULL };

static const struct sriov_param x710_vf[] = {
	{ .name = "mac-addr", .type = SRIOV_TYPE_UNICAST_MAC, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "MAC address the VF is given (unset: the VF picks one)" },
	{ .name = "mac-anti-spoof", .type = SRIOV_TYPE_BOOL, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.b = true, .help = "drop frames whose source MAC is not the VF's" },
	{ .name = "allow-set-mac", .type = SRIOV_TYPE_BOOL, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.b = false, .help = "let the VF driver change its MAC address" },
	{ .name = "allow-promisc", .type = SRIOV_TYPE_BOOL, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.b = false, .help = "let the VF enter promiscuous mode" },
	{ .name = "num-queues", .type = SRIOV_TYPE_UINT16, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.u = X710_VF_QUEUES_DEFAULT, .min = X710_VF_QUEUES_MIN, .max = X710_VF_QUEUES_MAX,
	  .help = "queue pairs given to the VF" },
	{ .name = "trust", .type = SRIOV_TYPE_BOOL, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.b = false, .help = "trusted VF: more MAC/VLAN filters, may request promiscuous mode" },
	{ .name = "vlan", .type = SRIOV_TYPE_VLAN, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "port VLAN 0..4094 inserted and stripped by the PF, or \"trunk\"" },
	{ .name = "vlan-qos", .type = SRIOV_TYPE_UINT8, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.u = 0, .min = 0, .max = X710_VLAN_QOS_MAX,
	  .help = "802.1p priority of the port VLAN" },
	{ .name = "max-tx-rate", .type = SRIOV_TYPE_UINT32, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.u = 0, .max = X710_TX_RATE_MAX_MBPS,
	  .help = "transmit rate limit in Mbit/s, 0 = unlimited; 50 Mbit/s steps, rounded up" },
	{ .name = "link-state", .type = SRIOV_TYPE_ENUM, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.enum_index = 0, .enum_names = link_state_names,
	  .help = "VF link: follow the PF (auto), always up (enable) or down (disable)" },
};

static const struct sriov_driver_schema x710_schema = {
	.driver = "x710",
	.section = {
		[SRIOV_SECTION_PF] = { NULL, 0 },
		[SRIOV_SECTION_VF] = { x710_vf, sizeof(x710_vf) / sizeof(x710_vf[0]) },
	},
};

const struct sriov_backend sriov_backend_x710 = {
	.name = "x710",
	.description = "Intel Ethernet 700 series (X710/XL710/XXV710) PF",
	.schema = &x710_schema,
	.ops = &sriov_x710_backend_ops,
};
