/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `x710-sim exec`: run a program in a private mount namespace where the
 * two paths DPDK hard-codes, /dev/uioN and /sys/class/uio, come from the
 * fake tree (sim-harness.md "What works"). The namespace is built on a
 * staging tmpfs inside DIR and moved over /dev in one step, so the real
 * /dev and /sys are never written.
 */
#include "ns_exec.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client_dma.h"
#include "control.h"
#include "launcher_path.h"

/* Device nodes bound back from the real /dev (character devices). */
static const char *const dev_nodes[] = { "null", "zero", "full", "random", "urandom", "tty" };
/* Directories bound back when they exist. */
static const char *const dev_dirs[] = { "shm", "pts", "mqueue" };
static const struct { const char *name, *target; } dev_links[] = {
	{ "fd", "/proc/self/fd" },
	{ "stdin", "/proc/self/fd/0" },
	{ "stdout", "/proc/self/fd/1" },
	{ "stderr", "/proc/self/fd/2" },
	{ "ptmx", "pts/ptmx" },
};
#define STAGING_TMPFS_OPTS  "mode=0755,size=1m"
#define HUGETLBFS_OPTS      "pagesize=2M"

static int
fail(const char *what, const char *path)
{
	int err = errno;
	fprintf(stderr, "x710-sim exec: %s %s: %s\n", what, path, strerror(err));
	return -err;
}

static int
bind_node(const char *stage, const char *name)
{
	char src[PATH_MAX], dst[PATH_MAX];
	if (pathf(src, "/dev/%s", name) || pathf(dst, "%s/%s", stage, name))
		return -ENAMETOOLONG;
	if (access(src, F_OK) != 0)
		return 0;   /* not on this machine: the program will not find it either */
	int fd = open(dst, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0)
		return fail("create", dst);
	close(fd);
	if (mount(src, dst, NULL, MS_BIND, NULL) != 0)
		return fail("bind-mount", src);
	return 0;
}

static int
bind_dir(const char *stage, const char *name)
{
	char src[PATH_MAX], dst[PATH_MAX];
	if (pathf(src, "/dev/%s", name) || pathf(dst, "%s/%s", stage, name))
		return -ENAMETOOLONG;
	struct stat st;
	if (stat(src, &st) != 0 || !S_ISDIR(st.st_mode))
		return 0;
	if (mkdir(dst, 0755) != 0)
		return fail("mkdir", dst);
	if (mount(src, dst, NULL, MS_BIND | MS_REC, NULL) != 0)
		return fail("bind-mount", src);
	return 0;
}

/* Fill the staging tmpfs with what /dev must hold for the program. */
static int
populate_dev(const char *dir, const char *stage, unsigned int uio_count)
{
	char p[PATH_MAX], target[PATH_MAX];
	int rc = 0;
	for (size_t i = 0; i < sizeof(dev_nodes) / sizeof(dev_nodes[0]) && rc == 0; i++)
		rc = bind_node(stage, dev_nodes[i]);
	for (size_t i = 0; i < sizeof(dev_dirs) / sizeof(dev_dirs[0]) && rc == 0; i++)
		rc = bind_dir(stage, dev_dirs[i]);
	for (size_t i = 0; i < sizeof(dev_links) / sizeof(dev_links[0]) && rc == 0; i++) {
		if (pathf(p, "%s/%s", stage, dev_links[i].name))
			return -ENAMETOOLONG;
		if (symlink(dev_links[i].target, p) != 0)
			rc = fail("symlink", p);
	}
	/* Every uio number the tree can use: VFs appear after the program starts,
	 * so a link dangles until its FIFO exists. */
	for (unsigned int n = 0; n < uio_count && rc == 0; n++) {
		if (pathf(p, "%s/uio%u", stage, n) || pathf(target, "%s/dev/uio%u", dir, n))
			return -ENAMETOOLONG;
		if (symlink(target, p) != 0)
			rc = fail("symlink", p);
	}
	if (rc)
		return rc;
	if (pathf(p, "%s/hugepages", stage))
		return -ENAMETOOLONG;
	if (mkdir(p, 0755) != 0)
		return fail("mkdir", p);
	/* A fresh hugetlbfs: released with the namespace when the program exits. */
	if (mount("hugetlbfs", p, "hugetlbfs", 0, HUGETLBFS_OPTS) != 0)
		return fail("mount hugetlbfs on", p);
	return 0;
}

