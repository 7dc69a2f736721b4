/* SPDX-License-Identifier: BSD-2-Clause */
/* The state file: what is written reads back the same; anything else is refused. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pool.h"
#include "server.h"
#include "sriovd_test_util.h"
#include "state_file.h"

static const char conf_a[] =
	"PF { device : \"0000:01:00.0\"; num_vfs : 2; }\n"
	"VF-0 { mac-addr : \"02:00:00:00:01:00\"; vlan : trunk; }\n";

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void round_trip(void **state)
{
	struct sriovd_server srv;
	struct sriovd_state st;
	struct sriovd_lease l;
	struct test_env t;
	char path[400], why[256];
	json_t *vf0;

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	assert_int_equal(sriovd_server_boot(&srv, &t.d, false), 0);
	assert_int_equal(sriovd_lease_claim(&t.d, "pf_0000_01_00_0", 1000, &l), 0);
	assert_int_equal(sriovd_state_save(&t.d, 42), 0);
	snprintf(path, sizeof(path), "%s/state.json", t.state_dir);
	assert_int_equal(sriovd_state_load(path, &st, why, sizeof(why)), 0);
	assert_int_equal(st.generation, 42);
	assert_int_equal(st.n_pf, 1);
	assert_string_equal(st.pf[0].device, "0000:01:00.0");
	assert_string_equal(st.pf[0].backend, "fake");
	assert_string_equal(st.pf[0].vf_token, t.d.pf[0].vf_token);
	assert_int_equal(st.pf[0].num_vfs, 2);
	vf0 = json_array_get(st.pf[0].vfs, 0);
	assert_string_equal(json_string_value(json_object_get(vf0, "mac-addr")), "02:00:00:00:01:00");
	assert_string_equal(json_string_value(json_object_get(vf0, "vlan")), "trunk");
	assert_true(json_is_true(json_object_get(vf0, "mac-anti-spoof")));
	assert_int_equal(st.n_lease, 1);
	assert_string_equal(st.lease[0].id, l.id);
	assert_int_equal(st.lease[0].uid, 1000);
	sriovd_state_free(&st);
	sriovd_server_fini(&srv);
	test_env_fini(&t);
}

static void refuses_what_it_did_not_write(void **state)
{
	static const char *const bad[] = {
		"not json",
		"{\"format\": \"other\", \"version\": 1, \"generation\": 0, \"pfs\": [], \"leases\": []}",
		"{\"format\": \"sriovd-state\", \"version\": 2, \"generation\": 0, \"pfs\": [], \"leases\": []}",
		"{\"format\": \"sriovd-state\", \"version\": 1, \"generation\": 0, \"pfs\": [{}], \"leases\": []}",
		"{\"format\": \"sriovd-state\", \"version\": 1, \"generation\": 0, \"pfs\": [{\"device\": "
		"\"a\", \"backend\": \"fake\", \"vf_token\": \"not-a-uuid\", \"num_vfs\": 0, \"vfs\": []}],"
		" \"leases\": []}",
		"{\"format\": \"sriovd-state\", \"version\": 1, \"generation\": 0, \"pfs\": [{\"device\": "
		"\"a\", \"backend\": \"fake\", \"vf_token\": \"8c2d1f57-5b1a-4a6e-9f3e-2b8d7c6a5e41\", "
		"\"num_vfs\": 2, \"vfs\": []}], \"leases\": []}",
		"{\"format\": \"sriovd-state\", \"version\": 1, \"generation\": 0, \"pfs\": [], "
		"\"leases\": [{\"id\": \"x\", \"pool\": \"p\", \"pf\": \"a\", \"vf\": 70000, \"uid\": 0}]}",
		"{\"format\": \"sriovd-state\", \"format\": \"sriovd-state\", \"version\": 1, "
		"\"generation\": 0, \"pfs\": [], \"leases\": []}",
	};
	struct sriovd_state st;
	struct test_env t;
	char path[400], why[512];

	(void)state;
	test_env_init(&t);
	snprintf(path, sizeof(path), "%s/state.json", t.state_dir);
	assert_int_equal(sriovd_state_load(path, &st, why, sizeof(why)), -ENOENT);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_file(path, bad[i]);
		why[0] = '\0';
		if (sriovd_state_load(path, &st, why, sizeof(why)) != -EINVAL)
			fail_msg("accepted: %s", bad[i]);
		assert_non_null(strstr(why, path));
	}
	test_env_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(refuses_what_it_did_not_write),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
