/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VF lifecycle on the PF (ixl_pf_iov.c order, freebsd-iovctl.md §2.2-§2.3;
 * registers and AQ layouts x710-hardware.md §2.3, §3.3-§3.5).
 */
#include <errno.h>
#include <string.h>

#include "x710_aq_cmds.h"
#include "x710_lanq.h"
#include "x710_pf.h"
#include "x710_vf.h"

/* VF reset polling (ixl: 100 x DELAY(10) for VFRD, 100 x DELAY(1) for the
 * PCIe pending bit). */
#define X710_VFR_POLL_STEP_US   10
#define X710_VFR_POLL_TRIES     100
#define X710_CIAD_POLL_STEP_US  1
#define X710_CIAD_POLL_TRIES    100
#define X710_VF_PCI_DEVSTS      0xAA     /* I40E_VF_PCI_ADDR: PCIe Device Status */
/* A list head or QINT next pointer that ends the list (type|index masks). */
#define X710_LNKLST_EOL \
	(X710_VPINT_LNKLST_FIRSTQ_INDX_MASK | X710_VPINT_LNKLST_FIRSTQ_TYPE_MASK)
#define X710_QTYPE_RX 0
#define X710_QTYPE_TX 1

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

struct x710_vf *x710_vf_get(struct x710_hw *hw, unsigned int vf)
{
	if (vf >= hw->num_vfs || !hw->vfs[vf].in_use) {
		x710_log(&hw->os, X710_LOG_ERR, "VF %u is not set up (%u VFs enabled)", vf,
			 hw->num_vfs);
		return NULL;
	}
	return &hw->vfs[vf];
}

int x710_vf_enable(struct x710_hw *hw, unsigned int n)
{
	int err;

	if (n > hw->caps.num_vfs) {
		x710_log(&hw->os, X710_LOG_ERR, "enable %u VFs: the PF has %u", n, hw->caps.num_vfs);
		return -EINVAL;
	}
	if (n == 0) {
		x710_vf_disable_all(hw);
		return 0;
	}
	if (hw->num_vfs != 0)
		return -EBUSY;    /* as sriov_numvfs: back to 0 first */
	if (hw->os.ops->set_num_vfs != NULL) {
		err = hw->os.ops->set_num_vfs(hw->os.ctx, n);
		if (err) {
			x710_log(&hw->os, X710_LOG_ERR, "the OS refused %u VFs (%d)", n, err);
			return err;
		}
	}
	err = x710_pf_ensure_veb(hw);
	if (err) {
		if (hw->os.ops->set_num_vfs != NULL)
			(void)hw->os.ops->set_num_vfs(hw->os.ctx, 0);
		return err;
	}
	for (unsigned int v = 0; v < n; v++) {
		memset(&hw->vfs[v], 0, sizeof(hw->vfs[v]));
		hw->vfs[v].vf_id = (uint16_t)v;
		hw->vfs[v].abs_id = (uint16_t)(hw->caps.vf_base_id + v);
		hw->vfs[v].vsi_seid = X710_VSI_NONE;
	}
	hw->num_vfs = n;
	return 0;
}

void x710_vf_disable_all(struct x710_hw *hw)
{
	for (unsigned int v = 0; v < hw->num_vfs; v++)
		if (hw->vfs[v].in_use)
			(void)x710_vf_release(hw, v);
	if (hw->num_vfs != 0 && hw->os.ops->set_num_vfs != NULL)
		(void)hw->os.ops->set_num_vfs(hw->os.ctx, 0);
	hw->num_vfs = 0;
}

static unsigned int log2_ceil(unsigned int n)
{
	unsigned int l = 0;

	while ((1u << l) < n)
		l++;
	return l;
}

/* The VLAN section: a port VLAN tags and strips; otherwise pass all. */
static void vlan_section(const struct x710_vf *v, uint8_t *info)
{
	if (v->cfg.port_vlan) {
		put16(info + X710_VSI_PROP_PVID, v->cfg.pvid);
		info[X710_VSI_PROP_PORT_VLAN_FLAGS] = X710_AQ_VSI_PVLAN_MODE_TAGGED |
			X710_AQ_VSI_PVLAN_INSERT_PVID | X710_AQ_VSI_PVLAN_EMOD_STR;
	} else {
		info[X710_VSI_PROP_PORT_VLAN_FLAGS] = X710_AQ_VSI_PVLAN_MODE_ALL |
			(v->vlan_strip ? X710_AQ_VSI_PVLAN_EMOD_STR_BOTH
				       : X710_AQ_VSI_PVLAN_EMOD_NOTHING);
	}
}

