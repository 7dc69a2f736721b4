/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic_file.h"
#include "scalar_json.h"
#include "state_file.h"
#include "status_json.h"
#include "uuid.h"

/* The state holds VF tokens: readable by root only. */
#define STATE_FILE_MODE 0600

static json_t *pf_state(const struct sriovd_pf *pf)
{
	struct sriov_error err = { 0 };
	struct sriov_live *live = NULL;
	json_t *vfs, *o;

	if (sriovd_pf_live(pf, &live, &err))
		return NULL;
	vfs = json_array();
	for (uint16_t vf = 0; vfs && vf < live->num_vfs; vf++)
		json_array_append_new(vfs, sriovd_live_row_json(live, SRIOV_SECTION_VF, vf));
	o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:o}", "device", pf->device, "backend",
		      pf->be->name, "file", pf->file ? pf->file : "", "vf_token", pf->vf_token,
		      "num_vfs", (int)live->num_vfs, "vfs", vfs);
	sriov_live_free(live);
	return o;
}

json_t *sriovd_state_json(const struct sriovd *d, uint64_t generation)
{
	json_t *pfs = json_array(), *leases = json_array();

	for (size_t i = 0; pfs && i < d->n_pf; i++) {
		json_t *p = pf_state(&d->pf[i]);

		if (!p || json_array_append_new(pfs, p)) {
			json_decref(pfs);
			json_decref(leases);
			return NULL;
		}
	}
	for (size_t i = 0; leases && i < d->n_lease; i++)
		json_array_append_new(leases, json_pack("{s:s, s:s, s:s, s:i, s:I}", "id",
			d->lease[i].id, "pool", d->lease[i].pool, "pf", d->lease[i].pf, "vf",
			(int)d->lease[i].vf, "uid", (json_int_t)d->lease[i].uid));
	return json_pack("{s:s, s:i, s:I, s:o, s:o}", "format", SRIOVD_STATE_FORMAT, "version",
			 SRIOVD_STATE_VERSION, "generation", (json_int_t)generation, "pfs", pfs,
			 "leases", leases);
}

int sriovd_state_save(const struct sriovd *d, uint64_t generation)
{
	char path[PATH_MAX];
	json_t *doc;
	char *text;
	int rc;

	if (!d->opt.state_dir || !d->opt.state_dir[0])
		return 0;
	if (snprintf(path, sizeof(path), "%s/%s", d->opt.state_dir, SRIOVD_STATE_FILE) >=
	    (int)sizeof(path))
		return -ENAMETOOLONG;
	doc = sriovd_state_json(d, generation);
	text = doc ? json_dumps(doc, JSON_INDENT(1) | JSON_SORT_KEYS) : NULL;
	json_decref(doc);
	if (!text)
		return -EIO;
	rc = sriovd_atomic_write(path, text, strlen(text), STATE_FILE_MODE, NULL);
	free(text);
	return rc;
}

void sriovd_state_free(struct sriovd_state *st)
{
	for (size_t i = 0; i < st->n_pf; i++)
		json_decref(st->pf[i].vfs);
	free(st->pf);
	free(st->lease);
	memset(st, 0, sizeof(*st));
}

const struct sriovd_state_pf *sriovd_state_find(const struct sriovd_state *st, const char *device)
{
	for (size_t i = 0; st && i < st->n_pf; i++)
		if (strcmp(st->pf[i].device, device) == 0)
			return &st->pf[i];
	return NULL;
}

static int bad(char *why, size_t len, const char *fmt, const char *what, size_t i)
{
	snprintf(why, len, fmt, what, i);
	return -EINVAL;
}

