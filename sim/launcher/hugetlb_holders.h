/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Who holds a hugetlb file. A hugetlb page exists (and keeps its physical
 * address) while any process holds its file by a descriptor or a mapping,
 * whether or not anybody maps it: an fd store or sriovd's fd keeper holds
 * the PF's admin queue pages by descriptor only. This walks /proc (root can
 * read every process's fd/ and maps, across mount namespaces) and reports
 * each such reference; client_dma decides which files it still needs.
 */
#ifndef HUGETLB_HOLDERS_H
#define HUGETLB_HOLDERS_H

#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

/* One reference of process `pid` to a file. */
struct hugetlb_ref {
	pid_t pid;
	dev_t dev;
	ino_t ino;
	/*
	 * By descriptor: the file is on hugetlbfs with 2 MiB pages (checked
	 * with stat), `path` opens it (/proc/PID/fd/N), size and blocks are
	 * its st_size and st_blocks. By mapping: any shared mapping of a file
	 * on an anonymous-device filesystem (maps names no page size), so the
	 * caller matches it against files it knows; path is NULL, size and
	 * blocks are 0.
	 */
	bool by_fd;
	const char *path;
	off_t size;
	blkcnt_t blocks;
	ino_t mnt_ns;     /* the process's mount namespace (/proc/PID/ns/mnt), 0 unknown */
};

typedef void (*hugetlb_ref_fn)(void *ctx, const struct hugetlb_ref *ref);

/*
 * Call `fn` for every reference of every process but `skip` (the caller:
 * its own mappings must not count as a holder). Processes that exit during
 * the walk are passed over. 0, or -errno when /proc cannot be read.
 */
int hugetlb_holders_scan(pid_t skip, hugetlb_ref_fn fn, void *ctx);

/* The mount namespace inode of `pid`, or 0 when unknown. */
ino_t hugetlb_holders_mnt_ns(pid_t pid);

/* True when st_blksize says a file is on hugetlbfs with 2 MiB pages. */
bool hugetlb_holders_is_2m(const struct stat *st);

/*
 * Open read-write the 2 MiB hugetlb file `path` names (a /proc magic link
 * another process controls: it may swap the descriptor for a FIFO or a
 * device after the walk) only if it still is dev:ino. The fd, -ESTALE when
 * it is something else now, or -errno.
 */
int hugetlb_holders_open(const char *path, dev_t dev, ino_t ino);

#endif /* HUGETLB_HOLDERS_H */
