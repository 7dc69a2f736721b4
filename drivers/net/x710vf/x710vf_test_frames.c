/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_mbuf.h>

#include "sim_dp_test_fixture.h"
#include "x710vf_test_frames.h"

/* 198.18.0.1 and .2, spelled out: DPDK's RTE_IPV4() shifts an int, and
 * 198 << 24 overflows it (UBSan). */
#define TEST_IPV4_SRC UINT32_C(0xC6120001)
#define TEST_IPV4_DST UINT32_C(0xC6120002)
#define TEST_TTL      64

int
x710vf_test_eal(const char *prog, const char *mem_mb)
{
	/* One lcore, no hugepages, no PCI, no shared config: the model is in
	 * process and the queues' memory is plain (IOVA = VA). */
	char *eal[] = { (char *)prog, "--no-huge", "--no-pci", "-m", (char *)mem_mb,
			"--iova-mode=va", "--no-shconf", "--no-telemetry", "-l", "0",
			"--log-level=lib.eal:error", NULL };

	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) < 0) {
		fprintf(stderr, "%s: EAL init failed, skipping\n", prog);
		return 77;
	}
	return 0;
}

struct rte_mempool *
x710vf_test_pool(const char *prog, const char *name, unsigned int n, unsigned int cache,
		 uint16_t room)
{
	struct rte_mempool *mp = rte_pktmbuf_pool_create(name, n, cache, 0,
							 (uint16_t)(RTE_PKTMBUF_HEADROOM + room),
							 SOCKET_ID_ANY);

	if (mp == NULL || rte_eal_iova_mode() != RTE_IOVA_VA) {
		fprintf(stderr, "%s: need an mbuf pool with IOVA = VA\n", prog);
		return NULL;
	}
	return mp;
}

uint8_t *
x710vf_test_ip_headers(uint8_t *p, bool v6, uint8_t proto, uint16_t l4_len)
{
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)p;

	memcpy(&eth->dst_addr, fx_mac_b, RTE_ETHER_ADDR_LEN);
	memcpy(&eth->src_addr, fx_mac_a, RTE_ETHER_ADDR_LEN);
	eth->ether_type = rte_cpu_to_be_16(v6 ? RTE_ETHER_TYPE_IPV6 : RTE_ETHER_TYPE_IPV4);
	if (v6) {
		struct rte_ipv6_hdr *ip = (struct rte_ipv6_hdr *)(eth + 1);

		ip->vtc_flow = rte_cpu_to_be_32(6u << 28);
		ip->payload_len = rte_cpu_to_be_16(l4_len);
		ip->proto = proto;
		ip->hop_limits = TEST_TTL;
		for (int i = 0; i < 16; i++) {
			ip->src_addr[i] = (uint8_t)(0x20 + i);
			ip->dst_addr[i] = (uint8_t)(0xfd - i);
		}
		return (uint8_t *)(ip + 1);
	}
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);

	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(sizeof(*ip) + l4_len));
	ip->time_to_live = TEST_TTL;
	ip->next_proto_id = proto;
	ip->src_addr = rte_cpu_to_be_32(TEST_IPV4_SRC);
	ip->dst_addr = rte_cpu_to_be_32(TEST_IPV4_DST);
	return (uint8_t *)(ip + 1);
}