/* add_vsi for the VF (ixl_vf_alloc_vsi), then get_vsi_params for the
 * firmware-written qs_handle and statistics index. */
static int vsi_add(struct x710_hw *hw, struct x710_vf *v)
{
	struct x710_vsi_ctx ctx;
	uint8_t *info = ctx.info;
	int err;

	memset(&ctx, 0, sizeof(ctx));
	ctx.uplink_seid = hw->veb_seid;
	ctx.connection_type = X710_AQ_CONN_TYPE_REGULAR;
	ctx.vf_id = (uint8_t)v->abs_id;
	ctx.flags = X710_AQ_VSI_TYPE_VF;
	put16(info + X710_VSI_PROP_VALID_SECTIONS,
	      X710_AQ_VSI_PROP_SWITCH_VALID | X710_AQ_VSI_PROP_SECURITY_VALID |
	      X710_AQ_VSI_PROP_VLAN_VALID | X710_AQ_VSI_PROP_QUEUE_MAP_VALID);
	put16(info + X710_VSI_PROP_SWITCH_ID, X710_AQ_VSI_SW_ID_FLAG_ALLOW_LB);
	v->sec_flags = v->cfg.mac_anti_spoof ? X710_AQ_VSI_SEC_FLAG_ENABLE_MAC_CHK : 0;
	info[X710_VSI_PROP_SEC_FLAGS] = v->sec_flags;
	vlan_section(v, info);
	put16(info + X710_VSI_PROP_MAPPING_FLAGS, X710_AQ_VSI_QUE_MAP_NONCONTIG);
	for (unsigned int i = 0; i < v->cfg.num_queues; i++)
		put16(info + X710_VSI_PROP_QUEUE_MAPPING + 2 * i, v->pfq[i] & X710_AQ_VSI_QUEUE_MASK);
	put16(info + X710_VSI_PROP_TC_MAPPING,
	      (uint16_t)(log2_ceil(v->cfg.num_queues) << X710_AQ_VSI_TC_QUE_NUMBER_SHIFT));
	err = x710_aq_add_vsi(hw, &ctx);
	if (err) {
		x710_log(&hw->os, X710_LOG_ERR, "VF %u: add_vsi failed (%d)", v->vf_id, err);
		return err;
	}
	v->vsi_seid = ctx.seid;
	v->vsi_num = ctx.vsi_number;
	memset(ctx.info, 0, sizeof(ctx.info));
	err = x710_aq_get_vsi_params(hw, &ctx);
	if (err) {
		(void)x710_aq_delete_element(hw, v->vsi_seid);
		v->vsi_seid = X710_VSI_NONE;
		return err;
	}
	v->qs_handle = get16(info + X710_VSI_PROP_QS_HANDLE);
	v->stat_idx = get16(info + X710_VSI_PROP_STAT_COUNTER_IDX);
	return 0;
}

static int mac_filter(struct x710_hw *hw, struct x710_vf *v, const uint8_t mac[6], int vlan,
		      bool add)
{
	if (add) {
		struct x710_aqc_add_macvlan_elem e;

		memset(&e, 0, sizeof(e));
		memcpy(e.mac_addr, mac, X710_ETH_ALEN);
		e.flags = X710_AQC_MACVLAN_ADD_PERFECT_MATCH;
		if (vlan < 0)
			e.flags |= X710_AQC_MACVLAN_ADD_IGNORE_VLAN;
		else
			e.vlan_tag = (uint16_t)(vlan & X710_AQ_VLAN_ID_MASK);
		return x710_aq_add_macvlan(hw, v->vsi_seid, &e, 1);
	}
	struct x710_aqc_remove_macvlan_elem r;

	memset(&r, 0, sizeof(r));
	memcpy(r.mac_addr, mac, X710_ETH_ALEN);
	r.flags = X710_AQC_MACVLAN_DEL_PERFECT_MATCH;
	if (vlan < 0)
		r.flags |= X710_AQC_MACVLAN_DEL_IGNORE_VLAN;
	else
		r.vlan_tag = (uint16_t)(vlan & X710_AQ_VLAN_ID_MASK);
	return x710_aq_remove_macvlan(hw, v->vsi_seid, &r, 1);
}

