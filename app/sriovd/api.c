/* SPDX-License-Identifier: BSD-2-Clause */
/* Routes, request checks and JSON responses; every error is {error, where, ...}. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "api.h"
#include "change_json.h"
#include "metrics.h"
#include "persist.h"
#include "plan_json.h"
#include "pool.h"
#include "reconcile.h"
#include "status_json.h"
#include "vf_ops.h"

#define JSON_TYPE "application/json"
#define MAX_SEGMENTS 8
#define SEGMENT_MAX 128

/* HTTP status codes (RFC 9110 §15). */
enum {
	HTTP_OK = 200,
	HTTP_BAD_REQUEST = 400,
	HTTP_FORBIDDEN = 403,
	HTTP_NOT_FOUND = 404,
	HTTP_METHOD_NOT_ALLOWED = 405,
	HTTP_CONFLICT = 409,
	HTTP_PAYLOAD_TOO_LARGE = 413,
	HTTP_UNPROCESSABLE = 422,
	HTTP_INTERNAL = 500,
	HTTP_NOT_IMPLEMENTED = 501,
};

struct route_ctx {
	struct sriovd *d;
	const struct sriovd_request *rq;
	struct sriovd_response *rs;
	char seg[MAX_SEGMENTS][SEGMENT_MAX];
	size_t n_seg;
};

static void respond_json(struct sriovd_response *rs, unsigned int status, json_t *body)
{
	char *text = body ? json_dumps(body, JSON_INDENT(2) | JSON_SORT_KEYS) : NULL;

	json_decref(body);
	rs->content_type = JSON_TYPE;
	if (!text) {
		rs->status = HTTP_INTERNAL;
		rs->body = strdup("{\"error\": \"out of memory\", \"where\": \"sriovd\"}\n");
		rs->len = rs->body ? strlen(rs->body) : 0;
		return;
	}
	rs->status = status;
	rs->len = strlen(text) + 1;
	rs->body = realloc(text, rs->len + 1);
	if (!rs->body)
		rs->body = text, rs->len--;
	else
		strcpy(rs->body + rs->len - 1, "\n");
}

