/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The firmware's switch commands (x710-hardware.md §3.4, §3.5): VSIs with
 * their 128-byte properties, VEBs, MAC-VLAN perfect filters and promiscuous
 * modes. The results live in sim->vsis, which the data path reads.
 *
 * SEIDs are the model's choice (the spec fixes none): MAC p = 2 + p,
 * PF p = 16 + p, VEB k = 288 + k, VSI n = 512 + n.
 */
#include <errno.h>
#include <string.h>

#include "sim_model.h"

#define SIM_SEID_MAC_BASE 2
#define SIM_SEID_PF_BASE  16
#define SIM_SEID_VEB_BASE 288
#define SIM_SEID_VSI_BASE 512

uint16_t sim_vsi_seid(uint16_t vsi_num) { return SIM_SEID_VSI_BASE + vsi_num; }
uint16_t sim_mac_seid(unsigned int port) { return (uint16_t)(SIM_SEID_MAC_BASE + port); }
uint16_t sim_pf_seid(unsigned int pf) { return (uint16_t)(SIM_SEID_PF_BASE + pf); }

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }

struct sim_vsi *sim_vsi_by_seid(struct x710sim *sim, uint16_t seid)
{
	if (seid < SIM_SEID_VSI_BASE || seid - SIM_SEID_VSI_BASE >= SIM_VSI_MAX)
		return NULL;
	struct sim_vsi *v = &sim->vsis[seid - SIM_SEID_VSI_BASE];

	return v->in_use ? v : NULL;
}

static struct sim_vsi *pf_vsi(struct sim_fw_ctx *c, uint16_t seid)
{
	struct sim_vsi *v = sim_vsi_by_seid(c->sim, seid);

	return v != NULL && v->pf == c->pf->idx ? v : NULL;
}

static struct sim_veb *pf_veb(struct sim_fw_ctx *c, uint16_t seid)
{
	if (seid < SIM_SEID_VEB_BASE || seid - SIM_SEID_VEB_BASE >= SIM_MAX_VEBS)
		return NULL;
	struct sim_veb *b = &c->sim->vebs[seid - SIM_SEID_VEB_BASE];

	return b->in_use && b->pf == c->pf->idx ? b : NULL;
}

static unsigned int count_vebs(const struct x710sim *sim)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < SIM_MAX_VEBS; i++)
		n += sim->vebs[i].in_use;
	return n;
}

static unsigned int count_vsis(const struct x710sim *sim)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < SIM_VSI_MAX; i++)
		n += sim->vsis[i].in_use;
	return n;
}

/* Keep the decoded fields in step with props (only the valid sections). */
static void decode_props(struct sim_vsi *v, uint16_t valid)
{
	const uint8_t *p = v->props;

	if (valid & X710_AQ_VSI_PROP_SWITCH_VALID)
		v->allow_lb = get16(p + X710_VSI_PROP_SWITCH_ID) & X710_AQ_VSI_SW_ID_FLAG_ALLOW_LB;
	if (valid & X710_AQ_VSI_PROP_SECURITY_VALID)
		v->sec_flags = p[X710_VSI_PROP_SEC_FLAGS];
	if (valid & X710_AQ_VSI_PROP_VLAN_VALID) {
		v->pvid = get16(p + X710_VSI_PROP_PVID);
		v->port_vlan_flags = p[X710_VSI_PROP_PORT_VLAN_FLAGS];
	}
	if (valid & X710_AQ_VSI_PROP_QUEUE_MAP_VALID) {
		uint16_t tc0 = get16(p + X710_VSI_PROP_TC_MAPPING);
		unsigned int nq = 1u << ((tc0 & X710_AQ_VSI_TC_QUE_NUMBER_MASK) >>
					 X710_AQ_VSI_TC_QUE_NUMBER_SHIFT);
		bool noncontig = get16(p + X710_VSI_PROP_MAPPING_FLAGS) &
				 X710_AQ_VSI_QUE_MAP_NONCONTIG;
		uint16_t first = get16(p + X710_VSI_PROP_QUEUE_MAPPING) & X710_AQ_VSI_QUEUE_MASK;

		if (nq > SIM_VSI_MAX_QUEUES)
			nq = SIM_VSI_MAX_QUEUES;
		v->num_queues = (uint16_t)nq;
		for (unsigned int i = 0; i < nq; i++)
			v->queue_map[i] = noncontig
				? get16(p + X710_VSI_PROP_QUEUE_MAPPING + 2 * i) & X710_AQ_VSI_QUEUE_MASK
				: (uint16_t)(first + i);
	}
}

