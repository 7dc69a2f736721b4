/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libx710sim: a model of one Intel X710 adapter (8086:1572 PFs, 8086:154C
 * VFs). The model owns no memory a driver sees: the host (a unit test, or
 * the x710-sim launcher that backs BARs with sysfs resource files) provides
 * BAR and config-space memory, DMA translation, and interrupt delivery.
 *
 * Writes to shared BAR memory cannot be trapped, so the model is polled:
 * x710sim_poll() notices doorbells and register changes and acts on them.
 * Tests call it to step the model deterministically; the launcher calls it
 * in a loop. What is modelled and what is approximated: sim/model/README.md.
 */
#ifndef X710SIM_H
#define X710SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim_dma_ops;
struct x710sim;

#define X710SIM_PCI_VENDOR_INTEL   0x8086
#define X710SIM_PCI_DEVICE_PF      0x1572  /* X710 for 10GbE SFP+ */
#define X710SIM_PCI_DEVICE_VF      0x154C  /* X710/XL710 VF */
#define X710SIM_MAX_PFS            4
#define X710SIM_MAX_VFS_PER_PF     64
#define X710SIM_PF_BAR0_SIZE       (8u << 20)   /* PF register space */
#define X710SIM_VF_BAR0_SIZE       (64u << 10)
#define X710SIM_VF_BAR3_SIZE       (16u << 10)  /* MSI-X table and PBA */
#define X710SIM_PF_BAR3_SIZE       (32u << 10)  /* PF MSI-X table and PBA */
#define X710SIM_CONFIG_SIZE        4096         /* PCIe extended config space */
#define X710SIM_DEVICE_QUEUES      1536         /* queue pairs per adapter */
#define X710SIM_DEVICE_VSIS        384
#define X710SIM_DEVICE_VFS         128          /* _VF = 0..127 */

/* A PCI function of the adapter: a PF, or VF `vf` of PF `pf`. */
struct x710sim_fn {
	unsigned int pf;
	int vf;                    /* -1 for the PF itself */
};

enum x710sim_region {
	X710SIM_REGION_CONFIG,     /* PCI config space, X710SIM_CONFIG_SIZE */
	X710SIM_REGION_BAR0,
	X710SIM_REGION_BAR3,
};

/* What the host provides. Every callback may be NULL except region_alloc. */
struct x710sim_host_ops {
	/* Zeroed memory the driver and the model share for one region. */
	void *(*region_alloc)(void *ctx, struct x710sim_fn fn,
			      enum x710sim_region region, size_t size);
	void (*region_free)(void *ctx, struct x710sim_fn fn,
			    enum x710sim_region region, void *mem, size_t size);
	/* A VF function appeared (VF Enable set) or disappeared. */
	void (*fn_added)(void *ctx, struct x710sim_fn fn);
	void (*fn_removed)(void *ctx, struct x710sim_fn fn);
	/* An interrupt for MSI-X vector `vector` of `fn` (0 = misc/admin). */
	void (*irq)(void *ctx, struct x710sim_fn fn, unsigned int vector);
	/* A message for an operator: what went wrong, where and why. */
	void (*log)(void *ctx, const char *msg);
	/* A monotonic clock in ns, for VSI Tx rate limits (config_vsi_bw_limit);
	 * called at most once per x710sim_poll(), and only while a limited VSI
	 * has frames to send. NULL: limits are stored and reported, not enforced. */
	uint64_t (*now_ns)(void *ctx);
	void *ctx;
};

struct x710sim_params {
	unsigned int n_pfs;            /* ports, 1..X710SIM_MAX_PFS (default 2) */
	unsigned int vfs_per_pf;       /* TotalVFs, 0..64 (default 64) */
	uint8_t base_mac[6];           /* port p gets base_mac + p */
	/*
	 * 0 or 1: every x710sim_poll() looks at every register (deterministic
	 * stepping, for tests). N > 1: the bulky, rarely written registers
	 * (QTX_ENA/QRX_ENA, VF RSS) and the VF functions are covered over N
	 * polls, one slice each, so an idle poll stays cheap beside a busy
	 * data path; admin queues, resets and config space of PFs are looked
	 * at on every poll.
	 */
	unsigned int poll_slices;
};

