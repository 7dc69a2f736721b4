/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Switch commands (x710-hardware.md §3.4, §3.5): switch config, VEB, VSIs
 * with their properties (security flags, ALLOW_LB, queue map), MAC-VLAN
 * filters and promiscuous modes, as a DPDK-style PF issues them.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sim_test_fixture.h"

#define VFS 4

struct t {
	struct fx fx;
	struct fx_aq pf;
	uint16_t main_seid, mac_seid;
};

static int setup(void **state)
{
	static struct t t;
	uint8_t buf[512];
	struct x710_aq_desc d;
	struct x710_aqc_switch_config_elem e;

	fx_setup(&t.fx, 2, VFS);
	fx_aq_init(&t.fx, &t.pf, fx_pf(0));
	memset(buf, 0, sizeof(buf));
	fx_desc(&d, X710_AQC_GET_SWITCH_CONFIG);
	assert_int_equal(fx_aq_send(&t.pf, &d, buf, sizeof(buf)), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	memcpy(&e, buf + 16, sizeof(e));
	/* DPDK takes element 0 as the main VSI and its uplink as the MAC. */
	assert_int_equal(e.element_type, X710_AQ_SW_ELEM_TYPE_VSI);
	t.main_seid = e.seid;
	t.mac_seid = e.uplink_seid;
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	struct t *t = *state;

	fx_aq_fini(&t->pf);
	fx_teardown(&t->fx);
	return 0;
}

static uint16_t add_veb(struct t *t)
{
	struct x710_aq_desc d;
	struct x710_aqc_add_veb cmd = { .uplink_seid = t->mac_seid, .downlink_seid = t->main_seid };
	struct x710_aqc_add_veb_completion r;

	fx_desc(&d, X710_AQC_ADD_VEB);
	memcpy(d.params.raw, &cmd, sizeof(cmd));
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	memcpy(&r, d.params.raw, sizeof(r));
	assert_int_not_equal(r.veb_seid, 0);
	return r.veb_seid;
}

/* add_vsi of VF `abs` under `uplink`, with security and switch sections. */
static int add_vf_vsi(struct t *t, uint16_t uplink, uint8_t abs, uint8_t sec,
		      struct x710_aqc_add_get_update_vsi_completion *r)
{
	uint8_t props[X710_VSI_PROPS_SIZE];
	struct x710_aq_desc d;
	struct x710_aqc_add_get_update_vsi cmd = {
		.uplink_seid = uplink, .connection_type = 1, .vf_id = abs,
		.vsi_flags = X710_AQ_VSI_TYPE_VF,
	};
	uint16_t valid = X710_AQ_VSI_PROP_SWITCH_VALID | X710_AQ_VSI_PROP_SECURITY_VALID |
			 X710_AQ_VSI_PROP_QUEUE_MAP_VALID;
	uint16_t sw = X710_AQ_VSI_SW_ID_FLAG_ALLOW_LB, map = X710_AQ_VSI_QUE_MAP_NONCONTIG;
	uint16_t tc0 = 2 << X710_AQ_VSI_TC_QUE_NUMBER_SHIFT;   /* 4 queues */

	memset(props, 0, sizeof(props));
	memcpy(props + X710_VSI_PROP_VALID_SECTIONS, &valid, 2);
	memcpy(props + X710_VSI_PROP_SWITCH_ID, &sw, 2);
	props[X710_VSI_PROP_SEC_FLAGS] = sec;
	memcpy(props + X710_VSI_PROP_MAPPING_FLAGS, &map, 2);
	for (uint16_t i = 0; i < 4; i++) {
		uint16_t q = (uint16_t)(40 + 2 * i);

		memcpy(props + X710_VSI_PROP_QUEUE_MAPPING + 2 * i, &q, 2);
	}
	memcpy(props + X710_VSI_PROP_TC_MAPPING, &tc0, 2);
	fx_desc(&d, X710_AQC_ADD_VSI);
	memcpy(d.params.raw, &cmd, 8);
	assert_int_equal(fx_aq_send(&t->pf, &d, props, sizeof(props)), 0);
	memcpy(r, d.params.raw, sizeof(*r));
	return d.retval;
}

static void vf_vsi_keeps_security_flags_and_queue_map(void **state)
{
	struct t *t = *state;
	struct x710_aqc_add_get_update_vsi_completion r;
	struct x710sim_vsi_info info;
	uint16_t veb = add_veb(t);

	assert_int_equal(add_vf_vsi(t, veb, 2, X710_AQ_VSI_SEC_FLAG_ENABLE_MAC_CHK |
				    X710_AQ_VSI_SEC_FLAG_ENABLE_VLAN_CHK, &r), X710_AQ_RC_OK);
	assert_int_equal(x710sim_vsi_info(t->fx.sim, r.vsi_number, &info), 0);
	assert_int_equal(info.seid, r.seid);
	assert_int_equal(info.vf_abs, 2);
	assert_int_equal(info.vf, 2);             /* PF 0's VFs start at absolute 0 */
	assert_false(info.has_mac);               /* no MAC filter yet */
	assert_int_equal(info.type, 0);
	assert_int_equal(info.uplink_seid, veb);
	assert_int_equal(info.sec_flags, 0x06);
	assert_int_equal(info.num_queues, 4);

	/* update_vsi with only SECURITY_VALID turns spoof checking off. */
	uint8_t props[X710_VSI_PROPS_SIZE] = { 0 };
	uint16_t valid = X710_AQ_VSI_PROP_SECURITY_VALID;
	struct x710_aq_desc d;
	struct x710_aqc_add_get_update_vsi cmd = { .uplink_seid = r.seid };

	memcpy(props, &valid, 2);
	fx_desc(&d, X710_AQC_UPDATE_VSI_PARAMETERS);
	memcpy(d.params.raw, &cmd, 8);
	assert_int_equal(fx_aq_send(&t->pf, &d, props, sizeof(props)), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	assert_int_equal(x710sim_vsi_info(t->fx.sim, r.vsi_number, &info), 0);
	assert_int_equal(info.sec_flags, 0);
	assert_int_equal(info.num_queues, 4);               /* other sections kept */

	/* get_vsi_parameters returns the stored properties and the FW part. */
	memset(props, 0xAA, sizeof(props));
	fx_desc(&d, X710_AQC_GET_VSI_PARAMETERS);
	memcpy(d.params.raw, &cmd, 8);
	assert_int_equal(fx_aq_send(&t->pf, &d, props, sizeof(props)), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	assert_int_equal(props[X710_VSI_PROP_SEC_FLAGS], 0);
	uint16_t sw, stat;

	memcpy(&sw, props + X710_VSI_PROP_SWITCH_ID, 2);
	memcpy(&stat, props + X710_VSI_PROP_STAT_COUNTER_IDX, 2);
	assert_true(sw & X710_AQ_VSI_SW_ID_FLAG_ALLOW_LB);
	assert_true(stat < 384);
}

static void add_vsi_checks_vf_and_uplink(void **state)
{
	struct t *t = *state;
	struct x710_aqc_add_get_update_vsi_completion r;

	/* Absolute VF 4 belongs to PF 1. */
	assert_int_equal(add_vf_vsi(t, t->mac_seid, VFS, 0, &r), X710_AQ_RC_EINVAL);
	/* SEID 9 is nothing. */
	assert_int_equal(add_vf_vsi(t, 9, 1, 0, &r), X710_AQ_RC_EINVAL);
	assert_int_equal(add_vf_vsi(t, t->mac_seid, 1, 0, &r), X710_AQ_RC_OK);
}

static void veb_parameters_and_delete(void **state)
{
	struct t *t = *state;
	uint16_t veb = add_veb(t);
	struct x710_aq_desc d;
	struct x710_aqc_get_veb_parameters_completion g;

	fx_desc(&d, X710_AQC_GET_VEB_PARAMETERS);
	memcpy(d.params.raw, &veb, 2);
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	memcpy(&g, d.params.raw, sizeof(g));
	assert_int_equal(g.seid, veb);
	assert_int_equal(g.vebs_used, 1);

	fx_desc(&d, X710_AQC_DELETE_ELEMENT);
	memcpy(d.params.raw, &veb, 2);
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	fx_desc(&d, X710_AQC_GET_VEB_PARAMETERS);
	memcpy(d.params.raw, &veb, 2);
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_EINVAL);
}

static int macvlan(struct t *t, uint16_t op, uint16_t seid, void *elems, uint16_t n)
{
	struct x710_aq_desc d;
	struct x710_aqc_macvlan cmd = { .num_addresses = n };

	cmd.seid[0] = (uint16_t)(seid | X710_AQC_MACVLAN_CMD_SEID_VALID);
	fx_desc(&d, op);
	memcpy(d.params.raw, &cmd, 8);
	assert_int_equal(fx_aq_send(&t->pf, &d, elems, (uint16_t)(16 * n)), 0);
	return d.retval;
}

static void macvlan_filters_fill_up_with_enospc(void **state)
{
	struct t *t = *state;
	struct x710_aqc_add_get_update_vsi_completion r;
	struct x710_aqc_add_macvlan_elem e;
	struct x710sim_vsi_info info;
	unsigned int n = 0;
	int rc;

	assert_int_equal(add_vf_vsi(t, t->mac_seid, 1, 0, &r), X710_AQ_RC_OK);
	do {
		memset(&e, 0, sizeof(e));
		e.mac_addr[0] = 0x02;
		e.mac_addr[4] = (uint8_t)(n >> 8);
		e.mac_addr[5] = (uint8_t)n;
		e.flags = X710_AQC_MACVLAN_ADD_PERFECT_MATCH | X710_AQC_MACVLAN_ADD_IGNORE_VLAN;
		rc = macvlan(t, X710_AQC_ADD_MACVLAN, r.seid, &e, 1);
		n++;
	} while (rc == X710_AQ_RC_OK && n < 1000);
	assert_int_equal(rc, X710_AQ_RC_ENOSPC);
	assert_int_equal(e.match_method, X710_AQC_MM_ERR_NO_RES);
	assert_int_equal(x710sim_vsi_info(t->fx.sim, r.vsi_number, &info), 0);
	assert_int_equal(info.n_filters, n - 1);

	struct x710_aqc_remove_macvlan_elem rm = { .flags = X710_AQC_MACVLAN_DEL_PERFECT_MATCH |
						   X710_AQC_MACVLAN_DEL_IGNORE_VLAN };

	rm.mac_addr[0] = 0x02;
	assert_int_equal(macvlan(t, X710_AQC_REMOVE_MACVLAN, r.seid, &rm, 1), X710_AQ_RC_OK);
	assert_int_equal(rm.error_code, X710_AQC_REMOVE_MACVLAN_SUCCESS);
	assert_int_equal(macvlan(t, X710_AQC_REMOVE_MACVLAN, r.seid, &rm, 1), X710_AQ_RC_ENOENT);
	assert_int_equal(rm.error_code, X710_AQC_REMOVE_MACVLAN_FAIL);
}

static void macvlan_checks_count_against_buffer(void **state)
{
	struct t *t = *state;
	struct x710_aq_desc d;
	struct x710_aqc_add_macvlan_elem e = { .flags = X710_AQC_MACVLAN_ADD_PERFECT_MATCH };
	struct x710_aqc_macvlan cmd = { .num_addresses = 5 };

	cmd.seid[0] = (uint16_t)(t->main_seid | X710_AQC_MACVLAN_CMD_SEID_VALID);
	fx_desc(&d, X710_AQC_ADD_MACVLAN);
	memcpy(d.params.raw, &cmd, 8);
	assert_int_equal(fx_aq_send(&t->pf, &d, &e, sizeof(e)), 0);
	assert_int_equal(d.retval, X710_AQ_RC_EINVAL);
}

static void promiscuous_flags_change_only_where_valid(void **state)
{
	struct t *t = *state;
	struct x710_aq_desc d;
	struct x710sim_vsi_info info;
	struct x710_aqc_set_vsi_promisc p = {
		.promiscuous_flags = X710_AQC_SET_VSI_PROMISC_UNICAST | X710_AQC_SET_VSI_PROMISC_MULTICAST,
		.valid_flags = X710_AQC_SET_VSI_PROMISC_UNICAST | X710_AQC_SET_VSI_PROMISC_MULTICAST,
		.seid = t->main_seid,
	};

	fx_desc(&d, X710_AQC_SET_VSI_PROMISC_MODES);
	memcpy(d.params.raw, &p, sizeof(p));
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	p.promiscuous_flags = 0;
	p.valid_flags = X710_AQC_SET_VSI_PROMISC_MULTICAST;
	fx_desc(&d, X710_AQC_SET_VSI_PROMISC_MODES);
	memcpy(d.params.raw, &p, sizeof(p));
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(x710sim_vsi_info(t->fx.sim, t->main_seid - 512, &info), 0);
	assert_int_equal(info.promisc_flags, X710_AQC_SET_VSI_PROMISC_UNICAST);
}

static uint16_t le16_at(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

/* Switch answers read at the byte offsets of i40e_adminq_cmd.h, written
 * out here: switch config header (num_reported @0, num_total @2) and 16-byte
 * elements (type @0, revision @1, seid @2, uplink @4, downlink @6,
 * connection_type @11); add_vsi completion (seid @0, vsi_number @2,
 * vsi_used @4, vsi_free @6); MAC-VLAN add element (vlan @6, flags @8 as
 * u16, match_method @12) and remove element (flags @8 as u8, error_code @12). */
static void switch_answers_sit_at_the_reference_byte_offsets(void **state)
{
	struct t *t = *state;
	struct x710_aqc_add_get_update_vsi_completion r;
	uint8_t buf[512], elem[16];
	struct x710_aq_desc d;
	uint16_t vf_seid;

	memset(buf, 0, sizeof(buf));
	fx_desc(&d, X710_AQC_GET_SWITCH_CONFIG);
	assert_int_equal(fx_aq_send(&t->pf, &d, buf, sizeof(buf)), 0);
	assert_true(le16_at(buf) >= 3 && le16_at(buf) == le16_at(buf + 2));
	assert_int_equal(buf[16 + 0], 19);                  /* SW_ELEM_TYPE_VSI */
	assert_int_equal(buf[16 + 1], 1);                   /* SW_ELEM_REV_1 */
	assert_int_equal(le16_at(buf + 16 + 2), t->main_seid);
	assert_int_equal(le16_at(buf + 16 + 4), t->mac_seid);
	assert_int_not_equal(le16_at(buf + 16 + 6), 0);     /* the PF's SEID */
	assert_int_equal(buf[16 + 11], 1);                  /* CONN_TYPE_REGULAR */

	assert_int_equal(add_vf_vsi(t, t->mac_seid, 1, 0, &r), X710_AQ_RC_OK);
	memcpy(buf, &r, sizeof(r));
	vf_seid = le16_at(buf);
	assert_int_not_equal(vf_seid, 0);
	assert_true(le16_at(buf + 2) < 384);                /* vsi_number */
	assert_int_equal(le16_at(buf + 4) + le16_at(buf + 6), 384);

	memset(elem, 0, sizeof(elem));
	elem[0] = 0x02;
	elem[5] = 0x42;
	elem[6] = 7;                                        /* vlan_tag 7 */
	elem[8] = 0x01;                                     /* ADD_PERFECT_MATCH */
	assert_int_equal(macvlan(t, X710_AQC_ADD_MACVLAN, vf_seid, elem, 1), X710_AQ_RC_OK);
	assert_int_equal(elem[12], 0x01);                   /* MM_PERFECT_MATCH */

	memset(elem + 8, 0, 8);
	elem[8] = 0x01;                                     /* DEL_PERFECT_MATCH */
	assert_int_equal(macvlan(t, X710_AQC_REMOVE_MACVLAN, vf_seid, elem, 1), X710_AQ_RC_OK);
	assert_int_equal(elem[12], 0x00);                   /* REMOVE_MACVLAN_SUCCESS */
	assert_int_equal(macvlan(t, X710_AQC_REMOVE_MACVLAN, vf_seid, elem, 1), X710_AQ_RC_ENOENT);
	assert_int_equal(elem[12], 0xFF);                   /* REMOVE_MACVLAN_FAIL */
}

/* 0x0252/0x0253 with n 8-byte elements {vlan_tag, flags, rsvd, result, rsvd[3]}. */
static uint16_t vlan_cmd(struct t *t, uint16_t opcode, const uint16_t *vids, unsigned int n,
			 uint8_t *elems, uint16_t *used)
{
	struct x710_aq_desc d;
	struct x710_aqc_macvlan cmd = {
		.num_addresses = (uint16_t)n,
		.seid = { t->main_seid | X710_AQC_MACVLAN_CMD_SEID_VALID },
	};

	memset(elems, 0, 8 * n);
	for (unsigned int i = 0; i < n; i++)
		memcpy(elems + 8 * i, &vids[i], 2);
	fx_desc(&d, opcode);
	memcpy(d.params.raw, &cmd, sizeof(cmd));
	assert_int_equal(fx_aq_send(&t->pf, &d, elems, (uint16_t)(8 * n)), 0);
	memcpy(used, d.params.raw + 4, 2);                 /* vlans_used */
	return d.retval;
}

static void vlan_table_add_and_remove(void **state)
{
	struct t *t = *state;
	const uint16_t add[] = { 100, 200, 100 }, bad[] = { 300, 4096 }, rm[] = { 200, 7 };
	uint8_t e[64];
	uint16_t used;

	assert_int_equal(vlan_cmd(t, X710_AQC_ADD_VLAN, add, 3, e, &used), X710_AQ_RC_OK);
	assert_int_equal(used, 2);                          /* 100 once */
	assert_int_equal(e[4], 0);
	assert_int_equal(e[8 + 4], 0);
	/* VLAN id past 12 bits: that element fails (FAIL_REQUEST), the others apply. */
	assert_int_equal(vlan_cmd(t, X710_AQC_ADD_VLAN, bad, 2, e, &used), X710_AQ_RC_EINVAL);
	assert_int_equal(e[4], 0);
	assert_int_equal(e[8 + 4], 0xFE);
	assert_int_equal(used, 3);
	/* Remove: 200 goes, 7 was never there (FAIL 0xFF, ENOENT). */
	assert_int_equal(vlan_cmd(t, X710_AQC_REMOVE_VLAN, rm, 2, e, &used), X710_AQ_RC_ENOENT);
	assert_int_equal(e[4], 0);
	assert_int_equal(e[8 + 4], 0xFF);
	assert_int_equal(used, 2);

	/* Fewer bytes than num_addresses elements: EINVAL, nothing changes. */
	struct x710_aq_desc d;
	struct x710_aqc_macvlan cmd = {
		.num_addresses = 4,
		.seid = { t->main_seid | X710_AQC_MACVLAN_CMD_SEID_VALID },
	};
	fx_desc(&d, X710_AQC_ADD_VLAN);
	memcpy(d.params.raw, &cmd, sizeof(cmd));
	assert_int_equal(fx_aq_send(&t->pf, &d, e, 16), 0);
	assert_int_equal(d.retval, X710_AQ_RC_EINVAL);
	assert_int_equal(vlan_cmd(t, X710_AQC_REMOVE_VLAN, add, 1, e, &used), X710_AQ_RC_OK);
	assert_int_equal(used, 1);                          /* 300 left */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(vf_vsi_keeps_security_flags_and_queue_map, setup, teardown),
		cmocka_unit_test_setup_teardown(vlan_table_add_and_remove, setup, teardown),
		cmocka_unit_test_setup_teardown(add_vsi_checks_vf_and_uplink, setup, teardown),
		cmocka_unit_test_setup_teardown(veb_parameters_and_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(macvlan_filters_fill_up_with_enospc, setup, teardown),
		cmocka_unit_test_setup_teardown(macvlan_checks_count_against_buffer, setup, teardown),
		cmocka_unit_test_setup_teardown(promiscuous_flags_change_only_where_valid, setup, teardown),
		cmocka_unit_test_setup_teardown(switch_answers_sit_at_the_reference_byte_offsets, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
