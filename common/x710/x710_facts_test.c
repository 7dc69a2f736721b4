/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Pins the X710 facts in common/x710 to the public reference: every value on
 * the right was read from the DPDK 22.11 headers named above each table
 * (i40e_register.h, i40e_adminq_cmd.h, i40e_adminq.h, i40e_type.h,
 * i40e_common.c's ptype table, iavf's virtchnl.h), never computed from our
 * own macros. An edit of common/x710 that diverges fails here, and the run
 * lists every divergent fact at once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "x710/virtchnl_defs.h"
#include "x710/x710_adminq_defs.h"
#include "x710/x710_desc.h"
#include "x710/x710_regs.h"

struct x710_fact {
	const char *what;
	uint64_t ours;
	uint64_t ref;
};

/* Negative status codes compare as their two's-complement bit patterns. */
#define FACT(expr, ref) { #expr, (uint64_t)(expr), (uint64_t)(ref) }
#define N_FACTS(t) (sizeof(t) / sizeof((t)[0]))

/* Prints every divergent fact and returns how many there were. */
static unsigned int count_wrong(const struct x710_fact *f, size_t n)
{
	unsigned int wrong = 0;

	for (size_t i = 0; i < n; i++) {
		if (f[i].ours == f[i].ref)
			continue;
		print_message("%s is 0x%llx, the reference says 0x%llx\n", f[i].what,
			      (unsigned long long)f[i].ours, (unsigned long long)f[i].ref);
		wrong++;
	}
	return wrong;
}

static void expect_facts(const struct x710_fact *f, size_t n)
{
	assert_int_equal(count_wrong(f, n), 0);
}

/* i40e_register.h, iavf_register.h: mailbox, reset, interrupt, HMC, queue,
 * VF RSS and GLV_* statistics registers, at the top index of each array
 * (_i=0...N) so that both the base and the stride are pinned. */
