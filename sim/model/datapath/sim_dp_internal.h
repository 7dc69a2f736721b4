/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * State shared by the data path's parts (queues, switch, RSS, wire). Not
 * part of the contract: the control model sees only sim_datapath.h.
 */
#ifndef SIM_DP_INTERNAL_H
#define SIM_DP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sim_datapath.h"

#define SIM_DP_ETH_HLEN       14    /* dst, src, ethertype */
#define SIM_DP_ETH_ZLEN       60    /* shortest frame without FCS; Tx pads to it */
#define SIM_DP_FCS_LEN        4     /* Ethernet CRC-32 the model's frames do not carry */
#define SIM_DP_VLAN_TAG_LEN   4     /* IEEE 802.1Q tag */
#define SIM_DP_TX_MAX_SEGS    64    /* data descriptors one frame may chain in the model */
#define SIM_DP_TX_BUDGET      256   /* descriptors one Tx queue may consume per poll */
#define SIM_DP_RX_MAX_BUFS    128   /* Rx descriptors one frame may chain */

struct sim_txq {
	bool running;
	struct sim_queue_binding b;
	struct sim_txq_ctx ctx;
	uint16_t head;              /* next descriptor the model reads */
	unsigned int active_slot;   /* index in sim_datapath.tx_active */
	uint8_t *ring;              /* direct view of the ring, NULL: go through map */
	uint64_t bad_tail;          /* tail writes >= qlen (driver bug), ignored */
};

struct sim_rxq {
	bool running;
	struct sim_queue_binding b;
	struct sim_rxq_ctx ctx;
	uint16_t head;              /* next descriptor the model fills */
	uint16_t tail;              /* last valid tail seen */
	unsigned int overrun;       /* injected drops left */
	uint8_t *ring;
	uint64_t bad_tail;
};

struct sim_rss_cfg {
	bool set;
	uint64_t hena;              /* bit n enables packet classifier type n */
	uint8_t key[SIM_RSS_KEY_SIZE];
	uint8_t lut[SIM_RSS_LUT_SIZE];
};

struct sim_port {
	bool link_up;
	enum sim_wire_mode mode;
	sim_wire_sink_fn sink;
	void *sink_ctx;
	struct sim_port_stats stats;
	/* VSIs of this port, rebuilt once per poll that moves frames. */
	uint16_t vsis[SIM_VSI_MAX];
	unsigned int n_vsis;
};

enum sim_dst_class { SIM_DST_UNICAST, SIM_DST_MULTICAST, SIM_DST_BROADCAST };

/* One frame on its way through the switch; parsed at most once. */
struct sim_frame {
	const uint8_t *data;
	size_t len;
	enum sim_dst_class dst;
	uint16_t vlan;              /* VLAN id, 0 when untagged */
	bool tagged;
	bool parsed;
	uint8_t ptype;              /* Rx descriptor PTYPE */
	uint8_t pctype;             /* HENA bit, 0 = not hashable */
	uint16_t l3_off;            /* IP header, valid when ptype is IPv4/IPv6 */
	uint8_t tuple[36];          /* Toeplitz input: addresses then ports */
	uint8_t tuple_len;
};

struct sim_datapath {
	struct sim_dp_params params;
	struct sim_port ports[SIM_DP_MAX_PORTS];
	bool port_lists_valid;      /* ports[].vsis current for this poll */
	struct sim_txq *txqs;       /* [port][queue] */
	struct sim_rxq *rxqs;
	struct sim_txq **tx_active; /* dense list of running Tx queues */
	unsigned int n_tx_active;
	uint64_t now_ns;            /* the host clock, read once per poll ... */
	bool now_valid;             /* ... on first need */
	struct sim_rss_cfg rss[SIM_VSI_MAX];
	uint32_t crc_table[256];    /* Ethernet CRC-32, for crcstrip = 0 */
	uint8_t frame[SIM_DP_MAX_FRAME + SIM_DP_FCS_LEN];   /* Tx gather buffer */
	uint8_t fcs_frame[SIM_DP_MAX_FRAME + 2 * SIM_DP_FCS_LEN];
	uint8_t vlan_frame[SIM_DP_MAX_FRAME + SIM_DP_VLAN_TAG_LEN];   /* pvid inserted */
	uint8_t strip_frame[SIM_DP_MAX_FRAME + SIM_DP_VLAN_TAG_LEN];  /* pvid stripped */
};

/* What the Rx engine reports besides the frame. */
struct sim_rx_meta {
	uint32_t rss_hash;
	bool hashed;
	uint16_t l2tag1;            /* stripped VLAN tag (TCI) */
	bool l2tag1p;
};

/* The per-class counter (unicast, multicast, broadcast) a frame bumps. */
static inline uint64_t *
sim_dp_class_counter(enum sim_dst_class d, uint64_t *uc, uint64_t *mc, uint64_t *bc)
{
	return d == SIM_DST_UNICAST ? uc : d == SIM_DST_MULTICAST ? mc : bc;
}

