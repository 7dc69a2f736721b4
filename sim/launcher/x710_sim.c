/* SPDX-License-Identifier: BSD-2-Clause */
/* x710-sim: the command line (doc/x710-sim.8). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "control.h"
#include "ns_exec.h"
#include "pci_tree.h"
#include "sim_daemon.h"
#include "x710sim/x710sim.h"

#define DEFAULT_PFS         2
#define DEFAULT_VFS_PER_PF  64
#define STOP_TIMEOUT_MS     10000

enum {
	OPT_DIR = 'd', OPT_PFS = 'p', OPT_VFS = 'v', OPT_FG = 'f', OPT_JSON = 'j', OPT_HELP = 'h',
	OPT_PORT = 'P',
};

static const struct option long_opts[] = {
	{ "dir", required_argument, NULL, OPT_DIR },
	{ "pfs", required_argument, NULL, OPT_PFS },
	{ "vfs-per-pf", required_argument, NULL, OPT_VFS },
	{ "foreground", no_argument, NULL, OPT_FG },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "port", required_argument, NULL, OPT_PORT },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static void
usage(FILE *f)
{
	fprintf(f,
		"usage: x710-sim start [--pfs N] [--vfs-per-pf N] [--dir DIR] [--foreground]\n"
		"       x710-sim exec [--dir DIR] -- CMD [ARGS...]\n"
		"       x710-sim status [--dir DIR]\n"
		"       x710-sim stats [--dir DIR] [--json]\n"
		"       x710-sim fault [--dir DIR] KIND [ARGS...]\n"
		"       x710-sim wire [--dir DIR] --port N loopback | pcap-out FILE\n"
		"       x710-sim inject [--dir DIR] --port N FILE.pcap\n"
		"       x710-sim stop [--dir DIR]\n"
		"DIR defaults to " PCI_TREE_DEFAULT_DIR "; see x710-sim(8).\n");
}

static int
parse_uint(const char *opt, const char *s, unsigned int max, unsigned int *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end != '\0' || s[0] == '-' || v > max) {
		fprintf(stderr, "x710-sim: --%s '%s': expected a number 0..%u\n", opt, s, max);
		return -EINVAL;
	}
	*out = (unsigned int)v;
	return 0;
}

/* Send one request and print the reply; exit status 0 for "ok". */
static int
request(const char *dir, const char *req)
{
	static char reply[CONTROL_MSG_MAX];
	int rc = control_request(dir, req, reply, sizeof(reply));
	if (rc == -ENOENT || rc == -ECONNREFUSED) {
		fprintf(stderr, "x710-sim: no simulator runs in %s (start one with "
			"x710-sim start --dir %s)\n", dir, dir);
		return 1;
	}
	if (rc && rc != -EREMOTEIO) {
		fprintf(stderr, "x710-sim: %s: %s\n", req, strerror(-rc));
		return 1;
	}
	/* Drop the "ok "/"error " word: the exit status says it. */
	const char *text = reply + (rc ? strlen("error") : strlen("ok"));
	text += *text == ' ';
	fputs(text, rc ? stderr : stdout);
	return rc ? 1 : 0;
}

