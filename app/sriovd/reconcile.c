/* SPDX-License-Identifier: BSD-2-Clause */
/* Validate everything, then apply everything, then (only then) install. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <time.h>

#include "plan_json.h"
#include "reconcile.h"
#include "state_file.h"
#include "status_json.h"
#include "uuid.h"

static void diags_to_report(const struct sriov_conf *conf, struct sriovd_report *rep,
			    const struct sriovd *d)
{
	for (size_t i = 0; i < sriov_conf_diag_count(conf); i++) {
		const struct sriov_diag *g = sriov_conf_diag(conf, i);
		char where[PATH_MAX + 32];

		if (g->line)
			snprintf(where, sizeof(where), "%s:%u:%u", g->file, g->line, g->column);
		else
			snprintf(where, sizeof(where), "%s", g->file);
		if (g->severity == SRIOV_SEVERITY_ERROR)
			sriovd_report_add(rep, where, "%s", g->message);
		else
			sriovd_log(d, LOG_WARNING, "%s: warning: %s", where, g->message);
	}
}

/* Opens (or adopts) @device with the first backend that claims it. */
static int open_pf(struct sriovd *d, struct sriovd_desired_pf *x, struct sriovd_report *rep)
{
	const struct sriovd_state_pf *prev = d->prev ? sriovd_state_find(d->prev, x->device) : NULL;
	int last = -ENODEV;

	for (size_t i = 0; i < sriov_registry_count(d->reg); i++) {
		const struct sriov_backend *be = sriov_registry_at(d->reg, i);
		const struct sriovd_backend_ext *ext = sriovd_ext_find(d->ext, be->name);
		struct sriov_error err = { 0 };
		int rc = 0;

		if (!be->ops || !be->ops->open)
			continue;
		if (prev && strcasecmp(prev->backend, be->name) == 0 && ext && ext->open_ex) {
			struct sriov_open_args a = { .flags = d->open_flags, .fds = d->fds,
						     .adopt = true, .vf_token = prev->vf_token };
			struct sriov_live *applied = NULL;

			rc = sriovd_state_pf_live(prev, be, &applied, err.message,
						  sizeof(err.message));
			a.applied = applied;
			if (rc == 0)
				rc = ext->open_ex(x->device, &a, &x->new_handle, &err);
			sriov_live_free(applied);
			if (rc == 0) {
				x->adopted = true;
				snprintf(x->vf_token, sizeof(x->vf_token), "%s", prev->vf_token);
				sriovd_log(d, LOG_NOTICE, "%s: adopted as it runs (no PF or VF "
					   "reset)", x->device);
			} else {
				x->new_handle = NULL;
				sriovd_log(d, LOG_WARNING, "%s: cannot adopt (%s); opening it afresh",
					   x->device, err.message[0] ? err.message : strerror(-rc));
				err = (struct sriov_error){ 0 };
			}
		}
		if (!x->adopted && ext && ext->open_ex) {
			struct sriov_open_args a = { .flags = d->open_flags, .fds = d->fds };

			rc = ext->open_ex(x->device, &a, &x->new_handle, &err);
		} else if (!x->adopted) {
			rc = be->ops->open(x->device, d->open_flags, &x->new_handle, &err);
		}
		if (rc == -ENODEV || rc == -ENOTSUP) {
			last = last == -ENODEV ? rc : last;
			continue;
		}
		if (rc) {
			sriovd_report_add(rep, x->file, "cannot open PF '%s' with backend %s: %s",
					  x->device, be->name,
					  err.message[0] ? err.message : strerror(-rc));
			return rc;
		}
		x->be = be;
		x->ext = ext;
		if (!x->adopted) {
			if (prev && sriovd_uuid_valid(prev->vf_token))
				snprintf(x->vf_token, sizeof(x->vf_token), "%s", prev->vf_token);
			else if ((rc = sriovd_uuid_random(x->vf_token, sizeof(x->vf_token))))
				return rc;
			if (ext && ext->set_vf_token &&
			    (rc = ext->set_vf_token(x->new_handle, x->vf_token, &err))) {
				sriovd_report_add(rep, x->file, "PF '%s': cannot set the VF token: %s",
						  x->device, err.message);
				return rc;
			}
		}
		return 0;
	}
	sriovd_report_add(rep, x->file, "no backend can reach PF '%s'%s", x->device,
			  last == -ENOTSUP ? " (a device exists but no backend drives it)" : "");
	return last;
}