/* {"error": message, "where": where, "errors": [{where, message}...]} */
static void respond_error(struct route_ctx *c, unsigned int status, const char *where,
			  const struct sriovd_report *rep, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void respond_error(struct route_ctx *c, unsigned int status, const char *where,
			  const struct sriovd_report *rep, const char *fmt, ...)
{
	json_t *o = json_object(), *list = json_array();
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	json_object_set_new(o, "error", json_string(msg));
	json_object_set_new(o, "where", json_string(where));
	json_object_set_new(o, "status", json_integer(status));
	for (size_t i = 0; rep && i < rep->n; i++)
		json_array_append_new(list, json_pack("{s:s, s:s}", "where", rep->item[i].where,
						      "message", rep->item[i].message));
	json_object_set_new(o, "errors", list);
	respond_json(c->rs, status, o);
}

static unsigned int errno_status(int rc)
{
	switch (rc) {
	case -EINVAL: return HTTP_BAD_REQUEST;
	case -ENOENT: case -ENODEV: return HTTP_NOT_FOUND;
	case -EBUSY: return HTTP_CONFLICT;
	case -EPERM: case -EACCES: return HTTP_FORBIDDEN;
	case -EOPNOTSUPP: return HTTP_NOT_IMPLEMENTED;
	default: return HTTP_INTERNAL;
	}
}

static void report_error(struct route_ctx *c, int rc, const struct sriovd_report *rep,
			 const char *what)
{
	const char *where = rep->n ? rep->item[0].where : c->rq->path;

	respond_error(c, errno_status(rc), where, rep, "%s: %s", what,
		      rep->n ? rep->item[0].message : strerror(-rc));
}

/* Splits "/v1/pfs/0000:05:00.0/vfs/2" into segments; false if malformed. */
static bool split_path(struct route_ctx *c)
{
	const char *p = c->rq->path;

	if (!p || p[0] != '/')
		return false;
	while (*p) {
		size_t len;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		len = strcspn(p, "/?");
		if (c->n_seg == MAX_SEGMENTS || len >= SEGMENT_MAX)
			return false;
		memcpy(c->seg[c->n_seg], p, len);
		c->seg[c->n_seg++][len] = '\0';
		p += len;
		if (*p == '?')
			break;
	}
	return true;
}

static bool is(const struct route_ctx *c, size_t i, const char *s)
{
	return i < c->n_seg && strcmp(c->seg[i], s) == 0;
}

static bool method(const struct route_ctx *c, const char *m)
{
	return strcmp(c->rq->method, m) == 0;
}

/* Parses the body as one JSON value of the wanted kind (object unless NULL). */
static json_t *parse_body(struct route_ctx *c, bool empty_ok)
{
	json_error_t jerr;
	json_t *j;

	if (c->rq->body_len == 0) {
		if (empty_ok)
			return json_object();
		respond_error(c, HTTP_BAD_REQUEST, "body", NULL, "a JSON object body is required");
		return NULL;
	}
	j = json_loadb(c->rq->body, c->rq->body_len, JSON_REJECT_DUPLICATES, &jerr);
	if (!j) {
		char where[64];

		snprintf(where, sizeof(where), "body:%d:%d", jerr.line, jerr.column);
		respond_error(c, HTTP_BAD_REQUEST, where, NULL, "malformed JSON: %s", jerr.text);
		return NULL;
	}
	if (!json_is_object(j)) {
		respond_error(c, HTTP_BAD_REQUEST, "body", NULL, "expected a JSON object");
		json_decref(j);
		return NULL;
	}
	return j;
}

static struct sriovd_pf *find_pf(struct route_ctx *c, const char *name)
{
	struct sriovd_pf *pf = sriovd_pf_find(c->d, name);

	if (!pf)
		respond_error(c, HTTP_NOT_FOUND, name, NULL, "no PF '%s' is managed by sriovd", name);
	return pf;
}

/* "2" -> 2; refuses signs, leading zeros, junk and > UINT16_MAX. */
static bool parse_vf(struct route_ctx *c, const char *s, uint16_t *vf)
{
	unsigned long v = 0;

	if (!*s || (s[0] == '0' && s[1]) || strlen(s) > 5)
		goto bad;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			goto bad;
		v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v > UINT16_MAX)
		goto bad;
	*vf = (uint16_t)v;
	return true;
bad:
	respond_error(c, HTTP_NOT_FOUND, s, NULL, "'%s' is not a VF number", s);
	return false;
}

/* POST /v1/plan and /v1/apply: {} = the config directory; {"config": text,
 * "name": label} = one file's text. */
