/* SPDX-License-Identifier: BSD-2-Clause */
/* The x710-sim daemon: see sim_daemon.h. */
#include "sim_daemon.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "client_dma.h"
#include "control.h"
#include "model_fault.h"
#include "model_stats.h"
#include "model_wire.h"
#include "pci_tree.h"
#include "x710sim/x710sim.h"

/*
 * The poll loop is the hardware, so it spins while there is work. After
 * IDLE_SPIN_ROUNDS polls with nothing to do it sleeps IDLE_SLEEP_NS between
 * polls (in ppoll on the control fds), and IDLE_DEEP_SLEEP_NS once idle for
 * IDLE_DEEP_ROUNDS, so an idle model costs little CPU and a new doorbell
 * waits at most that long (far below iavf's 250 ms AQ timeout). While
 * busy, the control fds are looked at every CONTROL_EVERY polls: no
 * syscall per iteration.
 */
#define IDLE_SPIN_ROUNDS     1024
#define IDLE_SLEEP_NS        50000L       /* 50 us */
#define IDLE_DEEP_ROUNDS     20000        /* ~1 s of 50 us sleeps */
#define IDLE_DEEP_SLEEP_NS   1000000L     /* 1 ms */
#define CONTROL_EVERY        4096
#define LAUNCHER_POLL_SLICES 16           /* see x710sim_params.poll_slices */
#define REAP_INTERVAL_NS     100000000L   /* look for exited clients at 10 Hz */
#define MAX_CONNS            16
#define PID_FILE             "x710-sim.pid"
#define LOG_FILE             "x710-sim.log"

enum { FD_LISTEN, FD_SIGNAL, FD_WATCH, FD_FIXED };

struct sim_daemon {
	const struct sim_daemon_opts *opts;
	struct x710sim *sim;
	struct model_wire *wire;
	struct pci_tree *tree;
	struct client_dma *dma;
	int listen_fd, signal_fd;
	int conns[MAX_CONNS];
	unsigned int n_conns;
	bool stop;
	uint64_t polls, events, irqs, irqs_dropped;
	struct timespec last_reap;
};