static const struct x710_fact register_facts[] = {
	FACT(X710_PF_ATQBAL, 0x00080000),
	FACT(X710_PF_ATQBAH, 0x00080100),
	FACT(X710_PF_ATQLEN, 0x00080200),
	FACT(X710_PF_ATQH, 0x00080300),
	FACT(X710_PF_ATQT, 0x00080400),
	FACT(X710_PF_ARQBAL, 0x00080080),
	FACT(X710_PF_ARQBAH, 0x00080180),
	FACT(X710_PF_ARQLEN, 0x00080280),
	FACT(X710_PF_ARQH, 0x00080380),
	FACT(X710_PF_ARQT, 0x00080480),
	FACT(X710_AQLEN_LEN_MASK, 0x000003FF),
	FACT(X710_AQLEN_VFE_MASK, 0x10000000),
	FACT(X710_AQLEN_OVFL_MASK, 0x20000000),
	FACT(X710_AQLEN_CRIT_MASK, 0x40000000),
	FACT(X710_AQLEN_ENABLE_MASK, 0x80000000),
	FACT(X710_AQ_HT_MASK, 0x000003FF),
	FACT(X710_VF_ATQBAL(127), 0x000809FC),
	FACT(X710_VF_ARQBAL(127), 0x00080DFC),
	FACT(X710_VF_ATQBAH(127), 0x000811FC),
	FACT(X710_VF_ARQBAH(127), 0x000815FC),
	FACT(X710_VF_ATQLEN(127), 0x000819FC),
	FACT(X710_VF_ARQLEN(127), 0x00081DFC),
	FACT(X710_VF_ATQH(127), 0x000821FC),
	FACT(X710_VF_ARQH(127), 0x000825FC),
	FACT(X710_VF_ATQT(127), 0x000829FC),
	FACT(X710_VF_ARQT(127), 0x00082DFC),
	FACT(X710_VF_ARQBAH1, 0x00006000),
	FACT(X710_VF_ATQH1, 0x00006400),
	FACT(X710_VF_ATQLEN1, 0x00006800),
	FACT(X710_VF_ARQBAL1, 0x00006C00),
	FACT(X710_VF_ARQT1, 0x00007000),
	FACT(X710_VF_ARQH1, 0x00007400),
	FACT(X710_VF_ATQBAH1, 0x00007800),
	FACT(X710_VF_ATQBAL1, 0x00007C00),
	FACT(X710_VF_ARQLEN1, 0x00008000),
	FACT(X710_VF_ATQT1, 0x00008400),
	FACT(X710_PFGEN_CTRL, 0x00092400),
	FACT(X710_PFGEN_CTRL_PFSWR_MASK, 0x00000001),
	FACT(X710_GLGEN_STAT, 0x000B612C),
	FACT(X710_VPGEN_VFRTRIG(127), 0x000919FC),
	FACT(X710_VPGEN_VFRTRIG_VFSWR_MASK, 0x00000001),
	FACT(X710_VPGEN_VFRSTAT(127), 0x00091DFC),
	FACT(X710_VPGEN_VFRSTAT_VFRD_MASK, 0x00000001),
	FACT(X710_VFGEN_RSTAT1(127), 0x000745FC),
	FACT(X710_GLGEN_VFLRSTAT(3), 0x0009260C),
	FACT(X710_VFGEN_RSTAT, 0x00008800),
	FACT(X710_VFGEN_RSTAT_VFR_STATE_MASK, 0x00000003),
	FACT(X710_PF_PCI_CIAA, 0x0009C080),
	FACT(X710_PF_PCI_CIAD, 0x0009C100),
	FACT(X710_PF_PCI_CIAA_VF_NUM_SHIFT, 0x0000000C),
	FACT(X710_PFINT_ICR0, 0x00038780),
	FACT(X710_PFINT_ICR0_ENA, 0x00038800),
	FACT(X710_PFINT_ICR0_VFLR_MASK, 0x20000000),
	FACT(X710_PFINT_ICR0_ADMINQ_MASK, 0x40000000),
	FACT(X710_VFINT_DYN_CTL0(127), 0x0002A5FC),
	FACT(X710_VFINT_DYN_CTLN(511), 0x00024FFC),
	FACT(X710_VFINT_ICR0_ENA(127), 0x0002C1FC),
	FACT(X710_VPINT_LNKLST0(127), 0x0002A9FC),
	FACT(X710_VPINT_LNKLSTN(511), 0x000257FC),
	FACT(X710_QINT_RQCTL(1535), 0x0003B7FC),
	FACT(X710_QINT_TQCTL(1535), 0x0003D7FC),
	FACT(X710_QINT_NEXTQ_INDX_MASK, 0x07FF0000),
	FACT(X710_QINT_NEXTQ_TYPE_MASK, 0x18000000),
	FACT(X710_QINT_CAUSE_ENA_MASK, 0x40000000),
	FACT(X710_VFINT_ICR01, 0x00004800),
	FACT(X710_VFINT_ICR0_ENA1, 0x00005000),
	FACT(X710_VFINT_DYN_CTL01, 0x00005C00),
	FACT(X710_VFINT_DYN_CTLN1(15), 0x0000383C),
	FACT(X710_VFINT_ITR01(2), 0x00004C08),
	FACT(X710_VFINT_ITRN1(2, 15), 0x000028BC),
	FACT(X710_VFINT_ICR01_ADMINQ_MASK, 0x40000000),
	FACT(X710_DYN_CTL_ITR_INDX_MASK, 0x00000018),
	FACT(X710_DYN_CTL_INTERVAL_MASK, 0x0001FFE0),
	FACT(X710_DYN_CTL_WB_ON_ITR_MASK, 0x40000000),
	FACT(X710_PFHMC_SDCMD, 0x000C0000),
	FACT(X710_PFHMC_SDDATALOW, 0x000C0100),
	FACT(X710_PFHMC_SDDATAHIGH, 0x000C0200),
	FACT(X710_PFHMC_PDINV, 0x000C0300),
	FACT(X710_PFHMC_SDDATALOW_BPCOUNT_MASK, 0x00000FFC),
	FACT(X710_PFHMC_SDDATALOW_ADDR_MASK, 0xFFFFF000),
	FACT(X710_PFHMC_PDINV_PMPDIDX_MASK, 0x01FF0000),
	FACT(X710_GLHMC_LANTXOBJSZ, 0x000C2004),
	FACT(X710_GLHMC_LANQMAX, 0x000C2008),
	FACT(X710_GLHMC_LANRXOBJSZ, 0x000C200C),
	FACT(X710_GLHMC_LANTXBASE(15), 0x000C623C),
	FACT(X710_GLHMC_LANTXCNT(15), 0x000C633C),
	FACT(X710_GLHMC_LANRXBASE(15), 0x000C643C),
	FACT(X710_GLHMC_LANRXCNT(15), 0x000C653C),
	FACT(X710_QTX_ENA(1535), 0x001017FC),
	FACT(X710_QRX_ENA(1535), 0x001217FC),
	FACT(X710_QTX_CTL(1535), 0x001057FC),
	FACT(X710_QTX_TAIL(1535), 0x001097FC),
	FACT(X710_QRX_TAIL(1535), 0x001297FC),
	FACT(X710_QTX_HEAD(1535), 0x000E57FC),
	FACT(X710_QENA_STAT_MASK, 0x00000004),
	FACT(X710_QTX_CTL_VFVM_INDX_MASK, 0x0000FF80),
	FACT(X710_GLLAN_TXPRE_QDIS(11), 0x000E652C),
	FACT(X710_GLLAN_TXPRE_QDIS_SET_QDIS_MASK, 0x40000000),
	FACT(X710_VSILAN_QBASE(383), 0x0020CDFC),
	FACT(X710_VPLAN_MAPENA(127), 0x000741FC),
	FACT(X710_VPLAN_QTABLE(15, 127), 0x00073DFC),
	FACT(X710_VSILAN_QTABLE(7, 383), 0x00203DFC),
	FACT(X710_VPLAN_QBASE(127), 0x000749FC),
	FACT(X710_VPLAN_QBASE_VFNUMQ_MASK, 0x0007F800),
	FACT(X710_VFQF_HENA1(1, 127), 0x00230DFC),
	FACT(X710_VFQF_HKEY1(12, 127), 0x0022B1FC),
	FACT(X710_VFQF_HLUT1(15, 127), 0x00223DFC),
	FACT(X710_VF_BAR0_QTX_TAIL1(15), 0x0000003C),
	FACT(X710_VF_BAR0_QRX_TAIL1(15), 0x0000203C),
	FACT(X710_VFQF_HENA(1), 0x0000C404),
	FACT(X710_VFQF_HKEY(12), 0x0000CC30),
	FACT(X710_VFQF_HLUT(15), 0x0000D03C),
	FACT(X710_GLV_GORCL(1), 0x00358008),
	FACT(X710_GLV_GORCL(383), 0x00358BF8),
	FACT(X710_GLV_GORCH(1), 0x0035800C),
	FACT(X710_GLV_GORCH(383), 0x00358BFC),
	FACT(X710_GLV_UPRCL(1), 0x0036C008),
	FACT(X710_GLV_UPRCL(383), 0x0036CBF8),
	FACT(X710_GLV_UPRCH(1), 0x0036C00C),
	FACT(X710_GLV_UPRCH(383), 0x0036CBFC),
	FACT(X710_GLV_MPRCL(1), 0x0036CC08),
	FACT(X710_GLV_MPRCL(383), 0x0036D7F8),
	FACT(X710_GLV_MPRCH(1), 0x0036CC0C),
	FACT(X710_GLV_MPRCH(383), 0x0036D7FC),
	FACT(X710_GLV_BPRCL(1), 0x0036D808),
	FACT(X710_GLV_BPRCL(383), 0x0036E3F8),
	FACT(X710_GLV_BPRCH(1), 0x0036D80C),
	FACT(X710_GLV_BPRCH(383), 0x0036E3FC),
	FACT(X710_GLV_GOTCL(1), 0x00328008),
	FACT(X710_GLV_GOTCL(383), 0x00328BF8),
	FACT(X710_GLV_GOTCH(1), 0x0032800C),
	FACT(X710_GLV_GOTCH(383), 0x00328BFC),
	FACT(X710_GLV_UPTCL(1), 0x0033C008),
	FACT(X710_GLV_UPTCL(383), 0x0033CBF8),
	FACT(X710_GLV_UPTCH(1), 0x0033C00C),
	FACT(X710_GLV_UPTCH(383), 0x0033CBFC),
	FACT(X710_GLV_MPTCL(1), 0x0033CC08),
	FACT(X710_GLV_MPTCL(383), 0x0033D7F8),
	FACT(X710_GLV_MPTCH(1), 0x0033CC0C),
	FACT(X710_GLV_MPTCH(383), 0x0033D7FC),
	FACT(X710_GLV_BPTCL(1), 0x0033D808),
	FACT(X710_GLV_BPTCL(383), 0x0033E3F8),
	FACT(X710_GLV_BPTCH(1), 0x0033D80C),
	FACT(X710_GLV_BPTCH(383), 0x0033E3FC),
	FACT(X710_GLV_RDPC(1), 0x00310008),
	FACT(X710_GLV_RDPC(383), 0x00310BF8),
	FACT(X710_GLV_RUPP(1), 0x0036E408),
	FACT(X710_GLV_RUPP(383), 0x0036EFF8),
	FACT(X710_GLV_TEPC(1), 0x00344008),
	FACT(X710_GLV_TEPC(383), 0x00344BF8),
	/* Counts implied by the _MAX_INDEX of each array. */
	FACT(X710_GLV_STAT_COUNTERS, 384),
	FACT(X710_GLV_STRIDE, 8),
	FACT(X710_VF_QUEUES, 16),
	FACT(X710_VPLAN_QTABLE_ENTRIES, 16),
	FACT(X710_VSILAN_QTABLE_ENTRIES, 8),
	FACT(X710_VFQF_HKEY_REGS, 13),
	FACT(X710_VFQF_HLUT_REGS, 16),
	FACT(X710_GLLAN_TXPRE_QDIS_QUEUES * 12, 1536),
	/* i40e_hmc.h / i40e_lan_hmc.h sizes. */
	FACT(X710_HMC_SD_SIZE, 0x200000),
	FACT(X710_HMC_PD_SIZE, 4096),
	FACT(X710_HMC_PD_PER_SD, 512),
	FACT(1u << X710_HMC_LAN_TX_OBJ_LOG2, 128),
	FACT(1u << X710_HMC_LAN_RX_OBJ_LOG2, 32),
};

