/* SPDX-License-Identifier: BSD-2-Clause */
/* The blocking-serve adapter: while paused, the backend's serve() is not
 * running; after resume it runs again; stop joins. */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <cmocka.h>

#include "serve_thread.h"

/* What the fake serve() shares with the test, under its own lock. */
static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool inside;
	unsigned int entries;
} fake = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, 0 };

static int blocking_serve(void *handle, volatile sig_atomic_t *stop, struct sriov_error *err)
{
	(void)handle;
	(void)err;
	pthread_mutex_lock(&fake.mu);
	fake.inside = true;
	fake.entries++;
	pthread_cond_broadcast(&fake.cv);
	pthread_mutex_unlock(&fake.mu);
	while (!*stop)
		sched_yield();
	pthread_mutex_lock(&fake.mu);
	fake.inside = false;
	pthread_mutex_unlock(&fake.mu);
	return 0;
}

static const struct sriov_backend_ops ops = { .serve = blocking_serve };
static const struct sriov_backend be = { .name = "blocking", .ops = &ops };

/* Waits (on a condition, not a sleep) until serve() has been entered @n times. */
static void wait_entries(unsigned int n)
{
	pthread_mutex_lock(&fake.mu);
	while (fake.entries < n)
		pthread_cond_wait(&fake.cv, &fake.mu);
	pthread_mutex_unlock(&fake.mu);
}

static bool inside(void)
{
	bool v;

	pthread_mutex_lock(&fake.mu);
	v = fake.inside;
	pthread_mutex_unlock(&fake.mu);
	return v;
}

static void pause_means_not_serving(void **state)
{
	struct sriovd_serve_thread *t;
	int handle;

	(void)state;
	assert_int_equal(sriovd_serve_thread_start(&be, &handle, &t), 0);
	assert_ptr_equal(sriovd_serve_thread_handle(t), &handle);
	wait_entries(1);
	sriovd_serve_thread_pause(t);
	assert_false(inside());
	sriovd_serve_thread_pause(t);          /* nested */
	sriovd_serve_thread_resume(t);
	assert_false(inside());                /* still paused once */
	assert_int_equal(fake.entries, 1);
	sriovd_serve_thread_resume(t);
	wait_entries(2);
	sriovd_serve_thread_stop(t);
	assert_false(inside());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pause_means_not_serving),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
