/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sriovd-mbx-load: the VF side of a mailbox load test. Run under
 * `x710-sim exec`: every VF of one PF opens its BAR0 (resource0 in the
 * simulator's tree), brings up its admin queue (rings in a hugetlb page,
 * physical address from /proc/self/pagemap), says VERSION and
 * GET_VF_RESOURCES (timed: the setup kind), then all VFs send GET_STATS
 * together, round after round, while whoever serves the PF (sriovd)
 * answers. VERSION is not repeated in the loop: a second VERSION restarts
 * the VF's negotiation (iavf does it only at init), after which the host
 * refuses GET_STATS. Prints round-trip median/p99 per kind, and how many
 * requests were refused (non-zero v_retval) or got no answer.
 * A load generator, not a test: it asserts nothing about time.
 * Usage: sriovd-mbx-load PF_BDF NUM_VFS ROUNDS [PER_VF_RATE]
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "client_dma.h"
#include "x710/virtchnl_defs.h"
#include "x710vf_mbx.h"

#define HUGE_PAGE (2u * 1024 * 1024)   /* one 2 MiB page holds one VF's rings */
#define MAX_VFS 64
/* sriovd's x710 backend admits 600 messages/s per VF (x710_port.c
 * MBX_RATE_*); two messages per VF and round at 250 rounds/s stay under it. */
#define DEFAULT_RATE 250
/* Then the request counts as lost; long, so a late reply cannot be taken
 * for the next round's (virtchnl replies carry no sequence number). */
#define REPLY_TIMEOUT_NS 2000000000LL
#define NS_PER_S 1000000000LL

enum kind { KIND_STATS, KIND_SETUP, KINDS };
static const char *const kind_name[KINDS] = { "GET_STATS", "VERSION+RES" };

struct vf {
	char bdf[32];
	struct x710vf_mbx mbx;
	uint16_t vsi_id;
	long long sent_ns;
	uint32_t waiting_op;    /* 0: nothing outstanding */
};

struct samples {
	double *us[KINDS];
	size_t n[KINDS], lost[KINDS], refused[KINDS];
};

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

static void *map_bar0(const char *dir, const char *bdf)
{
	char p[PATH_MAX];
	struct stat st;
	void *m = MAP_FAILED;
	int fd;

	snprintf(p, sizeof(p), "%s/%s/resource0", dir, bdf);
	fd = open(p, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "sriovd-mbx-load: %s: %s\n", p, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == 0 && st.st_size > 0)
		m = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return m == MAP_FAILED ? NULL : m;
}

/* VF n's address from the PF's virtfnN link (sysfs-bus-pci). */
static int vf_bdf(const char *dir, const char *pf, unsigned int n, char *out, size_t len)
{
	char p[PATH_MAX], target[PATH_MAX];
	ssize_t r;
	const char *base;

	snprintf(p, sizeof(p), "%s/%s/virtfn%u", dir, pf, n);
	r = readlink(p, target, sizeof(target) - 1);
	if (r < 0)
		return -errno;
	target[r] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= len)
		return -ENAMETOOLONG;
	memcpy(out, base, strlen(base) + 1);
	return 0;
}

/* Stops the rings as a VF driver does at close, so the next user of the
 * VF (the test runs this tool twice) does not find them running. */
static void vfs_down(struct vf *vf, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		x710vf_mbx_shutdown(&vf[i].mbx);
}

/* One request and its reply, for the setup steps. */
static int call(struct vf *v, uint32_t op, const void *msg, size_t len, void *reply, size_t cap)
{
	long long deadline = now_ns() + REPLY_TIMEOUT_NS * 5;
	struct x710vf_mbx_msg m;
	int rc = x710vf_mbx_send(&v->mbx, op, msg, len);

	while (rc == 0 && now_ns() < deadline) {
		int got = x710vf_mbx_recv(&v->mbx, &m, reply, cap);

		if (got == 1 && m.v_op == op)
			return m.v_status;
		if (got < 0)
			return got;
	}
	return rc ? rc : -ETIMEDOUT;
}

/* Maps the VF, starts its admin queue, negotiates; *@setup_ns: how long
 * VERSION + GET_VF_RESOURCES took together. */
static int vf_up(struct vf *v, const char *dir, long long *setup_ns)
{
	struct virtchnl_version_info ver = { VIRTCHNL_VERSION_MAJOR, VIRTCHNL_VERSION_MINOR };
	static uint8_t reply[X710VF_MBX_BUF];
	uint32_t caps = VIRTCHNL_VF_OFFLOAD_L2;
	struct virtchnl_vf_resource res;
	volatile uint8_t *bar0 = map_bar0(dir, v->bdf);
	void *mem;
	uint64_t pa;
	int rc;

	if (!bar0)
		return -ENODEV;
	mem = mmap(NULL, HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_HUGETLB,
		   -1, 0);
	if (mem == MAP_FAILED) {
		fprintf(stderr, "sriovd-mbx-load: no free 2 MiB hugepage: %s\n", strerror(errno));
		return -ENOMEM;
	}
	memset(mem, 0, HUGE_PAGE);
	if (!(pa = client_dma_self_pa(mem))) {
		fprintf(stderr, "sriovd-mbx-load: pagemap hides physical addresses (need root)\n");
		return -EPERM;
	}
	if ((rc = x710vf_mbx_init(&v->mbx, bar0, mem, pa)))
		return rc;
	*setup_ns = now_ns();
	if ((rc = call(v, VIRTCHNL_OP_VERSION, &ver, sizeof(ver), reply, sizeof(reply))))
		return rc;
	/* virtchnl 1.1: GET_VF_RESOURCES carries the capabilities the VF asks for. */
	if ((rc = call(v, VIRTCHNL_OP_GET_VF_RESOURCES, &caps, sizeof(caps), reply, sizeof(reply))))
		return rc;
	*setup_ns = now_ns() - *setup_ns;
	memcpy(&res, reply, sizeof(res));
	v->vsi_id = res.vsi_res[0].vsi_id;
	return 0;
}