void x710sim_params_default(struct x710sim_params *p);

int x710sim_create(const struct x710sim_params *params,
		   const struct x710sim_host_ops *host,
		   const struct sim_dma_ops *dma, struct x710sim **out);
void x710sim_destroy(struct x710sim *sim);

/* Act on everything pending; returns how many events were handled. */
unsigned int x710sim_poll(struct x710sim *sim);

/* Region memory of a function (NULL while the function does not exist). */
void *x710sim_region(struct x710sim *sim, struct x710sim_fn fn,
		     enum x710sim_region region, size_t *size);

/*
 * Register access with full hardware semantics (clear-on-read, write-1-to-
 * clear, self-clearing) for in-process drivers whose accesses can be
 * trapped. Drivers that map BAR memory directly get the polled
 * approximation documented beside each register.
 */
uint32_t x710sim_rd32(struct x710sim *sim, struct x710sim_fn fn, uint32_t off);
void x710sim_wr32(struct x710sim *sim, struct x710sim_fn fn, uint32_t off, uint32_t val);

/* What sysfs sriov_numvfs does: NumVFs + VF Enable through config space.
 * 0 removes the VFs. 0, -EINVAL (n > TotalVFs, bad pf), -EBUSY (VFs exist
 * and n != 0: Linux requires writing 0 first). */
int x710sim_set_num_vfs(struct x710sim *sim, unsigned int pf, unsigned int n);

/* Function-level reset of a VF, as PCIe Initiate FLR does (spec §2.3). */
int x710sim_vf_flr(struct x710sim *sim, unsigned int pf, unsigned int vf);

/* Routing ID (bus << 8 | devfn) of a function: PF p = p, VFs after
 * First VF Offset / VF Stride of the SR-IOV capability. */
unsigned int x710sim_routing_id(struct x710sim *sim, struct x710sim_fn fn);

/* ---- faults on demand ------------------------------------------------ */
enum x710sim_aq_fault_kind {
	X710SIM_AQ_FAULT_FAIL,     /* complete with DD|CMP|ERR and `rc` */
	X710SIM_AQ_FAULT_HANG,     /* never complete; the ATQ stops there */
};

struct x710sim_aq_fault {
	int pf;                    /* PF whose ATQ, or -1 for any */
	uint16_t opcode;
	unsigned int nth;          /* 1 = the next such command, 0 = every one */
	enum x710sim_aq_fault_kind kind;
	uint16_t rc;               /* AQ return code (x710_adminq_defs.h) */
};

/* Arm one AQ fault (replacing any armed one); clear with NULL. */
int x710sim_fault_aq(struct x710sim *sim, const struct x710sim_aq_fault *f);
/* Link down/up on a port: get_link_status, a link event, the data path. */
int x710sim_set_link(struct x710sim *sim, unsigned int port, bool up);
/* Drop the next n frames for a PF queue as an Rx overrun. */
int x710sim_fault_rx_overrun(struct x710sim *sim, unsigned int pf,
			     unsigned int pf_queue, unsigned int n);

/* ---- the wire of each port --------------------------------------------- */
#define X710SIM_WIRE_MIN_FRAME     14     /* destination, source, EtherType */
#define X710SIM_WIRE_MAX_FRAME     9728   /* largest frame (no FCS) a port carries */

enum x710sim_wire_mode {
	X710SIM_WIRE_LOOPBACK,     /* what leaves the port comes back in (default) */
	X710SIM_WIRE_SINK,         /* what leaves is counted and handed to `sink` */
};

/* A frame leaving `port` (no FCS). Called from x710sim_poll(), once per
 * frame: it must not call back into the model. */
typedef void (*x710sim_wire_sink_fn)(void *ctx, unsigned int port,
				     const uint8_t *frame, size_t len);

/* Set a port's wire; `sink` may be NULL in SINK mode (frames are counted and
 * discarded). 0, -EINVAL (port, mode), -ENODEV (no data path). */
int x710sim_set_wire(struct x710sim *sim, unsigned int port, enum x710sim_wire_mode mode,
		     x710sim_wire_sink_fn sink, void *ctx);
