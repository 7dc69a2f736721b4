/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The x710 backend's device side over the in-process device model: create
 * VFs from a configuration, converge (no-op), live changes that touch only
 * the VF concerned, a disruptive count change, and an admin queue failure
 * at the k-th VF setup, every k, rolled back to no VFs.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sriov/backend.h>
#include <sriov/config.h>
#include <sriov/diag.h>
#include <sriov/plan.h>

#include "x710/x710_adminq_defs.h"
#include "x710_backend.h"
#include "x710/virtchnl_defs.h"
#include "x710/x710_regs.h"
#include "x710_aq_cmds.h"
#include "x710_pf.h"
#include "x710_port.h"
#include "x710_test_fixture.h"
#include "x710_vf_harness.h"

#define VFS_PER_PF 8
#define MAX_VSIS 384            /* VSILAN_QTABLE _VSI = 0..383 (x710-hardware.md §3.3) */
#define SEC_MAC_CHK 0x04        /* sec_flags ENABLE_MAC_CHK (§3.4) */
#define RC_EBUSY 12             /* AQ return code (§2.1) */
#define FLR_PASSES 100          /* serve passes for an FLR to be handled */

#define CONF_HEAD "PF { device : \"pf0\"; num_vfs : %u; }\n"
#define CONF_VFS \
	"VF-0 { mac-addr : \"02:00:00:00:05:00\"; }\n" \
	"VF-1 { mac-addr : \"02:00:00:00:05:01\"; mac-anti-spoof : %s; }\n" \
	"VF-2 { mac-addr : \"02:00:00:00:05:%02x\"; }\n"

struct fx {
	struct tf t;
	void *port;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct sriov_error err = { 0 };

