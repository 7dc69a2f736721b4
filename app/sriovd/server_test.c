/* SPDX-License-Identifier: BSD-2-Clause */
/* Boot order, reload by difference, restart by adoption, and the API over
 * the real socket (peer credentials, body limit, many clients at once). */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include <sriov/client.h>

#include "persist.h"
#include "pool.h"
#include "server.h"
#include "sriovd_test_util.h"

static const char conf_a[] =
	"PF { device : \"0000:01:00.0\"; num_vfs : 2; }\n"
	"VF-0 { mac-addr : \"02:00:00:00:01:00\"; }\n"
	"VF-1 { mac-addr : \"02:00:00:00:01:01\"; }\n";
static const char conf_a_edited[] =
	"PF { device : \"0000:01:00.0\"; num_vfs : 2; }\n"
	"VF-0 { mac-addr : \"02:00:00:00:01:00\"; }\n"
	"VF-1 { mac-addr : \"02:00:00:00:01:99\"; }\n";
static const char conf_b[] =
	"PF { device : \"0000:02:00.0\"; num_vfs : 3; }\n"
	"DEFAULT { trust : true; }\n";
static const char conf_broken[] =
	"PF { device : \"0000:02:00.0\"; num_vfs : 3; }\n"
	"VF-0 { trust : maybe; }\n";

static void boot_applies_everything_then_ready(void **state)
{
	struct sriovd_server srv;
	struct test_env t;
	int ready, last_commit;

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	test_env_write_conf(&t, "b.conf", conf_b);
	assert_int_equal(sriovd_server_boot(&srv, &t.d, false), 0);
	ready = fake_log_find("READY=1");
	last_commit = fake_log_rfind("commit");
	assert_true(ready > 0);
	assert_true(last_commit > 0);
	assert_true(ready > last_commit);
	/* Both files were validated (both opened) before the first change. */
	assert_true(fake_log_find("open 0000:02:00.0") < fake_log_find("apply"));
	assert_int_equal(fake_world.dev[0].num_vfs, 2);
	assert_int_equal(fake_world.dev[1].num_vfs, 3);
	assert_string_equal(fake_value(0, 1, "mac-addr"), "02:00:00:00:01:01");
	assert_string_equal(fake_value(1, 2, "trust"), "true");
	assert_int_equal(access(t.k8s, R_OK), 0);
	sriovd_server_fini(&srv);
	test_env_fini(&t);
}

static void broken_file_stops_boot_and_applies_nothing(void **state)
{
	struct sriovd_server srv;
	struct test_env t;

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	test_env_write_conf(&t, "b.conf", conf_broken);
	assert_int_not_equal(sriovd_server_boot(&srv, &t.d, false), 0);
	assert_int_equal(fake_log_find("apply"), -1);
	assert_int_equal(fake_log_find("READY=1"), -1);
	assert_int_equal(fake_world.dev[0].num_vfs, 0);
	assert_int_equal(fake_world.dev[0].open, false);   /* nothing held */
	assert_int_equal(t.d.count.apply[SRIOVD_APPLY_INVALID], 1);
	sriovd_server_fini(&srv);
	test_env_fini(&t);
}

static void reload_applies_only_the_difference(void **state)
{
	struct sriovd_server srv;
	struct test_env t;
	unsigned int b_applies;

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	test_env_write_conf(&t, "b.conf", conf_b);
	assert_int_equal(sriovd_server_boot(&srv, &t.d, false), 0);
	b_applies = fake_world.dev[1].applies;
	fake_world.log[0] = '\0';
	test_env_write_conf(&t, "a.conf", conf_a_edited);
	assert_int_equal(sriovd_server_reload(&srv, NULL), 0);
	assert_true(fake_log_find("RELOADING=1") >= 0);
	assert_true(fake_log_find("apply VF-1 mac-addr") >= 0);
	assert_int_equal(fake_log_find("apply num_vfs"), -1);
	assert_int_equal(fake_log_find("apply VF-0"), -1);
	assert_int_equal(fake_world.dev[0].recreations, 1);   /* only the boot's */
	assert_int_equal(fake_world.dev[1].applies, b_applies);
	assert_string_equal(fake_value(0, 1, "mac-addr"), "02:00:00:00:01:99");
	assert_true(fake_log_rfind("READY=1") > fake_log_find("apply VF-1 mac-addr"));

	/* A broken edit is refused whole and leaves the running state alone. */
	fake_world.log[0] = '\0';
	test_env_write_conf(&t, "b.conf", conf_broken);
	test_env_write_conf(&t, "a.conf", conf_a);
	assert_int_not_equal(sriovd_server_reload(&srv, NULL), 0);
	assert_int_equal(fake_log_find("apply"), -1);
	assert_string_equal(fake_value(0, 1, "mac-addr"), "02:00:00:00:01:99");
	sriovd_server_fini(&srv);
	test_env_fini(&t);
}