/* Merge the sections the driver marked valid into the stored properties.
 * Section byte ranges: struct i40e_aqc_vsi_properties_data (spec §3.4). */
static void merge_props(struct sim_vsi *v, const uint8_t *in, uint16_t valid)
{
	static const struct { uint16_t bit; uint8_t off, len; } sec[] = {
		{ X710_AQ_VSI_PROP_SWITCH_VALID, 2, 4 },
		{ X710_AQ_VSI_PROP_SECURITY_VALID, 6, 2 },
		{ X710_AQ_VSI_PROP_VLAN_VALID, 8, 8 },
		{ X710_AQ_VSI_PROP_INGRESS_UP_VALID, 16, 4 },
		{ X710_AQ_VSI_PROP_EGRESS_UP_VALID, 20, 4 },
		{ X710_AQ_VSI_PROP_CAS_PV_VALID, 24, 4 },
		{ X710_AQ_VSI_PROP_QUEUE_MAP_VALID, 28, 50 },
		{ X710_AQ_VSI_PROP_QUEUE_OPT_VALID, 78, 4 },
		{ X710_AQ_VSI_PROP_SCHED_VALID, 82, 2 },
		{ X710_AQ_VSI_PROP_OUTER_UP_VALID, 84, 4 },
	};

	for (size_t i = 0; i < sizeof(sec) / sizeof(sec[0]); i++)
		if (valid & sec[i].bit)
			memcpy(v->props + sec[i].off, in + sec[i].off, sec[i].len);
	decode_props(v, valid);
}

/* The 32 firmware-written bytes: queue set handles and the stats index. */
static void fill_fw_part(struct sim_vsi *v)
{
	memset(v->props + X710_VSI_PROP_FW_PART, 0, X710_VSI_PROPS_SIZE - X710_VSI_PROP_FW_PART);
	for (unsigned int tc = 0; tc < 8; tc++)
		put16(v->props + X710_VSI_PROP_QS_HANDLE + 2 * tc, tc == 0 ? v->vsi_num : 0xFFFF);
	put16(v->props + X710_VSI_PROP_STAT_COUNTER_IDX, v->vsi_num);
	put16(v->props + X710_VSI_PROP_SCHED_ID, v->vsi_num);
}

static int vsi_alloc(struct x710sim *sim, struct sim_pf *pf, enum sim_vsi_type type,
		     int vf_abs, uint16_t uplink, struct sim_vsi **out)
{
	/* VSI numbers below n_pfs are the PFs' main VSIs. */
	unsigned int first = type == SIM_VSI_PF && pf->main_vsi == UINT16_MAX
		? pf->idx : sim->params.n_pfs;

	for (unsigned int i = first; i < SIM_VSI_MAX; i++) {
		struct sim_vsi *v = &sim->vsis[i];

		if (v->in_use)
			continue;
		memset(v, 0, sizeof(*v));
		v->in_use = true;
		v->vsi_num = (uint16_t)i;
		v->seid = sim_vsi_seid((uint16_t)i);
		v->type = type;
		v->pf = (uint8_t)pf->idx;
		v->vf_abs = (int16_t)vf_abs;
		v->uplink_seid = uplink;
		fill_fw_part(v);
		*out = v;
		return 0;
	}
	return -ENOSPC;
}

