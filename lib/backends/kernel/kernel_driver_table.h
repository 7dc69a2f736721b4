/* SPDX-License-Identifier: BSD-2-Clause */
/* What each PF driver is known to refuse, per key (for -S and for errors). */
#ifndef KERNEL_DRIVER_TABLE_H
#define KERNEL_DRIVER_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include <sriov/schema.h>

#include "kernel_keys.h"

enum kernel_refusal_when {
	KERNEL_REFUSES_ANY,        /* every value, even the kernel's default */
	KERNEL_REFUSES_NONZERO,    /* any value but 0 */
	KERNEL_REFUSES_8021AD,     /* vlan-proto 802.1ad */
};

struct kernel_refusal {
	const char *driver;
	enum kernel_key key;
	enum kernel_refusal_when when;
	int error;                 /* negative errno the driver returns */
	const char *why;           /* "no VF link-state control" */
	const char *source;        /* where the fact comes from */
};

/* The refusal of @driver for @key, or NULL when none is known. */
const struct kernel_refusal *kernel_refusal_find(const char *driver, enum kernel_key key);
/* Whether @r applies to value @v of @key. */
bool kernel_refusal_matches(const struct kernel_refusal *r, const union sriov_scalar *v);
/* Whether the table knows @driver at all. */
bool kernel_driver_known(const char *driver);

/* Whether @driver fills IFLA_VF_STATS (has ndo_get_vf_stats). Without it the
 * kernel still sends every counter, as 0 (net/core/rtnetlink.c
 * rtnl_fill_vfinfo), so those zeros must not be shown. Unknown: true. */
bool kernel_driver_has_vf_stats(const char *driver);

#endif