/* Copies a string member that must exist and fit. */
static int get_str(const json_t *o, const char *key, char *dst, size_t len)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_string(v) || json_string_length(v) >= len ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return -EINVAL;
	memcpy(dst, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

static int load_pf(const json_t *o, struct sriovd_state_pf *p)
{
	const json_t *n = json_object_get(o, "num_vfs"), *vfs = json_object_get(o, "vfs");

	if (!json_is_object(o) || get_str(o, "device", p->device, sizeof(p->device)) ||
	    get_str(o, "backend", p->backend, sizeof(p->backend)) ||
	    get_str(o, "vf_token", p->vf_token, sizeof(p->vf_token)) ||
	    !sriovd_uuid_valid(p->vf_token) || !json_is_integer(n) || json_integer_value(n) < 0 ||
	    json_integer_value(n) > UINT16_MAX || !json_is_array(vfs) ||
	    json_array_size(vfs) != (size_t)json_integer_value(n))
		return -EINVAL;
	p->num_vfs = (uint16_t)json_integer_value(n);
	p->vfs = json_incref((json_t *)vfs);
	return 0;
}

static int load_lease(const json_t *o, struct sriovd_lease *l)
{
	const json_t *vf = json_object_get(o, "vf"), *uid = json_object_get(o, "uid");

	if (!json_is_object(o) || get_str(o, "id", l->id, sizeof(l->id)) ||
	    get_str(o, "pool", l->pool, sizeof(l->pool)) || get_str(o, "pf", l->pf, sizeof(l->pf)) ||
	    !json_is_integer(vf) || json_integer_value(vf) < 0 ||
	    json_integer_value(vf) > UINT16_MAX || !json_is_integer(uid) ||
	    json_integer_value(uid) < 0 || json_integer_value(uid) > UINT32_MAX - 1)
		return -EINVAL;
	l->vf = (uint16_t)json_integer_value(vf);
	l->uid = (uid_t)json_integer_value(uid);
	return 0;
}

int sriovd_state_load(const char *path, struct sriovd_state *st, char *why, size_t why_len)
{
	const json_t *pfs, *leases, *fmt, *ver, *gen;
	json_error_t jerr;
	json_t *doc;
	int rc = 0;

	memset(st, 0, sizeof(*st));
	if (access(path, F_OK) && errno == ENOENT)
		return -ENOENT;
	doc = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		snprintf(why, why_len, "%s:%d:%d: %s", path, jerr.line, jerr.column, jerr.text);
		return -EINVAL;
	}
	fmt = json_object_get(doc, "format");
	ver = json_object_get(doc, "version");
	gen = json_object_get(doc, "generation");
	pfs = json_object_get(doc, "pfs");
	leases = json_object_get(doc, "leases");
	if (!json_is_string(fmt) || strcmp(json_string_value(fmt), SRIOVD_STATE_FORMAT) ||
	    !json_is_integer(ver) || json_integer_value(ver) != SRIOVD_STATE_VERSION ||
	    !json_is_integer(gen) || json_integer_value(gen) < 0 || !json_is_array(pfs) ||
	    !json_is_array(leases)) {
		snprintf(why, why_len, "%s: not a version %d sriovd state file", path,
			 SRIOVD_STATE_VERSION);
		json_decref(doc);
		return -EINVAL;
	}
	st->generation = (uint64_t)json_integer_value(gen);
	st->pf = calloc(json_array_size(pfs) + 1, sizeof(*st->pf));
	st->lease = calloc(json_array_size(leases) + 1, sizeof(*st->lease));
	if (!st->pf || !st->lease)
		rc = -ENOMEM;
	for (size_t i = 0; rc == 0 && i < json_array_size(pfs); i++, st->n_pf++)
		if (load_pf(json_array_get(pfs, i), &st->pf[i]))
			rc = bad(why, why_len, "%s: pfs[%zu] is malformed", path, i);
	for (size_t i = 0; rc == 0 && i < json_array_size(leases); i++, st->n_lease++)
		if (load_lease(json_array_get(leases, i), &st->lease[i]))
			rc = bad(why, why_len, "%s: leases[%zu] is malformed", path, i);
	json_decref(doc);
	if (rc)
		sriovd_state_free(st);
	return rc;
}

int sriovd_state_pf_live(const struct sriovd_state_pf *p, const struct sriov_backend *be,
			 struct sriov_live **out, char *why, size_t why_len)
{
	struct sriov_schema schema = { be->schema };
	struct sriov_live *live;

	*out = NULL;
	if (json_array_size(p->vfs) != p->num_vfs) {
		snprintf(why, why_len, "%s: %zu VF rows for %u VFs", p->device,
			 json_array_size(p->vfs), p->num_vfs);
		return -EINVAL;
	}
	if (!(live = sriov_live_new(&schema, p->num_vfs))) {
		snprintf(why, why_len, "out of memory");
		return -ENOMEM;
	}
	for (uint16_t vf = 0; vf < p->num_vfs; vf++) {
		const char *key;
		json_t *v;

		json_object_foreach(json_array_get(p->vfs, vf), key, v) {
			int idx = sriov_schema_find(&schema, SRIOV_SECTION_VF, key);
			const struct sriov_param *prm = idx < 0 ? NULL
				: sriov_schema_param(&schema, SRIOV_SECTION_VF, (size_t)idx);
			union sriov_scalar sc;
			char w[128] = "out of memory";
			int rc = -EINVAL;

			if (!prm)
				snprintf(w, sizeof(w), "unknown key");
			else if ((rc = sriovd_scalar_from_json(prm, v, &sc, w, sizeof(w))) == 0)
				rc = sriov_live_set(live, SRIOV_SECTION_VF, vf, (size_t)idx, &sc);
			if (rc) {
				snprintf(why, why_len, "%s: VF-%u %s: %s", p->device, vf, key, w);
				sriov_live_free(live);
				return rc;
			}
		}
	}
	*out = live;
	return 0;
}
