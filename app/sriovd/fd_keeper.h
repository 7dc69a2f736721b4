/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fd store sriovd hands its backends (struct sriov_fd_store): the PF
 * memory a device keeps DMA-ing into must outlive sriovd, kill -9
 * included, so that the next sriovd can adopt the PF. A keeper process
 * (forked once, detached, it only holds descriptors) listens on
 * STATE_DIR/fdkeeper.sock; a restarted sriovd finds it there and fetches
 * what the dead one kept. It exits once it holds nothing and nobody is
 * connected. It works with or without a service manager, but systemd
 * kills it with the unit's cgroup: there fd_store_systemd.h keeps the
 * descriptors instead (--fd-store=systemd, what the shipped unit uses).
 */
#ifndef SRIOVD_FD_KEEPER_H
#define SRIOVD_FD_KEEPER_H

#include <stddef.h>
#include <sys/types.h>

#include <sriov/backend.h>

#define SRIOVD_FD_KEEPER_SOCK "fdkeeper.sock"
#define SRIOVD_FD_KEEPER_PID "fdkeeper.pid"
#define SRIOVD_FD_NAME_MAX 64

struct sriovd_fd_keeper {
	int sock;                      /* connection to the keeper */
	struct sriov_fd_store store;   /* ops over that connection */
};

/* Connects to the keeper of @state_dir, starting one when none runs.
 * 0 or -errno with a sentence in @why. */
int sriovd_fd_keeper_open(struct sriovd_fd_keeper *k, const char *state_dir, char *why,
			  size_t why_len);
/* Closes the connection; the keeper keeps what it holds. */
void sriovd_fd_keeper_close(struct sriovd_fd_keeper *k);

#endif
