/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * X710 (700-series) register offsets and fields, PF BAR0 and VF BAR0.
 * Facts only; every value is cited to x710-hardware.md and was checked
 * against the public DPDK 22.11 headers i40e_register.h (PF and VF BAR0)
 * and iavf_register.h (VF BAR0); x710_facts_test.c pins the key ones.
 * Fields come as _SHIFT/_MASK pairs.
 * Indexed registers take the index the spec names: PF-relative VF id (vf),
 * absolute VF id (abs_vf), PF-relative queue (q) or absolute queue (absq).
 */
#ifndef X710_REGS_H
#define X710_REGS_H

#include <stdint.h>

#define X710_BIT(n)            (UINT32_C(1) << (n))
#define X710_FIELD(shift, bits) ((uint32_t)((UINT64_C(1) << (bits)) - 1) << (shift))

/* ---- PF admin queue (spec §3.1; i40e_register.h PF_ATQ*, PF_ARQ*) ------ */
#define X710_PF_ATQBAL         0x080000
#define X710_PF_ATQBAH         0x080100
#define X710_PF_ATQLEN         0x080200
#define X710_PF_ATQH           0x080300
#define X710_PF_ATQT           0x080400
#define X710_PF_ARQBAL         0x080080
#define X710_PF_ARQBAH         0x080180
#define X710_PF_ARQLEN         0x080280
#define X710_PF_ARQH           0x080380
#define X710_PF_ARQT           0x080480

/* ATQLEN/ARQLEN layout, PF and VF alike (spec §1.1, §3.1). */
#define X710_AQLEN_LEN_SHIFT   0
#define X710_AQLEN_LEN_MASK    X710_FIELD(0, 10)
#define X710_AQLEN_VFE_MASK    X710_BIT(28)
#define X710_AQLEN_OVFL_MASK   X710_BIT(29)
#define X710_AQLEN_CRIT_MASK   X710_BIT(30)
#define X710_AQLEN_ENABLE_MASK X710_BIT(31)
/* Head/tail registers hold a 10-bit ring index (spec §1.1 ARQH mask). */
#define X710_AQ_HT_MASK        X710_FIELD(0, 10)

/* PF view of VF AQ registers, indexed by PF-relative VF 0..127 (spec §2.2;
 * i40e_register.h VF_ATQ*(_VF), VF_ARQ*(_VF)). */
#define X710_VF_ATQBAL(vf)     (0x080800 + 4 * (vf))
#define X710_VF_ARQBAL(vf)     (0x080C00 + 4 * (vf))
#define X710_VF_ATQBAH(vf)     (0x081000 + 4 * (vf))
#define X710_VF_ARQBAH(vf)     (0x081400 + 4 * (vf))
#define X710_VF_ATQLEN(vf)     (0x081800 + 4 * (vf))
#define X710_VF_ARQLEN(vf)     (0x081C00 + 4 * (vf))
#define X710_VF_ATQH(vf)       (0x082000 + 4 * (vf))
#define X710_VF_ARQH(vf)       (0x082400 + 4 * (vf))
#define X710_VF_ATQT(vf)       (0x082800 + 4 * (vf))
#define X710_VF_ARQT(vf)       (0x082C00 + 4 * (vf))

/* ---- PF general / reset (spec §2.3, §3.1; i40e_register.h) ------------- */
/* VPGEN_VFRTRIG, VPGEN_VFRSTAT, VFGEN_RSTAT1: _VF = 0..127;
 * GLGEN_VFLRSTAT: _i = 0..3, one bit per absolute VF (128 VFs). */
#define X710_PFGEN_CTRL        0x092400
#define X710_PFGEN_CTRL_PFSWR_MASK  X710_BIT(0)
#define X710_GLGEN_STAT        0x0B612C   /* read to flush posted writes */
#define X710_VPGEN_VFRTRIG(vf) (0x091800 + 4 * (vf))
#define X710_VPGEN_VFRTRIG_VFSWR_MASK X710_BIT(0)
#define X710_VPGEN_VFRSTAT(vf) (0x091C00 + 4 * (vf))
#define X710_VPGEN_VFRSTAT_VFRD_MASK  X710_BIT(0)
#define X710_VFGEN_RSTAT1(vf)  (0x074400 + 4 * (vf))
#define X710_GLGEN_VFLRSTAT(i) (0x092600 + 4 * (i))  /* bit per absolute VF */
#define X710_PF_PCI_CIAA       0x09C080
#define X710_PF_PCI_CIAD       0x09C100
#define X710_PF_PCI_CIAA_VF_NUM_SHIFT 12
#define X710_PF_PCI_CIAD_TRANS_PENDING_MASK X710_BIT(5) /* CIAD & 0x20 */