static void
daemon_log(const char *fmt, ...)
{
	va_list ap;
	time_t now = time(NULL);
	char stamp[32];
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", localtime(&now));
	fprintf(stderr, "%s x710-sim: ", stamp);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* ---- host ops: the model's view of the launcher ------------------------- */

static void *
host_region_alloc(void *ctx, struct x710sim_fn fn, enum x710sim_region region, size_t size)
{
	struct sim_daemon *d = ctx;
	void *mem = pci_tree_region_alloc(d->tree, fn, region, size);
	if (!mem)
		daemon_log("cannot back region %d of PF %u VF %d (%zu bytes) in %s/regions",
		     (int)region, fn.pf, fn.vf, size, d->opts->dir);
	return mem;
}

static void
host_region_free(void *ctx, struct x710sim_fn fn, enum x710sim_region region,
		 void *mem, size_t size)
{
	struct sim_daemon *d = ctx;
	pci_tree_region_free(d->tree, fn, region, mem, size);
}

static void
host_fn_added(void *ctx, struct x710sim_fn fn)
{
	struct sim_daemon *d = ctx;
	char bdf[PCI_TREE_BDF_LEN] = "?";
	int rc = pci_tree_publish(d->tree, fn);
	pci_tree_bdf(d->tree, fn, bdf);
	if (rc)
		daemon_log("PF %u VF %d: cannot publish in the tree: %s", fn.pf, fn.vf, strerror(-rc));
	else
		daemon_log("PF %u VF %d appeared as %s (uio%u)", fn.pf, fn.vf, bdf,
		     pci_tree_uio_num(d->tree, fn));
}

static void
host_fn_removed(void *ctx, struct x710sim_fn fn)
{
	struct sim_daemon *d = ctx;
	int rc = pci_tree_unpublish(d->tree, fn);
	if (rc)
		daemon_log("PF %u VF %d: cannot remove from the tree: %s", fn.pf, fn.vf, strerror(-rc));
	else
		daemon_log("PF %u VF %d removed", fn.pf, fn.vf);
}

/* uio_pci_generic has one interrupt per function: every vector lands in the
 * function's one FIFO, as all MSI-X vectors would collapse onto INTx. */
static void
host_irq(void *ctx, struct x710sim_fn fn, unsigned int vector)
{
	struct sim_daemon *d = ctx;
	(void)vector;
	if (pci_tree_irq(d->tree, fn) == 0)
		d->irqs++;
	else
		d->irqs_dropped++;   /* no reader, FIFO full: the client polls anyway */
}

/* The model's clock for Tx rate limits (config_vsi_bw_limit): monotonic,
 * so a wall-clock step never releases a burst. */
static uint64_t
host_now_ns(void *ctx)
{
	struct timespec ts;
	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* sriov_numvfs written: the model does what a PF driver's config write
 * (NumVFs + VF Enable) does. */
static int
set_num_vfs(void *ctx, unsigned int pf, unsigned int n)
{
	struct sim_daemon *d = ctx;
	return x710sim_set_num_vfs(d->sim, pf, n);
}

/* ---- control requests ---------------------------------------------------- */

static size_t
appendf(char *buf, size_t len, size_t at, const char *fmt, ...)
{
	if (at >= len)
		return at;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf + at, len - at, fmt, ap);
	va_end(ap);
	return n < 0 ? at : at + (size_t)n;
}

static void
reply_status(struct sim_daemon *d, char *out, size_t len)
{
	struct client_dma_stats st;
	client_dma_get_stats(d->dma, &st);
	size_t at = appendf(out, len, 0,
		"ok pid=%d dir=%s pfs=%u vfs_per_pf=%u uio_count=%u clients=%u "
		"dma_pages=%u dma_pages_held=%u dma_misses=%" PRIu64 " dma_rescans=%" PRIu64
		" dma_holder_scans=%" PRIu64 " dma_files_found=%" PRIu64
		" dma_private_vmas=%u polls=%" PRIu64 " events=%" PRIu64
		" irqs=%" PRIu64 " irqs_dropped=%" PRIu64 "\n",
		(int)getpid(), d->opts->dir, d->opts->n_pfs, d->opts->vfs_per_pf,
		pci_tree_uio_count(d->tree), st.clients, st.pages, st.pages_held,
		st.lookups_missed, st.rescans, st.holder_scans, st.files_found,
		st.private_vmas, d->polls, d->events, d->irqs, d->irqs_dropped);
	for (unsigned int pf = 0; pf < d->opts->n_pfs; pf++) {
		char bdf[PCI_TREE_BDF_LEN] = "-";
		pci_tree_bdf(d->tree, (struct x710sim_fn){ .pf = pf, .vf = -1 }, bdf);
		char wire[PATH_MAX + 64];
		model_wire_describe(d->wire, pf, wire, sizeof(wire));
		at = appendf(out, len, at, "pf%u %s uio%u sriov_numvfs=%u wire=%s\n", pf, bdf,
			     pf, pci_tree_num_vfs(d->tree, pf), wire);
		for (unsigned int vf = 0; vf < d->opts->vfs_per_pf; vf++) {
			struct x710sim_fn fn = { .pf = pf, .vf = (int)vf };
			if (pci_tree_bdf(d->tree, fn, bdf) == 0)
				at = appendf(out, len, at, "  vf%u %s uio%u\n", vf, bdf,
					     pci_tree_uio_num(d->tree, fn));
		}
	}
}

static void
reply_stats(struct sim_daemon *d, enum model_stats_form form, char *out, size_t len)
{
	bool json = form == MODEL_STATS_JSON;
	struct client_dma_stats st;
	client_dma_get_stats(d->dma, &st);
	size_t at;
	if (json)
		at = appendf(out, len, 0, "ok {\"launcher\":{\"polls\":%" PRIu64 ",\"events\":%"
			     PRIu64 ",\"irqs\":%" PRIu64 ",\"irqs_dropped\":%" PRIu64
			     ",\"dma_misses\":%" PRIu64 ",\"dma_pages\":%u,\"dma_pages_held\":%u"
			     ",\"clients\":%u},"
			     "\"model\":", d->polls, d->events, d->irqs, d->irqs_dropped,
			     st.lookups_missed, st.pages, st.pages_held, st.clients);
	else
		at = appendf(out, len, 0, "ok launcher polls=%" PRIu64 " events=%" PRIu64
			     " irqs=%" PRIu64 " irqs_dropped=%" PRIu64 " dma_misses=%" PRIu64
			     " dma_pages=%u dma_pages_held=%u clients=%u\n", d->polls, d->events,
			     d->irqs, d->irqs_dropped, st.lookups_missed, st.pages, st.pages_held,
			     st.clients);
	if (at >= len)
		return;
	size_t want = model_stats_format(d->sim, form, out + at, len - at);
	if (want >= len - at)
		snprintf(out, len, "error statistics do not fit in %zu bytes\n", len);
	else if (json)
		appendf(out, len, at + want - 1, "}\n");   /* close the outer object */
}

static int
parse_pid(const char *s, pid_t *pid)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v <= 0 || v > INT32_MAX)
		return -EINVAL;
	*pid = (pid_t)v;
	return 0;
}