	tf_setup_model(&f->t, VFS_PER_PF);
	if (x710_port_open_osdep(&f->t.hw->os, 0, 0, &f->port, &err)) {
		fprintf(stderr, "open: %s\n", err.message);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	if (f->port)
		sriov_x710_backend_ops.close(f->port);
	x710_osdep_sim_fini(&f->t.os_sim);
	free(f->t.hw);
	x710sim_destroy(f->t.sim);
	free(f);
	return 0;
}

/* Resolves, plans against the live state and applies; returns the plan's
 * size in *n and the apply's result. */
static int apply_text(struct fx *f, const char *text, size_t *n, struct sriov_apply_result *res)
{
	const struct sriov_backend *be = &sriov_backend_x710;
	struct sriov_schema schema = { be->schema };
	struct sriov_conf *conf = sriov_conf_new();
	struct sriov_live *live = NULL;
	struct sriov_plan *plan = NULL;
	struct sriov_error err = { 0 };
	int rc;

	assert_int_equal(sriov_conf_load_buffer(conf, "t.conf", text, strlen(text)), 0);
	assert_int_equal(sriov_conf_resolve(conf, &schema), 0);
	assert_int_equal(be->ops->read_live(f->port, &schema, &live, &err), 0);
	assert_int_equal(sriov_plan_build(be, sriov_conf_resolved(conf), live, &plan, &err), 0);
	*n = plan->n;
	rc = sriov_apply(be, f->port, plan, live, res);
	if (rc)
		fprintf(stderr, "  apply: %s\n", res->error.message);
	sriov_plan_free(plan);
	sriov_live_free(live);
	sriov_conf_free(conf);
	return rc;
}

static int apply_conf(struct fx *f, unsigned int vfs, const char *spoof1, unsigned int mac2,
		      size_t *n, struct sriov_apply_result *res)
{
	char text[512];

	snprintf(text, sizeof(text), CONF_HEAD CONF_VFS, vfs, spoof1, mac2);
	return apply_text(f, text, n, res);
}

/* The model's VF VSIs of PF 0, by PF-relative VF id. */
struct vsi_view {
	bool present;
	struct x710sim_vsi_info info;
};

static unsigned int model_vfs(struct fx *f, struct vsi_view v[VFS_PER_PF])
{
	unsigned int n = 0;
	int base = -1;

	memset(v, 0, sizeof(struct vsi_view) * VFS_PER_PF);
	for (unsigned int i = 0; i < MAX_VSIS; i++) {
		struct x710sim_vsi_info info;

		if (x710sim_vsi_info(f->t.sim, i, &info) || info.vf_abs < 0 || info.pf != 0)
			continue;
		if (base < 0 || info.vf_abs < base)
			base = info.vf_abs;
	}
	for (unsigned int i = 0; base >= 0 && i < MAX_VSIS; i++) {
		struct x710sim_vsi_info info;

		if (x710sim_vsi_info(f->t.sim, i, &info) || info.vf_abs < 0 || info.pf != 0)
			continue;
		assert_true(info.vf_abs - base < VFS_PER_PF);
		v[info.vf_abs - base] = (struct vsi_view){ true, info };
		n++;
	}
	return n;
}

static void test_create_then_noop(void **state)
{
	struct fx *f = *state;
	struct sriov_apply_result res;
	struct vsi_view v[VFS_PER_PF];
	size_t n;

	assert_int_equal(apply_conf(f, 3, "true", 2, &n, &res), 0);
	assert_true(n > 3);
	assert_int_equal(model_vfs(f, v), 3);
	for (unsigned int vf = 0; vf < 3; vf++)
		assert_true(v[vf].info.sec_flags & SEC_MAC_CHK);
	assert_int_equal(apply_conf(f, 3, "true", 2, &n, &res), 0);
	assert_int_equal(n, 0);
}

static void test_live_changes_touch_one_vf(void **state)
{
	struct fx *f = *state;
	struct sriov_apply_result res;
	struct vsi_view before[VFS_PER_PF], after[VFS_PER_PF];
	size_t n;

	assert_int_equal(apply_conf(f, 3, "true", 2, &n, &res), 0);
	model_vfs(f, before);
	/* Anti-spoof off on VF-1: its security flags only, no reset. */
	assert_int_equal(apply_conf(f, 3, "false", 2, &n, &res), 0);
	assert_int_equal(n, 1);
	assert_int_equal(model_vfs(f, after), 3);
	assert_false(after[1].info.sec_flags & SEC_MAC_CHK);
	assert_int_equal(after[1].info.seid, before[1].info.seid);
	for (unsigned int vf = 0; vf < 3; vf += 2) {
		assert_int_equal(after[vf].info.seid, before[vf].info.seid);
		assert_int_equal(after[vf].info.sec_flags, before[vf].info.sec_flags);
	}
	/* A new admin MAC on VF-2: that VF is reset, the others are untouched. */
	model_vfs(f, before);
	assert_int_equal(apply_conf(f, 3, "false", 0x22, &n, &res), 0);
	assert_int_equal(n, 1);
	assert_int_equal(model_vfs(f, after), 3);
	for (unsigned int vf = 0; vf < 2; vf++) {
		assert_int_equal(after[vf].info.seid, before[vf].info.seid);
		assert_int_equal(after[vf].info.n_filters, before[vf].info.n_filters);
	}
}

static void test_count_change_recreates(void **state)
{
	struct fx *f = *state;
	struct sriov_apply_result res;
	struct vsi_view v[VFS_PER_PF];
	size_t n;

	assert_int_equal(apply_conf(f, 3, "true", 2, &n, &res), 0);
	assert_int_equal(apply_conf(f, 5, "true", 2, &n, &res), 0);
	assert_int_equal(model_vfs(f, v), 5);
	assert_int_equal(apply_conf(f, 5, "true", 2, &n, &res), 0);
	assert_int_equal(n, 0);
}

/* add_vsi fails for the k-th VF: the apply fails naming it; no VF is left. */
static void test_rollback_every_vf(void **state)
{
	struct fx *f = *state;
	struct sriov_apply_result res;
	struct vsi_view v[VFS_PER_PF];
	size_t n;

	for (unsigned int k = 1; k <= 3; k++) {
		struct x710sim_aq_fault fault = {
			.pf = 0, .opcode = X710_AQC_ADD_VSI, .nth = k,
			.kind = X710SIM_AQ_FAULT_FAIL, .rc = RC_EBUSY,
		};

		assert_int_equal(x710sim_fault_aq(f->t.sim, &fault), 0);
		assert_int_equal(apply_conf(f, 3, "true", 2, &n, &res), -EBUSY);
		assert_int_equal(x710sim_fault_aq(f->t.sim, NULL), 0);
		assert_true(res.commit_failed);
		assert_non_null(strstr(res.error.message, "add_vsi (0x0210) failed: EBUSY"));
		assert_int_equal(res.undo_failures, 0);
		assert_int_equal(model_vfs(f, v), 0);
	}
	/* And the same file applies once the fault is gone. */
	assert_int_equal(apply_conf(f, 3, "true", 2, &n, &res), 0);
	assert_int_equal(model_vfs(f, v), 3);
}

/* A failure while changing running VFs puts them back as they were. */
static void test_rollback_of_live_changes(void **state)
{
	struct fx *f = *state;
	struct sriov_apply_result res;
	struct vsi_view before[VFS_PER_PF], after[VFS_PER_PF];
	struct x710sim_aq_fault fault = {
		.pf = 0, .opcode = X710_AQC_ADD_VSI, .nth = 1,
		.kind = X710SIM_AQ_FAULT_FAIL, .rc = RC_EBUSY,
	};
	size_t n;

	assert_int_equal(apply_conf(f, 3, "true", 2, &n, &res), 0);
	model_vfs(f, before);
	/* VF-1 anti-spoof (step 1, live) then VF-2's MAC (step 2: its VSI is rebuilt). */
	assert_int_equal(x710sim_fault_aq(f->t.sim, &fault), 0);
	assert_int_not_equal(apply_conf(f, 3, "false", 0x22, &n, &res), 0);
	assert_int_equal(x710sim_fault_aq(f->t.sim, NULL), 0);
	assert_int_equal(n, 2);
	assert_int_equal(res.failed_step, 1);
	assert_int_equal(model_vfs(f, after), 3);
	assert_true(after[1].info.sec_flags & SEC_MAC_CHK);   /* step 1 undone */
	assert_int_equal(after[0].info.seid, before[0].info.seid);
	/* The failed step put VF-2 back: its VSI serves the old MAC filter again. */
	assert_true(after[2].present);
	assert_int_equal(after[2].info.n_filters, before[2].info.n_filters);
	/* And the live state still says what runs: re-applying it changes nothing. */
	assert_int_equal(apply_conf(f, 3, "true", 2, &n, &res), 0);
	assert_int_equal(n, 0);
}

#define RATE_CONF \
	CONF_HEAD \
	"VF-0 { mac-addr : \"02:00:00:00:05:00\"; max-tx-rate : %u; }\n" \
	"VF-1 { mac-addr : \"02:00:00:00:05:01\"; max-tx-rate : %u; }\n" \
	"VF-2 { mac-addr : \"02:00:00:00:05:%02x\"; }\n"
#define BURST_MAX_CREDIT 4      /* the backend's burst, as Linux's i40e (x710_policy.h) */

static int apply_rates(struct fx *f, unsigned int r0, unsigned int r1, unsigned int mac2,
		       size_t *n, struct sriov_apply_result *res)
{
	char text[512];

	snprintf(text, sizeof(text), RATE_CONF, 3u, r0, r1, mac2);
	return apply_text(f, text, n, res);
}

/* max-tx-rate of VF @vf as read_live reports it. */
static uint64_t live_rate(struct fx *f, uint16_t vf)
{
	const struct sriov_backend *be = &sriov_backend_x710;
	struct sriov_schema schema = { be->schema };
	struct sriov_live *live = NULL;
	struct sriov_error err = { 0 };
	int k = sriov_schema_find(&schema, SRIOV_SECTION_VF, "max-tx-rate");
	const union sriov_scalar *v;
	uint64_t rate;

	assert_true(k >= 0);
	assert_int_equal(be->ops->read_live(f->port, &schema, &live, &err), 0);
	v = sriov_live_get(live, SRIOV_SECTION_VF, vf, (size_t)k);
	assert_non_null(v);
	rate = v->u;
	sriov_live_free(live);
	return rate;
}

/* Credits are 50 Mbit/s rounded up: 120 -> 3 at creation (VSI built with
 * it), a live change reaches VF-1's VSI only (same SEID: no reset), 0 lifts
 * it; read_live gives back the configured Mbit/s. */
static void test_tx_rate_at_creation_and_live(void **state)
{
	struct fx *f = *state;
	struct sriov_apply_result res;
	struct vsi_view before[VFS_PER_PF], after[VFS_PER_PF];
	size_t n;

	assert_int_equal(apply_rates(f, 120, 0, 2, &n, &res), 0);
	assert_int_equal(model_vfs(f, before), 3);
	assert_int_equal(before[0].info.bw_credit, 3);
	assert_int_equal(before[0].info.bw_max_credit, BURST_MAX_CREDIT);
	assert_int_equal(before[1].info.bw_credit, 0);
	assert_int_equal(before[2].info.bw_credit, 0);
	assert_int_equal(live_rate(f, 0), 120);

	assert_int_equal(apply_rates(f, 120, 100, 2, &n, &res), 0);
	assert_int_equal(n, 1);
	assert_int_equal(model_vfs(f, after), 3);
	assert_int_equal(after[1].info.bw_credit, 2);
	assert_int_equal(after[1].info.bw_max_credit, BURST_MAX_CREDIT);
	assert_int_equal(after[1].info.bw_rate_bps, 100000000ull);
	for (unsigned int vf = 0; vf < 3; vf++) {
		assert_int_equal(after[vf].info.seid, before[vf].info.seid);
		assert_int_equal(after[vf].info.n_filters, before[vf].info.n_filters);
	}
	assert_int_equal(after[0].info.bw_credit, 3);
	assert_int_equal(live_rate(f, 1), 100);
	/* Converged: nothing to do. */
	assert_int_equal(apply_rates(f, 120, 100, 2, &n, &res), 0);
	assert_int_equal(n, 0);
	assert_int_equal(apply_rates(f, 0, 100, 2, &n, &res), 0);
	assert_int_equal(model_vfs(f, after), 3);
	assert_int_equal(after[0].info.bw_credit, 0);
	assert_int_equal(after[0].info.bw_max_credit, 0);
	assert_int_equal(after[1].info.bw_credit, 2);
}

/* The plan: a rate is a live change; one past the credit field is refused
 * before anything runs, by the schema (naming the limit) and by the backend. */
static void test_tx_rate_plan(void **state)
{
	struct fx *f = *state;
	const struct sriov_backend *be = &sriov_backend_x710;
	struct sriov_schema schema = { be->schema };
	struct sriov_conf *conf = sriov_conf_new();
	struct sriov_change c = { .section = SRIOV_SECTION_VF };
	int k = sriov_schema_find(&schema, SRIOV_SECTION_VF, "max-tx-rate");
	char text[512], msg[256];
	bool named = false;

	assert_true(k >= 0);
	c.param = (size_t)k;
	c.p = sriov_schema_param(&schema, SRIOV_SECTION_VF, c.param);
	c.new_value.u = 100;
	assert_int_equal(be->ops->change_mode(&c), SRIOV_CHANGE_LIVE);
	c.new_value.u = X710_TX_RATE_MAX_MBPS;
	assert_int_equal(be->ops->change_mode(&c), SRIOV_CHANGE_LIVE);
	c.new_value.u = X710_TX_RATE_MAX_MBPS + 1;
	assert_int_equal(be->ops->change_mode(&c), -ERANGE);

	snprintf(text, sizeof(text), RATE_CONF, 3u, X710_TX_RATE_MAX_MBPS + 1, 0u, 2u);
	assert_int_equal(sriov_conf_load_buffer(conf, "t.conf", text, strlen(text)), 0);
	assert_int_not_equal(sriov_conf_resolve(conf, &schema), 0);
	for (size_t i = 0; i < sriov_conf_diag_count(conf); i++) {
		sriov_diag_format(sriov_conf_diag(conf, i), msg, sizeof(msg));
		named |= strstr(msg, "max-tx-rate") && strstr(msg, "3276750");
	}
	assert_true(named);
	sriov_conf_free(conf);
	(void)f;
}

/* A failing step after a rate change undoes the rate; a refused bandwidth
 * command leaves the old limit and names the command. */
static void test_tx_rate_rollback(void **state)
{
	struct fx *f = *state;
	struct sriov_apply_result res;
	struct vsi_view v[VFS_PER_PF];
	struct x710sim_aq_fault add_vsi = {
		.pf = 0, .opcode = X710_AQC_ADD_VSI, .nth = 1,
		.kind = X710SIM_AQ_FAULT_FAIL, .rc = RC_EBUSY,
	};
	struct x710sim_aq_fault bw = {
		.pf = 0, .opcode = X710_AQC_CONFIG_VSI_BW_LIMIT, .nth = 1,
		.kind = X710SIM_AQ_FAULT_FAIL, .rc = RC_EBUSY,
	};
	size_t n;

	assert_int_equal(apply_rates(f, 200, 0, 2, &n, &res), 0);
	/* VF-1's rate (step 1, live) then VF-2's MAC whose rebuild fails. */
	assert_int_equal(x710sim_fault_aq(f->t.sim, &add_vsi), 0);
	assert_int_not_equal(apply_rates(f, 200, 500, 0x22, &n, &res), 0);
	assert_int_equal(x710sim_fault_aq(f->t.sim, NULL), 0);
	assert_int_equal(n, 2);
	assert_int_equal(res.failed_step, 1);
	assert_int_equal(res.undo_failures, 0);
	assert_int_equal(model_vfs(f, v), 3);
	assert_int_equal(v[1].info.bw_credit, 0);
	assert_int_equal(v[0].info.bw_credit, 4);
	assert_int_equal(live_rate(f, 1), 0);

	assert_int_equal(x710sim_fault_aq(f->t.sim, &bw), 0);
	assert_int_equal(apply_rates(f, 1000, 0, 2, &n, &res), -EBUSY);
	assert_int_equal(x710sim_fault_aq(f->t.sim, NULL), 0);
	assert_non_null(strstr(res.error.message, "config_vsi_bw_limit (0x0400) failed: EBUSY"));
	assert_int_equal(model_vfs(f, v), 3);
	assert_int_equal(v[0].info.bw_credit, 4);
	assert_int_equal(live_rate(f, 0), 200);
	/* The live state still says what runs. */
	assert_int_equal(apply_rates(f, 200, 0, 2, &n, &res), 0);
	assert_int_equal(n, 0);
}

/* VF-1 goes through an FLR while active: one serve pass sees VFLR, clears
 * its GLGEN_VFLRSTAT bit and rebuilds it once (a second add_vsi would fail),
 * and the virtchnl host forgets the VF's session. */
static void test_vflr_rebuilds_once(void **state)
{
	struct fx *f = *state;
	struct sriov_apply_result res;
	struct vsi_view v[VFS_PER_PF];
	struct tf_vf_aq q;
	struct virtchnl_queue_select qs = { 0 };
	uint8_t buf[TF_VF_AQ_BUF];
	int32_t status = 0;
	unsigned int abs, i;
	size_t n;

	assert_int_equal(apply_conf(f, 3, "true", 2, &n, &res), 0);
	assert_int_equal(model_vfs(f, v), 3);
	abs = (unsigned int)v[1].info.vf_abs;
	tf_vf_aq_init(&f->t, &q, 1);
	vfh_init(&f->t, f->port, &q);

	struct x710sim_aq_fault second_add_vsi = {
		.pf = 0, .opcode = X710_AQC_ADD_VSI, .nth = 2,
		.kind = X710SIM_AQ_FAULT_FAIL, .rc = RC_EBUSY,
	};
	assert_int_equal(x710sim_fault_aq(f->t.sim, &second_add_vsi), 0);
	assert_int_equal(x710sim_vf_flr(f->t.sim, 0, 1), 0);
	x710sim_poll(f->t.sim);
	assert_true(tf_pf_rd(&f->t, X710_GLGEN_VFLRSTAT(abs / 32)) & (1u << (abs % 32)));
	for (i = 0; i < FLR_PASSES; i++) {
		assert_true(x710_port_serve_pass(f->port) >= 0);
		x710sim_poll(f->t.sim);
		if ((tf_vf_rd(&f->t, 1, X710_VFGEN_RSTAT) & X710_VFGEN_RSTAT_VFR_STATE_MASK) ==
		    X710_VFR_VFACTIVE)
			break;
	}
	assert_true(i < FLR_PASSES);
	assert_int_equal(x710sim_fault_aq(f->t.sim, NULL), 0);
	assert_false(tf_pf_rd(&f->t, X710_GLGEN_VFLRSTAT(abs / 32)) & (1u << (abs % 32)));
	assert_int_equal(model_vfs(f, v), 3);
	assert_true(v[1].present);

	/* The VF re-initialises its admin queue; its old session is gone. */
	tf_vf_aq_fini(&q);
	tf_vf_aq_init(&f->t, &q, 1);
	qs.vsi_id = (uint16_t)v[1].info.vsi_num;
	assert_true(vfh_call(&f->t, f->port, &q, VIRTCHNL_OP_GET_STATS, &qs, sizeof(qs), buf,
			     sizeof(buf), &status) >= 0);
	assert_int_equal(status, VIRTCHNL_STATUS_ERR_PARAM);
	vfh_init(&f->t, f->port, &q);
	tf_vf_aq_fini(&q);
}

/* vf_status reads the link the port keeps: no get_link_status per request
 * (a failing one is not seen), and a link event from the port updates it. */
static void test_link_kept_from_events(void **state)
{
	struct fx *f = *state;
	struct sriov_apply_result res;
	struct sriov_vf_status st;
	size_t n;
	int i;

	assert_int_equal(apply_conf(f, 3, "true", 2, &n, &res), 0);
	struct x710sim_aq_fault link_fails = {
		.pf = 0, .opcode = X710_AQC_GET_LINK_STATUS, .nth = 1,
		.kind = X710SIM_AQ_FAULT_FAIL, .rc = RC_EBUSY,
	};
	assert_int_equal(x710sim_fault_aq(f->t.sim, &link_fails), 0);
	assert_int_equal(sriov_x710_backend_ops.vf_status(f->port, 0, &st), 0);
	assert_true(st.present & SRIOV_STATUS_LINK);
	assert_true(st.link_up);
	assert_int_equal(x710sim_fault_aq(f->t.sim, NULL), 0);

	for (int up = 0; up <= 1; up++) {
		assert_int_equal(x710sim_set_link(f->t.sim, 0, up), 0);
		x710sim_poll(f->t.sim);
		for (i = 0; i < FLR_PASSES; i++) {
			assert_true(x710_port_serve_pass(f->port) >= 0);
			assert_int_equal(sriov_x710_backend_ops.vf_status(f->port, 2, &st), 0);
			if (st.link_up == (up == 1))
				break;
			x710sim_poll(f->t.sim);
		}
		assert_true(i < FLR_PASSES);
	}
}

/* A PF whose firmware holds a PHY event mask an earlier driver left (all
 * events masked): the port clears it at open, so link changes still reach
 * it as events. */
static void test_link_events_despite_a_left_mask(void **state)
{
	struct fx *f = *state;
	struct x710_hw hw = { .os = f->t.hw->os };
	struct x710_pf_params p = { .pf_id = 0 };
	struct sriov_error err = { 0 };
	int i;

	sriov_x710_backend_ops.close(f->port);
	f->port = NULL;
	assert_int_equal(x710_pf_init(&hw, &p), 0);
	assert_int_equal(x710_aq_set_phy_int_mask(&hw, 0xFFFF), 0);
	x710_pf_shutdown(&hw);
	assert_int_equal(x710_port_open_osdep(&f->t.hw->os, 0, 0, &f->port, &err), 0);
	assert_int_equal(x710sim_set_link(f->t.sim, 0, false), 0);
	x710sim_poll(f->t.sim);
	for (i = 0; i < FLR_PASSES && x710_port_serve_pass(f->port) == 0; i++)
		x710sim_poll(f->t.sim);
	assert_true(i < FLR_PASSES);   /* the link event came */
}

/* Detached with its admin queue in kept memory, the PF's ARQ keeps running:
 * a link change while no owner runs is the first event the adopter serves. */
static void test_adopt_serves_events_posted_meanwhile(void **state)
{
	struct fx *f = *state;
	struct sriov_error err = { 0 };

	sriov_x710_backend_ops.close(f->port);
	f->t.os_sim.keep_memory = true;
	assert_int_equal(x710_port_open_osdep(&f->t.hw->os, 0, 0, &f->port, &err), 0);
	sriov_x710_backend_ops.detach(f->port);
	f->port = NULL;
	assert_int_equal(x710sim_set_link(f->t.sim, 0, false), 0);
	x710sim_poll(f->t.sim);
	assert_int_equal(x710_port_adopt_osdep(&f->t.hw->os, 0, 0, &f->port, &err), 0);
	assert_int_equal(x710_port_serve_pass(f->port), 1);   /* the queued link event */
	assert_int_equal(x710_port_serve_pass(f->port), 0);
	/* A fresh owner instead of an adopter would have found nothing queued. */
	sriov_x710_backend_ops.detach(f->port);
	f->port = NULL;
	assert_int_equal(x710sim_set_link(f->t.sim, 0, true), 0);
	x710sim_poll(f->t.sim);
	assert_int_equal(x710_port_open_osdep(&f->t.hw->os, 0, 0, &f->port, &err), 0);
	assert_int_equal(x710_port_serve_pass(f->port), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_then_noop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_changes_touch_one_vf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_change_recreates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_every_vf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rollback_of_live_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vflr_rebuilds_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_rate_at_creation_and_live, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_rate_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tx_rate_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_kept_from_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_events_despite_a_left_mask, setup, teardown),
		cmocka_unit_test_setup_teardown(test_adopt_serves_events_posted_meanwhile, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
