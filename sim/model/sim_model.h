/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The control model's state and the functions its files share. One struct
 * per PCI function (sim_func), embedded in a sim_pf or sim_vf; one sim for
 * the adapter. Nothing here is visible outside libx710sim.
 */
#ifndef SIM_MODEL_H
#define SIM_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x710sim/x710sim.h"
#include "x710/x710_adminq_defs.h"
#include "x710/x710_regs.h"
#include "datapath/sim_datapath.h"
#include "sim_dma.h"
#include "sim_lan_queue.h"
#include "sim_vsi.h"

struct x710sim;
struct sim_func;

/* Device limits (x710-hardware.md §3.3). */
#define SIM_DEVICE_QUEUES       1536
#define SIM_DEVICE_VFS          128
#define SIM_DEVICE_VF_VECTORS   512
#define SIM_VF_MAX_VECTORS      17     /* vector 0 + VFINT_DYN_CTLN1(0..15) */
#define SIM_HMC_MAX_SD          32     /* LAN objects of 1536 queues need 1 */
#define SIM_MAX_VEBS            16
#define SIM_FW_MAJOR            5      /* spec §3.2: fw_major >= 5 */
#define SIM_FW_MINOR            1
#define SIM_AQ_RING_MAX         1024   /* 10-bit head/tail */

/* ---- register tables ----------------------------------------------------- */
enum sim_reg_access {
	SIM_REG_RW,      /* plain storage */
	SIM_REG_RO,      /* the model owns the value; writes are ignored */
	SIM_REG_W1C,     /* write 1 to clear */
	SIM_REG_COR,     /* clear on read */
};

/* How many elements of an indexed register exist for one function. */
enum sim_reg_dim {
	SIM_DIM_FIXED,      /* the table's count */
	SIM_DIM_PF_QUEUES,  /* queues of this PF */
	SIM_DIM_PF_VFS,     /* TotalVFs of this PF */
	SIM_DIM_VF_VECTORS, /* per-VF MSI-X vectors minus vector 0 */
};

typedef void (*sim_reg_write_fn)(struct x710sim *sim, struct sim_func *f,
				 unsigned int idx, uint32_t old, uint32_t val);
typedef uint32_t (*sim_reg_read_fn)(struct x710sim *sim, struct sim_func *f,
				    unsigned int idx);

/*
 * One register or register array: element (i, j) lives at
 * base + i * stride + j * stride2, index = j * n + i.
 */
struct sim_reg_def {
	const char *name;
	uint32_t base;
	uint16_t n;
	uint16_t stride;
	uint16_t n2;               /* outer dimension, 0 or 1 = none */
	uint32_t stride2;
	enum sim_reg_dim dim;      /* limits n for watching */
	uint32_t reset;
	enum sim_reg_access access;
	uint32_t sc_mask;          /* self-clearing bits, scrubbed after acting */
	bool watch;                /* polled: on_write runs when the word changes */
	bool slow;                 /* watched in the sliced tier (params.poll_slices) */
	sim_reg_write_fn on_write;
	sim_reg_read_fn on_read;   /* computed value (in-process reads) */
};

struct sim_reg_table {
	const struct sim_reg_def *defs;
	size_t n_defs;
	size_t bar_size;
};

extern const struct sim_reg_table sim_pf_reg_table;
extern const struct sim_reg_table sim_vf_reg_table;

/* A contiguous run of watched words and their last-seen values. */
struct sim_watch {
	volatile uint32_t *mem;
	uint32_t *shadow;
	uint32_t count;
	uint32_t first_idx;
	sim_reg_write_fn on_write;
	uint32_t sc_mask;
	bool slow;
	uint32_t slice;            /* slow tier: the poll slice that scans it */
};

/* Slow-tier runs are cut to this many words so slices stay even. */
#define SIM_WATCH_CHUNK 64

/* ---- admin queue -------------------------------------------------------- */
struct sim_aq_ring_regs {
	uint32_t bal, bah, len, head, tail;
};

struct sim_aq_ring {
	struct sim_aq_ring_regs off;      /* in the function's own BAR */
	bool stalled;                     /* a "never completes" fault holds it */
	uint32_t stall_head;
	uint64_t stall_base;
};

struct sim_aq {
	struct sim_aq_ring atq, arq;
	uint64_t arq_dropped;             /* events lost: ARQ off or full */
};

