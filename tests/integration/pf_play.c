/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pf_play: plays the PF driver against the simulator until our PF host
 * exists. Run under `x710-sim exec`, it maps the PF's BAR0 from the fake
 * tree, brings up the PF admin queue in a hugepage (IOVA = PA), enables
 * VFs through sriov_numvfs, marks one VF active (VFGEN_RSTAT1 = VFACTIVE,
 * x710-hardware.md §2.3) and waits for that VF's VERSION message to arrive
 * on the PF ARQ as a 0x0801 event carrying the absolute VF id (§2.2).
 * With --answer it replies VERSION 1.1 and GET_VF_RESOURCES and acks the
 * rest, to see how far an unmodified iavf gets.
 *
 * Exit: 0 when the event was checked and right, 1 otherwise, 2 on usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "client_dma.h"
#include "sriov_cap.h"
#include "x710/virtchnl_defs.h"
#include "x710/x710_adminq_defs.h"
#include "x710/x710_regs.h"

#define AQ_LEN          32          /* entries, as DPDK's PF (spec §3.1) */
#define AQ_BUF          4096
#define HUGE_SIZE       (2u << 20)
/* Layout of the one hugepage: rings, then buffers. */
#define OFF_ATQ         0x0000
#define OFF_ARQ         0x1000
#define OFF_ATQ_BUF     0x2000
#define OFF_ARQ_BUFS    0x10000     /* AQ_LEN x AQ_BUF */
#define ATQ_DONE_MS     2000        /* generous: the model polls, iavf allows 250 */
#define PF_RID_BUS_DEV  0x100       /* PF BDFs are 0000:01:00.<pf> (pci_tree.c) */
/* What the helper grants with --answer: the mandatory minimum (§1.4). */
#define ANSWER_VSI_ID   16
#define ANSWER_QPS      1
#define ANSWER_VECTORS  1
#define ANSWER_MTU      1500
#define X710_RSS_KEY    52
#define X710_RSS_LUT    64
#define ETH_STATS_LEN   96          /* struct virtchnl_eth_stats (§3.8) */

static volatile sig_atomic_t stop_requested;

struct pf {
	uint8_t *bar0;
	size_t bar0_size;
	uint8_t *cfg;
	uint8_t *mem;               /* the hugepage */
	uint64_t pa;
	struct x710_aq_desc *atq, *arq;
	unsigned int atq_next, arq_next;
};

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static uint32_t
rd32(const struct pf *pf, uint32_t off)
{
	return __atomic_load_n((const uint32_t *)(pf->bar0 + off), __ATOMIC_ACQUIRE);
}

static void
wr32(struct pf *pf, uint32_t off, uint32_t v)
{
	__atomic_store_n((uint32_t *)(pf->bar0 + off), v, __ATOMIC_RELEASE);
}

static long
ms_left(const struct timespec *deadline)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (deadline->tv_sec - now.tv_sec) * 1000 + (deadline->tv_nsec - now.tv_nsec) / 1000000;
}

static void
deadline_in(struct timespec *d, long ms)
{
	clock_gettime(CLOCK_MONOTONIC, d);
	d->tv_sec += ms / 1000;
	d->tv_nsec += (ms % 1000) * 1000000;
	if (d->tv_nsec >= 1000000000) {
		d->tv_sec++;
		d->tv_nsec -= 1000000000;
	}
}

/* Yield the CPU between looks at device memory: the model needs the core. */
static void
pause_briefly(void)
{
	struct timespec ts = { .tv_nsec = 100000 };
	nanosleep(&ts, NULL);
}

static void *
map_file(const char *dir, const char *bdf, const char *name, size_t *size)
{
	char p[PATH_MAX];
	snprintf(p, sizeof(p), "%s/%s/%s", dir, bdf, name);
	int fd = open(p, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "pf_play: %s: %s\n", p, strerror(errno));
		return NULL;
	}
	struct stat st;
	void *m = MAP_FAILED;
	if (fstat(fd, &st) == 0 && st.st_size > 0)
		m = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (m == MAP_FAILED) {
		fprintf(stderr, "pf_play: mmap %s failed\n", p);
		return NULL;
	}
	*size = (size_t)st.st_size;
	return m;
}

static void
post_arq_buffer(struct pf *pf, unsigned int i)
{
	struct x710_aq_desc *d = &pf->arq[i];
	uint64_t buf = pf->pa + OFF_ARQ_BUFS + (uint64_t)i * AQ_BUF;
	memset(d, 0, sizeof(*d));
	d->flags = X710_AQ_FLAG_BUF | X710_AQ_FLAG_LB;
	d->datalen = AQ_BUF;
	d->params.ext.addr_high = (uint32_t)(buf >> 32);
	d->params.ext.addr_low = (uint32_t)buf;
}