#define REQUEST_MAX_ARGS  16

static void
handle_request(struct sim_daemon *d, char *req, char *out, size_t len)
{
	char *argv[REQUEST_MAX_ARGS], *save;
	int argc = 0;
	for (char *tok = strtok_r(req, " \t\n", &save); tok && argc < REQUEST_MAX_ARGS;
	     tok = strtok_r(NULL, " \t\n", &save))
		argv[argc++] = tok;
	const char *verb = argc ? argv[0] : "";
	const char *arg = argc > 1 ? argv[1] : NULL;
	pid_t pid;

	if (argc == 0) {
		snprintf(out, len, "error empty request\n");
	} else if (strcmp(verb, "register") == 0 || strcmp(verb, "unregister") == 0) {
		bool add = verb[0] == 'r';
		if (!arg || parse_pid(arg, &pid)) {
			snprintf(out, len, "error %s needs a pid, got '%s'\n", verb, arg ? arg : "");
			return;
		}
		struct client_dma_stats st;
		client_dma_get_stats(d->dma, &st);
		int rc = add ? client_dma_add_client(d->dma, pid) : client_dma_remove_client(d->dma, pid);
		if (rc) {
			snprintf(out, len, "error %s %d: %s\n", verb, (int)pid, strerror(-rc));
			return;
		}
		if (add && st.clients == 0)
			pci_tree_drain_irqs(d->tree);   /* interrupts nobody read before */
		daemon_log("%sregistered client pid %d", add ? "" : "un", (int)pid);
		snprintf(out, len, "ok %sregistered %d\n", add ? "" : "un", (int)pid);
	} else if (strcmp(verb, "status") == 0) {
		reply_status(d, out, len);
	} else if (strcmp(verb, "stats") == 0) {
		enum model_stats_form form = MODEL_STATS_LINES;
		if (arg && strcmp(arg, "json") == 0)
			form = MODEL_STATS_JSON;
		else if (arg && strcmp(arg, "table") == 0)
			form = MODEL_STATS_TABLE;
		reply_stats(d, form, out, len);
	} else if (strcmp(verb, "fault") == 0) {
		char why[256];
		int rc = model_fault_apply(d->sim, argc - 1, argv + 1, why, sizeof(why));
		if (rc) {
			snprintf(out, len, "error fault: %s\n", why);
			return;
		}
		char what[256] = "";
		for (int i = 1, at = 0; i < argc && at < (int)sizeof(what); i++)
			at += snprintf(what + at, sizeof(what) - (size_t)at, "%s%s", i > 1 ? " " : "", argv[i]);
		daemon_log("fault injected: %s", what);
		snprintf(out, len, "ok fault %s applied\n", argv[1]);
	} else if (strcmp(verb, "wire") == 0 || strcmp(verb, "inject") == 0) {
		char msg[PATH_MAX + 256];
		int rc = verb[0] == 'w'
			? model_wire_apply(d->wire, argc - 1, argv + 1, msg, sizeof(msg))
			: model_wire_inject(d->wire, argc - 1, argv + 1, msg, sizeof(msg));
		if (rc == 0)
			daemon_log("%s: %s", verb, msg);
		snprintf(out, len, "%s %s: %s\n", rc ? "error" : "ok", verb, msg);
	} else if (strcmp(verb, "stop") == 0) {
		d->stop = true;
		snprintf(out, len, "ok stopping\n");
	} else {
		snprintf(out, len, "error unknown request '%s'\n", verb);
	}
}

