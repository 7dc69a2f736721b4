/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "api_http.h"
#include "persist.h"
#include "reconcile.h"
#include "serve_thread.h"
#include "server.h"

#define USEC_PER_SEC 1000000ULL
#define NSEC_PER_USEC 1000ULL

void sriovd_log_report(const struct sriovd *d, int prio, const struct sriovd_report *rep)
{
	for (size_t i = 0; i < rep->n; i++)
		sriovd_log(d, prio, "%s: %s", rep->item[i].where, rep->item[i].message);
	if (rep->oom)
		sriovd_log(d, prio, "(more problems were lost: out of memory)");
}

static void notify(struct sriovd *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void notify(struct sriovd *d, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (d->notify)
		d->notify(d->notify_ctx, msg);
	else
		sd_notify(0, msg);
}

static int timer_new(uint64_t usec)
{
	struct itimerspec its = {
		.it_value = { (time_t)(usec / USEC_PER_SEC), (long)(usec % USEC_PER_SEC * NSEC_PER_USEC) },
	};
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);

	its.it_interval = its.it_value;
	if (fd < 0)
		return -errno;
	if (timerfd_settime(fd, 0, &its, NULL)) {
		int rc = -errno;

		close(fd);
		return rc;
	}
	return fd;
}

static void drain(int fd)
{
	uint64_t n;

	while (read(fd, &n, sizeof(n)) > 0)
		;
}

static void service_pf(struct sriovd_server *srv, size_t i)
{
	struct sriovd_pf *pf = &srv->d->pf[i];
	struct sriov_error err = { 0 };
	int n;

	if (!pf->ext || !pf->ext->service)
		return;
	n = pf->ext->service(pf->handle, srv->d->opt.service_budget, &err);
	if (n > 0) {
		pf->served += (uint64_t)n;
	} else if (n < 0 && srv->d->count.service_errors++ % 1000 == 0) {
		/* Logged once per thousand so a wedged PF cannot flood the journal. */
		sriovd_log(srv->d, LOG_ERR, "%s: mailbox service failed: %s", pf->device,
			   err.message[0] ? err.message : strerror(-n));
	}
}

static void on_pf_event(void *ctx, uint32_t events)
{
	struct sriovd_pf_source *s = ctx;

	(void)events;
	service_pf(s->srv, s->pf);
}

static void on_service_timer(void *ctx, uint32_t events)
{
	struct sriovd_server *srv = ctx;

	(void)events;
	drain(srv->service_fd);
	for (size_t i = 0; i < srv->d->n_pf; i++) {
		bool has_fd = false;

		for (size_t k = 0; k < srv->n_pf_src; k++)
			has_fd |= srv->pf_src[k].pf == i;
		if (!has_fd)
			service_pf(srv, i);
	}
}

static void on_watchdog(void *ctx, uint32_t events)
{
	struct sriovd_server *srv = ctx;

	(void)events;
	drain(srv->watchdog_fd);
	notify(srv->d, "WATCHDOG=1");
}

static void quiesce_all(void *ctx, bool pause)
{
	struct sriovd_server *srv = ctx;

	if (pause)
		srv->pause_depth++;
	else if (srv->pause_depth)
		srv->pause_depth--;
	for (size_t i = 0; i < srv->n_serve; i++)
		if (pause)
			sriovd_serve_thread_pause(srv->serve[i]);
		else
			sriovd_serve_thread_resume(srv->serve[i]);
}

static void stop_serve_threads(struct sriovd_server *srv)
{
	for (size_t i = 0; i < srv->n_serve; i++)
		sriovd_serve_thread_stop(srv->serve[i]);
	free(srv->serve);
	srv->serve = NULL;
	srv->n_serve = 0;
}

static int sync_pf_sources(struct sriovd_server *srv);
static int start_serve_threads(struct sriovd_server *srv);
static int reload_hook(void *ctx, struct sriovd_reload_result *res);

static void resync(void *ctx)
{
	struct sriovd_server *srv = ctx;

	start_serve_threads(srv);
	sync_pf_sources(srv);
}

