/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fake_fdstore_manager: the part of a service manager sriovd's
 * --fd-store=systemd talks to, for tests on machines where systemd is not
 * PID 1. It binds a datagram socket, starts COMMAND with NOTIFY_SOCKET
 * pointing at it, takes READY=1, FDSTORE=1 (with SCM_RIGHTS fds, under
 * FDNAME) and FDSTOREREMOVE=1 from that process only (NotifyAccess=main),
 * and when the process dies (or on SIGUSR1: SIGTERM, then start again)
 * starts COMMAND again with the stored fds from fd 3 on, LISTEN_FDS,
 * LISTEN_FDNAMES and LISTEN_PID = the new pid (set between fork and exec),
 * as sd_listen_fds(3) describes. It logs each event on stdout, one line
 * each, for the test to wait on. Facts from sd_notify(3), sd_listen_fds(3)
 * and systemd.service(5) FileDescriptorStoreMax=.
 * Usage: fake_fdstore_manager --socket PATH [--max N] [--restarts N] -- COMMAND...
 * Exits 0 when COMMAND exits 0 or on SIGTERM, 1 when restarts run out.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define LISTEN_FDS_START 3        /* SD_LISTEN_FDS_START, sd_listen_fds(3) */
#define FDNAME_MAX 255            /* sd_notify(3), FDNAME= */
#define FDNAME_DEFAULT "stored"   /* sd_notify(3): FDSTORE=1 without FDNAME */
#define STORE_CAP 256             /* the most --max may say */
#define MSG_MAX 4096              /* a notify message; longer ones are refused */
#define FDS_PER_MSG 16            /* SCM_RIGHTS fds taken from one message */

struct stored {
	char name[FDNAME_MAX + 1];
	int fd;
};

struct manager {
	const char *sock_path;
	char *const *argv;
	int sock, sigfd;
	size_t max, n;
	struct stored fd[STORE_CAP];
	pid_t child;
	unsigned int restarts_left;
	bool restart_asked, stopping;
};

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("manager: ", stdout);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	fflush(stdout);
	va_end(ap);
}

/* systemd's rule for a name in LISTEN_FDNAMES: printable ASCII, no ':'. */
static bool fdname_valid(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if ((unsigned char)s[n] < ' ' || (unsigned char)s[n] >= 0x7f || s[n] == ':')
			return false;
	return n <= FDNAME_MAX;
}

/* The value of KEY= on a line of @msg, copied to @out; false if absent. */
static bool field(const char *msg, const char *key, char *out, size_t len)
{
	size_t kl = strlen(key);

	for (const char *p = msg; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
			const char *v = p + kl + 1, *e = strchr(v, '\n');
			size_t vl = e ? (size_t)(e - v) : strlen(v);

			if (vl >= len)
				return false;
			memcpy(out, v, vl);
			out[vl] = '\0';
			return true;
		}
	}
	return false;
}

static void store_remove(struct manager *m, const char *name)
{
	size_t removed = 0;

	for (size_t i = 0; i < m->n;) {
		if (strcmp(m->fd[i].name, name) == 0) {
			close(m->fd[i].fd);
			m->fd[i] = m->fd[--m->n];
			removed++;
		} else {
			i++;
		}
	}
	say("removed %s (%zu fd(s); %zu held)", name, removed, m->n);
}

static void store_add(struct manager *m, const char *name, int fd)
{
	if (m->n >= m->max) {
		say("refused %s: store full (max %zu)", name, m->max);
		close(fd);
		return;
	}
	m->fd[m->n].fd = fd;
	memcpy(m->fd[m->n].name, name, strlen(name) + 1);   /* fdname_valid(): <= FDNAME_MAX */
	m->n++;
	say("stored %s (%zu held)", name, m->n);
}

