/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel backend's schema: what `ip link set PF vf N ...` sets
 * (linux-ecosystem.md §1.2), plus driver binding and drivers-autoprobe
 * (§1.1). Every key is optional: unset leaves the kernel's value, because
 * drivers refuse some attributes outright (igb: link-state, query-rss) and
 * a default would make every apply fail on them.
 */
#include <string.h>
#include <strings.h>

#include "kernel_backend.h"
#include "kernel_keys.h"

/* 802.1p priority code point: 3 bits (IFLA_VF_VLAN qos 0-7). */
#define KERNEL_VLAN_QOS_MAX 7

static const char *const link_state_names[] = { "auto", "enable", "disable", NULL };
static const char *const vlan_proto_names[] = { "802.1Q", "802.1ad", NULL };

static const struct sriov_param kernel_pf[] = {
	{ .name = "drivers-autoprobe", .type = SRIOV_TYPE_BOOL, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "bind new VFs to their default driver (sriov_drivers_autoprobe); "
		  "set before VFs are created" },
};

static const struct sriov_param kernel_vf[] = {
	{ .name = "mac-addr", .type = SRIOV_TYPE_UNICAST_MAC, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "administrative MAC (ip link ... vf N mac); a bound VF driver is re-probed" },
	{ .name = "mac-anti-spoof", .type = SRIOV_TYPE_BOOL, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "drop frames whose source MAC is not the VF's (spoofchk)" },
	{ .name = "trust", .type = SRIOV_TYPE_BOOL, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "trusted VF: more MAC/VLAN filters, may request promiscuous mode" },
	{ .name = "vlan", .type = SRIOV_TYPE_VLAN, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "port VLAN 1..4094 inserted and stripped by the PF; 0 or \"trunk\": none" },
	{ .name = "vlan-qos", .type = SRIOV_TYPE_UINT8, .presence = SRIOV_PARAM_OPTIONAL,
	  .min = 0, .max = KERNEL_VLAN_QOS_MAX, .help = "802.1p priority of the port VLAN" },
	{ .name = "vlan-proto", .type = SRIOV_TYPE_ENUM, .presence = SRIOV_PARAM_OPTIONAL,
	  .enum_names = vlan_proto_names, .help = "TPID of the port VLAN" },
	{ .name = "max-tx-rate", .type = SRIOV_TYPE_UINT32, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "transmit rate limit in Mbit/s, 0 = unlimited (some PFs need link up)" },
	{ .name = "min-tx-rate", .type = SRIOV_TYPE_UINT32, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "guaranteed transmit rate in Mbit/s, 0 = none" },
	{ .name = "link-state", .type = SRIOV_TYPE_ENUM, .presence = SRIOV_PARAM_OPTIONAL,
	  .enum_names = link_state_names,
	  .help = "VF link: follow the PF (auto), always up (enable) or down (disable)" },
	{ .name = "query-rss", .type = SRIOV_TYPE_BOOL, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "let the VF query the PF's RSS key and table" },
	{ .name = "driver", .type = SRIOV_TYPE_STRING, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "bind the VF to this kernel driver (driver_override); \"\" leaves it unbound" },
};

static const struct sriov_driver_schema kernel_schema = {
	.driver = "kernel",
	.section = {
		[SRIOV_SECTION_PF] = { kernel_pf, sizeof(kernel_pf) / sizeof(kernel_pf[0]) },
		[SRIOV_SECTION_VF] = { kernel_vf, sizeof(kernel_vf) / sizeof(kernel_vf[0]) },
	},
};

const struct sriov_backend sriov_backend_kernel = {
	.name = "kernel",
	.description = "any SR-IOV PF bound to its Linux kernel driver (sysfs + rtnetlink)",
	.schema = &kernel_schema,
	.ops = &sriov_kernel_backend_ops,
};

static const struct {
	const char *name;
	enum kernel_key key;
	enum kernel_vf_key attr;
} key_table[] = {
	{ "num_vfs", KERNEL_KEY_NUM_VFS, KERNEL_VF_KEY_COUNT },
	{ "device", KERNEL_KEY_DEVICE, KERNEL_VF_KEY_COUNT },
	{ "drivers-autoprobe", KERNEL_KEY_AUTOPROBE, KERNEL_VF_KEY_COUNT },
	{ "passthrough", KERNEL_KEY_PASSTHROUGH, KERNEL_VF_KEY_COUNT },
	{ "driver", KERNEL_KEY_DRIVER, KERNEL_VF_KEY_COUNT },
	{ "mac-addr", KERNEL_KEY_MAC, KERNEL_VF_MAC },
	{ "mac-anti-spoof", KERNEL_KEY_SPOOFCHK, KERNEL_VF_SPOOFCHK },
	{ "trust", KERNEL_KEY_TRUST, KERNEL_VF_TRUST },
	{ "vlan", KERNEL_KEY_VLAN, KERNEL_VF_VLAN },
	{ "vlan-qos", KERNEL_KEY_VLAN_QOS, KERNEL_VF_VLAN },
	{ "vlan-proto", KERNEL_KEY_VLAN_PROTO, KERNEL_VF_VLAN },
	{ "max-tx-rate", KERNEL_KEY_MAX_RATE, KERNEL_VF_RATE },
	{ "min-tx-rate", KERNEL_KEY_MIN_RATE, KERNEL_VF_RATE },
	{ "link-state", KERNEL_KEY_LINK_STATE, KERNEL_VF_LINK_STATE },
	{ "query-rss", KERNEL_KEY_RSS_QUERY, KERNEL_VF_RSS_QUERY },
};

enum kernel_key kernel_key_of(const char *name)
{
	for (size_t i = 0; i < sizeof(key_table) / sizeof(key_table[0]); i++)
		if (strcasecmp(key_table[i].name, name) == 0)
			return key_table[i].key;
	return KERNEL_KEY_UNKNOWN;
}

enum kernel_vf_key kernel_key_attr(enum kernel_key key)
{
	for (size_t i = 0; i < sizeof(key_table) / sizeof(key_table[0]); i++)
		if (key_table[i].key == key)
			return key_table[i].attr;
	return KERNEL_VF_KEY_COUNT;
}
