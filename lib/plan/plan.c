/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The planner: desired (resolved config) vs live -> ordered changes.
 * Order: PF driver keys, then num_vfs, then every VF's keys in VF and schema
 * order, so a backend sees a VF's count settled before its attributes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sriov/backend.h>
#include <sriov/plan.h>

static bool scalar_equal(const struct sriov_param *p, const union sriov_scalar *a,
			 const union sriov_scalar *b)
{
	switch (p->type) {
	case SRIOV_TYPE_BOOL:
		return a->b == b->b;
	case SRIOV_TYPE_STRING:
		return strcmp(a->s ? a->s : "", b->s ? b->s : "") == 0;
	case SRIOV_TYPE_UNICAST_MAC:
		return memcmp(a->mac, b->mac, SRIOV_MAC_LEN) == 0;
	case SRIOV_TYPE_VLAN:
		return a->vlan.trunk == b->vlan.trunk && (a->vlan.trunk || a->vlan.id == b->vlan.id);
	case SRIOV_TYPE_ENUM:
		return a->enum_index == b->enum_index;
	default:
		return a->u == b->u;
	}
}

static int default_mode(const struct sriov_change *c)
{
	if (c->section == SRIOV_SECTION_PF && strcmp(c->p->name, "num_vfs") == 0)
		return SRIOV_CHANGE_DISRUPTIVE;
	return SRIOV_CHANGE_LIVE;
}

static struct sriov_plan *plan_new(const struct sriov_schema *schema)
{
	struct sriov_plan *plan = calloc(1, sizeof(*plan));

	if (plan)
		plan->schema = *schema;
	return plan;
}

/* Classifies @c with the backend and appends it. */
static int plan_add(struct sriov_plan *plan, const struct sriov_backend *be,
		    struct sriov_change *c, struct sriov_error *err)
{
	int mode = be && be->ops && be->ops->change_mode ? be->ops->change_mode(c) : default_mode(c);
	char text[160];

	if (mode < 0) {
		sriov_change_format(c, text, sizeof(text));
		return sriov_error_set(err, mode, "%s: the %s backend cannot make this change",
				       text, be->name);
	}
	c->mode = (enum sriov_change_mode)mode;
	if (plan->n == plan->cap) {
		size_t cap = plan->cap ? plan->cap * 2 : 16;
		struct sriov_change *v = realloc(plan->changes, cap * sizeof(*v));

		if (!v)
			return sriov_error_set(err, -ENOMEM, "out of memory while planning");
		plan->changes = v;
		plan->cap = cap;
	}
	plan->changes[plan->n++] = *c;
	return 0;
}

/* A change of one key, old value from @live (or unknown). */
static void change_init(struct sriov_change *c, const struct sriov_live *live,
			enum sriov_section sec, uint16_t vf, size_t param,
			const union sriov_scalar *new_value)
{
	const union sriov_scalar *old = sriov_live_get(live, sec, vf, param);

	memset(c, 0, sizeof(*c));
	c->section = sec;
	c->vf = vf;
	c->param = param;
	c->p = sriov_schema_param(&live->schema, sec, param);
	c->old_present = old != NULL;
	if (old)
		c->old_value = *old;
	c->new_value = *new_value;
}

static int plan_pf_keys(struct sriov_plan *plan, const struct sriov_backend *be,
			const struct sriov_resolved *want, const struct sriov_live *live,
			struct sriov_error *err)
{
	for (size_t i = sriov_schema_generic_count(SRIOV_SECTION_PF); i < want->n_pf; i++) {
		const struct sriov_value *w = &want->pf[i];
		struct sriov_change c;
		int rc;

		if (w->origin == SRIOV_ORIGIN_UNSET)
			continue;
		change_init(&c, live, SRIOV_SECTION_PF, 0, i, &w->v);
		if (c.old_present && scalar_equal(c.p, &c.old_value, &c.new_value))
			continue;
		snprintf(c.why, sizeof(c.why), "%s", c.old_present ? "PF setting differs"
								   : "live value unknown");
		if ((rc = plan_add(plan, be, &c, err)))
			return rc;
	}
	return 0;
}

static int plan_num_vfs(struct sriov_plan *plan, const struct sriov_backend *be,
			const struct sriov_live *live, uint16_t want, bool *disruptive,
			struct sriov_error *err)
{
	int idx = sriov_schema_find(&live->schema, SRIOV_SECTION_PF, "num_vfs");
	struct sriov_change c = { .section = SRIOV_SECTION_PF };
	int rc;

