/* SPDX-License-Identifier: BSD-2-Clause */
/* VF lifecycle against the device model: the registers of spec §3.3, the
 * reset handshake of §2.3 seen from the VF, VFLR, interrupt lists. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "x710_lanq.h"
#include "x710_pf.h"
#include "x710_test_fixture.h"
#include "x710_vf.h"

#define NVF 4

static const uint8_t vf_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x10, 0x01 };

static struct x710_vf_config cfg(uint16_t nq)
{
	struct x710_vf_config c = { .num_queues = nq, .has_mac = true, .mac_anti_spoof = true };

	memcpy(c.mac, vf_mac, 6);
	return c;
}

static int setup(void **state)
{
	struct tf *t = test_calloc(1, sizeof(*t));

	tf_setup_pf(t, 8);
	assert_int_equal(x710_vf_enable(t->hw, NVF), 0);
	*state = t;
	return 0;
}

static int down(void **state)
{
	tf_teardown(*state);
	test_free(*state);
	return 0;
}

/* Enabling creates the VFs in the model (the osdep hook) and the VEB. */
static void test_enable(void **state)
{
	struct tf *t = *state;

	assert_int_equal(t->hw->num_vfs, NVF);
	assert_int_not_equal(t->hw->veb_seid, X710_VSI_NONE);
	assert_non_null(x710sim_region(t->sim, (struct x710sim_fn){ 0, NVF - 1 },
				       X710SIM_REGION_BAR0, NULL));
	assert_null(x710sim_region(t->sim, (struct x710sim_fn){ 0, NVF }, X710SIM_REGION_BAR0,
				   NULL));
	assert_int_equal(x710_vf_enable(t->hw, 2), -EBUSY);
	assert_int_equal(x710_vf_enable(t->hw, 9), -EINVAL);
}

/* Per-VF setup: VSI under the VEB with the policy's sections, filters and
 * the mapping registers of spec §3.3; the VF then reads VFACTIVE. */
static void test_setup_registers(void **state)
{
	struct tf *t = *state;
	struct x710_vf_config c = cfg(4);
	struct x710sim_vsi_info info;
	const struct x710_vf *v;

	assert_int_equal(x710_vf_setup(t->hw, 1, &c), 0);
	v = &t->hw->vfs[1];
	assert_int_equal(v->abs_id, t->hw->caps.vf_base_id + 1);
	assert_int_equal(x710sim_vsi_info(t->sim, v->vsi_num, &info), 0);
	assert_int_equal(info.type, X710_AQ_VSI_TYPE_VF);
	assert_int_equal(info.vf_abs, v->abs_id);
	assert_int_equal(info.uplink_seid, t->hw->veb_seid);
	assert_int_equal(info.sec_flags, X710_AQ_VSI_SEC_FLAG_ENABLE_MAC_CHK);
	assert_int_equal(info.promisc_flags, X710_AQC_SET_VSI_PROMISC_BROADCAST);
	assert_int_equal(info.n_filters, 1);
	assert_int_equal(info.num_queues, 4);

	assert_int_equal(tf_pf_rd(t, X710_VSILAN_QBASE(v->vsi_num)),
			 X710_VSILAN_QBASE_VSIQTABLE_ENA_MASK);
	assert_int_equal(tf_pf_rd(t, X710_VPLAN_MAPENA(1)), X710_VPLAN_MAPENA_TXRX_ENA_MASK);
	for (unsigned int i = 0; i < X710_VPLAN_QTABLE_ENTRIES; i++)
		assert_int_equal(tf_pf_rd(t, X710_VPLAN_QTABLE(i, 1)),
				 i < 4 ? v->pfq[i] : X710_QUEUE_END_OF_LIST);
	assert_int_equal(tf_pf_rd(t, X710_VSILAN_QTABLE(0, v->vsi_num)),
			 (uint32_t)v->pfq[0] | (uint32_t)v->pfq[1] << 16);
	assert_int_equal(tf_pf_rd(t, X710_VSILAN_QTABLE(1, v->vsi_num)),
			 (uint32_t)v->pfq[2] | (uint32_t)v->pfq[3] << 16);
	assert_int_equal(tf_pf_rd(t, X710_VSILAN_QTABLE(2, v->vsi_num)), 0x07FF07FFu);
	assert_int_equal(tf_pf_rd(t, X710_VPINT_LNKLST0(1)), 0x1FFF);
	assert_int_equal(tf_vf_rd(t, 1, X710_VFGEN_RSTAT) & X710_VFGEN_RSTAT_VFR_STATE_MASK,
			 X710_VFR_VFACTIVE);
	/* Two VFs never share a queue. */
	assert_int_equal(x710_vf_setup(t->hw, 2, &c), 0);
	for (unsigned int i = 0; i < 4; i++)
		for (unsigned int j = 0; j < 4; j++)
			assert_int_not_equal(t->hw->vfs[1].pfq[i], t->hw->vfs[2].pfq[j]);
	assert_int_equal(x710_vf_setup(t->hw, 1, &c), -EBUSY);
}