/* ---- functions ------------------------------------------------------------ */
struct sim_func {
	struct x710sim_fn id;
	bool present;
	volatile uint32_t *bar0;
	size_t bar0_size;
	void *bar3;
	size_t bar3_size;
	uint8_t *cfg;
	const struct sim_reg_table *regs;
	struct sim_watch *watches;
	unsigned int n_watches;
	uint32_t *shadow_pool;
	struct sim_aq aq;
	bool irq0_pending;                /* cause latched, not yet delivered */
};

struct sim_vf {
	struct sim_func fn;
	struct sim_pf *pf;
	unsigned int vf;                  /* PF-relative */
	unsigned int abs;                 /* absolute VF id */
	bool in_reset;                    /* VFSWR held */
	uint32_t cfg_devctl_shadow;
};

struct sim_queue_state {
	bool running;
	struct sim_queue_binding binding;
	struct sim_txq_ctx txctx;
	struct sim_rxq_ctx rxctx;
	int start_rc;
	uint64_t starts;
};

struct sim_hmc_sd {
	bool valid;
	bool direct;
	uint64_t pa;
	uint32_t bpcount;
};

/* The PHY event mask after power-on and PF reset. Neither the spec nor
 * i40e_adminq_cmd.h gives the firmware's default; both i40e PF drivers
 * write the whole mask before relying on link events, and Linux says it
 * does so to keep only the events it wants, which reads as "the firmware
 * reports more by default". So the model masks nothing until told; the mask
 * is firmware state that outlives a driver (only a PF reset restores it),
 * which is why a driver taking over a running PF must set it itself. */
#define SIM_PHY_INT_MASK_DEFAULT 0x0000

struct sim_pf {
	struct sim_func fn;
	struct x710sim *sim;
	unsigned int idx;
	unsigned int total_vfs, num_vfs;
	unsigned int vf_base;             /* absolute id of VF 0 */
	unsigned int qps, base_queue;
	struct sim_vf *vfs;               /* total_vfs entries */
	struct sim_hmc_sd sd[SIM_HMC_MAX_SD];
	struct sim_queue_state *txq, *rxq;
	uint8_t mac[6];
	/* firmware state */
	bool link_up;
	bool lse_enabled;
	uint16_t phy_int_mask;            /* set_phy_int_mask: set bit = event masked */
	uint16_t main_vsi;                /* VSI number of the PF's own VSI */
	uint16_t nvm_owner_resource;
	uint32_t sriov_ctrl_shadow, sriov_numvfs_shadow;
};

struct sim_veb {
	bool in_use;
	uint16_t seid, uplink_seid, downlink_seid, flags, stat_idx;
	uint8_t pf;
};

struct sim_aq_fault_state {
	bool active;
	struct x710sim_aq_fault f;
	unsigned int seen;
};

struct x710sim {
	struct x710sim_params params;
	struct x710sim_host_ops host;
	const struct sim_dma_ops *dma;
	struct sim_pf pfs[X710SIM_MAX_PFS];
	struct sim_vsi vsis[SIM_VSI_MAX];
	struct sim_veb vebs[SIM_MAX_VEBS];
	struct sim_datapath *dp;
	struct sim_aq_fault_state aq_fault;
	unsigned int vf_vectors;          /* num_msix_vectors_vf */
	uint32_t vflrstat[SIM_DEVICE_VFS / 32];  /* GLGEN_VFLRSTAT, device-wide */
	uint64_t polls;
	uint64_t aq_commands;
	char msg[256];
};

