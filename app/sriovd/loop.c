/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "loop.h"

/* Events taken per epoll_wait; more simply wait for the next round. */
#define LOOP_MAX_EVENTS 32

struct source {
	int fd;
	sriovd_loop_cb cb;
	void *ctx;
};

struct timeout_source {
	sriovd_loop_timeout_cb next;
	sriovd_loop_cb cb;
	void *ctx;
};

struct sriovd_loop {
	int epfd;
	int stopfd;
	atomic_bool stop;
	struct source **src;
	size_t n_src;
	struct timeout_source *tmo;
	size_t n_tmo;
};

struct sriovd_loop *sriovd_loop_new(void)
{
	struct sriovd_loop *l = calloc(1, sizeof(*l));
	struct epoll_event ev = { .events = EPOLLIN };

	if (!l)
		return NULL;
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	l->stopfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	ev.data.ptr = NULL;   /* NULL marks the stop eventfd */
	if (l->epfd < 0 || l->stopfd < 0 || epoll_ctl(l->epfd, EPOLL_CTL_ADD, l->stopfd, &ev)) {
		sriovd_loop_free(l);
		return NULL;
	}
	return l;
}

void sriovd_loop_free(struct sriovd_loop *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n_src; i++)
		free(l->src[i]);
	free(l->src);
	free(l->tmo);
	if (l->epfd >= 0)
		close(l->epfd);
	if (l->stopfd >= 0)
		close(l->stopfd);
	free(l);
}

int sriovd_loop_add(struct sriovd_loop *l, int fd, uint32_t events, sriovd_loop_cb cb, void *ctx)
{
	struct source **v = realloc(l->src, (l->n_src + 1) * sizeof(*v));
	struct epoll_event ev = { .events = events };
	struct source *s;

	if (!v)
		return -ENOMEM;
	l->src = v;
	s = malloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	*s = (struct source){ fd, cb, ctx };
	ev.data.ptr = s;
	if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev)) {
		int rc = -errno;

		free(s);
		return rc;
	}
	l->src[l->n_src++] = s;
	return 0;
}

int sriovd_loop_del(struct sriovd_loop *l, int fd)
{
	for (size_t i = 0; i < l->n_src; i++) {
		if (l->src[i]->fd != fd)
			continue;
		epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL);
		free(l->src[i]);
		l->src[i] = l->src[--l->n_src];
		return 0;
	}
	return -ENOENT;
}

int sriovd_loop_add_timeout(struct sriovd_loop *l, sriovd_loop_timeout_cb next, sriovd_loop_cb cb,
			    void *ctx)
{
	struct timeout_source *v = realloc(l->tmo, (l->n_tmo + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	l->tmo = v;
	l->tmo[l->n_tmo++] = (struct timeout_source){ next, cb, ctx };
	return 0;
}

void sriovd_loop_del_timeout(struct sriovd_loop *l, void *ctx)
{
	for (size_t i = 0; i < l->n_tmo;) {
		if (l->tmo[i].ctx == ctx)
			l->tmo[i] = l->tmo[--l->n_tmo];
		else
			i++;
	}
}

static int next_timeout(struct sriovd_loop *l)
{
	long best = -1;

	for (size_t i = 0; i < l->n_tmo; i++) {
		long t = l->tmo[i].next(l->tmo[i].ctx);

		if (t >= 0 && (best < 0 || t < best))
			best = t;
	}
	return best > 60000 ? 60000 : (int)best;
}

int sriovd_loop_run(struct sriovd_loop *l)
{
	struct epoll_event ev[LOOP_MAX_EVENTS];

	while (!atomic_load(&l->stop)) {
		int n = epoll_wait(l->epfd, ev, LOOP_MAX_EVENTS, next_timeout(l));

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (int i = 0; i < n && !atomic_load(&l->stop); i++) {
			struct source *s = ev[i].data.ptr;
			bool live = false;

			if (!s)
				continue;   /* the stop eventfd: the flag is checked above */
			/* A callback may have removed a later source of this round. */
			for (size_t k = 0; k < l->n_src && !live; k++)
				live = l->src[k] == s;
			if (live && s->cb)
				s->cb(s->ctx, ev[i].events);
		}
		for (size_t i = 0; i < l->n_tmo && !atomic_load(&l->stop); i++)
			if (l->tmo[i].next(l->tmo[i].ctx) == 0)
				l->tmo[i].cb(l->tmo[i].ctx, 0);
	}
	return 0;
}

void sriovd_loop_stop(struct sriovd_loop *l)
{
	uint64_t one = 1;

	atomic_store(&l->stop, true);
	if (write(l->stopfd, &one, sizeof(one)) < 0) {
		/* The counter is full: a wake-up is pending anyway. */
	}
}