/* A filter matches on MAC, IGNORE_VLAN and (unless ignored) the VLAN id. */
static int find_filter(const struct sim_vsi *v, const uint8_t mac[6], uint16_t vlan, bool ign)
{
	for (unsigned int i = 0; i < v->n_filters; i++) {
		const struct sim_mac_filter *f = &v->filters[i];

		if (!memcmp(f->mac, mac, 6) && f->ignore_vlan == ign && (ign || f->vlan == vlan))
			return (int)i;
	}
	return -1;
}

static bool add_filter(struct sim_vsi *v, const uint8_t mac[6], uint16_t vlan, bool ign)
{
	if (find_filter(v, mac, vlan, ign) >= 0)
		return true;
	if (v->n_filters >= SIM_VSI_MAX_FILTERS)
		return false;
	memcpy(v->filters[v->n_filters].mac, mac, 6);
	v->filters[v->n_filters].vlan = vlan;
	v->filters[v->n_filters].ignore_vlan = ign;
	v->n_filters++;
	return true;
}

int sim_vsi_create_main(struct x710sim *sim, struct sim_pf *pf)
{
	struct sim_vsi *v;
	int err;

	pf->main_vsi = UINT16_MAX;
	err = vsi_alloc(sim, pf, SIM_VSI_PF, -1, sim_mac_seid(pf->idx), &v);
	if (err)
		return err;
	pf->main_vsi = v->vsi_num;
	/* The factory filter for the port MAC (drivers usually remove it). */
	add_filter(v, pf->mac, 0, true);
	return 0;
}

void sim_vsi_release_pf(struct x710sim *sim, struct sim_pf *pf)
{
	for (unsigned int i = 0; i < SIM_VSI_MAX; i++)
		if (sim->vsis[i].in_use && sim->vsis[i].pf == pf->idx)
			sim->vsis[i].in_use = false;
	for (unsigned int i = 0; i < SIM_MAX_VEBS; i++)
		if (sim->vebs[i].in_use && sim->vebs[i].pf == pf->idx)
			sim->vebs[i].in_use = false;
	pf->main_vsi = UINT16_MAX;
}

/* 0x0200: main VSI first (DPDK takes element 0 as the main VSI), then the
 * other VSIs, the VEBs, the MAC and the PF. cmd.seid = first element to
 * report; the response sets it to the next one when the buffer was full. */
uint16_t sim_fw_get_switch_config(struct sim_fw_ctx *c)
{
	struct x710_aqc_switch_config_elem e[SIM_VSI_MAX + SIM_MAX_VEBS + 2];
	struct x710_aqc_switch_config_header h;
	struct x710_aqc_switch_seid cmd;
	struct sim_pf *pf = c->pf;
	unsigned int n = 0, fit, start, k;

	memset(e, 0, sizeof(e));
	memcpy(&cmd, c->d->params.raw, sizeof(cmd));
	for (unsigned int pass = 0; pass < 2; pass++) {
		for (unsigned int i = 0; i < SIM_VSI_MAX; i++) {
			struct sim_vsi *v = &c->sim->vsis[i];

			if (!v->in_use || v->pf != pf->idx || (pass == 0) != (i == pf->main_vsi))
				continue;
			e[n].element_type = X710_AQ_SW_ELEM_TYPE_VSI;
			e[n].seid = v->seid;
			e[n].uplink_seid = v->uplink_seid;
			e[n].downlink_seid = i == pf->main_vsi ? sim_pf_seid(pf->idx) : 0;
			e[n].connection_type = X710_AQ_CONN_TYPE_REGULAR;
			e[n].revision = 1;
			n++;
		}
	}
	for (unsigned int i = 0; i < SIM_MAX_VEBS; i++) {
		struct sim_veb *b = &c->sim->vebs[i];

		if (!b->in_use || b->pf != pf->idx)
			continue;
		e[n].element_type = X710_AQ_SW_ELEM_TYPE_VEB;
		e[n].seid = b->seid;
		e[n].uplink_seid = b->uplink_seid;
		e[n].downlink_seid = b->downlink_seid;
		e[n].revision = 1;
		n++;
	}
	e[n].element_type = X710_AQ_SW_ELEM_TYPE_MAC;
	e[n].seid = sim_mac_seid(pf->idx);
	e[n++].revision = 1;
	e[n].element_type = X710_AQ_SW_ELEM_TYPE_PF;
	e[n].seid = sim_pf_seid(pf->idx);
	e[n].uplink_seid = pf->main_vsi != UINT16_MAX ? sim_vsi_seid(pf->main_vsi) : 0;
	e[n++].revision = 1;

	start = cmd.seid;
	if (start > n)
		return X710_AQ_RC_EINVAL;
	fit = (c->in_len - sizeof(h)) / sizeof(e[0]);
	k = n - start < fit ? n - start : fit;
	memset(&h, 0, sizeof(h));
	h.num_reported = (uint16_t)k;
	h.num_total = (uint16_t)n;
	memcpy(c->buf, &h, sizeof(h));
	memcpy(c->buf + sizeof(h), &e[start], k * sizeof(e[0]));
	c->out_len = (uint16_t)(sizeof(h) + k * sizeof(e[0]));
	cmd.seid = start + k < n ? (uint16_t)(start + k) : 0;
	memcpy(c->d->params.raw, &cmd, sizeof(cmd));
	return X710_AQ_RC_OK;
}