/* PFs whose backend only has the blocking serve() get a thread each. */
static int start_serve_threads(struct sriovd_server *srv)
{
	struct sriovd *d = srv->d;
	int rc;

	stop_serve_threads(srv);
	srv->serve = calloc(d->n_pf + 1, sizeof(*srv->serve));
	if (!srv->serve)
		return -ENOMEM;
	for (size_t i = 0; i < d->n_pf; i++) {
		const struct sriovd_pf *pf = &d->pf[i];

		if ((pf->ext && pf->ext->service) || !pf->be->ops->serve)
			continue;
		rc = sriovd_serve_thread_start(pf->be, pf->handle, &srv->serve[srv->n_serve]);
		if (rc) {
			sriovd_log(d, LOG_ERR, "%s: cannot start serving mailboxes: %s", pf->device,
				   strerror(-rc));
			return rc;
		}
		/* Started inside a quiesce window (an API reload): held until it closes. */
		for (unsigned int k = 0; k < srv->pause_depth; k++)
			sriovd_serve_thread_pause(srv->serve[srv->n_serve]);
		srv->n_serve++;
	}
	d->quiesce = quiesce_all;
	d->quiesce_ctx = srv;
	d->pf_table_resync = resync;
	d->reload = reload_hook;
	d->pf_table_changed = false;
	return 0;
}

/* (Re)registers each PF's event fd; PFs may have been added by a reload. */
static int sync_pf_sources(struct sriovd_server *srv)
{
	struct sriovd *d = srv->d;

	for (size_t k = 0; k < srv->n_pf_src; k++)
		sriovd_loop_del(srv->loop, srv->pf_src[k].fd);
	free(srv->pf_src);
	srv->pf_src = calloc(d->n_pf + 1, sizeof(*srv->pf_src));
	srv->n_pf_src = 0;
	if (!srv->pf_src)
		return -ENOMEM;
	for (size_t i = 0; i < d->n_pf; i++) {
		struct sriovd_pf_source *s = &srv->pf_src[srv->n_pf_src];
		int fd = d->pf[i].ext && d->pf[i].ext->event_fd ? d->pf[i].ext->event_fd(d->pf[i].handle)
								 : -1;

		if ((!d->pf[i].ext || !d->pf[i].ext->service) && d->pf[i].be->ops->serve)
			sriovd_log(d, LOG_NOTICE, "%s: the %s backend serves mailboxes only by "
				   "blocking; a thread runs it for this PF", d->pf[i].device,
				   d->pf[i].be->name);
		if (fd < 0)
			continue;
		*s = (struct sriovd_pf_source){ srv, i, fd };
		if (sriovd_loop_add(srv->loop, fd, EPOLLIN, on_pf_event, s) == 0)
			srv->n_pf_src++;
	}
	return 0;
}

static size_t count_vfs(const struct sriovd *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n_pf; i++)
		n += d->pf[i].want ? d->pf[i].want->num_vfs : 0;
	return n;
}

int sriovd_server_reload(struct sriovd_server *srv, struct sriovd_reload_result *res)
{
	struct sriovd *d = srv->d;
	struct sriovd_reload_result own;
	struct timespec now;
	int rc;

	if (!res)
		sriovd_reload_result_init(res = &own);
	clock_gettime(CLOCK_MONOTONIC, &now);
	notify(d, "RELOADING=1\nMONOTONIC_USEC=%llu\nSTATUS=reloading %s",
	       (unsigned long long)now.tv_sec * USEC_PER_SEC +
	       (unsigned long long)now.tv_nsec / NSEC_PER_USEC, d->opt.config_dir);
	/* Stopped, not paused: a reload may close a PF a thread serves. */
	stop_serve_threads(srv);
	rc = sriovd_reload(d, res);
	start_serve_threads(srv);   /* for the PFs the table holds now */
	if (rc) {
		sriovd_log(d, LOG_ERR, "reload of %s refused; the running state is unchanged:",
			   d->opt.config_dir);
		sriovd_log_report(d, LOG_ERR, &res->rep);
	} else {
		sriovd_persist(d);
	}
	/* Also after a failure: a PF may have been opened and closed meanwhile. */
	sync_pf_sources(srv);
	notify(d, "READY=1\nSTATUS=%s: %zu PF(s), %zu VF(s)", rc ? "reload failed, running as "
	       "before" : "applied", d->n_pf, count_vfs(d));
	if (res == &own)
		sriovd_reload_result_fini(&own);
	return rc;
}

