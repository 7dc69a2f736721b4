/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel backend through the generic planner and sriov_apply(), over the
 * fake kernel: which changes are live or disruptive, through-0 count changes,
 * autoprobe before VF creation, one request per attribute, per-key refusals
 * rolled back, MAC re-probe notes.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sriov/config.h>

#include "kernel_backend.h"
#include "kernel_fake.h"
#include "kernel_keys.h"

#define TEST_TIMEOUT_MS 50

struct fixture {
	struct fake_kernel k;
	void *port;
	struct sriov_conf *conf;
	struct sriov_live *live;
	struct sriov_plan *plan;
	struct sriov_apply_result res;
};

static const struct sriov_backend *be = &sriov_backend_kernel;

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct sriov_error err = { 0 };

	assert_non_null(f);
	fake_kernel_init(&f->k);
	f->k.env.timeout_ms = TEST_TIMEOUT_MS;
	assert_int_equal(kernel_port_open_env(&f->k.env, FAKE_PF_IF, SRIOV_OPEN_APPLY, &f->port,
					      &err), 0);
	*state = f;
	return 0;
}

static void reset(struct fixture *f)
{
	sriov_plan_free(f->plan);
	sriov_live_free(f->live);
	sriov_conf_free(f->conf);
	f->plan = NULL;
	f->live = NULL;
	f->conf = NULL;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	reset(f);
	be->ops->close(f->port);
	fake_kernel_fini(&f->k);
	free(f);
	return 0;
}

static struct sriov_schema schema(void)
{
	return (struct sriov_schema){ be->schema };
}

/* Plans @text against the fake device (the plan stays in @f). */
static void plan(struct fixture *f, const char *text)
{
	struct sriov_schema s = schema();
	struct sriov_error err = { 0 };
	char line[512];

	reset(f);
	f->conf = sriov_conf_new();
	assert_non_null(f->conf);
	assert_int_equal(sriov_conf_load_buffer(f->conf, "t.conf", text, strlen(text)), 0);
	if (sriov_conf_resolve(f->conf, &s)) {
		for (size_t i = 0; i < sriov_conf_diag_count(f->conf); i++) {
			sriov_diag_format(sriov_conf_diag(f->conf, i), line, sizeof(line));
			fprintf(stderr, "diag: %s\n", line);
		}
		fail();
	}
	assert_int_equal(be->ops->read_live(f->port, &s, &f->live, &err), 0);
	assert_int_equal(sriov_plan_build(be, sriov_conf_resolved(f->conf), f->live, &f->plan,
					  &err), 0);
}

static int apply(struct fixture *f)
{
	return sriov_apply(be, f->port, f->plan, f->live, &f->res);
}

static const struct sriov_change *step(const struct fixture *f, const char *key, int vf)
{
	for (size_t i = 0; i < f->plan->n; i++) {
		const struct sriov_change *c = &f->plan->changes[i];

		if (strcmp(c->p->name, key) == 0 && (vf < 0 || c->vf == vf))
			return c;
	}
	return NULL;
}

#define BASE_CONF \
	"PF { device : \"" FAKE_PF_IF "\"; num_vfs : 2; drivers-autoprobe : false; }\n" \
	"VF-0 { passthrough : true; mac-addr : \"02:00:00:00:00:10\"; mac-anti-spoof : false;\n" \
	"       trust : true; vlan : 100; vlan-qos : 3; max-tx-rate : 100; }\n" \
	"VF-1 { mac-addr : \"02:00:00:00:00:11\"; driver : \"igbvf\"; }\n"

/* passthrough defaults to false (iovctl): a file that leaves it out unbinds vfio-pci. */
#define PF_TWO_VFS "PF { device : \"" FAKE_PF_IF "\"; num_vfs : 2; }\n"
#define KEEP_VF0_ON_VFIO PF_TWO_VFS "VF-0 { passthrough : true; }\n"

static void configure_base(struct fixture *f)
{
	plan(f, BASE_CONF);
	assert_int_equal(apply(f), 0);
}