static void test_setup_refusals(void **state)
{
	struct tf *t = *state;
	struct x710_vf_config c = cfg(0);

	assert_int_equal(x710_vf_setup(t->hw, 0, &c), -EINVAL);
	c.num_queues = 17;
	assert_int_equal(x710_vf_setup(t->hw, 0, &c), -EINVAL);
	c = cfg(2);
	c.port_vlan = true;
	c.pvid = 0;
	assert_int_equal(x710_vf_setup(t->hw, 0, &c), -EINVAL);
	assert_int_equal(x710_vf_setup(t->hw, NVF, &c), -ENOENT);
	assert_null(x710_vf_get(t->hw, 0));
}

/* add_vsi failing (ENOSPC) leaves no VSI, no queue taken, the VF not set
 * up, and the reason by name. */
static void test_setup_rollback(void **state)
{
	struct tf *t = *state;
	struct x710_vf_config c = cfg(4);
	static const uint16_t steps[] = {
		X710_AQC_ADD_VSI, X710_AQC_GET_VSI_PARAMETERS, X710_AQC_SET_VSI_PROMISC_MODES,
		X710_AQC_ADD_MACVLAN,
	};
	unsigned int free_before = x710_qalloc_free_count(&t->hw->qalloc);
	char msg[128];

	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		struct x710sim_aq_fault f = { .pf = 0, .opcode = steps[i], .nth = 1,
					      .kind = X710SIM_AQ_FAULT_FAIL,
					      .rc = X710_AQ_RC_ENOSPC };
		unsigned int vsis = 0;
		struct x710sim_vsi_info info;

		assert_int_equal(x710sim_fault_aq(t->sim, &f), 0);
		assert_int_equal(x710_vf_setup(t->hw, 0, &c), -ENOSPC);
		assert_false(t->hw->vfs[0].in_use);
		assert_int_equal(x710_qalloc_free_count(&t->hw->qalloc), free_before);
		for (unsigned int n = 0; n < X710SIM_DEVICE_VSIS; n++)
			if (x710sim_vsi_info(t->sim, n, &info) == 0 && info.vf_abs >= 0)
				vsis++;
		assert_int_equal(vsis, 0);
		assert_int_equal(t->hw->aq_err.opcode, steps[i]);
		x710_hw_last_error(t->hw, msg, sizeof(msg));
		assert_non_null(strstr(msg, "failed: ENOSPC"));
	}
	assert_int_equal(x710_vf_setup(t->hw, 0, &c), 0);
}

static void test_port_vlan(void **state)
{
	struct tf *t = *state;
	struct x710_vf_config c = cfg(1);

	c.port_vlan = true;
	c.pvid = 100 | 3 << 13;
	assert_int_equal(x710_vf_setup(t->hw, 0, &c), 0);
	assert_int_equal(x710_vf_set_vlan_strip(t->hw, 0, true), -EPERM);
}

