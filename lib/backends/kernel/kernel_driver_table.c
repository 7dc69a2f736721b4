/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Known refusals of PF drivers. igb's were seen in the VM (kernel-vm.md,
 * tests/vm/README.md); i40e's come from linux-ecosystem.md §1.2; the others
 * are read from the drivers' ndo_set_vf_* code and are marked as such.
 * A driver listed with no refusal has none known.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kernel_backend.h"
#include "kernel_driver_table.h"

#define VM_SEEN "seen in the VM (igb, Linux 6.1)"
#define ECOSYSTEM "linux-ecosystem.md §1.2"
#define DRIVER_SOURCE "driver source (inferred, not seen on hardware)"

static const struct kernel_refusal refusals[] = {
	{ "igb", KERNEL_KEY_LINK_STATE, KERNEL_REFUSES_ANY, -EOPNOTSUPP,
	  "igb has no VF link-state control", VM_SEEN },
	{ "igb", KERNEL_KEY_RSS_QUERY, KERNEL_REFUSES_ANY, -EOPNOTSUPP,
	  "igb has no VF RSS query control", VM_SEEN },
	{ "igb", KERNEL_KEY_MIN_RATE, KERNEL_REFUSES_NONZERO, -EINVAL,
	  "igb has no minimum VF rate", VM_SEEN },
	{ "igb", KERNEL_KEY_VLAN_PROTO, KERNEL_REFUSES_8021AD, -EPROTONOSUPPORT,
	  "igb port VLANs are 802.1Q only", VM_SEEN },
	{ "ixgbe", KERNEL_KEY_MIN_RATE, KERNEL_REFUSES_NONZERO, -EINVAL,
	  "ixgbe has no minimum VF rate", DRIVER_SOURCE },
	{ "ixgbe", KERNEL_KEY_VLAN_PROTO, KERNEL_REFUSES_8021AD, -EPROTONOSUPPORT,
	  "ixgbe port VLANs are 802.1Q only", DRIVER_SOURCE },
	{ "i40e", KERNEL_KEY_MIN_RATE, KERNEL_REFUSES_NONZERO, -EINVAL,
	  "i40e has no minimum VF rate (\"Invalid min tx rate\")", ECOSYSTEM },
	{ "i40e", KERNEL_KEY_RSS_QUERY, KERNEL_REFUSES_ANY, -EOPNOTSUPP,
	  "i40e has no VF RSS query control", ECOSYSTEM },
	{ "i40e", KERNEL_KEY_VLAN_PROTO, KERNEL_REFUSES_8021AD, -EPROTONOSUPPORT,
	  "i40e port VLANs are 802.1Q only", ECOSYSTEM " (inferred)" },
	{ "mlx5_core", KERNEL_KEY_RSS_QUERY, KERNEL_REFUSES_ANY, -EOPNOTSUPP,
	  "mlx5_core has no VF RSS query control", DRIVER_SOURCE },
	{ "bnxt_en", KERNEL_KEY_RSS_QUERY, KERNEL_REFUSES_ANY, -EOPNOTSUPP,
	  "bnxt_en has no VF RSS query control", DRIVER_SOURCE },
	{ "bnxt_en", KERNEL_KEY_VLAN_PROTO, KERNEL_REFUSES_8021AD, -EPROTONOSUPPORT,
	  "bnxt_en takes 802.1ad only with firmware support", DRIVER_SOURCE },
};

/* Drivers whose SR-IOV support the table covers (no entry: nothing known refused). */
static const char *const known_drivers[] = {
	"igb", "ixgbe", "i40e", "ice", "mlx5_core", "bnxt_en",
};

/* PF drivers without ndo_get_vf_stats: Debian 6.1.0-56's igb.ko and
 * bnxt_en.ko have no *vf_stats symbol (nm), while ixgbe, i40e, ice and
 * mlx5_core have one; igb's all-zero counters were also seen in the VM. */
static const char *const no_vf_stats[] = { "igb", "bnxt_en" };

bool kernel_driver_has_vf_stats(const char *driver)
{
	for (size_t i = 0; i < sizeof(no_vf_stats) / sizeof(no_vf_stats[0]); i++)
		if (strcmp(no_vf_stats[i], driver) == 0)
			return false;
	return true;
}

const struct kernel_refusal *kernel_refusal_find(const char *driver, enum kernel_key key)
{
	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++)
		if (refusals[i].key == key && strcmp(refusals[i].driver, driver) == 0)
			return &refusals[i];
	return NULL;
}

bool kernel_refusal_matches(const struct kernel_refusal *r, const union sriov_scalar *v)
{
	switch (r->when) {
	case KERNEL_REFUSES_NONZERO:
		return v->u != 0;
	case KERNEL_REFUSES_8021AD:
		return v->enum_index == KERNEL_PROTO_8021AD;
	default:
		return true;
	}
}

bool kernel_driver_known(const char *driver)
{
	for (size_t i = 0; i < sizeof(known_drivers) / sizeof(known_drivers[0]); i++)
		if (strcmp(known_drivers[i], driver) == 0)
			return true;
	return false;
}

const char *sriov_kernel_known_refusal(const char *driver, const char *name, char *buf,
				       size_t len)
{
	const struct kernel_refusal *r = kernel_refusal_find(driver, kernel_key_of(name));
	static const char *const when_text[] = {
		[KERNEL_REFUSES_ANY] = "",
		[KERNEL_REFUSES_NONZERO] = " values other than 0",
		[KERNEL_REFUSES_8021AD] = " 802.1ad",
	};

	if (!r)
		return NULL;
	snprintf(buf, len, "%s refuses%s: %s (%s; %s)", driver, when_text[r->when],
		 strerror(-r->error), r->why, r->source);
	return buf;
}

bool sriov_kernel_driver_known(const char *driver)
{
	return kernel_driver_known(driver);
}