/* The PF AQ init sequence of spec §3.1 / §1.2-P2. */
static void
aq_init(struct pf *pf)
{
	uint64_t atq = pf->pa + OFF_ATQ, arq = pf->pa + OFF_ARQ;
	pf->atq = (struct x710_aq_desc *)(pf->mem + OFF_ATQ);
	pf->arq = (struct x710_aq_desc *)(pf->mem + OFF_ARQ);
	for (unsigned int i = 0; i < AQ_LEN; i++)
		post_arq_buffer(pf, i);
	wr32(pf, X710_PF_ATQH, 0);
	wr32(pf, X710_PF_ATQT, 0);
	wr32(pf, X710_PF_ATQBAL, (uint32_t)atq);
	wr32(pf, X710_PF_ATQBAH, (uint32_t)(atq >> 32));
	wr32(pf, X710_PF_ATQLEN, AQ_LEN | X710_AQLEN_ENABLE_MASK);
	wr32(pf, X710_PF_ARQH, 0);
	wr32(pf, X710_PF_ARQT, 0);
	wr32(pf, X710_PF_ARQBAL, (uint32_t)arq);
	wr32(pf, X710_PF_ARQBAH, (uint32_t)(arq >> 32));
	wr32(pf, X710_PF_ARQLEN, AQ_LEN | X710_AQLEN_ENABLE_MASK);
	wr32(pf, X710_PF_ARQT, AQ_LEN - 1);
}

/* Send one ATQ command and wait for the model to move ATQH past it. */
static int
aq_send(struct pf *pf, struct x710_aq_desc *cmd, const void *buf, size_t len)
{
	unsigned int i = pf->atq_next;
	if (len) {
		uint64_t b = pf->pa + OFF_ATQ_BUF;
		if (len > AQ_BUF)
			return -E2BIG;
		if (buf)
			memcpy(pf->mem + OFF_ATQ_BUF, buf, len);
		cmd->flags |= X710_AQ_FLAG_BUF | (len > X710_AQ_LARGE_BUF ? X710_AQ_FLAG_LB : 0);
		cmd->datalen = (uint16_t)len;
		cmd->params.ext.addr_high = (uint32_t)(b >> 32);
		cmd->params.ext.addr_low = (uint32_t)b;
	}
	pf->atq[i] = *cmd;
	pf->atq_next = (i + 1) % AQ_LEN;
	wr32(pf, X710_PF_ATQT, pf->atq_next);
	struct timespec dl;
	deadline_in(&dl, ATQ_DONE_MS);
	while ((rd32(pf, X710_PF_ATQH) & X710_AQ_HT_MASK) != pf->atq_next) {
		if (ms_left(&dl) <= 0) {
			fprintf(stderr, "pf_play: AQ opcode 0x%04x: no completion in %d ms "
				"(ATQH=%u, want %u)\n", cmd->opcode, ATQ_DONE_MS,
				rd32(pf, X710_PF_ATQH), pf->atq_next);
			return -ETIMEDOUT;
		}
		pause_briefly();
	}
	*cmd = pf->atq[i];
	if (!(cmd->flags & X710_AQ_FLAG_DD) || (cmd->flags & X710_AQ_FLAG_ERR)) {
		fprintf(stderr, "pf_play: AQ opcode 0x%04x: flags 0x%04x retval %u\n",
			cmd->opcode, cmd->flags, cmd->retval);
		return -EIO;
	}
	return 0;
}

/* vf_base_id from list_func_capabilities, element VF (0x13).logical_id (§3.2). */
static int
vf_base_id(struct pf *pf, unsigned int *base)
{
	struct x710_aq_desc d = { .opcode = X710_AQC_LIST_FUNC_CAPABILITIES };
	int rc = aq_send(pf, &d, NULL, AQ_BUF);
	if (rc)
		return rc;
	uint32_t count;
	memcpy(&count, d.params.raw + offsetof(struct x710_aqc_list_caps, count), sizeof(count));
	if (count > AQ_BUF / sizeof(struct x710_aqc_cap_elem))
		count = AQ_BUF / sizeof(struct x710_aqc_cap_elem);
	const struct x710_aqc_cap_elem *e = (const void *)(pf->mem + OFF_ATQ_BUF);
	for (uint32_t i = 0; i < count; i++)
		if (e[i].id == X710_AQ_CAP_VF) {
			*base = e[i].logical_id;
			return 0;
		}
	fprintf(stderr, "pf_play: list_func_capabilities (%u elements) has no VF element\n", count);
	return -ENOENT;
}

