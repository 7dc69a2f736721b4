/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fd_keeper.h"

/* What one sriovd keeps: per PF an HMC page and a session block. */
#define KEEPER_SLOTS 64
#define KEEPER_CLIENTS 8
#define KEEPER_BACKLOG 4

enum keeper_op { KEEPER_KEEP = 'K', KEEPER_FETCH = 'F', KEEPER_DROP = 'D' };

/* One request or reply; a descriptor rides along as SCM_RIGHTS. */
struct keeper_msg {
	uint8_t op;
	char name[SRIOVD_FD_NAME_MAX];
	int32_t rc;
};

struct keeper_slot {
	char name[SRIOVD_FD_NAME_MAX];
	int fd;                        /* -1: free */
};

static int send_msg(int sock, const struct keeper_msg *m, int fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} c;
	struct iovec iov = { (void *)m, sizeof(*m) };
	struct msghdr h = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (fd >= 0) {
		struct cmsghdr *cm;

		memset(&c, 0, sizeof(c));
		h.msg_control = c.buf;
		h.msg_controllen = sizeof(c.buf);
		cm = CMSG_FIRSTHDR(&h);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	return sendmsg(sock, &h, MSG_NOSIGNAL) == (ssize_t)sizeof(*m) ? 0 : -EIO;
}

/* One message of exactly our size; *fd gets a passed descriptor or -1. */
static int recv_msg(int sock, struct keeper_msg *m, int *fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} c;
	struct iovec iov = { m, sizeof(*m) };
	struct msghdr h = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.buf,
			    .msg_controllen = sizeof(c.buf) };
	ssize_t n = recvmsg(sock, &h, MSG_CMSG_CLOEXEC);

	*fd = -1;
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(&h); n > 0 && cm; cm = CMSG_NXTHDR(&h, cm))
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS &&
		    cm->cmsg_len == CMSG_LEN(sizeof(int)))
			memcpy(fd, CMSG_DATA(cm), sizeof(int));
	if (n != (ssize_t)sizeof(*m) || (h.msg_flags & (MSG_TRUNC | MSG_CTRUNC))) {
		if (*fd >= 0)
			close(*fd);
		*fd = -1;
		return n == 0 ? -ECONNRESET : -EPROTO;
	}
	m->name[SRIOVD_FD_NAME_MAX - 1] = '\0';   /* hostile until proven otherwise */
	return 0;
}

static struct keeper_slot *slot_find(struct keeper_slot *s, const char *name)
{
	for (size_t i = 0; i < KEEPER_SLOTS; i++)
		if (s[i].fd >= 0 && strcmp(s[i].name, name) == 0)
			return &s[i];
	return NULL;
}

/* Handles one request of a client; the reply says 0 or -errno. */
static void serve_request(struct keeper_slot *slots, int client, struct keeper_msg *m, int fd)
{
	struct keeper_slot *s = slot_find(slots, m->name);
	int reply_fd = -1;

	m->rc = 0;
	if (m->op == KEEPER_KEEP && fd >= 0) {
		for (size_t i = 0; !s && i < KEEPER_SLOTS; i++)
			if (slots[i].fd < 0)
				s = &slots[i];
		if (!s) {
			m->rc = -ENOSPC;
			close(fd);
		} else {
			if (s->fd >= 0)
				close(s->fd);
			snprintf(s->name, sizeof(s->name), "%s", m->name);
			s->fd = fd;
		}
	} else if (m->op == KEEPER_FETCH) {
		m->rc = s ? 0 : -ENOENT;
		reply_fd = s ? s->fd : -1;
	} else if (m->op == KEEPER_DROP) {
		if (s) {
			close(s->fd);
			s->fd = -1;
		}
	} else {
		m->rc = -EINVAL;
		if (fd >= 0)
			close(fd);
	}
	(void)send_msg(client, m, reply_fd);
}

/* Only root or our own user may hand over or take PF memory. */
static bool peer_allowed(int client)
{
	struct ucred cr;
	socklen_t len = sizeof(cr);

	return getsockopt(client, SOL_SOCKET, SO_PEERCRED, &cr, &len) == 0 &&
	       (cr.uid == 0 || cr.uid == getuid());
}

static size_t held(const struct keeper_slot *s)
{
	size_t n = 0;

	for (size_t i = 0; i < KEEPER_SLOTS; i++)
		n += s[i].fd >= 0;
	return n;
}

static void keeper_run(int lsock)
{
	struct keeper_slot slots[KEEPER_SLOTS];
	struct pollfd p[1 + KEEPER_CLIENTS];
	size_t nc = 0;
	bool served = false;

	for (size_t i = 0; i < KEEPER_SLOTS; i++)
		slots[i].fd = -1;
	p[0] = (struct pollfd){ .fd = lsock, .events = POLLIN };
	while (!served || nc > 0 || held(slots) > 0) {
		if (poll(p, 1 + nc, -1) < 0)
			continue;
		if ((p[0].revents & POLLIN)) {
			int c = accept4(lsock, NULL, NULL, SOCK_CLOEXEC);

			if (c >= 0 && (nc == KEEPER_CLIENTS || !peer_allowed(c)))
				close(c);
			else if (c >= 0)
				p[1 + nc++] = (struct pollfd){ .fd = c, .events = POLLIN };
		}
		for (size_t i = 0; i < nc; i++) {
			struct keeper_msg m;
			int fd;

			if (!p[1 + i].revents)
				continue;
			if (recv_msg(p[1 + i].fd, &m, &fd) == 0) {
				serve_request(slots, p[1 + i].fd, &m, fd);
				continue;
			}
			close(p[1 + i].fd);
			p[1 + i] = p[nc--];
			i--;
			served = true;
		}
	}
}