static void plan_or_apply(struct route_ctx *c, bool apply)
{
	json_t *body = parse_body(c, true), *cfg, *name, *out;
	struct sriovd_report rep;
	struct sriovd_desired des;
	const char *label = "request";
	size_t changes;
	int rc;

	if (!body)
		return;
	cfg = json_object_get(body, "config");
	name = json_object_get(body, "name");
	if ((cfg && !json_is_string(cfg)) || (name && !json_is_string(name)) ||
	    json_object_size(body) != (size_t)(cfg != NULL) + (name != NULL)) {
		respond_error(c, HTTP_BAD_REQUEST, "body", NULL, "expected {} or "
			      "{\"config\": string, \"name\": string}; nothing else");
		json_decref(body);
		return;
	}
	if (name)
		label = json_string_value(name);
	sriovd_report_init(&rep);
	if (cfg)
		rc = sriovd_desired_load_buffer(c->d, label, json_string_value(cfg),
						json_string_length(cfg), &des, &rep);
	else
		rc = sriovd_desired_load_dir(c->d, c->d->opt.config_dir, &des, &rep);
	if (rc) {
		if (apply)
			c->d->count.apply[SRIOVD_APPLY_INVALID]++;
		respond_error(c, rc == -EINVAL ? HTTP_UNPROCESSABLE : errno_status(rc),
			      rep.n ? rep.item[0].where : "config", &rep,
			      "the configuration is invalid; nothing was changed (%zu error%s)",
			      rep.n, rep.n == 1 ? "" : "s");
		goto out;
	}
	out = sriovd_desired_json(c->d, &des);
	changes = sriovd_desired_changes(&des);
	if (!apply) {
		respond_json(c->rs, HTTP_OK, out);
		sriovd_desired_free(&des);
		goto out;
	}
	rc = sriovd_desired_apply(c->d, &des, &rep);
	if (rc) {
		c->d->count.apply[des.rollback_failed ? SRIOVD_APPLY_FAILED :
				  SRIOVD_APPLY_ROLLED_BACK]++;
		json_decref(out);
		respond_error(c, HTTP_INTERNAL, rep.n ? rep.item[0].where : "apply", &rep,
			      "apply failed%s", des.rollback_failed ? " and was not fully undone" :
			      "; every PF was put back");
	} else {
		c->d->count.apply[changes ? SRIOVD_APPLY_SUCCESS : SRIOVD_APPLY_NOOP]++;
		json_object_set_new(out, "applied", json_true());
		respond_json(c->rs, HTTP_OK, out);
		sriovd_persist(c->d);
	}
	sriovd_desired_free(&des);
out:
	sriovd_report_fini(&rep);
	json_decref(body);
}

/* POST /v1/reload, body empty or {}: the API's SIGHUP, the same code path
 * (serve threads stopped, PFs whose file left released), and the reply
 * says what was applied and what was released. */
static void reload_route(struct route_ctx *c)
{
	json_t *body = parse_body(c, true), *out;
	struct sriovd_reload_result res;
	int rc;

	if (!body)
		return;
	if (json_object_size(body) != 0) {
		respond_error(c, HTTP_BAD_REQUEST, "body", NULL, "expected {}: a reload reads the "
			      "configuration directory (POST /v1/apply takes a text)");
		json_decref(body);
		return;
	}
	json_decref(body);
	if (!c->d->reload) {
		respond_error(c, HTTP_INTERNAL, "reload", NULL, "the daemon is not running its loop");
		return;
	}
	sriovd_reload_result_init(&res);
	rc = c->d->reload(c->d->quiesce_ctx, &res);
	if (rc && !res.validated) {
		respond_error(c, rc == -EINVAL ? HTTP_UNPROCESSABLE : errno_status(rc),
			      res.rep.n ? res.rep.item[0].where : "config", &res.rep,
			      "the configuration is invalid; nothing was changed (%zu error%s)",
			      res.rep.n, res.rep.n == 1 ? "" : "s");
	} else if (rc) {
		respond_error(c, HTTP_INTERNAL, res.rep.n ? res.rep.item[0].where : "apply",
			      &res.rep, "apply failed%s", res.rollback_failed ?
			      " and was not fully undone" : "; every PF was put back");
	} else {
		out = res.plan ? json_incref(res.plan) : json_object();
		json_object_set_new(out, "applied", json_true());
		json_object_set(out, "released", res.released);
		json_object_set(out, "not_released", res.not_released);
		respond_json(c->rs, HTTP_OK, out);
	}
	sriovd_reload_result_fini(&res);
}

static void get_pfs(struct route_ctx *c)
{
	json_t *a = json_array();

	for (size_t i = 0; i < c->d->n_pf; i++)
		json_array_append_new(a, sriovd_pf_json(c->d, &c->d->pf[i]));
	respond_json(c->rs, HTTP_OK, json_pack("{s:o}", "pfs", a));
}