/* i40e_adminq_cmd.h (and I40E_AQ_LARGE_BUF from i40e_adminq.h). */
static const struct x710_fact adminq_facts[] = {
	FACT(sizeof(struct x710_aq_desc), 32),
	FACT(offsetof(struct x710_aq_desc, datalen), 4),
	FACT(offsetof(struct x710_aq_desc, retval), 6),
	FACT(offsetof(struct x710_aq_desc, cookie_high), 8),
	FACT(offsetof(struct x710_aq_desc, cookie_low), 12),
	FACT(offsetof(struct x710_aq_desc, params), 16),
	FACT(offsetof(struct x710_aq_desc, params.ext.addr_high), 24),
	FACT(offsetof(struct x710_aq_desc, params.ext.addr_low), 28),
	FACT(X710_AQ_FLAG_DD, 0x1),
	FACT(X710_AQ_FLAG_CMP, 0x2),
	FACT(X710_AQ_FLAG_ERR, 0x4),
	FACT(X710_AQ_FLAG_LB, 0x200),
	FACT(X710_AQ_FLAG_RD, 0x400),
	FACT(X710_AQ_FLAG_BUF, 0x1000),
	FACT(X710_AQ_FLAG_SI, 0x2000),
	FACT(X710_AQ_LARGE_BUF, 0x200),
	FACT(X710_AQC_GET_VERSION, 0x1),
	FACT(X710_AQC_LIST_FUNC_CAPABILITIES, 0xA),
	FACT(X710_AQC_MAC_ADDRESS_READ, 0x107),
	FACT(X710_AQC_GET_SWITCH_CONFIG, 0x200),
	FACT(X710_AQC_ADD_VSI, 0x210),
	FACT(X710_AQC_UPDATE_VSI_PARAMETERS, 0x211),
	FACT(X710_AQC_GET_VSI_PARAMETERS, 0x212),
	FACT(X710_AQC_ADD_VEB, 0x230),
	FACT(X710_AQC_DELETE_ELEMENT, 0x243),
	FACT(X710_AQC_ADD_MACVLAN, 0x250),
	FACT(X710_AQC_REMOVE_MACVLAN, 0x251),
	FACT(X710_AQC_SET_VSI_PROMISC_MODES, 0x254),
	FACT(X710_AQC_GET_LINK_STATUS, 0x607),
	FACT(X710_AQC_SET_PHY_INT_MASK, 0x613),
	FACT(X710_AQC_SEND_MSG_TO_PF, 0x801),
	FACT(X710_AQC_SEND_MSG_TO_VF, 0x802),
	FACT(X710_AQ_RC_ENOENT, 0x2),
	FACT(X710_AQ_RC_ENOMEM, 0x9),
	FACT(X710_AQ_RC_EINVAL, 0xE),
	FACT(X710_AQ_RC_ENOSPC, 0x10),
	FACT(X710_AQ_RC_ERANGE, 0x12),
	FACT(X710_FW_API_VERSION_MAJOR, 0x1),
	FACT(X710_FW_API_VERSION_MINOR_X710, 0xF),
	FACT(offsetof(struct x710_aqc_get_version, fw_major), 8),
	FACT(offsetof(struct x710_aqc_get_version, api_major), 12),
	FACT(offsetof(struct x710_aqc_list_caps, count), 4),
	FACT(sizeof(struct x710_aqc_cap_elem), 32),
	FACT(offsetof(struct x710_aqc_cap_elem, number), 4),
	FACT(offsetof(struct x710_aqc_cap_elem, logical_id), 8),
	FACT(offsetof(struct x710_aqc_cap_elem, phys_id), 12),
	FACT(X710_AQ_CAP_SWITCH_MODE, 0x1),
	FACT(X710_AQ_CAP_FUNCTIONS_VALID, 0x5),
	FACT(X710_AQ_CAP_SRIOV, 0x12),
	FACT(X710_AQ_CAP_VF, 0x13),
	FACT(X710_AQ_CAP_VSI, 0x17),
	FACT(X710_AQ_CAP_RSS, 0x40),
	FACT(X710_AQ_CAP_RXQ, 0x41),
	FACT(X710_AQ_CAP_TXQ, 0x42),
	FACT(X710_AQ_CAP_MSIX, 0x43),
	FACT(X710_AQ_CAP_VF_MSIX, 0x44),
	FACT(sizeof(struct x710_aqc_switch_config_elem), 16),
	FACT(offsetof(struct x710_aqc_switch_config_elem, seid), 2),
	FACT(offsetof(struct x710_aqc_switch_config_elem, uplink_seid), 4),
	FACT(offsetof(struct x710_aqc_switch_config_elem, downlink_seid), 6),
	FACT(offsetof(struct x710_aqc_switch_config_elem, connection_type), 11),
	FACT(offsetof(struct x710_aqc_switch_config_elem, element_info), 14),
	FACT(X710_AQ_SW_ELEM_TYPE_MAC, 0x1),
	FACT(X710_AQ_SW_ELEM_TYPE_PF, 0x2),
	FACT(X710_AQ_SW_ELEM_TYPE_VF, 0x3),
	FACT(X710_AQ_SW_ELEM_TYPE_VEB, 0x11),
	FACT(X710_AQ_SW_ELEM_TYPE_VSI, 0x13),
	FACT(offsetof(struct x710_aqc_add_get_update_vsi, vf_id), 4),
	FACT(offsetof(struct x710_aqc_add_get_update_vsi, vsi_flags), 6),
	FACT(offsetof(struct x710_aqc_add_get_update_vsi_completion, vsi_number), 2),
	FACT(offsetof(struct x710_aqc_add_get_update_vsi_completion, vsi_used), 4),
	FACT(offsetof(struct x710_aqc_add_get_update_vsi_completion, vsi_free), 6),
	FACT(X710_VSI_PROPS_SIZE, 0x80),
	FACT(X710_VSI_PROP_SWITCH_ID, 0x2),
	FACT(X710_VSI_PROP_SEC_FLAGS, 0x6),
	FACT(X710_VSI_PROP_PVID, 0x8),
	FACT(X710_VSI_PROP_PORT_VLAN_FLAGS, 0xC),
	FACT(X710_VSI_PROP_MAPPING_FLAGS, 0x1C),
	FACT(X710_VSI_PROP_QUEUE_MAPPING, 0x1E),
	FACT(X710_VSI_PROP_TC_MAPPING, 0x3E),
	FACT(X710_VSI_PROP_QUEUEING_OPT, 0x4E),
	FACT(X710_VSI_PROP_QS_HANDLE, 0x60),
	FACT(X710_VSI_PROP_STAT_COUNTER_IDX, 0x70),
	FACT(X710_VSI_PROP_SCHED_ID, 0x72),
	FACT(offsetof(struct x710_aqc_add_veb_completion, veb_seid), 8),
	FACT(offsetof(struct x710_aqc_macvlan, seid), 2),
	FACT(X710_AQC_MACVLAN_CMD_SEID_VALID, 0x8000),
	FACT(sizeof(struct x710_aqc_add_macvlan_elem), 16),
	FACT(offsetof(struct x710_aqc_add_macvlan_elem, vlan_tag), 6),
	FACT(offsetof(struct x710_aqc_add_macvlan_elem, flags), 8),
	FACT(offsetof(struct x710_aqc_add_macvlan_elem, queue_number), 10),
	FACT(offsetof(struct x710_aqc_add_macvlan_elem, match_method), 12),
	FACT(sizeof(struct x710_aqc_remove_macvlan_elem), 16),
	FACT(offsetof(struct x710_aqc_remove_macvlan_elem, flags), 8),
	FACT(offsetof(struct x710_aqc_remove_macvlan_elem, error_code), 12),
	FACT(X710_AQC_MACVLAN_ADD_PERFECT_MATCH, 0x1),
	FACT(X710_AQC_MACVLAN_ADD_IGNORE_VLAN, 0x4),
	FACT(X710_AQC_MACVLAN_DEL_IGNORE_VLAN, 0x8),
	FACT(X710_AQC_MM_ERR_NO_RES, 0xFF),
	FACT(offsetof(struct x710_aqc_set_vsi_promisc, seid), 4),
	FACT(offsetof(struct x710_aqc_set_vsi_promisc, vlan_tag), 6),
	FACT(offsetof(struct x710_aqc_get_link_status, phy_type), 2),
	FACT(offsetof(struct x710_aqc_get_link_status, link_speed), 3),
	FACT(offsetof(struct x710_aqc_get_link_status, link_info), 4),
	FACT(offsetof(struct x710_aqc_get_link_status, an_info), 5),
	FACT(offsetof(struct x710_aqc_get_link_status, max_frame_size), 8),
	FACT(X710_AQ_LINK_UP_FUNCTION, 0x1),
	FACT(X710_AQ_LINK_UP_PORT, 0x20),
	FACT(X710_AQ_MEDIA_AVAILABLE, 0x40),
	FACT(X710_AQ_LINK_SPEED_1GB, 0x4),
	FACT(X710_AQ_LINK_SPEED_10GB, 0x8),
	FACT(X710_AQ_LINK_SPEED_40GB, 0x10),
	FACT(X710_AQ_LINK_SPEED_25GB, 0x40),
	FACT(X710_AQ_LINK_SPEED_2_5GB, 0x1),
	FACT(X710_AQ_LINK_SPEED_5GB, 0x80),
	FACT(X710_AQ_EVENT_LINK_UPDOWN, 0x2),
	/* set_phy_int_mask 0x0613 (B:i40e_adminq_cmd.h i40e_aqc_set_phy_int_mask) */
	FACT(offsetof(struct x710_aqc_set_phy_int_mask, event_mask), 8),
	FACT(sizeof(struct x710_aqc_set_phy_int_mask), 16),
	FACT(X710_AQ_EVENT_MEDIA_NA, 0x4),
	FACT(X710_AQ_EVENT_LINK_FAULT, 0x8),
	FACT(X710_AQ_EVENT_PHY_TEMP_ALARM, 0x10),
	FACT(X710_AQ_EVENT_EXCESSIVE_ERRORS, 0x20),
	FACT(X710_AQ_EVENT_SIGNAL_DETECT, 0x40),
	FACT(X710_AQ_EVENT_AN_COMPLETED, 0x80),
	FACT(X710_AQ_EVENT_MODULE_QUAL_FAIL, 0x100),
	FACT(X710_AQ_EVENT_PORT_TX_SUSPENDED, 0x200),
	FACT(X710_AQ_EVENTS_I40E_WANTS, 0x106),   /* I:i40e_ethdev.c i40e_dev_start */
	FACT(sizeof(struct x710_aqc_pf_vf_message), 16),
};

