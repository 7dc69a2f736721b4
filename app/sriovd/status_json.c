/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>

#include "scalar_json.h"
#include "status_json.h"

const char *const sriovd_stat_names[SRIOV_STAT_COUNT] = {
	[SRIOV_STAT_RX_BYTES] = "rx_bytes",
	[SRIOV_STAT_TX_BYTES] = "tx_bytes",
	[SRIOV_STAT_RX_PACKETS] = "rx_packets",
	[SRIOV_STAT_TX_PACKETS] = "tx_packets",
	[SRIOV_STAT_RX_BROADCAST] = "rx_broadcast",
	[SRIOV_STAT_RX_MULTICAST] = "rx_multicast",
	[SRIOV_STAT_RX_DROPPED] = "rx_dropped",
	[SRIOV_STAT_TX_DROPPED] = "tx_dropped",
	[SRIOV_STAT_TX_ERRORS] = "tx_errors",
	[SRIOV_STAT_SPOOF_DROPPED] = "spoof_dropped",
	[SRIOV_STAT_MDD_EVENTS] = "mdd_events",
	[SRIOV_STAT_RESETS] = "resets",
};

json_t *sriovd_live_row_json(const struct sriov_live *live, enum sriov_section sec, uint16_t vf)
{
	size_t n = sec == SRIOV_SECTION_PF ? live->n_pf : live->n_vf;
	json_t *o = json_object();

	for (size_t i = 0; o && i < n; i++) {
		const union sriov_scalar *v = sriov_live_get(live, sec, vf, i);
		const struct sriov_param *p = sriov_schema_param(&live->schema, sec, i);

		if (v && p && json_object_set_new(o, p->name, sriovd_scalar_to_json(p, v))) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

/* The values the configuration asks for (origin != unset). */
static json_t *wanted_json(const struct sriov_resolved *r, uint16_t vf)
{
	json_t *o = json_object();

	for (size_t i = 0; o && r && vf < r->num_vfs && i < r->n_vf; i++) {
		const struct sriov_value *v = &r->vf[(size_t)vf * r->n_vf + i];
		const struct sriov_param *p = sriov_schema_param(&r->schema, SRIOV_SECTION_VF, i);

		if (v->origin != SRIOV_ORIGIN_UNSET && p)
			json_object_set_new(o, p->name, sriovd_scalar_to_json(p, &v->v));
	}
	return o;
}

static json_t *status_obj(const struct sriov_vf_status *st)
{
	json_t *o = json_object(), *c = json_object(), *mr = json_object(), *md = json_object();

	for (int i = 0; i < SRIOV_STAT_COUNT; i++)
		if (st->present & (UINT32_C(1) << i))
			json_object_set_new(c, sriovd_stat_names[i], json_integer((json_int_t)st->stat[i]));
	json_object_set_new(o, "counters", c);
	if (st->present & SRIOV_STATUS_LINK)
		json_object_set_new(o, "link_up", json_boolean(st->link_up));
	if (st->present & SRIOV_STATUS_ACTIVE)
		json_object_set_new(o, "active", json_boolean(st->active));
	if (st->driver[0])
		json_object_set_new(o, "driver", json_string(st->driver));
	if (st->present & SRIOV_STATUS_API) {
		char v[32];

		snprintf(v, sizeof(v), "%u.%u", st->api_major, st->api_minor);
		json_object_set_new(o, "virtchnl_version", json_string(v));
	}
	if (st->present & SRIOV_STATUS_MBX) {
		for (unsigned int op = 0; op < SRIOV_MBX_OPCODES; op++) {
			char k[16];

			snprintf(k, sizeof(k), "%u", op);
			if (st->mbx_requests[op])
				json_object_set_new(mr, k, json_integer((json_int_t)st->mbx_requests[op]));
			if (st->mbx_denied[op])
				json_object_set_new(md, k, json_integer((json_int_t)st->mbx_denied[op]));
		}
		json_object_set_new(o, "mailbox_requests", mr);
		json_object_set_new(o, "mailbox_denied", md);
	} else {
		json_decref(mr);
		json_decref(md);
	}
	return o;
}

json_t *sriovd_vf_json(const struct sriovd *d, const struct sriovd_pf *pf,
		       const struct sriov_live *live, uint16_t vf)
{
	json_t *o = json_object();
	char bdf[32];

	json_object_set_new(o, "vf", json_integer(vf));
	if (sriovd_vf_pci_address(d, pf, vf, bdf, sizeof(bdf)) == 0)
		json_object_set_new(o, "pci_address", json_string(bdf));
	json_object_set_new(o, "live", sriovd_live_row_json(live, SRIOV_SECTION_VF, vf));
	json_object_set_new(o, "configured", wanted_json(pf->want, vf));
	if (pf->ext && pf->ext->vf_status) {
		struct sriov_vf_status st;

		memset(&st, 0, sizeof(st));
		if (pf->ext->vf_status(pf->handle, vf, &st) == 0)
			json_object_set_new(o, "status", status_obj(&st));
	}
	for (size_t i = 0; i < d->n_lease; i++)
		if (strcmp(d->lease[i].pf, pf->device) == 0 && d->lease[i].vf == vf) {
			json_object_set_new(o, "lease", json_pack("{s:s, s:s, s:I}", "id",
					    d->lease[i].id, "pool", d->lease[i].pool, "uid",
					    (json_int_t)d->lease[i].uid));
		}
	return o;
}

json_t *sriovd_pf_json(const struct sriovd *d, const struct sriovd_pf *pf)
{
	struct sriov_error err = { 0 };
	struct sriov_live *live = NULL;
	json_t *o = json_object(), *vfs;
	int rc;

	json_object_set_new(o, "device", json_string(pf->device));
	json_object_set_new(o, "backend", json_string(pf->be->name));
	json_object_set_new(o, "file", json_string(pf->file ? pf->file : ""));
	json_object_set_new(o, "adopted", json_boolean(pf->adopted));
	json_object_set_new(o, "mailbox_served", json_integer((json_int_t)pf->served));
	rc = sriovd_pf_live(pf, &live, &err);
	if (rc) {
		json_object_set_new(o, "error", json_string(err.message[0] ? err.message :
							    strerror(-rc)));
		return o;
	}
	json_object_set_new(o, "num_vfs", json_integer(live->num_vfs));
	if (live->total_vfs)
		json_object_set_new(o, "total_vfs", json_integer(live->total_vfs));
	json_object_set_new(o, "live", sriovd_live_row_json(live, SRIOV_SECTION_PF, 0));
	vfs = json_array();
	sriovd_status_pass(pf, true);
	for (uint16_t vf = 0; vf < live->num_vfs; vf++)
		json_array_append_new(vfs, sriovd_vf_json(d, pf, live, vf));
	sriovd_status_pass(pf, false);
	json_object_set_new(o, "vfs", vfs);
	sriov_live_free(live);
	return o;
}

static json_t *section_json(const struct sriov_schema *s, enum sriov_section sec)
{
	json_t *a = json_array();

	for (size_t i = 0; i < sriov_schema_count(s, sec); i++) {
		const struct sriov_param *p = sriov_schema_param(s, sec, i);
		json_t *o = json_object();
		char t[160];

		json_object_set_new(o, "name", json_string(p->name));
		json_object_set_new(o, "type", json_string(sriov_type_name(p->type)));
		sriovd_scalar_json_type(p, t, sizeof(t));
		json_object_set_new(o, "json_type", json_string(t));
		json_object_set_new(o, "presence", json_string(
			p->presence == SRIOV_PARAM_REQUIRED ? "required" :
			p->presence == SRIOV_PARAM_HAS_DEFAULT ? "default" : "optional"));
		if (p->presence == SRIOV_PARAM_HAS_DEFAULT)
			json_object_set_new(o, "default", sriovd_scalar_to_json(p, &p->def));
		if (p->help)
			json_object_set_new(o, "help", json_string(p->help));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *sriovd_schema_json(const struct sriov_backend *be)
{
	struct sriov_schema s = { be->schema };

	return json_pack("{s:s, s:s, s:o, s:o}", "driver", be->name, "description",
			 be->description ? be->description : "", "pf",
			 section_json(&s, SRIOV_SECTION_PF), "vf", section_json(&s, SRIOV_SECTION_VF));
}
