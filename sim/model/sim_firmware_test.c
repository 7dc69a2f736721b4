/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The PF firmware commands of x710-hardware.md §3.2 other than the switch:
 * capabilities, MAC address, link status and its event, resources.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sim_test_fixture.h"

#define VFS 8

static int setup(void **state)
{
	static struct fx_pf_env t;

	fx_pf_env_setup(&t, 2, VFS, 1);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	fx_pf_env_teardown(*state);
	return 0;
}

static const struct x710_aqc_cap_elem *find_cap(const uint8_t *buf, unsigned int n, uint16_t id)
{
	for (unsigned int i = 0; i < n; i++) {
		const struct x710_aqc_cap_elem *e = (const void *)(buf + 32 * i);

		if (e->id == id)
			return e;
	}
	return NULL;
}

static void capabilities_describe_this_pf(void **state)
{
	struct fx_pf_env *t = *state;
	static uint8_t buf[4096];
	struct x710_aq_desc d;
	struct x710_aqc_list_caps cmd;
	const struct x710_aqc_cap_elem *e;

	fx_desc(&d, X710_AQC_LIST_FUNC_CAPABILITIES);
	assert_int_equal(fx_aq_send(&t->pf, &d, buf, sizeof(buf)), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	memcpy(&cmd, d.params.raw, sizeof(cmd));
	assert_true(cmd.count >= 8);
	e = find_cap(buf, cmd.count, X710_AQ_CAP_VF);
	assert_non_null(e);
	assert_int_equal(e->number, VFS);
	assert_int_equal(e->logical_id, 1 * VFS);          /* vf_base_id of PF 1 */
	e = find_cap(buf, cmd.count, X710_AQ_CAP_TXQ);
	assert_non_null(e);
	assert_int_equal(e->number, 1536 / 2);
	assert_int_equal(e->phys_id, 1536 / 2);             /* base_queue of PF 1 */
	e = find_cap(buf, cmd.count, X710_AQ_CAP_RXQ);
	assert_non_null(e);
	assert_int_equal(e->phys_id, 1536 / 2);
	assert_non_null(find_cap(buf, cmd.count, X710_AQ_CAP_SRIOV));
	e = find_cap(buf, cmd.count, X710_AQ_CAP_VF_MSIX);
	assert_non_null(e);
	assert_true(e->number >= 2);
}

static void small_capability_buffer_gets_enomem_and_the_size(void **state)
{
	struct fx_pf_env *t = *state;
	uint8_t buf[64];
	struct x710_aq_desc d;
	struct x710_aqc_list_caps cmd;

	fx_desc(&d, X710_AQC_LIST_FUNC_CAPABILITIES);
	assert_int_equal(fx_aq_send(&t->pf, &d, buf, sizeof(buf)), 0);
	assert_int_equal(d.retval, X710_AQ_RC_ENOMEM);
	assert_true(d.flags & X710_AQ_FLAG_ERR);
	memcpy(&cmd, d.params.raw, sizeof(cmd));
	assert_int_equal(d.datalen, cmd.count * 32);
	assert_true(d.datalen > sizeof(buf));
}

static void mac_address_read_gives_the_port_mac(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710_aqc_mac_address_read_data mac;
	struct x710_aqc_mac_address_read cmd;
	struct x710_aq_desc d;
	struct x710sim_params p;

	x710sim_params_default(&p);
	p.base_mac[5] += 1;                                 /* port 1 = base + 1 */
	memset(&mac, 0, sizeof(mac));
	fx_desc(&d, X710_AQC_MAC_ADDRESS_READ);
	assert_int_equal(fx_aq_send(&t->pf, &d, &mac, sizeof(mac)), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	memcpy(&cmd, d.params.raw, sizeof(cmd));
	assert_true(cmd.command_flags & X710_AQC_LAN_ADDR_VALID);
	assert_memory_equal(mac.pf_lan_mac, p.base_mac, 6);
	assert_memory_equal(mac.port_mac, p.base_mac, 6);
}

static void link_is_up_at_10g_and_events_follow_faults(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710_aq_desc d, ev;
	struct x710_aqc_get_link_status ls;

	fx_desc(&d, X710_AQC_GET_LINK_STATUS);
	d.params.raw[0] = X710_AQ_LSE_ENABLE;
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	memcpy(&ls, d.params.raw, sizeof(ls));
	assert_true(ls.link_info & X710_AQ_LINK_UP_FUNCTION);
	assert_int_equal(ls.link_speed, X710_AQ_LINK_SPEED_10GB);
	assert_true(ls.command_flags & X710_AQ_LSE_IS_ENABLED);

	fx_w32(&t->fx, fx_pf(1), X710_PFINT_ICR0_ENA, X710_PFINT_ICR0_ADMINQ_MASK);
	x710sim_poll(t->fx.sim);
	assert_int_equal(x710sim_set_link(t->fx.sim, 1, false), 0);
	assert_int_equal(fx_arq_recv(&t->pf, &ev, NULL, 0), 0);
	assert_int_equal(ev.opcode, X710_AQC_GET_LINK_STATUS);
	memcpy(&ls, ev.params.raw, sizeof(ls));
	assert_false(ls.link_info & X710_AQ_LINK_UP_FUNCTION);
	assert_int_equal(fx_irq_count(&t->fx, fx_pf(1), 0), 1);

	fx_desc(&d, X710_AQC_GET_LINK_STATUS);
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	memcpy(&ls, d.params.raw, sizeof(ls));
	assert_false(ls.link_info & X710_AQ_LINK_UP_FUNCTION);

	/* Masked with set_phy_int_mask: no event. */
	fx_desc(&d, X710_AQC_SET_PHY_INT_MASK);
	d.params.raw[8] = X710_AQ_EVENT_LINK_UPDOWN;
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	assert_int_equal(x710sim_set_link(t->fx.sim, 1, true), 0);
	assert_int_equal(fx_arq_recv(&t->pf, &ev, NULL, 0), -EAGAIN);
}

/* get_link_status with LSE on; the answer says it is. */
static void lse_on(struct fx_pf_env *t)
{
	struct x710_aq_desc d;
	struct x710_aqc_get_link_status ls;

	fx_desc(&d, X710_AQC_GET_LINK_STATUS);
	d.params.raw[0] = X710_AQ_LSE_ENABLE;
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	memcpy(&ls, d.params.raw, sizeof(ls));
	assert_true(ls.command_flags & X710_AQ_LSE_IS_ENABLED);
}

static void set_phy_int_mask(struct fx_pf_env *t, uint16_t mask)
{
	struct x710_aq_desc d;
	struct x710_aqc_set_phy_int_mask m = { .event_mask = mask };

	fx_desc(&d, X710_AQC_SET_PHY_INT_MASK);
	memcpy(d.params.raw, &m, sizeof(m));
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
}

/* 0x0613 replaces the whole mask: every bit but LINK_UPDOWN masked keeps
 * link events coming (what i40e sends), all bits masked stops them, and
 * unmasking again brings them back; a PF reset returns to the default
 * (nothing masked) and LSE off. */
static void phy_int_mask_gates_link_events(void **state)
{
	struct fx_pf_env *t = *state;
	struct x710_aq_desc ev;
	struct x710_aqc_get_link_status ls;

	set_phy_int_mask(t, (uint16_t)~X710_AQ_EVENTS_I40E_WANTS);
	lse_on(t);
	assert_int_equal(x710sim_set_link(t->fx.sim, 1, false), 0);
	assert_int_equal(fx_arq_recv(&t->pf, &ev, NULL, 0), 0);
	assert_int_equal(ev.opcode, X710_AQC_GET_LINK_STATUS);
	memcpy(&ls, ev.params.raw, sizeof(ls));
	assert_false(ls.link_info & X710_AQ_LINK_UP_FUNCTION);

	set_phy_int_mask(t, 0xFFFF);
	assert_int_equal(x710sim_set_link(t->fx.sim, 1, true), 0);
	assert_int_equal(fx_arq_recv(&t->pf, &ev, NULL, 0), -EAGAIN);

	set_phy_int_mask(t, X710_AQ_EVENT_MEDIA_NA);   /* LINK_UPDOWN unmasked again */
	assert_int_equal(x710sim_set_link(t->fx.sim, 1, false), 0);
	assert_int_equal(fx_arq_recv(&t->pf, &ev, NULL, 0), 0);
	assert_int_equal(ev.opcode, X710_AQC_GET_LINK_STATUS);
	memcpy(&ls, ev.params.raw, sizeof(ls));
	assert_false(ls.link_info & X710_AQ_LINK_UP_FUNCTION);
}

static void nvm_resource_is_exclusive_between_pfs(void **state)
{
	struct fx_pf_env *t = *state;
	struct fx_aq pf0;
	struct x710_aq_desc d;

	fx_aq_init(&t->fx, &pf0, fx_pf(0));
	fx_desc(&d, X710_AQC_REQUEST_RESOURCE);
	d.params.raw[0] = 1;                                /* NVM */
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	fx_desc(&d, X710_AQC_REQUEST_RESOURCE);
	d.params.raw[0] = 1;
	assert_int_equal(fx_aq_send(&pf0, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_EBUSY);
	fx_desc(&d, X710_AQC_RELEASE_RESOURCE);
	d.params.raw[0] = 1;
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	fx_desc(&d, X710_AQC_REQUEST_RESOURCE);
	d.params.raw[0] = 1;
	assert_int_equal(fx_aq_send(&pf0, &d, NULL, 0), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
	fx_aq_fini(&pf0);
}

static void simple_commands_complete_ok(void **state)
{
	struct fx_pf_env *t = *state;
	uint8_t drv[16] = "sriov";
	struct x710_aq_desc d;
	static const uint16_t ops[] = {
		X710_AQC_QUEUE_SHUTDOWN, X710_AQC_CLEAR_PXE_MODE,
		X710_AQC_LLDP_STOP, X710_AQC_LLDP_START,
	};

	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		fx_desc(&d, ops[i]);
		assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
		assert_int_equal(d.retval, X710_AQ_RC_OK);
	}
	fx_desc(&d, X710_AQC_DRIVER_VERSION);
	assert_int_equal(fx_aq_send(&t->pf, &d, drv, sizeof(drv)), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
}

static uint32_t le16_at(const uint8_t *p) { return (uint32_t)(p[0] | p[1] << 8); }
static uint32_t le32_at(const uint8_t *p) { return le16_at(p) | le16_at(p + 2) << 16; }

/* The answers decoded at the byte offsets of i40e_adminq_cmd.h, written out
 * here rather than taken from our structs, so a layout slip in both the
 * model and common/x710 still shows: get_version (api_major @12, api_minor
 * @14), get_link_status (phy_type @2, link_speed @3, link_info @4, an_info
 * @5, max_frame_size @8), capability elements (id @0, number @4,
 * logical_id @8, phys_id @12, 32 bytes each). */
static void answers_sit_at_the_reference_byte_offsets(void **state)
{
	struct fx_pf_env *t = *state;
	static uint8_t buf[4096];
	struct x710_aq_desc d;
	bool seen_vf = false, seen_rxq = false;
	uint32_t count;

	fx_desc(&d, X710_AQC_GET_VERSION);
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(le16_at(d.params.raw + 12), 0x0001);
	assert_int_equal(le16_at(d.params.raw + 14), 0x000F);

	fx_desc(&d, X710_AQC_GET_LINK_STATUS);
	d.params.raw[0] = 0x3;                              /* LSE_ENABLE */
	assert_int_equal(fx_aq_send(&t->pf, &d, NULL, 0), 0);
	assert_int_equal(le16_at(d.params.raw) & 0x3, 0x1); /* LSE_IS_ENABLED */
	assert_int_equal(d.params.raw[2], 0x14);            /* 10GBASE_SR */
	assert_int_equal(d.params.raw[3], 0x08);            /* LINK_SPEED_10GB = 1 << 3 */
	assert_int_equal(d.params.raw[4] & 0x61, 0x61);     /* UP_FUNCTION|UP_PORT|MEDIA */
	assert_int_equal(d.params.raw[5] & 0x01, 0x01);     /* AN_COMPLETED */
	assert_true(le16_at(d.params.raw + 8) >= 1518);

	fx_desc(&d, X710_AQC_LIST_FUNC_CAPABILITIES);
	assert_int_equal(fx_aq_send(&t->pf, &d, buf, sizeof(buf)), 0);
	count = le32_at(d.params.raw + 4);
	assert_true(count >= 8 && count * 32 <= sizeof(buf));
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *e = buf + 32 * i;

		if (le16_at(e) == 0x0013) {                 /* CAP_ID_VF */
			assert_int_equal(le32_at(e + 4), VFS);
			assert_int_equal(le32_at(e + 8), 1 * VFS);   /* vf_base_id */
			seen_vf = true;
		}
		if (le16_at(e) == 0x0041) {                 /* CAP_ID_RXQ */
			assert_int_equal(le32_at(e + 4), 1536 / 2);
			assert_int_equal(le32_at(e + 12), 1536 / 2); /* base_queue */
			seen_rxq = true;
		}
	}
	assert_true(seen_vf && seen_rxq);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(capabilities_describe_this_pf, setup, teardown),
		cmocka_unit_test_setup_teardown(small_capability_buffer_gets_enomem_and_the_size, setup, teardown),
		cmocka_unit_test_setup_teardown(mac_address_read_gives_the_port_mac, setup, teardown),
		cmocka_unit_test_setup_teardown(link_is_up_at_10g_and_events_follow_faults, setup, teardown),
		cmocka_unit_test_setup_teardown(phy_int_mask_gates_link_events, setup, teardown),
		cmocka_unit_test_setup_teardown(nvm_resource_is_exclusive_between_pfs, setup, teardown),
		cmocka_unit_test_setup_teardown(simple_commands_complete_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(answers_sit_at_the_reference_byte_offsets, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