static void
serve_conn(struct sim_daemon *d, unsigned int i)
{
	static_assert(CONTROL_MSG_MAX <= 64 * 1024, "reply buffers live on the stack");
	char req[CONTROL_REQUEST_MAX], out[CONTROL_MSG_MAX];
	int fd = d->conns[i];
	ssize_t n = recv(fd, req, sizeof(req) - 1, MSG_DONTWAIT);
	if (n < 0 && errno == EAGAIN)
		return;
	if (n > 0) {
		req[n] = '\0';
		handle_request(d, req, out, sizeof(out));
		send(fd, out, strnlen(out, sizeof(out)), MSG_NOSIGNAL | MSG_DONTWAIT);
	}
	close(fd);
	d->conns[i] = d->conns[--d->n_conns];
}

static void
accept_conns(struct sim_daemon *d)
{
	while (d->n_conns < MAX_CONNS) {
		int fd = accept4(d->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0)
			return;
		d->conns[d->n_conns++] = fd;
	}
}

/* One look at every control fd; sleeps up to `timeout_ns` when idle. */
static void
control_tick(struct sim_daemon *d, long timeout_ns)
{
	struct pollfd fds[FD_FIXED + MAX_CONNS] = {
		[FD_LISTEN] = { .fd = d->listen_fd, .events = POLLIN },
		[FD_SIGNAL] = { .fd = d->signal_fd, .events = POLLIN },
		[FD_WATCH] = { .fd = pci_tree_watch_fd(d->tree), .events = POLLIN },
	};
	unsigned int n_conns = d->n_conns;
	for (unsigned int i = 0; i < n_conns; i++)
		fds[FD_FIXED + i] = (struct pollfd){ .fd = d->conns[i], .events = POLLIN };
	struct timespec ts = { .tv_nsec = timeout_ns };
	if (ppoll(fds, FD_FIXED + n_conns, &ts, NULL) > 0) {
		if (fds[FD_SIGNAL].revents) {
			struct signalfd_siginfo si;
			if (read(d->signal_fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
				daemon_log("signal %u: stopping", si.ssi_signo);
				d->stop = true;
			}
		}
		if (fds[FD_WATCH].revents)
			pci_tree_handle_watch(d->tree, set_num_vfs, d);
		/* Highest index first: serve_conn moves the last entry down. */
		for (unsigned int i = n_conns; i-- > 0;)
			if (fds[FD_FIXED + i].revents)
				serve_conn(d, i);
		if (fds[FD_LISTEN].revents)
			accept_conns(d);
	}

	/* pcap-out records reach their files here, not per frame. */
	model_wire_flush(d->wire);
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	if ((now.tv_sec - d->last_reap.tv_sec) * 1000000000L +
	    (now.tv_nsec - d->last_reap.tv_nsec) >= REAP_INTERVAL_NS) {
		d->last_reap = now;
		unsigned int gone = client_dma_reap(d->dma);
		if (gone)
			daemon_log("%u client(s) exited; their hugepages are released unless "
				   "another process holds them", gone);
		/* A deleted DIR (rm -rf by a test) leaves nothing to serve. inotify
		 * would not say so while our open files pin its dentry. */
		struct stat st;
		if (stat(d->opts->dir, &st) != 0 || st.st_nlink == 0) {
			daemon_log("%s is gone: stopping", d->opts->dir);
			d->stop = true;
		}
	}
}

static void
poll_loop(struct sim_daemon *d)
{
	unsigned int idle = 0, since_control = 0;
	while (!d->stop) {
		unsigned int ev = x710sim_poll(d->sim);
		d->polls++;
		d->events += ev;
		idle = ev ? 0 : idle + 1;
		if (idle >= IDLE_SPIN_ROUNDS) {
			control_tick(d, idle >= IDLE_DEEP_ROUNDS ? IDLE_DEEP_SLEEP_NS : IDLE_SLEEP_NS);
			since_control = 0;
		} else if (++since_control >= CONTROL_EVERY) {
			control_tick(d, 0);
			since_control = 0;
		}
	}
}

/* ---- start-up ------------------------------------------------------------ */

static int
mkdir_p(const char *path)
{
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	return mkdir(tmp, 0755) == 0 || errno == EEXIST ? 0 : -errno;
}

/* The pid file's lock says "DIR in use" for as long as the daemon lives. */
static int
lock_pid_file(const char *dir, int *fd_out)
{
	char p[PATH_MAX];
	snprintf(p, sizeof(p), "%s/%s", dir, PID_FILE);
	int fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "x710-sim start: %s: %s\n", p, strerror(errno));
		return -errno;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		char pid[32] = "";
		ssize_t n = pread(fd, pid, sizeof(pid) - 1, 0);
		pid[n > 0 ? n : 0] = '\0';
		pid[strcspn(pid, "\n")] = '\0';
		fprintf(stderr, "x710-sim start: %s is in use by a running simulator "
			"(pid %s); stop it with x710-sim stop --dir %s, or choose "
			"another --dir\n", dir, pid[0] ? pid : "?", dir);
		close(fd);
		return -EBUSY;
	}
	*fd_out = fd;
	return 0;
}