static void vsi_completion(struct sim_fw_ctx *c, const struct sim_vsi *v)
{
	struct x710_aqc_add_get_update_vsi_completion r;
	unsigned int used = count_vsis(c->sim);

	memcpy(&r, c->d->params.raw, sizeof(r));
	r.seid = v->seid;
	r.vsi_number = v->vsi_num;
	r.vsi_used = (uint16_t)used;
	r.vsi_free = (uint16_t)(SIM_VSI_MAX - used);
	memcpy(c->d->params.raw, &r, sizeof(r));
}

static uint16_t reply_props(struct sim_fw_ctx *c, const struct sim_vsi *v);

/* 0x0210 (spec §3.4): uplink = this port's MAC, one of its VEBs or VSIs;
 * a VF VSI names an absolute VF of this PF. */
uint16_t sim_fw_add_vsi(struct sim_fw_ctx *c)
{
	struct x710_aqc_add_get_update_vsi cmd;
	struct sim_vsi *v;
	unsigned int type;
	int vf_abs = -1;

	memcpy(&cmd, c->d->params.raw, sizeof(cmd));
	type = cmd.vsi_flags & X710_AQ_VSI_TYPE_MASK;
	if (type > X710_AQ_VSI_TYPE_PF) {
		sim_log(c->sim, "add_vsi: VSI type %u not supported", type);
		return X710_AQ_RC_EINVAL;
	}
	if (cmd.uplink_seid != sim_mac_seid(c->pf->idx) && pf_veb(c, cmd.uplink_seid) == NULL &&
	    pf_vsi(c, cmd.uplink_seid) == NULL) {
		sim_log(c->sim, "add_vsi: uplink SEID %u is not an element of PF %u",
			cmd.uplink_seid, c->pf->idx);
		return X710_AQ_RC_EINVAL;
	}
	if (type == X710_AQ_VSI_TYPE_VF) {
		if (cmd.vf_id < c->pf->vf_base || cmd.vf_id - c->pf->vf_base >= c->pf->total_vfs) {
			sim_log(c->sim, "add_vsi: vf_id %u is not an absolute VF of PF %u",
				cmd.vf_id, c->pf->idx);
			return X710_AQ_RC_EINVAL;
		}
		vf_abs = cmd.vf_id;
	}
	if (vsi_alloc(c->sim, c->pf, (enum sim_vsi_type)type, vf_abs, cmd.uplink_seid, &v))
		return X710_AQ_RC_ENOSPC;
	merge_props(v, c->buf, get16(c->buf + X710_VSI_PROP_VALID_SECTIONS));
	return reply_props(c, v);
}