static int reload_hook(void *ctx, struct sriovd_reload_result *res)
{
	return sriovd_server_reload(ctx, res);
}

static void on_signal(void *ctx, uint32_t events)
{
	struct sriovd_server *srv = ctx;
	struct signalfd_siginfo si;

	(void)events;
	while (read(srv->signal_fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGHUP) {
			sriovd_server_reload(srv, NULL);
		} else {
			sriovd_log(srv->d, LOG_INFO, "signal %u: stopping; the PFs stay as configured",
				   si.ssi_signo);
			sriovd_loop_stop(srv->loop);
		}
	}
}

/* Takes over leases of PFs still configured, from the previous daemon. */
static void restore_leases(struct sriovd *d, const struct sriovd_state *st)
{
	for (size_t i = 0; i < st->n_lease; i++) {
		const struct sriovd_pf *pf = sriovd_pf_find(d, st->lease[i].pf);
		struct sriovd_lease *v;

		if (!pf || !pf->want || st->lease[i].vf >= pf->want->num_vfs)
			continue;
		v = realloc(d->lease, (d->n_lease + 1) * sizeof(*v));
		if (!v)
			return;
		d->lease = v;
		d->lease[d->n_lease++] = st->lease[i];
	}
}

static void load_previous(struct sriovd_server *srv)
{
	struct sriovd *d = srv->d;
	char path[PATH_MAX], why[PATH_MAX + 128];
	int rc;

	if (!d->opt.state_dir || !d->opt.state_dir[0])
		return;
	snprintf(path, sizeof(path), "%s/%s", d->opt.state_dir, SRIOVD_STATE_FILE);
	rc = sriovd_state_load(path, &srv->prev, why, sizeof(why));
	if (rc == 0) {
		d->prev = &srv->prev;
		d->generation = srv->prev.generation;
		sriovd_log(d, LOG_INFO, "found the state of a previous sriovd (%zu PF(s)): adopting",
			   srv->prev.n_pf);
	} else if (rc != -ENOENT) {
		sriovd_log(d, LOG_WARNING, "ignoring the state file: %s", why);
	}
}

/* The signals the loop reads from a signalfd instead of taking them. */
static void daemon_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
}

static int setup_loop(struct sriovd_server *srv)
{
	struct sriovd *d = srv->d;
	uint64_t wd_usec = 0;
	sigset_t set;
	int rc;

	if (srv->handle_signals) {
		daemon_signals(&set);
		srv->signal_fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
		if (srv->signal_fd < 0)
			return -errno;
		if ((rc = sriovd_loop_add(srv->loop, srv->signal_fd, EPOLLIN, on_signal, srv)))
			return rc;
	}
	srv->service_fd = timer_new(d->opt.service_usec);
	if (srv->service_fd < 0)
		return srv->service_fd;
	if ((rc = sriovd_loop_add(srv->loop, srv->service_fd, EPOLLIN, on_service_timer, srv)))
		return rc;
	/* Pet at half the period, as sd_watchdog_enabled(3) advises. */
	if (sd_watchdog_enabled(0, &wd_usec) > 0 && wd_usec) {
		srv->watchdog_fd = timer_new(wd_usec / 2);
		if (srv->watchdog_fd < 0)
			return srv->watchdog_fd;
		if ((rc = sriovd_loop_add(srv->loop, srv->watchdog_fd, EPOLLIN, on_watchdog, srv)))
			return rc;
	}
	if ((rc = start_serve_threads(srv)))
		return rc;
	return sync_pf_sources(srv);
}