static int
write_pid(int fd)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n)
		return -errno;
	return 0;
}

static int
setup(struct sim_daemon *d)
{
	const struct sim_daemon_opts *o = d->opts;
	int rc = client_dma_create(&d->dma);
	if (rc == 0)
		rc = pci_tree_create(o->dir, o->n_pfs, o->vfs_per_pf, &d->tree);
	if (rc) {
		daemon_log("cannot create the tree in %s: %s", o->dir, strerror(-rc));
		return rc;
	}
	struct x710sim_params params;
	x710sim_params_default(&params);
	params.n_pfs = o->n_pfs;
	params.vfs_per_pf = o->vfs_per_pf;
	/* The daemon polls in a busy loop beside the data path: check the big
	 * register arrays and the VFs in slices, so an idle poll with 2 x 64
	 * VFs costs ~1-2 us instead of ~13 (sim/model/README.md). Admin queues,
	 * resets and PF config space are still checked on every poll. */
	params.poll_slices = LAUNCHER_POLL_SLICES;
	const struct x710sim_host_ops host = {
		.region_alloc = host_region_alloc,
		.region_free = host_region_free,
		.fn_added = host_fn_added,
		.fn_removed = host_fn_removed,
		.irq = host_irq,
		.now_ns = host_now_ns,
		.ctx = d,
	};
	rc = x710sim_create(&params, &host, client_dma_ops(d->dma), &d->sim);
	if (rc) {
		daemon_log("the model refused %u PFs x %u VFs: %s", o->n_pfs, o->vfs_per_pf, strerror(-rc));
		return rc;
	}
	rc = model_wire_create(d->sim, &d->wire);
	if (rc)
		return rc;
	/* The model announces VFs; PFs exist from the start. */
	for (unsigned int pf = 0; pf < o->n_pfs; pf++) {
		struct x710sim_fn fn = { .pf = pf, .vf = -1 };
		rc = pci_tree_publish(d->tree, fn);
		if (rc) {
			daemon_log("cannot publish PF %u: %s", pf, strerror(-rc));
			return rc;
		}
	}
	rc = control_listen(o->dir, &d->listen_fd);
	if (rc) {
		daemon_log("control socket in %s: %s", o->dir, strerror(-rc));
		return rc;
	}
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	d->signal_fd = signalfd(-1, &sigs, SFD_NONBLOCK | SFD_CLOEXEC);
	return d->signal_fd < 0 ? -errno : 0;
}