/* Observer: the VF's VFGEN_RSTAT after every PF register write. */
struct rstat_trace {
	struct tf *t;
	unsigned int vf;
	uint32_t seen[16];
	unsigned int n;
};

static void trace_rstat(void *ctx, uint32_t off, uint32_t val)
{
	struct rstat_trace *tr = ctx;
	uint32_t s;

	(void)val;
	if (off != X710_VFGEN_RSTAT1(tr->vf) && off != X710_VPGEN_VFRTRIG(tr->vf))
		return;
	s = tf_vf_rd(tr->t, tr->vf, X710_VFGEN_RSTAT) & X710_VFGEN_RSTAT_VFR_STATE_MASK;
	if (tr->n == 0 || tr->seen[tr->n - 1] != s)
		if (tr->n < 16)
			tr->seen[tr->n++] = s;
}

/* The reset as the VF sees it: INPROGRESS, COMPLETED, VFACTIVE; VFSWR
 * cleared at the end; a new VSI with the same filters and mappings. */
static void test_reset_seen_by_vf(void **state)
{
	struct tf *t = *state;
	struct x710_vf_config c = cfg(2);
	struct rstat_trace tr = { .t = t, .vf = 2 };
	struct x710sim_vsi_info info;
	uint16_t old_seid;

	assert_int_equal(x710_vf_setup(t->hw, 2, &c), 0);
	old_seid = t->hw->vfs[2].vsi_seid;
	t->os_sim.on_wr32 = trace_rstat;
	t->os_sim.observer_ctx = &tr;
	assert_int_equal(x710_vf_reset(t->hw, 2, false), 0);
	t->os_sim.on_wr32 = NULL;
	assert_int_equal(tr.n, 3);
	assert_int_equal(tr.seen[0], X710_VFR_INPROGRESS);
	assert_int_equal(tr.seen[1], X710_VFR_COMPLETED);
	assert_int_equal(tr.seen[2], X710_VFR_VFACTIVE);
	assert_int_equal(tf_pf_rd(t, X710_VPGEN_VFRTRIG(2)) & X710_VPGEN_VFRTRIG_VFSWR_MASK, 0);
	assert_int_equal(t->hw->vfs[2].resets, 1);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->vfs[2].vsi_num, &info), 0);
	assert_int_equal(info.vf_abs, t->hw->vfs[2].abs_id);
	assert_int_equal(info.n_filters, 1);
	assert_int_equal(tf_pf_rd(t, X710_VPLAN_QTABLE(0, 2)), t->hw->vfs[2].pfq[0]);
	(void)old_seid;
}

/* An FLR: the VFLR bit (absolute id) is found, cleared and the VF rebuilt
 * without a software trigger. */
static void test_vflr(void **state)
{
	struct tf *t = *state;
	struct x710_vf_config c = cfg(1);
	uint32_t done[X710_MAX_VFS_PER_PF / 32];
	unsigned int abs;

	assert_int_equal(x710_vf_setup(t->hw, 3, &c), 0);
	abs = t->hw->vfs[3].abs_id;
	assert_int_equal(x710_vf_handle_vflr(t->hw, done), 0);
	assert_int_equal(x710sim_vf_flr(t->sim, 0, 3), 0);
	assert_true(tf_pf_rd(t, X710_GLGEN_VFLRSTAT(abs / 32)) & (1u << (abs % 32)));
	assert_int_equal(tf_vf_rd(t, 3, X710_VFGEN_RSTAT) & X710_VFGEN_RSTAT_VFR_STATE_MASK,
			 X710_VFR_INPROGRESS);
	assert_int_equal(x710_vf_handle_vflr(t->hw, done), 1);
	assert_int_equal(done[0], 1u << 3);
	assert_false(tf_pf_rd(t, X710_GLGEN_VFLRSTAT(abs / 32)) & (1u << (abs % 32)));
	assert_int_equal(tf_vf_rd(t, 3, X710_VFGEN_RSTAT) & X710_VFGEN_RSTAT_VFR_STATE_MASK,
			 X710_VFR_VFACTIVE);
	assert_int_equal(tf_pf_rd(t, X710_VPGEN_VFRTRIG(3)), 0);
	assert_int_equal(t->hw->vfs[3].resets, 1);
	assert_true(tf_pf_rd(t, X710_PFINT_ICR0_ENA) & X710_PFINT_ICR0_VFLR_MASK);
}

