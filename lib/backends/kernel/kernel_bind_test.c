/* SPDX-License-Identifier: BSD-2-Clause */
/* driver_override sequencing, checked by the order of the writes the fake kernel saw. */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel_bind.h"
#include "kernel_fake.h"

/* The fake kernel answers at once; a failed bind must not wait long. */
#define TEST_TIMEOUT_MS 50

struct fixture {
	struct fake_kernel k;
	struct kernel_sysfs fs;
	struct kernel_pf pf;
};

static int make(void **state, bool autoprobe)
{
	struct fixture *f = malloc(sizeof(*f));
	char path[PATH_MAX];

	assert_non_null(f);
	fake_kernel_init(&f->k);
	assert_int_equal(kernel_sysfs_init(&f->fs, f->k.root), 0);
	f->fs.write = f->k.env.write;
	f->fs.write_arg = &f->k;
	assert_int_equal(kernel_pf_find(&f->fs, FAKE_PF_BDF, &f->pf, NULL), 0);
	fake_path(path, sizeof(path), "%s/sriov_drivers_autoprobe", f->pf.dir);
	assert_int_equal(kernel_sysfs_write(&f->fs, path, autoprobe ? "1" : "0"), 0);
	fake_path(path, sizeof(path), "%s/sriov_numvfs", f->pf.dir);
	assert_int_equal(kernel_sysfs_write(&f->fs, path, "2"), 0);
	assert_int_equal(kernel_pf_refresh(&f->fs, &f->pf, NULL), 0);
	f->k.n_writes = 0;
	*state = f;
	return 0;
}

static int setup_autoprobe(void **state) { return make(state, true); }
static int setup_no_autoprobe(void **state) { return make(state, false); }

static int teardown(void **state)
{
	struct fixture *f = *state;

	fake_kernel_fini(&f->k);
	free(f);
	return 0;
}

static void no_new_id(const struct fake_kernel *k)
{
	assert_int_equal(fake_write_index(k, "new_id", 0), -1);
	assert_int_equal(fake_write_index(k, "/bind=", 0), -1);
}

static void bound_vf_moves_to_vfio_override_first(void **state)
{
	struct fixture *f = *state;
	struct sriov_error err = { 0 };
	char drv[64];
	int ov, unbind, probe;

	assert_int_equal(kernel_bind_vf(&f->fs, &f->pf, 0, "vfio-pci", TEST_TIMEOUT_MS, &err), 0);
	ov = fake_write_index(&f->k, "virtfn0/driver_override=vfio-pci", 0);
	unbind = fake_write_index(&f->k, "driver/unbind=0000:01:10.0", 0);
	probe = fake_write_index(&f->k, "bus/pci/drivers_probe=0000:01:10.0", 0);
	/* override before unbind: nothing else may grab the VF in between */
	assert_true(ov >= 0 && unbind > ov && probe > unbind);
	fake_vf_driver(&f->k, 0, drv, sizeof(drv));
	assert_string_equal(drv, "vfio-pci");
	assert_false(fake_vf_has_netdev(&f->k, 0));
	/* VF-1 untouched */
	assert_int_equal(fake_write_index(&f->k, "0000:01:10.2", 0), -1);
	assert_int_equal(fake_write_index(&f->k, "virtfn1", 0), -1);
	no_new_id(&f->k);
	/* Already there: nothing written. */
	f->k.n_writes = 0;
	assert_int_equal(kernel_bind_vf(&f->fs, &f->pf, 0, "vfio-pci", TEST_TIMEOUT_MS, &err), 0);
	assert_int_equal(f->k.n_writes, 0);
}

static void unbound_vf_binds_with_autoprobe_off(void **state)
{
	struct fixture *f = *state;
	struct sriov_error err = { 0 };
	char drv[64];

	fake_vf_driver(&f->k, 1, drv, sizeof(drv));
	assert_string_equal(drv, "");
	assert_int_equal(kernel_bind_vf(&f->fs, &f->pf, 1, "igbvf", TEST_TIMEOUT_MS, &err), 0);
	assert_int_equal(f->k.n_writes, 2);
	assert_non_null(strstr(f->k.writes[0], "virtfn1/driver_override=igbvf"));
	assert_non_null(strstr(f->k.writes[1], "drivers_probe=0000:01:10.2"));
	fake_vf_driver(&f->k, 1, drv, sizeof(drv));
	assert_string_equal(drv, "igbvf");
	assert_true(fake_vf_has_netdev(&f->k, 1));
	no_new_id(&f->k);
}

static void empty_driver_unbinds_and_clears_with_newline(void **state)
{
	struct fixture *f = *state;
	struct sriov_error err = { 0 };
	char drv[64];
	int unbind, clear;

	assert_int_equal(kernel_bind_vf(&f->fs, &f->pf, 0, "", TEST_TIMEOUT_MS, &err), 0);
	unbind = fake_write_index(&f->k, "driver/unbind=0000:01:10.0", 0);
	clear = fake_write_index(&f->k, "virtfn0/driver_override=\\n", 0);
	assert_true(unbind >= 0 && clear > unbind);
	assert_int_equal(fake_write_index(&f->k, "drivers_probe", 0), -1);
	fake_vf_driver(&f->k, 0, drv, sizeof(drv));
	assert_string_equal(drv, "");
}