static int sock_path(struct sockaddr_un *sa, const char *dir)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	return snprintf(sa->sun_path, sizeof(sa->sun_path), "%s/%s", dir, SRIOVD_FD_KEEPER_SOCK) <
	       (int)sizeof(sa->sun_path) ? 0 : -ENAMETOOLONG;
}

static void write_pid(const char *dir)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, SRIOVD_FD_KEEPER_PID);
	if ((f = fopen(path, "w"))) {
		fprintf(f, "%d\n", (int)getpid());
		fclose(f);
	}
}

/* Detached twice (no zombie, own session), stdio on /dev/null, then serves. */
static int spawn(const char *dir, const struct sockaddr_un *sa)
{
	int lsock = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	pid_t child;
	int st;

	if (lsock < 0)
		return -errno;
	(void)unlink(sa->sun_path);
	if (bind(lsock, (const struct sockaddr *)sa, sizeof(*sa)) != 0 ||
	    chmod(sa->sun_path, 0600) != 0 || listen(lsock, KEEPER_BACKLOG) != 0) {
		int rc = -errno;

		close(lsock);
		return rc;
	}
	child = fork();
	if (child < 0) {
		close(lsock);
		return -errno;
	}
	if (child == 0) {
		int null = open("/dev/null", O_RDWR);

		if (fork() != 0)
			_exit(0);
		setsid();
		(void)prctl(PR_SET_NAME, "sriovd-keeper");
		signal(SIGHUP, SIG_IGN);
		signal(SIGPIPE, SIG_IGN);
		if (null >= 0) {
			dup2(null, 0);
			dup2(null, 1);
			dup2(null, 2);
		}
		write_pid(dir);
		keeper_run(lsock);
		_exit(0);
	}
	close(lsock);
	while (waitpid(child, &st, 0) < 0 && errno == EINTR)
		;
	return 0;
}

/* One request, one reply; a fetched descriptor is returned. */
static int call(struct sriovd_fd_keeper *k, enum keeper_op op, const char *name, int fd)
{
	struct keeper_msg m = { .op = (uint8_t)op };
	int got, rc;

	if (strlen(name) >= sizeof(m.name))
		return -ENAMETOOLONG;
	snprintf(m.name, sizeof(m.name), "%s", name);
	if ((rc = send_msg(k->sock, &m, fd)) || (rc = recv_msg(k->sock, &m, &got)))
		return rc;
	if (m.rc < 0 || op != KEEPER_FETCH) {
		if (got >= 0)
			close(got);
		return m.rc < 0 ? m.rc : 0;
	}
	return got >= 0 ? got : -EPROTO;
}

static int store_fetch(void *ctx, const char *name)
{
	return call(ctx, KEEPER_FETCH, name, -1);
}

static int store_keep(void *ctx, const char *name, int fd)
{
	return fd < 0 ? -EBADF : call(ctx, KEEPER_KEEP, name, fd);
}

static void store_drop(void *ctx, const char *name)
{
	(void)call(ctx, KEEPER_DROP, name, -1);
}

static int try_connect(const struct sockaddr_un *sa)
{
	int s = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	if (s < 0)
		return -errno;
	if (connect(s, (const struct sockaddr *)sa, sizeof(*sa)) != 0) {
		int rc = -errno;

		close(s);
		return rc;
	}
	return s;
}

int sriovd_fd_keeper_open(struct sriovd_fd_keeper *k, const char *state_dir, char *why,
			  size_t why_len)
{
	struct sockaddr_un sa;
	int rc;

	k->sock = -1;
	if ((rc = sock_path(&sa, state_dir))) {
		snprintf(why, why_len, "%s/%s: path too long", state_dir, SRIOVD_FD_KEEPER_SOCK);
		return rc;
	}
	rc = try_connect(&sa);
	if (rc == -ECONNREFUSED || rc == -ENOENT) {
		if ((rc = spawn(state_dir, &sa)) == 0)
			rc = try_connect(&sa);
	}
	if (rc < 0) {
		snprintf(why, why_len, "fd keeper at %s: %s", sa.sun_path, strerror(-rc));
		return rc;
	}
	k->sock = rc;
	k->store = (struct sriov_fd_store){ .fetch = store_fetch, .keep = store_keep,
					    .drop = store_drop, .ctx = k };
	return 0;
}

void sriovd_fd_keeper_close(struct sriovd_fd_keeper *k)
{
	if (k->sock >= 0)
		close(k->sock);
	k->sock = -1;
}
