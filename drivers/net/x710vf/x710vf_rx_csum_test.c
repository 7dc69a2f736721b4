/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Rx checksum flags on every burst path (scalar, SSE4.2, AVX2): frames with
 * good and bad IPv4 header, TCP and UDP checksums go from queue A through
 * the device model's data path, which reports L3L4P/IPE/L4E in the
 * write-back, to queue B; every mbuf must carry the IP and L4
 * GOOD/BAD/UNKNOWN flags those bits mean. The cases are rotated so each
 * one sits in every lane of the vector paths' groups of four.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <rte_cpuflags.h>
#include <rte_eal.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "x710vf_sim_pair.h"
#include "x710vf_test_frames.h"

#define POOL_SIZE   1023
#define DBUFF       2048
#define PAYLOAD     30
#define IPV6_FRAG_HDR 44        /* IPv6 next header: fragment */
#define CSUM_FLAGS  (RTE_MBUF_F_RX_IP_CKSUM_MASK | RTE_MBUF_F_RX_L4_CKSUM_MASK | \
		     RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD)
#define IP_GOOD     RTE_MBUF_F_RX_IP_CKSUM_GOOD
#define IP_BAD      RTE_MBUF_F_RX_IP_CKSUM_BAD
#define L4_GOOD     RTE_MBUF_F_RX_L4_CKSUM_GOOD
#define L4_BAD      RTE_MBUF_F_RX_L4_CKSUM_BAD

typedef uint16_t (*burst_fn)(void *, struct rte_mbuf **, uint16_t);

static const struct path {
	const char *name;
	burst_fn rx;
	enum rte_cpu_flag_t need;
} paths[] = {
	{ "scalar", x710vf_recv_scalar, RTE_CPUFLAG_NUMFLAGS },
	{ "sse", x710vf_recv_sse, RTE_CPUFLAG_SSE4_2 },
	{ "avx2", x710vf_recv_avx2, RTE_CPUFLAG_AVX2 },
};

enum l3 { L3_NONE, L3_V4, L3_V6 };
enum damage { OK, BAD_IP, BAD_L4, BAD_BOTH, UDP_ZERO, FRAGMENT };

static const struct csum_case {
	const char *name;
	enum l3 l3;
	uint8_t proto;
	enum damage damage;
	uint64_t want;              /* ol_flags & CSUM_FLAGS */
} cases[] = {
	{ "v4 tcp", L3_V4, IPPROTO_TCP, OK, IP_GOOD | L4_GOOD },
	{ "v4 udp bad ip", L3_V4, IPPROTO_UDP, BAD_IP, IP_BAD | L4_GOOD },
	{ "v4 tcp bad l4", L3_V4, IPPROTO_TCP, BAD_L4, IP_GOOD | L4_BAD },
	{ "v6 udp", L3_V6, IPPROTO_UDP, OK, IP_GOOD | L4_GOOD },
	{ "v6 tcp bad l4", L3_V6, IPPROTO_TCP, BAD_L4, IP_GOOD | L4_BAD },
	{ "l2", L3_NONE, 0, OK, 0 },                                 /* not checked */
	{ "v4 udp zero", L3_V4, IPPROTO_UDP, UDP_ZERO, IP_GOOD | L4_GOOD },
	{ "v4 tcp bad both", L3_V4, IPPROTO_TCP, BAD_BOTH, IP_BAD | L4_BAD },
	{ "v6 frag", L3_V6, IPV6_FRAG_HDR, OK, 0 },                  /* not checked */
	/* L4 is not checked on a fragment: L3L4P with no L4E, as i40e reports */
	{ "v4 frag bad l4", L3_V4, IPPROTO_UDP, FRAGMENT, IP_GOOD | L4_GOOD },
	{ "v6 udp zero", L3_V6, IPPROTO_UDP, UDP_ZERO, IP_GOOD | L4_BAD },
	{ "v6 udp bad l4", L3_V6, IPPROTO_UDP, BAD_L4, IP_GOOD | L4_BAD },
};
#define N_CASES RTE_DIM(cases)
_Static_assert(N_CASES % 4 == 0, "whole groups of four for the vector paths");

static struct rte_mempool *pool;