	*disruptive = false;
	if (idx < 0)
		return sriov_error_set(err, -EINVAL, "schema has no num_vfs");
	if (want == live->num_vfs)
		return 0;
	c.param = (size_t)idx;
	c.p = sriov_schema_param(&live->schema, SRIOV_SECTION_PF, c.param);
	c.old_present = true;
	c.old_value.u = live->num_vfs;
	c.new_value.u = want;
	snprintf(c.why, sizeof(c.why), want > live->num_vfs ? "more VFs wanted" :
		 want ? "fewer VFs wanted" : "VFs deleted");
	if ((rc = plan_add(plan, be, &c, err)))
		return rc;
	*disruptive = plan->changes[plan->n - 1].mode == SRIOV_CHANGE_DISRUPTIVE;
	return 0;
}

static int plan_vf_keys(struct sriov_plan *plan, const struct sriov_backend *be,
			const struct sriov_resolved *want, const struct sriov_live *live,
			bool recreated, struct sriov_error *err)
{
	for (uint16_t vf = 0; vf < want->num_vfs; vf++) {
		bool fresh = recreated || vf >= live->num_vfs;

		for (size_t i = 0; i < want->n_vf; i++) {
			const struct sriov_value *w = &want->vf[(size_t)vf * want->n_vf + i];
			struct sriov_change c;
			int rc;

			if (w->origin == SRIOV_ORIGIN_UNSET)
				continue;
			if (fresh) {
				memset(&c, 0, sizeof(c));
				c.section = SRIOV_SECTION_VF;
				c.vf = vf;
				c.param = i;
				c.p = sriov_schema_param(&live->schema, SRIOV_SECTION_VF, i);
				c.new_value = w->v;
				c.fresh_vf = true;
				snprintf(c.why, sizeof(c.why), "new VF");
			} else {
				change_init(&c, live, SRIOV_SECTION_VF, vf, i, &w->v);
				if (c.old_present && scalar_equal(c.p, &c.old_value, &c.new_value))
					continue;
				snprintf(c.why, sizeof(c.why), "%s", c.old_present ?
					 "value differs" : "live value unknown");
			}
			if ((rc = plan_add(plan, be, &c, err)))
				return rc;
		}
	}
	return 0;
}

int sriov_plan_build(const struct sriov_backend *be, const struct sriov_resolved *want,
		     const struct sriov_live *live, struct sriov_plan **out,
		     struct sriov_error *err)
{
	struct sriov_plan *plan;
	bool recreated;
	int rc;

	*out = NULL;
	if (want->schema.driver != live->schema.driver || want->n_vf != live->n_vf ||
	    want->n_pf != live->n_pf)
		return sriov_error_set(err, -EINVAL, "configuration and device use different schemas");
	plan = plan_new(&live->schema);
	if (!plan)
		return sriov_error_set(err, -ENOMEM, "out of memory while planning");
	rc = plan_pf_keys(plan, be, want, live, err);
	if (!rc)
		rc = plan_num_vfs(plan, be, live, want->num_vfs, &recreated, err);
	if (!rc)
		rc = plan_vf_keys(plan, be, want, live, recreated, err);
	if (rc) {
		sriov_plan_free(plan);
		return rc;
	}
	*out = plan;
	return 0;
}

int sriov_plan_delete(const struct sriov_backend *be, const struct sriov_live *live,
		      struct sriov_plan **out)
{
	struct sriov_plan *plan = plan_new(&live->schema);
	bool recreated;
	int rc;

	*out = NULL;
	if (!plan)
		return -ENOMEM;
	rc = plan_num_vfs(plan, be, live, 0, &recreated, NULL);
	if (rc) {
		sriov_plan_free(plan);
		return rc;
	}
	*out = plan;
	return 0;
}

void sriov_plan_free(struct sriov_plan *plan)
{
	if (!plan)
		return;
	free(plan->changes);
	free(plan);
}

int sriov_change_format(const struct sriov_change *c, char *buf, size_t len)
{
	char old[64], new[64], who[16];
	int n;

	if (!c->old_present)
		snprintf(old, sizeof(old), c->fresh_vf ? "(new)" : "(unknown)");
	else if (sriov_scalar_format(c->p, &c->old_value, old, sizeof(old)))
		snprintf(old, sizeof(old), "(too long)");
	if (sriov_scalar_format(c->p, &c->new_value, new, sizeof(new)))
		snprintf(new, sizeof(new), "(too long)");
	if (c->section == SRIOV_SECTION_PF)
		snprintf(who, sizeof(who), "PF");
	else
		snprintf(who, sizeof(who), "VF-%u", c->vf);
	n = snprintf(buf, len, "%s %s: %s -> %s (%s; %s)", who, c->p->name, old, new,
		     c->mode == SRIOV_CHANGE_DISRUPTIVE ? "disruptive" : "live", c->why);
	return (n < 0 || (size_t)n >= len) ? -ENOSPC : 0;
}