/* An adopted PF should still hold what the state file says we applied;
 * anything else changed behind sriovd's back (the plan puts it right). */
static void count_drift(struct sriovd *d, const struct sriovd_desired_pf *x)
{
	const struct sriovd_state_pf *prev = d->prev ? sriovd_state_find(d->prev, x->device) : NULL;

	if (!prev || !x->adopted)
		return;
	if (prev->num_vfs != x->live->num_vfs) {
		sriovd_log(d, LOG_WARNING, "%s: drift: %u VFs, the state file says %u", x->device,
			   x->live->num_vfs, prev->num_vfs);
		d->count.drift_items++;
		return;
	}
	for (uint16_t vf = 0; vf < x->live->num_vfs; vf++) {
		json_t *now = sriovd_live_row_json(x->live, SRIOV_SECTION_VF, vf);
		json_t *then = json_array_get(prev->vfs, vf);
		const char *key;
		json_t *v;

		json_object_foreach(then, key, v) {
			if (json_equal(v, json_object_get(now, key)))
				continue;
			sriovd_log(d, LOG_WARNING, "%s: drift: VF-%u %s changed while sriovd was down",
				   x->device, vf, key);
			d->count.drift_items++;
		}
		json_decref(now);
	}
}

/* Parses, resolves and plans one file; problems go to @rep. */
static int prepare(struct sriovd *d, struct sriovd_desired_pf *x, struct sriovd_report *rep)
{
	struct sriov_error err = { 0 };
	struct sriov_schema schema;
	struct sriovd_pf *pf;
	void *handle;
	int rc;

	if (sriov_conf_device(x->conf, &x->device)) {
		diags_to_report(x->conf, rep, d);
		return -EINVAL;
	}
	pf = sriovd_pf_find(d, x->device);
	if (pf) {
		x->pf_index = (size_t)(pf - d->pf);
		x->be = pf->be;
		x->ext = pf->ext;
		handle = pf->handle;
		snprintf(x->vf_token, sizeof(x->vf_token), "%s", pf->vf_token);
	} else {
		if ((rc = open_pf(d, x, rep)))
			return rc;
		handle = x->new_handle;
	}
	schema.driver = x->be->schema;
	if (sriov_conf_resolve(x->conf, &schema)) {
		diags_to_report(x->conf, rep, d);
		return -EINVAL;
	}
	diags_to_report(x->conf, rep, d);   /* warnings only */
	rc = x->be->ops->read_live(handle, &schema, &x->live, &err);
	if (rc) {
		sriovd_report_add(rep, x->device, "cannot read the live state: %s",
				  err.message[0] ? err.message : strerror(-rc));
		return rc;
	}
	count_drift(d, x);
	rc = sriov_plan_build(x->be, sriov_conf_resolved(x->conf), x->live, &x->plan, &err);
	if (rc) {
		sriovd_report_add(rep, x->file, "PF '%s': %s", x->device,
				  err.message[0] ? err.message : strerror(-rc));
		return rc;
	}
	return 0;
}