int sriovd_server_boot(struct sriovd_server *srv, struct sriovd *d, bool handle_signals)
{
	struct sriovd_reload_result res;
	int rc;

	memset(srv, 0, sizeof(*srv));
	srv->d = d;
	srv->signal_fd = srv->service_fd = srv->watchdog_fd = -1;
	srv->handle_signals = handle_signals;
	srv->loop = sriovd_loop_new();
	if (!srv->loop)
		return -ENOMEM;
	if (handle_signals) {
		sigset_t set;

		/* Before any backend runs: threads it starts (DPDK's EAL) inherit
		 * the mask, so SIGTERM reaches the signalfd, not a default action. */
		daemon_signals(&set);
		pthread_sigmask(SIG_BLOCK, &set, NULL);
	}
	load_previous(srv);
	notify(d, "STATUS=validating %s", d->opt.config_dir);
	sriovd_reload_result_init(&res);
	rc = sriovd_reload(d, &res);
	if (rc) {
		sriovd_log(d, LOG_ERR, "%s is not valid; nothing was applied:", d->opt.config_dir);
		sriovd_log_report(d, LOG_ERR, &res.rep);
		notify(d, "STATUS=configuration invalid, nothing applied\nERRNO=%d", -rc);
		sriovd_reload_result_fini(&res);
		return rc;
	}
	sriovd_reload_result_fini(&res);
	if (d->prev)
		restore_leases(d, d->prev);
	d->prev = NULL;
	if ((rc = setup_loop(srv))) {
		sriovd_log(d, LOG_ERR, "event loop setup failed: %s", strerror(-rc));
		return rc;
	}
	rc = sriovd_http_start_unix(d, srv->loop, d->opt.socket_path, d->opt.socket_mode,
				    &srv->api_unix);
	if (rc) {
		sriovd_log(d, LOG_ERR, "cannot listen on %s: %s", d->opt.socket_path, strerror(-rc));
		return rc;
	}
	if (d->opt.tcp_port &&
	    (rc = sriovd_http_start_tcp(d, srv->loop, d->opt.tcp_port, &srv->api_tcp))) {
		sriovd_log(d, LOG_ERR, "cannot listen on 127.0.0.1:%d: %s", d->opt.tcp_port,
			   strerror(-rc));
		return rc;
	}
	sriovd_persist(d);   /* after listening: the PF list lives beside the socket */
	d->ready = true;
	notify(d, "READY=1\nSTATUS=applied: %zu PF(s), %zu VF(s)", d->n_pf, count_vfs(d));
	sriovd_log(d, LOG_INFO, "ready: %zu PF(s), %zu VF(s); API on %s", d->n_pf, count_vfs(d),
		   d->opt.socket_path);
	return 0;
}

int sriovd_server_run(struct sriovd_server *srv)
{
	return sriovd_loop_run(srv->loop);
}

void sriovd_server_fini(struct sriovd_server *srv)
{
	if (srv->d && srv->d->ready)
		notify(srv->d, "STOPPING=1");
	sriovd_http_stop(srv->api_unix);
	sriovd_http_stop(srv->api_tcp);
	stop_serve_threads(srv);
	if (srv->d) {
		srv->d->quiesce = NULL;
		srv->d->reload = NULL;
	}
	srv->api_unix = srv->api_tcp = NULL;
	for (size_t k = 0; srv->loop && k < srv->n_pf_src; k++)
		sriovd_loop_del(srv->loop, srv->pf_src[k].fd);
	free(srv->pf_src);
	srv->pf_src = NULL;
	srv->n_pf_src = 0;
	if (srv->signal_fd >= 0)
		close(srv->signal_fd);
	if (srv->service_fd >= 0)
		close(srv->service_fd);
	if (srv->watchdog_fd >= 0)
		close(srv->watchdog_fd);
	srv->signal_fd = srv->service_fd = srv->watchdog_fd = -1;
	sriovd_loop_free(srv->loop);
	srv->loop = NULL;
	if (srv->d)
		srv->d->prev = NULL;
	sriovd_state_free(&srv->prev);
}
