/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fd store sriovd hands its backends (struct sriov_fd_store), held by
 * the service manager itself (FDSTORE=1 of sd_pid_notify_with_fds(3)):
 * unlike the keeper process, it survives systemd killing the whole
 * control group when sriovd dies. The next start gets the descriptors
 * back as LISTEN_FDS/LISTEN_FDNAMES (sd_listen_fds_with_names(3)).
 * Chosen with --fd-store=systemd; the unit needs FileDescriptorStoreMax=.
 */
#ifndef SRIOVD_FD_STORE_SYSTEMD_H
#define SRIOVD_FD_STORE_SYSTEMD_H

#include <stddef.h>

#include <sriov/backend.h>

#include "fd_keeper.h"   /* SRIOVD_FD_NAME_MAX: the names backends use */

/* As many as the keeper holds (fd_keeper.c KEEPER_SLOTS); the unit's
 * FileDescriptorStoreMax= is set to the same number. */
#define SRIOVD_FDSTORE_SLOTS 64
/* Our entries in the manager's store: FDNAME = prefix + escaped name. */
#define SRIOVD_FDSTORE_PREFIX "sriovd."
/* An FDNAME's longest spelling (sd_pid_notify(3), FDNAME=: 255 chars). */
#define SRIOVD_FDNAME_MAX 255

struct sriovd_fdstore_slot {
	char name[SRIOVD_FD_NAME_MAX];
	int fd;                        /* our duplicate; the manager holds its own */
};

struct sriovd_fd_store_systemd {
	struct sriovd_fdstore_slot slot[SRIOVD_FDSTORE_SLOTS];
	size_t n;                      /* slots in use: zero-initialised = empty */
	void (*log)(void *ctx, int prio, const char *line);   /* may be NULL */
	void *log_ctx;
	struct sriov_fd_store store;   /* ops over the above */
};

/*
 * Starts the store: needs $NOTIFY_SOCKET, adopts what the manager passed
 * back (only our names; the rest are closed and removed, with a log line).
 * 0 or -errno with a sentence in @why.
 */
int sriovd_fd_store_systemd_open(struct sriovd_fd_store_systemd *s,
				 void (*log)(void *ctx, int prio, const char *line), void *log_ctx,
				 char *why, size_t why_len);
/* Adopts @n descriptors from @first on, named by @names (NULL: unnamed);
 * what open() does with LISTEN_FDS. Returns how many were kept. */
size_t sriovd_fd_store_systemd_adopt(struct sriovd_fd_store_systemd *s, int first, size_t n,
				     const char *const *names);
/* Closes our duplicates; the manager keeps its copies. */
void sriovd_fd_store_systemd_close(struct sriovd_fd_store_systemd *s);

/*
 * A store name as an FDNAME and back. FDNAME may not hold ':' (the
 * LISTEN_FDNAMES separator) nor control characters, and the PF addresses
 * in our names have ':': those and '%' become %XX. 0, -EINVAL (not ours
 * or not canonical) or -ENAMETOOLONG.
 */
int sriovd_fdname_encode(const char *name, char *out, size_t len);
int sriovd_fdname_decode(const char *fdname, char *out, size_t len);

#endif /* SRIOVD_FD_STORE_SYSTEMD_H */