/* A file removed + reload: that PF's VFs are deleted and it is closed; the
 * other PF is not touched. The file back + reload opens the PF again. */
static void removed_file_releases_only_its_pf(void **state)
{
	struct sriovd_reload_result res;
	struct sriovd_server srv;
	struct test_env t;
	char path[400];
	unsigned int a_applies;

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	test_env_write_conf(&t, "b.conf", conf_b);
	assert_int_equal(sriovd_server_boot(&srv, &t.d, false), 0);
	a_applies = fake_world.dev[0].applies;
	fake_world.log[0] = '\0';
	snprintf(path, sizeof(path), "%s/b.conf", t.conf_dir);
	assert_int_equal(unlink(path), 0);
	sriovd_reload_result_init(&res);
	assert_int_equal(sriovd_server_reload(&srv, &res), 0);
	assert_int_equal(json_array_size(res.released), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(res.released, 0),
							      "device")), "0000:02:00.0");
	assert_string_equal(json_string_value(json_object_get(json_array_get(res.released, 0),
							      "file")), path);
	assert_int_equal(json_array_size(res.not_released), 0);
	sriovd_reload_result_fini(&res);
	assert_int_equal(fake_world.dev[1].num_vfs, 0);
	assert_false(fake_world.dev[1].open);
	assert_true(fake_log_find("close 0000:02:00.0") > fake_log_find("apply num_vfs"));
	assert_int_equal(fake_world.dev[0].applies, a_applies);
	assert_int_equal(fake_world.dev[0].num_vfs, 2);
	assert_true(fake_world.dev[0].open);
	assert_int_equal(t.d.n_pf, 1);
	assert_string_equal(t.d.pf[0].device, "0000:01:00.0");

	test_env_write_conf(&t, "b.conf", conf_b);
	assert_int_equal(sriovd_server_reload(&srv, NULL), 0);
	assert_true(fake_world.dev[1].open);
	assert_int_equal(fake_world.dev[1].num_vfs, 3);
	assert_int_equal(fake_world.dev[0].applies, a_applies);
	assert_int_equal(t.d.n_pf, 2);
	sriovd_server_fini(&srv);
	test_env_fini(&t);
}

static void failed_apply_puts_earlier_pfs_back(void **state)
{
	struct sriovd_server srv;
	struct test_env t;

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	test_env_write_conf(&t, "b.conf", conf_b);
	assert_int_equal(sriovd_server_boot(&srv, &t.d, false), 0);
	/* a.conf changes first and succeeds; b's first step fails. */
	test_env_write_conf(&t, "a.conf", conf_a_edited);
	test_env_write_conf(&t, "b.conf", "PF { device : \"0000:02:00.0\"; num_vfs : 3; }\n"
			    "DEFAULT { trust : false; }\n");
	fake_world.dev[1].fail_apply_at = fake_world.dev[1].applies + 1;
	assert_int_not_equal(sriovd_server_reload(&srv, NULL), 0);
	assert_string_equal(fake_value(0, 1, "mac-addr"), "02:00:00:00:01:01");
	assert_string_equal(fake_value(1, 0, "trust"), "true");
	assert_int_equal(t.d.count.apply[SRIOVD_APPLY_ROLLED_BACK], 1);
	sriovd_server_fini(&srv);
	test_env_fini(&t);
}

/* --on-stop=close: the stop shuts the PF down instead of leaving it to an
 * fd store that a service manager may empty. */
static void stop_closes_with_on_stop_close(void **state)
{
	struct sriovd_server srv;
	struct test_env t;

	(void)state;
	test_env_init(&t);
	t.d.opt.on_stop = SRIOVD_STOP_CLOSE;
	test_env_write_conf(&t, "a.conf", conf_a);
	assert_int_equal(sriovd_server_boot(&srv, &t.d, false), 0);
	sriovd_server_fini(&srv);
	fake_world.log[0] = '\0';
	test_env_restart(&t);
	assert_true(fake_log_find("close 0000:01:00.0") >= 0);
	assert_int_equal(fake_log_find("detach"), -1);
	test_env_fini(&t);
}

