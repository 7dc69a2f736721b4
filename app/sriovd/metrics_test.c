/* SPDX-License-Identifier: BSD-2-Clause */
/* /metrics: the §5.3 names with their labels, one HELP/TYPE per family,
 * and, when Debian's prometheus package is installed, promtool's verdict. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "metrics.h"
#include "server.h"
#include "sriovd_test_util.h"

#define PROMTOOL "/usr/bin/promtool"

static const char conf_a[] =
	"PF { device : \"0000:01:00.0\"; num_vfs : 2; }\n"
	"VF-0 { mac-addr : \"02:00:00:00:01:00\"; vlan : 7; }\n";

static void render(struct test_env *t, struct sriovd_server *srv, char **text, size_t *len)
{
	test_env_init(t);
	test_env_write_conf(t, "a.conf", conf_a);
	assert_int_equal(sriovd_server_boot(srv, &t->d, false), 0);
	fake_world.dev[0].rx_bytes = 1000;
	assert_int_equal(sriovd_metrics_render(&t->d, text, len), 0);
	assert_int_equal(strlen(*text), *len);
}

static void has_the_spec_names_and_labels(void **state)
{
	struct sriovd_server srv;
	struct test_env t;
	char *text;
	size_t len;

	(void)state;
	render(&t, &srv, &text, &len);
	/* Both VFs' status came from one status pass of the PF. */
	assert_int_equal(fake_world.dev[0].status_passes, 1);
	assert_int_equal(fake_world.dev[0].status_outside_pass, 0);
	assert_false(fake_world.dev[0].in_pass);
	assert_non_null(strstr(text, "# TYPE sriovd_vf_receive_bytes_total counter\n"));
	assert_non_null(strstr(text, "sriovd_vf_receive_bytes_total{pf=\"0000:01:00.0\",vf=\"1\","
				     "vf_pci=\"0000:01:02.1\"} 1001\n"));
	assert_non_null(strstr(text, "sriovd_vf_antispoof_dropped_total{pf=\"0000:01:00.0\",vf=\"1\""));
	assert_non_null(strstr(text, "sriovd_vf_mailbox_denied_total{pf=\"0000:01:00.0\",vf=\"0\","
				     "vf_pci=\"0000:01:02.0\",op=\"VIRTCHNL_OP_ADD_ETH_ADDR\"} 1\n"));
	assert_non_null(strstr(text, "sriovd_vf_link_up{pf=\"0000:01:00.0\",vf=\"0\","
				     "vf_pci=\"0000:01:02.0\"} 1\n"));
	assert_non_null(strstr(text, "mac=\"02:00:00:00:01:00\",vlan=\"7\""));
	assert_non_null(strstr(text, "sriovd_apply_total{result=\"success\"} 1\n"));
	assert_non_null(strstr(text, "sriovd_pf_vfs{pf=\"0000:01:00.0\",state=\"total\"} 8\n"));
	/* Counters the backend does not report are absent, not 0. */
	assert_null(strstr(text, "sriovd_vf_transmit_bytes_total{"));
	/* Every family is declared once. */
	for (const char *p = text; (p = strstr(p, "# TYPE ")); p++) {
		char name[128];

		assert_int_equal(sscanf(p, "# TYPE %127s", name), 1);
		assert_ptr_equal(strstr(text, p), p);
		{
			char needle[160];

			snprintf(needle, sizeof(needle), "# TYPE %s ", name);
			assert_ptr_equal(strstr(text, needle), p);
			assert_null(strstr(p + 1, needle));
		}
	}
	free(text);
	sriovd_server_fini(&srv);
	test_env_fini(&t);
}

static void label_values_are_escaped(void **state)
{
	struct sriovd_server srv;
	struct test_env t;
	char *text;
	size_t len;

	(void)state;
	render(&t, &srv, &text, &len);
	free(text);
	/* A PF name with a quote and a backslash (the API allows any spelling). */
	free(t.d.pf[0].device);
	t.d.pf[0].device = strdup("we\"ird\\pf");
	assert_int_equal(sriovd_metrics_render(&t.d, &text, &len), 0);
	assert_non_null(strstr(text, "pf=\"we\\\"ird\\\\pf\""));
	free(text);
	free(t.d.pf[0].device);
	t.d.pf[0].device = strdup("0000:01:00.0");
	sriovd_server_fini(&srv);
	test_env_fini(&t);
}

static void promtool_accepts_it(void **state)
{
	struct sriovd_server srv;
	struct test_env t;
	char *text, cmd[1024], path[400];
	size_t len;
	FILE *f;
	int rc;

	(void)state;
	if (access(PROMTOOL, X_OK) != 0)
		skip();   /* Debian package prometheus */
	render(&t, &srv, &text, &len);
	snprintf(path, sizeof(path), "%s/metrics.txt", t.root);
	f = fopen(path, "w");
	assert_non_null(f);
	fwrite(text, 1, len, f);
	fclose(f);
	/* promtool exits 0 for lint warnings too; any output is a finding. */
	snprintf(cmd, sizeof(cmd), PROMTOOL " check metrics < '%s' > '%s.out' 2>&1", path, path);
	rc = system(cmd);
	snprintf(cmd, sizeof(cmd), "test ! -s '%s.out' || cat '%s.out'", path, path);
	assert_int_equal(rc, 0);
	assert_int_equal(system(cmd), 0);
	free(text);
	sriovd_server_fini(&srv);
	test_env_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(has_the_spec_names_and_labels),
		cmocka_unit_test(label_values_are_escaped),
		cmocka_unit_test(promtool_accepts_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