/* CONFIG_IRQ_MAP semantics (spec §3.3): Rx0,Tx0,Rx1,Tx1..., head in
 * LNKLSTN for vector >= 1, last entry end-of-list. */
static void test_irq_map(void **state)
{
	struct tf *t = *state;
	struct x710_vf_config c = cfg(2);
	const struct x710_vf *v;
	unsigned int msix = t->hw->caps.num_msix_vectors_vf;
	uint32_t head, r0, t0, r1;

	assert_int_equal(x710_vf_setup(t->hw, 1, &c), 0);
	v = &t->hw->vfs[1];
	assert_int_equal(x710_vf_irq_map(t->hw, 1, 1, 0x3, 0x1, 0, 1), 0);
	head = tf_pf_rd(t, X710_VPINT_LNKLSTN((msix - 1) * 1 + 0));
	assert_int_equal(head, v->pfq[0]);   /* Rx type 0, queue 0 first */
	r0 = tf_pf_rd(t, X710_QINT_RQCTL(v->pfq[0]));
	t0 = tf_pf_rd(t, X710_QINT_TQCTL(v->pfq[0]));
	r1 = tf_pf_rd(t, X710_QINT_RQCTL(v->pfq[1]));
	assert_int_equal(r0 & X710_QINT_MSIX_INDX_MASK, 1);
	assert_int_equal((r0 & X710_QINT_NEXTQ_INDX_MASK) >> X710_QINT_NEXTQ_INDX_SHIFT, v->pfq[0]);
	assert_int_equal((r0 & X710_QINT_NEXTQ_TYPE_MASK) >> X710_QINT_NEXTQ_TYPE_SHIFT, 1);
	assert_true(r0 & X710_QINT_CAUSE_ENA_MASK);
	assert_int_equal((t0 & X710_QINT_ITR_INDX_MASK) >> X710_QINT_ITR_INDX_SHIFT, 1);
	assert_int_equal((t0 & X710_QINT_NEXTQ_INDX_MASK) >> X710_QINT_NEXTQ_INDX_SHIFT, v->pfq[1]);
	assert_int_equal((r1 & X710_QINT_NEXTQ_INDX_MASK) >> X710_QINT_NEXTQ_INDX_SHIFT,
			 X710_QUEUE_END_OF_LIST);
	/* Vector 0 with an empty map: end of list. */
	assert_int_equal(x710_vf_irq_map(t->hw, 1, 0, 0, 0, 0, 0), 0);
	assert_int_equal(tf_pf_rd(t, X710_VPINT_LNKLST0(1)) & X710_VPINT_LNKLST_FIRSTQ_INDX_MASK,
			 X710_QUEUE_END_OF_LIST);
	/* Hostile: vector, queue beyond the VF's, ITR index. */
	assert_int_equal(x710_vf_irq_map(t->hw, 1, msix, 1, 0, 0, 0), -EINVAL);
	assert_int_equal(x710_vf_irq_map(t->hw, 1, 1, 0x4, 0, 0, 0), -EINVAL);
	assert_int_equal(x710_vf_irq_map(t->hw, 1, 1, 1, 0, 4, 0), -EINVAL);
	assert_int_equal(x710_vf_irq_map(t->hw, 0, 1, 1, 0, 0, 0), -ENOENT);
}

