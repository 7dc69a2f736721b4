/* SPDX-License-Identifier: BSD-2-Clause */
/* Finding a kernel PF and reading its VFs from a fake sysfs tree. */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "kernel_fake.h"
#include "kernel_bind.h"
#include "kernel_pf.h"

static int setup(void **state)
{
	struct fake_kernel *k = malloc(sizeof(*k));

	assert_non_null(k);
	fake_kernel_init(k);
	*state = k;
	return 0;
}

static int teardown(void **state)
{
	fake_kernel_fini(*state);
	free(*state);
	return 0;
}

static void fs_of(struct fake_kernel *k, struct kernel_sysfs *fs)
{
	assert_int_equal(kernel_sysfs_init(fs, k->root), 0);
	fs->write = k->env.write;
	fs->write_arg = k;
}

static void found_by_every_name(void **state)
{
	static const char *const names[] = { FAKE_PF_BDF, "01:00.0", FAKE_PF_IF, FAKE_PF_MAC,
					     "52:54:00:12:34:56" };
	struct fake_kernel *k = *state;
	struct kernel_sysfs fs;
	struct kernel_pf pf;

	fs_of(k, &fs);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct sriov_error err = { 0 };

		assert_int_equal(kernel_pf_find(&fs, names[i], &pf, &err), 0);
		assert_string_equal(pf.bdf, FAKE_PF_BDF);
		assert_string_equal(pf.driver, "igb");
		assert_string_equal(pf.ifname, FAKE_PF_IF);
		assert_int_equal(pf.ifindex, 2);
		assert_int_equal(pf.total_vfs, 7);
		assert_int_equal(pf.num_vfs, 0);
		assert_int_equal(pf.offset, 128);
		assert_int_equal(pf.stride, 2);
		assert_int_equal(pf.vf_device, 0x10ca);
		assert_int_equal(pf.vendor, 0x8086);
		assert_int_equal(pf.device, 0x10c9);
		assert_true(pf.has_autoprobe && pf.autoprobe);
		assert_true(kernel_pf_link_up(&fs, &pf));
	}
}

static void unknown_names_say_what_was_looked_at(void **state)
{
	struct fake_kernel *k = *state;
	struct sriov_error err = { 0 };
	struct kernel_sysfs fs;
	struct kernel_pf pf;

	fs_of(k, &fs);
	assert_int_equal(kernel_pf_find(&fs, "0000:02:00.0", &pf, &err), -ENODEV);
	assert_non_null(strstr(err.message, "no PCI device 0000:02:00.0"));
	assert_int_equal(kernel_pf_find(&fs, "eth9", &pf, &err), -ENODEV);
	assert_non_null(strstr(err.message, "no interface eth9"));
	assert_int_equal(kernel_pf_find(&fs, "52:54:00:00:00:01", &pf, &err), -ENODEV);
	assert_non_null(strstr(err.message, "no SR-IOV PF has MAC 52:54:00:00:00:01"));
	assert_int_equal(kernel_pf_find(&fs, "not a name!", &pf, &err), -EINVAL);
	assert_int_equal(kernel_pf_find(&fs, "../../etc", &pf, &err), -EINVAL);
}

static void userspace_or_unbound_pf_is_not_ours(void **state)
{
	struct fake_kernel *k = *state;
	struct sriov_error err = { 0 };
	struct kernel_sysfs fs;
	struct kernel_pf pf;
	char path[PATH_MAX];

	fs_of(k, &fs);
	fake_path(path, sizeof(path), "%s/bus/pci/devices/" FAKE_PF_BDF "/driver", k->root);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink("../../drivers/vfio-pci", path), 0);
	assert_int_equal(kernel_pf_find(&fs, FAKE_PF_BDF, &pf, &err), -ENOTSUP);
	assert_non_null(strstr(err.message, "bound to vfio-pci, a userspace driver"));
	assert_int_equal(unlink(path), 0);
	assert_int_equal(kernel_pf_find(&fs, FAKE_PF_BDF, &pf, &err), -ENOTSUP);
	assert_non_null(strstr(err.message, "bound to no driver"));
	fake_path(path, sizeof(path), "%s/bus/pci/devices/" FAKE_PF_BDF "/sriov_totalvfs", k->root);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(kernel_pf_find(&fs, FAKE_PF_BDF, &pf, &err), -ENOTSUP);
	assert_non_null(strstr(err.message, "not an SR-IOV PF"));
}

