/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one event loop: epoll over every fd sriovd waits on (API sockets,
 * libmicrohttpd's epoll fd, timerfds, signalfd, backend event fds). A
 * callback runs to completion; nothing here starts a thread.
 */
#ifndef SRIOVD_LOOP_H
#define SRIOVD_LOOP_H

#include <stdbool.h>
#include <stdint.h>

typedef void (*sriovd_loop_cb)(void *ctx, uint32_t events);
/* Milliseconds until the source next wants a call without an event; -1: never. */
typedef long (*sriovd_loop_timeout_cb)(void *ctx);

struct sriovd_loop;

struct sriovd_loop *sriovd_loop_new(void);
void sriovd_loop_free(struct sriovd_loop *l);
/* Watches @fd for @events (EPOLLIN...). 0 or negative errno. */
int sriovd_loop_add(struct sriovd_loop *l, int fd, uint32_t events, sriovd_loop_cb cb, void *ctx);
int sriovd_loop_del(struct sriovd_loop *l, int fd);
/* Registers a function asked for the next timeout before every wait, and
 * called (with events 0) when that time has passed. */
int sriovd_loop_add_timeout(struct sriovd_loop *l, sriovd_loop_timeout_cb next, sriovd_loop_cb cb,
			    void *ctx);
/* Forgets every timeout registered with @ctx. */
void sriovd_loop_del_timeout(struct sriovd_loop *l, void *ctx);
/* Runs until sriovd_loop_stop(); 0 or negative errno of epoll_wait. */
int sriovd_loop_run(struct sriovd_loop *l);
/* Safe from any thread and from callbacks (writes an eventfd). */
void sriovd_loop_stop(struct sriovd_loop *l);

#endif
