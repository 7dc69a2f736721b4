/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * model_fault and model_stats against the real model, in process: the
 * fault requests the control socket passes on, and what stats shows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_fault.h"
#include "model_stats.h"
#include "sim_dma.h"
#include "x710sim/x710sim.h"

static void *
region_alloc(void *ctx, struct x710sim_fn fn, enum x710sim_region r, size_t size)
{
	(void)ctx;
	(void)fn;
	(void)r;
	return calloc(1, size);
}

static void
region_free(void *ctx, struct x710sim_fn fn, enum x710sim_region r, void *mem, size_t size)
{
	(void)ctx;
	(void)fn;
	(void)r;
	(void)size;
	free(mem);
}

static int
setup(void **state)
{
	static const struct x710sim_host_ops host = {
		.region_alloc = region_alloc,
		.region_free = region_free,
	};
	struct x710sim_params p;
	x710sim_params_default(&p);
	p.n_pfs = 2;
	p.vfs_per_pf = 4;
	struct x710sim *sim;
	assert_int_equal(x710sim_create(&p, &host, &sim_dma_identity, &sim), 0);
	*state = sim;
	return 0;
}

static int
teardown(void **state)
{
	x710sim_destroy(*state);
	return 0;
}

static int
apply(struct x710sim *sim, const char *line, char *why, size_t len)
{
	static char buf[256];
	char *argv[8];
	int argc = 0;
	strcpy(buf, line);
	for (char *t = strtok(buf, " "); t && argc < 8; t = strtok(NULL, " "))
		argv[argc++] = t;
	return model_fault_apply(sim, argc, argv, why, len);
}

static void
test_link_fault_shows_in_stats(void **state)
{
	struct x710sim *sim = *state;
	char why[256], out[8192];
	struct x710sim_port_info pi;

	assert_int_equal(apply(sim, "link 1 down", why, sizeof(why)), 0);
	assert_int_equal(x710sim_port_info(sim, 1, &pi), 0);
	assert_false(pi.link_up);
	assert_true(model_stats_format(sim, MODEL_STATS_LINES, out, sizeof(out)) < sizeof(out));
	assert_non_null(strstr(out, "port 1 link down"));
	assert_non_null(strstr(out, "port 0 link up"));
	/* A PF's main VSI: no VF index, the port MAC, no Tx limit. */
	assert_non_null(strstr(out, " vf -1 mac "));
	assert_non_null(strstr(out, " bw_credit 0 bw_max_credit 0\n"));
	assert_int_equal(apply(sim, "link 1 up", why, sizeof(why)), 0);
	assert_int_equal(x710sim_port_info(sim, 1, &pi), 0);
	assert_true(pi.link_up);

	model_stats_format(sim, MODEL_STATS_JSON, out, sizeof(out));
	assert_non_null(strstr(out, "{\"ports\":[{\"port\":0,\"link_up\":true"));
	assert_non_null(strstr(out, "\"vsis\":["));
	assert_non_null(strstr(out, "\"vf\":-1,\"mac\":\""));
	assert_non_null(strstr(out, "\"bw_credit\":0,\"bw_max_credit\":0,\"bw_rate_bps\":0,"));
}

/* The terminal form: aligned columns, the MAC of each VSI, "-" for the VF
 * index of a PF's VSI. */
static void
test_stats_table_aligns_vsi_columns(void **state)
{
	struct x710sim *sim = *state;
	struct x710sim_vsi_info vi;
	char out[8192], mac[18];

	assert_true(model_stats_format(sim, MODEL_STATS_TABLE, out, sizeof(out)) < sizeof(out));
	const char *hdr = strstr(out, "\nVSI ");
	assert_non_null(hdr);
	hdr++;
	const char *mac_col = strstr(hdr, "MAC");
	const char *vf_col = strstr(hdr, "  VF");
	assert_non_null(mac_col);
	assert_non_null(vf_col);
	for (unsigned int n = 0; n < 2; n++) {
		assert_int_equal(x710sim_vsi_info(sim, n, &vi), 0);
		assert_true(vi.has_mac);
		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", vi.mac[0], vi.mac[1],
			 vi.mac[2], vi.mac[3], vi.mac[4], vi.mac[5]);
		const char *at = strstr(hdr, mac);
		assert_non_null(at);
		const char *line = at;
		while (line[-1] != '\n')
			line--;
		assert_int_equal(at - line, mac_col - hdr);
		/* VF right-aligned under its header: "-" at the header's last column. */
		assert_int_equal(line[vf_col + 3 - hdr], '-');
		assert_int_equal(line[vf_col + 4 - hdr], ' ');
	}
	assert_null(strstr(out, " \n"));          /* no trailing blanks */
	assert_non_null(strstr(out, "PORT  LINK"));
}

static void
test_bad_requests_say_why(void **state)
{
	struct x710sim *sim = *state;
	char why[256];
	assert_int_equal(apply(sim, "link 0 sideways", why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "sideways"));
	assert_int_equal(apply(sim, "aq-fail 0 0x10000 14", why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "OPCODE"));
	assert_int_equal(apply(sim, "aq-fail 0 0x0210", why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "usage"));
	assert_int_equal(apply(sim, "rx-overrun 0 -1 5", why, sizeof(why)), -EINVAL);
	assert_int_equal(apply(sim, "melt", why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "melt"));
	/* No VFs are enabled: the model's refusal is passed on. */
	assert_true(apply(sim, "vf-flr 0 0", why, sizeof(why)) < 0);
	assert_non_null(strstr(why, "refused"));
}

static void
test_aq_faults_arm_and_clear(void **state)
{
	struct x710sim *sim = *state;
	char why[256];
	assert_int_equal(apply(sim, "aq-fail any 0x0210 14 2", why, sizeof(why)), 0);
	assert_int_equal(apply(sim, "aq-hang 1 1", why, sizeof(why)), 0);
	assert_int_equal(apply(sim, "aq-clear", why, sizeof(why)), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_link_fault_shows_in_stats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats_table_aligns_vsi_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_requests_say_why, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aq_faults_arm_and_clear, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