/* drivers/common/iavf/virtchnl.h. */
static const struct x710_fact virtchnl_facts[] = {
	FACT(sizeof(struct virtchnl_version_info), 8),
	FACT(sizeof(struct virtchnl_vsi_resource), 16),
	FACT(offsetof(struct virtchnl_vsi_resource, vsi_type), 4),
	FACT(offsetof(struct virtchnl_vsi_resource, qset_handle), 8),
	FACT(offsetof(struct virtchnl_vsi_resource, default_mac_addr), 10),
	FACT(sizeof(struct virtchnl_vf_resource), 36),
	FACT(offsetof(struct virtchnl_vf_resource, vf_cap_flags), 8),
	FACT(offsetof(struct virtchnl_vf_resource, rss_key_size), 12),
	FACT(offsetof(struct virtchnl_vf_resource, vsi_res), 20),
	FACT(sizeof(struct virtchnl_txq_info), 24),
	FACT(offsetof(struct virtchnl_txq_info, dma_ring_addr), 8),
	FACT(offsetof(struct virtchnl_txq_info, dma_headwb_addr), 16),
	FACT(sizeof(struct virtchnl_rxq_info), 40),
	FACT(offsetof(struct virtchnl_rxq_info, ring_len), 4),
	FACT(offsetof(struct virtchnl_rxq_info, databuffer_size), 12),
	FACT(offsetof(struct virtchnl_rxq_info, max_pkt_size), 16),
	FACT(offsetof(struct virtchnl_rxq_info, crc_disable), 20),
	FACT(offsetof(struct virtchnl_rxq_info, rxdid), 21),
	FACT(offsetof(struct virtchnl_rxq_info, dma_ring_addr), 24),
	FACT(offsetof(struct virtchnl_rxq_info, rx_split_pos), 32),
	FACT(sizeof(struct virtchnl_queue_pair_info), 64),
	FACT(offsetof(struct virtchnl_queue_pair_info, rxq), 24),
	FACT(sizeof(struct virtchnl_vsi_queue_config_info), 72),
	FACT(offsetof(struct virtchnl_vsi_queue_config_info, qpair), 8),
	FACT(sizeof(struct virtchnl_vector_map), 12),
	FACT(offsetof(struct virtchnl_vector_map, rxq_map), 4),
	FACT(offsetof(struct virtchnl_vector_map, rxitr_idx), 8),
	FACT(sizeof(struct virtchnl_irq_map_info), 14),
	FACT(offsetof(struct virtchnl_irq_map_info, vecmap), 2),
	FACT(sizeof(struct virtchnl_queue_select), 12),
	FACT(offsetof(struct virtchnl_queue_select, rx_queues), 4),
	FACT(sizeof(struct virtchnl_ether_addr), 8),
	FACT(offsetof(struct virtchnl_ether_addr, type), 6),
	FACT(sizeof(struct virtchnl_ether_addr_list), 12),
	FACT(offsetof(struct virtchnl_ether_addr_list, list), 4),
	FACT(sizeof(struct virtchnl_promisc_info), 4),
	FACT(sizeof(struct virtchnl_rss_key), 6),
	FACT(offsetof(struct virtchnl_rss_key, key), 4),
	FACT(sizeof(struct virtchnl_rss_lut), 6),
	FACT(sizeof(struct virtchnl_rss_hena), 8),
	FACT(sizeof(struct virtchnl_eth_stats), 96),
	FACT(offsetof(struct virtchnl_eth_stats, tx_bytes), 48),
	FACT(offsetof(struct virtchnl_eth_stats, tx_errors), 88),
	FACT(sizeof(struct virtchnl_pf_event), 16),
	FACT(offsetof(struct virtchnl_pf_event, event_data), 4),
	FACT(offsetof(struct virtchnl_pf_event, event_data.link_event.link_status), 8),
	FACT(offsetof(struct virtchnl_pf_event, severity), 12),
	FACT(VIRTCHNL_OP_VERSION, 0x1),
	FACT(VIRTCHNL_OP_RESET_VF, 0x2),
	FACT(VIRTCHNL_OP_GET_VF_RESOURCES, 0x3),
	FACT(VIRTCHNL_OP_CONFIG_VSI_QUEUES, 0x6),
	FACT(VIRTCHNL_OP_CONFIG_IRQ_MAP, 0x7),
	FACT(VIRTCHNL_OP_ENABLE_QUEUES, 0x8),
	FACT(VIRTCHNL_OP_DISABLE_QUEUES, 0x9),
	FACT(VIRTCHNL_OP_ADD_ETH_ADDR, 0xA),
	FACT(VIRTCHNL_OP_DEL_ETH_ADDR, 0xB),
	FACT(VIRTCHNL_OP_ADD_VLAN, 0xC),
	FACT(VIRTCHNL_OP_DEL_VLAN, 0xD),
	FACT(VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE, 0xE),
	FACT(VIRTCHNL_OP_GET_STATS, 0xF),
	FACT(VIRTCHNL_OP_EVENT, 0x11),
	FACT(VIRTCHNL_OP_CONFIG_RSS_KEY, 0x17),
	FACT(VIRTCHNL_OP_CONFIG_RSS_LUT, 0x18),
	FACT(VIRTCHNL_OP_GET_RSS_HENA_CAPS, 0x19),
	FACT(VIRTCHNL_OP_SET_RSS_HENA, 0x1A),
	FACT(VIRTCHNL_OP_ENABLE_VLAN_STRIPPING, 0x1B),
	FACT(VIRTCHNL_OP_DISABLE_VLAN_STRIPPING, 0x1C),
	FACT(VIRTCHNL_OP_REQUEST_QUEUES, 0x1D),
	FACT(VIRTCHNL_OP_GET_SUPPORTED_RXDIDS, 0x2C),
	FACT(VIRTCHNL_OP_GET_OFFLOAD_VLAN_V2_CAPS, 0x33),
	FACT(VIRTCHNL_STATUS_ERR_PARAM, -5),
	FACT(VIRTCHNL_STATUS_ERR_NO_MEMORY, -18),
	FACT(VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR, -53),
	FACT(VIRTCHNL_STATUS_ERR_NOT_SUPPORTED, -64),
	FACT(VIRTCHNL_VERSION_MAJOR, 0x1),
	FACT(VIRTCHNL_VERSION_MINOR, 0x1),
	FACT(VIRTCHNL_VFR_COMPLETED, 0x1),
	FACT(VIRTCHNL_VFR_VFACTIVE, 0x2),
	FACT(VIRTCHNL_VSI_SRIOV, 0x6),
	FACT(VIRTCHNL_VF_OFFLOAD_L2, 0x1),
	FACT(VIRTCHNL_VF_OFFLOAD_WB_ON_ITR, 0x20),
	FACT(VIRTCHNL_VF_OFFLOAD_REQ_QUEUES, 0x40),
	FACT(VIRTCHNL_VF_CAP_ADV_LINK_SPEED, 0x80),
	FACT(VIRTCHNL_VF_OFFLOAD_VLAN, 0x10000),
	FACT(VIRTCHNL_VF_OFFLOAD_RX_POLLING, 0x20000),
	FACT(VIRTCHNL_VF_OFFLOAD_RSS_PF, 0x80000),
	FACT(VIRTCHNL_VF_OFFLOAD_RSS_AQ, 0x8),
	FACT(VIRTCHNL_VF_OFFLOAD_RSS_REG, 0x10),
	FACT(VIRTCHNL_VF_OFFLOAD_VLAN_V2, 0x8000),
	FACT(VIRTCHNL_LINK_SPEED_10GB, 0x8),
	FACT(VIRTCHNL_LINK_SPEED_40GB, 0x10),
	FACT(VIRTCHNL_LINK_SPEED_25GB, 0x40),
	FACT(VIRTCHNL_EVENT_LINK_CHANGE, 0x1),
	FACT(VIRTCHNL_EVENT_RESET_IMPENDING, 0x2),
	FACT(PF_EVENT_SEVERITY_CERTAIN_DOOM, 0xFF),
	FACT(VIRTCHNL_ETHER_ADDR_PRIMARY, 0x1),
	FACT(FLAG_VF_MULTICAST_PROMISC, 0x2),
	/* Message lengths by virtchnl_vc_validate_vf_msg for n elements. */
	FACT(VIRTCHNL_CONFIG_VSI_QUEUES_LEN(2), 72 + 2 * 64),
	FACT(VIRTCHNL_IRQ_MAP_LEN(3), 14 + 3 * 12),
	FACT(VIRTCHNL_ETHER_ADDR_LIST_LEN(4), 12 + 4 * 8),
	FACT(VIRTCHNL_RSS_LEN(52), 6 + 52 - 1),
};

