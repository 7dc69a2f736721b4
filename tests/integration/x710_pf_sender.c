/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x710_pf_sender: a test-only frame source for the PF policy tests. testpmd's
 * txonly always sends from the port's own MAC; anti-spoof needs a foreign
 * source, so this sends N UDP frames with a given source and destination MAC
 * through whatever ethdev EAL probed (net_iavf on a VF), or writes the same
 * frames to a classic pcap file for `x710-sim inject`.
 *
 *   x710_pf_sender EAL-ARGS -- --src MAC --dst MAC --count N
 *       prints "link up|down", then "sent N" once every frame is queued, and
 *       keeps the port open until stdin reaches EOF (the model reads the Tx
 *       ring from our memory after tx_burst returns).
 *   x710_pf_sender EAL-ARGS -- --src MAC --dst MAC --seconds S [--len L]
 *       sends L-byte frames as fast as the Tx ring takes them for S seconds
 *       (a rate-limited VF's ring stays full), then "sent N" as above.
 *   x710_pf_sender --pcap FILE --src MAC --dst MAC --count N
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>

#define FRAME_LEN       60      /* minimum Ethernet frame without FCS */
#define FRAME_LEN_MAX   1514    /* untagged, no FCS: fits one default mbuf */
#define MAX_SECONDS     60
#define ETH_HDR_LEN     14
#define IPV4_HDR_LEN    20
#define UDP_HDR_LEN     8
#define ETHERTYPE_IPV4  0x0800
#define IPPROTO_UDP_NUM 17
#define SENDER_IP       0xc0a80001u   /* 192.168.0.1 -> 192.168.0.2 */
#define RECEIVER_IP     0xc0a80002u
#define UDP_PORT        9             /* discard */
#define RING_DESC       512
#define POOL_MBUFS      1023
#define BURST           32
#define MAX_COUNT       1000000u
/* Link and Tx progress are polled against these deadlines, never slept on. */
#define LINK_POLLS      30            /* x 100 ms: a down link is never "seen" */
#define TX_STALL_SEC    10            /* no Tx progress for this long: stuck */
#define PCAP_MAGIC      0xa1b2c3d4u   /* classic pcap, microsecond stamps */
#define PCAP_SNAPLEN    65535u
#define LINKTYPE_ETHERNET 1u

struct sender_opts {
	uint8_t src[6], dst[6];
	unsigned int count;
	unsigned int seconds;   /* send for this long instead of count frames */
	unsigned int len;       /* frame length, FRAME_LEN..FRAME_LEN_MAX */
	const char *pcap;
};

static int parse_mac(const char *s, uint8_t mac[6])
{
	unsigned int b[6];
	char end;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
		   &end) != 6)
		return -EINVAL;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
	return 0;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

