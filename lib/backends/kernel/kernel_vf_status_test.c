/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vf_status of the kernel backend over the fake kernel: counters only for a
 * driver that fills them (igb's zeros are not shown), the link from
 * IFLA_VF_LINK_STATE (auto follows the PF), the driver from sysfs, and one
 * dump per status pass (outside a pass, and after a change, each call dumps).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "kernel_backend.h"
#include "kernel_fake.h"
#include "kernel_vf_status.h"

#define TEST_TIMEOUT_MS 50
#define ALL_COUNTERS ((UINT32_C(1) << KERNEL_VF_STAT_COUNT) - 1)

struct fixture {
	struct fake_kernel k;
	void *port;
};

static const struct sriov_backend *be = &sriov_backend_kernel;

/* Points the fake PF at driver @drv (before open). */
static void pf_driver(struct fake_kernel *k, const char *drv)
{
	char path[PATH_MAX], target[64];

	fake_path(path, sizeof(path), "%s/bus/pci/drivers/%s", k->root, drv);
	mkdir(path, 0755);
	fake_path(path, sizeof(path), "%s/bus/pci/devices/" FAKE_PF_BDF "/driver", k->root);
	fake_path(target, sizeof(target), "../../drivers/%s", drv);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink(target, path), 0);
}

static void open_port(struct fixture *f)
{
	struct sriov_error err = { 0 };

	assert_int_equal(kernel_port_open_env(&f->k.env, FAKE_PF_IF, SRIOV_OPEN_APPLY, &f->port,
					      &err), 0);
}

/* VF @vf reports every counter as (vf + 1) * 100 + its index, and @link. */
static void report(struct fake_kernel *k, unsigned int vf, uint32_t link)
{
	k->status[vf].present = ALL_COUNTERS | KERNEL_VF_HAS_LINK_STATE;
	k->status[vf].link_state = link;
	for (int i = 0; i < KERNEL_VF_STAT_COUNT; i++)
		k->status[vf].stat[i] = (vf + 1) * 100u + (unsigned int)i;
}

static int setup_driver(void **state, const char *drv)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	fake_kernel_init(&f->k);
	f->k.env.timeout_ms = TEST_TIMEOUT_MS;
	if (drv)
		pf_driver(&f->k, drv);
	fake_set_num_vfs(&f->k, 3);   /* autoprobe on: igbvf binds each VF */
	report(&f->k, 0, KERNEL_LINK_AUTO);
	report(&f->k, 1, KERNEL_LINK_ENABLE);
	report(&f->k, 2, KERNEL_LINK_DISABLE);
	open_port(f);
	*state = f;
	return 0;
}

static int setup_igb(void **state)
{
	return setup_driver(state, NULL);
}

static int setup_ixgbe(void **state)
{
	return setup_driver(state, "ixgbe");
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	be->ops->close(f->port);
	fake_kernel_fini(&f->k);
	free(f);
	return 0;
}

static struct sriov_vf_status status(struct fixture *f, uint16_t vf, int want_rc)
{
	struct sriov_vf_status st;

	memset(&st, 0xa5, sizeof(st));   /* whatever was there must go */
	assert_int_equal(be->ops->vf_status(f->port, vf, &st), want_rc);
	return st;
}

static void igb_zeros_are_not_counters(void **state)
{
	struct fixture *f = *state;
	struct sriov_vf_status st = status(f, 0, 0);

	/* The fake reports counters; igb has no ndo_get_vf_stats, so none show. */
	assert_int_equal(st.present, SRIOV_STATUS_LINK);
	for (int i = 0; i < SRIOV_STAT_COUNT; i++)
		assert_int_equal(st.stat[i], 0);
	assert_string_equal(st.driver, "igbvf");
	assert_false(st.active);
}