static inline struct sim_txq *
sim_dp_txq(struct sim_datapath *dp, unsigned int pf, unsigned int q)
{
	return &dp->txqs[(size_t)pf * SIM_DP_MAX_QUEUES + q];
}

static inline struct sim_rxq *
sim_dp_rxq(struct sim_datapath *dp, unsigned int pf, unsigned int q)
{
	return &dp->rxqs[(size_t)pf * SIM_DP_MAX_QUEUES + q];
}

/* A frame the VSI received: bytes (with the FCS, as GLV_GORC) and its class. */
static inline void sim_dp_count_rx(struct sim_vsi *vsi, const struct sim_frame *f)
{
	vsi->stats.rx_bytes += f->len + SIM_DP_FCS_LEN;
	(*sim_dp_class_counter(f->dst, &vsi->stats.rx_unicast, &vsi->stats.rx_multicast,
			       &vsi->stats.rx_broadcast))++;
}

/* The VSI took a frame but discarded it. The hardware counts it in the
 * class counters and rx_discards (GLV_RDPC) both; iavf's ipackets is
 * unicast + multicast + broadcast - discards and relies on it. */
void sim_dp_rx_discard(struct sim_datapath *dp, struct sim_vsi *vsi, unsigned int port,
		       enum sim_drop_reason why, const struct sim_frame *f);

/* The VSI with number `num`, or NULL. */
struct sim_vsi *sim_dp_vsi(struct sim_datapath *dp, unsigned int num);

/* Count a drop on a VSI (may be NULL) and on its port. */
void sim_dp_count_drop(struct sim_datapath *dp, struct sim_vsi *vsi,
		       unsigned int port, enum sim_drop_reason why);

/* Tx engine: consume up to `budget` descriptors; returns frames handled. */
unsigned int sim_dp_txq_process(struct sim_datapath *dp, struct sim_txq *q, unsigned int budget);

/* Rx engine: place a frame into a queue's ring; 0 or negative errno (dropped, counted). */
int sim_dp_rxq_deliver(struct sim_datapath *dp, struct sim_vsi *vsi, struct sim_rxq *q,
		       struct sim_frame *f, const struct sim_rx_meta *meta);

/* Port VLAN: the frame to switch / to deliver, either `f` or the rewritten copy. */
struct sim_frame *sim_dp_pvid_insert(struct sim_datapath *dp, const struct sim_vsi *src,
				     struct sim_frame *f, struct sim_frame *tagged);
struct sim_frame *sim_dp_pvid_strip(struct sim_datapath *dp, const struct sim_vsi *dst,
				    struct sim_frame *f, struct sim_frame *stripped,
				    struct sim_rx_meta *meta);

/* Switch: a frame sent by VSI `src`, and a frame arriving from a port's wire. */
void sim_dp_switch_from_vsi(struct sim_datapath *dp, struct sim_vsi *src, struct sim_frame *f);
int sim_dp_switch_from_wire(struct sim_datapath *dp, unsigned int port, struct sim_frame *f);

/* Frame classification (destination, VLAN) and parsing for PTYPE/RSS. */
int sim_dp_frame_init(struct sim_frame *f, const uint8_t *data, size_t len);
void sim_dp_frame_parse(struct sim_frame *f);

/* RSS: Toeplitz hash over `len` bytes with a 52-byte key. */
uint32_t sim_dp_rss_toeplitz(const uint8_t *key, size_t key_len, const uint8_t *in, size_t len);
/* VSI queue index for a frame, with its hash when RSS applied. */
unsigned int sim_dp_rss_queue(const struct sim_rss_cfg *rss, struct sim_frame *f,
			   uint32_t *hash, bool *hashed);

/* Tx rate limit of a VSI (sim_dp_shaper.c). Whether frames of `vsi` are
 * shaped at all in this poll: a limit is set and the host has a clock. */
static inline bool sim_dp_shaped(const struct sim_datapath *dp, const struct sim_vsi *vsi)
{
	return vsi != NULL && vsi->bw_credit != 0 && dp->params.now_ns != NULL;
}
/* Bring the VSI's bucket up to this poll's time (re-primed, full, when the
 * limit changed). */
void sim_dp_shaper_refill(struct sim_datapath *dp, struct sim_vsi *vsi);
/* Take a frame of `bytes` from the bucket; false (nothing taken) when it
 * does not hold that much yet: the frame waits in the ring. */
bool sim_dp_shaper_take(struct sim_vsi *vsi, size_t bytes);

/* Ethernet FCS (CRC-32, reflected 0xEDB88320) of a frame. */
uint32_t sim_dp_fcs(const struct sim_datapath *dp, const uint8_t *data, size_t len);

#endif /* SIM_DP_INTERNAL_H */
