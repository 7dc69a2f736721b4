/* SPDX-License-Identifier: BSD-2-Clause */
/* The API without HTTP: every route, and every kind of bad request is
 * refused with {error, where} and leaves the devices as they were. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "api.h"
#include "server.h"
#include "sriovd_test_util.h"

static const char conf_a[] =
	"PF { device : \"0000:01:00.0\"; num_vfs : 2; }\n"
	"VF-0 { mac-addr : \"02:00:00:00:01:00\"; }\n"
	"VF-1 { mac-addr : \"02:00:00:00:01:01\"; }\n";

struct fixture {
	struct test_env t;
	struct sriovd_server srv;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	test_env_init(&f->t);
	test_env_write_conf(&f->t, "a.conf", conf_a);
	if (sriovd_server_boot(&f->srv, &f->t.d, false))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	sriovd_server_fini(&f->srv);
	test_env_fini(&f->t);
	free(f);
	return 0;
}

/* Runs one request as an allowed peer; returns the parsed body (or NULL
 * for non-JSON) and the status. */
static json_t *call(struct fixture *f, const char *method, const char *path, const char *body,
		    unsigned int *status)
{
	struct sriovd_request rq = {
		.method = method, .path = path, .body = body, .body_len = body ? strlen(body) : 0,
		.authenticated = true, .uid = 0,
	};
	struct sriovd_response rs;
	json_t *j;

	sriovd_api_handle(&f->t.d, &rq, &rs);
	*status = rs.status;
	j = rs.content_type && strcmp(rs.content_type, "application/json") == 0
		? json_loadb(rs.body, rs.len, 0, NULL) : NULL;
	free(rs.body);
	return j;
}

/* Asserts an error response names @where and says @msg. */
static void expect_error(json_t *j, const char *where, const char *msg)
{
	assert_non_null(j);
	assert_true(json_is_string(json_object_get(j, "error")));
	assert_true(json_is_string(json_object_get(j, "where")));
	if (where)
		assert_string_equal(json_string_value(json_object_get(j, "where")), where);
	if (msg && !strstr(json_string_value(json_object_get(j, "error")), msg)) {
		char *all = json_dumps(j, 0);

		fail_msg("error does not say '%s': %s", msg, all);
	}
	json_decref(j);
}

static void lists_pfs_with_vf_status(void **state)
{
	struct fixture *f = *state;
	unsigned int st;
	json_t *j = call(f, "GET", "/v1/pfs", NULL, &st), *pf, *vf;

	assert_int_equal(st, 200);
	/* Every VF's status of the PF in one status pass. */
	assert_int_equal(fake_world.dev[0].status_passes, 1);
	assert_int_equal(fake_world.dev[0].status_outside_pass, 0);
	assert_false(fake_world.dev[0].in_pass);
	pf = json_array_get(json_object_get(j, "pfs"), 0);
	assert_string_equal(json_string_value(json_object_get(pf, "device")), "0000:01:00.0");
	assert_int_equal(json_integer_value(json_object_get(pf, "num_vfs")), 2);
	vf = json_array_get(json_object_get(pf, "vfs"), 1);
	assert_string_equal(json_string_value(json_object_get(vf, "pci_address")), "0000:01:02.1");
	assert_string_equal(json_string_value(json_object_get(json_object_get(vf, "live"),
							      "mac-addr")), "02:00:00:00:01:01");
	assert_true(json_is_false(json_object_get(json_object_get(vf, "live"), "trust")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(vf,
			 "status"), "counters"), "spoof_dropped")), 1);
	json_decref(j);

	j = call(f, "GET", "/v1/pfs/0000:01:00.0/vfs/0", NULL, &st);
	assert_int_equal(st, 200);
	/* One VF alone needs no pass. */
	assert_int_equal(fake_world.dev[0].status_outside_pass, 1);
	json_decref(j);
	j = call(f, "GET", "/v1/pfs/0000:01:00.0", NULL, &st);
	assert_int_equal(st, 200);
	assert_int_equal(fake_world.dev[0].status_passes, 2);
	assert_int_equal(fake_world.dev[0].status_outside_pass, 1);
	assert_int_equal(json_integer_value(json_object_get(j, "vf")), 0);
	json_decref(j);
	expect_error(call(f, "GET", "/v1/pfs/0000:01:00.0/vfs/2", NULL, &st), "2", "no VF-2");
	assert_int_equal(st, 404);
	expect_error(call(f, "GET", "/v1/pfs/0000:09:00.0", NULL, &st), "0000:09:00.0", "no PF");
	assert_int_equal(st, 404);
	expect_error(call(f, "GET", "/v1/pfs/0000:01:00.0/vfs/01", NULL, &st), "01", "not a VF");
	expect_error(call(f, "GET", "/v1/nothing", NULL, &st), NULL, "no GET /v1/nothing");
	assert_int_equal(st, 404);
}