static void vf_route(struct route_ctx *c, struct sriovd_pf *pf, uint16_t vf)
{
	struct sriovd_report rep;
	struct sriov_error err = { 0 };
	struct sriov_live *live;
	size_t changes = 0;
	json_t *body;
	int rc;

	sriovd_report_init(&rep);
	if (c->n_seg == 5 && method(c, "GET")) {
		if ((rc = sriovd_pf_live(pf, &live, &err))) {
			respond_error(c, HTTP_INTERNAL, pf->device, NULL, "%s", err.message);
		} else if (vf >= live->num_vfs) {
			respond_error(c, HTTP_NOT_FOUND, c->seg[4], NULL, "no VF-%u: %s has %u VFs",
				      vf, pf->device, live->num_vfs);
		} else {
			respond_json(c->rs, HTTP_OK, sriovd_vf_json(c->d, pf, live, vf));
		}
		sriov_live_free(live);
	} else if (c->n_seg == 5 && method(c, "PATCH")) {
		if (!(body = parse_body(c, false)))
			return;
		rc = sriovd_vf_set(c->d, pf, vf, body, &rep, &changes);
		json_decref(body);
		if (rc) {
			report_error(c, rc, &rep, "the VF was not changed");
		} else {
			respond_json(c->rs, HTTP_OK, json_pack("{s:s, s:i, s:I}", "pf", pf->device,
				     "vf", (int)vf, "changes", (json_int_t)changes));
			if (changes)
				sriovd_persist(c->d);
		}
	} else if (c->n_seg == 6 && is(c, 5, "reset") && method(c, "POST")) {
		if ((rc = sriovd_vf_reset(c->d, pf, vf, &rep)))
			report_error(c, rc, &rep, "the VF was not reset");
		else
			respond_json(c->rs, HTTP_OK, json_pack("{s:s, s:i, s:b}", "pf", pf->device,
				     "vf", (int)vf, "reset", 1));
	} else if (c->n_seg <= 6) {
		respond_error(c, HTTP_METHOD_NOT_ALLOWED, c->rq->path, NULL,
			      "%s is not allowed here (GET or PATCH a VF, POST .../reset)",
			      c->rq->method);
	} else {
		respond_error(c, HTTP_NOT_FOUND, c->rq->path, NULL, "no such resource");
	}
	sriovd_report_fini(&rep);
}

/* Forgets the PF's configuration and its leases: its VFs are gone until
 * the next reload or apply brings the file back. */
static void unmanage(struct sriovd *d, struct sriovd_pf *pf)
{
	size_t k = 0;

	sriov_conf_free(pf->conf);
	pf->conf = NULL;
	pf->want = NULL;
	for (size_t i = 0; i < d->n_lease; i++)
		if (strcmp(d->lease[i].pf, pf->device) != 0)
			d->lease[k++] = d->lease[i];
	d->n_lease = k;
}

/* DELETE /v1/pfs/{pf}/vfs, body {} or {"dry_run": bool}: iovctl -D through
 * the daemon. The same delete plan sriovctl builds alone, applied here. */
