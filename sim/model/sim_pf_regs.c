/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PF BAR0: every register the model gives a meaning, in one table.
 * Offsets and fields: x710-hardware.md §2-§3 (common/x710/x710_regs.h).
 * Registers not listed read 0 and ignore writes.
 *
 * The BAR is shared memory the driver writes without trapping. "watch"
 * registers are compared with a shadow in x710sim_poll() and their handler
 * runs for every changed word; x710sim_wr32() runs the same handler at once.
 * Where the polled path can only approximate the silicon, the entry says so.
 */
#include "sim_model.h"

static struct sim_pf *pf_of(struct x710sim *sim, struct sim_func *f)
{
	return sim_func_pf(sim, f);
}

/* PFGEN_CTRL.PFSWR: PF software reset; self-clearing once done. */
static void on_pfgen_ctrl(struct x710sim *sim, struct sim_func *f, unsigned int idx,
			  uint32_t old, uint32_t val)
{
	(void)idx; (void)old;
	if (val & X710_PFGEN_CTRL_PFSWR_MASK)
		sim_fw_pf_reset(sim, pf_of(sim, f));
}

static void on_vfrtrig(struct x710sim *sim, struct sim_func *f, unsigned int vf,
		       uint32_t old, uint32_t val)
{
	struct sim_pf *pf = pf_of(sim, f);

	if (vf >= pf->num_vfs)
		return;
	pf->vfs[vf].in_reset = val & X710_VPGEN_VFRTRIG_VFSWR_MASK;
	/* Only the 0 -> 1 edge starts a reset (spec §2.3). */
	if ((val & X710_VPGEN_VFRTRIG_VFSWR_MASK) && !(old & X710_VPGEN_VFRTRIG_VFSWR_MASK))
		sim_vf_hw_reset(sim, &pf->vfs[vf]);
}

static void on_vfgen_rstat1(struct x710sim *sim, struct sim_func *f, unsigned int vf,
			    uint32_t old, uint32_t val)
{
	struct sim_pf *pf = pf_of(sim, f);

	(void)old;
	if (vf < pf->num_vfs)
		sim_vf_rstat_written(sim, &pf->vfs[vf], val);
}

/* W1C. Polled approximation: a write of the value already there is
 * invisible; the bit is also cleared when the PF next writes VFGEN_RSTAT1
 * for that VF (both Linux and DPDK do so after handling the VFLR). */
static void on_vflrstat(struct x710sim *sim, struct sim_func *f, unsigned int word,
			uint32_t old, uint32_t clear)
{
	(void)old;
	sim_vflrstat_written(sim, pf_of(sim, f), word, clear);
}

/* PF_PCI_CIAA: the PF reads a VF's config space through CIAD. */
static uint32_t ciad_value(struct x710sim *sim, struct sim_pf *pf, uint32_t ciaa)
{
	unsigned int abs = ciaa >> X710_PF_PCI_CIAA_VF_NUM_SHIFT;
	uint32_t reg = ciaa & (X710SIM_CONFIG_SIZE - 1);
	uint32_t v = 0;

	(void)sim;
	if (abs >= pf->vf_base && abs - pf->vf_base < pf->num_vfs) {
		const uint8_t *cfg = pf->vfs[abs - pf->vf_base].fn.cfg;

		if (cfg != NULL && reg + 4 <= X710SIM_CONFIG_SIZE)
			v = (uint32_t)cfg[reg] | (uint32_t)cfg[reg + 1] << 8 |
			    (uint32_t)cfg[reg + 2] << 16 | (uint32_t)cfg[reg + 3] << 24;
	}
	/* Unaligned on purpose: 0xAA is the VF's PCIe Device Status, whose
	 * Transactions Pending bit (0x20) the model never sets. */
	return v;
}

static void on_ciaa(struct x710sim *sim, struct sim_func *f, unsigned int idx,
		    uint32_t old, uint32_t val)
{
	(void)idx; (void)old;
	sim_reg_set(f, X710_PF_PCI_CIAD, ciad_value(sim, pf_of(sim, f), val));
}