static int
send_to_vf(struct pf *pf, unsigned int abs_vf, uint32_t v_op, int32_t v_ret,
	   const void *msg, size_t len)
{
	struct x710_aq_desc d = {
		.opcode = X710_AQC_SEND_MSG_TO_VF,
		.flags = X710_AQ_FLAG_SI | (len ? X710_AQ_FLAG_RD : 0),
		.cookie_high = v_op,
		.cookie_low = (uint32_t)v_ret,
	};
	d.params.ext.param0 = abs_vf;
	return aq_send(pf, &d, msg, len);
}

/* Reply to one VF message: the init pair properly, everything else acked. */
static void
answer(struct pf *pf, unsigned int abs_vf, uint32_t v_op)
{
	uint8_t reply[ETH_STATS_LEN] = { 0 };
	size_t len = 0;
	if (v_op == VIRTCHNL_OP_VERSION) {
		struct virtchnl_version_info v = { VIRTCHNL_VERSION_MAJOR, VIRTCHNL_VERSION_MINOR };
		memcpy(reply, &v, sizeof(v));
		len = sizeof(v);
	} else if (v_op == VIRTCHNL_OP_GET_VF_RESOURCES) {
		struct virtchnl_vf_resource r = {
			.num_vsis = 1, .num_queue_pairs = ANSWER_QPS,
			.max_vectors = ANSWER_VECTORS, .max_mtu = ANSWER_MTU,
			.vf_cap_flags = VIRTCHNL_VF_OFFLOAD_L2,
			.rss_key_size = X710_RSS_KEY, .rss_lut_size = X710_RSS_LUT,
			.vsi_res = { { .vsi_id = ANSWER_VSI_ID, .num_queue_pairs = ANSWER_QPS,
				       .vsi_type = VIRTCHNL_VSI_SRIOV,
				       .default_mac_addr = { 0x02, 0, 0, 0, 0x71, 0x10 } } },
		};
		memcpy(reply, &r, sizeof(r));
		len = sizeof(r);
	} else if (v_op == VIRTCHNL_OP_GET_STATS) {
		len = ETH_STATS_LEN;
	}
	int rc = send_to_vf(pf, abs_vf, v_op, 0, reply, len);
	printf("pf_play: answered virtchnl op %u (%zu bytes): %s\n", v_op, len,
	       rc ? strerror(-rc) : "sent");
}

static int
write_ready(const char *path, const char *text)
{
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (!f)
		return -errno;
	fprintf(f, "%s\n", text);
	fclose(f);
	return rename(tmp, path) == 0 ? 0 : -errno;
}