static void schema_lists_keys_and_json_types(void **state)
{
	struct fixture *f = *state;
	unsigned int st;
	json_t *j = call(f, "GET", "/v1/pfs/0000:01:00.0/schema", NULL, &st), *vf;
	char *text;

	assert_int_equal(st, 200);
	vf = json_object_get(j, "vf");
	text = json_dumps(vf, 0);
	assert_non_null(strstr(text, "\"name\": \"trust\""));
	assert_non_null(strstr(text, "\"json_type\": \"an integer 1..16\""));
	free(text);
	json_decref(j);
	j = call(f, "GET", "/v1/schema/fake", NULL, &st);
	assert_int_equal(st, 200);
	json_decref(j);
	expect_error(call(f, "GET", "/v1/schema/nope", NULL, &st), "nope", "no backend");
}

static void plan_is_a_dry_run_with_modes(void **state)
{
	struct fixture *f = *state;
	unsigned int st, applies = fake_world.dev[0].applies;
	json_t *j, *ch;

	j = call(f, "POST", "/v1/plan", "{\"name\": \"edit.conf\", \"config\": "
		 "\"PF { device : \\\"0000:01:00.0\\\"; num_vfs : 3; }\"}", &st);
	assert_int_equal(st, 200);
	assert_true(json_is_true(json_object_get(j, "disruptive")));
	ch = json_array_get(json_object_get(json_array_get(json_object_get(j, "pfs"), 0),
					    "changes"), 0);
	assert_string_equal(json_string_value(json_object_get(ch, "key")), "num_vfs");
	assert_string_equal(json_string_value(json_object_get(ch, "mode")), "disruptive");
	json_decref(j);
	assert_int_equal(fake_world.dev[0].applies, applies);

	/* The directory as it stands: nothing to do. */
	j = call(f, "POST", "/v1/plan", NULL, &st);
	assert_int_equal(st, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "changes")), 0);
	json_decref(j);

	/* An invalid config names file:line:col and changes nothing. */
	expect_error(call(f, "POST", "/v1/apply", "{\"name\": \"bad.conf\", \"config\": "
			  "\"PF { device : \\\"0000:01:00.0\\\"; num_vfs : 2; }\\nVF-0 { trust : 3; }\"}",
			  &st), NULL, "invalid");
	assert_int_equal(st, 422);
	assert_int_equal(fake_world.dev[0].applies, applies);
}

static void apply_with_text_changes_the_device(void **state)
{
	struct fixture *f = *state;
	unsigned int st;
	json_t *j;

	j = call(f, "POST", "/v1/apply", "{\"config\": \"PF { device : \\\"0000:01:00.0\\\"; "
		 "num_vfs : 2; }\\nVF-1 { mac-addr : \\\"02:00:00:00:01:77\\\"; }\"}", &st);
	assert_int_equal(st, 200);
	assert_true(json_is_true(json_object_get(j, "applied")));
	/* VF-0 leaves mac-addr unset: unmanaged, so only VF-1 changes. */
	assert_int_equal(json_integer_value(json_object_get(j, "changes")), 1);
	json_decref(j);
	assert_string_equal(fake_value(0, 1, "mac-addr"), "02:00:00:00:01:77");
	/* Reloading the directory puts the file's value back. */
	j = call(f, "POST", "/v1/reload", NULL, &st);
	assert_int_equal(st, 200);
	assert_true(json_is_true(json_object_get(j, "applied")));
	assert_int_equal(json_integer_value(json_object_get(j, "changes")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "released")), 0);
	assert_true(json_is_array(json_object_get(j, "not_released")));
	json_decref(j);
	assert_string_equal(fake_value(0, 1, "mac-addr"), "02:00:00:00:01:01");
	/* A reload reads the directory: a text goes to /v1/apply. */
	expect_error(call(f, "POST", "/v1/reload", "{\"config\": \"PF { }\"}", &st), "body",
		     "a reload reads the configuration directory");
	assert_int_equal(st, 400);
}

