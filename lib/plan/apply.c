/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Transactional apply: every step's undo is recorded before the step runs;
 * the first failure undoes what was done, newest first, and says which
 * step failed and why.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sriov/backend.h>
#include <sriov/plan.h>

/* The undo of one step: changes run in order. `unknown` marks a step whose
 * previous value nobody knew, so it cannot be restored. */
struct undo_group {
	struct sriov_change *changes;
	size_t n;
	bool unknown;
	size_t step;
};

struct journal {
	struct undo_group *groups;
	size_t n;
};

static int group_add(struct undo_group *g, const struct sriov_change *c)
{
	struct sriov_change *v = realloc(g->changes, (g->n + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	g->changes = v;
	g->changes[g->n++] = *c;
	return 0;
}

/* The count goes back, then every known value of the VFs that go away (all
 * of them when the change recreates every VF) comes back. */
static int record_num_vfs_undo(struct undo_group *g, const struct sriov_change *c,
			       const struct sriov_live *live)
{
	struct sriov_change inv = *c;
	uint16_t first = c->mode == SRIOV_CHANGE_DISRUPTIVE ? 0 : (uint16_t)c->new_value.u;
	int rc;

	inv.old_value = c->new_value;
	inv.new_value = c->old_value;
	snprintf(inv.why, sizeof(inv.why), "rollback");
	if ((rc = group_add(g, &inv)))
		return rc;
	for (uint16_t vf = first; vf < live->num_vfs && vf < c->old_value.u; vf++)
		for (size_t i = 0; i < live->n_vf; i++) {
			const union sriov_scalar *v = sriov_live_get(live, SRIOV_SECTION_VF, vf, i);
			struct sriov_change r = {
				.section = SRIOV_SECTION_VF, .vf = vf, .param = i,
				.p = sriov_schema_param(&live->schema, SRIOV_SECTION_VF, i),
				.fresh_vf = true, .mode = SRIOV_CHANGE_LIVE,
			};

			if (!v)
				continue;
			r.new_value = *v;
			snprintf(r.why, sizeof(r.why), "rollback: restore VF");
			if ((rc = group_add(g, &r)))
				return rc;
		}
	return 0;
}

static bool is_num_vfs(const struct sriov_change *c)
{
	return c->section == SRIOV_SECTION_PF && strcmp(c->p->name, "num_vfs") == 0;
}

static int record_undo(struct journal *j, size_t step, const struct sriov_change *c,
		       const struct sriov_live *live)
{
	struct undo_group g = { .step = step };
	struct undo_group *v;
	int rc = 0;

	if (is_num_vfs(c)) {
		rc = record_num_vfs_undo(&g, c, live);
	} else if (c->old_present) {
		struct sriov_change inv = *c;

		inv.old_value = c->new_value;
		inv.new_value = c->old_value;
		snprintf(inv.why, sizeof(inv.why), "rollback");
		rc = group_add(&g, &inv);
	} else if (!c->fresh_vf) {
		g.unknown = true;   /* a fresh VF's undo is its count's undo */
	}
	if (rc) {
		free(g.changes);
		return rc;
	}
	v = realloc(j->groups, (j->n + 1) * sizeof(*v));
	if (!v) {
		free(g.changes);
		return -ENOMEM;
	}
	j->groups = v;
	j->groups[j->n++] = g;
	return 0;
}

static void note_undo_failure(struct sriov_apply_result *res, const struct sriov_error *e)
{
	if (res->undo_failures++ == 0)
		res->undo_error = *e;
}

static void rollback(const struct sriov_backend *be, void *handle, struct journal *j,
		     const struct sriov_plan *plan, struct sriov_apply_result *res)
{
	for (size_t k = j->n; k-- > 0;) {
		const struct undo_group *g = &j->groups[k];
		char text[160];

		if (g->unknown) {
			struct sriov_error e;

			sriov_change_format(&plan->changes[g->step], text, sizeof(text));
			sriov_error_set(&e, -ENODATA, "cannot undo step %zu (%s): previous value unknown",
					g->step + 1, text);
			note_undo_failure(res, &e);
			continue;
		}
		for (size_t i = 0; i < g->n; i++) {
			struct sriov_error e = { 0 }, why;
			int rc = be->ops->apply_change(handle, &g->changes[i], &e);

			if (rc) {
				sriov_change_format(&g->changes[i], text, sizeof(text));
				sriov_error_set(&why, rc, "undo of step %zu (%s) failed: %.120s",
						g->step + 1, text, e.code ? e.message : strerror(-rc));
				note_undo_failure(res, &why);
			}
		}
	}
}

static void journal_free(struct journal *j)
{
	for (size_t i = 0; i < j->n; i++)
		free(j->groups[i].changes);
	free(j->groups);
}

static int run_steps(const struct sriov_backend *be, void *handle, const struct sriov_plan *plan,
		     const struct sriov_live *live, struct journal *j,
		     struct sriov_apply_result *res)
{
	for (size_t i = 0; i < plan->n; i++) {
		const struct sriov_change *c = &plan->changes[i];
		struct sriov_error e = { 0 };
		char text[160];
		int rc = record_undo(j, i, c, live);

		if (!rc)
			rc = be->ops->apply_change(handle, c, &e);
		if (rc) {
			/* The backend left the failed step's key as it was: nothing to undo there. */
			if (j->n > i)
				free(j->groups[--j->n].changes);
			sriov_change_format(c, text, sizeof(text));
			if (!e.code)
				sriov_error_set(&e, rc, "%s", strerror(-rc));
			res->failed = true;
			res->failed_step = i;
			sriov_error_set(&res->error, rc, "step %zu of %zu (%s) failed: %.120s",
					i + 1, plan->n, text, e.message);
			return rc;
		}
		res->steps_done++;
	}
	return 0;
}

int sriov_apply(const struct sriov_backend *be, void *handle, const struct sriov_plan *plan,
		const struct sriov_live *live, struct sriov_apply_result *res)
{
	struct journal j = { 0 };
	struct sriov_error e = { 0 };
	int rc;

	memset(res, 0, sizeof(*res));
	if (!be->ops || !be->ops->apply_change)
		return sriov_error_set(&res->error, -ENOTSUP,
				       "the %s backend cannot change devices", be->name);
	if (plan->n == 0)
		return 0;
	rc = run_steps(be, handle, plan, live, &j, res);
	if (!rc && be->ops->commit && (rc = be->ops->commit(handle, &e))) {
		res->failed = true;
		res->commit_failed = true;
		sriov_error_set(&res->error, rc, "commit after %zu steps failed: %.180s", plan->n,
				e.code ? e.message : strerror(-rc));
	}
	if (rc) {
		rollback(be, handle, &j, plan, res);
		if (be->ops->commit && be->ops->commit(handle, &e))
			note_undo_failure(res, &e);
	}
	journal_free(&j);
	return rc;
}