static int desired_add(struct sriovd_desired *des, const char *file, struct sriovd_desired_pf **x)
{
	struct sriovd_desired_pf *v = realloc(des->pf, (des->n + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	des->pf = v;
	*x = &v[des->n];
	memset(*x, 0, sizeof(**x));
	(*x)->pf_index = SIZE_MAX;
	(*x)->file = strdup(file);
	(*x)->conf = sriov_conf_new();
	des->n++;
	return (*x)->file && (*x)->conf ? 0 : -ENOMEM;
}

/* Two files naming one PF would fight; say where both are. */
static void check_duplicates(const struct sriovd_desired *des, struct sriovd_report *rep)
{
	for (size_t i = 0; i < des->n; i++)
		for (size_t j = 0; j < i; j++)
			if (des->pf[i].device && des->pf[j].device &&
			    strcmp(des->pf[i].device, des->pf[j].device) == 0)
				sriovd_report_add(rep, des->pf[i].file,
						  "PF '%s' is already configured by %s",
						  des->pf[i].device, des->pf[j].file);
}

static int finish_load(struct sriovd *d, struct sriovd_desired *des, struct sriovd_report *rep,
		       size_t errors_before)
{
	for (size_t i = 0; i < des->n; i++)
		if (des->pf[i].device && !des->pf[i].plan && rep->n == errors_before)
			sriovd_report_add(rep, des->pf[i].file, "not validated");
	check_duplicates(des, rep);
	if (rep->n > errors_before || rep->oom) {
		sriovd_desired_free(des);
		return rep->oom ? -ENOMEM : -EINVAL;
	}
	(void)d;
	return 0;
}

static int conf_name_filter(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return e->d_name[0] != '.' && n > 5 && strcmp(e->d_name + n - 5, ".conf") == 0;
}

int sriovd_desired_load_dir(struct sriovd *d, const char *dir, struct sriovd_desired *out,
			    struct sriovd_report *rep)
{
	size_t before = rep->n;
	struct dirent **names;
	int n, rc = 0;

	memset(out, 0, sizeof(*out));
	n = scandir(dir, &names, conf_name_filter, alphasort);
	if (n < 0) {
		sriovd_report_add(rep, dir, "cannot read the configuration directory: %s",
				  strerror(errno));
		return -errno;
	}
	for (int i = 0; i < n; i++) {
		struct sriovd_desired_pf *x;
		char path[PATH_MAX];

		if (rc == 0 && snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name) <
			       (int)sizeof(path) && (rc = desired_add(out, path, &x)) == 0) {
			if (sriov_conf_load_file(x->conf, path))
				diags_to_report(x->conf, rep, d);
			else
				prepare(d, x, rep);
		}
		free(names[i]);
	}
	free(names);
	if (rc)
		sriovd_report_add(rep, dir, "%s", strerror(-rc));
	return finish_load(d, out, rep, before);
}

int sriovd_desired_load_buffer(struct sriovd *d, const char *name, const char *buf, size_t len,
			       struct sriovd_desired *out, struct sriovd_report *rep)
{
	size_t before = rep->n;
	struct sriovd_desired_pf *x;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = desired_add(out, name, &x))) {
		sriovd_report_add(rep, name, "%s", strerror(-rc));
		sriovd_desired_free(out);
		return rc;
	}
	if (sriov_conf_load_buffer(x->conf, name, buf, len))
		diags_to_report(x->conf, rep, d);
	else
		prepare(d, x, rep);
	return finish_load(d, out, rep, before);
}

size_t sriovd_desired_changes(const struct sriovd_desired *des)
{
	size_t n = 0;

	for (size_t i = 0; i < des->n; i++)
		n += des->pf[i].plan ? des->pf[i].plan->n : 0;
	return n;
}

static void *handle_of(struct sriovd *d, const struct sriovd_desired_pf *x)
{
	return x->pf_index == SIZE_MAX ? x->new_handle : d->pf[x->pf_index].handle;
}

/* Puts PF @x back the way its previous configuration says. */
static int restore(struct sriovd *d, struct sriovd_desired_pf *x, struct sriovd_report *rep)
{
	const struct sriov_resolved *old = x->pf_index == SIZE_MAX ? NULL : d->pf[x->pf_index].want;
	struct sriov_error err = { 0 };
	struct sriov_apply_result res;
	struct sriov_plan *plan = NULL;
	struct sriov_live *live = NULL;
	struct sriov_schema schema = { x->be->schema };
	void *h = handle_of(d, x);
	int rc;

	if (!old) {
		sriovd_report_add(rep, x->device, "applied, then left as is: no earlier "
				  "configuration to return to");
		return -ENOENT;
	}
	rc = x->be->ops->read_live(h, &schema, &live, &err);
	if (rc == 0)
		rc = sriov_plan_build(x->be, old, live, &plan, &err);
	if (rc == 0) {
		memset(&res, 0, sizeof(res));
		rc = sriov_apply(x->be, h, plan, live, &res);
		err = res.error;
	}
	if (rc)
		sriovd_report_add(rep, x->device, "could not be restored: %s",
				  err.message[0] ? err.message : strerror(-rc));
	sriov_plan_free(plan);
	sriov_live_free(live);
	return rc;
}