static void counters_of_a_driver_that_fills_them(void **state)
{
	struct fixture *f = *state;
	struct sriov_vf_status st = status(f, 1, 0);

	assert_int_equal(st.present, SRIOV_STATUS_LINK | (UINT32_C(1) << SRIOV_STAT_RX_BYTES) |
			 (UINT32_C(1) << SRIOV_STAT_TX_BYTES) | (UINT32_C(1) << SRIOV_STAT_RX_PACKETS) |
			 (UINT32_C(1) << SRIOV_STAT_TX_PACKETS) |
			 (UINT32_C(1) << SRIOV_STAT_RX_BROADCAST) |
			 (UINT32_C(1) << SRIOV_STAT_RX_MULTICAST) |
			 (UINT32_C(1) << SRIOV_STAT_RX_DROPPED) |
			 (UINT32_C(1) << SRIOV_STAT_TX_DROPPED));
	assert_int_equal(st.stat[SRIOV_STAT_RX_PACKETS], 200 + KERNEL_VF_STAT_RX_PACKETS);
	assert_int_equal(st.stat[SRIOV_STAT_TX_PACKETS], 200 + KERNEL_VF_STAT_TX_PACKETS);
	assert_int_equal(st.stat[SRIOV_STAT_RX_BYTES], 200 + KERNEL_VF_STAT_RX_BYTES);
	assert_int_equal(st.stat[SRIOV_STAT_TX_BYTES], 200 + KERNEL_VF_STAT_TX_BYTES);
	assert_int_equal(st.stat[SRIOV_STAT_RX_BROADCAST], 200 + KERNEL_VF_STAT_BROADCAST);
	assert_int_equal(st.stat[SRIOV_STAT_RX_MULTICAST], 200 + KERNEL_VF_STAT_MULTICAST);
	assert_int_equal(st.stat[SRIOV_STAT_RX_DROPPED], 200 + KERNEL_VF_STAT_RX_DROPPED);
	assert_int_equal(st.stat[SRIOV_STAT_TX_DROPPED], 200 + KERNEL_VF_STAT_TX_DROPPED);
	assert_int_equal(st.stat[SRIOV_STAT_TX_ERRORS], 0);
	assert_true(st.link_up);
}

static void only_reported_counters_are_present(void **state)
{
	struct fixture *f = *state;
	struct sriov_vf_status st;

	/* An older kernel (< 5.4) has no dropped counters; no link state either. */
	f->k.status[2].present = ALL_COUNTERS & ~((UINT32_C(1) << KERNEL_VF_STAT_RX_DROPPED) |
						  (UINT32_C(1) << KERNEL_VF_STAT_TX_DROPPED));
	st = status(f, 2, 0);
	assert_false(st.present & (UINT32_C(1) << SRIOV_STAT_RX_DROPPED));
	assert_false(st.present & (UINT32_C(1) << SRIOV_STAT_TX_DROPPED));
	assert_false(st.present & SRIOV_STATUS_LINK);
	assert_true(st.present & (UINT32_C(1) << SRIOV_STAT_RX_BYTES));
}

static void link_follows_the_state_and_auto_the_pf(void **state)
{
	struct fixture *f = *state;

	assert_true(status(f, 0, 0).link_up);     /* auto, PF up */
	assert_true(status(f, 1, 0).link_up);     /* enable */
	assert_false(status(f, 2, 0).link_up);    /* disable */
	fake_pf_file(&f->k, "net/" FAKE_PF_IF "/operstate", "down\n");
	assert_false(status(f, 0, 0).link_up);    /* a later call sees the PF down */
	assert_true(status(f, 1, 0).link_up);
}

static void pass(struct fixture *f, bool begin)
{
	assert_non_null(be->ops->status_pass);
	assert_int_equal(be->ops->status_pass(f->port, begin), 0);
}

static void one_dump_per_pass(void **state)
{
	struct fixture *f = *state;

	/* Any order, repeats included: one dump for the pass. */
	pass(f, true);
	status(f, 2, 0);
	status(f, 0, 0);
	status(f, 1, 0);
	status(f, 1, 0);
	assert_int_equal(f->k.nl_status_gets, 1);
	pass(f, false);
	/* The next pass reads the kernel again: fresh numbers. */
	f->k.status[1].stat[KERNEL_VF_STAT_RX_BYTES] = 777;
	pass(f, true);
	assert_int_equal(status(f, 1, 0).stat[SRIOV_STAT_RX_BYTES], 777);
	status(f, 0, 0);
	assert_int_equal(f->k.nl_status_gets, 2);
	/* A nested pass keeps the outer one's dump. */
	pass(f, true);
	status(f, 2, 0);
	pass(f, false);
	status(f, 0, 0);
	assert_int_equal(f->k.nl_status_gets, 2);
	pass(f, false);
}

