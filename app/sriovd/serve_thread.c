/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "serve_thread.h"

struct sriovd_serve_thread {
	const struct sriov_backend *be;
	void *handle;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	volatile sig_atomic_t stop;   /* what serve() polls */
	unsigned int paused;          /* nested pause count */
	bool in_serve;
	bool failed;                  /* serve() returned an error: wait for a resume */
	bool quit;
};

static void *serve_main(void *arg)
{
	struct sriovd_serve_thread *t = arg;

	pthread_mutex_lock(&t->mu);
	while (!t->quit) {
		struct sriov_error err = { 0 };
		int rc;

		if (t->paused || t->failed) {
			pthread_cond_wait(&t->cv, &t->mu);
			continue;
		}
		t->stop = 0;
		t->in_serve = true;
		pthread_mutex_unlock(&t->mu);
		rc = t->be->ops->serve(t->handle, &t->stop, &err);
		pthread_mutex_lock(&t->mu);
		t->in_serve = false;
		if (rc && !t->stop) {
			/* Not asked to stop: the backend gave up; say so, retry on resume. */
			fprintf(stderr, "<3>mailbox service stopped: %s\n", err.message);
			t->failed = true;
		}
		pthread_cond_broadcast(&t->cv);
	}
	pthread_mutex_unlock(&t->mu);
	return NULL;
}

int sriovd_serve_thread_start(const struct sriov_backend *be, void *handle,
			      struct sriovd_serve_thread **out)
{
	struct sriovd_serve_thread *t = calloc(1, sizeof(*t));
	int rc;

	*out = NULL;
	if (!t)
		return -ENOMEM;
	t->be = be;
	t->handle = handle;
	pthread_mutex_init(&t->mu, NULL);
	pthread_cond_init(&t->cv, NULL);
	rc = pthread_create(&t->th, NULL, serve_main, t);
	if (rc) {
		pthread_mutex_destroy(&t->mu);
		pthread_cond_destroy(&t->cv);
		free(t);
		return -rc;
	}
	*out = t;
	return 0;
}

void sriovd_serve_thread_pause(struct sriovd_serve_thread *t)
{
	pthread_mutex_lock(&t->mu);
	t->paused++;
	t->stop = 1;
	while (t->in_serve)
		pthread_cond_wait(&t->cv, &t->mu);
	pthread_mutex_unlock(&t->mu);
}

void sriovd_serve_thread_resume(struct sriovd_serve_thread *t)
{
	pthread_mutex_lock(&t->mu);
	if (t->paused)
		t->paused--;
	t->failed = false;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
}

void sriovd_serve_thread_stop(struct sriovd_serve_thread *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	t->quit = true;
	t->stop = 1;
	pthread_cond_broadcast(&t->cv);
	pthread_mutex_unlock(&t->mu);
	pthread_join(t->th, NULL);
	pthread_mutex_destroy(&t->mu);
	pthread_cond_destroy(&t->cv);
	free(t);
}

void *sriovd_serve_thread_handle(const struct sriovd_serve_thread *t)
{
	return t->handle;
}
