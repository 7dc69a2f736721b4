/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libmicrohttpd in front of api.h, driven by sriovd's loop: MHD runs in
 * external-epoll mode (MHD_USE_EPOLL, no internal thread) and its epoll fd
 * sits in our epoll. The Unix socket is bound by us (mode, stale socket)
 * and handed over with MHD_OPTION_LISTEN_SOCKET; each connection's peer
 * is checked with SO_PEERCRED against the allowed uids and gids.
 */
#ifndef SRIOVD_API_HTTP_H
#define SRIOVD_API_HTTP_H

#include <stdbool.h>
#include <sys/types.h>

#include "daemon.h"
#include "loop.h"

struct sriovd_http;

/* Listens on Unix socket @path (created with @mode, parent made 0755). */
int sriovd_http_start_unix(struct sriovd *d, struct sriovd_loop *loop, const char *path,
			   unsigned int mode, struct sriovd_http **out);
/* Listens on 127.0.0.1:@port, read-only. */
int sriovd_http_start_tcp(struct sriovd *d, struct sriovd_loop *loop, int port,
			  struct sriovd_http **out);
/* Stops listening; removes the Unix socket path. */
void sriovd_http_stop(struct sriovd_http *h);

/* The peer policy: uid or primary gid in the allowed lists. */
bool sriovd_peer_allowed(const struct sriovd_options *o, uid_t uid, gid_t gid);

#endif
