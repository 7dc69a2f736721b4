/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The running daemon: boot (state file, validate and apply the directory,
 * persist, listen, READY=1), then the loop: SIGHUP reloads, SIGTERM stops,
 * a timerfd or the backend's fd drives mailbox service, another timerfd
 * pets the systemd watchdog.
 */
#ifndef SRIOVD_SERVER_H
#define SRIOVD_SERVER_H

#include "daemon.h"
#include "loop.h"
#include "reconcile.h"
#include "report.h"
#include "state_file.h"

struct sriovd_http;

struct sriovd_pf_source {
	struct sriovd_server *srv;
	size_t pf;
	int fd;
};

struct sriovd_server {
	struct sriovd *d;
	struct sriovd_loop *loop;
	struct sriovd_http *api_unix, *api_tcp;
	struct sriovd_state prev;
	int signal_fd, service_fd, watchdog_fd;
	struct sriovd_pf_source *pf_src;
	size_t n_pf_src;
	struct sriovd_serve_thread **serve;   /* fallback servers, see serve_thread.h */
	size_t n_serve;
	unsigned int pause_depth;  /* open quiesce windows: new threads start paused this often */
	bool handle_signals;    /* false in tests that run the loop in a thread */
};

/* Boots @d: on failure every problem is logged, nothing is applied and a
 * negative errno is returned (sriovd exits 1). */
int sriovd_server_boot(struct sriovd_server *srv, struct sriovd *d, bool handle_signals);
/* Reloads the directory (SIGHUP, POST /v1/reload): RELOADING=1, serve
 * threads stopped, apply the diff, PFs whose file left released, threads
 * for the PFs now held, READY=1. @res (may be NULL) gets what was done. */
int sriovd_server_reload(struct sriovd_server *srv, struct sriovd_reload_result *res);
/* Runs the loop until SIGTERM/SIGINT or sriovd_loop_stop(). */
int sriovd_server_run(struct sriovd_server *srv);
/* STOPPING=1, closes listeners and timers; the PFs stay as configured. */
void sriovd_server_fini(struct sriovd_server *srv);

/* Logs each report line as "where: message". */
void sriovd_log_report(const struct sriovd *d, int prio, const struct sriovd_report *rep);

#endif
