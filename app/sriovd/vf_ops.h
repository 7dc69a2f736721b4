/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-VF changes made at run time (API set and reset, the CNI shim's
 * use). A set goes through the same plan/apply path as a file, checked in
 * full before the first change; it lasts until the next reload re-applies
 * the files.
 */
#ifndef SRIOVD_VF_OPS_H
#define SRIOVD_VF_OPS_H

#include <jansson.h>

#include "daemon.h"
#include "report.h"

/* Sets the VF keys of object @attrs on VF @vf. 0; -EINVAL (a key or value
 * is wrong: @rep says which), -ENOENT (no such VF), -EBUSY (disruptive),
 * or the backend's errno (the VF is rolled back). *changes: steps run. */
int sriovd_vf_set(struct sriovd *d, struct sriovd_pf *pf, uint16_t vf, const json_t *attrs,
		  struct sriovd_report *rep, size_t *changes);
/* Resets one VF through the backend extension; -EOPNOTSUPP without one. */
int sriovd_vf_reset(struct sriovd *d, struct sriovd_pf *pf, uint16_t vf, struct sriovd_report *rep);

#endif