static int
enable_vfs(const char *dir, const char *pf_bdf, unsigned int n)
{
	char p[PATH_MAX];
	snprintf(p, sizeof(p), "%s/%s/sriov_numvfs", dir, pf_bdf);
	FILE *f = fopen(p, "w");
	if (!f || fprintf(f, "%u\n", n) < 0 || fclose(f) != 0) {
		fprintf(stderr, "pf_play: writing %s: %s\n", p, strerror(errno));
		return -EIO;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	const char *pf_bdf = NULL, *ready = NULL;
	unsigned int vf = 0, n_vfs = 2, timeout_s = 60, pf_index = 0;
	bool do_answer = false;
	int given_base = -1;   /* --vf-base: skip list_func_capabilities */
	static const struct option opts[] = {
		{ "pf", required_argument, NULL, 'p' },
		{ "vf", required_argument, NULL, 'v' },
		{ "vfs", required_argument, NULL, 'n' },
		{ "ready-file", required_argument, NULL, 'r' },
		{ "timeout", required_argument, NULL, 't' },
		{ "answer", no_argument, NULL, 'a' },
		{ "vf-base", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p': pf_bdf = optarg; break;
		case 'v': vf = (unsigned int)strtoul(optarg, NULL, 10); break;
		case 'n': n_vfs = (unsigned int)strtoul(optarg, NULL, 10); break;
		case 'r': ready = optarg; break;
		case 't': timeout_s = (unsigned int)strtoul(optarg, NULL, 10); break;
		case 'a': do_answer = true; break;
		case 'b': given_base = atoi(optarg); break;
		default: return 2;
		}
	}
	const char *dir = getenv("SYSFS_PCI_DEVICES");
	if (!pf_bdf || !ready || !dir || vf >= n_vfs ||
	    sscanf(pf_bdf, "0000:01:00.%u", &pf_index) != 1) {
		fprintf(stderr, "usage: pf_play --pf 0000:01:00.N --vf V --vfs N --ready-file F "
			"[--timeout S] [--answer] [--vf-base B]  (under x710-sim exec)\n");
		return 2;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	setvbuf(stdout, NULL, _IOLBF, 0);

	struct pf pf = { 0 };
	size_t cfg_size;
	pf.bar0 = map_file(dir, pf_bdf, "resource0", &pf.bar0_size);
	pf.cfg = map_file(dir, pf_bdf, "config", &cfg_size);
	if (!pf.bar0 || !pf.cfg || pf.bar0_size < X710_PF_ARQT + 4)
		return 1;
	pf.mem = mmap(NULL, HUGE_SIZE, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	if (pf.mem == MAP_FAILED) {
		fprintf(stderr, "pf_play: no 2 MiB hugepage: %s\n", strerror(errno));
		return 1;
	}
	memset(pf.mem, 0, HUGE_SIZE);
	pf.pa = client_dma_self_pa(pf.mem);
	if (!pf.pa) {
		fprintf(stderr, "pf_play: pagemap hides physical addresses (need root)\n");
		return 1;
	}
	aq_init(&pf);

	unsigned int base = (unsigned int)given_base;
	if (given_base < 0 && vf_base_id(&pf, &base))
		return 1;
	unsigned int abs_vf = base + vf;
	printf("pf_play: PF %s: vf_base_id %u, watching VF %u (absolute %u)\n",
	       pf_bdf, base, vf, abs_vf);

	/* The VF's BDF from the PF's SR-IOV capability, as the PCI core finds it. */
	struct sriov_cap_info cap;
	unsigned int rid;
	if (sriov_cap_read(pf.cfg, cfg_size, &cap) ||
	    sriov_vf_rid(&cap, PF_RID_BUS_DEV | pf_index, vf, &rid)) {
		fprintf(stderr, "pf_play: PF config has no usable SR-IOV capability\n");
		return 1;
	}
	char vf_bdf[32], p[PATH_MAX];
	snprintf(vf_bdf, sizeof(vf_bdf), "0000:%02x:%02x.%x", (rid >> 8) & 0xFF,
		 (rid >> 3) & 0x1F, rid & 7);
	if (enable_vfs(dir, pf_bdf, n_vfs))
		return 1;
	snprintf(p, sizeof(p), "%s/%s/resource0", dir, vf_bdf);
	struct timespec dl;
	deadline_in(&dl, (long)timeout_s * 1000);
	while (access(p, F_OK) != 0) {
		if (ms_left(&dl) <= 0 || stop_requested) {
			fprintf(stderr, "pf_play: VF %s did not appear in the tree\n", vf_bdf);
			return 1;
		}
		pause_briefly();
	}
	wr32(&pf, X710_VFGEN_RSTAT1(vf), VIRTCHNL_VFR_VFACTIVE);
	if (write_ready(ready, vf_bdf))
		return 1;
	printf("pf_play: VF %s is active; waiting for its messages\n", vf_bdf);

	bool version_ok = false, version_seen = false;
	while (!stop_requested && ms_left(&dl) > 0 && !(version_seen && !do_answer)) {
		if ((rd32(&pf, X710_PF_ARQH) & X710_AQ_HT_MASK) == pf.arq_next) {
			pause_briefly();
			continue;
		}
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		struct x710_aq_desc d = pf.arq[pf.arq_next];
		const uint8_t *msg = pf.mem + OFF_ARQ_BUFS + (size_t)pf.arq_next * AQ_BUF;
		printf("pf_play: ARQ event opcode 0x%04x retval %u v_op %u len %u\n",
		       d.opcode, d.retval, d.cookie_high, d.datalen);
		if (d.opcode == X710_AQC_SEND_MSG_TO_PF && d.cookie_high == VIRTCHNL_OP_VERSION &&
		    !version_seen) {
			struct virtchnl_version_info v = { 0 };
			if (d.datalen >= sizeof(v))
				memcpy(&v, msg, sizeof(v));
			version_seen = true;
			version_ok = d.retval == abs_vf && d.datalen == sizeof(v) &&
				     v.major == VIRTCHNL_VERSION_MAJOR &&
				     v.minor == VIRTCHNL_VERSION_MINOR;
			printf("pf_play: %s: VERSION %u.%u from VF %u (want VF %u, 8 bytes, 1.1)\n",
			       version_ok ? "PASS" : "FAIL", v.major, v.minor, d.retval, abs_vf);
		}
		if (do_answer && d.opcode == X710_AQC_SEND_MSG_TO_PF)
			answer(&pf, d.retval, d.cookie_high);
		post_arq_buffer(&pf, pf.arq_next);
		wr32(&pf, X710_PF_ARQT, pf.arq_next);
		pf.arq_next = (pf.arq_next + 1) % AQ_LEN;
	}
	if (!version_seen)
		fprintf(stderr, "pf_play: FAIL: no VERSION event from VF %u within %u s\n",
			abs_vf, timeout_s);
	return version_ok ? 0 : 1;
}