/* 0x0211/0x0212: cmd.uplink_seid carries the VSI's own SEID. */
static struct sim_vsi *named_vsi(struct sim_fw_ctx *c, const char *what)
{
	struct x710_aqc_add_get_update_vsi cmd;
	struct sim_vsi *v;

	memcpy(&cmd, c->d->params.raw, sizeof(cmd));
	v = pf_vsi(c, cmd.uplink_seid);
	if (v == NULL)
		sim_log(c->sim, "%s: SEID %u is not a VSI of PF %u", what, cmd.uplink_seid,
			c->pf->idx);
	return v;
}

/* The 128-byte properties back to the driver, and the completion. */
static uint16_t reply_props(struct sim_fw_ctx *c, const struct sim_vsi *v)
{
	memcpy(c->buf, v->props, X710_VSI_PROPS_SIZE);
	c->out_len = X710_VSI_PROPS_SIZE;
	vsi_completion(c, v);
	return X710_AQ_RC_OK;
}

uint16_t sim_fw_update_vsi(struct sim_fw_ctx *c)
{
	struct sim_vsi *v = named_vsi(c, "update_vsi_parameters");

	if (v == NULL)
		return X710_AQ_RC_EINVAL;
	merge_props(v, c->buf, get16(c->buf + X710_VSI_PROP_VALID_SECTIONS));
	vsi_completion(c, v);
	return X710_AQ_RC_OK;
}

uint16_t sim_fw_get_vsi(struct sim_fw_ctx *c)
{
	struct sim_vsi *v = named_vsi(c, "get_vsi_parameters");

	return v == NULL ? X710_AQ_RC_EINVAL : reply_props(c, v);
}

/* 0x0230: a VEB between this port's MAC (uplink) and one of its VSIs. */
uint16_t sim_fw_add_veb(struct sim_fw_ctx *c)
{
	struct x710_aqc_add_veb cmd;
	struct x710_aqc_add_veb_completion r;
	struct sim_vsi *down;
	unsigned int used = count_vebs(c->sim);
	int slot = -1;

	memcpy(&cmd, c->d->params.raw, sizeof(cmd));
	down = pf_vsi(c, cmd.downlink_seid);
	if (down == NULL || (!(cmd.veb_flags & X710_AQC_ADD_VEB_FLOATING) &&
			     cmd.uplink_seid != sim_mac_seid(c->pf->idx))) {
		sim_log(c->sim, "add_veb: uplink %u / downlink %u are not PF %u's MAC and VSI",
			cmd.uplink_seid, cmd.downlink_seid, c->pf->idx);
		return X710_AQ_RC_EINVAL;
	}
	for (int i = 0; i < SIM_MAX_VEBS && slot < 0; i++)
		if (!c->sim->vebs[i].in_use)
			slot = i;
	if (slot < 0)
		return X710_AQ_RC_ENOSPC;
	struct sim_veb *b = &c->sim->vebs[slot];

	memset(b, 0, sizeof(*b));
	b->in_use = true;
	b->seid = (uint16_t)(SIM_SEID_VEB_BASE + slot);
	b->uplink_seid = cmd.uplink_seid;
	b->downlink_seid = cmd.downlink_seid;
	b->flags = cmd.veb_flags;
	b->stat_idx = (uint16_t)slot;
	b->pf = (uint8_t)c->pf->idx;
	down->uplink_seid = b->seid;
	memset(&r, 0, sizeof(r));
	r.switch_seid = sim_mac_seid(c->pf->idx);
	r.veb_seid = b->seid;
	r.statistic_index = b->stat_idx;
	r.vebs_used = (uint16_t)(used + 1);
	r.vebs_free = (uint16_t)(SIM_MAX_VEBS - used - 1);
	memcpy(c->d->params.raw, &r, sizeof(r));
	return X710_AQ_RC_OK;
}