/*
 * A frame (no FCS, X710SIM_WIRE_MIN_FRAME..MAX_FRAME bytes) arriving from the wire
 * of `port`: it goes through the port's switch (filters, promiscuous modes,
 * broadcast) at once. 0 when at least one VSI's ring took it; -ENOBUFS when
 * it was dropped (counted by reason); -EINVAL, -EMSGSIZE, -ENODEV.
 */
int x710sim_wire_inject(struct x710sim *sim, unsigned int port,
			const uint8_t *frame, size_t len);

/* ---- counters -------------------------------------------------------- */
#define X710SIM_MAX_DROP_REASONS 16

struct x710sim_counters {       /* virtchnl_eth_stats order */
	uint64_t rx_bytes, rx_unicast, rx_multicast, rx_broadcast;
	uint64_t rx_discards, rx_unknown_protocol;
	uint64_t tx_bytes, tx_unicast, tx_multicast, tx_broadcast;
	uint64_t tx_discards, tx_errors;
};

struct x710sim_vsi_info {
	uint16_t vsi_num, seid, uplink_seid;
	unsigned int pf;
	int vf_abs;                /* absolute VF id, -1 if not a VF VSI */
	int vf;                    /* the VF's index within its PF, -1 if not a VF VSI */
	bool has_mac;
	uint8_t mac[6];            /* first unicast MAC filter (the VF's or port's MAC) */
	/* Tx limit (config_vsi_bw_limit 0x0400): credits of 50 Mbps, 0 = none;
	 * burst of 2^bw_max_credit credits. */
	uint16_t bw_credit;
	uint8_t bw_max_credit;
	uint64_t bw_rate_bps;      /* bw_credit x 50 Mbps, in bits per second */
	unsigned int type;         /* 0 VF, 1 VMDQ2, 2 PF (add_vsi type) */
	uint8_t sec_flags;
	uint16_t promisc_flags;
	unsigned int n_filters;
	unsigned int num_queues;
	struct x710sim_counters stats;
	uint64_t drops[X710SIM_MAX_DROP_REASONS];
};

struct x710sim_port_info {
	bool link_up;
	uint64_t tx_packets, tx_bytes, rx_packets, rx_bytes;
	uint64_t drops[X710SIM_MAX_DROP_REASONS];
	/* Driver bugs the model ignores: Tx polls / Rx deliveries that found a
	 * queue's tail register >= its ring length, summed over the port. */
	uint64_t tx_bad_tail, rx_bad_tail;
	/* Tx checksum requests whose MACLEN/IPLEN/L4 header lay outside the
	 * frame: sent without the checksums. */
	uint64_t tx_offload_bad;
};

unsigned int x710sim_n_ports(const struct x710sim *sim);
/* 0, or -ENOENT when VSI `vsi_num` is not in use (iterate 0..383). */
int x710sim_vsi_info(const struct x710sim *sim, unsigned int vsi_num,
		     struct x710sim_vsi_info *out);
int x710sim_port_info(const struct x710sim *sim, unsigned int port,
		      struct x710sim_port_info *out);
/* Name of a drop reason ("anti_spoof_mac", ...), NULL past the last one. */
const char *x710sim_drop_reason_name(unsigned int reason);

/* What the control model handed to the data path for a PF queue. */
struct x710sim_queue_info {
	bool running;
	int vf;                    /* PF-relative owner VF, -1 for the PF */
	unsigned int vsi;
	uint32_t tail_off;         /* tail register offset in the owner's BAR0 */
	uint64_t ring_iova;
	uint16_t qlen;
	uint16_t dbuff_bytes;      /* Rx only */
	uint16_t rxmax;            /* Rx only */
	bool crcstrip;             /* Rx only */
	uint64_t starts;           /* how many times it was started */
	int start_rc;              /* what the data path returned */
	uint64_t bad_tail;         /* tail >= qlen seen since the last start */
};
int x710sim_queue_info(struct x710sim *sim, unsigned int pf, unsigned int pf_queue,
		       bool tx, struct x710sim_queue_info *out);

#endif /* X710SIM_H */