static void every_key_is_live_but_the_count(void **state)
{
	const struct sriov_driver_schema *d = be->schema;
	struct sriov_change c = { .section = SRIOV_SECTION_VF };
	struct sriov_param num = { .name = "num_vfs", .type = SRIOV_TYPE_UINT16 };

	(void)state;
	for (int sec = 0; sec < SRIOV_SECTION_COUNT; sec++)
		for (size_t i = 0; i < d->section[sec].count; i++) {
			c.p = &d->section[sec].params[i];
			c.new_value.s = NULL;
			if (c.p->type == SRIOV_TYPE_STRING)
				c.new_value.s = "igbvf";
			assert_int_equal(be->ops->change_mode(&c), SRIOV_CHANGE_LIVE);
		}
	c.p = &(struct sriov_param){ .name = "passthrough", .type = SRIOV_TYPE_BOOL };
	assert_int_equal(be->ops->change_mode(&c), SRIOV_CHANGE_LIVE);
	c.section = SRIOV_SECTION_PF;
	c.p = &num;
	assert_int_equal(be->ops->change_mode(&c), SRIOV_CHANGE_DISRUPTIVE);
}

static void driver_key_refuses_vfio_and_bad_names(void **state)
{
	struct sriov_change c = { .section = SRIOV_SECTION_VF };
	static const char *const bad[] = { "vfio-pci", "a/b", "", "..", "x y", "igb\n" };

	(void)state;
	c.p = &(struct sriov_param){ .name = "driver", .type = SRIOV_TYPE_STRING };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		c.new_value.s = bad[i];
		/* "" means unbound and is fine; the others are refused. */
		assert_int_equal(be->ops->change_mode(&c), bad[i][0] ? -EINVAL : SRIOV_CHANGE_LIVE);
	}
}

static void create_sets_autoprobe_before_the_vfs(void **state)
{
	struct fixture *f = *state;
	const struct sriov_change *ap, *num;
	int w_ap, w_num;
	char drv[64];

	plan(f, BASE_CONF);
	ap = step(f, "drivers-autoprobe", -1);
	num = step(f, "num_vfs", -1);
	assert_non_null(ap);
	assert_non_null(num);
	assert_true(ap < num);
	assert_int_equal(ap->mode, SRIOV_CHANGE_LIVE);
	assert_int_equal(num->mode, SRIOV_CHANGE_DISRUPTIVE);
	assert_true(step(f, "mac-addr", 0)->fresh_vf);
	assert_int_equal(apply(f), 0);
	w_ap = fake_write_index(&f->k, "sriov_drivers_autoprobe=0", 0);
	w_num = fake_write_index(&f->k, "sriov_numvfs=2", 0);
	assert_true(w_ap >= 0 && w_num > w_ap);
	/* the kernel state, as the referee sees it */
	assert_int_equal(f->k.num_vfs, 2);
	assert_false(f->k.autoprobe);
	assert_memory_equal(f->k.vf[0].mac, ((uint8_t[]){ 2, 0, 0, 0, 0, 0x10 }), 6);
	assert_false(f->k.vf[0].spoofchk);
	assert_true(f->k.vf[0].trust);
	assert_int_equal(f->k.vf[0].vlan, 100);
	assert_int_equal(f->k.vf[0].qos, 3);
	assert_int_equal(f->k.vf[0].max_tx_rate, 100);
	assert_memory_equal(f->k.vf[1].mac, ((uint8_t[]){ 2, 0, 0, 0, 0, 0x11 }), 6);
	fake_vf_driver(&f->k, 0, drv, sizeof(drv));
	assert_string_equal(drv, "vfio-pci");
	fake_vf_driver(&f->k, 1, drv, sizeof(drv));
	assert_string_equal(drv, "igbvf");
	/* Applying the same file again changes nothing. */
	plan(f, BASE_CONF);
	assert_int_equal(f->plan->n, 0);
}

