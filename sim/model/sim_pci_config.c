/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PCI configuration space of each function (4 KiB): IDs, class 0x020000,
 * command, BARs, MSI-X and PCIe capabilities, ARI, and on PFs the SR-IOV
 * extended capability (x710-hardware.md §3.3; offsets as in Linux
 * include/uapi/linux/pci_regs.h). Config space is shared memory: the model
 * polls the words with side effects (SR-IOV control/NumVFs on PFs, PCIe
 * Device Control "Initiate FLR" on VFs).
 */
#include <errno.h>
#include <string.h>

#include "sim_model.h"

#define CFG_VENDOR        0x00
#define CFG_DEVICE        0x02
#define CFG_COMMAND       0x04
#define CFG_STATUS        0x06
#define CFG_STATUS_CAP_LIST 0x0010
#define CFG_REVISION      0x08
#define CFG_CLASS_PROGIF  0x09   /* 3 bytes: prog-if, subclass, class */
#define CFG_HEADER_TYPE   0x0E
#define CFG_HEADER_MULTIFN 0x80
#define CFG_BAR0          0x10
#define CFG_BAR3          0x1C
#define CFG_SUBSYS_VENDOR 0x2C
#define CFG_SUBSYS_ID     0x2E
#define CFG_CAP_PTR       0x34
#define CFG_INT_PIN       0x3D
#define BAR_MEM64_PREF    0x0C   /* 64-bit, prefetchable memory BAR */

#define CAP_ID_MSIX       0x11
#define CAP_ID_PCIE       0x10
#define MSIX_CAP_POS      0x70
#define PCIE_CAP_POS      0xA0
#define PCIE_DEVCAP       0x04
#define PCIE_DEVCAP_FLR   (1u << 28)
#define PCIE_DEVCTL       0x08
#define PCIE_DEVCTL_BCR_FLR 0x8000   /* Initiate FLR, self-clearing */
#define PCIE_LNKCAP       0x0C
#define PCIE_LNKSTA       0x12
#define PCIE_LINK_8GT_X8  (0x3 | 0x8 << 4)

#define EXT_CAP_ID_ARI    0x000E
#define EXT_CAP_ID_SRIOV  0x0010
#define ARI_POS           0x100
#define SRIOV_POS         0x150
#define SRIOV_CTRL        0x08
#define SRIOV_CTRL_VFE    0x0001
#define SRIOV_CTRL_MSE    0x0008
#define SRIOV_INITIAL_VF  0x0C
#define SRIOV_TOTAL_VF    0x0E
#define SRIOV_NUM_VF      0x10
#define SRIOV_FUNC_LINK   0x12
#define SRIOV_VF_OFFSET   0x14
#define SRIOV_VF_STRIDE   0x16
#define SRIOV_VF_DID      0x1A
#define SRIOV_SUP_PGSIZE  0x1C
#define SRIOV_SYS_PGSIZE  0x20
#define SRIOV_BAR0        0x24
#define SRIOV_BAR3        0x30
#define SRIOV_PGSIZES_SUPPORTED 0x553  /* 4K..4M, the usual set */

#define CLASS_ETHERNET    0x020000
#define REVISION_X710     0x02
/* Fake bus addresses (non-zero: DPDK skips BARs that start at 0). */
#define PF_BAR_BASE       UINT64_C(0x3F000000000)
#define PF_BAR_STRIDE     UINT64_C(0x1000000)
#define PF_BAR3_OFFSET    UINT64_C(0x800000)
#define VF_BAR_BASE       UINT64_C(0x3E000000000)
#define VF_BAR_STRIDE     UINT64_C(0x1000000)
#define VF_BAR3_OFFSET    UINT64_C(0x800000)
#define FIRST_VF_RID      16     /* VF routing IDs follow the PFs */
#define PF_MSIX_VECTORS   129
#define MSIX_PBA_PF       0x4000
#define MSIX_PBA_VF       0x2000