/* ---- shared helpers -------------------------------------------------------- */
void sim_log(struct x710sim *sim, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static inline uint32_t sim_reg_get(const struct sim_func *f, uint32_t off)
{
	return f->bar0[off / 4];
}

/* Store a model-owned value; watched words keep their shadow in step so the
 * model's own stores are not mistaken for driver writes. */
void sim_reg_set(struct sim_func *f, uint32_t off, uint32_t val);

struct sim_pf *sim_func_pf(struct x710sim *sim, struct sim_func *f);
struct sim_vf *sim_func_vf(struct sim_func *f);
struct sim_func *sim_find_func(struct x710sim *sim, struct x710sim_fn fn);

/* sim_regs.c */
const struct sim_reg_def *sim_reg_lookup(const struct sim_reg_table *t, uint32_t off,
					 unsigned int *idx);
int sim_func_regs_init(struct x710sim *sim, struct sim_func *f);
void sim_func_regs_fini(struct sim_func *f);
/* No word held by sim_func_regs_reset. */
#define SIM_REG_NO_HOLD  UINT32_MAX
/* Every register of @f back to its reset value, shadows in step. The word at
 * @hold_off keeps its value: it is the reset's busy bit (PFGEN_CTRL.PFSWR),
 * cleared by the caller once the whole reset is done. */
void sim_func_regs_reset(struct x710sim *sim, struct sim_func *f, uint32_t hold_off);
/* Scan the fast tier, and the slow-tier watches of this slice. */
unsigned int sim_func_poll_watches(struct x710sim *sim, struct sim_func *f,
				   unsigned int slice);
uint32_t sim_func_rd32(struct x710sim *sim, struct sim_func *f, uint32_t off);
void sim_func_wr32(struct x710sim *sim, struct sim_func *f, uint32_t off, uint32_t val);
unsigned int sim_reg_dim_count(struct x710sim *sim, struct sim_func *f,
			       const struct sim_reg_def *d);

/* sim_vf_regs.c: copy the VF's AQ registers into the PF's VF_A?Q* view. */
void sim_vf_aq_mirror(struct sim_vf *vf);

/* sim_adminq.c */
void sim_aq_init(struct sim_aq *aq, const struct sim_aq_ring_regs *atq,
		 const struct sim_aq_ring_regs *arq);
unsigned int sim_aq_poll(struct x710sim *sim, struct sim_func *f);
int sim_aq_post(struct x710sim *sim, struct sim_func *f, const struct x710_aq_desc *ev,
		const void *buf, size_t len);
bool sim_aq_arq_consumed(struct sim_func *f);
uint64_t sim_aq_buf_addr(const struct x710_aq_desc *d);

/* sim_firmware.c: one handler per opcode, each returning an AQ rc. */
struct sim_fw_ctx {
	struct x710sim *sim;
	struct sim_pf *pf;
	struct x710_aq_desc *d;
	uint8_t *buf;               /* X710_AQ_MAX_BUF bytes */
	uint16_t in_len;            /* bytes the driver's buffer holds */
	uint16_t out_len;           /* bytes to write back */
};
typedef uint16_t sim_fw_handler_fn(struct sim_fw_ctx *c);

void sim_fw_execute(struct x710sim *sim, struct sim_pf *pf, struct x710_aq_desc *d,
		    uint8_t *buf, uint16_t in_len, uint16_t *out_len);
void sim_fw_pf_reset(struct x710sim *sim, struct sim_pf *pf);
const char *sim_fw_opcode_name(uint16_t opcode);
void sim_fw_link_event(struct x710sim *sim, struct sim_pf *pf);
void sim_fw_fill_link_status(struct sim_pf *pf, struct x710_aqc_get_link_status *ls);

/* sim_fw_switch.c: the switch commands of the firmware table. */
sim_fw_handler_fn sim_fw_get_switch_config, sim_fw_add_vsi, sim_fw_update_vsi,
	sim_fw_get_vsi, sim_fw_add_veb, sim_fw_get_veb, sim_fw_delete_element,
	sim_fw_add_macvlan, sim_fw_remove_macvlan, sim_fw_set_promisc;
/* Commands with a list of elements for one VSI (i40e_aqc_macvlan params):
 * op edits the VSI for one element, writes its result and returns an AQ rc. */
typedef uint16_t sim_fw_elem_fn(struct sim_vsi *v, uint8_t *elem);
typedef void sim_fw_completion_fn(struct sim_fw_ctx *c, const struct sim_vsi *v);
struct sim_vsi *sim_fw_elements_target(struct sim_fw_ctx *c, size_t elem_size,
				       unsigned int *n);
uint16_t sim_fw_elements_each(struct sim_fw_ctx *c, size_t elem_size, sim_fw_elem_fn *op,
			      sim_fw_completion_fn *completion);
/* sim_fw_vlan.c: 0x0252 / 0x0253, the VSI's VLAN table. */
sim_fw_handler_fn sim_fw_add_vlan, sim_fw_remove_vlan;
#define SIM_FW_VLAN_ELEM_SIZE 8   /* i40e_aqc_add_remove_vlan_element_data */
/* sim_fw_bw.c: 0x0400, a VSI's Tx bandwidth limit. */
#define SIM_AQC_CONFIG_VSI_BW_LIMIT 0x0400  /* i40e_aqc_opc_configure_vsi_bw_limit */
sim_fw_handler_fn sim_fw_config_vsi_bw_limit;
struct sim_vsi *sim_vsi_by_seid(struct x710sim *sim, uint16_t seid);
int sim_vsi_create_main(struct x710sim *sim, struct sim_pf *pf);
void sim_vsi_release_pf(struct x710sim *sim, struct sim_pf *pf);
uint16_t sim_vsi_seid(uint16_t vsi_num);
uint16_t sim_mac_seid(unsigned int port);
uint16_t sim_pf_seid(unsigned int pf);

/* sim_mailbox.c: events into a function's ARQ, with its interrupt cause. */
int sim_pf_arq_event(struct x710sim *sim, struct sim_pf *pf, const struct x710_aq_desc *ev,
		     const void *buf, size_t len);
int sim_vf_arq_event(struct x710sim *sim, struct sim_vf *vf, const struct x710_aq_desc *ev,
		     const void *buf, size_t len);
int sim_mbx_vf_to_pf(struct x710sim *sim, struct sim_vf *vf, const struct x710_aq_desc *d,
		     const uint8_t *buf, uint16_t len);
int sim_mbx_pf_to_vf(struct x710sim *sim, struct sim_pf *pf, const struct x710_aq_desc *d,
		     const uint8_t *buf, uint16_t len);

/* sim_irq.c */
void sim_irq_pf_cause(struct x710sim *sim, struct sim_pf *pf, uint32_t cause);
void sim_irq_pf_update(struct x710sim *sim, struct sim_pf *pf);
void sim_irq_vf_adminq(struct x710sim *sim, struct sim_vf *vf);
void sim_irq_vf_update(struct x710sim *sim, struct sim_vf *vf);
unsigned int sim_irq_scrub(struct x710sim *sim, struct sim_func *f);
void sim_irq_dyn_ctl(struct x710sim *sim, struct sim_func *f, unsigned int vector,
		     uint32_t val);

/* sim_vf_reset.c */
void sim_vf_hw_reset(struct x710sim *sim, struct sim_vf *vf);
void sim_vf_flr(struct x710sim *sim, struct sim_vf *vf);
void sim_vf_rstat_written(struct x710sim *sim, struct sim_vf *vf, uint32_t val);
/* GLGEN_VFLRSTAT word @word into every PF's BAR (the register is global). */
void sim_vflrstat_publish(struct x710sim *sim, unsigned int word);
void sim_vflrstat_written(struct x710sim *sim, struct sim_pf *pf, unsigned int word,
			  uint32_t val);

/* sim_pci_config.c */
void sim_cfg_init_pf(struct x710sim *sim, struct sim_pf *pf);
void sim_cfg_init_vf(struct x710sim *sim, struct sim_vf *vf);
unsigned int sim_cfg_poll_pf(struct x710sim *sim, struct sim_pf *pf);
unsigned int sim_cfg_poll_vf(struct x710sim *sim, struct sim_vf *vf);
int sim_sriov_apply(struct x710sim *sim, struct sim_pf *pf, unsigned int n, bool enable);
void sim_cfg_set_num_vfs(struct sim_pf *pf, unsigned int n);
unsigned int sim_routing_id(struct x710sim *sim, struct x710sim_fn fn);

/* sim_hmc.c */
void sim_hmc_sdcmd(struct x710sim *sim, struct sim_pf *pf, uint32_t val);
int sim_hmc_read_txctx(struct x710sim *sim, struct sim_pf *pf, unsigned int q,
		       struct sim_txq_ctx *ctx);
int sim_hmc_read_rxctx(struct x710sim *sim, struct sim_pf *pf, unsigned int q,
		       struct sim_rxq_ctx *ctx);
uint64_t sim_hmc_get_bits(const uint8_t *obj, unsigned int lsb, unsigned int width);

/* sim_lan_queue.c */
void sim_lanq_ena_written(struct x710sim *sim, struct sim_pf *pf, unsigned int q,
			  bool tx, uint32_t old, uint32_t val);
void sim_lanq_stop_vf(struct x710sim *sim, struct sim_vf *vf);
void sim_lanq_stop_all(struct x710sim *sim, struct sim_pf *pf);
void sim_lanq_txpre_qdis(struct x710sim *sim, struct sim_pf *pf, unsigned int idx,
			 uint32_t val);

/* sim_stats.c */
void sim_stats_refresh(struct x710sim *sim, struct sim_pf *pf);

/* sim_rss.c */
void sim_rss_vf_changed(struct x710sim *sim, struct sim_pf *pf, unsigned int vf);

#endif /* SIM_MODEL_H */