/* Broadcast on and the default MAC filter (ixl_vf_setup_vsi); a port VLAN
 * confines the filter to that VLAN. */
static int vsi_filters(struct x710_hw *hw, struct x710_vf *v)
{
	int err = x710_aq_set_vsi_promiscuous_modes(hw, v->vsi_seid,
						    X710_AQC_SET_VSI_PROMISC_BROADCAST,
						    X710_AQC_SET_VSI_PROMISC_BROADCAST);

	v->promisc_flags = X710_AQC_SET_VSI_PROMISC_BROADCAST;
	if (err == 0 && v->cfg.has_mac)
		err = mac_filter(hw, v, v->cfg.mac,
				 v->cfg.port_vlan ? (int)(v->cfg.pvid & X710_AQ_VLAN_ID_MASK) : -1,
				 true);
	return err;
}

/* VF <-> queue mapping registers (ixl_vf_map_queues; spec §3.3). */
static void map_queues(struct x710_hw *hw, const struct x710_vf *v)
{
	const struct x710_osdep *os = &hw->os;
	unsigned int n = v->cfg.num_queues;

	x710_wr32(os, X710_VSILAN_QBASE(v->vsi_num), X710_VSILAN_QBASE_VSIQTABLE_ENA_MASK);
	x710_wr32(os, X710_VPLAN_MAPENA(v->vf_id), X710_VPLAN_MAPENA_TXRX_ENA_MASK);
	for (unsigned int i = 0; i < X710_VPLAN_QTABLE_ENTRIES; i++)
		x710_wr32(os, X710_VPLAN_QTABLE(i, v->vf_id),
			  i < n ? v->pfq[i] : X710_QUEUE_END_OF_LIST);
	for (unsigned int j = 0; j < X710_VSILAN_QTABLE_ENTRIES; j++) {
		uint32_t q0 = 2 * j < n ? v->pfq[2 * j] : X710_QUEUE_END_OF_LIST;
		uint32_t q1 = 2 * j + 1 < n ? v->pfq[2 * j + 1] : X710_QUEUE_END_OF_LIST;

		x710_wr32(os, X710_VSILAN_QTABLE(j, v->vsi_num),
			  q0 | q1 << X710_VSILAN_QTABLE_QINDEX_1_SHIFT);
	}
	x710_flush(os);
}

static void unmap_queues(struct x710_hw *hw, const struct x710_vf *v)
{
	const struct x710_osdep *os = &hw->os;

	x710_wr32(os, X710_VPLAN_MAPENA(v->vf_id), 0);
	for (unsigned int i = 0; i < X710_VPLAN_QTABLE_ENTRIES; i++)
		x710_wr32(os, X710_VPLAN_QTABLE(i, v->vf_id), X710_QUEUE_END_OF_LIST);
	if (v->vsi_seid != X710_VSI_NONE) {
		x710_wr32(os, X710_VSILAN_QBASE(v->vsi_num), 0);
		for (unsigned int j = 0; j < X710_VSILAN_QTABLE_ENTRIES; j++)
			x710_wr32(os, X710_VSILAN_QTABLE(j, v->vsi_num),
				  X710_QUEUE_END_OF_LIST |
				  X710_QUEUE_END_OF_LIST << X710_VSILAN_QTABLE_QINDEX_1_SHIFT);
	}
	x710_flush(os);
}

/* A per-vector VF register: vector 0 has its own array indexed by VF,
 * vectors >= 1 share one indexed by (msix_vf - 1) * vf + vector - 1
 * (spec §3.3). */
static uint32_t vector_reg(const struct x710_hw *hw, unsigned int vf, unsigned int vector,
			   uint32_t (*reg0)(unsigned int), uint32_t (*regn)(unsigned int))
{
	if (vector == 0)
		return reg0(vf);
	return regn((hw->caps.num_msix_vectors_vf - 1) * vf + (vector - 1));
}