static void live_change_touches_one_vf_with_one_request(void **state)
{
	struct fixture *f = *state;
	struct kernel_vf_attrs vf0;

	configure_base(f);
	vf0 = f->k.vf[0];
	plan(f, KEEP_VF0_ON_VFIO "VF-1 { vlan : 200; }\n");
	assert_int_equal(f->plan->n, 1);
	assert_int_equal(f->plan->changes[0].mode, SRIOV_CHANGE_LIVE);
	f->k.nl_sets = 0;
	f->k.n_writes = 0;
	assert_int_equal(apply(f), 0);
	assert_int_equal(f->k.nl_sets, 1);
	assert_int_equal(f->k.n_writes, 0);
	assert_int_equal(f->k.vf[1].vlan, 200);
	assert_memory_equal(&f->k.vf[0], &vf0, sizeof(vf0));
}

static void count_change_goes_through_zero(void **state)
{
	struct fixture *f = *state;
	int zero, three;

	configure_base(f);
	plan(f, "PF { device : \"" FAKE_PF_IF "\"; num_vfs : 3; }\n");
	assert_int_equal(step(f, "num_vfs", -1)->mode, SRIOV_CHANGE_DISRUPTIVE);
	f->k.n_writes = 0;
	assert_int_equal(apply(f), 0);
	zero = fake_write_index(&f->k, "sriov_numvfs=0", 0);
	three = fake_write_index(&f->k, "sriov_numvfs=3", 0);
	assert_true(zero >= 0 && three > zero);
	assert_int_equal(f->k.num_vfs, 3);
	/* the re-created VFs have the kernel's defaults */
	assert_memory_equal(f->k.vf[0].mac, ((uint8_t[6]){ 0 }), 6);
}

static void refusal_names_driver_and_key_and_rolls_back(void **state)
{
	struct fixture *f = *state;
	struct kernel_vf_attrs vf0, vf1;

	configure_base(f);
	vf0 = f->k.vf[0];
	vf1 = f->k.vf[1];
	plan(f, PF_TWO_VFS
		"VF-0 { passthrough : true; mac-addr : \"02:00:00:00:00:20\"; trust : false;\n"
		"       vlan : 300;\n"
		"       link-state : disable; }\n");
	assert_int_equal(f->plan->n, 4);
	assert_int_equal(apply(f), -EOPNOTSUPP);
	assert_true(f->res.failed);
	assert_int_equal(f->res.steps_done, 3);
	assert_non_null(strstr(f->res.error.message, "igb refuses link-state disable on VF-0: "
			       "Operation not supported (igb has no VF link-state control)"));
	assert_int_equal(f->res.undo_failures, 0);
	assert_memory_equal(&f->k.vf[0], &vf0, sizeof(vf0));
	assert_memory_equal(&f->k.vf[1], &vf1, sizeof(vf1));
}

static void min_rate_and_8021ad_refusals(void **state)
{
	struct fixture *f = *state;
	struct kernel_vf_attrs vf0;

	configure_base(f);
	vf0 = f->k.vf[0];
	plan(f, PF_TWO_VFS "VF-0 { passthrough : true; max-tx-rate : 200; min-tx-rate : 10; }\n");
	assert_int_equal(apply(f), -EINVAL);
	assert_non_null(strstr(f->res.error.message, "igb refuses min-tx-rate 10 on VF-0: Invalid "
			       "argument (igb has no minimum VF rate)"));
	assert_memory_equal(&f->k.vf[0], &vf0, sizeof(vf0));
	plan(f, PF_TWO_VFS "VF-0 { passthrough : true; vlan : 400; vlan-proto : 802.1ad; }\n");
	assert_int_equal(apply(f), -EPROTONOSUPPORT);
	assert_non_null(strstr(f->res.error.message, "igb refuses vlan-proto 802.1ad on VF-0"));
	assert_memory_equal(&f->k.vf[0], &vf0, sizeof(vf0));
}