static void post(struct vf *v, enum kind k)
{
	struct virtchnl_version_info ver = { VIRTCHNL_VERSION_MAJOR, VIRTCHNL_VERSION_MINOR };
	struct virtchnl_queue_select qs = { .vsi_id = v->vsi_id };
	uint32_t op = k == KIND_STATS ? VIRTCHNL_OP_GET_STATS : VIRTCHNL_OP_VERSION;

	v->sent_ns = now_ns();
	if (k == KIND_STATS)
		v->waiting_op = x710vf_mbx_send(&v->mbx, op, &qs, sizeof(qs)) ? 0 : op;
	else
		v->waiting_op = x710vf_mbx_send(&v->mbx, op, &ver, sizeof(ver)) ? 0 : op;
}

/* Every VF posts one request of kind @k; then all replies are collected. */
static void round_trip(struct vf *vf, unsigned int n, enum kind k, struct samples *s)
{
	static uint8_t buf[X710VF_MBX_BUF];
	long long deadline;
	unsigned int open = 0;

	for (unsigned int i = 0; i < n; i++) {
		post(&vf[i], k);
		open += vf[i].waiting_op != 0;
		s->lost[k] += vf[i].waiting_op == 0;
	}
	deadline = now_ns() + REPLY_TIMEOUT_NS;
	while (open && now_ns() < deadline) {
		for (unsigned int i = 0; i < n; i++) {
			struct x710vf_mbx_msg m;

			if (!vf[i].waiting_op || x710vf_mbx_recv(&vf[i].mbx, &m, buf, sizeof(buf)) != 1 ||
			    m.v_op != vf[i].waiting_op)
				continue;
			s->us[k][s->n[k]++] = (double)(now_ns() - vf[i].sent_ns) / 1e3;
			s->refused[k] += m.v_status != 0;
			vf[i].waiting_op = 0;
			open--;
		}
	}
	for (unsigned int i = 0; i < n; i++) {
		s->lost[k] += vf[i].waiting_op != 0;
		vf[i].waiting_op = 0;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double pct(double *v, size_t n, double p)
{
	return n ? v[(size_t)(p * (double)(n - 1))] : 0.0;
}

int main(int argc, char **argv)
{
	const char *dir = getenv("SYSFS_PCI_DEVICES");
	unsigned int n, rounds, rate = DEFAULT_RATE;
	struct samples s = { 0 };
	static struct vf vf[MAX_VFS];
	long long t0, period;

	if (argc < 4 || !dir) {
		fprintf(stderr, "usage: sriovd-mbx-load PF_BDF NUM_VFS ROUNDS [ROUNDS_PER_S] "
			"(under x710-sim exec)\n");
		return 2;
	}
	n = (unsigned int)strtoul(argv[2], NULL, 10);
	rounds = (unsigned int)strtoul(argv[3], NULL, 10);
	if (argc > 4)
		rate = (unsigned int)strtoul(argv[4], NULL, 10);
	if (n == 0 || n > MAX_VFS || rounds == 0 || rate == 0) {
		fprintf(stderr, "sriovd-mbx-load: 1..%d VFs, at least one round, a rate > 0\n",
			MAX_VFS);
		return 2;
	}
	for (int k = 0; k < KINDS; k++)
		s.us[k] = calloc((size_t)rounds * 2 * n, sizeof(double));
	if (!s.us[KIND_STATS] || !s.us[KIND_SETUP])
		return 1;
	for (unsigned int i = 0; i < n; i++) {
		int rc = vf_bdf(dir, argv[1], i, vf[i].bdf, sizeof(vf[i].bdf));
		long long setup_ns = 0;

		if (rc == 0 && (rc = vf_up(&vf[i], dir, &setup_ns)) == 0)
			s.us[KIND_SETUP][s.n[KIND_SETUP]++] = (double)setup_ns / 1e3;
		if (rc) {
			fprintf(stderr, "sriovd-mbx-load: VF %u (%s): %s\n", i, vf[i].bdf,
				strerror(rc < 0 ? -rc : rc));
			vfs_down(vf, i + 1);
			return 1;
		}
	}
	period = NS_PER_S / rate;
	t0 = now_ns();
	for (unsigned int r = 0; r < rounds; r++) {
		struct timespec next;
		long long at = t0 + (long long)(r + 1) * period;

		round_trip(vf, n, KIND_STATS, &s);
		round_trip(vf, n, KIND_STATS, &s);
		/* Pacing, not synchronisation: keeps each VF under its mailbox limit. */
		next.tv_sec = (time_t)(at / NS_PER_S);
		next.tv_nsec = (long)(at % NS_PER_S);
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
	}
	vfs_down(vf, n);
	printf("mailbox load: %u VFs x %u rounds at %u rounds/s (2 GET_STATS per VF per round), "
	       "%.2f s\n", n, rounds, rate, (double)(now_ns() - t0) / 1e9);
	for (int k = 0; k < KINDS; k++) {
		qsort(s.us[k], s.n[k], sizeof(double), cmp_double);
		printf("  %-11s answered %zu (refused %zu), lost %zu, round trip median %.1f us, "
		       "p99 %.1f us, max %.1f us\n", kind_name[k], s.n[k], s.refused[k], s.lost[k],
		       pct(s.us[k], s.n[k], 0.5),
		       pct(s.us[k], s.n[k], 0.99), s.n[k] ? s.us[k][s.n[k] - 1] : 0.0);
		free(s.us[k]);
	}
	return 0;
}
