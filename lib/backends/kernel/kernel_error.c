/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Turns an errno into the sentence a person needs: which driver refused
 * which key and value on which VF, and the likely cause when one is known
 * (the driver table, a PF link that is down, a count that must go through 0).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kernel_driver_table.h"
#include "kernel_error.h"

/* The errnos with which PF drivers and the PCI core say "no" (kernel-vm.md). */
static const int refusal_errors[] = { -EOPNOTSUPP, -EINVAL, -EPROTONOSUPPORT, -ERANGE, -EBUSY };

bool kernel_error_is_refusal(int error)
{
	for (size_t i = 0; i < sizeof(refusal_errors) / sizeof(refusal_errors[0]); i++)
		if (refusal_errors[i] == error)
			return true;
	return false;
}

/* The known cause of @f, or "" . */
static void cause(const struct kernel_failure *f, char *buf, size_t len)
{
	const struct kernel_refusal *r = kernel_refusal_find(f->driver, f->kkey);
	bool rate = f->kkey == KERNEL_KEY_MAX_RATE || f->kkey == KERNEL_KEY_MIN_RATE;

	buf[0] = '\0';
	if (rate && f->error == -EINVAL && f->pf_link_down) {
		/* Short: sriov_apply() keeps 120 characters of a step's message. */
		snprintf(buf, len, " (PF link %s is down; %s sets VF rates only with link up)",
			 f->pf_ifname, f->driver);
	} else if (r && r->error == f->error && f->raw && kernel_refusal_matches(r, f->raw)) {
		snprintf(buf, len, " (%s)", r->why);
	} else if (f->kkey == KERNEL_KEY_NUM_VFS && f->error == -EBUSY) {
		snprintf(buf, len, " (VFs are enabled: the count must go through 0)");
	} else if (f->kkey == KERNEL_KEY_NUM_VFS && f->error == -ERANGE) {
		snprintf(buf, len, " (sriov_totalvfs is %u)", f->total_vfs);
	} else if (f->kkey == KERNEL_KEY_NUM_VFS && f->error == -ENOENT) {
		snprintf(buf, len, " (%s cannot create VFs)", f->driver);
	}
}

int kernel_error_format(const struct kernel_failure *f, char *buf, size_t len)
{
	char where[32] = "", why[192];
	int n;

	if (f->vf >= 0)
		snprintf(where, sizeof(where), " on VF-%d", f->vf);
	cause(f, why, sizeof(why));
	if (kernel_error_is_refusal(f->error))
		n = snprintf(buf, len, "%s refuses %s %s%s: %s%s", f->driver, f->key, f->value,
			     where, strerror(-f->error), why);
	else
		n = snprintf(buf, len, "setting %s %s%s through %s failed: %s%s", f->key, f->value,
			     where, f->driver, strerror(-f->error), why);
	return (n < 0 || (size_t)n >= len) ? -ENOSPC : 0;
}