static void refused_attribute_on_new_vfs_restores_the_old_count(void **state)
{
	struct fixture *f = *state;
	char drv[64];

	configure_base(f);
	plan(f, "PF { device : \"" FAKE_PF_IF "\"; num_vfs : 3; }\n"
		"VF-2 { trust : true; link-state : enable; }\n");
	assert_int_equal(apply(f), -EOPNOTSUPP);
	assert_int_equal(f->res.undo_failures, 0);
	/* back to 2 VFs, every known value of the old ones restored */
	assert_int_equal(f->k.num_vfs, 2);
	assert_memory_equal(f->k.vf[0].mac, ((uint8_t[]){ 2, 0, 0, 0, 0, 0x10 }), 6);
	assert_true(f->k.vf[0].trust);
	assert_int_equal(f->k.vf[0].vlan, 100);
	assert_int_equal(f->k.vf[0].max_tx_rate, 100);
	fake_vf_driver(&f->k, 0, drv, sizeof(drv));
	assert_string_equal(drv, "vfio-pci");
	fake_vf_driver(&f->k, 1, drv, sizeof(drv));
	assert_string_equal(drv, "igbvf");
}

static void rate_with_link_down_says_why(void **state)
{
	struct fixture *f = *state;
	char path[PATH_MAX];
	FILE *o;

	configure_base(f);
	f->k.link_up = false;
	fake_path(path, sizeof(path), "%s/bus/pci/devices/" FAKE_PF_BDF "/net/" FAKE_PF_IF
		 "/operstate", f->k.root);
	assert_non_null(o = fopen(path, "w"));
	fputs("down\n", o);
	fclose(o);
	plan(f, "PF { device : \"" FAKE_PF_IF "\"; num_vfs : 2; }\nVF-1 { max-tx-rate : 50; }\n");
	assert_int_equal(apply(f), -EINVAL);
	assert_non_null(strstr(f->res.error.message, "igb refuses max-tx-rate 50 on VF-1: Invalid "
			       "argument (PF link enp1s0 is down"));
}

static void mac_change_reprobes_a_bound_vf_and_says_so(void **state)
{
	struct fixture *f = *state;

	configure_base(f);
	assert_int_equal(sriov_kernel_note_count(f->port), 0);   /* VFs were unbound then */
	plan(f, PF_TWO_VFS "VF-0 { passthrough : true; mac-addr : \"02:00:00:00:00:30\"; }\n"
		"VF-1 { mac-addr : \"02:00:00:00:00:31\"; }\n");
	f->k.n_writes = 0;
	assert_int_equal(apply(f), 0);
	/* VF-1 (igbvf, a netdev) re-probed; VF-0 (vfio-pci) left alone */
	assert_true(fake_write_index(&f->k, "unbind=0000:01:10.2", 0) >= 0);
	assert_int_equal(fake_write_index(&f->k, "0000:01:10.0", 0), -1);
	assert_int_equal(sriov_kernel_note_count(f->port), 1);
	assert_string_equal(sriov_kernel_note(f->port, 0), "VF-1 (0000:01:10.2): igbvf re-probed "
			    "so that its netdev takes the new MAC");
	assert_null(sriov_kernel_note(f->port, 1));
}