/* Live changes: anti-spoof, promiscuous, filters, VLAN strip. */
static void test_live_changes(void **state)
{
	struct tf *t = *state;
	struct x710_vf_config c = cfg(1);
	struct x710sim_vsi_info info;
	const uint8_t extra[6] = { 0x02, 0, 0, 0, 0x20, 0x02 };
	const uint8_t zero[6] = { 0 };
	uint16_t n;

	assert_int_equal(x710_vf_setup(t->hw, 0, &c), 0);
	n = t->hw->vfs[0].vsi_num;
	assert_int_equal(x710_vf_set_anti_spoof(t->hw, 0, false), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, n, &info), 0);
	assert_int_equal(info.sec_flags, 0);
	assert_int_equal(x710_vf_set_anti_spoof(t->hw, 0, true), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, n, &info), 0);
	assert_int_equal(info.sec_flags, X710_AQ_VSI_SEC_FLAG_ENABLE_MAC_CHK);

	assert_int_equal(x710_vf_set_promisc(t->hw, 0, true, true), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, n, &info), 0);
	assert_int_equal(info.promisc_flags, X710_AQC_SET_VSI_PROMISC_UNICAST |
			 X710_AQC_SET_VSI_PROMISC_MULTICAST | X710_AQC_SET_VSI_PROMISC_BROADCAST);
	assert_int_equal(x710_vf_set_promisc(t->hw, 0, false, false), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, n, &info), 0);
	assert_int_equal(info.promisc_flags, X710_AQC_SET_VSI_PROMISC_BROADCAST);

	assert_int_equal(x710_vf_add_mac_filter(t->hw, 0, extra, -1), 0);
	assert_int_equal(x710_vf_add_mac_filter(t->hw, 0, extra, 42), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, n, &info), 0);
	assert_int_equal(info.n_filters, 3);
	assert_int_equal(x710_vf_del_mac_filter(t->hw, 0, extra, 42), 0);
	assert_int_equal(x710_vf_del_mac_filter(t->hw, 0, extra, 42), -ENOENT);
	assert_int_equal(x710_vf_add_mac_filter(t->hw, 0, zero, -1), -EINVAL);
	assert_int_equal(x710_vf_add_mac_filter(t->hw, 0, extra, 4096), -EINVAL);
	assert_int_equal(x710_vf_set_vlan_strip(t->hw, 0, true), 0);
	assert_true(t->hw->vfs[0].vlan_strip);
}

/* A Tx limit given at setup is on the new VSI; a live change reaches that
 * VF's VSI only (same VSI, no reset) and survives a reset's new VSI. */
static void test_tx_limit(void **state)
{
	struct tf *t = *state;
	struct x710_vf_config c = cfg(1), plain = cfg(1);
	struct x710sim_vsi_info info, other;
	uint16_t seid;

	c.tx_credit = 2;
	c.tx_max_credit = 4;
	assert_int_equal(x710_vf_setup(t->hw, 0, &c), 0);
	assert_int_equal(x710_vf_setup(t->hw, 1, &plain), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->vfs[0].vsi_num, &info), 0);
	assert_int_equal(info.bw_credit, 2);
	assert_int_equal(info.bw_max_credit, 4);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->vfs[1].vsi_num, &other), 0);
	assert_int_equal(other.bw_credit, 0);

	seid = t->hw->vfs[1].vsi_seid;
	assert_int_equal(x710_vf_set_tx_limit(t->hw, 1, 20, 4), 0);
	assert_int_equal(t->hw->vfs[1].vsi_seid, seid);
	assert_int_equal(t->hw->vfs[1].resets, 0);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->vfs[1].vsi_num, &other), 0);
	assert_int_equal(other.bw_credit, 20);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->vfs[0].vsi_num, &info), 0);
	assert_int_equal(info.bw_credit, 2);

	assert_int_equal(x710_vf_reset(t->hw, 1, false), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->vfs[1].vsi_num, &other), 0);
	assert_int_equal(other.bw_credit, 20);
	assert_int_equal(x710_vf_set_tx_limit(t->hw, 1, 0, 0), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, t->hw->vfs[1].vsi_num, &other), 0);
	assert_int_equal(other.bw_credit, 0);
	/* A refused burst changes nothing; a VF not set up is ENOENT. */
	assert_int_equal(x710_vf_set_tx_limit(t->hw, 0, 3, X710_AQ_BW_MAX_CREDIT_MAX + 1), -EINVAL);
	assert_int_equal(t->hw->vfs[0].cfg.tx_credit, 2);
	assert_int_equal(x710_vf_set_tx_limit(t->hw, 2, 3, 0), -ENOENT);
}