static void restart_adopts_without_reset(void **state)
{
	struct sriovd_lease lease;
	struct sriovd_server srv;
	struct test_env t;
	char token[40];

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	assert_int_equal(sriovd_server_boot(&srv, &t.d, false), 0);
	snprintf(token, sizeof(token), "%s", fake_world.dev[0].token);
	assert_int_equal(strlen(token), 36);
	assert_int_equal(sriovd_lease_claim(&t.d, "pf_0000_01_00_0", 1000, &lease), 0);
	assert_int_equal(sriovd_persist(&t.d), 0);
	sriovd_server_fini(&srv);
	/* While sriovd is down someone turns trust on for VF-1. */
	fake_world.dev[0].vf[1].v[fake_param("trust")].b = true;
	/* The daemon stops; it detaches (the VFs keep running), never closes. */
	test_env_restart(&t);
	assert_true(fake_log_find("detach 0000:01:00.0") >= 0);
	assert_int_equal(fake_log_find("close 0000:01:00.0"), -1);
	fake_world.log[0] = '\0';
	assert_int_equal(sriovd_server_boot(&srv, &t.d, false), 0);
	assert_true(fake_log_find("adopt 0000:01:00.0") >= 0);
	assert_int_equal(fake_log_find("adopt with a different token"), -1);
	/* The drift is counted and the file's value put back, nothing else. */
	assert_int_equal(t.d.count.drift_items, 1);
	assert_true(fake_log_find("apply VF-1 trust") >= 0);
	assert_int_equal(fake_log_find("apply num_vfs"), -1);
	assert_int_equal(fake_log_find("apply VF-0"), -1);
	assert_string_equal(fake_value(0, 1, "trust"), "false");
	assert_int_equal(t.d.n_lease, 1);
	assert_string_equal(t.d.lease[0].id, lease.id);
	assert_int_equal(fake_world.dev[0].pf_resets, 0);
	assert_true(fake_log_find("READY=1") >= 0);
	assert_true(t.d.pf[0].adopted);
	assert_string_equal(t.d.pf[0].vf_token, token);
	sriovd_server_fini(&srv);

	/* A broken file at the next start: adopted, refused, let go, not stopped. */
	test_env_restart(&t);
	fake_world.log[0] = '\0';
	test_env_write_conf(&t, "a.conf", "PF { device : \"0000:01:00.0\"; num_vfs : x; }\n");
	assert_int_not_equal(sriovd_server_boot(&srv, &t.d, false), 0);
	assert_true(fake_log_find("adopt 0000:01:00.0") >= 0);
	assert_true(fake_log_find("detach 0000:01:00.0") >= 0);
	assert_int_equal(fake_log_find("close"), -1);
	assert_int_equal(fake_world.dev[0].num_vfs, 2);
	assert_int_equal(fake_world.dev[0].pf_resets, 0);
	sriovd_server_fini(&srv);
	test_env_fini(&t);
}

/* Runs the loop in a thread so this thread can be the API's client. */
struct loop_thread {
	struct sriovd_server srv;
	pthread_t th;
};

static void *loop_main(void *arg)
{
	struct loop_thread *lt = arg;

	sriovd_server_run(&lt->srv);
	return NULL;
}

static void start_loop(struct test_env *t, struct loop_thread *lt)
{
	assert_int_equal(sriovd_server_boot(&lt->srv, &t->d, false), 0);
	assert_int_equal(pthread_create(&lt->th, NULL, loop_main, lt), 0);
}

static void stop_loop(struct loop_thread *lt)
{
	sriovd_loop_stop(lt->srv.loop);
	pthread_join(lt->th, NULL);
	sriovd_server_fini(&lt->srv);
}

/* POST /v1/reload is SIGHUP: with PFs served by blocking threads, a removed
 * file's PF has its VFs deleted and is closed, its thread stopped first (it
 * never serves a closed PF), the other PF's thread restarted, and the reply
 * lists what was released. */
