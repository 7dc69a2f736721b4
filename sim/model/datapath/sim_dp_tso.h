/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TCP segmentation offload (x710-hardware.md §4.1, context descriptor): a
 * context descriptor with CMD.TSO in front of a packet's data descriptors
 * makes the Tx engine cut TSO_LEN payload bytes into segments of at most
 * MSS bytes, each behind a copy of the packet's headers with lengths, IPv4
 * ID, TCP sequence number, flags and checksums rewritten.
 */
#ifndef SIM_DP_TSO_H
#define SIM_DP_TSO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim_dma.h"
#include "sim_dp_tx_offload.h"
#include "x710/x710_desc.h"

/* One data buffer of the packet, in descriptor order. */
struct sim_tso_buf {
	uint64_t addr;
	uint32_t len;
};

/* The segmentation request of one context descriptor. */
struct sim_tso {
	uint32_t tlen;              /* TSO_LEN: payload bytes, headers excluded */
	uint16_t mss;               /* largest payload of one segment */
};

/* Whether a context descriptor's qw1 asks for TSO. */
static inline bool sim_dp_tso_requested(uint64_t ctx_qw1)
{
	return (ctx_qw1 & X710_TXCD_QW1_DTYPE_MASK) == X710_TX_DTYPE_CONTEXT &&
	       (((ctx_qw1 & X710_TXCD_QW1_CMD_MASK) >> X710_TXCD_QW1_CMD_SHIFT) &
		X710_TXCD_CMD_TSO);
}

static inline struct sim_tso sim_dp_tso_of(uint64_t ctx_qw1)
{
	return (struct sim_tso){
		.tlen = (uint32_t)((ctx_qw1 & X710_TXCD_QW1_TSO_LEN_MASK) >>
				   X710_TXCD_QW1_TSO_LEN_SHIFT),
		.mss = (uint16_t)((ctx_qw1 & X710_TXCD_QW1_MSS_MASK) >> X710_TXCD_QW1_MSS_SHIFT),
	};
}

/* A checked TSO packet: header layout, segment count, bytes on the wire. */
struct sim_tso_plan {
	struct sim_tso t;
	size_t l2, l3, l4;          /* MACLEN, IPLEN, L4LEN in bytes */
	size_t hdr;                 /* l2 + l3 + l4 */
	bool ipv6;
	unsigned int nsegs;
	size_t wire_bytes;          /* every segment, headers, tag and padding included */
};

/*
 * Check a TSO request against the packet's data descriptors (offload fields
 * `o` from its first data descriptor, `n` buffers holding `total` bytes) and
 * fill `p`. -EINVAL when the device could not segment it as asked: MSS
 * outside X710_TSO_MSS_MIN..MAX, TSO_LEN 0 or not the bytes after the
 * headers, no TCP (L4T) or no IP (IIPT), headers shorter than their
 * minimum or not inside the data, a segment longer than the largest frame,
 * or one that would gather from more than X710_TX_MAX_DESC_PER_FRAME
 * buffers. Reads no packet memory.
 */
int sim_dp_tso_plan(const struct sim_tso *t, const struct sim_tx_offload *o,
		    const struct sim_tso_buf *bufs, unsigned int n, size_t total,
		    struct sim_tso_plan *p);

/* Called once per segment, in order; `frame` is valid during the call. */
typedef void (*sim_tso_emit_fn)(void *ctx, const uint8_t *frame, size_t len);

/*
 * Build and emit the segments of a planned packet in `frame`, which holds
 * at least SIM_DP_MAX_FRAME bytes. Returns the number of segments emitted;
 * -EFAULT when a buffer cannot be read (segments before it were emitted).
 */
int sim_dp_tso_send(const struct sim_tso_plan *p, const struct sim_tx_offload *o,
		    const struct sim_tso_buf *bufs, unsigned int n,
		    const struct sim_dma_ops *dma, uint8_t *frame,
		    sim_tso_emit_fn emit, void *ctx);

#endif /* SIM_DP_TSO_H */