/* VFR_STATE values of VFGEN_RSTAT (spec §2.3, virtchnl_vfr_states). */
#define X710_VFR_INPROGRESS    0
#define X710_VFR_COMPLETED     1
#define X710_VFR_VFACTIVE      2
#define X710_VFGEN_RSTAT_VFR_STATE_MASK X710_FIELD(0, 2)

/* ---- PF interrupts (spec §2.2; i40e_register.h PFINT_*, QINT_*) ------- */
#define X710_PFINT_ICR0        0x038780
#define X710_PFINT_ICR0_ENA    0x038800
#define X710_PFINT_ICR0_VFLR_MASK   X710_BIT(29)
#define X710_PFINT_ICR0_ADMINQ_MASK X710_BIT(30)
/* VF interrupt registers seen from the PF (spec §3.3). VFINT_DYN_CTL0,
 * VFINT_ICR0_ENA, VPINT_LNKLST0: _VF 0..127; VFINT_DYN_CTLN, VPINT_LNKLSTN:
 * _INTVF 0..511; QINT_RQCTL/TQCTL: _Q 0..1535 (i40e_register.h). */
#define X710_VFINT_DYN_CTL0(vf) (0x02A400 + 4 * (vf))
#define X710_VFINT_DYN_CTLN(n)  (0x024800 + 4 * (n))
#define X710_VFINT_ICR0_ENA(vf) (0x02C000 + 4 * (vf))
#define X710_VPINT_LNKLST0(vf)  (0x02A800 + 4 * (vf))
#define X710_VPINT_LNKLSTN(n)   (0x025000 + 4 * (n))
#define X710_VPINT_LNKLST_FIRSTQ_INDX_MASK X710_FIELD(0, 11)
#define X710_VPINT_LNKLST_FIRSTQ_TYPE_SHIFT 11
#define X710_VPINT_LNKLST_FIRSTQ_TYPE_MASK  X710_FIELD(11, 2)
#define X710_QINT_RQCTL(q)      (0x03A000 + 4 * (q))
#define X710_QINT_TQCTL(q)      (0x03C000 + 4 * (q))
#define X710_QINT_MSIX_INDX_MASK   X710_FIELD(0, 8)
#define X710_QINT_ITR_INDX_SHIFT   11
#define X710_QINT_ITR_INDX_MASK    X710_FIELD(11, 2)
#define X710_QINT_NEXTQ_INDX_SHIFT 16
#define X710_QINT_NEXTQ_INDX_MASK  X710_FIELD(16, 11)
#define X710_QINT_NEXTQ_TYPE_SHIFT 27
#define X710_QINT_NEXTQ_TYPE_MASK  X710_FIELD(27, 2)
#define X710_QINT_CAUSE_ENA_MASK   X710_BIT(30)
#define X710_QINT_INTEVENT_MASK    X710_BIT(31)
#define X710_QUEUE_END_OF_LIST     0x7FF  /* empty list / unused table slot */

/* ---- HMC (spec §3.6; i40e_register.h PFHMC_*, GLHMC_*; GLHMC_LAN*(_i)
 * _i = 0..15; sizes from i40e_hmc.h and i40e_lan_hmc.h) ------------------ */