/* The frame of one case, checksums computed by DPDK's helpers, then damaged. */
static struct rte_mbuf *
case_frame(const struct csum_case *c)
{
	uint16_t l3 = c->l3 == L3_V6 ? sizeof(struct rte_ipv6_hdr) : sizeof(struct rte_ipv4_hdr);
	uint16_t l4 = c->proto == IPPROTO_TCP ? sizeof(struct rte_tcp_hdr) :
		      sizeof(struct rte_udp_hdr);
	uint16_t len = (uint16_t)(sizeof(struct rte_ether_hdr) + l3 + l4 + PAYLOAD);
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	assert_non_null(m);
	uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, len);
	assert_non_null(p);

	if (c->l3 == L3_NONE) {
		fx_frame(p, len, fx_mac_b, fx_mac_a);
		return m;
	}
	memset(p, 0, len);
	void *iph = p + sizeof(struct rte_ether_hdr);
	uint8_t *l4p = x710vf_test_ip_headers(p, c->l3 == L3_V6, c->proto, (uint16_t)(l4 + PAYLOAD));
	for (uint16_t i = 0; i < PAYLOAD; i++)
		l4p[l4 + i] = (uint8_t)(i * 11 + 1);
	struct rte_tcp_hdr *tcp = (struct rte_tcp_hdr *)l4p;
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)l4p;
	if (c->proto == IPPROTO_TCP) {
		tcp->src_port = rte_cpu_to_be_16(4000);
		tcp->dst_port = rte_cpu_to_be_16(80);
		tcp->data_off = 5 << 4;
	} else {
		udp->src_port = rte_cpu_to_be_16(4000);
		udp->dst_port = rte_cpu_to_be_16(53);
		udp->dgram_len = rte_cpu_to_be_16((uint16_t)(l4 + PAYLOAD));
	}
	uint16_t l4_sum;
	if (c->l3 == L3_V6) {
		l4_sum = rte_ipv6_udptcp_cksum(iph, l4p);
	} else {
		struct rte_ipv4_hdr *ip = iph;
		if (c->damage == FRAGMENT)
			ip->fragment_offset = rte_cpu_to_be_16(RTE_IPV4_HDR_MF_FLAG);
		ip->hdr_checksum = rte_ipv4_cksum(ip);
		l4_sum = rte_ipv4_udptcp_cksum(ip, l4p);
		if (c->damage == BAD_IP || c->damage == BAD_BOTH)
			ip->hdr_checksum ^= 0x0100;
	}
	if (c->proto == IPPROTO_TCP)
		tcp->cksum = l4_sum;
	else if (c->proto == IPPROTO_UDP)
		udp->dgram_cksum = c->damage == UDP_ZERO ? 0 : l4_sum;
	if (c->damage == BAD_L4 || c->damage == BAD_BOTH || c->damage == FRAGMENT)
		p[len - 1] ^= 0x5A;
	return m;
}

static void
flags_match_the_write_back_on_every_path(void **state)
{
	(void)state;
	for (size_t i = 0; i < RTE_DIM(paths); i++) {
		const struct path *p = &paths[i];
		struct env e;
		if (p->need != RTE_CPUFLAG_NUMFLAGS && rte_cpu_get_flag_enabled(p->need) <= 0) {
			print_message("%s: CPU lacks it, skipped\n", p->name);
			continue;
		}
		assert_int_equal(sim_pair_open(&e, pool, DBUFF, DBUFF), 0);
		for (size_t rot = 0; rot < 4; rot++) {
			struct rte_mbuf *out[N_CASES], *in[N_CASES + 1];
			for (size_t k = 0; k < N_CASES; k++)
				out[k] = case_frame(&cases[(k + rot) % N_CASES]);
			assert_int_equal(x710vf_xmit_scalar(&e.a.txq, out, N_CASES), N_CASES);
			sim_pair_run(&e);
			assert_int_equal(p->rx(&e.b.rxq, in, N_CASES + 1), N_CASES);
			for (size_t k = 0; k < N_CASES; k++) {
				const struct csum_case *c = &cases[(k + rot) % N_CASES];
				if ((in[k]->ol_flags & CSUM_FLAGS) != c->want)
					fail_msg("%s, %s (lane %zu): ol_flags %#" PRIx64
						 ", want %#" PRIx64, p->name, c->name, k % 4,
						 (uint64_t)(in[k]->ol_flags & CSUM_FLAGS), c->want);
			}
			rte_pktmbuf_free_bulk(in, N_CASES);
		}
		sim_pair_close(&e);
		assert_int_equal(rte_mempool_avail_count(pool), POOL_SIZE);
	}
}

int
main(int argc, char **argv)
{
	(void)argc;
	if (x710vf_test_eal(argv[0], "128") != 0)
		return 77;
	pool = x710vf_test_pool(argv[0], "x710vf_csum", POOL_SIZE, 0, DBUFF);
	if (pool == NULL)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(flags_match_the_write_back_on_every_path),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	rte_mempool_free(pool);
	rte_eal_cleanup();
	return rc;
}