static void live_state_reads_back_what_was_set(void **state)
{
	struct fixture *f = *state;
	struct sriov_schema s = schema();
	int i;

	configure_base(f);
	plan(f, BASE_CONF);
	assert_int_equal(f->live->num_vfs, 2);
	assert_int_equal(f->live->total_vfs, 7);
	i = sriov_schema_find(&s, SRIOV_SECTION_PF, "drivers-autoprobe");
	assert_false(sriov_live_get(f->live, SRIOV_SECTION_PF, 0, (size_t)i)->b);
	i = sriov_schema_find(&s, SRIOV_SECTION_VF, "passthrough");
	assert_true(sriov_live_get(f->live, SRIOV_SECTION_VF, 0, (size_t)i)->b);
	assert_false(sriov_live_get(f->live, SRIOV_SECTION_VF, 1, (size_t)i)->b);
	i = sriov_schema_find(&s, SRIOV_SECTION_VF, "driver");
	assert_string_equal(sriov_live_get(f->live, SRIOV_SECTION_VF, 0, (size_t)i)->s, "vfio-pci");
	assert_string_equal(sriov_live_get(f->live, SRIOV_SECTION_VF, 1, (size_t)i)->s, "igbvf");
	i = sriov_schema_find(&s, SRIOV_SECTION_VF, "vlan-qos");
	assert_int_equal(sriov_live_get(f->live, SRIOV_SECTION_VF, 0, (size_t)i)->u, 3);
	i = sriov_schema_find(&s, SRIOV_SECTION_VF, "query-rss");   /* igb does not report it */
	assert_null(sriov_live_get(f->live, SRIOV_SECTION_VF, 0, (size_t)i));
}

static void no_vfs_no_vf_info_request(void **state)
{
	struct fixture *f = *state;
	struct sriov_schema s = schema();
	struct sriov_error err = { 0 };

	assert_int_equal(be->ops->read_live(f->port, &s, &f->live, &err), 0);
	assert_int_equal(f->live->num_vfs, 0);
	assert_int_equal(f->k.nl_gets, 0);
}

static void delete_removes_every_vf(void **state)
{
	struct fixture *f = *state;
	struct sriov_schema s = schema();
	struct sriov_error err = { 0 };

	configure_base(f);
	reset(f);
	assert_int_equal(be->ops->read_live(f->port, &s, &f->live, &err), 0);
	assert_int_equal(sriov_plan_delete(be, f->live, &f->plan), 0);
	assert_int_equal(apply(f), 0);
	assert_int_equal(f->k.num_vfs, 0);
}

static void describe_names_pf_driver_and_counts(void **state)
{
	struct fixture *f = *state;
	char text[160];

	assert_int_equal(be->ops->describe(f->port, text, sizeof(text)), 0);
	assert_string_equal(text, "0000:01:00.0 (enp1s0, igb 8086:10c9, VF device 10ca, 0 of 7 VFs)");
	assert_string_equal(sriov_kernel_pf_driver(f->port), "igb");
}

static void one_process_changes_a_pf_at_a_time(void **state)
{
	struct fixture *f = *state;
	struct sriov_error err = { 0 };
	void *other = NULL;

	/* The fixture's port holds the PF for applying. */
	assert_int_equal(kernel_port_open_env(&f->k.env, FAKE_PF_BDF, SRIOV_OPEN_APPLY, &other,
					      &err), -EBUSY);
	assert_null(other);
	assert_non_null(strstr(err.message, "0000:01:00.0 is being changed by another process"));
	/* Looking (-n, -S) needs no lock. */
	assert_int_equal(kernel_port_open_env(&f->k.env, FAKE_PF_BDF, 0, &other, &err), 0);
	be->ops->close(other);
	be->ops->close(f->port);
	assert_int_equal(kernel_port_open_env(&f->k.env, FAKE_PF_MAC, SRIOV_OPEN_APPLY, &f->port,
					      &err), 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_key_is_live_but_the_count),
		cmocka_unit_test(driver_key_refuses_vfio_and_bad_names),
		T(create_sets_autoprobe_before_the_vfs),
		T(live_change_touches_one_vf_with_one_request),
		T(count_change_goes_through_zero),
		T(refusal_names_driver_and_key_and_rolls_back),
		T(min_rate_and_8021ad_refusals),
		T(refused_attribute_on_new_vfs_restores_the_old_count),
		T(rate_with_link_down_says_why),
		T(mac_change_reprobes_a_bound_vf_and_says_so),
		T(live_state_reads_back_what_was_set),
		T(no_vfs_no_vf_info_request),
		T(delete_removes_every_vf),
		T(describe_names_pf_driver_and_counts),
		T(one_process_changes_a_pf_at_a_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
