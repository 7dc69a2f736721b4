/* SPDX-License-Identifier: BSD-2-Clause */
/* x710_pci_find over a small fake sysfs tree in a temporary directory. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "x710_pci_find.h"

struct tree {
	char root[128];          /* the PCI device directory */
	char net[128];           /* the class/net directory */
	char top[64];
};

static void put(const char *dir, const char *name, const char *text)
{
	char p[PATH_MAX];
	FILE *f;

	int n = snprintf(p, sizeof(p), "%s/%s", dir, name);

	assert_true(n > 0 && (size_t)n < sizeof(p));   /* the test tree's paths are short */
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void add_device(struct tree *t, const char *bdf, const char *vendor, const char *device)
{
	char d[PATH_MAX];

	snprintf(d, sizeof(d), "%s/%s", t->root, bdf);
	assert_int_equal(mkdir(d, 0755), 0);
	put(d, "vendor", vendor);
	put(d, "device", device);
	put(d, "sriov_numvfs", "0\n");
}

static int setup(void **state)
{
	struct tree *t = calloc(1, sizeof(*t));
	char link[PATH_MAX], target[PATH_MAX];

	snprintf(t->top, sizeof(t->top), "/tmp/x710_pci_find_test.XXXXXX");
	assert_non_null(mkdtemp(t->top));
	snprintf(t->root, sizeof(t->root), "%s/devices", t->top);
	snprintf(t->net, sizeof(t->net), "%s/net", t->top);
	assert_int_equal(mkdir(t->root, 0755), 0);
	assert_int_equal(mkdir(t->net, 0755), 0);
	/* Listed out of order on purpose: ixlN follows PCI address order. */
	add_device(t, "0000:01:00.1", "0x8086\n", "0x1572\n");
	add_device(t, "0000:00:02.0", "0x8086\n", "0x1234\n");
	add_device(t, "0000:01:00.0", "0x8086\n", "0x1572\n");
	add_device(t, "0000:02:00.0", "0x15b3\n", "0x1017\n");
	snprintf(link, sizeof(link), "%s/enp1s0f1", t->net);
	assert_int_equal(mkdir(link, 0755), 0);
	snprintf(link, sizeof(link), "%s/enp1s0f1/device", t->net);
	snprintf(target, sizeof(target), "../../devices/0000:01:00.1");
	assert_int_equal(symlink(target, link), 0);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tree *t = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->top);
	assert_int_equal(system(cmd), 0);
	free(t);
	return 0;
}

static void expect_found(const struct tree *t, const char *name, const char *bdf)
{
	struct x710_pci_pf pf;
	struct sriov_error err = { 0 };
	int rc = x710_pci_find(t->root, t->net, name, &pf, &err);

	if (rc)
		fprintf(stderr, "%s: %s\n", name, err.message);
	assert_int_equal(rc, 0);
	assert_string_equal(pf.bdf, bdf);
	assert_int_equal(pf.device_id, 0x1572);
	assert_string_equal(pf.model, "X710 10GbE SFP+");
}

static void expect_error(const struct tree *t, const char *name, int code, const char *needle)
{
	struct x710_pci_pf pf;
	struct sriov_error err = { 0 };

	assert_int_equal(x710_pci_find(t->root, t->net, name, &pf, &err), code);
	if (!strstr(err.message, needle)) {
		fprintf(stderr, "%s: \"%s\" lacks \"%s\"\n", name, err.message, needle);
		fail();
	}
}

static void test_by_name(void **state)
{
	struct tree *t = *state;

	expect_found(t, "0000:01:00.1", "0000:01:00.1");
	expect_found(t, "01:00.0", "0000:01:00.0");
	expect_found(t, "ixl0", "0000:01:00.0");
	expect_found(t, "ixl1", "0000:01:00.1");
	expect_found(t, "enp1s0f1", "0000:01:00.1");
}