static uint32_t lnklst0(unsigned int i) { return X710_VPINT_LNKLST0(i); }
static uint32_t lnklstn(unsigned int i) { return X710_VPINT_LNKLSTN(i); }
static uint32_t dynctl0(unsigned int i) { return X710_VFINT_DYN_CTL0(i); }
static uint32_t dynctln(unsigned int i) { return X710_VFINT_DYN_CTLN(i); }

static uint32_t lnklst_reg(const struct x710_hw *hw, unsigned int vf, unsigned int vector)
{
	return vector_reg(hw, vf, vector, lnklst0, lnklstn);
}

static uint32_t dynctl_reg(const struct x710_hw *hw, unsigned int vf, unsigned int vector)
{
	return vector_reg(hw, vf, vector, dynctl0, dynctln);
}

void x710_vf_irq_reset(struct x710_hw *hw, unsigned int vf)
{
	for (unsigned int vec = 0; vec < hw->caps.num_msix_vectors_vf; vec++) {
		x710_wr32(&hw->os, dynctl_reg(hw, vf, vec), X710_DYN_CTL_CLEARPBA_MASK);
		x710_wr32(&hw->os, lnklst_reg(hw, vf, vec), X710_LNKLST_EOL);
	}
	x710_flush(&hw->os);
}

/* One queue in an interrupt linked list. */
struct irq_link {
	uint16_t pfq;
	uint8_t type;
};

int x710_vf_irq_map(struct x710_hw *hw, unsigned int vf, unsigned int vector,
		    uint16_t rxq_map, uint16_t txq_map, unsigned int rx_itr,
		    unsigned int tx_itr)
{
	struct x710_vf *v = x710_vf_get(hw, vf);
	uint16_t qmask;
	struct irq_link q[2 * X710_VF_MAX_QUEUES];
	unsigned int n = 0;

	if (v == NULL)
		return -ENOENT;
	qmask = (uint16_t)((1u << v->cfg.num_queues) - 1);
	if (vector >= hw->caps.num_msix_vectors_vf || (rxq_map & ~qmask) || (txq_map & ~qmask) ||
	    rx_itr > X710_VF_ITR_MAX || tx_itr > X710_VF_ITR_MAX) {
		x710_log(&hw->os, X710_LOG_ERR,
			 "VF %u irq map: vector %u (< %u), rx 0x%x tx 0x%x (queues 0x%x), itr %u/%u (<= %u)",
			 vf, vector, hw->caps.num_msix_vectors_vf, rxq_map, txq_map, qmask, rx_itr,
			 tx_itr, X710_VF_ITR_MAX);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < v->cfg.num_queues; i++) {
		if (rxq_map & (1u << i))
			q[n++] = (struct irq_link){ v->pfq[i], X710_QTYPE_RX };
		if (txq_map & (1u << i))
			q[n++] = (struct irq_link){ v->pfq[i], X710_QTYPE_TX };
	}
	if (n == 0) {
		x710_wr32(&hw->os, lnklst_reg(hw, vf, vector), X710_LNKLST_EOL);
		return 0;
	}
	for (unsigned int k = 0; k < n; k++) {
		uint32_t next_idx = k + 1 < n ? q[k + 1].pfq : X710_QUEUE_END_OF_LIST;
		uint32_t next_type = k + 1 < n ? q[k + 1].type : 0;
		unsigned int itr = q[k].type == X710_QTYPE_RX ? rx_itr : tx_itr;
		uint32_t val = (vector & X710_QINT_MSIX_INDX_MASK) |
			       (itr << X710_QINT_ITR_INDX_SHIFT) |
			       (next_idx << X710_QINT_NEXTQ_INDX_SHIFT) |
			       (next_type << X710_QINT_NEXTQ_TYPE_SHIFT) | X710_QINT_CAUSE_ENA_MASK;

		x710_wr32(&hw->os, q[k].type == X710_QTYPE_RX ? X710_QINT_RQCTL(q[k].pfq)
							      : X710_QINT_TQCTL(q[k].pfq), val);
	}
	x710_wr32(&hw->os, lnklst_reg(hw, vf, vector),
		  q[0].pfq | (uint32_t)q[0].type << X710_VPINT_LNKLST_FIRSTQ_TYPE_SHIFT);
	x710_flush(&hw->os);
	return 0;
}

/* A new VSI has no Tx limit: only a limited VF costs a command (every
 * build, so the limit survives VF resets and FLRs, as Linux's i40e does). */