static void w8(uint8_t *c, unsigned int o, uint8_t v) { c[o] = v; }
static void w16(uint8_t *c, unsigned int o, uint16_t v) { c[o] = (uint8_t)v; c[o + 1] = (uint8_t)(v >> 8); }
static void w32(uint8_t *c, unsigned int o, uint32_t v) { w16(c, o, (uint16_t)v); w16(c, o + 2, (uint16_t)(v >> 16)); }
static uint16_t r16(const uint8_t *c, unsigned int o) { return (uint16_t)(c[o] | c[o + 1] << 8); }

static void w_bar64(uint8_t *c, unsigned int o, uint64_t addr)
{
	w32(c, o, (uint32_t)addr | BAR_MEM64_PREF);
	w32(c, o + 4, (uint32_t)(addr >> 32));
}

/* The header and capabilities every function has. */
static void common_header(uint8_t *c, uint16_t device, unsigned int msix_vectors,
			  uint32_t pba, bool is_vf)
{
	memset(c, 0, X710SIM_CONFIG_SIZE);
	/* A VF's Vendor/Device ID read as 0xFFFF per SR-IOV; the model shows
	 * them anyway, as Linux's sysfs does for VFs. */
	w16(c, CFG_VENDOR, X710SIM_PCI_VENDOR_INTEL);
	w16(c, CFG_DEVICE, device);
	w16(c, CFG_STATUS, CFG_STATUS_CAP_LIST);
	w8(c, CFG_REVISION, REVISION_X710);
	w8(c, CFG_CLASS_PROGIF, CLASS_ETHERNET & 0xFF);
	w8(c, CFG_CLASS_PROGIF + 1, (CLASS_ETHERNET >> 8) & 0xFF);
	w8(c, CFG_CLASS_PROGIF + 2, CLASS_ETHERNET >> 16);
	w16(c, CFG_SUBSYS_VENDOR, X710SIM_PCI_VENDOR_INTEL);
	w16(c, CFG_SUBSYS_ID, 0);
	w8(c, CFG_CAP_PTR, MSIX_CAP_POS);
	w8(c, CFG_INT_PIN, is_vf ? 0 : 1);

	w8(c, MSIX_CAP_POS, CAP_ID_MSIX);
	w8(c, MSIX_CAP_POS + 1, PCIE_CAP_POS);
	w16(c, MSIX_CAP_POS + 2, (uint16_t)(msix_vectors - 1));
	w32(c, MSIX_CAP_POS + 4, 3);            /* table in BAR3 at 0 */
	w32(c, MSIX_CAP_POS + 8, pba | 3);      /* PBA in BAR3 */

	w8(c, PCIE_CAP_POS, CAP_ID_PCIE);
	w8(c, PCIE_CAP_POS + 1, 0);
	w16(c, PCIE_CAP_POS + 2, 0x0002);       /* version 2, endpoint */
	w32(c, PCIE_CAP_POS + PCIE_DEVCAP, PCIE_DEVCAP_FLR);
	w32(c, PCIE_CAP_POS + PCIE_LNKCAP, PCIE_LINK_8GT_X8);
	w16(c, PCIE_CAP_POS + PCIE_LNKSTA, PCIE_LINK_8GT_X8);
}

static uint64_t vf_bar0_base(unsigned int pf) { return VF_BAR_BASE + pf * VF_BAR_STRIDE; }

static uint16_t first_vf_offset(const struct x710sim *sim, unsigned int pf)
{
	return (uint16_t)(FIRST_VF_RID + pf * sim->params.vfs_per_pf - pf);
}