static void api_reload_releases_like_sighup(void **state)
{
	struct sriov_client *c;
	struct loop_thread lt;
	struct test_env t;
	char path[400], *resp;
	json_t *j, *rel;
	int status;

	(void)state;
	test_env_init(&t);
	t.d.ext = &fake_blocking_ext_table;
	t.d.opt.uid[0] = getuid();
	t.d.opt.n_uid = 1;
	test_env_write_conf(&t, "a.conf", conf_a);
	test_env_write_conf(&t, "b.conf", conf_b);
	start_loop(&t, &lt);
	assert_int_equal(lt.srv.n_serve, 2);
	snprintf(path, sizeof(path), "%s/b.conf", t.conf_dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(sriov_client_new(t.socket, &c), 0);
	assert_int_equal(sriov_client_request(c, "POST", "/v1/reload", NULL, &status, &resp), 0);
	assert_int_equal(status, 200);
	j = json_loads(resp, 0, NULL);
	free(resp);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(j, "applied")));
	rel = json_object_get(j, "released");
	assert_int_equal(json_array_size(rel), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(rel, 0), "device")),
			    "0000:02:00.0");
	assert_string_equal(json_string_value(json_object_get(json_array_get(rel, 0), "file")),
			    path);
	assert_int_equal(json_array_size(json_object_get(j, "not_released")), 0);
	json_decref(j);
	assert_int_equal(lt.srv.n_serve, 1);
	assert_int_equal(t.d.n_pf, 1);
	assert_int_equal(fake_world.dev[1].num_vfs, 0);
	assert_false(fake_world.dev[1].open);
	assert_true(fake_world.dev[0].open);
	assert_int_equal(fake_world.dev[0].num_vfs, 2);
	/* The API still answers (the remaining PF's thread was resumed, not left paused). */
	assert_int_equal(sriov_client_request(c, "PATCH", "/v1/pfs/0000:01:00.0/vfs/0",
					      "{\"trust\": true}", &status, &resp), 0);
	assert_int_equal(status, 200);
	free(resp);
	sriov_client_free(c);
	stop_loop(&lt);
	assert_int_equal(atomic_load(&fake_world.dev[1].served_closed), 0);
	assert_int_equal(atomic_load(&fake_world.dev[0].served_closed), 0);
	assert_true(atomic_load(&fake_world.dev[1].serve_calls) >= 1);
	test_env_fini(&t);
}

static void socket_refuses_unlisted_peer(void **state)
{
	struct sriov_client *c;
	struct loop_thread lt;
	struct test_env t;
	char *resp;
	int status;

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	t.d.opt.uid[0] = 4242;   /* not us */
	t.d.opt.n_uid = 1;
	t.d.opt.n_gid = 0;
	start_loop(&t, &lt);
	assert_int_equal(sriov_client_new(t.socket, &c), 0);
	assert_int_equal(sriov_client_request(c, "PATCH", "/v1/pfs/0000:01:00.0/vfs/0",
					      "{\"trust\": true}", &status, &resp), 0);
	assert_int_equal(status, 403);
	assert_non_null(strstr(resp, "is not allowed"));
	free(resp);
	assert_string_equal(fake_value(0, 0, "trust"), "false");
	sriov_client_free(c);
	stop_loop(&lt);
	test_env_fini(&t);
}

static void socket_serves_listed_peer_and_limits_bodies(void **state)
{
	struct sriov_vf_lease lease;
	struct sriov_client *c;
	struct loop_thread lt;
	struct test_env t;
	char *resp, *big;
	int status;

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	t.d.opt.uid[0] = getuid();
	t.d.opt.n_uid = 1;
	t.d.opt.body_limit = 1024;
	start_loop(&t, &lt);
	assert_int_equal(sriov_client_new(t.socket, &c), 0);
	assert_int_equal(sriov_client_request(c, "PATCH", "/v1/pfs/0000:01:00.0/vfs/0",
					      "{\"trust\": true}", &status, &resp), 0);
	assert_int_equal(status, 200);
	free(resp);
	assert_string_equal(fake_value(0, 0, "trust"), "true");

	big = malloc(4096);
	memset(big, ' ', 4095);
	big[0] = '{';
	memcpy(big + 4090, "}", 2);
	assert_int_equal(sriov_client_request(c, "PATCH", "/v1/pfs/0000:01:00.0/vfs/0", big,
					      &status, &resp), 0);
	assert_int_equal(status, 413);
	assert_non_null(strstr(resp, "larger than 1024"));
	free(resp);
	free(big);

	/* The client library: claim a VF of the PF's default pool, release it. */
	assert_int_equal(sriov_client_claim_vf(c, "pf_0000_01_00_0", &lease), 0);
	assert_int_equal(lease.vf, 0);
	assert_string_equal(lease.pci_address, "0000:01:02.0");
	assert_string_equal(lease.mac, "02:00:00:00:01:00");
	assert_string_equal(lease.vf_token, fake_world.dev[0].token);
	assert_int_equal(sriov_client_release_vf(c, &lease), 0);
	assert_int_equal(sriov_client_release_vf(c, &lease), -ENOENT);
	assert_int_equal(sriov_client_claim_vf(c, "no_such_pool", &lease), -ENOENT);
	sriov_client_free(c);
	stop_loop(&lt);
	test_env_fini(&t);
}