static void on_icr0_ena(struct x710sim *sim, struct sim_func *f, unsigned int idx,
			uint32_t old, uint32_t val)
{
	(void)idx; (void)old; (void)val;
	sim_irq_pf_update(sim, pf_of(sim, f));
}

static void on_sdcmd(struct x710sim *sim, struct sim_func *f, unsigned int idx,
		     uint32_t old, uint32_t val)
{
	(void)idx; (void)old;
	if (val & X710_PFHMC_SDCMD_PMSDWR_MASK)
		sim_hmc_sdcmd(sim, pf_of(sim, f), val);
}

static void on_qtx_ena(struct x710sim *sim, struct sim_func *f, unsigned int q,
		       uint32_t old, uint32_t val)
{
	sim_lanq_ena_written(sim, pf_of(sim, f), q, true, old, val);
}

static void on_qrx_ena(struct x710sim *sim, struct sim_func *f, unsigned int q,
		       uint32_t old, uint32_t val)
{
	sim_lanq_ena_written(sim, pf_of(sim, f), q, false, old, val);
}

static void on_txpre_qdis(struct x710sim *sim, struct sim_func *f, unsigned int idx,
			  uint32_t old, uint32_t val)
{
	(void)old;
	sim_lanq_txpre_qdis(sim, pf_of(sim, f), idx, val);
}

/* VF RSS registers: index = i * 128 + vf (the table's 2-D layout). */
static void on_vf_rss(struct x710sim *sim, struct sim_func *f, unsigned int idx,
		      uint32_t old, uint32_t val)
{
	(void)old; (void)val;
	sim_rss_vf_changed(sim, pf_of(sim, f), idx % SIM_DEVICE_VFS);
}

static uint32_t rd_vf_icr0_ena(struct x710sim *sim, struct sim_func *f, unsigned int vf)
{
	struct sim_pf *pf = pf_of(sim, f);

	if (vf >= pf->num_vfs || !pf->vfs[vf].fn.present)
		return 0;
	return sim_reg_get(&pf->vfs[vf].fn, X710_VFINT_ICR0_ENA1);
}

static uint32_t rd_qtx_head(struct x710sim *sim, struct sim_func *f, unsigned int q)
{
	struct sim_pf *pf = pf_of(sim, f);
	int h = sim->dp ? sim_dp_txq_head(sim->dp, pf->idx, q) : -1;

	return h < 0 ? sim_reg_get(f, X710_QTX_HEAD(q)) : (uint32_t)h;
}

#define VF_IDX   .n = SIM_DEVICE_VFS, .stride = 4, .dim = SIM_DIM_PF_VFS
#define Q_IDX    .n = SIM_DEVICE_QUEUES, .stride = 4, .dim = SIM_DIM_PF_QUEUES
#define VSI_IDX  .n = SIM_VSI_MAX, .stride = 4
/* Every GLV_* register repeats at X710_GLV_STRIDE (8), the 48-bit pairs and
 * the lone 32-bit counters (RDPC, RUPP, TEPC) alike (i40e_register.h). */
#define STAT     .n = X710_GLV_STAT_COUNTERS, .stride = X710_GLV_STRIDE, .access = SIM_REG_RO

