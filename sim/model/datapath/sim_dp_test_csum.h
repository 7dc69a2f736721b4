/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test-only RFC 1071 arithmetic and big-endian accessors, written apart from
 * the model's (sim_dp_tx_offload.c) so that a test checks the model against
 * an independent sum.
 */
#ifndef SIM_DP_TEST_CSUM_H
#define SIM_DP_TEST_CSUM_H

#include <stddef.h>
#include <stdint.h>

/* Unfolded sum of big-endian 16-bit words; an odd last byte is the high half. */
static inline uint32_t tcsum_sum16(const uint8_t *p, size_t len)
{
	uint32_t s = 0;

	for (size_t i = 0; i < len; i++)
		s += (i & 1) ? p[i] : (uint32_t)p[i] << 8;
	return s;
}

static inline uint16_t tcsum_fold(uint32_t s)
{
	while (s > 0xFFFF)
		s = (s & 0xFFFF) + (s >> 16);
	return (uint16_t)s;
}

static inline uint16_t tcsum_rd16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static inline void tcsum_wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

#endif /* SIM_DP_TEST_CSUM_H */