/* A port nobody listens on now (the kernel's pick for port 0). */
static int free_port(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sin);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	port = ntohs(sin.sin_port);
	close(fd);
	return port;
}

/* One HTTP/1.0 exchange over TCP; returns the status. */
static int tcp_request(int port, const char *method, const char *path)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	char req[256], resp[512];
	int fd = socket(AF_INET, SOCK_STREAM, 0), status = -1;
	size_t n = 0;
	ssize_t r;

	assert_int_equal(connect(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	snprintf(req, sizeof(req), "%s %s HTTP/1.0\r\nContent-Length: 0\r\n\r\n", method, path);
	assert_int_equal(write(fd, req, strlen(req)), (ssize_t)strlen(req));
	while (n < sizeof(resp) - 1 && (r = read(fd, resp + n, sizeof(resp) - 1 - n)) > 0)
		n += (size_t)r;
	resp[n] = '\0';
	close(fd);
	sscanf(resp, "HTTP/1.%*d %d", &status);
	return status;
}

static void tcp_listener_is_read_only(void **state)
{
	struct loop_thread lt;
	struct test_env t;
	int port = free_port();

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	t.d.opt.tcp_port = port;
	start_loop(&t, &lt);
	assert_int_equal(tcp_request(port, "GET", "/v1/health"), 200);
	assert_int_equal(tcp_request(port, "GET", "/metrics"), 200);
	assert_int_equal(tcp_request(port, "POST", "/v1/reload"), 403);
	assert_int_equal(tcp_request(port, "POST", "/v1/pools/pf_0000_01_00_0/claim"), 403);
	assert_int_equal(t.d.n_lease, 0);
	stop_loop(&lt);
	test_env_fini(&t);
}

#define LOAD_CLIENTS 16
#define LOAD_REQUESTS 200

struct load_arg {
	const char *socket;
	int ok;
};

static void *load_client(void *arg)
{
	struct load_arg *a = arg;
	struct sriov_client *c;

	if (sriov_client_new(a->socket, &c))
		return NULL;
	for (int i = 0; i < LOAD_REQUESTS; i++) {
		char *resp;
		int status;

		if (sriov_client_request(c, "GET", i % 2 ? "/v1/pfs" : "/metrics", NULL, &status,
					 &resp) == 0 && status == 200)
			a->ok++;
		free(resp);
	}
	sriov_client_free(c);
	return NULL;
}

/* Not a timed assertion: every request must succeed; the rate is printed. */
static void many_concurrent_clients(void **state)
{
	struct load_arg args[LOAD_CLIENTS];
	pthread_t th[LOAD_CLIENTS];
	struct loop_thread lt;
	struct timespec a, b;
	struct test_env t;
	int total = 0;
	double s;

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	test_env_write_conf(&t, "b.conf", conf_b);
	t.d.opt.uid[0] = getuid();
	t.d.opt.n_uid = 1;
	start_loop(&t, &lt);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < LOAD_CLIENTS; i++) {
		args[i] = (struct load_arg){ t.socket, 0 };
		assert_int_equal(pthread_create(&th[i], NULL, load_client, &args[i]), 0);
	}
	for (int i = 0; i < LOAD_CLIENTS; i++) {
		pthread_join(th[i], NULL);
		total += args[i].ok;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("load: %d clients x %d requests (GET /v1/pfs and /metrics): %d ok in %.3f s = "
	       "%.0f requests/s\n", LOAD_CLIENTS, LOAD_REQUESTS, total, s, total / s);
	assert_int_equal(total, LOAD_CLIENTS * LOAD_REQUESTS);
	stop_loop(&lt);
	test_env_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(boot_applies_everything_then_ready),
		cmocka_unit_test(broken_file_stops_boot_and_applies_nothing),
		cmocka_unit_test(reload_applies_only_the_difference),
		cmocka_unit_test(removed_file_releases_only_its_pf),
		cmocka_unit_test(failed_apply_puts_earlier_pfs_back),
		cmocka_unit_test(restart_adopts_without_reset),
		cmocka_unit_test(stop_closes_with_on_stop_close),
		cmocka_unit_test(api_reload_releases_like_sighup),
		cmocka_unit_test(socket_refuses_unlisted_peer),
		cmocka_unit_test(socket_serves_listed_peer_and_limits_bodies),
		cmocka_unit_test(tcp_listener_is_read_only),
		cmocka_unit_test(many_concurrent_clients),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