static void delete_vfs_route(struct route_ctx *c, struct sriovd_pf *pf)
{
	json_t *body = parse_body(c, true), *dry, *out, *changes, *text;
	struct sriov_error err = { 0 };
	struct sriov_apply_result res;
	struct sriov_live *live = NULL;
	struct sriov_plan *plan = NULL;
	int rc;

	if (!body)
		return;
	dry = json_object_get(body, "dry_run");
	if ((dry && !json_is_boolean(dry)) || json_object_size(body) != (size_t)(dry != NULL)) {
		respond_error(c, HTTP_BAD_REQUEST, "body", NULL, "expected {} or "
			      "{\"dry_run\": boolean}; nothing else");
		goto out;
	}
	if ((rc = sriovd_pf_live(pf, &live, &err))) {
		respond_error(c, errno_status(rc), pf->device, NULL, "cannot read the live state: "
			      "%s", err.message[0] ? err.message : strerror(-rc));
		goto out;
	}
	if (sriov_plan_delete(pf->be, live, &plan)) {
		respond_error(c, HTTP_INTERNAL, pf->device, NULL, "%s", strerror(ENOMEM));
		goto out;
	}
	if (plan->n == 0) {
		/* iovctl: IOV_DELETE without VFs is ECHILD (freebsd-iovctl.md §1.4). */
		respond_error(c, HTTP_CONFLICT, pf->device, NULL, "%s", strerror(ECHILD));
		goto out;
	}
	changes = json_array();
	for (size_t i = 0; i < plan->n; i++)
		json_array_append_new(changes, sriovd_change_json(&plan->changes[i]));
	out = json_pack("{s:s, s:s, s:s, s:o, s:b, s:b}", "device", pf->device, "file",
			pf->file ? pf->file : "", "backend", pf->be->name, "changes", changes,
			"disruptive", 1, "applied", 0);
	if ((text = sriovd_describe_json(pf->be, pf->handle)))
		json_object_set_new(out, "description", text);
	if (json_is_true(dry)) {
		respond_json(c->rs, HTTP_OK, out);
		goto out;
	}
	memset(&res, 0, sizeof(res));
	sriovd_quiesce(c->d, true);
	rc = sriov_apply(pf->be, pf->handle, plan, live, &res);
	sriovd_quiesce(c->d, false);
	if (rc) {
		c->d->count.apply[res.undo_failures ? SRIOVD_APPLY_FAILED : SRIOVD_APPLY_ROLLED_BACK]++;
		json_decref(out);
		respond_error(c, HTTP_INTERNAL, pf->device, NULL, "%s%s", res.error.message,
			      res.undo_failures ? "; its rollback failed too" :
			      "; the PF was put back");
		goto out;
	}
	c->d->count.apply[SRIOVD_APPLY_SUCCESS]++;
	sriovd_log(c->d, LOG_INFO, "%s: every VF removed through the API; the PF is unmanaged "
		   "until the next reload", pf->device);
	unmanage(c->d, pf);
	json_object_set_new(out, "applied", json_true());
	respond_json(c->rs, HTTP_OK, out);
	sriovd_persist(c->d);
out:
	sriov_plan_free(plan);
	sriov_live_free(live);
	json_decref(body);
}

static void pf_route(struct route_ctx *c)
{
	struct sriovd_pf *pf;
	uint16_t vf;

	if (!(pf = find_pf(c, c->seg[2])))
		return;
	if (c->n_seg == 3 && method(c, "GET"))
		respond_json(c->rs, HTTP_OK, sriovd_pf_json(c->d, pf));
	else if (c->n_seg == 4 && is(c, 3, "schema") && method(c, "GET"))
		respond_json(c->rs, HTTP_OK, sriovd_schema_json(pf->be));
	else if (c->n_seg == 4 && is(c, 3, "vfs") && method(c, "DELETE"))
		delete_vfs_route(c, pf);
	else if (c->n_seg >= 5 && is(c, 3, "vfs")) {
		if (parse_vf(c, c->seg[4], &vf))
			vf_route(c, pf, vf);
	} else
		respond_error(c, HTTP_NOT_FOUND, c->rq->path, NULL, "no such resource");
}

static void get_schema(struct route_ctx *c)
{
	json_t *a = json_array();

	for (size_t i = 0; i < sriov_registry_count(c->d->reg); i++) {
		const struct sriov_backend *be = sriov_registry_at(c->d->reg, i);

		if (c->n_seg == 2 || is(c, 2, be->name))
			json_array_append_new(a, sriovd_schema_json(be));
	}
	if (c->n_seg == 3 && json_array_size(a) == 0) {
		json_decref(a);
		respond_error(c, HTTP_NOT_FOUND, c->seg[2], NULL, "no backend '%s'", c->seg[2]);
		return;
	}
	respond_json(c->rs, HTTP_OK, json_pack("{s:o}", "backends", a));
}