static void leaving_vfio_clears_override_then_probes_default(void **state)
{
	struct fixture *f = *state;
	struct sriov_error err = { 0 };
	char drv[64];
	int clear, unbind, probe;

	assert_int_equal(kernel_bind_vf(&f->fs, &f->pf, 0, "vfio-pci", TEST_TIMEOUT_MS, &err), 0);
	f->k.n_writes = 0;
	assert_int_equal(kernel_unbind_from(&f->fs, &f->pf, 0, "vfio-pci", TEST_TIMEOUT_MS, &err), 0);
	clear = fake_write_index(&f->k, "driver_override=\\n", 0);
	unbind = fake_write_index(&f->k, "driver/unbind", 0);
	probe = fake_write_index(&f->k, "drivers_probe", 0);
	assert_true(clear >= 0 && unbind > clear && probe > unbind);
	fake_vf_driver(&f->k, 0, drv, sizeof(drv));
	assert_string_equal(drv, "igbvf");   /* autoprobe on: the default driver */
	/* Not on vfio-pci: nothing to do. */
	f->k.n_writes = 0;
	assert_int_equal(kernel_unbind_from(&f->fs, &f->pf, 1, "vfio-pci", TEST_TIMEOUT_MS, &err), 0);
	assert_int_equal(f->k.n_writes, 0);
}

static void failed_bind_puts_the_old_driver_back(void **state)
{
	struct fixture *f = *state;
	struct sriov_error err = { 0 };
	struct kernel_vf_sys s;
	char drv[64];

	assert_int_equal(kernel_bind_vf(&f->fs, &f->pf, 0, "nosuchdrv", TEST_TIMEOUT_MS, &err),
			 -ENODEV);
	assert_non_null(strstr(err.message, "driver nosuchdrv did not bind"));
	fake_vf_driver(&f->k, 0, drv, sizeof(drv));
	assert_string_equal(drv, "igbvf");
	assert_int_equal(kernel_pf_vf(&f->pf, 0, &s, NULL), 0);
	assert_string_equal(s.override, "");
}

static void refused_override_write_names_the_file(void **state)
{
	struct fixture *f = *state;
	struct sriov_error err = { 0 };
	char drv[64];

	f->k.fail_path_suffix = "/driver_override";
	f->k.fail_error = -EACCES;
	assert_int_equal(kernel_bind_vf(&f->fs, &f->pf, 0, "vfio-pci", TEST_TIMEOUT_MS, &err),
			 -EACCES);
	assert_non_null(strstr(err.message, "VF-0: writing 'vfio-pci' to "));
	assert_non_null(strstr(err.message, "driver_override: Permission denied"));
	fake_vf_driver(&f->k, 0, drv, sizeof(drv));
	assert_string_equal(drv, "igbvf");
}

static void reprobe_rebinds_the_same_driver(void **state)
{
	struct fixture *f = *state;
	struct sriov_error err = { 0 };
	char drv[64];
	bool reprobed;

	assert_int_equal(kernel_reprobe_vf(&f->fs, &f->pf, 1, &reprobed, drv, sizeof(drv),
					   TEST_TIMEOUT_MS, &err), 0);
	assert_true(reprobed);
	assert_string_equal(drv, "igbvf");
	assert_true(fake_write_index(&f->k, "driver/unbind=0000:01:10.2", 0) <
		    fake_write_index(&f->k, "drivers_probe=0000:01:10.2", 0));
	fake_vf_driver(&f->k, 1, drv, sizeof(drv));
	assert_string_equal(drv, "igbvf");
}

static void reprobe_of_unbound_vf_does_nothing(void **state)
{
	struct fixture *f = *state;
	char drv[64];
	bool reprobed = true;

	assert_int_equal(kernel_reprobe_vf(&f->fs, &f->pf, 1, &reprobed, drv, sizeof(drv),
					   TEST_TIMEOUT_MS, NULL), 0);
	assert_false(reprobed);
	assert_int_equal(f->k.n_writes, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(bound_vf_moves_to_vfio_override_first,
						setup_autoprobe, teardown),
		cmocka_unit_test_setup_teardown(unbound_vf_binds_with_autoprobe_off,
						setup_no_autoprobe, teardown),
		cmocka_unit_test_setup_teardown(empty_driver_unbinds_and_clears_with_newline,
						setup_autoprobe, teardown),
		cmocka_unit_test_setup_teardown(leaving_vfio_clears_override_then_probes_default,
						setup_autoprobe, teardown),
		cmocka_unit_test_setup_teardown(failed_bind_puts_the_old_driver_back,
						setup_autoprobe, teardown),
		cmocka_unit_test_setup_teardown(refused_override_write_names_the_file,
						setup_autoprobe, teardown),
		cmocka_unit_test_setup_teardown(reprobe_rebinds_the_same_driver,
						setup_autoprobe, teardown),
		cmocka_unit_test_setup_teardown(reprobe_of_unbound_vf_does_nothing,
						setup_no_autoprobe, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