/* The IPv4 header checksum (RFC 791): one's complement of the 16-bit sum. */
static uint16_t ip_checksum(const uint8_t *h)
{
	uint32_t sum = 0;

	for (int i = 0; i < IPV4_HDR_LEN; i += 2)
		sum += (uint32_t)h[i] << 8 | h[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Ethernet / IPv4 / UDP of o->len bytes; seq in the IP id. */
static void build_frame(const struct sender_opts *o, uint16_t seq, uint8_t *f)
{
	uint8_t *ip = f + ETH_HDR_LEN, *udp = ip + IPV4_HDR_LEN;

	memset(f, 0, o->len);
	memcpy(f, o->dst, 6);
	memcpy(f + 6, o->src, 6);
	put16(f + 12, ETHERTYPE_IPV4);
	ip[0] = 0x45;                                        /* version 4, 5 words */
	put16(ip + 2, (uint16_t)(o->len - ETH_HDR_LEN));
	put16(ip + 4, seq);
	ip[8] = 64;                                          /* TTL */
	ip[9] = IPPROTO_UDP_NUM;
	put32(ip + 12, SENDER_IP);
	put32(ip + 16, RECEIVER_IP);
	put16(ip + 10, ip_checksum(ip));
	put16(udp, UDP_PORT);
	put16(udp + 2, UDP_PORT);
	put16(udp + 4, (uint16_t)(o->len - ETH_HDR_LEN - IPV4_HDR_LEN));  /* checksum 0: none */
}

static int write_pcap(const struct sender_opts *o)
{
	uint32_t hdr[6] = { PCAP_MAGIC, 2u | 4u << 16, 0, 0, PCAP_SNAPLEN, LINKTYPE_ETHERNET };
	FILE *f = fopen(o->pcap, "wb");
	int rc = 0;

	if (!f) {
		fprintf(stderr, "x710_pf_sender: %s: %s\n", o->pcap, strerror(errno));
		return 1;
	}
	/* Host byte order: the magic tells readers which one (pcap format). */
	if (fwrite(hdr, sizeof(hdr), 1, f) != 1)
		rc = -EIO;
	for (unsigned int i = 0; i < o->count && rc == 0; i++) {
		uint32_t rec[4] = { i, 0, o->len, o->len };
		uint8_t frame[FRAME_LEN_MAX];

		build_frame(o, (uint16_t)i, frame);
		if (fwrite(rec, sizeof(rec), 1, f) != 1 || fwrite(frame, o->len, 1, f) != 1)
			rc = -EIO;
	}
	if (fclose(f) != 0 || rc) {
		fprintf(stderr, "x710_pf_sender: writing %s failed\n", o->pcap);
		return 1;
	}
	printf("wrote %u frames to %s\n", o->count, o->pcap);
	return 0;
}

static int parse_opts(int argc, char **argv, struct sender_opts *o)
{
	static const struct option longopts[] = {
		{ "src", required_argument, NULL, 's' },
		{ "dst", required_argument, NULL, 'd' },
		{ "count", required_argument, NULL, 'n' },
		{ "pcap", required_argument, NULL, 'p' },
		{ "seconds", required_argument, NULL, 't' },
		{ "len", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	bool have_src = false, have_dst = false;
	char *end;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (parse_mac(optarg, o->src)) goto bad_mac;
			have_src = true;
			break;
		case 'd':
			if (parse_mac(optarg, o->dst)) goto bad_mac;
			have_dst = true;
			break;
		case 'n':
			errno = 0;
			unsigned long n = strtoul(optarg, &end, 10);
			if (errno || *end || n == 0 || n > MAX_COUNT) {
				fprintf(stderr, "x710_pf_sender: --count '%s': 1..%u\n", optarg,
					MAX_COUNT);
				return -EINVAL;
			}
			o->count = (unsigned int)n;
			break;
		case 'p':
			o->pcap = optarg;
			break;
		case 't':
		case 'l': {
			unsigned long lo = c == 't' ? 1 : FRAME_LEN;
			unsigned long hi = c == 't' ? MAX_SECONDS : FRAME_LEN_MAX;

			errno = 0;
			unsigned long v = strtoul(optarg, &end, 10);
			if (errno || *end || v < lo || v > hi) {
				fprintf(stderr, "x710_pf_sender: --%s '%s': %lu..%lu\n",
					c == 't' ? "seconds" : "len", optarg, lo, hi);
				return -EINVAL;
			}
			*(c == 't' ? &o->seconds : &o->len) = (unsigned int)v;
			break;
		}
		default:
			return -EINVAL;
		}
	}
	if (!have_src || !have_dst || (o->count == 0) == (o->seconds == 0) ||
	    (o->seconds && o->pcap) || optind != argc) {
		fprintf(stderr, "usage: x710_pf_sender [EAL-ARGS --] --src MAC --dst MAC "
			"{--count N [--pcap FILE] | --seconds S} [--len L]\n");
		return -EINVAL;
	}
	return 0;
bad_mac:
	fprintf(stderr, "x710_pf_sender: '%s' is not a MAC address (xx:xx:xx:xx:xx:xx)\n", optarg);
	return -EINVAL;
}

static int port_start(uint16_t port, struct rte_mempool *pool)
{
	struct rte_eth_conf conf;
	int rc;

	memset(&conf, 0, sizeof(conf));
	if ((rc = rte_eth_dev_configure(port, 1, 1, &conf)) ||
	    (rc = rte_eth_rx_queue_setup(port, 0, RING_DESC, rte_eth_dev_socket_id(port), NULL,
					 pool)) ||
	    (rc = rte_eth_tx_queue_setup(port, 0, RING_DESC, rte_eth_dev_socket_id(port), NULL)) ||
	    (rc = rte_eth_dev_start(port)))
		fprintf(stderr, "x710_pf_sender: port %u setup: %s\n", port, rte_strerror(-rc));
	return rc;
}

static void report_link(uint16_t port)
{
	struct rte_eth_link link;

	/* The VF learns its link from the PF's event: poll for it a while. */
	for (int i = 0; i < LINK_POLLS; i++) {
		if (rte_eth_link_get_nowait(port, &link) == 0 && link.link_status)
			break;
		usleep(100000);
	}
	printf("link %s\n", link.link_status ? "up" : "down");
}

/* --seconds: the ring full for that long; a limited VF holds frames back,
 * so no progress is no error here. Returns the frames queued. */
static unsigned int send_for(uint16_t port, struct rte_mempool *pool,
			     const struct sender_opts *o)
{
	uint64_t end = rte_get_timer_cycles() + o->seconds * rte_get_timer_hz();
	unsigned int sent = 0;

	while (rte_get_timer_cycles() < end) {
		struct rte_mbuf *m[BURST];
		uint16_t done;

		if (rte_pktmbuf_alloc_bulk(pool, m, BURST) != 0) {
			(void)rte_eth_tx_done_cleanup(port, 0, 0);
			continue;
		}
		for (unsigned int i = 0; i < BURST; i++) {
			build_frame(o, (uint16_t)(sent + i), rte_pktmbuf_mtod(m[i], uint8_t *));
			m[i]->data_len = (uint16_t)o->len;
			m[i]->pkt_len = o->len;
		}
		done = rte_eth_tx_burst(port, 0, m, BURST);
		for (unsigned int i = done; i < BURST; i++)
			rte_pktmbuf_free(m[i]);
		sent += done;
	}
	return sent;
}

static int send_all(uint16_t port, struct rte_mempool *pool, const struct sender_opts *o)
{
	uint64_t stall_cycles = TX_STALL_SEC * rte_get_timer_hz();
	uint64_t deadline = rte_get_timer_cycles() + stall_cycles;
	unsigned int sent = 0;

	while (sent < o->count) {
		struct rte_mbuf *m[BURST];
		unsigned int n = o->count - sent < BURST ? o->count - sent : BURST;
		uint16_t done = 0;

		/* No free mbuf means they sit in the Tx ring: the next burst frees them. */
		if (rte_pktmbuf_alloc_bulk(pool, m, n) == 0) {
			for (unsigned int i = 0; i < n; i++) {
				build_frame(o, (uint16_t)(sent + i), rte_pktmbuf_mtod(m[i], uint8_t *));
				m[i]->data_len = (uint16_t)o->len;
				m[i]->pkt_len = o->len;
			}
			done = rte_eth_tx_burst(port, 0, m, (uint16_t)n);
			for (unsigned int i = done; i < n; i++)
				rte_pktmbuf_free(m[i]);
		} else {
			(void)rte_eth_tx_done_cleanup(port, 0, 0);
		}
		sent += done;
		if (done)
			deadline = rte_get_timer_cycles() + stall_cycles;
		else if (rte_get_timer_cycles() > deadline) {
			fprintf(stderr, "x710_pf_sender: Tx ring stuck after %u frames\n", sent);
			return -EIO;
		}
	}
	printf("sent %u\n", sent);
	return 0;
}

int main(int argc, char **argv)
{
	struct sender_opts o = { .count = 0, .len = FRAME_LEN };
	struct rte_mempool *pool;
	char buf[64];
	int n, rc;

	if (argc > 1 && strcmp(argv[1], "--pcap") == 0)
		return parse_opts(argc, argv, &o) ? 2 : write_pcap(&o);
	n = rte_eal_init(argc, argv);
	if (n < 0) {
		fprintf(stderr, "x710_pf_sender: EAL init: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	argv[n] = argv[0];
	if (parse_opts(argc - n, argv + n, &o) || o.pcap)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (rte_eth_dev_count_avail() == 0) {
		fprintf(stderr, "x710_pf_sender: EAL probed no port\n");
		return 1;
	}
	pool = rte_pktmbuf_pool_create("x710_pf_sender", POOL_MBUFS, 0, 0,
				       RTE_MBUF_DEFAULT_BUF_SIZE, (int)rte_socket_id());
	if (!pool) {
		fprintf(stderr, "x710_pf_sender: mbuf pool: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	if (port_start(0, pool))
		return 1;
	report_link(0);
	if (o.seconds) {
		printf("sent %u\n", send_for(0, pool, &o));
		rc = 0;
	} else {
		rc = send_all(0, pool, &o);
	}
	/* Keep the rings alive until the test has read the model's counters. */
	while (rc == 0 && (n = (int)read(STDIN_FILENO, buf, sizeof(buf))) != 0)
		if (n < 0 && errno != EINTR)
			break;
	rte_eth_dev_stop(0);
	rte_eth_dev_close(0);
	rte_eal_cleanup();
	return rc ? 1 : 0;
}