void sim_cfg_init_pf(struct x710sim *sim, struct sim_pf *pf)
{
	uint8_t *c = pf->fn.cfg;
	uint64_t bar = PF_BAR_BASE + pf->idx * PF_BAR_STRIDE;

	common_header(c, X710SIM_PCI_DEVICE_PF, PF_MSIX_VECTORS, MSIX_PBA_PF, false);
	w8(c, CFG_HEADER_TYPE, sim->params.n_pfs > 1 ? CFG_HEADER_MULTIFN : 0);
	w_bar64(c, CFG_BAR0, bar);
	w_bar64(c, CFG_BAR3, bar + PF_BAR3_OFFSET);

	w32(c, ARI_POS, EXT_CAP_ID_ARI | 1u << 16 | (uint32_t)(pf->total_vfs ? SRIOV_POS : 0) << 20);
	if (pf->total_vfs == 0)
		return;
	w32(c, SRIOV_POS, EXT_CAP_ID_SRIOV | 1u << 16);
	w16(c, SRIOV_POS + SRIOV_INITIAL_VF, (uint16_t)pf->total_vfs);
	w16(c, SRIOV_POS + SRIOV_TOTAL_VF, (uint16_t)pf->total_vfs);
	w8(c, SRIOV_POS + SRIOV_FUNC_LINK, (uint8_t)pf->idx);
	w16(c, SRIOV_POS + SRIOV_VF_OFFSET, first_vf_offset(sim, pf->idx));
	w16(c, SRIOV_POS + SRIOV_VF_STRIDE, 1);
	w16(c, SRIOV_POS + SRIOV_VF_DID, X710SIM_PCI_DEVICE_VF);
	w32(c, SRIOV_POS + SRIOV_SUP_PGSIZE, SRIOV_PGSIZES_SUPPORTED);
	w32(c, SRIOV_POS + SRIOV_SYS_PGSIZE, 1);
	w_bar64(c, SRIOV_POS + SRIOV_BAR0, vf_bar0_base(pf->idx));
	w_bar64(c, SRIOV_POS + SRIOV_BAR3, vf_bar0_base(pf->idx) + VF_BAR3_OFFSET);
	pf->sriov_ctrl_shadow = 0;
	pf->sriov_numvfs_shadow = 0;
}

/* VF BARs read 0 in the VF's own header (SR-IOV): their addresses are the
 * PF's VF BARs + index * size, which the launcher computes. */
void sim_cfg_init_vf(struct x710sim *sim, struct sim_vf *vf)
{
	common_header(vf->fn.cfg, X710SIM_PCI_DEVICE_VF, sim->vf_vectors, MSIX_PBA_VF, true);
	w32(vf->fn.cfg, ARI_POS, EXT_CAP_ID_ARI | 1u << 16);
	vf->cfg_devctl_shadow = 0;
}

unsigned int sim_routing_id(struct x710sim *sim, struct x710sim_fn fn)
{
	if (fn.vf < 0)
		return fn.pf;
	return fn.pf + first_vf_offset(sim, fn.pf) + (unsigned int)fn.vf;
}

void sim_cfg_set_num_vfs(struct sim_pf *pf, unsigned int n)
{
	w16(pf->fn.cfg, SRIOV_POS + SRIOV_NUM_VF, (uint16_t)n);
	w16(pf->fn.cfg, SRIOV_POS + SRIOV_CTRL, n ? SRIOV_CTRL_VFE | SRIOV_CTRL_MSE : 0);
}

unsigned int sim_cfg_poll_pf(struct x710sim *sim, struct sim_pf *pf)
{
	uint16_t ctrl, num;

	if (pf->total_vfs == 0)
		return 0;
	ctrl = r16(pf->fn.cfg, SRIOV_POS + SRIOV_CTRL);
	num = r16(pf->fn.cfg, SRIOV_POS + SRIOV_NUM_VF);
	if (ctrl == pf->sriov_ctrl_shadow && num == pf->sriov_numvfs_shadow)
		return 0;
	pf->sriov_ctrl_shadow = ctrl;
	pf->sriov_numvfs_shadow = num;
	/* NumVFs is read when VF Enable goes 0 -> 1 and ignored otherwise. */
	if ((ctrl & SRIOV_CTRL_VFE) && pf->num_vfs == 0 && num > 0)
		sim_sriov_apply(sim, pf, num, true);
	else if (!(ctrl & SRIOV_CTRL_VFE) && pf->num_vfs > 0)
		sim_sriov_apply(sim, pf, 0, false);
	return 1;
}

unsigned int sim_cfg_poll_vf(struct x710sim *sim, struct sim_vf *vf)
{
	uint16_t devctl = r16(vf->fn.cfg, PCIE_CAP_POS + PCIE_DEVCTL);

	if (devctl == vf->cfg_devctl_shadow)
		return 0;
	vf->cfg_devctl_shadow = devctl;
	if (devctl & PCIE_DEVCTL_BCR_FLR) {
		/* Initiate FLR self-clears; the reset rewrites config space. */
		sim_vf_flr(sim, vf);
	}
	return 1;
}