/* The token only goes to whoever claimed the VF, not to every listing. */
static json_t *lease_json(const struct sriovd *d, const struct sriovd_lease *l, bool token)
{
	const struct sriovd_pf *pf = sriovd_pf_find((struct sriovd *)d, l->pf);
	json_t *o = json_pack("{s:s, s:s, s:s, s:i}", "id", l->id, "pool", l->pool, "pf", l->pf,
			      "vf", (int)l->vf);
	struct sriov_error err;
	struct sriov_live *live;
	char bdf[32];

	if (!o || !pf)
		return o;
	if (sriovd_vf_pci_address(d, pf, l->vf, bdf, sizeof(bdf)) == 0)
		json_object_set_new(o, "pci_address", json_string(bdf));
	if (token)
		json_object_set_new(o, "vf_token", json_string(pf->vf_token));
	if (sriovd_pf_live(pf, &live, &err) == 0) {
		int i = sriov_schema_find(&live->schema, SRIOV_SECTION_VF, "mac-addr");
		const union sriov_scalar *v = i < 0 ? NULL :
			sriov_live_get(live, SRIOV_SECTION_VF, l->vf, (size_t)i);
		char mac[32];

		if (v && sriov_scalar_format(sriov_schema_param(&live->schema, SRIOV_SECTION_VF,
								(size_t)i), v, mac, sizeof(mac)) == 0)
			json_object_set_new(o, "mac", json_string(mac));
		sriov_live_free(live);
	}
	return o;
}

static void pools_route(struct route_ctx *c)
{
	struct sriovd_pool pools[SRIOVD_MAX_POOLS > 64 ? SRIOVD_MAX_POOLS : 64];
	struct sriovd_lease l;
	json_t *a;
	size_t n;
	int rc;

	if (c->n_seg == 2 && method(c, "GET")) {
		n = sriovd_pools(c->d, pools, sizeof(pools) / sizeof(pools[0]));
		a = json_array();
		for (size_t i = 0; i < n; i++) {
			size_t used = 0;

			for (size_t k = 0; k < c->d->n_lease; k++)
				used += strcmp(c->d->lease[k].pool, pools[i].name) == 0;
			json_array_append_new(a, json_pack("{s:s, s:s, s:i, s:i, s:s, s:I}", "name",
				pools[i].name, "pf", pools[i].device, "first", (int)pools[i].first,
				"last", (int)pools[i].last, "driver", pools[i].driver, "leased",
				(json_int_t)used));
		}
		respond_json(c->rs, HTTP_OK, json_pack("{s:o}", "pools", a));
	} else if (c->n_seg == 4 && is(c, 3, "claim") && method(c, "POST")) {
		rc = sriovd_lease_claim(c->d, c->seg[2], c->rq->uid, &l);
		if (rc == -ENOENT)
			respond_error(c, HTTP_NOT_FOUND, c->seg[2], NULL, "no pool '%s'", c->seg[2]);
		else if (rc == -EBUSY)
			respond_error(c, HTTP_CONFLICT, c->seg[2], NULL, "every VF of pool '%s' is "
				      "leased", c->seg[2]);
		else if (rc)
			respond_error(c, HTTP_INTERNAL, c->seg[2], NULL, "%s", strerror(-rc));
		else {
			respond_json(c->rs, HTTP_OK, lease_json(c->d, &l, true));
			sriovd_persist(c->d);
		}
	} else {
		respond_error(c, HTTP_NOT_FOUND, c->rq->path, NULL, "no such resource");
	}
}

static void leases_route(struct route_ctx *c)
{
	json_t *a;
	int rc;

	if (c->n_seg == 2 && method(c, "GET")) {
		a = json_array();
		for (size_t i = 0; i < c->d->n_lease; i++)
			json_array_append_new(a, lease_json(c->d, &c->d->lease[i], false));
		respond_json(c->rs, HTTP_OK, json_pack("{s:o}", "leases", a));
	} else if (c->n_seg == 3 && method(c, "DELETE")) {
		rc = sriovd_lease_release(c->d, c->seg[2], c->rq->uid);
		if (rc == -EPERM)
			respond_error(c, HTTP_FORBIDDEN, c->seg[2], NULL, "lease %s belongs to "
				      "another user", c->seg[2]);
		else if (rc)
			respond_error(c, HTTP_NOT_FOUND, c->seg[2], NULL, "no lease %s", c->seg[2]);
		else {
			respond_json(c->rs, HTTP_OK, json_pack("{s:s, s:b}", "id", c->seg[2],
				     "released", 1));
			sriovd_persist(c->d);
		}
	} else {
		respond_error(c, HTTP_NOT_FOUND, c->rq->path, NULL, "no such resource");
	}
}