static int vsi_tx_limit(struct x710_hw *hw, const struct x710_vf *v)
{
	if (v->cfg.tx_credit == 0)
		return 0;
	return x710_aq_config_vsi_bw_limit(hw, v->vsi_seid, v->cfg.tx_credit,
					   v->cfg.tx_max_credit);
}

/* VSI, filters, Tx limit and mappings; undone on failure. */
static int build(struct x710_hw *hw, struct x710_vf *v)
{
	int err = vsi_add(hw, v);

	if (err)
		return err;
	err = vsi_filters(hw, v);
	if (err == 0)
		err = vsi_tx_limit(hw, v);
	if (err) {
		(void)x710_aq_delete_element(hw, v->vsi_seid);
		v->vsi_seid = X710_VSI_NONE;
		return err;
	}
	map_queues(hw, v);
	return 0;
}

/* Everything build() and the VF's use made, except the queues it owns. */
static void teardown(struct x710_hw *hw, struct x710_vf *v)
{
	(void)x710_vf_queues_disable(hw, v->vf_id);
	x710_vf_irq_reset(hw, v->vf_id);
	unmap_queues(hw, v);
	if (v->vsi_seid != X710_VSI_NONE)
		(void)x710_aq_delete_element(hw, v->vsi_seid);
	v->vsi_seid = X710_VSI_NONE;
}

static void set_rstat(struct x710_hw *hw, unsigned int vf, uint32_t state)
{
	x710_wr32(&hw->os, X710_VFGEN_RSTAT1(vf), state);
	x710_flush(&hw->os);
}

int x710_vf_setup(struct x710_hw *hw, unsigned int vf, const struct x710_vf_config *cfg)
{
	struct x710_vf *v;
	int err;

	if (vf >= hw->num_vfs) {
		x710_log(&hw->os, X710_LOG_ERR, "VF %u: only %u VFs are enabled", vf, hw->num_vfs);
		return -ENOENT;
	}
	v = &hw->vfs[vf];
	if (v->in_use)
		return -EBUSY;
	if (cfg->num_queues == 0 || cfg->num_queues > X710_VF_MAX_QUEUES ||
	    (cfg->port_vlan && (cfg->pvid & X710_AQ_VLAN_ID_MASK) == 0) ||
	    cfg->tx_max_credit > X710_AQ_BW_MAX_CREDIT_MAX) {
		x710_log(&hw->os, X710_LOG_ERR, "VF %u: %u queues (1..%u), port VLAN %u, "
			 "Tx burst max_credit %u (0..%u)", vf, cfg->num_queues, X710_VF_MAX_QUEUES,
			 cfg->pvid & X710_AQ_VLAN_ID_MASK, cfg->tx_max_credit,
			 X710_AQ_BW_MAX_CREDIT_MAX);
		return -EINVAL;
	}
	v->cfg = *cfg;
	err = x710_qalloc_get(&hw->qalloc, cfg->num_queues, v->pfq);
	if (err) {
		x710_log(&hw->os, X710_LOG_ERR, "VF %u: no %u free queues (%u left)", vf,
			 cfg->num_queues, x710_qalloc_free_count(&hw->qalloc));
		return err;
	}
	err = build(hw, v);
	if (err) {
		(void)x710_qalloc_put(&hw->qalloc, cfg->num_queues, v->pfq);
		return err;
	}
	x710_vf_irq_reset(hw, vf);
	v->in_use = true;
	set_rstat(hw, vf, X710_VFR_VFACTIVE);
	return 0;
}

int x710_vf_release(struct x710_hw *hw, unsigned int vf)
{
	struct x710_vf *v = x710_vf_get(hw, vf);

	if (v == NULL)
		return -ENOENT;
	teardown(hw, v);
	(void)x710_qalloc_put(&hw->qalloc, v->cfg.num_queues, v->pfq);
	v->in_use = false;
	return 0;
}