static int
build_namespace(const char *dir, unsigned int uio_count)
{
	char stage[PATH_MAX], p[PATH_MAX];

	if (unshare(CLONE_NEWNS) != 0)
		return fail("unshare", "(mount namespace)");
	/* Nothing mounted from here on may propagate back to the host. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
		return fail("make private", "/");

	if (pathf(p, "%s/exec", dir) || pathf(stage, "%s/exec/%d", dir, (int)getpid()))
		return -ENAMETOOLONG;
	if (mkdir(p, 0700) != 0 && errno != EEXIST)
		return fail("mkdir", p);
	if (mkdir(stage, 0755) != 0 && errno != EEXIST)
		return fail("mkdir", stage);
	if (mount("tmpfs", stage, "tmpfs", MS_NOSUID, STAGING_TMPFS_OPTS) != 0)
		return fail("mount tmpfs on", stage);
	int rc = populate_dev(dir, stage, uio_count);
	if (rc == 0 && mount(stage, "/dev", NULL, MS_MOVE, NULL) != 0)
		rc = fail("move the new /dev from", stage);
	rmdir(stage);   /* empty once the mount has moved */
	if (rc)
		return rc;

	if (pathf(p, "%s/class", dir))
		return -ENAMETOOLONG;
	if (mount(p, "/sys/class", NULL, MS_BIND, NULL) != 0)
		return fail("bind-mount over /sys/class:", p);
	return 0;
}

/* Read the uio count the daemon's tree can use from its status reply. */
static unsigned int
uio_count_of(const char *status)
{
	const char *at = strstr(status, "uio_count=");
	unsigned int n = 0;
	if (at && sscanf(at, "uio_count=%u", &n) == 1 && n <= NS_EXEC_MAX_UIO)
		return n;
	return NS_EXEC_MAX_UIO;
}

int
ns_exec(const char *dir, char *const argv[])
{
	char why[256], reply[CONTROL_MSG_MAX], req[64];

	if (geteuid() != 0) {
		fprintf(stderr, "x710-sim exec: needs root (mount namespace, hugetlbfs, "
			"physical addresses)\n");
		return -EPERM;
	}
	int rc = client_dma_check_preconditions(1, why, sizeof(why));
	if (rc) {
		fprintf(stderr, "x710-sim exec: %s\n", why);
		return rc;
	}
	rc = control_request(dir, "status", reply, sizeof(reply));
	if (rc == -ENOENT || rc == -ECONNREFUSED) {
		fprintf(stderr, "x710-sim exec: no simulator runs in %s (start one: "
			"x710-sim start --dir %s)\n", dir, dir);
		return -ESRCH;
	}
	if (rc) {
		fprintf(stderr, "x710-sim exec: status from %s: %s\n", dir,
			rc == -EREMOTEIO ? reply : strerror(-rc));
		return rc;
	}
	unsigned int uio_count = uio_count_of(reply);

	/* Register before exec: exec keeps the pid, so the program is the client. */
	snprintf(req, sizeof(req), "register %d", (int)getpid());
	rc = control_request(dir, req, reply, sizeof(reply));
	if (rc) {
		fprintf(stderr, "x710-sim exec: registering pid %d: %s\n", (int)getpid(),
			rc == -EREMOTEIO ? reply : strerror(-rc));
		return rc;
	}
	rc = build_namespace(dir, uio_count);
	if (rc)
		return rc;

	char devices[PATH_MAX];
	if (pathf(devices, "%s/devices", dir))
		return -ENAMETOOLONG;
	setenv("SYSFS_PCI_DEVICES", devices, 1);
	setenv("X710SIM_DIR", dir, 1);
	execvp(argv[0], argv);
	rc = -errno;
	fprintf(stderr, "x710-sim exec: %s: %s\n", argv[0], strerror(errno));
	return rc;
}