static void metrics_route(struct route_ctx *c)
{
	if (sriovd_metrics_render(c->d, &c->rs->body, &c->rs->len)) {
		respond_error(c, HTTP_INTERNAL, "/metrics", NULL, "out of memory");
		return;
	}
	c->rs->status = HTTP_OK;
	c->rs->content_type = SRIOVD_METRICS_CONTENT_TYPE;
}

static void route(struct route_ctx *c)
{
	const struct sriovd_request *rq = c->rq;

	if (!rq->authenticated) {
		respond_error(c, HTTP_FORBIDDEN, "peer", NULL, "uid %u is not allowed to use "
			      "sriovd (see --allow-uid/--allow-gid)", (unsigned int)rq->uid);
		return;
	}
	if (rq->body_too_large) {
		respond_error(c, HTTP_PAYLOAD_TOO_LARGE, "body", NULL, "request body larger than "
			      "%zu bytes; nothing was changed", c->d->opt.body_limit);
		return;
	}
	if (rq->read_only && !method(c, "GET")) {
		respond_error(c, HTTP_FORBIDDEN, "listener", NULL, "the TCP listener is read-only; "
			      "use the Unix socket to change anything");
		return;
	}
	if (!split_path(c)) {
		respond_error(c, HTTP_NOT_FOUND, rq->path ? rq->path : "", NULL, "malformed path");
		return;
	}
	if (c->n_seg == 1 && is(c, 0, "metrics") && method(c, "GET")) {
		metrics_route(c);
		return;
	}
	if (!is(c, 0, "v1") || c->n_seg < 2) {
		respond_error(c, HTTP_NOT_FOUND, rq->path, NULL, "no such resource (the API lives "
			      "under /v1; see doc/api.md)");
		return;
	}
	if (is(c, 1, "health") && c->n_seg == 2 && method(c, "GET"))
		respond_json(c->rs, HTTP_OK, json_pack("{s:b, s:I, s:I}", "ready", c->d->ready,
			     "pfs", (json_int_t)c->d->n_pf, "generation", (json_int_t)c->d->generation));
	else if (is(c, 1, "pfs") && c->n_seg == 2 && method(c, "GET"))
		get_pfs(c);
	else if (is(c, 1, "pfs") && c->n_seg >= 3)
		pf_route(c);
	else if (is(c, 1, "schema") && c->n_seg <= 3 && method(c, "GET"))
		get_schema(c);
	else if (is(c, 1, "plan") && c->n_seg == 2 && method(c, "POST"))
		plan_or_apply(c, false);
	else if (is(c, 1, "apply") && c->n_seg == 2 && method(c, "POST"))
		plan_or_apply(c, true);
	else if (is(c, 1, "reload") && c->n_seg == 2 && method(c, "POST"))
		reload_route(c);
	else if (is(c, 1, "pools"))
		pools_route(c);
	else if (is(c, 1, "leases"))
		leases_route(c);
	else
		respond_error(c, HTTP_NOT_FOUND, rq->path, NULL, "no %s %s (see doc/api.md)",
			      rq->method, rq->path);
}

void sriovd_api_handle(struct sriovd *d, const struct sriovd_request *rq,
		       struct sriovd_response *rs)
{
	struct route_ctx *c = calloc(1, sizeof(*c));

	memset(rs, 0, sizeof(*rs));
	d->count.api_requests++;
	if (!c) {
		respond_json(rs, HTTP_INTERNAL, NULL);
	} else {
		c->d = d;
		c->rq = rq;
		c->rs = rs;
		route(c);
		free(c);
	}
	if (rs->status >= HTTP_BAD_REQUEST)
		d->count.api_rejected++;
}
