/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hugetlb file holders through /proc: fd/ for descriptors, maps for
 * mappings. See hugetlb_holders.h for why.
 */
#include "hugetlb_holders.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* hugetlbfs reports its page size as st_blksize (fs/hugetlbfs/inode.c). */
#define HUGETLB_2M_BLKSIZE  (2L * 1024 * 1024)

bool
hugetlb_holders_is_2m(const struct stat *st)
{
	return S_ISREG(st->st_mode) && st->st_blksize == HUGETLB_2M_BLKSIZE;
}

/*
 * stat without asking the file's filesystem: AT_STATX_DONT_SYNC makes FUSE
 * and NFS answer from their caches, so a descriptor on a hung FUSE mount
 * (any user can make one) cannot block the walk; hugetlbfs is local.
 */
static int
stat_cached(int dirfd, const char *path, int flags, struct stat *st)
{
	struct statx sx;
	if (statx(dirfd, path, flags | AT_STATX_DONT_SYNC, STATX_BASIC_STATS, &sx) != 0)
		return -errno;
	memset(st, 0, sizeof(*st));
	st->st_mode = sx.stx_mode;
	st->st_dev = makedev(sx.stx_dev_major, sx.stx_dev_minor);
	st->st_ino = (ino_t)sx.stx_ino;
	st->st_size = (off_t)sx.stx_size;
	st->st_blocks = (blkcnt_t)sx.stx_blocks;
	st->st_blksize = (blksize_t)sx.stx_blksize;
	return 0;
}

/* A /proc entry name that is a pid: digits only, within pid_t. */
static pid_t
parse_pid_name(const char *name)
{
	char *end;
	if (!isdigit((unsigned char)name[0]))
		return 0;
	errno = 0;
	long v = strtol(name, &end, 10);
	if (errno || *end || v <= 0 || v > INT_MAX)
		return 0;
	return (pid_t)v;
}

ino_t
hugetlb_holders_mnt_ns(pid_t pid)
{
	char path[64];
	struct stat st;
	snprintf(path, sizeof(path), "/proc/%d/ns/mnt", (int)pid);
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* Descriptors of `pid` that open a 2 MiB hugetlbfs file (memfds included). */
static void
scan_fds(pid_t pid, ino_t ns, hugetlb_ref_fn fn, void *ctx)
{
	char dir[32], path[32 + sizeof(((struct dirent *)0)->d_name)], target[64];
	snprintf(dir, sizeof(dir), "/proc/%d/fd", (int)pid);
	DIR *d = opendir(dir);
	if (!d)
		return;   /* exited, or a kernel thread */
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		/* Sockets, pipes and anon inodes read "type:[...]": only paths can
		 * be files; readlink first spares a stat of each. */
		ssize_t n = readlink(path, target, sizeof(target) - 1);
		if (n <= 0 || target[0] != '/')
			continue;
		struct stat st;
		if (stat_cached(AT_FDCWD, path, 0, &st) != 0 || !hugetlb_holders_is_2m(&st))
			continue;
		struct hugetlb_ref ref = {
			.pid = pid, .dev = st.st_dev, .ino = st.st_ino, .by_fd = true,
			.path = path, .size = st.st_size, .blocks = st.st_blocks,
			.mnt_ns = ns,
		};
		fn(ctx, &ref);
	}
	closedir(d);
}

static void
skip_rest_of_line(FILE *f)
{
	int c;
	while ((c = getc(f)) != EOF && c != '\n')
		;
}

/*
 * Shared mappings of `pid` on anonymous-device filesystems (major 0:
 * hugetlbfs, memfds, tmpfs); a mapping holds its file after the fd closed.
 */
static void
scan_maps(pid_t pid, ino_t ns, hugetlb_ref_fn fn, void *ctx)
{
	char path[64], line[512];
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		/* A long path name is cut: its rest must not read as a line of its
		 * own (a file name can spell out a mapping). */
		if (!strchr(line, '\n'))
			skip_rest_of_line(f);
		char perms[8];
		unsigned int maj, min;
		unsigned long ino;
		if (sscanf(line, "%*x-%*x %7s %*x %x:%x %lu", perms, &maj, &min, &ino) != 4)
			continue;
		if (maj != 0 || ino == 0 || perms[3] != 's')
			continue;
		struct hugetlb_ref ref = {
			.pid = pid, .dev = makedev(maj, min), .ino = (ino_t)ino,
			.mnt_ns = ns,
		};
		fn(ctx, &ref);
	}
	fclose(f);
}

int
hugetlb_holders_scan(pid_t skip, hugetlb_ref_fn fn, void *ctx)
{
	DIR *proc = opendir("/proc");
	if (!proc)
		return -errno;
	struct dirent *e;
	while ((e = readdir(proc)) != NULL) {
		pid_t pid = parse_pid_name(e->d_name);
		if (pid <= 0 || pid == skip)
			continue;
		ino_t ns = hugetlb_holders_mnt_ns(pid);
		scan_fds(pid, ns, fn, ctx);
		scan_maps(pid, ns, fn, ctx);
	}
	closedir(proc);
	return 0;
}

int
hugetlb_holders_open(const char *path, dev_t dev, ino_t ino)
{
	/* O_PATH runs no driver's open; the reopen through our own O_PATH fd
	 * cannot land on anything but the inode just checked. */
	int pfd = open(path, O_PATH | O_CLOEXEC);
	if (pfd < 0)
		return -errno;
	struct stat st;
	if (stat_cached(pfd, "", AT_EMPTY_PATH, &st) != 0 || st.st_dev != dev ||
	    st.st_ino != ino || !hugetlb_holders_is_2m(&st)) {
		close(pfd);
		return -ESTALE;
	}
	char self[32];
	snprintf(self, sizeof(self), "/proc/self/fd/%d", pfd);
	int fd = open(self, O_RDWR | O_CLOEXEC);
	int err = -errno;
	close(pfd);
	return fd < 0 ? err : fd;
}