static void set_and_reset_one_vf(void **state)
{
	struct fixture *f = *state;
	unsigned int st;
	json_t *j;

	j = call(f, "PATCH", "/v1/pfs/0000:01:00.0/vfs/1",
		 "{\"trust\": true, \"vlan\": 100, \"link-state\": \"enable\"}", &st);
	assert_int_equal(st, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "changes")), 3);
	json_decref(j);
	assert_string_equal(fake_value(0, 1, "trust"), "true");
	assert_string_equal(fake_value(0, 1, "vlan"), "100");
	assert_string_equal(fake_value(0, 0, "trust"), "false");
	j = call(f, "POST", "/v1/pfs/0000:01:00.0/vfs/1/reset", NULL, &st);
	assert_int_equal(st, 200);
	json_decref(j);
	assert_int_equal(fake_world.dev[0].vf_resets[1], 1);
	assert_int_equal(fake_world.dev[0].vf_resets[0], 0);
}

/* Each bad request: its status, where, message; then nothing changed. */
static void bad_requests_change_nothing(void **state)
{
	static const struct {
		const char *method, *path, *body;
		unsigned int status;
		const char *where, *msg;
	} bad[] = {
		{ "PATCH", "/v1/pfs/0000:01:00.0/vfs/0", "{\"trust\": tru", 400, NULL, "malformed JSON" },
		{ "PATCH", "/v1/pfs/0000:01:00.0/vfs/0", "[1]", 400, "body", "JSON object" },
		{ "PATCH", "/v1/pfs/0000:01:00.0/vfs/0", "{\"trust\": \"yes\"}", 400, "trust",
		  "expected a boolean" },
		{ "PATCH", "/v1/pfs/0000:01:00.0/vfs/0", "{\"num-queues\": 17}", 400, "num-queues",
		  "an integer 1..16" },
		{ "PATCH", "/v1/pfs/0000:01:00.0/vfs/0", "{\"num-queues\": 4.0}", 400, "num-queues",
		  "got 4.0" },
		{ "PATCH", "/v1/pfs/0000:01:00.0/vfs/0", "{\"mac-addr\": \"01:00:00:00:00:01\"}", 400,
		  "mac-addr", "multicast" },
		{ "PATCH", "/v1/pfs/0000:01:00.0/vfs/0", "{\"vlan\": 4095}", 400, "vlan", "0..4094" },
		{ "PATCH", "/v1/pfs/0000:01:00.0/vfs/0", "{\"colour\": \"red\"}", 400, "colour",
		  "no VF key" },
		/* one good key and one bad: the good one is not applied either */
		{ "PATCH", "/v1/pfs/0000:01:00.0/vfs/0", "{\"trust\": true, \"vlan\": -1}", 400,
		  "vlan", "expected" },
		{ "PATCH", "/v1/pfs/0000:01:00.0/vfs/0", "{\"trust\": true, \"trust\": false}", 400,
		  NULL, "duplicate" },
		{ "PATCH", "/v1/pfs/0000:01:00.0/vfs/7", "{\"trust\": true}", 404, NULL, "no VF-7" },
		{ "PATCH", "/v1/pfs/0000:01:00.0/vfs/-1", "{\"trust\": true}", 404, "-1", "not a VF" },
		{ "PATCH", "/v1/pfs/eth9/vfs/0", "{\"trust\": true}", 404, "eth9", "no PF" },
		{ "DELETE", "/v1/pfs/0000:01:00.0/vfs/0", NULL, 405, NULL, "not allowed" },
		{ "POST", "/v1/apply", "{\"config\": 5}", 400, "body", "expected" },
		{ "POST", "/v1/apply", "{\"config\": \"\", \"force\": true}", 400, "body", "nothing else" },
		{ "POST", "/v1/pools/none/claim", NULL, 404, "none", "no pool" },
		{ "DELETE", "/v1/leases/123", NULL, 404, "123", "no lease" },
	};
	struct fixture *f = *state;
	unsigned int applies = fake_world.dev[0].applies;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		unsigned int st;
		json_t *j = call(f, bad[i].method, bad[i].path, bad[i].body, &st);

		if (st != bad[i].status)
			fail_msg("%s %s %s: status %u, expected %u", bad[i].method, bad[i].path,
				 bad[i].body ? bad[i].body : "", st, bad[i].status);
		expect_error(j, bad[i].where, bad[i].msg);
	}
	assert_int_equal(fake_world.dev[0].applies, applies);
	assert_string_equal(fake_value(0, 0, "trust"), "false");
}

