/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Tx offloads a data descriptor asks for (x710-hardware.md §4.1): IPv4
 * header checksum (IIPT), TCP/UDP/SCTP checksum (L4T) at MACLEN + IPLEN,
 * and VLAN insertion of L2TAG1 (IL2TAG1). Applied by the Tx engine to its
 * private copy of a frame, never to the driver's buffer.
 */
#ifndef SIM_DP_TX_OFFLOAD_H
#define SIM_DP_TX_OFFLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x710/x710_desc.h"

/* The offload fields of one packet, as the model takes them from the
 * packet's first data descriptor (see sim_dp_txq.c). */
struct sim_tx_offload {
	uint16_t cmd;               /* CMD field, before the shift */
	uint32_t offset;            /* OFFSET field: MACLEN, IPLEN, L4LEN */
	uint16_t l2tag1;            /* tag control information to insert */
};

static inline struct sim_tx_offload sim_dp_tx_offload_of(uint64_t qw1)
{
	return (struct sim_tx_offload){
		.cmd = (uint16_t)((qw1 & X710_TXD_QW1_CMD_MASK) >> X710_TXD_QW1_CMD_SHIFT),
		.offset = (uint32_t)((qw1 & X710_TXD_QW1_OFFSET_MASK) >> X710_TXD_QW1_OFFSET_SHIFT),
		.l2tag1 = (uint16_t)((qw1 & X710_TXD_QW1_L2TAG1_MASK) >> X710_TXD_QW1_L2TAG1_SHIFT),
	};
}

/* Whether the offloads change the frame's bytes (then the engine must work
 * on a copy). IIPT IPV4/IPV6 alone only describe the packet. */
bool sim_dp_tx_offload_edits(const struct sim_tx_offload *o);

/*
 * Apply the offloads to `buf` holding `*len` bytes (the DMA data, before
 * padding); `max_len` is the longest frame the result may be, and `buf`
 * must hold that many bytes. Returns 0; -EINVAL when MACLEN/IPLEN/the L4
 * header point outside the frame (no checksum written, the tag still
 * inserted); -EMSGSIZE when the inserted tag would pass `max_len` (nothing
 * changed).
 */
int sim_dp_tx_offload_apply(const struct sim_tx_offload *o, uint8_t *buf, size_t *len,
			    size_t max_len);

/* RFC 1071 one's-complement sum of `len` bytes (big-endian words, an odd
 * last byte padded with zero), folded to 16 bits, added to `sum`. */
uint16_t sim_dp_csum_add(uint16_t sum, const uint8_t *p, size_t len);

/* CRC32c (Castagnoli, RFC 4960 Appendix B) of `len` bytes. */
uint32_t sim_dp_crc32c(const uint8_t *p, size_t len);

#endif /* SIM_DP_TX_OFFLOAD_H */