static void vfs_read_from_virtfn_links(void **state)
{
	struct fake_kernel *k = *state;
	struct sriov_error err = { 0 };
	struct kernel_vf_sys vf;
	struct kernel_sysfs fs;
	struct kernel_pf pf;
	char path[PATH_MAX];

	fs_of(k, &fs);
	assert_int_equal(kernel_pf_find(&fs, FAKE_PF_IF, &pf, &err), 0);
	fake_path(path, sizeof(path), "%s/sriov_numvfs", pf.dir);
	assert_int_equal(kernel_sysfs_write(&fs, path, "2"), 0);
	assert_int_equal(kernel_pf_refresh(&fs, &pf, &err), 0);
	assert_int_equal(pf.num_vfs, 2);
	assert_int_equal(kernel_pf_vf(&pf, 0, &vf, &err), 0);
	/* RID + offset 128 + stride 2 * n (kernel-vm.md) */
	assert_string_equal(vf.bdf, "0000:01:10.0");
	assert_string_equal(vf.driver, "igbvf");
	assert_string_equal(vf.override, "");   /* "(null)" in sysfs */
	assert_string_equal(vf.netdev, "enp1s0v0");
	assert_int_equal(kernel_pf_vf(&pf, 1, &vf, &err), 0);
	assert_string_equal(vf.bdf, "0000:01:10.2");
	assert_int_equal(kernel_pf_vf(&pf, 2, &vf, &err), -ENODEV);
	assert_int_equal(kernel_wait_vfs(&pf, 2, 0), 0);
	assert_int_equal(kernel_wait_vfs(&pf, 3, 0), -ETIMEDOUT);
}

static void numvfs_above_total_is_hostile_input(void **state)
{
	struct fake_kernel *k = *state;
	struct sriov_error err = { 0 };
	struct kernel_sysfs fs;
	struct kernel_pf pf;
	char path[PATH_MAX];
	FILE *f;

	fs_of(k, &fs);
	fake_path(path, sizeof(path), "%s/bus/pci/devices/" FAKE_PF_BDF "/sriov_numvfs", k->root);
	assert_non_null(f = fopen(path, "w"));
	fputs("9000\n", f);
	fclose(f);
	assert_int_equal(kernel_pf_find(&fs, FAKE_PF_BDF, &pf, &err), -ERANGE);
	assert_non_null(f = fopen(path, "w"));
	fputs("two\n", f);
	fclose(f);
	assert_int_equal(kernel_pf_find(&fs, FAKE_PF_BDF, &pf, &err), -EINVAL);
}

static void root_from_the_environment(void **state)
{
	struct kernel_sysfs fs;

	(void)state;
	setenv(KERNEL_SYSFS_ROOT_ENV, "/tmp/elsewhere", 1);
	assert_int_equal(kernel_sysfs_init(&fs, NULL), 0);
	assert_string_equal(fs.root, "/tmp/elsewhere");
	assert_int_equal(kernel_sysfs_init(&fs, "/x"), 0);
	assert_string_equal(fs.root, "/x");
	unsetenv(KERNEL_SYSFS_ROOT_ENV);
	assert_int_equal(kernel_sysfs_init(&fs, NULL), 0);
	assert_string_equal(fs.root, "/sys");
}

static void mac_parsing_is_strict(void **state)
{
	uint8_t mac[6];

	(void)state;
	assert_int_equal(kernel_parse_mac("02:00:00:00:00:0a", mac), 0);
	assert_int_equal(mac[5], 0x0a);
	assert_int_equal(kernel_parse_mac("02:00:00:00:00:0", mac), -EINVAL);
	assert_int_equal(kernel_parse_mac("02:00:00:00:00:0ab", mac), -EINVAL);
	assert_int_equal(kernel_parse_mac("02-00-00-00-00-0a", mac), -EINVAL);
	assert_int_equal(kernel_parse_mac(" 2:00:00:00:00:0a", mac), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(found_by_every_name, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_names_say_what_was_looked_at, setup, teardown),
		cmocka_unit_test_setup_teardown(userspace_or_unbound_pf_is_not_ours, setup, teardown),
		cmocka_unit_test_setup_teardown(vfs_read_from_virtfn_links, setup, teardown),
		cmocka_unit_test_setup_teardown(numvfs_above_total_is_hostile_input, setup, teardown),
		cmocka_unit_test(root_from_the_environment),
		cmocka_unit_test(mac_parsing_is_strict),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
