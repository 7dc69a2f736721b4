/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PF and VF status as JSON (iovctl -L and more): configured and live
 * values by key, PCI addresses, driver, link, counters, lease. A value the
 * backend cannot know is absent, never false or 0 (freebsd-iovctl.md §1.8).
 */
#ifndef SRIOV_STATUS_JSON_H
#define SRIOV_STATUS_JSON_H

#include <jansson.h>

#include "daemon.h"

/* Names of the counters in sriovd_vf_stat order ("rx_bytes", ...). */
extern const char *const sriovd_stat_names[SRIOV_STAT_COUNT];

/* Object {key: value} of a live row's known values. */
json_t *sriovd_live_row_json(const struct sriov_live *live, enum sriov_section sec, uint16_t vf);
/* One VF; @live read by the caller. */
json_t *sriovd_vf_json(const struct sriovd *d, const struct sriovd_pf *pf,
		       const struct sriov_live *live, uint16_t vf);
/* One PF with its VFs; reads the live state. On a read error the object
 * carries "error" instead of values. */
json_t *sriovd_pf_json(const struct sriovd *d, const struct sriovd_pf *pf);
/* The schema of a backend: {"driver", "pf":[...], "vf":[...]}. */
json_t *sriovd_schema_json(const struct sriov_backend *be);

#endif
