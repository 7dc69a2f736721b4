/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sriovctl -L: the status of PFs and their VFs, iovctl -L's layout
 * (freebsd-iovctl.md §1.8) and more (MAC, policy, link, queues, counters,
 * virtchnl version). Both sources give one document, the shape of sriovd's
 * GET /v1/pfs (doc/api.md): sriovd's answer, or the same built here from a
 * PF this process opened read-only, with sriovd's own status code.
 */
#ifndef SRIOVCTL_STATUS_LIST_H
#define SRIOVCTL_STATUS_LIST_H

#include <stdio.h>

#include <jansson.h>

#include <sriov/backend.h>

/* One PF object like GET /v1/pfs/{pf}, from a handle this process holds;
 * @description may be NULL. NULL on ENOMEM. */
json_t *status_pf_local(const struct sriov_backend *be, void *handle, const char *device,
			const char *description);

/* Prints {"pfs": [...]} as text; @reg names mailbox opcodes. */
void status_print(FILE *out, const json_t *doc, const struct sriov_registry *reg);

#endif