uint16_t sim_fw_get_veb(struct sim_fw_ctx *c)
{
	struct x710_aqc_get_veb_parameters_completion r;
	struct sim_veb *b;
	uint16_t seid;
	unsigned int used = count_vebs(c->sim);

	memcpy(&seid, c->d->params.raw, sizeof(seid));
	b = pf_veb(c, seid);
	if (b == NULL)
		return X710_AQ_RC_EINVAL;
	memset(&r, 0, sizeof(r));
	r.seid = b->seid;
	r.switch_id = sim_mac_seid(c->pf->idx);
	r.veb_flags = b->flags;
	r.statistic_index = b->stat_idx;
	r.vebs_used = (uint16_t)used;
	r.vebs_free = (uint16_t)(SIM_MAX_VEBS - used);
	memcpy(c->d->params.raw, &r, sizeof(r));
	return X710_AQ_RC_OK;
}

uint16_t sim_fw_delete_element(struct sim_fw_ctx *c)
{
	uint16_t seid;
	struct sim_vsi *v;
	struct sim_veb *b;

	memcpy(&seid, c->d->params.raw, sizeof(seid));
	if ((v = pf_vsi(c, seid)) != NULL) {
		v->in_use = false;
		if (v->vsi_num == c->pf->main_vsi)
			c->pf->main_vsi = UINT16_MAX;
		return X710_AQ_RC_OK;
	}
	if ((b = pf_veb(c, seid)) != NULL) {
		b->in_use = false;
		return X710_AQ_RC_OK;
	}
	sim_log(c->sim, "delete_element: SEID %u is not an element of PF %u", seid, c->pf->idx);
	return X710_AQ_RC_EINVAL;
}

/* The VSI a MAC-VLAN or VLAN command (both use i40e_aqc_macvlan) names,
 * and its element count checked against the buffer. */
struct sim_vsi *sim_fw_elements_target(struct sim_fw_ctx *c, size_t elem_size, unsigned int *n)
{
	struct x710_aqc_macvlan cmd;
	uint16_t seid;

	memcpy(&cmd, c->d->params.raw, sizeof(cmd));
	if (!(cmd.seid[0] & X710_AQC_MACVLAN_CMD_SEID_VALID)) {
		sim_log(c->sim, "%s: seid[0] lacks the VALID bit", sim_fw_opcode_name(c->d->opcode));
		return NULL;
	}
	seid = cmd.seid[0] & X710_AQC_MACVLAN_CMD_SEID_NUM_MASK;
	if (cmd.num_addresses == 0 || cmd.num_addresses * elem_size > c->in_len) {
		sim_log(c->sim, "%s: %u elements need %zu bytes, buffer has %u",
			sim_fw_opcode_name(c->d->opcode), cmd.num_addresses,
			cmd.num_addresses * elem_size, c->in_len);
		return NULL;
	}
	*n = cmd.num_addresses;
	return pf_vsi(c, seid);
}

static void macvlan_completion(struct sim_fw_ctx *c, const struct sim_vsi *v)
{
	struct x710_aqc_macvlan_completion r;

	memcpy(&r, c->d->params.raw, sizeof(r));
	r.perfect_mac_used = (uint16_t)v->n_filters;
	r.perfect_mac_free = (uint16_t)(SIM_VSI_MAX_FILTERS - v->n_filters);
	r.unicast_hash_free = 0;
	r.multicast_hash_free = 0;
	memcpy(c->d->params.raw, &r, sizeof(r));
}

/* 0x0250: perfect filters only; a full table answers match_method 0xFF in
 * that element and ENOSPC for the command. */
