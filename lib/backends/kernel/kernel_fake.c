/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "kernel_fake.h"

/* QEMU igb (kernel-vm.md): VF n is RID + 128 + 2n on bus 1. */
#define FAKE_VF_OFFSET 128
#define FAKE_VF_STRIDE 2

void fake_path(char *buf, size_t len, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprintf(buf, len, f, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < len);
}

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void mkdirs(const char *root, const char *rel)
{
	char path[PATH_MAX];

	fake_path(path, sizeof(path), "%s/%s", root, rel);
	for (char *p = path + strlen(root) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0755);
			*p = '/';
		}
	mkdir(path, 0755);
}

static void vf_bdf(unsigned int vf, char *buf, size_t len)
{
	unsigned int devfn = FAKE_VF_OFFSET + FAKE_VF_STRIDE * vf;

	fake_path(buf, len, "0000:01:%02x.%x", devfn >> 3, devfn & 7);
}

static void pf_file(const struct fake_kernel *k, const char *name, const char *text)
{
	char path[PATH_MAX];

	fake_path(path, sizeof(path), "%s/bus/pci/devices/" FAKE_PF_BDF "/%s", k->root, name);
	put_file(path, text);
}

static void vf_dir(const struct fake_kernel *k, unsigned int vf, char *buf, size_t len)
{
	char bdf[16];

	vf_bdf(vf, bdf, sizeof(bdf));
	fake_path(buf, len, "%s/bus/pci/devices/%s", k->root, bdf);
}