static void
teardown(struct sim_daemon *d)
{
	for (unsigned int i = 0; i < d->n_conns; i++)
		close(d->conns[i]);
	model_wire_destroy(d->wire);   /* flushes pcap-out files */
	if (d->sim)
		x710sim_destroy(d->sim);   /* frees regions through the tree */
	if (d->listen_fd >= 0) {
		char p[PATH_MAX];
		snprintf(p, sizeof(p), "%s/%s", d->opts->dir, CONTROL_SOCKET_NAME);
		unlink(p);
		close(d->listen_fd);
	}
	if (d->signal_fd >= 0)
		close(d->signal_fd);
	pci_tree_destroy(d->tree);
	client_dma_destroy(d->dma);
}

/* Tell the waiting parent how start-up went: "ok" or the reason. */
static void
report(int fd, const char *msg)
{
	if (fd < 0)
		return;
	ssize_t n = write(fd, msg, strlen(msg));
	(void)n;
	close(fd);
}

static int
wait_for_child(int fd)
{
	char msg[512];
	ssize_t n = read(fd, msg, sizeof(msg) - 1);
	close(fd);
	if (n <= 0) {
		fprintf(stderr, "x710-sim start: the daemon died during start-up (see its log)\n");
		return 1;
	}
	msg[n] = '\0';
	if (strcmp(msg, "ok") != 0) {
		fprintf(stderr, "x710-sim start: %s\n", msg);
		return 1;
	}
	return 0;
}

int
sim_daemon_run(const struct sim_daemon_opts *opts)
{
	char why[256];
	if (geteuid() != 0) {
		fprintf(stderr, "x710-sim start: needs root (physical addresses through "
			"pagemap, clients' hugepage files)\n");
		return 1;
	}
	if (client_dma_check_preconditions(1, why, sizeof(why)) != 0) {
		fprintf(stderr, "x710-sim start: %s\n", why);
		return 1;
	}
	int rc = mkdir_p(opts->dir);
	if (rc) {
		fprintf(stderr, "x710-sim start: cannot create %s: %s\n", opts->dir, strerror(-rc));
		return 1;
	}
	int pid_fd = -1;
	if (lock_pid_file(opts->dir, &pid_fd))
		return 1;

	int ready_fd = -1;
	if (!opts->foreground) {
		int pipefd[2];
		if (pipe2(pipefd, O_CLOEXEC) != 0)
			return 1;
		pid_t child = fork();
		if (child < 0) {
			perror("x710-sim start: fork");
			return 1;
		}
		if (child > 0) {
			close(pipefd[1]);
			return wait_for_child(pipefd[0]);
		}
		close(pipefd[0]);
		ready_fd = pipefd[1];
		setsid();
		char p[PATH_MAX];
		snprintf(p, sizeof(p), "%s/%s", opts->dir, LOG_FILE);
		int log_fd = open(p, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (log_fd >= 0 && null_fd >= 0) {
			dup2(null_fd, STDIN_FILENO);
			dup2(log_fd, STDOUT_FILENO);
			dup2(log_fd, STDERR_FILENO);
		}
		if (log_fd >= 0)
			close(log_fd);
		if (null_fd >= 0)
			close(null_fd);
	}
	setvbuf(stderr, NULL, _IOLBF, 0);
	write_pid(pid_fd);

	struct sim_daemon d = { .opts = opts, .listen_fd = -1, .signal_fd = -1 };
	rc = setup(&d);
	if (rc) {
		snprintf(why, sizeof(why), "start-up failed: %s (details in %s/%s)",
			 strerror(-rc), opts->dir, opts->foreground ? "stderr" : LOG_FILE);
		report(ready_fd, why);
		teardown(&d);
		return 1;
	}
	daemon_log("running: %u PFs, %u VFs each, tree in %s/devices", opts->n_pfs,
	     opts->vfs_per_pf, opts->dir);
	report(ready_fd, "ok");
	poll_loop(&d);
	teardown(&d);
	daemon_log("stopped");
	char p[PATH_MAX];
	snprintf(p, sizeof(p), "%s/exec", opts->dir);
	rmdir(p);   /* ns_exec's staging parent, empty once clients started */
	snprintf(p, sizeof(p), "%s/%s", opts->dir, PID_FILE);
	unlink(p);
	close(pid_fd);
	return 0;
}