static uint16_t add_elem(struct sim_vsi *v, uint8_t *raw)
{
	struct x710_aqc_add_macvlan_elem e;
	bool ok;

	memcpy(&e, raw, sizeof(e));
	ok = add_filter(v, e.mac_addr, e.vlan_tag & X710_AQ_VLAN_ID_MASK,
			e.flags & X710_AQC_MACVLAN_ADD_IGNORE_VLAN);
	e.match_method = ok ? X710_AQC_MM_PERFECT_MATCH : X710_AQC_MM_ERR_NO_RES;
	memcpy(raw, &e, sizeof(e));
	return ok ? X710_AQ_RC_OK : X710_AQ_RC_ENOSPC;
}

static uint16_t remove_elem(struct sim_vsi *v, uint8_t *raw)
{
	struct x710_aqc_remove_macvlan_elem e;
	int k;

	memcpy(&e, raw, sizeof(e));
	k = find_filter(v, e.mac_addr, e.vlan_tag & X710_AQ_VLAN_ID_MASK,
			e.flags & X710_AQC_MACVLAN_DEL_IGNORE_VLAN);
	if (k >= 0)
		v->filters[k] = v->filters[--v->n_filters];
	e.error_code = k >= 0 ? X710_AQC_REMOVE_MACVLAN_SUCCESS : X710_AQC_REMOVE_MACVLAN_FAIL;
	memcpy(raw, &e, sizeof(e));
	return k >= 0 ? X710_AQ_RC_OK : X710_AQ_RC_ENOENT;
}

/* Apply op to every element; the elements go back with their per-element
 * result, the command fails with the first failing element's rc. */
uint16_t sim_fw_elements_each(struct sim_fw_ctx *c, size_t elem_size, sim_fw_elem_fn *op,
			      sim_fw_completion_fn *completion)
{
	unsigned int n;
	struct sim_vsi *v = sim_fw_elements_target(c, elem_size, &n);
	uint16_t rc = X710_AQ_RC_OK;

	if (v == NULL)
		return X710_AQ_RC_EINVAL;
	for (unsigned int i = 0; i < n; i++) {
		uint16_t erc = op(v, c->buf + elem_size * i);

		if (rc == X710_AQ_RC_OK)
			rc = erc;
	}
	c->out_len = (uint16_t)(elem_size * n);
	completion(c, v);
	return rc;
}

uint16_t sim_fw_add_macvlan(struct sim_fw_ctx *c)
{
	return sim_fw_elements_each(c, sizeof(struct x710_aqc_add_macvlan_elem), add_elem,
				    macvlan_completion);
}

uint16_t sim_fw_remove_macvlan(struct sim_fw_ctx *c)
{
	return sim_fw_elements_each(c, sizeof(struct x710_aqc_remove_macvlan_elem), remove_elem,
				    macvlan_completion);
}

/* 0x0254: only the flags marked valid change. */
uint16_t sim_fw_set_promisc(struct sim_fw_ctx *c)
{
	struct x710_aqc_set_vsi_promisc cmd;
	struct sim_vsi *v;
	const uint16_t known = X710_AQC_SET_VSI_PROMISC_UNICAST |
		X710_AQC_SET_VSI_PROMISC_MULTICAST | X710_AQC_SET_VSI_PROMISC_BROADCAST |
		X710_AQC_SET_VSI_DEFAULT;

	memcpy(&cmd, c->d->params.raw, sizeof(cmd));
	v = pf_vsi(c, cmd.seid & X710_AQC_VSI_PROM_CMD_SEID_MASK);
	if (v == NULL) {
		sim_log(c->sim, "set_vsi_promiscuous_modes: SEID %u is not a VSI of PF %u",
			cmd.seid & X710_AQC_VSI_PROM_CMD_SEID_MASK, c->pf->idx);
		return X710_AQ_RC_EINVAL;
	}
	uint16_t valid = cmd.valid_flags & known;

	v->promisc_flags = (uint16_t)((v->promisc_flags & ~valid) |
				      (cmd.promiscuous_flags & valid));
	return X710_AQ_RC_OK;
}