/* Moves x's conf (and handle) into the PF table. */
static int install(struct sriovd *d, struct sriovd_desired_pf *x)
{
	struct sriovd_pf *pf;

	if (x->pf_index == SIZE_MAX) {
		pf = realloc(d->pf, (d->n_pf + 1) * sizeof(*pf));
		if (!pf)
			return -ENOMEM;
		d->pf = pf;
		pf = &d->pf[d->n_pf];
		memset(pf, 0, sizeof(*pf));
		pf->device = strdup(x->device);
		if (!pf->device)
			return -ENOMEM;
		d->n_pf++;
		pf->be = x->be;
		pf->ext = x->ext;
		pf->handle = x->new_handle;
		pf->adopted = x->adopted;
		x->new_handle = NULL;
		d->pf_table_changed = true;
	} else {
		pf = &d->pf[x->pf_index];
	}
	sriov_conf_free(pf->conf);
	free(pf->file);
	pf->conf = x->conf;
	pf->want = sriov_conf_resolved(x->conf);
	pf->file = x->file;
	/* conf owns device's storage; keep the table's own copy in sync. */
	snprintf(pf->vf_token, sizeof(pf->vf_token), "%s", x->vf_token);
	x->conf = NULL;
	x->file = NULL;
	return 0;
}

int sriovd_desired_apply(struct sriovd *d, struct sriovd_desired *des, struct sriovd_report *rep)
{
	int rc = 0;
	size_t k;

	for (k = 0; k < des->n; k++) {
		struct sriovd_desired_pf *x = &des->pf[k];
		struct sriov_apply_result res;
		char line[256];

		if (!x->plan->n)
			continue;
		for (size_t i = 0; i < x->plan->n; i++) {
			sriov_change_format(&x->plan->changes[i], line, sizeof(line));
			sriovd_log(d, LOG_INFO, "%s: %s", x->device, line);
		}
		memset(&res, 0, sizeof(res));
		rc = sriov_apply(x->be, handle_of(d, x), x->plan, x->live, &res);
		if (rc) {
			sriovd_report_add(rep, x->device, "%s%s", res.error.message[0] ?
					  res.error.message : strerror(-rc),
					  res.undo_failures ? "; its rollback failed too" :
					  "; this PF was rolled back");
			des->rollback_failed = res.undo_failures > 0;
			break;
		}
		x->applied = true;
	}
	if (rc) {
		for (size_t j = 0; j < k; j++)
			if (des->pf[j].applied && restore(d, &des->pf[j], rep))
				des->rollback_failed = true;
		return rc;
	}
	for (k = 0; k < des->n; k++)
		if ((rc = install(d, &des->pf[k])))
			return rc;
	return 0;
}

void sriovd_desired_free(struct sriovd_desired *des)
{
	for (size_t i = 0; i < des->n; i++) {
		struct sriovd_desired_pf *x = &des->pf[i];

		/* An adopted PF runs VFs someone uses: let go of it, do not stop it. */
		if (x->new_handle && x->adopted && x->ext && x->ext->detach)
			x->ext->detach(x->new_handle);
		else if (x->new_handle && x->be && x->be->ops->close)
			x->be->ops->close(x->new_handle);
		sriov_plan_free(x->plan);
		sriov_live_free(x->live);
		sriov_conf_free(x->conf);
		free(x->file);
	}
	free(des->pf);
	memset(des, 0, sizeof(*des));
}

/* Whether PF @pf came from a file of the configuration directory (not from
 * an API apply of a text) that this load no longer holds. */
static bool file_removed(const struct sriovd *d, const struct sriovd_pf *pf,
			 const struct sriovd_desired *des)
{
	size_t n = strlen(d->opt.config_dir);

	if (!pf->file || strncmp(pf->file, d->opt.config_dir, n) != 0 || pf->file[n] != '/')
		return false;
	for (size_t i = 0; i < des->n; i++)
		if (des->pf[i].device && strcmp(des->pf[i].device, pf->device) == 0)
			return false;
	return true;
}

/* Drops PF @i from the table with its leases; its handle is closed. */
static void forget_pf(struct sriovd *d, size_t i)
{
	struct sriovd_pf *pf = &d->pf[i];
	size_t k = 0;

	for (size_t l = 0; l < d->n_lease; l++)
		if (strcmp(d->lease[l].pf, pf->device) != 0)
			d->lease[k++] = d->lease[l];
	d->n_lease = k;
	if (pf->be->ops->close)
		pf->be->ops->close(pf->handle);
	sriov_conf_free(pf->conf);
	free(pf->file);
	free(pf->device);
	memmove(pf, pf + 1, (d->n_pf - i - 1) * sizeof(*pf));
	d->n_pf--;
	d->pf_table_changed = true;
}