static void outside_a_pass_every_call_dumps(void **state)
{
	struct fixture *f = *state;

	/* Rising VF numbers no longer share a dump without a pass. */
	for (uint16_t vf = 0; vf < 3; vf++)
		status(f, vf, 0);
	assert_int_equal(f->k.nl_status_gets, 3);
	/* A pass closed: the next lone call does not reuse its dump. */
	pass(f, true);
	status(f, 0, 0);
	pass(f, false);
	assert_int_equal(f->k.nl_status_gets, 4);
	f->k.status[0].stat[KERNEL_VF_STAT_RX_BYTES] = 555;
	assert_int_equal(status(f, 0, 0).stat[SRIOV_STAT_RX_BYTES], 555);
	assert_int_equal(f->k.nl_status_gets, 5);
	/* An unmatched end is harmless. */
	pass(f, false);
	status(f, 0, 0);
	assert_int_equal(f->k.nl_status_gets, 6);
}

static void a_change_drops_the_dump(void **state)
{
	struct fixture *f = *state;
	struct sriov_error err = { 0 };
	const struct sriov_param *p = NULL;
	struct sriov_schema s = { be->schema };
	struct sriov_change c = { .section = SRIOV_SECTION_VF, .vf = 1 };
	int i = sriov_schema_find(&s, SRIOV_SECTION_VF, "trust");

	assert_true(i >= 0);
	p = sriov_schema_param(&s, SRIOV_SECTION_VF, (size_t)i);
	c.p = p;
	c.new_value.b = true;
	pass(f, true);
	status(f, 0, 0);
	assert_int_equal(be->ops->apply_change(f->port, &c, &err), 0);
	status(f, 1, 0);   /* in the same pass, but after a change */
	assert_int_equal(f->k.nl_status_gets, 2);
	status(f, 2, 0);
	assert_int_equal(f->k.nl_status_gets, 2);
	pass(f, false);
}

static void no_such_vf_and_failing_dumps(void **state)
{
	struct fixture *f = *state;

	f->k.status_error = -EIO;
	assert_int_equal(status(f, 0, -EIO).present, 0);
	/* A failed dump is not kept: the next call of the pass asks again. */
	pass(f, true);
	assert_int_equal(status(f, 0, -EIO).present, 0);
	f->k.status_error = 0;
	assert_int_equal(status(f, 1, 0).present & SRIOV_STATUS_LINK, SRIOV_STATUS_LINK);
	assert_int_equal(f->k.nl_status_gets, 3);
	/* Past the last VF, from the same dump. */
	assert_int_equal(status(f, 3, -ENOENT).present, 0);
	assert_int_equal(f->k.nl_status_gets, 3);
	pass(f, false);
}

static void no_vfs_asks_the_kernel_nothing(void **state)
{
	struct fixture *f = *state;

	fake_set_num_vfs(&f->k, 0);
	status(f, 0, -ENOENT);
	assert_int_equal(f->k.nl_status_gets, 0);
}

static void without_the_op_there_is_no_status(void **state)
{
	struct fixture *f = *state;
	struct kernel_nl_ops ops = { 0 };
	struct sriov_error err = { 0 };
	void *port;

	f->k.env.nl = &ops;
	assert_int_equal(kernel_port_open_env(&f->k.env, FAKE_PF_IF, 0, &port, &err), 0);
	{
		struct sriov_vf_status st;

		assert_int_equal(be->ops->vf_status(port, 0, &st), -EOPNOTSUPP);
		assert_int_equal(st.present, 0);
	}
	be->ops->close(port);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(igb_zeros_are_not_counters, setup_igb, teardown),
		cmocka_unit_test_setup_teardown(counters_of_a_driver_that_fills_them, setup_ixgbe,
						teardown),
		cmocka_unit_test_setup_teardown(only_reported_counters_are_present, setup_ixgbe,
						teardown),
		cmocka_unit_test_setup_teardown(link_follows_the_state_and_auto_the_pf, setup_igb,
						teardown),
		cmocka_unit_test_setup_teardown(one_dump_per_pass, setup_ixgbe, teardown),
		cmocka_unit_test_setup_teardown(outside_a_pass_every_call_dumps, setup_ixgbe,
						teardown),
		cmocka_unit_test_setup_teardown(a_change_drops_the_dump, setup_igb, teardown),
		cmocka_unit_test_setup_teardown(no_such_vf_and_failing_dumps, setup_igb, teardown),
		cmocka_unit_test_setup_teardown(no_vfs_asks_the_kernel_nothing, setup_igb, teardown),
		cmocka_unit_test_setup_teardown(without_the_op_there_is_no_status, setup_igb, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