static pid_t
daemon_pid(const char *dir)
{
	char p[PATH_MAX];
	snprintf(p, sizeof(p), "%s/x710-sim.pid", dir);
	FILE *f = fopen(p, "re");
	int pid = 0;
	if (f) {
		if (fscanf(f, "%d", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	return (pid_t)pid;
}

/* Ask the daemon to stop and wait until its process is gone. */
static int
stop(const char *dir)
{
	pid_t pid = daemon_pid(dir);
	int pidfd = pid > 0 ? (int)syscall(SYS_pidfd_open, pid, 0) : -1;
	int rc = request(dir, "stop");
	if (rc || pidfd < 0) {
		if (pidfd >= 0)
			close(pidfd);
		return rc;
	}
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	int n = poll(&pfd, 1, STOP_TIMEOUT_MS);
	close(pidfd);
	if (n != 1) {
		fprintf(stderr, "x710-sim stop: pid %d still runs after %d ms\n", (int)pid,
			STOP_TIMEOUT_MS);
		return 1;
	}
	return 0;
}

/* "fault ARGS...": passed through, the daemon checks them. */
static int
forward(const char *dir, const char *verb, int argc, char **argv)
{
	char req[512];
	size_t at = (size_t)snprintf(req, sizeof(req), "%s", verb);
	for (int i = 0; i < argc; i++) {
		int n = snprintf(req + at, sizeof(req) - at, " %s", argv[i]);
		if (n < 0 || (size_t)n >= sizeof(req) - at) {
			fprintf(stderr, "x710-sim %s: arguments too long\n", verb);
			return 2;
		}
		at += (size_t)n;
	}
	return request(dir, req);
}

/* The daemon runs elsewhere (another cwd, maybe another mount namespace of
 * ours): hand it an absolute path without blanks (requests are split at them). */
static int
absolute_path(const char *verb, const char *file, char *out, size_t len)
{
	char cwd[PATH_MAX];
	int n;

	if (file[strcspn(file, " \t\n")] != '\0') {
		fprintf(stderr, "x710-sim %s: '%s': a file name with blanks cannot be passed "
			"to the daemon\n", verb, file);
		return -EINVAL;
	}
	if (file[0] == '/')
		n = snprintf(out, len, "%s", file);
	else if (getcwd(cwd, sizeof(cwd)) != NULL)
		n = snprintf(out, len, "%s/%s", cwd, file);
	else {
		fprintf(stderr, "x710-sim %s: cannot resolve '%s': %s\n", verb, file,
			strerror(errno));
		return -errno;
	}
	if (n < 0 || (size_t)n >= len) {
		fprintf(stderr, "x710-sim %s: '%s': path too long\n", verb, file);
		return -ENAMETOOLONG;
	}
	return 0;
}

/* wire --port N loopback | pcap-out FILE; inject --port N FILE. */
static int
wire_request(const char *dir, const char *verb, int port, int argc, char **argv)
{
	char path[PATH_MAX], req[PATH_MAX + 64];
	bool inject = strcmp(verb, "inject") == 0;
	int file_arg = inject ? 0 : 1;

	if (port < 0) {
		fprintf(stderr, "x710-sim %s: --port N is required\n", verb);
		return 2;
	}
	if (inject ? argc != 1 : !((argc == 1 && strcmp(argv[0], "loopback") == 0) ||
				   (argc == 2 && strcmp(argv[0], "pcap-out") == 0))) {
		usage(stderr);
		return 2;
	}
	if (argc > file_arg && absolute_path(verb, argv[file_arg], path, sizeof(path)))
		return 2;
	if (inject)
		snprintf(req, sizeof(req), "inject %d %s", port, path);
	else if (argc == 2)
		snprintf(req, sizeof(req), "wire %d pcap-out %s", port, path);
	else
		snprintf(req, sizeof(req), "wire %d loopback", port);
	if (strlen(req) >= CONTROL_REQUEST_MAX) {
		fprintf(stderr, "x710-sim %s: request longer than %d bytes\n", verb,
			CONTROL_REQUEST_MAX - 1);
		return 2;
	}
	return request(dir, req);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		usage(stdout);
		return 0;
	}
	struct sim_daemon_opts o = {
		.dir = PCI_TREE_DEFAULT_DIR,
		.n_pfs = DEFAULT_PFS,
		.vfs_per_pf = DEFAULT_VFS_PER_PF,
	};
	bool json = false;
	int c, port = -1;
	optind = 2;
	/* '+': stop at the first operand, so "exec -- CMD --its-options" works. */
	while ((c = getopt_long(argc, argv, "+h", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_DIR:
			o.dir = optarg;
			break;
		case OPT_PFS:
			if (parse_uint("pfs", optarg, X710SIM_MAX_PFS, &o.n_pfs))
				return 2;
			if (o.n_pfs == 0) {
				fprintf(stderr, "x710-sim: --pfs must be 1..%d\n", X710SIM_MAX_PFS);
				return 2;
			}
			break;
		case OPT_VFS:
			if (parse_uint("vfs-per-pf", optarg, X710SIM_MAX_VFS_PER_PF, &o.vfs_per_pf))
				return 2;
			break;
		case OPT_FG:
			o.foreground = true;
			break;
		case OPT_JSON:
			json = true;
			break;
		case OPT_PORT: {
			unsigned int p;
			if (parse_uint("port", optarg, X710SIM_MAX_PFS - 1, &p))
				return 2;
			port = (int)p;
			break;
		}
		case OPT_HELP:
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (o.dir[0] != '/') {
		fprintf(stderr, "x710-sim: --dir '%s' must be an absolute path (the tree's "
			"links must resolve from any directory)\n", o.dir);
		return 2;
	}
	int rest = argc - optind;
	char **args = argv + optind;

	if (strcmp(cmd, "start") == 0 && rest == 0)
		return sim_daemon_run(&o);
	if (strcmp(cmd, "stop") == 0 && rest == 0)
		return stop(o.dir);
	if (strcmp(cmd, "status") == 0 && rest == 0)
		return request(o.dir, "status");
	if (strcmp(cmd, "stats") == 0 && rest == 0)
		/* A person gets tables; a pipe keeps the lines scripts parse. */
		return request(o.dir, json ? "stats json"
				   : isatty(STDOUT_FILENO) ? "stats table" : "stats");
	if (strcmp(cmd, "fault") == 0)
		return forward(o.dir, cmd, rest, args);
	if (strcmp(cmd, "wire") == 0 || strcmp(cmd, "inject") == 0)
		return wire_request(o.dir, cmd, port, rest, args);
	if (strcmp(cmd, "exec") == 0 && rest > 0) {
		ns_exec(o.dir, args);
		return 127;   /* like a shell: the command could not be run */
	}
	usage(stderr);
	return 2;
}