static void transport_refusals(void **state)
{
	struct fixture *f = *state;
	struct sriovd_request rq = {
		.method = "PATCH", .path = "/v1/pfs/0000:01:00.0/vfs/0", .body = "{\"trust\": true}",
		.body_len = 15, .authenticated = false, .uid = 1000,
	};
	struct sriovd_response rs;

	sriovd_api_handle(&f->t.d, &rq, &rs);
	assert_int_equal(rs.status, 403);
	assert_non_null(strstr(rs.body, "uid 1000 is not allowed"));
	free(rs.body);
	rq.authenticated = true;
	rq.body_too_large = true;
	sriovd_api_handle(&f->t.d, &rq, &rs);
	assert_int_equal(rs.status, 413);
	free(rs.body);
	rq.body_too_large = false;
	rq.read_only = true;
	sriovd_api_handle(&f->t.d, &rq, &rs);
	assert_int_equal(rs.status, 403);
	assert_non_null(strstr(rs.body, "read-only"));
	free(rs.body);
	assert_string_equal(fake_value(0, 0, "trust"), "false");
	assert_true(f->t.d.count.api_rejected >= 3);
}

static void pool_claims_until_busy(void **state)
{
	struct fixture *f = *state;
	unsigned int st;
	json_t *a, *b;

	a = call(f, "POST", "/v1/pools/pf_0000_01_00_0/claim", NULL, &st);
	assert_int_equal(st, 200);
	b = call(f, "POST", "/v1/pools/pf_0000_01_00_0/claim", NULL, &st);
	assert_int_equal(st, 200);
	assert_int_not_equal(json_integer_value(json_object_get(a, "vf")),
			     json_integer_value(json_object_get(b, "vf")));
	assert_true(json_is_string(json_object_get(a, "vf_token")));
	expect_error(call(f, "POST", "/v1/pools/pf_0000_01_00_0/claim", NULL, &st), NULL, "leased");
	assert_int_equal(st, 409);
	json_decref(call(f, "GET", "/v1/leases", NULL, &st));
	assert_int_equal(st, 200);
	json_decref(a);
	json_decref(b);
}

/* DELETE .../vfs: a dry run changes nothing; the real one removes every VF
 * and the PF's leases; a second finds none (ECHILD); reload brings them back. */
static void delete_vfs_then_reload(void **state)
{
	struct fixture *f = *state;
	unsigned int st, applies = fake_world.dev[0].applies;
	json_t *j, *ch;

	json_decref(call(f, "POST", "/v1/pools/pf_0000_01_00_0/claim", NULL, &st));
	assert_int_equal(st, 200);
	j = call(f, "DELETE", "/v1/pfs/0000:01:00.0/vfs", "{\"dry_run\": true}", &st);
	assert_int_equal(st, 200);
	assert_true(json_is_false(json_object_get(j, "applied")));
	ch = json_array_get(json_object_get(j, "changes"), 0);
	assert_string_equal(json_string_value(json_object_get(ch, "key")), "num_vfs");
	assert_string_equal(json_string_value(json_object_get(ch, "new")), "0");
	json_decref(j);
	assert_int_equal(fake_world.dev[0].applies, applies);
	assert_int_equal(fake_world.dev[0].num_vfs, 2);
	expect_error(call(f, "DELETE", "/v1/pfs/0000:01:00.0/vfs", "{\"dry_run\": 1}", &st),
		     "body", "dry_run");
	assert_int_equal(st, 400);
	expect_error(call(f, "DELETE", "/v1/pfs/0000:09:00.0/vfs", NULL, &st), "0000:09:00.0",
		     "no PF");
	assert_int_equal(st, 404);
	assert_int_equal(fake_world.dev[0].num_vfs, 2);

	j = call(f, "DELETE", "/v1/pfs/0000:01:00.0/vfs", NULL, &st);
	assert_int_equal(st, 200);
	assert_true(json_is_true(json_object_get(j, "applied")));
	json_decref(j);
	assert_int_equal(fake_world.dev[0].num_vfs, 0);
	assert_int_equal(f->t.d.n_lease, 0);
	expect_error(call(f, "DELETE", "/v1/pfs/0000:01:00.0/vfs", NULL, &st), "0000:01:00.0",
		     "No child processes");
	assert_int_equal(st, 409);
	/* Unmanaged now: no pool offers its VFs. */
	expect_error(call(f, "POST", "/v1/pools/pf_0000_01_00_0/claim", NULL, &st), NULL, NULL);
	assert_true(st >= 400);

	json_decref(call(f, "POST", "/v1/reload", NULL, &st));
	assert_int_equal(st, 200);
	assert_int_equal(fake_world.dev[0].num_vfs, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(lists_pfs_with_vf_status, setup, teardown),
		cmocka_unit_test_setup_teardown(schema_lists_keys_and_json_types, setup, teardown),
		cmocka_unit_test_setup_teardown(plan_is_a_dry_run_with_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(apply_with_text_changes_the_device, setup, teardown),
		cmocka_unit_test_setup_teardown(set_and_reset_one_vf, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_requests_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(transport_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(pool_claims_until_busy, setup, teardown),
		cmocka_unit_test_setup_teardown(delete_vfs_then_reload, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