/* i40e_type.h descriptor layouts; PTYPEs from i40e_common.c's table. */
static const struct x710_fact descriptor_facts[] = {
	FACT(sizeof(struct x710_tx_desc), 16),
	FACT(sizeof(struct x710_tx_context_desc), 16),
	FACT(offsetof(struct x710_tx_context_desc, l2tag2), 4),
	FACT(sizeof(struct x710_rx_desc_wb), 32),
	FACT(offsetof(struct x710_rx_desc_wb, qword1), 8),
	FACT(X710_TXD_QW1_DTYPE_MASK, 0xF),
	FACT(X710_TXD_QW1_CMD_SHIFT, 4),
	FACT(X710_TXD_QW1_OFFSET_SHIFT, 16),
	FACT(X710_TXD_QW1_BUF_SZ_SHIFT, 34),
	FACT(X710_TXD_QW1_BUF_SZ_MASK, 0x3FFFull << 34),
	FACT(X710_TXD_QW1_L2TAG1_SHIFT, 48),
	FACT(X710_TX_DTYPE_CONTEXT, 0x1),
	FACT(X710_TX_DTYPE_DESC_DONE, 0xF),
	FACT(X710_TX_CMD_EOP, 0x1),
	FACT(X710_TX_CMD_RS, 0x2),
	FACT(X710_TX_CMD_IL2TAG1, 0x8),
	FACT(X710_TX_CMD_IIPT_IPV4_CSUM, 0x60),
	FACT(X710_TX_CMD_L4T_TCP, 0x100),
	FACT(X710_TX_CMD_L4T_UDP, 0x300),
	FACT(X710_TX_OFFSET_IPLEN_SHIFT, 7),
	FACT(X710_TX_OFFSET_L4LEN_SHIFT, 14),
	FACT(X710_TXCD_QW1_TSO_LEN_SHIFT, 30),
	FACT(X710_TXCD_QW1_MSS_SHIFT, 50),
	FACT(X710_TXCD_CMD_IL2TAG2, 0x4),
	FACT(X710_RXD_QW0_L2TAG1_SHIFT, 16),
	FACT(X710_RXD_QW0_RSS_SHIFT, 32),
	FACT(X710_RXD_STATUS_DD, 1ull << 0),
	FACT(X710_RXD_STATUS_EOF, 1ull << 1),
	FACT(X710_RXD_STATUS_L2TAG1P, 1ull << 2),
	FACT(X710_RXD_STATUS_L3L4P, 1ull << 3),
	FACT(X710_RXD_STATUS_UMBCAST_SHIFT, 9),
	FACT(X710_RXD_STATUS_FLTSTAT_SHIFT, 12),
	FACT(X710_RXD_FLTSTAT_RSS_HASH, 3),
	FACT(X710_RXD_QW1_ERROR_SHIFT, 19),
	FACT(X710_RXD_ERROR_IPE, 1ull << 22),
	FACT(X710_RXD_ERROR_L4E, 1ull << 23),
	FACT(X710_RXD_QW1_PTYPE_SHIFT, 30),
	FACT(X710_RXD_QW1_LEN_PBUF_SHIFT, 38),
	FACT(X710_RXD_QW1_LEN_PBUF_MASK, 0x3FFFull << 38),
	FACT(X710_RXD_QW1_LEN_HBUF_SHIFT, 52),
	FACT(X710_RXD_QW1_SPH, 1ull << 63),
	FACT(X710_PTYPE_L2, 1),
	FACT(X710_PTYPE_IPV4_UDP, 24),
	FACT(X710_PTYPE_IPV4_TCP, 26),
	FACT(X710_PTYPE_IPV6_UDP, 90),
	FACT(X710_PTYPE_IPV6_TCP, 92),
};