/* The limit is part of setup: its command failing undoes the whole VF. */
static void test_tx_limit_setup_failure(void **state)
{
	struct tf *t = *state;
	struct x710_vf_config c = cfg(2);
	struct x710sim_aq_fault f = { .pf = 0, .opcode = X710_AQC_CONFIG_VSI_BW_LIMIT, .nth = 1,
				      .kind = X710SIM_AQ_FAULT_FAIL, .rc = X710_AQ_RC_ENOSPC };
	unsigned int free_before = x710_qalloc_free_count(&t->hw->qalloc);
	struct x710sim_vsi_info info;

	c.tx_credit = 1;
	c.tx_max_credit = 5;
	assert_int_equal(x710_vf_setup(t->hw, 0, &c), -EINVAL);
	c.tx_max_credit = 0;
	assert_int_equal(x710sim_fault_aq(t->sim, &f), 0);
	assert_int_equal(x710_vf_setup(t->hw, 0, &c), -ENOSPC);
	assert_false(t->hw->vfs[0].in_use);
	assert_int_equal(x710_qalloc_free_count(&t->hw->qalloc), free_before);
	for (unsigned int n = 0; n < X710SIM_DEVICE_VSIS; n++)
		assert_false(x710sim_vsi_info(t->sim, n, &info) == 0 && info.vf_abs >= 0);
	assert_int_equal(x710_vf_setup(t->hw, 0, &c), 0);
}

/* Release gives everything back; disable_all removes the VFs. */
static void test_release(void **state)
{
	struct tf *t = *state;
	struct x710_vf_config c = cfg(4);
	struct x710sim_vsi_info info;
	unsigned int free_before = x710_qalloc_free_count(&t->hw->qalloc);
	uint16_t n;

	assert_int_equal(x710_vf_setup(t->hw, 0, &c), 0);
	n = t->hw->vfs[0].vsi_num;
	assert_int_equal(x710_vf_release(t->hw, 0), 0);
	assert_int_equal(x710sim_vsi_info(t->sim, n, &info), -ENOENT);
	assert_int_equal(x710_qalloc_free_count(&t->hw->qalloc), free_before);
	assert_int_equal(tf_pf_rd(t, X710_VPLAN_MAPENA(0)), 0);
	assert_int_equal(tf_pf_rd(t, X710_VPLAN_QTABLE(0, 0)), X710_QUEUE_END_OF_LIST);
	assert_int_equal(x710_vf_release(t->hw, 0), -ENOENT);
	assert_int_equal(x710_vf_setup(t->hw, 0, &c), 0);
	x710_vf_disable_all(t->hw);
	assert_int_equal(t->hw->num_vfs, 0);
	assert_null(x710sim_region(t->sim, (struct x710sim_fn){ 0, 0 }, X710SIM_REGION_BAR0, NULL));
	assert_int_equal(x710_vf_enable(t->hw, 2), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_enable, setup, down),
		cmocka_unit_test_setup_teardown(test_setup_registers, setup, down),
		cmocka_unit_test_setup_teardown(test_setup_refusals, setup, down),
		cmocka_unit_test_setup_teardown(test_setup_rollback, setup, down),
		cmocka_unit_test_setup_teardown(test_port_vlan, setup, down),
		cmocka_unit_test_setup_teardown(test_reset_seen_by_vf, setup, down),
		cmocka_unit_test_setup_teardown(test_vflr, setup, down),
		cmocka_unit_test_setup_teardown(test_irq_map, setup, down),
		cmocka_unit_test_setup_teardown(test_live_changes, setup, down),
		cmocka_unit_test_setup_teardown(test_tx_limit, setup, down),
		cmocka_unit_test_setup_teardown(test_tx_limit_setup_failure, setup, down),
		cmocka_unit_test_setup_teardown(test_release, setup, down),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