#define X710_PFHMC_SDCMD       0x0C0000
#define X710_PFHMC_SDCMD_PMSDIDX_MASK X710_FIELD(0, 12)
#define X710_PFHMC_SDCMD_PMSDWR_MASK  X710_BIT(31)
#define X710_PFHMC_SDDATALOW   0x0C0100
#define X710_PFHMC_SDDATALOW_VALID_MASK    X710_BIT(0)
#define X710_PFHMC_SDDATALOW_TYPE_MASK     X710_BIT(1)  /* 1 = direct 2 MB */
#define X710_PFHMC_SDDATALOW_BPCOUNT_SHIFT 2
#define X710_PFHMC_SDDATALOW_BPCOUNT_MASK  X710_FIELD(2, 10)
#define X710_PFHMC_SDDATALOW_ADDR_MASK     0xFFFFF000u  /* pa[31:12] << 12 */
#define X710_PFHMC_SDDATAHIGH  0x0C0200  /* pa[63:32] */
#define X710_PFHMC_PDINV       0x0C0300
#define X710_PFHMC_PDINV_PMSDIDX_MASK X710_FIELD(0, 12)
#define X710_PFHMC_PDINV_PMPDIDX_SHIFT 16
#define X710_PFHMC_PDINV_PMPDIDX_MASK X710_FIELD(16, 9)
#define X710_GLHMC_LANTXOBJSZ  0x0C2004  /* log2 of the Tx object size */
#define X710_GLHMC_LANQMAX     0x0C2008
#define X710_GLHMC_LANRXOBJSZ  0x0C200C
#define X710_GLHMC_LANTXBASE(pf) (0x0C6200 + 4 * (pf))  /* FPM base / 512 */
#define X710_GLHMC_LANTXCNT(pf)  (0x0C6300 + 4 * (pf))
#define X710_GLHMC_LANRXBASE(pf) (0x0C6400 + 4 * (pf))
#define X710_GLHMC_LANRXCNT(pf)  (0x0C6500 + 4 * (pf))
#define X710_HMC_LAN_TX_OBJ_LOG2 7   /* 128 B Tx context */
#define X710_HMC_LAN_RX_OBJ_LOG2 5   /* 32 B Rx context */
#define X710_HMC_FPM_BASE_UNIT   512
#define X710_HMC_SD_SIZE         (UINT64_C(2) << 20)
#define X710_HMC_PD_SIZE         4096
#define X710_HMC_PD_PER_SD       512

/* ---- LAN queues (spec §3.6; i40e_register.h, _Q = 0..1535; QTX_CTL
 * PFVF_Q values from i40e_type.h I40E_QTX_CTL_*_QUEUE) --------------------- */
#define X710_QTX_ENA(q)        (0x100000 + 4 * (q))
#define X710_QRX_ENA(q)        (0x120000 + 4 * (q))
#define X710_QENA_REQ_MASK     X710_BIT(0)
#define X710_QENA_FAST_QDIS_MASK X710_BIT(1)
#define X710_QENA_STAT_MASK    X710_BIT(2)
#define X710_QTX_CTL(q)        (0x104000 + 4 * (q))
#define X710_QTX_CTL_PFVF_Q_MASK    X710_FIELD(0, 2)
#define X710_QTX_CTL_PFVF_Q_VF      0
#define X710_QTX_CTL_PFVF_Q_VM      1
#define X710_QTX_CTL_PFVF_Q_PF      2
#define X710_QTX_CTL_PF_INDX_SHIFT  2
#define X710_QTX_CTL_PF_INDX_MASK   X710_FIELD(2, 4)
#define X710_QTX_CTL_VFVM_INDX_SHIFT 7
#define X710_QTX_CTL_VFVM_INDX_MASK X710_FIELD(7, 9)
#define X710_QTX_TAIL(q)       (0x108000 + 4 * (q))
#define X710_QRX_TAIL(q)       (0x128000 + 4 * (q))
#define X710_QTX_HEAD(q)       (0x0E4000 + 4 * (q))
#define X710_GLLAN_TXPRE_QDIS(i) (0x0E6500 + 4 * (i))  /* i = absq / 128 */
#define X710_GLLAN_TXPRE_QDIS_QINDX_MASK X710_FIELD(0, 11)
#define X710_GLLAN_TXPRE_QDIS_SET_QDIS_MASK   X710_BIT(30)
#define X710_GLLAN_TXPRE_QDIS_CLEAR_QDIS_MASK X710_BIT(31)
#define X710_GLLAN_TXPRE_QDIS_QUEUES 128

/* ---- VF <-> queue / VSI mapping (spec §3.3; i40e_register.h: VSILAN_*
 * _VSI 0..383, VPLAN_* _VF 0..127, VPLAN_QTABLE _i 0..15, VSILAN_QTABLE
 * _i 0..7) ---------------------------------------------------------------- */
