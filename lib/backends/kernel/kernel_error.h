/* SPDX-License-Identifier: BSD-2-Clause */
/* A failed sysfs write or netlink request, told per key with the PF driver's name. */
#ifndef KERNEL_ERROR_H
#define KERNEL_ERROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sriov/schema.h>

#include "kernel_keys.h"

struct kernel_failure {
	const char *driver;        /* PF driver: "igb" */
	const char *key;           /* schema key: "link-state" */
	enum kernel_key kkey;
	const char *value;         /* the value asked for, as in a config file */
	const union sriov_scalar *raw;   /* the same, typed (for the driver table) */
	int vf;                    /* VF number, -1 for the PF */
	int error;                 /* negative errno */
	bool pf_link_down;
	const char *pf_ifname;
	uint32_t total_vfs;
};

/* Whether @error is a driver saying no (rather than the system failing). */
bool kernel_error_is_refusal(int error);
/* "igb refuses link-state disable on VF-0: Operation not supported (igb has
 * no VF link-state control)". 0 or -ENOSPC (truncated). */
int kernel_error_format(const struct kernel_failure *f, char *buf, size_t len);

#endif
