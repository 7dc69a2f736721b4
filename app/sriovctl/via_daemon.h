/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * -C, -D, -n, -S and -L through a running sriovd, printed as sriovctl alone
 * prints them and with the same exit statuses: sriovd owns the PFs then,
 * so the plan is made and applied there (doc/api.md).
 */
#ifndef SRIOVCTL_VIA_DAEMON_H
#define SRIOVCTL_VIA_DAEMON_H

#include <stdbool.h>

#include <sriov/backend.h>

#include "daemon_link.h"

/* What an action returns beside 0/1: sriovd does not manage that PF
 * (under that name), so the caller works alone. */
#define VIA_DAEMON_NOT_MANAGED 2

/* -C -f FILE [-n] [-j]: the file's text goes to POST /v1/plan or /v1/apply. */
int via_daemon_configure(struct daemon_link *l, const char *file, bool dry_run, bool json_out);
/* -D [-n]: DELETE /v1/pfs/DEVICE/vfs. */
int via_daemon_delete(struct daemon_link *l, const char *device, bool dry_run);
/* -S [-j]: the schema of the backend sriovd drives DEVICE with. */
int via_daemon_schema(struct daemon_link *l, const char *device,
		      const struct sriov_registry *reg, bool json_out);
/* -L [-j]: one PF, or (DEVICE NULL) every PF sriovd manages. */
int via_daemon_list(struct daemon_link *l, const char *device,
		    const struct sriov_registry *reg, bool json_out);

#endif