#define X710_VSILAN_QBASE(vsi)   (0x20C800 + 4 * (vsi))
#define X710_VSILAN_QBASE_VSIBASE_MASK X710_FIELD(0, 11)
#define X710_VSILAN_QBASE_VSIQTABLE_ENA_MASK X710_BIT(11)
#define X710_VPLAN_MAPENA(vf)    (0x074000 + 4 * (vf))
#define X710_VPLAN_MAPENA_TXRX_ENA_MASK X710_BIT(0)
#define X710_VPLAN_QTABLE(i, vf) (0x070000 + 1024 * (i) + 4 * (vf))
#define X710_VPLAN_QTABLE_QINDEX_MASK X710_FIELD(0, 11)
#define X710_VSILAN_QTABLE(j, vsi) (0x200000 + 2048 * (j) + 4 * (vsi))
#define X710_VSILAN_QTABLE_QINDEX_0_MASK X710_FIELD(0, 11)
#define X710_VSILAN_QTABLE_QINDEX_1_SHIFT 16
#define X710_VSILAN_QTABLE_QINDEX_1_MASK X710_FIELD(16, 11)
#define X710_VPLAN_QBASE(vf)     (0x074800 + 4 * (vf))
#define X710_VPLAN_QBASE_VFFIRSTQ_MASK X710_FIELD(0, 11)
#define X710_VPLAN_QBASE_VFNUMQ_SHIFT 11
#define X710_VPLAN_QBASE_VFNUMQ_MASK X710_FIELD(11, 8)
#define X710_VPLAN_QBASE_VFQTABLE_ENA_MASK X710_BIT(31)
#define X710_VPLAN_QTABLE_ENTRIES 16
#define X710_VSILAN_QTABLE_ENTRIES 8

/* ---- VF RSS, PF view (spec §3.3; i40e_register.h VFQF_*1(_i, _VF)) ---- */
#define X710_VFQF_HENA1(i, vf)  (0x230800 + 1024 * (i) + 4 * (vf))  /* i 0..1 */
#define X710_VFQF_HKEY1(i, vf)  (0x228000 + 1024 * (i) + 4 * (vf))  /* i 0..12 */
#define X710_VFQF_HLUT1(i, vf)  (0x220000 + 1024 * (i) + 4 * (vf))  /* i 0..15 */
#define X710_VFQF_HENA_REGS     2
#define X710_VFQF_HKEY_REGS     13
#define X710_VFQF_HLUT_REGS     16

/* ---- Statistics per VSI, GLV_* indexed by stat_counter_idx -------------- */
/* i40e_register.h GLV_*(_i), _i = 0..383, every one at stride 8. Byte and
 * packet counters are 48-bit low/high pairs (high holds bits 47:32); RDPC,
 * RUPP and TEPC are single 32-bit counters, still 8 bytes apart, with
 * nothing at +4. GOTC is at 0x328000 and BPTC at 0x33D800 (not 0x300000 and
 * 0x33E400 as an earlier edit had them). */
#define X710_GLV_GORCL(i)      (0x358000 + 8 * (i))
#define X710_GLV_GORCH(i)      (0x358004 + 8 * (i))
#define X710_GLV_UPRCL(i)      (0x36C000 + 8 * (i))
#define X710_GLV_UPRCH(i)      (0x36C004 + 8 * (i))
#define X710_GLV_MPRCL(i)      (0x36CC00 + 8 * (i))
#define X710_GLV_MPRCH(i)      (0x36CC04 + 8 * (i))
#define X710_GLV_BPRCL(i)      (0x36D800 + 8 * (i))
#define X710_GLV_BPRCH(i)      (0x36D804 + 8 * (i))
#define X710_GLV_RDPC(i)       (0x310000 + 8 * (i))
#define X710_GLV_RUPP(i)       (0x36E400 + 8 * (i))
#define X710_GLV_GOTCL(i)      (0x328000 + 8 * (i))
#define X710_GLV_GOTCH(i)      (0x328004 + 8 * (i))
#define X710_GLV_UPTCL(i)      (0x33C000 + 8 * (i))
#define X710_GLV_UPTCH(i)      (0x33C004 + 8 * (i))
#define X710_GLV_MPTCL(i)      (0x33CC00 + 8 * (i))
#define X710_GLV_MPTCH(i)      (0x33CC04 + 8 * (i))
#define X710_GLV_BPTCL(i)      (0x33D800 + 8 * (i))
#define X710_GLV_BPTCH(i)      (0x33D804 + 8 * (i))
#define X710_GLV_TEPC(i)       (0x344000 + 8 * (i))
#define X710_GLV_STRIDE        8
#define X710_GLV_STAT_COUNTERS 384

