/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The launcher's control socket, DIR/control.sock: one text request per
 * SOCK_SEQPACKET message, one reply message ("ok ..." or "error ...").
 * Requests: register PID, unregister PID, status, stats [json],
 * fault ..., wire ..., inject ..., stop (doc/x710-sim.8).
 */
#ifndef CONTROL_H
#define CONTROL_H

#include <stddef.h>

#define CONTROL_SOCKET_NAME  "control.sock"
#define CONTROL_MSG_MAX      (64 * 1024)
#define CONTROL_REQUEST_MAX  512         /* longest request the daemon reads */

/*
 * Bind DIR/control.sock, non-blocking. -EADDRINUSE when a daemon answers
 * on it; a stale socket file (no one listening) is replaced.
 */
int control_listen(const char *dir, int *fd_out);

/*
 * Send one request and wait for the reply (NUL-terminated in `reply`).
 * Returns 0 for "ok", -EREMOTEIO for an "error" reply, -ECONNREFUSED or
 * -ENOENT when no daemon runs in DIR, other -errno on failure.
 */
int control_request(const char *dir, const char *request, char *reply, size_t reply_len);

#endif /* CONTROL_H */
