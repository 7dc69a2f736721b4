/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sriovd-load: N threads, each sending M requests to sriovd through
 * lib/client; prints requests/s and the per-request p50/p99. A load
 * generator for the integration test, not an assertion.
 * Usage: sriovd-load SOCKET CLIENTS REQUESTS PATH
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sriov/client.h>

#define MAX_CLIENTS 256

struct worker {
	const char *socket, *path;
	int requests, ok;
	double *lat;     /* seconds, one per request */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *run(void *arg)
{
	struct worker *w = arg;
	struct sriov_client *c;

	if (sriov_client_new(w->socket, &c))
		return NULL;
	for (int i = 0; i < w->requests; i++) {
		double t0 = now();
		char *resp = NULL;
		int status;

		if (sriov_client_request(c, "GET", w->path, NULL, &status, &resp) == 0 &&
		    status == 200)
			w->ok++;
		w->lat[i] = now() - t0;
		free(resp);
	}
	sriov_client_free(c);
	return NULL;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	struct worker w[MAX_CLIENTS];
	pthread_t th[MAX_CLIENTS];
	int clients, requests, ok = 0;
	double t0, t1, *all;
	size_t n;

	if (argc != 5 || (clients = atoi(argv[2])) < 1 || clients > MAX_CLIENTS ||
	    (requests = atoi(argv[3])) < 1 || requests > 1000000) {
		fprintf(stderr, "usage: sriovd-load SOCKET CLIENTS(1..%d) REQUESTS PATH\n", MAX_CLIENTS);
		return 2;
	}
	n = (size_t)clients * (size_t)requests;
	all = calloc(n, sizeof(*all));
	if (!all)
		return 1;
	t0 = now();
	for (int i = 0; i < clients; i++) {
		w[i] = (struct worker){ argv[1], argv[4], requests, 0, all + (size_t)i * requests };
		if (pthread_create(&th[i], NULL, run, &w[i]))
			return 1;
	}
	for (int i = 0; i < clients; i++) {
		pthread_join(th[i], NULL);
		ok += w[i].ok;
	}
	t1 = now();
	qsort(all, n, sizeof(*all), cmp);
	printf("%d clients x %d GET %s: %d/%zu ok in %.3f s = %.0f requests/s, p50 %.2f ms, "
	       "p99 %.2f ms\n", clients, requests, argv[4], ok, n, t1 - t0, ok / (t1 - t0),
	       all[n / 2] * 1e3, all[n * 99 / 100] * 1e3);
	free(all);
	return (size_t)ok == n ? 0 : 1;
}