int x710_vf_reset(struct x710_hw *hw, unsigned int vf, bool after_flr)
{
	const struct x710_osdep *os = &hw->os;
	struct x710_vf *v = x710_vf_get(hw, vf);
	uint32_t trig;
	int err;

	if (v == NULL)
		return -ENOENT;
	set_rstat(hw, vf, X710_VFR_INPROGRESS);
	trig = x710_rd32(os, X710_VPGEN_VFRTRIG(vf));
	if (!after_flr) {
		x710_wr32(os, X710_VPGEN_VFRTRIG(vf), trig | X710_VPGEN_VFRTRIG_VFSWR_MASK);
		x710_flush(os);
	}
	/* No PCIe transaction of the VF may be in flight (ixl_flush_pcie). */
	x710_wr32(os, X710_PF_PCI_CIAA,
		  X710_VF_PCI_DEVSTS | (uint32_t)v->abs_id << X710_PF_PCI_CIAA_VF_NUM_SHIFT);
	if (x710_poll_reg(os, X710_PF_PCI_CIAD, X710_PF_PCI_CIAD_TRANS_PENDING_MASK, 0,
			  X710_CIAD_POLL_STEP_US, X710_CIAD_POLL_TRIES, NULL) != 0)
		x710_log(os, X710_LOG_WARN, "VF %u: PCIe transactions still pending", vf);
	err = x710_poll_reg(os, X710_VPGEN_VFRSTAT(vf), X710_VPGEN_VFRSTAT_VFRD_MASK,
			    X710_VPGEN_VFRSTAT_VFRD_MASK, X710_VFR_POLL_STEP_US,
			    X710_VFR_POLL_TRIES, NULL);
	if (err)
		x710_log(os, X710_LOG_ERR, "VF %u failed to reset: VPGEN_VFRSTAT.VFRD never set", vf);
	teardown(hw, v);
	set_rstat(hw, vf, X710_VFR_COMPLETED);
	x710_wr32(os, X710_VPGEN_VFRTRIG(vf), trig & ~X710_VPGEN_VFRTRIG_VFSWR_MASK);
	x710_flush(os);
	v->resets++;
	if (err)
		return err;
	/* A brand-new VSI on every reset, as ixl and Linux do. */
	err = build(hw, v);
	if (err) {
		x710_log(os, X710_LOG_ERR, "VF %u: rebuild after reset failed (%d)", vf, err);
		return err;
	}
	set_rstat(hw, vf, X710_VFR_VFACTIVE);
	return 0;
}

int x710_vf_take_vflr(struct x710_hw *hw, uint32_t done[X710_MAX_VFS_PER_PF / 32])
{
	const struct x710_osdep *os = &hw->os;
	int n = 0;

	memset(done, 0, X710_MAX_VFS_PER_PF / 32 * sizeof(done[0]));
	/* Re-arm the cause before scanning so a new FLR is not lost. */
	x710_wr32(os, X710_PFINT_ICR0_ENA,
		  x710_rd32(os, X710_PFINT_ICR0_ENA) | X710_PFINT_ICR0_VFLR_MASK);
	for (unsigned int vf = 0; vf < hw->num_vfs; vf++) {
		unsigned int abs = hw->vfs[vf].abs_id;
		uint32_t bit = UINT32_C(1) << (abs % 32);

		if (!(x710_rd32(os, X710_GLGEN_VFLRSTAT(abs / 32)) & bit))
			continue;
		x710_wr32(os, X710_GLGEN_VFLRSTAT(abs / 32), bit);
		done[vf / 32] |= UINT32_C(1) << (vf % 32);
		n++;
	}
	return n;
}

int x710_vf_handle_vflr(struct x710_hw *hw, uint32_t done[X710_MAX_VFS_PER_PF / 32])
{
	int n = x710_vf_take_vflr(hw, done), first_err = 0;

	for (unsigned int vf = 0; vf < hw->num_vfs; vf++) {
		int err;

		if (!(done[vf / 32] & (UINT32_C(1) << (vf % 32))) || !hw->vfs[vf].in_use)
			continue;
		err = x710_vf_reset(hw, vf, true);
		if (err && first_err == 0)
			first_err = err;
	}
	return first_err ? first_err : n;
}

/* update_vsi_params with only the named sections valid. */
static int vsi_update(struct x710_hw *hw, struct x710_vf *v, uint16_t sections,
		      void (*fill)(const struct x710_vf *, uint8_t *))
{
	struct x710_vsi_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.seid = v->vsi_seid;
	put16(ctx.info + X710_VSI_PROP_VALID_SECTIONS, sections);
	fill(v, ctx.info);
	return x710_aq_update_vsi_params(hw, &ctx);
}