/* Binds VF @vf to @drv: the driver link, and a netdev for igbvf. */
static void fake_bind(struct fake_kernel *k, unsigned int vf, const char *drv)
{
	char dir[PATH_MAX], path[PATH_MAX], target[PATH_MAX];

	vf_dir(k, vf, dir, sizeof(dir));
	fake_path(path, sizeof(path), "%s/driver", dir);
	fake_path(target, sizeof(target), "../../drivers/%s", drv);
	assert_int_equal(symlink(target, path), 0);
	if (strcmp(drv, "igbvf") == 0) {
		fake_path(path, sizeof(path), "%s/net/enp1s0v%u", dir, vf);
		mkdirs("", path + 1);
	}
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static void rm_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void fake_unbind(struct fake_kernel *k, unsigned int vf)
{
	char dir[PATH_MAX], path[PATH_MAX];

	vf_dir(k, vf, dir, sizeof(dir));
	fake_path(path, sizeof(path), "%s/driver", dir);
	unlink(path);
	fake_path(path, sizeof(path), "%s/net", dir);
	rm_tree(path);
}

static void destroy_vfs(struct fake_kernel *k)
{
	char dir[PATH_MAX], path[PATH_MAX];

	for (unsigned int vf = 0; vf < k->num_vfs; vf++) {
		vf_dir(k, vf, dir, sizeof(dir));
		rm_tree(dir);
		fake_path(path, sizeof(path), "%s/bus/pci/devices/" FAKE_PF_BDF "/virtfn%u", k->root, vf);
		unlink(path);
	}
	k->num_vfs = 0;
}

static void create_vfs(struct fake_kernel *k, unsigned int n)
{
	char dir[PATH_MAX], path[PATH_MAX], bdf[16], target[64];

	for (unsigned int vf = 0; vf < n; vf++) {
		vf_bdf(vf, bdf, sizeof(bdf));
		vf_dir(k, vf, dir, sizeof(dir));
		mkdirs("", dir + 1);
		fake_path(path, sizeof(path), "%s/driver_override", dir);
		put_file(path, "(null)\n");
		fake_path(path, sizeof(path), "%s/bus/pci/devices/" FAKE_PF_BDF "/virtfn%u", k->root, vf);
		fake_path(target, sizeof(target), "../%s", bdf);
		assert_int_equal(symlink(target, path), 0);
		/* Settings are lost across 0; re-created VFs start with MAC 0 (kernel-vm.md). */
		memset(&k->vf[vf], 0, sizeof(k->vf[vf]));
		k->vf[vf].present = (1u << KERNEL_VF_MAC) | (1u << KERNEL_VF_SPOOFCHK) |
			(1u << KERNEL_VF_TRUST) | (1u << KERNEL_VF_VLAN) | (1u << KERNEL_VF_RATE) |
			(1u << KERNEL_VF_LINK_STATE);
		k->vf[vf].spoofchk = true;
		k->vf[vf].vlan_proto = KERNEL_VLAN_PROTO_8021Q;
		if (k->autoprobe)
			fake_bind(k, vf, "igbvf");
	}
	k->num_vfs = n;
}

static int vf_of_bdf(const struct fake_kernel *k, const char *bdf)
{
	char b[16];

	for (unsigned int vf = 0; vf < k->num_vfs; vf++) {
		vf_bdf(vf, b, sizeof(b));
		if (strcmp(b, bdf) == 0)
			return (int)vf;
	}
	return -1;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && strcmp(s + a - b, tail) == 0;
}

static int read_override(const char *dir, char *buf, size_t len)
{
	char path[PATH_MAX];
	FILE *f;

	fake_path(path, sizeof(path), "%s/driver_override", dir);
	if (!(f = fopen(path, "r")))
		return -ENOENT;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* The kernel's part of one write (pci-iov, driver core), igb-flavoured. */
static int play(struct fake_kernel *k, const char *path, const char *value)
{
	char dir[PATH_MAX], ov[64], text[32], link[PATH_MAX];
	unsigned long n;
	int vf;

	if (ends_with(path, "/sriov_numvfs")) {
		n = strtoul(value, NULL, 10);
		if (n && k->num_vfs && n != k->num_vfs)
			return -EBUSY;
		if (n > FAKE_TOTAL_VFS)
			return -ERANGE;
		destroy_vfs(k);
		create_vfs(k, (unsigned int)n);
		fake_path(text, sizeof(text), "%lu\n", n);
		put_file(path, text);
		return 0;
	}
	if (ends_with(path, "/sriov_drivers_autoprobe")) {
		k->autoprobe = value[0] == '1';
		put_file(path, value);
		return 0;
	}
	if (ends_with(path, "/driver_override")) {
		put_file(path, strcmp(value, "\n") == 0 ? "(null)\n" : value);
		return 0;
	}
	if (ends_with(path, "/driver/unbind")) {
		if ((vf = vf_of_bdf(k, value)) < 0)
			return -ENODEV;
		fake_unbind(k, (unsigned int)vf);
		return 0;
	}
	if (ends_with(path, "/drivers_probe")) {
		if ((vf = vf_of_bdf(k, value)) < 0)
			return -ENODEV;
		vf_dir(k, (unsigned int)vf, dir, sizeof(dir));
		fake_path(link, sizeof(link), "%s/driver", dir);
		if (access(link, F_OK) == 0)
			return 0;
		read_override(dir, ov, sizeof(ov));
		/* A VF probes only with autoprobe on or an override (pci_device_can_probe). */
		fake_path(dir, sizeof(dir), "%s/bus/pci/drivers/%s", k->root, ov);
		if (strcmp(ov, "(null)") != 0 && ov[0]) {
			if (access(dir, F_OK) == 0)   /* only a loaded driver binds */
				fake_bind(k, (unsigned int)vf, ov);
		}
		else if (k->autoprobe)
			fake_bind(k, (unsigned int)vf, "igbvf");
		return 0;
	}
	return -EACCES;
}

static int fake_write(void *arg, const char *path, const char *value)
{
	struct fake_kernel *k = arg;
	size_t root = strlen(k->root);

	assert_true(strncmp(path, k->root, root) == 0);
	assert_true(k->n_writes < FAKE_MAX_WRITES);
	fake_path(k->writes[k->n_writes++], FAKE_WRITE_LEN, "%s=%s", path + root + 1,
	    strcmp(value, "\n") ? value : "\\n");
	if (k->fail_path_suffix && ends_with(path, k->fail_path_suffix))
		return k->fail_error;
	return play(k, path, value);
}

static int fake_get_vfs(void *ctx, uint32_t ifindex, struct kernel_vf_attrs *out, unsigned int max,
			unsigned int *n, struct sriov_error *err)
{
	struct fake_kernel *k = ctx;

	(void)err;
	assert_int_equal(ifindex, 2);
	k->nl_gets++;
	for (unsigned int i = 0; i < k->num_vfs && i < max; i++)
		out[i] = k->vf[i];
	*n = k->num_vfs;
	return 0;
}

/* igb's answers (kernel-vm.md "What the kernel does"). */
static int fake_set_vf(void *ctx, uint32_t ifindex, unsigned int vf, enum kernel_vf_key key,
		       const struct kernel_vf_attrs *want, struct sriov_error *err)
{
	struct fake_kernel *k = ctx;
	struct kernel_vf_attrs *a;

	(void)err;
	assert_int_equal(ifindex, 2);
	k->nl_sets++;
	if (vf >= k->num_vfs)
		return -EINVAL;
	a = &k->vf[vf];
	switch (key) {
	case KERNEL_VF_MAC: memcpy(a->mac, want->mac, 6); return 0;
	case KERNEL_VF_SPOOFCHK: a->spoofchk = want->spoofchk; return 0;
	case KERNEL_VF_TRUST: a->trust = want->trust; return 0;
	case KERNEL_VF_LINK_STATE: return -EOPNOTSUPP;
	case KERNEL_VF_RSS_QUERY: return -EOPNOTSUPP;
	case KERNEL_VF_VLAN:
		if (want->vlan_proto != KERNEL_VLAN_PROTO_8021Q)
			return -EPROTONOSUPPORT;
		a->vlan = want->vlan;
		a->qos = want->qos;
		return 0;
	case KERNEL_VF_RATE:
		if (want->min_tx_rate || !k->link_up)
			return -EINVAL;
		a->max_tx_rate = want->max_tx_rate;
		return 0;
	default:
		return -EINVAL;
	}
}

static int fake_get_vf_status(void *ctx, uint32_t ifindex, struct kernel_vf_status *out,
			      unsigned int max, unsigned int *n, struct sriov_error *err)
{
	struct fake_kernel *k = ctx;

	(void)err;
	assert_int_equal(ifindex, 2);
	k->nl_status_gets++;
	*n = 0;
	if (k->status_error)
		return k->status_error;
	for (unsigned int i = 0; i < k->num_vfs && i < max; i++)
		out[i] = k->status[i];
	*n = k->num_vfs;
	return 0;
}

static const struct kernel_nl_ops fake_nl_ops = {
	.get_vfs = fake_get_vfs,
	.set_vf = fake_set_vf,
	.get_vf_status = fake_get_vf_status,
};

void fake_pf_file(const struct fake_kernel *k, const char *name, const char *text)
{
	pf_file(k, name, text);
}

void fake_set_num_vfs(struct fake_kernel *k, unsigned int n)
{
	char path[PATH_MAX], text[16];

	fake_path(path, sizeof(path), "%s/bus/pci/devices/" FAKE_PF_BDF "/sriov_numvfs", k->root);
	fake_path(text, sizeof(text), "%u", n);
	assert_int_equal(fake_write(k, path, text), 0);
}

void fake_kernel_init(struct fake_kernel *k)
{
	char path[PATH_MAX], pf[PATH_MAX];
	const char *tmp = getenv("TMPDIR");

	memset(k, 0, sizeof(*k));
	fake_path(k->root, sizeof(k->root), "%s/kernel-fake-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(k->root));
	k->autoprobe = true;
	k->link_up = true;
	mkdirs(k->root, "bus/pci/drivers/igb");
	mkdirs(k->root, "bus/pci/drivers/igbvf");
	mkdirs(k->root, "bus/pci/drivers/vfio-pci");
	mkdirs(k->root, "bus/pci/devices/" FAKE_PF_BDF "/net/" FAKE_PF_IF);
	mkdirs(k->root, "class/net");
	fake_path(pf, sizeof(pf), "%s/bus/pci/devices/" FAKE_PF_BDF, k->root);
	pf_file(k, "sriov_totalvfs", "7\n");
	pf_file(k, "sriov_numvfs", "0\n");
	pf_file(k, "sriov_drivers_autoprobe", "1\n");
	pf_file(k, "sriov_offset", "128\n");
	pf_file(k, "sriov_stride", "2\n");
	pf_file(k, "sriov_vf_device", "10ca\n");
	pf_file(k, "vendor", "0x8086\n");
	pf_file(k, "device", "0x10c9\n");
	pf_file(k, "net/" FAKE_PF_IF "/ifindex", "2\n");
	pf_file(k, "net/" FAKE_PF_IF "/operstate", "up\n");
	pf_file(k, "net/" FAKE_PF_IF "/address", FAKE_PF_MAC "\n");
	fake_path(path, sizeof(path), "%s/driver", pf);
	assert_int_equal(symlink("../../drivers/igb", path), 0);
	fake_path(path, sizeof(path), "%s/net/" FAKE_PF_IF "/device", pf);
	assert_int_equal(symlink("../../../" FAKE_PF_BDF, path), 0);
	fake_path(path, sizeof(path), "%s/class/net/" FAKE_PF_IF, k->root);
	assert_int_equal(symlink("../../bus/pci/devices/" FAKE_PF_BDF "/net/" FAKE_PF_IF, path), 0);
	k->env = (struct kernel_env){ .sysfs_root = k->root, .write = fake_write, .write_arg = k,
				      .nl = &fake_nl_ops, .nl_ctx = k };
}

void fake_kernel_fini(struct fake_kernel *k)
{
	rm_tree(k->root);
}

int fake_write_index(const struct fake_kernel *k, const char *needle, size_t from)
{
	for (size_t i = from; i < k->n_writes; i++)
		if (strstr(k->writes[i], needle))
			return (int)i;
	return -1;
}

void fake_vf_driver(const struct fake_kernel *k, unsigned int vf, char *drv, size_t len)
{
	char dir[PATH_MAX], path[PATH_MAX], target[PATH_MAX];
	ssize_t n;

	vf_dir(k, vf, dir, sizeof(dir));
	fake_path(path, sizeof(path), "%s/driver", dir);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0) {
		drv[0] = '\0';
		return;
	}
	target[n] = '\0';
	snprintf(drv, len, "%s", strrchr(target, '/') + 1);
}

bool fake_vf_has_netdev(const struct fake_kernel *k, unsigned int vf)
{
	char dir[PATH_MAX], path[PATH_MAX];

	vf_dir(k, vf, dir, sizeof(dir));
	fake_path(path, sizeof(path), "%s/net", dir);
	return access(path, F_OK) == 0;
}
