/* SPDX-License-Identifier: BSD-2-Clause */
/* The device-plugin config.json: one resource per pool, rewritten only on change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "k8s_config.h"
#include "server.h"
#include "sriovd_test_util.h"

static const char conf_a[] = "PF { device : \"0000:01:00.0\"; num_vfs : 4; }\n";
static const char conf_b[] = "PF { device : \"0000:02:00.0\"; num_vfs : 2; }\n";

static void one_pool_per_pf_by_default(void **state)
{
	struct sriovd_server srv;
	struct test_env t;
	json_error_t jerr;
	json_t *doc, *r0, *sel;

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	test_env_write_conf(&t, "b.conf", conf_b);
	assert_int_equal(sriovd_server_boot(&srv, &t.d, false), 0);
	doc = json_load_file(t.k8s, JSON_REJECT_DUPLICATES, &jerr);
	assert_non_null(doc);
	assert_int_equal(json_array_size(json_object_get(doc, "resourceList")), 2);
	r0 = json_array_get(json_object_get(doc, "resourceList"), 0);
	assert_string_equal(json_string_value(json_object_get(r0, "resourceName")), "pf_0000_01_00_0");
	assert_string_equal(json_string_value(json_object_get(r0, "resourcePrefix")), "sriovd.io");
	assert_string_equal(json_string_value(json_object_get(r0, "deviceType")), "netDevice");
	sel = json_array_get(json_object_get(r0, "selectors"), 0);
	assert_string_equal(json_string_value(json_array_get(json_object_get(sel, "rootDevices"), 0)),
			    "0000:01:00.0#0-3");
	assert_string_equal(json_string_value(json_array_get(json_object_get(sel, "drivers"), 0)),
			    "vfio-pci");
	assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(r0,
			    "additionalInfo"), "*"), "vfio_vf_token")), t.d.pf[0].vf_token);
	json_decref(doc);
	sriovd_server_fini(&srv);
	test_env_fini(&t);
}

static void named_pools_and_rewrite_on_change(void **state)
{
	struct sriovd_server srv;
	struct test_env t;
	struct stat a, b;
	bool changed;
	char *text;
	json_t *doc;

	(void)state;
	test_env_init(&t);
	test_env_write_conf(&t, "a.conf", conf_a);
	assert_int_equal(sriovd_pool_parse("dpdk=0000:01:00.0#0-1", &t.d.opt.pool[0], NULL, 0), 0);
	assert_int_equal(sriovd_pool_parse("kernel=0000:01:00.0#2-9:iavf", &t.d.opt.pool[1], NULL, 0), 0);
	assert_int_equal(sriovd_pool_parse("gone=0000:07:00.0#0-1", &t.d.opt.pool[2], NULL, 0), 0);
	t.d.opt.n_pool = 3;
	assert_int_equal(sriovd_server_boot(&srv, &t.d, false), 0);
	doc = sriovd_k8s_config_json(&t.d);
	text = json_dumps(doc, JSON_COMPACT);
	assert_non_null(strstr(text, "\"resourceName\":\"dpdk\""));
	assert_non_null(strstr(text, "\"rootDevices\":[\"0000:01:00.0#0-1\"]"));
	/* Cut to the VFs that exist; an unknown PF's pool is left out. */
	assert_non_null(strstr(text, "\"rootDevices\":[\"0000:01:00.0#2-3\"]"));
	assert_non_null(strstr(text, "\"drivers\":[\"iavf\"]"));
	assert_null(strstr(text, "gone"));
	free(text);
	json_decref(doc);

	assert_int_equal(stat(t.k8s, &a), 0);
	assert_int_equal(sriovd_k8s_config_write(&t.d, &changed), 0);
	assert_false(changed);
	assert_int_equal(stat(t.k8s, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	/* More VFs: the file is replaced (a new inode: rename, not rewrite). */
	test_env_write_conf(&t, "a.conf", "PF { device : \"0000:01:00.0\"; num_vfs : 6; }\n");
	assert_int_equal(sriovd_server_reload(&srv, NULL), 0);
	assert_int_equal(stat(t.k8s, &b), 0);
	assert_int_not_equal(a.st_ino, b.st_ino);
	doc = json_load_file(t.k8s, 0, NULL);
	text = json_dumps(doc, JSON_COMPACT);
	assert_non_null(strstr(text, "0000:01:00.0#2-5"));
	free(text);
	json_decref(doc);
	sriovd_server_fini(&srv);
	test_env_fini(&t);
}

static void pool_syntax(void **state)
{
	static const char *const bad[] = {
		"noequals", "=0000:01:00.0#0-1", "bad-name=0000:01:00.0#0-1", "p=0000:01:00.0",
		"p=#0-1", "p=0000:01:00.0#1", "p=0000:01:00.0#3-1", "p=0000:01:00.0#a-b",
		"p=0000:01:00.0#0-70000", "p=0000:01:00.0#-1-2",
	};
	struct sriovd_pool p;
	char why[200];

	(void)state;
	assert_int_equal(sriovd_pool_parse("x_1=eth0#0-7:vfio-pci", &p, why, sizeof(why)), 0);
	assert_string_equal(p.device, "eth0");
	assert_int_equal(p.first, 0);
	assert_int_equal(p.last, 7);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		if (sriovd_pool_parse(bad[i], &p, why, sizeof(why)) == 0)
			fail_msg("accepted pool '%s'", bad[i]);
		assert_non_null(strstr(why, bad[i]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_pool_per_pf_by_default),
		cmocka_unit_test(named_pools_and_rewrite_on_change),
		cmocka_unit_test(pool_syntax),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