static void security_section(const struct x710_vf *v, uint8_t *info)
{
	info[X710_VSI_PROP_SEC_FLAGS] = v->sec_flags;
}

int x710_vf_set_anti_spoof(struct x710_hw *hw, unsigned int vf, bool mac_check)
{
	struct x710_vf *v = x710_vf_get(hw, vf);
	uint8_t old;
	int err;

	if (v == NULL)
		return -ENOENT;
	old = v->sec_flags;
	if (mac_check)
		v->sec_flags |= X710_AQ_VSI_SEC_FLAG_ENABLE_MAC_CHK;
	else
		v->sec_flags &= (uint8_t)~X710_AQ_VSI_SEC_FLAG_ENABLE_MAC_CHK;
	err = vsi_update(hw, v, X710_AQ_VSI_PROP_SECURITY_VALID, security_section);
	if (err)
		v->sec_flags = old;
	else
		v->cfg.mac_anti_spoof = mac_check;
	return err;
}

int x710_vf_set_tx_limit(struct x710_hw *hw, unsigned int vf, uint16_t credit,
			 uint8_t max_credit)
{
	struct x710_vf *v = x710_vf_get(hw, vf);
	int err;

	if (v == NULL)
		return -ENOENT;
	/* The VSI alone: no VF reset, its queues keep running. */
	err = x710_aq_config_vsi_bw_limit(hw, v->vsi_seid, credit, max_credit);
	if (err == 0) {
		v->cfg.tx_credit = credit;
		v->cfg.tx_max_credit = max_credit;
	}
	return err;
}

int x710_vf_set_promisc(struct x710_hw *hw, unsigned int vf, bool unicast, bool multicast)
{
	struct x710_vf *v = x710_vf_get(hw, vf);
	uint16_t flags = (unicast ? X710_AQC_SET_VSI_PROMISC_UNICAST : 0) |
			 (multicast ? X710_AQC_SET_VSI_PROMISC_MULTICAST : 0);
	const uint16_t valid = X710_AQC_SET_VSI_PROMISC_UNICAST | X710_AQC_SET_VSI_PROMISC_MULTICAST;
	int err;

	if (v == NULL)
		return -ENOENT;
	err = x710_aq_set_vsi_promiscuous_modes(hw, v->vsi_seid, flags, valid);
	if (err == 0)
		v->promisc_flags = (uint16_t)((v->promisc_flags & ~valid) | flags);
	return err;
}

static int check_filter(struct x710_hw *hw, unsigned int vf, const uint8_t mac[6], int vlan)
{
	static const uint8_t zero[6];

	if (memcmp(mac, zero, sizeof(zero)) == 0 || vlan > (int)X710_AQ_VLAN_ID_MASK) {
		x710_log(&hw->os, X710_LOG_ERR, "VF %u filter: zero MAC or VLAN %d > %u", vf, vlan,
			 X710_AQ_VLAN_ID_MASK);
		return -EINVAL;
	}
	return 0;
}

int x710_vf_add_mac_filter(struct x710_hw *hw, unsigned int vf, const uint8_t mac[6], int vlan)
{
	struct x710_vf *v = x710_vf_get(hw, vf);
	int err = v == NULL ? -ENOENT : check_filter(hw, vf, mac, vlan);

	return err ? err : mac_filter(hw, v, mac, vlan, true);
}

int x710_vf_del_mac_filter(struct x710_hw *hw, unsigned int vf, const uint8_t mac[6], int vlan)
{
	struct x710_vf *v = x710_vf_get(hw, vf);
	int err = v == NULL ? -ENOENT : check_filter(hw, vf, mac, vlan);

	return err ? err : mac_filter(hw, v, mac, vlan, false);
}

int x710_vf_set_vlan_strip(struct x710_hw *hw, unsigned int vf, bool strip)
{
	struct x710_vf *v = x710_vf_get(hw, vf);
	bool old;
	int err;

	if (v == NULL)
		return -ENOENT;
	if (v->cfg.port_vlan)
		return -EPERM;    /* the port VLAN owns tagging */
	old = v->vlan_strip;
	v->vlan_strip = strip;
	err = vsi_update(hw, v, X710_AQ_VSI_PROP_VLAN_VALID, vlan_section);
	if (err)
		v->vlan_strip = old;
	return err;
}