/* One datagram: from our child only, then its assignments. */
static void on_message(struct manager *m)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred)) + CMSG_SPACE(FDS_PER_MSG * sizeof(int))];
		struct cmsghdr align;
	} c;
	/* name holds any value a message can carry: an over-long FDNAME is
	 * refused by fdname_valid(), not mistaken for an absent one. */
	char msg[MSG_MAX + 1], name[MSG_MAX + 1], flag[8];
	struct iovec iov = { msg, MSG_MAX };
	struct msghdr h = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.buf,
			    .msg_controllen = sizeof(c.buf) };
	int fds[FDS_PER_MSG];
	size_t nfd = 0;
	pid_t sender = 0;
	ssize_t n = recvmsg(m->sock, &h, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);

	if (n < 0)
		return;
	msg[n] = '\0';
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(&h); cm; cm = CMSG_NXTHDR(&h, cm)) {
		if (cm->cmsg_level != SOL_SOCKET)
			continue;
		if (cm->cmsg_type == SCM_CREDENTIALS && cm->cmsg_len == CMSG_LEN(sizeof(struct ucred))) {
			struct ucred cr;

			memcpy(&cr, CMSG_DATA(cm), sizeof(cr));
			sender = cr.pid;
		} else if (cm->cmsg_type == SCM_RIGHTS) {
			size_t k = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);

			for (size_t i = 0; i < k; i++) {
				int fd;

				memcpy(&fd, CMSG_DATA(cm) + i * sizeof(int), sizeof(int));
				if (nfd < FDS_PER_MSG)
					fds[nfd++] = fd;
				else
					close(fd);
			}
		}
	}
	if ((h.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) || sender != m->child || m->child <= 0) {
		say("refused a message from pid %d (%s)", (int)sender,
		    (h.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) ? "truncated" : "not the main process");
		for (size_t i = 0; i < nfd; i++)
			close(fds[i]);
		return;
	}
	if (field(msg, "READY", flag, sizeof(flag)) && strcmp(flag, "1") == 0)
		say("READY=1 from pid %d", (int)sender);
	if (!field(msg, "FDNAME", name, sizeof(name)))
		snprintf(name, sizeof(name), "%s", FDNAME_DEFAULT);
	if (!fdname_valid(name)) {
		say("refused FDNAME '%s': not a valid fd name", name);
		for (size_t i = 0; i < nfd; i++)
			close(fds[i]);
		return;
	}
	if (field(msg, "FDSTOREREMOVE", flag, sizeof(flag)) && strcmp(flag, "1") == 0)
		store_remove(m, name);
	if (field(msg, "FDSTORE", flag, sizeof(flag)) && strcmp(flag, "1") == 0) {
		for (size_t i = 0; i < nfd; i++)
			store_add(m, name, fds[i]);
		nfd = 0;
	}
	for (size_t i = 0; i < nfd; i++)
		close(fds[i]);   /* fds without FDSTORE=1 are not kept */
}

/* In the child, before exec: the stored fds at 3.., LISTEN_* for this pid. */
static void exec_child(struct manager *m)
{
	char names[STORE_CAP * (FDNAME_MAX + 1) + 1] = "", num[32];
	sigset_t all;
	int tmp[STORE_CAP];

	/* Out of the way first: a stored fd may sit where another must go. */
	for (size_t i = 0; i < m->n; i++)
		if ((tmp[i] = fcntl(m->fd[i].fd, F_DUPFD_CLOEXEC,
				    LISTEN_FDS_START + (int)m->n)) < 0)
			_exit(127);
	for (size_t i = 0; i < m->n; i++) {
		if (dup2(tmp[i], LISTEN_FDS_START + (int)i) < 0)   /* dup2 clears CLOEXEC */
			_exit(127);
		close(tmp[i]);
		if (i)
			strcat(names, ":");
		strcat(names, m->fd[i].name);
	}
	snprintf(num, sizeof(num), "%d", (int)getpid());
	setenv("LISTEN_PID", num, 1);
	snprintf(num, sizeof(num), "%zu", m->n);
	setenv("LISTEN_FDS", num, 1);
	setenv("LISTEN_FDNAMES", names, 1);
	setenv("NOTIFY_SOCKET", m->sock_path, 1);
	if (m->n == 0) {
		unsetenv("LISTEN_PID");
		unsetenv("LISTEN_FDS");
		unsetenv("LISTEN_FDNAMES");
	}
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	execvp(m->argv[0], m->argv);
	fprintf(stderr, "fake_fdstore_manager: %s: %s\n", m->argv[0], strerror(errno));
	_exit(127);
}

