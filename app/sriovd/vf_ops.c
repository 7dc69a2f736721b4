/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scalar_json.h"
#include "vf_ops.h"

static bool same_value(const struct sriov_param *p, const union sriov_scalar *a,
		       const union sriov_scalar *b)
{
	char x[128], y[128];

	if (sriov_scalar_format(p, a, x, sizeof(x)) || sriov_scalar_format(p, b, y, sizeof(y)))
		return false;
	return strcmp(x, y) == 0;
}

/* Fills @plan with one change per attribute that differs from @live. */
static int build(const struct sriovd_pf *pf, const struct sriov_live *live, uint16_t vf,
		 const json_t *attrs, struct sriov_plan *plan, struct sriovd_report *rep)
{
	char where[SRIOVD_NAME_MAX + 16], why[256];
	const char *key;
	json_t *val;

	snprintf(where, sizeof(where), "%s VF-%u", pf->device, vf);
	plan->changes = calloc(json_object_size(attrs) + 1, sizeof(*plan->changes));
	if (!plan->changes)
		return -ENOMEM;
	plan->cap = json_object_size(attrs) + 1;
	json_object_foreach((json_t *)attrs, key, val) {
		int i = sriov_schema_find(&live->schema, SRIOV_SECTION_VF, key);
		const union sriov_scalar *old;
		struct sriov_change *c;
		union sriov_scalar v;
		int mode;

		if (i < 0) {
			sriovd_report_add(rep, key, "%s has no VF key '%s' (GET /v1/pfs/%s/schema "
					  "lists them)", where, key, pf->device);
			continue;
		}
		if (sriovd_scalar_from_json(sriov_schema_param(&live->schema, SRIOV_SECTION_VF,
							       (size_t)i), val, &v, why, sizeof(why))) {
			sriovd_report_add(rep, key, "%s", why);
			continue;
		}
		c = &plan->changes[plan->n];
		memset(c, 0, sizeof(*c));
		c->section = SRIOV_SECTION_VF;
		c->vf = vf;
		c->param = (size_t)i;
		c->p = sriov_schema_param(&live->schema, SRIOV_SECTION_VF, (size_t)i);
		old = sriov_live_get(live, SRIOV_SECTION_VF, vf, (size_t)i);
		if (old && same_value(c->p, old, &v))
			continue;
		c->old_present = old != NULL;
		if (old)
			c->old_value = *old;
		c->new_value = v;
		snprintf(c->why, sizeof(c->why), "set through the API");
		mode = pf->be->ops->change_mode ? pf->be->ops->change_mode(c) : SRIOV_CHANGE_LIVE;
		if (mode < 0) {
			sriovd_report_add(rep, key, "%s: the %s backend cannot change %s", where,
					  pf->be->name, key);
			continue;
		}
		if (mode == SRIOV_CHANGE_DISRUPTIVE) {
			sriovd_report_add(rep, key, "%s: changing %s would recreate every VF; "
					  "change it in %s and reload", where, key,
					  pf->file ? pf->file : "the configuration");
			continue;
		}
		c->mode = SRIOV_CHANGE_LIVE;
		plan->n++;
	}
	return 0;
}

int sriovd_vf_set(struct sriovd *d, struct sriovd_pf *pf, uint16_t vf, const json_t *attrs,
		  struct sriovd_report *rep, size_t *changes)
{
	struct sriov_error err = { 0 };
	struct sriov_apply_result res;
	struct sriov_live *live = NULL;
	struct sriov_plan plan;
	size_t before = rep->n;
	int rc;

	(void)d;
	*changes = 0;
	if (!json_is_object(attrs)) {
		sriovd_report_add(rep, "body", "expected a JSON object of VF keys and values");
		return -EINVAL;
	}
	rc = sriovd_pf_live(pf, &live, &err);
	if (rc) {
		sriovd_report_add(rep, pf->device, "cannot read the live state: %s", err.message);
		return rc;
	}
	if (vf >= live->num_vfs) {
		sriovd_report_add(rep, pf->device, "no VF-%u: the PF has %u VFs", vf, live->num_vfs);
		sriov_live_free(live);
		return -ENOENT;
	}
	memset(&plan, 0, sizeof(plan));
	plan.schema = live->schema;
	rc = build(pf, live, vf, attrs, &plan, rep);
	if (rc == 0 && rep->n > before)
		rc = -EINVAL;
	if (rc == 0 && plan.n) {
		memset(&res, 0, sizeof(res));
		rc = sriov_apply(pf->be, pf->handle, &plan, live, &res);
		if (rc)
			sriovd_report_add(rep, pf->device, "%s%s", res.error.message,
					  res.undo_failures ? "; rollback failed" : "; rolled back");
	}
	if (rc == 0)
		*changes = plan.n;
	free(plan.changes);
	sriov_live_free(live);
	return rc;
}

int sriovd_vf_reset(struct sriovd *d, struct sriovd_pf *pf, uint16_t vf, struct sriovd_report *rep)
{
	struct sriov_error err = { 0 };
	struct sriov_live *live = NULL;
	int rc;

	(void)d;
	if (!pf->ext || !pf->ext->reset_vf) {
		sriovd_report_add(rep, pf->device, "the %s backend offers no per-VF reset",
				  pf->be->name);
		return -EOPNOTSUPP;
	}
	rc = sriovd_pf_live(pf, &live, &err);
	if (rc == 0 && vf >= live->num_vfs) {
		sriovd_report_add(rep, pf->device, "no VF-%u: the PF has %u VFs", vf, live->num_vfs);
		rc = -ENOENT;
	} else if (rc == 0 && (rc = pf->ext->reset_vf(pf->handle, vf, &err))) {
		sriovd_report_add(rep, pf->device, "VF-%u reset failed: %s", vf, err.message);
	} else if (rc) {
		sriovd_report_add(rep, pf->device, "cannot read the live state: %s", err.message);
	}
	sriov_live_free(live);
	return rc;
}
