/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vf_mbx_client: one VF's mailbox driven line by line from stdin, so a test
 * script decides when each message goes out (x710_pf_aq_adopt.sh posts one
 * while no sriovd runs). Run under `x710-sim exec`: BAR0 is the VF's
 * resource0 in the simulator's tree, the rings live in a hugetlb page whose
 * physical address comes from /proc/self/pagemap (IOVA = PA).
 * One answer line per command:
 *   up             ok up vsi=N            BAR0, rings, VERSION, GET_VF_RESOURCES
 *   send-stats     ok sent                one GET_STATS posted, its reply outstanding
 *   wait-reply MS  ok reply status=S bytes=B, or timeout [why]
 *   quit           ok quit                rings stopped (as a VF driver's close), exit 0
 * A refused command answers "err <why>". Usage: vf_mbx_client VF_BDF
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "client_dma.h"
#include "vf_bar.h"
#include "x710/virtchnl_defs.h"
#include "x710/x710_regs.h"
#include "x710vf_mbx.h"

#define HUGE_PAGE (2u * 1024 * 1024)      /* holds X710VF_MBX_MEM_SIZE */
/* The highest VF admin queue register (x710_regs.h): BAR0 must reach it. */
#define VF_BAR_AQ_END (X710_VF_ATQT1 + sizeof(uint32_t))
#define SETUP_REPLY_MS 10000               /* VERSION, GET_VF_RESOURCES during `up` */
#define WAIT_MS_MAX 600000                 /* longest wait-reply a script may ask */
#define POLL_STEP_NS 1000000L              /* pacing between ARQ polls, not synchronisation */
#define LINE_MAX_LEN 128
#define NS_PER_MS 1000000LL

struct client {
	const char *dir, *bdf;
	struct vf_bar bar;
	void *ring_mem;                    /* the hugetlb page, MAP_FAILED when none */
	struct x710vf_mbx mbx;
	bool up;
	uint16_t vsi_id;
	uint32_t waiting_op;               /* 0: no request outstanding */
	unsigned int events_skipped;
	uint8_t buf[X710VF_MBX_BUF];
};

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void pause_poll(void)
{
	struct timespec step = { 0, POLL_STEP_NS };

	nanosleep(&step, NULL);
}

/*
 * Up to @ms for the reply to @op, into c->buf. Link events the PF sends
 * unasked (VIRTCHNL_OP_EVENT) are skipped. 1 = the reply (*m), 0 = none
 * in time, -ENETRESET = the VF's rings were reset under us (no reply can
 * come), -EPROTO = a malformed descriptor, -EBADMSG = a reply to another op.
 */
static int await(struct client *c, uint32_t op, long ms, struct x710vf_mbx_msg *m)
{
	long long deadline = now_ns() + (long long)ms * NS_PER_MS;

	for (;;) {
		int got;

		if (!x710vf_mbx_alive(&c->mbx))
			return -ENETRESET;
		got = x710vf_mbx_recv(&c->mbx, m, c->buf, sizeof(c->buf));
		if (got < 0)
			return got == -EIO ? -ENETRESET : got;
		if (got == 1 && m->v_op == VIRTCHNL_OP_EVENT) {
			c->events_skipped++;
			continue;
		}
		if (got == 1)
			return m->v_op == op ? 1 : -EBADMSG;
		if (now_ns() >= deadline)
			return 0;
		pause_poll();
	}
}

/* One setup request and its successful reply, at least @min_len bytes. */
static int call(struct client *c, uint32_t op, const char *name, const void *msg, size_t len,
		size_t min_len, struct x710vf_mbx_msg *m)
{
	int rc = x710vf_mbx_send(&c->mbx, op, msg, len);

	if (rc) {
		printf("err %s: cannot post (%s)\n", name, strerror(-rc));
		return rc;
	}
	rc = await(c, op, SETUP_REPLY_MS, m);
	if (rc == 0) {
		printf("err %s: no reply in %d ms\n", name, SETUP_REPLY_MS);
		return -ETIMEDOUT;
	}
	if (rc < 0) {
		printf("err %s: %s (reply op %u)\n", name, strerror(-rc), m->v_op);
		return rc;
	}
	if (m->v_status != VIRTCHNL_STATUS_SUCCESS) {
		printf("err %s: refused, v_retval %d\n", name, m->v_status);
		return -EPERM;
	}
	if (m->len < min_len) {
		printf("err %s: reply of %u bytes, want at least %zu\n", name, m->len, min_len);
		return -EBADMSG;
	}
	return 0;
}

/* VERSION then GET_VF_RESOURCES, each reply checked before use. */
static int negotiate(struct client *c)
{
	struct virtchnl_version_info ver = { VIRTCHNL_VERSION_MAJOR, VIRTCHNL_VERSION_MINOR };
	/* virtchnl 1.1: GET_VF_RESOURCES carries the capabilities the VF asks for. */
	uint32_t caps = VIRTCHNL_VF_OFFLOAD_L2;
	const size_t vsi_at = offsetof(struct virtchnl_vf_resource, vsi_res);
	struct virtchnl_vf_resource res;
	struct virtchnl_vsi_resource vsi;
	struct x710vf_mbx_msg m;
	int rc;

	if ((rc = call(c, VIRTCHNL_OP_VERSION, "VERSION", &ver, sizeof(ver), sizeof(ver), &m)))
		return rc;
	memcpy(&ver, c->buf, sizeof(ver));
	if (m.len != sizeof(ver) || ver.major != VIRTCHNL_VERSION_MAJOR ||
	    ver.minor != VIRTCHNL_VERSION_MINOR) {
		printf("err VERSION: the PF answers %u.%u in %u bytes, this client speaks %d.%d\n",
		       ver.major, ver.minor, m.len, VIRTCHNL_VERSION_MAJOR, VIRTCHNL_VERSION_MINOR);
		return -EPROTO;
	}
	if ((rc = call(c, VIRTCHNL_OP_GET_VF_RESOURCES, "GET_VF_RESOURCES", &caps, sizeof(caps),
		       vsi_at + sizeof(vsi), &m)))
		return rc;
	memcpy(&res, c->buf, vsi_at);
	if (res.num_vsis == 0 || m.len < vsi_at + (size_t)res.num_vsis * sizeof(vsi)) {
		printf("err GET_VF_RESOURCES: %u VSIs in %u bytes\n", res.num_vsis, m.len);
		return -EBADMSG;
	}
	memcpy(&vsi, c->buf + vsi_at, sizeof(vsi));
	c->vsi_id = vsi.vsi_id;
	return 0;
}

static void client_close(struct client *c)
{
	/* Stop the rings before their memory goes, as a VF driver's close. */
	if (c->bar.regs != NULL && c->mbx.bar0 != NULL)
		x710vf_mbx_shutdown(&c->mbx);
	memset(&c->mbx, 0, sizeof(c->mbx));
	c->up = false;
	c->waiting_op = 0;
	vf_bar_unmap(&c->bar);
	if (c->ring_mem != MAP_FAILED)
		munmap(c->ring_mem, HUGE_PAGE);
	c->ring_mem = MAP_FAILED;
}

/* Any failure undoes everything: a later `up` starts clean. */
static void cmd_up(struct client *c)
{
	char why[256];
	uint64_t pa;
	int rc;

	if (c->up) {
		printf("err already up\n");
		return;
	}
	if (vf_bar_map(c->dir, c->bdf, VF_BAR_AQ_END, &c->bar, why, sizeof(why))) {
		printf("err BAR0: %s\n", why);
		return;
	}
	c->ring_mem = mmap(NULL, HUGE_PAGE, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	if (c->ring_mem == MAP_FAILED) {
		printf("err no free 2 MiB hugepage for the rings: %s\n", strerror(errno));
		client_close(c);
		return;
	}
	memset(c->ring_mem, 0, HUGE_PAGE);
	if (!(pa = client_dma_self_pa(c->ring_mem))) {
		printf("err pagemap hides physical addresses (needs root)\n");
		client_close(c);
		return;
	}
	if ((rc = x710vf_mbx_init(&c->mbx, c->bar.regs, c->ring_mem, pa))) {
		printf("err mailbox init on %s: %s\n", c->bdf, strerror(-rc));
		client_close(c);
		return;
	}
	if (negotiate(c)) {
		client_close(c);
		return;
	}
	c->up = true;
	printf("ok up vsi=%u\n", c->vsi_id);
}

static void cmd_send_stats(struct client *c)
{
	struct virtchnl_queue_select qs = { .vsi_id = 0 };
	int rc;

	if (!c->up || c->waiting_op) {
		/* Replies carry no sequence number: one request at a time. */
		printf("err %s\n", c->up ? "a request is outstanding" : "not up");
		return;
	}
	qs.vsi_id = c->vsi_id;
	if ((rc = x710vf_mbx_send(&c->mbx, VIRTCHNL_OP_GET_STATS, &qs, sizeof(qs)))) {
		printf("err GET_STATS: cannot post (%s)\n", strerror(-rc));
		return;
	}
	c->waiting_op = VIRTCHNL_OP_GET_STATS;
	printf("ok sent\n");
}

/* A timeout leaves the request outstanding: its reply may still come. */
static void cmd_wait_reply(struct client *c, long ms)
{
	struct x710vf_mbx_msg m = { 0 };
	int rc;

	if (!c->waiting_op) {
		printf("err nothing outstanding\n");
		return;
	}
	rc = await(c, c->waiting_op, ms, &m);
	if (rc == 0) {
		printf("timeout\n");
		return;
	}
	if (rc == -ENETRESET) {
		printf("timeout (the VF's mailbox was reset: no reply can come)\n");
		return;
	}
	if (rc < 0) {
		printf("err reply: %s (op %u)\n", strerror(-rc), m.v_op);
		return;
	}
	c->waiting_op = 0;
	if (m.v_status == VIRTCHNL_STATUS_SUCCESS && m.len != sizeof(struct virtchnl_eth_stats)) {
		printf("err GET_STATS reply of %u bytes, struct virtchnl_eth_stats has %zu\n",
		       m.len, sizeof(struct virtchnl_eth_stats));
		return;
	}
	printf("ok reply status=%d bytes=%u\n", m.v_status, m.len);
}

/* MS of `wait-reply MS`: digits only, within WAIT_MS_MAX. */
static int parse_ms(const char *s, long *ms)
{
	char *end;

	errno = 0;
	*ms = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || *ms < 0 || *ms > WAIT_MS_MAX)
		return -EINVAL;
	return 0;
}

static bool run_line(struct client *c, char *line)
{
	long ms;

	line[strcspn(line, "\r\n")] = '\0';
	if (strcmp(line, "up") == 0) {
		cmd_up(c);
	} else if (strcmp(line, "send-stats") == 0) {
		cmd_send_stats(c);
	} else if (strncmp(line, "wait-reply ", 11) == 0) {
		if (parse_ms(line + 11, &ms))
			printf("err wait-reply: '%s' is not 0..%d ms\n", line + 11, WAIT_MS_MAX);
		else
			cmd_wait_reply(c, ms);
	} else if (strcmp(line, "quit") == 0) {
		return false;
	} else {
		printf("err unknown command '%s' (up, send-stats, wait-reply MS, quit)\n", line);
	}
	return true;
}

int main(int argc, char **argv)
{
	static struct client c;
	char line[LINE_MAX_LEN];
	bool go = true;

	if (argc != 2 || !(c.dir = getenv("SYSFS_PCI_DEVICES"))) {
		fprintf(stderr, "usage: vf_mbx_client VF_BDF (under x710-sim exec; commands on "
			"stdin)\n");
		return 2;
	}
	c.bdf = argv[1];
	c.ring_mem = MAP_FAILED;
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (go && fgets(line, sizeof(line), stdin) != NULL) {
		if (strchr(line, '\n') == NULL && !feof(stdin)) {
			int ch;

			while ((ch = getchar()) != EOF && ch != '\n')
				;
			printf("err line longer than %d bytes\n", LINE_MAX_LEN - 2);
			continue;
		}
		go = run_line(&c, line);
	}
	client_close(&c);
	if (!go)
		printf("ok quit (%u link events skipped)\n", c.events_skipped);
	return 0;
}