static int start(struct manager *m)
{
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0)
		exec_child(m);
	m->child = pid;
	say("started pid %d with %zu fd(s)", (int)pid, m->n);
	for (size_t i = 0; i < m->n; i++)
		say("passed fd %d = %s", LISTEN_FDS_START + (int)i, m->fd[i].name);
	return 0;
}

/* The child died: 0 to keep running (restarted), else the exit status. */
static int on_child_exit(struct manager *m, int st)
{
	if (WIFSIGNALED(st))
		say("pid %d killed by signal %d", (int)m->child, WTERMSIG(st));
	else
		say("pid %d exited with status %d", (int)m->child, WEXITSTATUS(st));
	m->child = 0;
	if (m->stopping)
		return 0x100;
	if (!m->restart_asked && WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0x100;   /* a clean stop: as Restart=on-failure */
	m->restart_asked = false;
	if (m->restarts_left == 0) {
		say("no restarts left");
		return 1;
	}
	m->restarts_left--;
	return start(m) == 0 ? 0 : 1;
}

static int run(struct manager *m)
{
	struct pollfd p[2] = { { .fd = m->sock, .events = POLLIN },
			       { .fd = m->sigfd, .events = POLLIN } };

	for (;;) {
		struct signalfd_siginfo si;

		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		if (p[0].revents & POLLIN)
			on_message(m);
		if (!(p[1].revents & POLLIN) || read(m->sigfd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT) {
			m->stopping = true;
			if (m->child > 0)
				kill(m->child, SIGTERM);
			else
				return 0;
		} else if (si.ssi_signo == SIGUSR1 && m->child > 0) {
			m->restart_asked = true;
			kill(m->child, SIGTERM);
		}
		for (;;) {
			int st, rc;
			pid_t w = waitpid(-1, &st, WNOHANG);

			if (w <= 0)
				break;
			if (w != m->child)
				continue;
			/* Messages the child sent before dying are still its own. */
			while (poll(p, 1, 0) == 1 && (p[0].revents & POLLIN))
				on_message(m);
			if ((rc = on_child_exit(m, st)))
				return rc == 0x100 ? 0 : rc;
		}
	}
}

static int bind_socket(struct manager *m)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int one = 1;

	if (strlen(m->sock_path) >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	strcpy(sa.sun_path, m->sock_path);
	m->sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (m->sock < 0)
		return -errno;
	(void)unlink(m->sock_path);
	/* SO_PASSCRED: the kernel tells each sender's pid, as systemd asks. */
	if (bind(m->sock, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    setsockopt(m->sock, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) != 0)
		return -errno;
	return 0;
}

static unsigned long number(const char *s, unsigned long max, const char *what)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || !*s || *end || v > max) {
		fprintf(stderr, "fake_fdstore_manager: %s '%s' is not 0..%lu\n", what, s, max);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "max", required_argument, NULL, 'm' },
		{ "restarts", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	struct manager m = { .max = 64, .restarts_left = 1, .sock = -1 };
	sigset_t set;
	int c, rc;

	while ((c = getopt_long(argc, argv, "+s:m:r:", opts, NULL)) != -1) {
		if (c == 's')
			m.sock_path = optarg;
		else if (c == 'm')
			m.max = number(optarg, STORE_CAP, "--max");
		else if (c == 'r')
			m.restarts_left = (unsigned int)number(optarg, 1000, "--restarts");
		else
			return 2;
	}
	if (!m.sock_path || optind >= argc) {
		fprintf(stderr, "usage: fake_fdstore_manager --socket PATH [--max N] "
			"[--restarts N] -- COMMAND [ARGS...]\n");
		return 2;
	}
	m.argv = argv + optind;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if ((rc = bind_socket(&m))) {
		fprintf(stderr, "fake_fdstore_manager: %s: %s\n", m.sock_path, strerror(-rc));
		return 1;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0 ||
	    (m.sigfd = signalfd(-1, &set, SFD_CLOEXEC)) < 0 || start(&m) != 0) {
		fprintf(stderr, "fake_fdstore_manager: cannot start %s: %s\n", m.argv[0],
			strerror(errno));
		return 1;
	}
	rc = run(&m);
	for (size_t i = 0; i < m.n; i++)
		close(m.fd[i].fd);
	unlink(m.sock_path);
	return rc;
}