/*
 * A PF whose file left the directory: its VFs are deleted through the same
 * plan/apply path as sriovctl -D, then the PF is let go (a later file
 * naming it opens it afresh). Other PFs are not touched.
 */
static int retire_pf(struct sriovd *d, size_t i, struct sriovd_reload_result *res)
{
	struct sriovd_pf *pf = &d->pf[i];
	struct sriov_error err = { 0 };
	struct sriov_apply_result ar;
	struct sriov_plan *plan = NULL;
	struct sriov_live *live = NULL;
	int rc = sriovd_pf_live(pf, &live, &err);

	if (rc == 0 && (rc = sriov_plan_delete(pf->be, live, &plan)) == 0 && plan->n) {
		memset(&ar, 0, sizeof(ar));
		rc = sriov_apply(pf->be, pf->handle, plan, live, &ar);
		err = ar.error;
	}
	sriov_plan_free(plan);
	sriov_live_free(live);
	if (rc) {
		const char *why = err.message[0] ? err.message : strerror(-rc);

		sriovd_log(d, LOG_ERR, "%s: its configuration file %s is gone, but its VFs could "
			   "not be removed (kept as they are): %s", pf->device, pf->file, why);
		json_array_append_new(res->not_released, json_pack("{s:s, s:s, s:s}", "device",
				      pf->device, "file", pf->file, "error", why));
		return rc;
	}
	sriovd_log(d, LOG_INFO, "%s: %s is gone: VFs removed, PF released", pf->device, pf->file);
	json_array_append_new(res->released, json_pack("{s:s, s:s}", "device", pf->device,
						       "file", pf->file));
	forget_pf(d, i);
	return 0;
}

/* Every PF whose file was removed is retired; one that fails stays as it
 * is (logged, and listed in the result), the reload itself has succeeded. */
static void retire_removed(struct sriovd *d, const struct sriovd_desired *des,
			   struct sriovd_reload_result *res)
{
	for (size_t i = d->n_pf; i-- > 0;)
		if (file_removed(d, &d->pf[i], des))
			(void)retire_pf(d, i, res);
}

void sriovd_reload_result_init(struct sriovd_reload_result *res)
{
	memset(res, 0, sizeof(*res));
	sriovd_report_init(&res->rep);
	res->released = json_array();
	res->not_released = json_array();
}

void sriovd_reload_result_fini(struct sriovd_reload_result *res)
{
	sriovd_report_fini(&res->rep);
	json_decref(res->plan);
	json_decref(res->released);
	json_decref(res->not_released);
	memset(res, 0, sizeof(*res));
}

int sriovd_reload(struct sriovd *d, struct sriovd_reload_result *res)
{
	struct sriovd_desired des;
	struct timespec now;
	size_t changes, n_pf;
	bool rollback_failed;
	int rc;

	rc = sriovd_desired_load_dir(d, d->opt.config_dir, &des, &res->rep);
	if (rc) {
		d->count.apply[SRIOVD_APPLY_INVALID]++;
		return rc;
	}
	res->validated = true;
	res->plan = sriovd_desired_json(d, &des);
	changes = sriovd_desired_changes(&des);
	n_pf = des.n;
	rc = sriovd_desired_apply(d, &des, &res->rep);
	rollback_failed = des.rollback_failed;
	res->rollback_failed = rollback_failed;
	if (rc == 0)
		retire_removed(d, &des, res);
	sriovd_desired_free(&des);
	if (rc) {
		d->count.apply[rollback_failed ? SRIOVD_APPLY_FAILED : SRIOVD_APPLY_ROLLED_BACK]++;
		return rc;
	}
	d->count.apply[changes ? SRIOVD_APPLY_SUCCESS : SRIOVD_APPLY_NOOP]++;
	clock_gettime(CLOCK_REALTIME, &now);
	d->count.last_apply_time = (double)now.tv_sec + (double)now.tv_nsec / 1e9;
	sriovd_log(d, LOG_INFO, "applied %s: %zu PF(s), %zu change(s), %zu released",
		   d->opt.config_dir, n_pf, changes, json_array_size(res->released));
	return 0;
}