static void test_errors(void **state)
{
	struct tree *t = *state;

	expect_error(t, "ixl2", -ENODEV, "only 2 Intel 700-series PF(s)");
	expect_error(t, "0000:00:02.0", -ENOTSUP, "8086:1234, not an Intel 700-series PF");
	expect_error(t, "0000:02:00.0", -ENOTSUP, "15b3:1017");
	expect_error(t, "0000:09:00.0", -ENODEV, "no PCI device 0000:09:00.0");
	expect_error(t, "enp9s0", -ENODEV, "no interface enp9s0");
	expect_error(t, "not a name!", -EINVAL, "is not a PCI address");
	expect_error(t, "52:54:00:12:34:56", -ENODEV, "only PFs bound to a Linux driver");
}

static void test_sysfs_numbers(void **state)
{
	struct tree *t = *state;
	char dir[PATH_MAX];
	uint32_t v = 0;

	snprintf(dir, sizeof(dir), "%s/0000:01:00.0", t->root);
	assert_int_equal(x710_sysfs_set_numvfs(dir, 4), 0);
	assert_int_equal(x710_sysfs_read_u32(dir, "sriov_numvfs", &v), 0);
	assert_int_equal(v, 4);
	/* 4 -> 2 must go through 0 (Linux: EBUSY); nothing is written. */
	assert_int_equal(x710_sysfs_set_numvfs(dir, 2), -EBUSY);
	assert_int_equal(x710_sysfs_read_u32(dir, "sriov_numvfs", &v), 0);
	assert_int_equal(v, 4);
	assert_int_equal(x710_sysfs_set_numvfs(dir, 0), 0);
	assert_int_equal(x710_sysfs_set_numvfs(dir, 2), 0);
	assert_int_equal(x710_sysfs_read_u32(dir, "sriov_numvfs", &v), 0);
	assert_int_equal(v, 2);
	put(dir, "sriov_totalvfs", "64 junk\n");
	assert_int_equal(x710_sysfs_read_u32(dir, "sriov_totalvfs", &v), -EINVAL);
	put(dir, "sriov_totalvfs", "");
	assert_int_equal(x710_sysfs_read_u32(dir, "sriov_totalvfs", &v), -EINVAL);
	put(dir, "sriov_totalvfs", "99999999999\n");
	assert_int_equal(x710_sysfs_read_u32(dir, "sriov_totalvfs", &v), -EINVAL);
	assert_int_equal(x710_sysfs_read_u32(dir, "missing", &v), -ENOENT);
}

/* Exactly n VFs: every link looked at, the first that disagrees named. */
static void test_wait_vfs(void **state)
{
	struct tree *t = *state;
	struct x710_vfs_mismatch why = { -1, false };
	char dir[PATH_MAX], link[PATH_MAX + 16];

	snprintf(dir, sizeof(dir), "%s/0000:01:00.0", t->root);
	for (int i = 0; i < 3; i += 2) {        /* virtfn0 and virtfn2, not virtfn1 */
		snprintf(link, sizeof(link), "%s/virtfn%d", dir, i);
		assert_int_equal(symlink(".", link), 0);   /* any directory: links must resolve */
	}
	assert_int_equal(x710_sysfs_wait_vfs(dir, 3, 4, 0, &why), -ETIMEDOUT);
	assert_int_equal(why.virtfn, 1);
	assert_true(why.missing);
	assert_int_equal(x710_sysfs_wait_vfs(dir, 1, 4, 0, &why), -ETIMEDOUT);
	assert_int_equal(why.virtfn, 2);       /* an old VF still going */
	assert_false(why.missing);
	snprintf(link, sizeof(link), "%s/virtfn2", dir);
	assert_int_equal(unlink(link), 0);
	assert_int_equal(x710_sysfs_wait_vfs(dir, 1, 4, 0, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_name),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_sysfs_numbers),
		cmocka_unit_test(test_wait_vfs),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
