/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the PMD's in-process tests (x710vf_rxtx, x710vf_rx_csum, x710vf_tso)
 * share beside the queue pairing (x710vf_sim_pair.h): EAL without
 * hugepages or PCI, an mbuf pool whose IOVA is its address, and the
 * Ethernet + IP headers of their test frames.
 */
#ifndef X710VF_TEST_FRAMES_H
#define X710VF_TEST_FRAMES_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_mempool.h>

/* EAL for a test program with @mem_mb of plain memory: 0, or 77 (the
 * test's "skipped") after saying why on stderr. */
int x710vf_test_eal(const char *prog, const char *mem_mb);
/* An mbuf pool of @n mbufs with @room data bytes each, or NULL (said on
 * stderr) when it cannot be made or its IOVA is not its address. */
struct rte_mempool *x710vf_test_pool(const char *prog, const char *name, unsigned int n,
				     unsigned int cache, uint16_t room);
/* Writes, at @p, an Ethernet header (to fx_mac_b from fx_mac_a) and an
 * IPv4 or IPv6 header for @l4_len bytes of L4 header and payload: TTL or
 * hop limit 64, IPv4 198.18.0.1 -> .2 (RFC 2544's range) with checksum
 * field and ID untouched, fixed IPv6 addresses. Fields not named are left
 * as the caller set them. Returns where the L4 header goes. */
uint8_t *x710vf_test_ip_headers(uint8_t *p, bool v6, uint8_t proto, uint16_t l4_len);

#endif /* X710VF_TEST_FRAMES_H */