/* ======================= VF BAR0 (spec §1.1) ============================ */
/* iavf_register.h (same values as the VF part of i40e_register.h): tails
 * and DYN_CTLN1 _i 0..15, ITR01/ITRN1 ITR index 0..2, VFQF_HENA 0..1,
 * VFQF_HKEY 0..12, VFQF_HLUT 0..15. VFGEN_RSTAT_HW_RESET and
 * PF_PCI_CIAD_TRANS_PENDING are from the spec only (no DPDK counterpart). */
#define X710_VF_BAR0_QTX_TAIL1(q)   (0x0000 + 4 * (q))
#define X710_VF_BAR0_QRX_TAIL1(q)   (0x2000 + 4 * (q))
#define X710_VFINT_ITRN1(i, n)      (0x2800 + 64 * (i) + 4 * (n))
#define X710_VFINT_DYN_CTLN1(n)     (0x3800 + 4 * (n))
#define X710_VFINT_ICR01            0x4800
#define X710_VFINT_ITR01(i)         (0x4C00 + 4 * (i))
#define X710_VFINT_ICR0_ENA1        0x5000
#define X710_VFINT_DYN_CTL01        0x5C00
#define X710_VF_ARQBAH1             0x6000
#define X710_VF_ATQH1               0x6400
#define X710_VF_ATQLEN1             0x6800
#define X710_VF_ARQBAL1             0x6C00
#define X710_VF_ARQT1               0x7000
#define X710_VF_ARQH1               0x7400
#define X710_VF_ATQBAH1             0x7800
#define X710_VF_ATQBAL1             0x7C00
#define X710_VF_ARQLEN1             0x8000
#define X710_VF_ATQT1               0x8400
#define X710_VFGEN_RSTAT            0x8800
#define X710_VFQF_HENA(i)           (0xC400 + 4 * (i))
#define X710_VFQF_HKEY(i)           (0xCC00 + 4 * (i))
#define X710_VFQF_HLUT(i)           (0xD000 + 4 * (i))
#define X710_VF_QUEUES              16
#define X710_VF_ITR_INDICES         3
#define X710_VFGEN_RSTAT_HW_RESET   0xDEADBEEFu  /* read while in HW reset */

/* VFINT_ICR01 / VFINT_ICR0_ENA1 (spec §1.1, §0 #2). */
#define X710_VFINT_ICR01_ADMINQ_MASK      X710_BIT(30)
#define X710_VFINT_ICR0_ENA1_ADMINQ_MASK  X710_BIT(30)
/* DYN_CTL layout (VFINT_DYN_CTL01 and DYN_CTLN1 alike, spec §1.1). */
#define X710_DYN_CTL_INTENA_MASK          X710_BIT(0)
#define X710_DYN_CTL_CLEARPBA_MASK        X710_BIT(1)
#define X710_DYN_CTL_SWINT_TRIG_MASK      X710_BIT(2)
#define X710_DYN_CTL_ITR_INDX_SHIFT       3
#define X710_DYN_CTL_ITR_INDX_MASK        X710_FIELD(3, 2)
#define X710_DYN_CTL_INTERVAL_SHIFT       5
#define X710_DYN_CTL_INTERVAL_MASK        X710_FIELD(5, 12)
#define X710_DYN_CTL_SW_ITR_INDX_ENA_MASK X710_BIT(24)
#define X710_DYN_CTL_SW_ITR_INDX_SHIFT    25
#define X710_DYN_CTL_SW_ITR_INDX_MASK     X710_FIELD(25, 2)
#define X710_DYN_CTL_WB_ON_ITR_MASK       X710_BIT(30)
/* Bits the hardware clears by itself after acting on them. */
#define X710_DYN_CTL_SELF_CLEARING \
	(X710_DYN_CTL_CLEARPBA_MASK | X710_DYN_CTL_SWINT_TRIG_MASK)

#endif /* X710_REGS_H */