static void registers_match_i40e_register_h(void **state)
{
	(void)state;
	expect_facts(register_facts, N_FACTS(register_facts));
}

static void adminq_matches_i40e_adminq_cmd_h(void **state)
{
	(void)state;
	expect_facts(adminq_facts, N_FACTS(adminq_facts));
}

static void virtchnl_matches_virtchnl_h(void **state)
{
	(void)state;
	expect_facts(virtchnl_facts, N_FACTS(virtchnl_facts));
}

static void descriptors_match_i40e_type_h(void **state)
{
	(void)state;
	expect_facts(descriptor_facts, N_FACTS(descriptor_facts));
}

/* The checker itself can fail: the value an earlier edit had for GLV_GOTCL
 * is reported as one divergence. */
static void a_divergent_fact_is_counted(void **state)
{
	static const struct x710_fact old_gotcl[] = {
		FACT(X710_GLV_GOTCL(0), 0x00300000),
		FACT(X710_GLV_GOTCL(0), 0x00328000),
	};

	(void)state;
	assert_int_equal(count_wrong(old_gotcl, N_FACTS(old_gotcl)), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(registers_match_i40e_register_h),
		cmocka_unit_test(adminq_matches_i40e_adminq_cmd_h),
		cmocka_unit_test(virtchnl_matches_virtchnl_h),
		cmocka_unit_test(descriptors_match_i40e_type_h),
		cmocka_unit_test(a_divergent_fact_is_counted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