static const struct sim_reg_def pf_regs[] = {
	/* Admin queue (§3.1). Head registers belong to the device but the
	 * driver zeroes them at init, so they stay writable. The AQ engine
	 * compares head and tail on every poll instead of watching. */
	{ "PF_ATQBAL", X710_PF_ATQBAL, .access = SIM_REG_RW },
	{ "PF_ATQBAH", X710_PF_ATQBAH, .access = SIM_REG_RW },
	{ "PF_ATQLEN", X710_PF_ATQLEN, .access = SIM_REG_RW },
	{ "PF_ATQH", X710_PF_ATQH, .access = SIM_REG_RW },
	{ "PF_ATQT", X710_PF_ATQT, .access = SIM_REG_RW },
	{ "PF_ARQBAL", X710_PF_ARQBAL, .access = SIM_REG_RW },
	{ "PF_ARQBAH", X710_PF_ARQBAH, .access = SIM_REG_RW },
	{ "PF_ARQLEN", X710_PF_ARQLEN, .access = SIM_REG_RW },
	{ "PF_ARQH", X710_PF_ARQH, .access = SIM_REG_RW },
	{ "PF_ARQT", X710_PF_ARQT, .access = SIM_REG_RW },
	/* The VFs' AQ registers as the PF sees them (§2.2): mirrors of the
	 * VF BAR, kept in step by the model. */
	{ "VF_ATQBAL", X710_VF_ATQBAL(0), VF_IDX, .access = SIM_REG_RO },
	{ "VF_ARQBAL", X710_VF_ARQBAL(0), VF_IDX, .access = SIM_REG_RO },
	{ "VF_ATQBAH", X710_VF_ATQBAH(0), VF_IDX, .access = SIM_REG_RO },
	{ "VF_ARQBAH", X710_VF_ARQBAH(0), VF_IDX, .access = SIM_REG_RO },
	{ "VF_ATQLEN", X710_VF_ATQLEN(0), VF_IDX, .access = SIM_REG_RO },
	{ "VF_ARQLEN", X710_VF_ARQLEN(0), VF_IDX, .access = SIM_REG_RO },
	{ "VF_ATQH", X710_VF_ATQH(0), VF_IDX, .access = SIM_REG_RO },
	{ "VF_ARQH", X710_VF_ARQH(0), VF_IDX, .access = SIM_REG_RO },
	{ "VF_ATQT", X710_VF_ATQT(0), VF_IDX, .access = SIM_REG_RO },
	{ "VF_ARQT", X710_VF_ARQT(0), VF_IDX, .access = SIM_REG_RO },

	/* Resets (§2.3, §3.1). PFSWR self-clears when the reset is done. */
	{ "PFGEN_CTRL", X710_PFGEN_CTRL, .access = SIM_REG_RW, .watch = true,
	  .sc_mask = X710_PFGEN_CTRL_PFSWR_MASK, .on_write = on_pfgen_ctrl },
	{ "GLGEN_STAT", X710_GLGEN_STAT, .access = SIM_REG_RO },
	{ "VPGEN_VFRTRIG", X710_VPGEN_VFRTRIG(0), VF_IDX, .access = SIM_REG_RW,
	  .watch = true, .on_write = on_vfrtrig },
	{ "VPGEN_VFRSTAT", X710_VPGEN_VFRSTAT(0), VF_IDX, .access = SIM_REG_RO },
	{ "VFGEN_RSTAT1", X710_VFGEN_RSTAT1(0), VF_IDX, .access = SIM_REG_RW,
	  .watch = true, .on_write = on_vfgen_rstat1 },
	{ "GLGEN_VFLRSTAT", X710_GLGEN_VFLRSTAT(0), .n = SIM_DEVICE_VFS / 32, .stride = 4,
	  .access = SIM_REG_W1C, .watch = true, .on_write = on_vflrstat },
	{ "PF_PCI_CIAA", X710_PF_PCI_CIAA, .access = SIM_REG_RW, .watch = true,
	  .on_write = on_ciaa },
	{ "PF_PCI_CIAD", X710_PF_PCI_CIAD, .access = SIM_REG_RO },

	/* PF interrupt causes (§2.2). ICR0 is clear-on-read in silicon; a
	 * polled model cannot see reads, so ADMINQ clears once the driver has
	 * consumed its ARQ and VFLR once no VFLRSTAT bit of this PF is set. */
	{ "PFINT_ICR0", X710_PFINT_ICR0, .access = SIM_REG_COR },
	{ "PFINT_ICR0_ENA", X710_PFINT_ICR0_ENA, .access = SIM_REG_RW, .watch = true,
	  .on_write = on_icr0_ena },
	/* VF interrupt registers seen from the PF (§3.3). DYN_CTL0/N are
	 * stored only: the VF's own DYN_CTL01/DYN_CTLN1 drive delivery. */
	{ "VFINT_DYN_CTL0", X710_VFINT_DYN_CTL0(0), VF_IDX, .access = SIM_REG_RW },
	{ "VFINT_DYN_CTLN", X710_VFINT_DYN_CTLN(0), .n = SIM_DEVICE_VF_VECTORS,
	  .stride = 4, .access = SIM_REG_RW },
	{ "VFINT_ICR0_ENA", X710_VFINT_ICR0_ENA(0), VF_IDX, .access = SIM_REG_RO,
	  .on_read = rd_vf_icr0_ena },
	{ "VPINT_LNKLST0", X710_VPINT_LNKLST0(0), VF_IDX, .access = SIM_REG_RW },
	{ "VPINT_LNKLSTN", X710_VPINT_LNKLSTN(0), .n = SIM_DEVICE_VF_VECTORS,
	  .stride = 4, .access = SIM_REG_RW },
	{ "QINT_RQCTL", X710_QINT_RQCTL(0), Q_IDX, .access = SIM_REG_RW },
	{ "QINT_TQCTL", X710_QINT_TQCTL(0), Q_IDX, .access = SIM_REG_RW },

	/* HMC (§3.6). SDCMD.WR self-clears so that a second command with the
	 * same value (set, then clear, the same SD) is seen by the poller. */
	{ "PFHMC_SDCMD", X710_PFHMC_SDCMD, .access = SIM_REG_RW, .watch = true,
	  .sc_mask = X710_PFHMC_SDCMD_PMSDWR_MASK, .on_write = on_sdcmd },
	{ "PFHMC_SDDATALOW", X710_PFHMC_SDDATALOW, .access = SIM_REG_RW },
	{ "PFHMC_SDDATAHIGH", X710_PFHMC_SDDATAHIGH, .access = SIM_REG_RW },
	/* PD entries are read from host memory at every context lookup, so
	 * there is no PD cache to invalidate. */
	{ "PFHMC_PDINV", X710_PFHMC_PDINV, .access = SIM_REG_RW },
	{ "GLHMC_LANTXOBJSZ", X710_GLHMC_LANTXOBJSZ, .reset = X710_HMC_LAN_TX_OBJ_LOG2,
	  .access = SIM_REG_RO },
	{ "GLHMC_LANQMAX", X710_GLHMC_LANQMAX, .reset = SIM_DEVICE_QUEUES,
	  .access = SIM_REG_RO },
	{ "GLHMC_LANRXOBJSZ", X710_GLHMC_LANRXOBJSZ, .reset = X710_HMC_LAN_RX_OBJ_LOG2,
	  .access = SIM_REG_RO },
	{ "GLHMC_LANTXBASE", X710_GLHMC_LANTXBASE(0), .n = 16, .stride = 4 },
	{ "GLHMC_LANTXCNT", X710_GLHMC_LANTXCNT(0), .n = 16, .stride = 4 },
	{ "GLHMC_LANRXBASE", X710_GLHMC_LANRXBASE(0), .n = 16, .stride = 4 },
	{ "GLHMC_LANRXCNT", X710_GLHMC_LANRXCNT(0), .n = 16, .stride = 4 },

	/* LAN queues (§3.6): QENA_REQ edges start/stop the queue; STAT is
	 * written by the model. 1536 words per PF: watched in the sliced tier. */
	{ "QTX_ENA", X710_QTX_ENA(0), Q_IDX, .access = SIM_REG_RW, .watch = true,
	  .slow = true, .on_write = on_qtx_ena },
	{ "QRX_ENA", X710_QRX_ENA(0), Q_IDX, .access = SIM_REG_RW, .watch = true,
	  .slow = true, .on_write = on_qrx_ena },
	{ "QTX_CTL", X710_QTX_CTL(0), Q_IDX, .access = SIM_REG_RW },
	/* Tails are doorbells of the data path, which reads them itself. */
	{ "QTX_TAIL", X710_QTX_TAIL(0), Q_IDX, .access = SIM_REG_RW },
	{ "QRX_TAIL", X710_QRX_TAIL(0), Q_IDX, .access = SIM_REG_RW },
	{ "QTX_HEAD", X710_QTX_HEAD(0), Q_IDX, .access = SIM_REG_RW,
	  .on_read = rd_qtx_head },
	{ "GLLAN_TXPRE_QDIS", X710_GLLAN_TXPRE_QDIS(0),
	  .n = SIM_DEVICE_QUEUES / X710_GLLAN_TXPRE_QDIS_QUEUES, .stride = 4,
	  .access = SIM_REG_RW, .watch = true,
	  .sc_mask = X710_GLLAN_TXPRE_QDIS_SET_QDIS_MASK | X710_GLLAN_TXPRE_QDIS_CLEAR_QDIS_MASK,
	  .on_write = on_txpre_qdis },

	/* VF and VSI queue mapping (§3.3), read when a queue is enabled. */
	{ "VSILAN_QBASE", X710_VSILAN_QBASE(0), VSI_IDX, .access = SIM_REG_RW },
	{ "VPLAN_MAPENA", X710_VPLAN_MAPENA(0), VF_IDX, .access = SIM_REG_RW },
	{ "VPLAN_QTABLE", X710_VPLAN_QTABLE(0, 0), VF_IDX, .n2 = X710_VPLAN_QTABLE_ENTRIES,
	  .stride2 = 1024, .access = SIM_REG_RW },
	{ "VSILAN_QTABLE", X710_VSILAN_QTABLE(0, 0), VSI_IDX,
	  .n2 = X710_VSILAN_QTABLE_ENTRIES, .stride2 = 2048, .access = SIM_REG_RW },
	{ "VPLAN_QBASE", X710_VPLAN_QBASE(0), VF_IDX, .access = SIM_REG_RW },

	/* VF RSS (§3.3): any change reprograms the VF VSI's RSS in the data path. */
	{ "VFQF_HENA1", X710_VFQF_HENA1(0, 0), VF_IDX, .n2 = X710_VFQF_HENA_REGS,
	  .stride2 = 1024, .access = SIM_REG_RW, .watch = true, .slow = true,
	  .on_write = on_vf_rss },
	{ "VFQF_HKEY1", X710_VFQF_HKEY1(0, 0), VF_IDX, .n2 = X710_VFQF_HKEY_REGS,
	  .stride2 = 1024, .access = SIM_REG_RW, .watch = true, .slow = true,
	  .on_write = on_vf_rss },
	{ "VFQF_HLUT1", X710_VFQF_HLUT1(0, 0), VF_IDX, .n2 = X710_VFQF_HLUT_REGS,
	  .stride2 = 1024, .access = SIM_REG_RW, .watch = true, .slow = true,
	  .on_write = on_vf_rss },

	/* Per-VSI statistics by stat_counter_idx, refreshed from the data
	 * path's counters on every poll (spec §3.7 GET_STATS). Silicon keeps
	 * 48-bit counters; the model stores the low 48 bits the same way. */
	{ "GLV_GORCL", X710_GLV_GORCL(0), STAT }, { "GLV_GORCH", X710_GLV_GORCH(0), STAT },
	{ "GLV_UPRCL", X710_GLV_UPRCL(0), STAT }, { "GLV_UPRCH", X710_GLV_UPRCH(0), STAT },
	{ "GLV_MPRCL", X710_GLV_MPRCL(0), STAT }, { "GLV_MPRCH", X710_GLV_MPRCH(0), STAT },
	{ "GLV_BPRCL", X710_GLV_BPRCL(0), STAT }, { "GLV_BPRCH", X710_GLV_BPRCH(0), STAT },
	{ "GLV_RDPC", X710_GLV_RDPC(0), STAT }, { "GLV_RUPP", X710_GLV_RUPP(0), STAT },
	{ "GLV_GOTCL", X710_GLV_GOTCL(0), STAT }, { "GLV_GOTCH", X710_GLV_GOTCH(0), STAT },
	{ "GLV_UPTCL", X710_GLV_UPTCL(0), STAT }, { "GLV_UPTCH", X710_GLV_UPTCH(0), STAT },
	{ "GLV_MPTCL", X710_GLV_MPTCL(0), STAT }, { "GLV_MPTCH", X710_GLV_MPTCH(0), STAT },
	{ "GLV_BPTCL", X710_GLV_BPTCL(0), STAT }, { "GLV_BPTCH", X710_GLV_BPTCH(0), STAT },
	{ "GLV_TEPC", X710_GLV_TEPC(0), STAT },
};

const struct sim_reg_table sim_pf_reg_table = {
	.defs = pf_regs,
	.n_defs = sizeof(pf_regs) / sizeof(pf_regs[0]),
	.bar_size = X710SIM_PF_BAR0_SIZE,
};
