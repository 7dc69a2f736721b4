/* SPDX-License-Identifier: BSD-2-Clause */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sriov/device_name.h>

#include "x710_pci_find.h"

#define DEFAULT_PCI_ROOT "/sys/bus/pci/devices"
#define SYSFS_ATTR_MAX 64

/* 700-series PF device IDs (DPDK base/i40e_devids.h, public facts). */
static const struct {
	uint16_t id;
	const char *model;
} pf_models[] = {
	{ 0x1572, "X710 10GbE SFP+" },
	{ 0x1580, "XL710 40GbE backplane" },
	{ 0x1581, "X710 10GbE backplane" },
	{ 0x1583, "XL710 40GbE QSFP+" },
	{ 0x1584, "XL710 40GbE QSFP+" },
	{ 0x1585, "X710 10GbE QSFP+" },
	{ 0x1586, "X710 10GBASE-T" },
	{ 0x1587, "XL710 20GbE backplane" },
	{ 0x1588, "XL710 20GbE backplane" },
	{ 0x1589, "X710 10GBASE-T4" },
	{ 0x158a, "XXV710 25GbE backplane" },
	{ 0x158b, "XXV710 25GbE SFP28" },
};

const char *x710_pci_root(void)
{
	const char *env = getenv("SYSFS_PCI_DEVICES");

	return env && *env ? env : DEFAULT_PCI_ROOT;
}

const char *x710_pci_pf_model(uint16_t device_id)
{
	for (size_t i = 0; i < sizeof(pf_models) / sizeof(pf_models[0]); i++)
		if (pf_models[i].id == device_id)
			return pf_models[i].model;
	return NULL;
}

int x710_sysfs_read_u32(const char *dir, const char *attr, uint32_t *out)
{
	char path[PATH_MAX], buf[SYSFS_ATTR_MAX], *end;
	unsigned long v;
	ssize_t n;
	int fd;

	if (snprintf(path, sizeof(path), "%s/%s", dir, attr) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EINVAL;
	buf[n] = '\0';
	errno = 0;
	v = strtoul(buf, &end, 0);
	/* A sysfs number is digits and one newline; anything else is not ours. */
	if (errno || end == buf || (*end && strcmp(end, "\n") != 0) || v > UINT32_MAX)
		return -EINVAL;
	*out = (uint32_t)v;
	return 0;
}

static int write_numvfs(const char *path, unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u\n", n);
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t w;

	if (fd < 0)
		return -errno;
	w = write(fd, buf, (size_t)len);
	if (w != len) {
		int rc = w < 0 ? -errno : -EIO;

		close(fd);
		return rc;
	}
	return close(fd) == 0 ? 0 : -errno;
}

int x710_sysfs_set_numvfs(const char *dir, unsigned int n)
{
	char path[PATH_MAX];
	uint32_t cur = 0;
	int rc;

	if (snprintf(path, sizeof(path), "%s/sriov_numvfs", dir) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	rc = x710_sysfs_read_u32(dir, "sriov_numvfs", &cur);
	if (rc)
		return rc;
	if (cur == n)
		return 0;
	if (cur != 0 && n != 0)
		return -EBUSY;
	return write_numvfs(path, n);
}

/* Fills @out when <root>/<bdf> is an Intel 700-series PF. */
static int check_pf(const char *root, const char *bdf, struct x710_pci_pf *out,
		    struct sriov_error *err)
{
	uint32_t vendor, device;
	int rc;

	memset(out, 0, sizeof(*out));
	if (strlen(bdf) >= sizeof(out->bdf) ||
	    snprintf(out->dir, sizeof(out->dir), "%s/%s", root, bdf) >= (int)sizeof(out->dir))
		return sriov_error_set(err, -EINVAL, "PCI address '%s' is too long", bdf);
	snprintf(out->bdf, sizeof(out->bdf), "%s", bdf);
	if (access(out->dir, F_OK) != 0)
		return sriov_error_set(err, -ENODEV, "no PCI device %s in %s", bdf, root);
	if ((rc = x710_sysfs_read_u32(out->dir, "vendor", &vendor)) ||
	    (rc = x710_sysfs_read_u32(out->dir, "device", &device)))
		return sriov_error_set(err, rc, "%s: cannot read its vendor/device IDs: %s",
				       out->dir, strerror(-rc));
	out->device_id = (uint16_t)device;
	out->model = x710_pci_pf_model((uint16_t)device);
	if (vendor != X710_PCI_VENDOR_INTEL || device > UINT16_MAX || !out->model)
		return sriov_error_set(err, -ENOTSUP, "%s is %04x:%04x, not an Intel 700-series PF",
				       bdf, vendor, device);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The unit-th X710 PF in PCI address order, as ixl(4) numbers them at boot. */
static int find_unit(const char *root, unsigned long unit, struct x710_pci_pf *out,
		     struct sriov_error *err)
{
	DIR *d = opendir(root);
	char **names = NULL;
	size_t n = 0, found = 0;
	struct dirent *e;
	int rc = -ENODEV;

	if (!d)
		return sriov_error_set(err, -errno, "cannot list %s: %s", root, strerror(errno));
	while ((e = readdir(d))) {
		char **v;

		if (e->d_name[0] == '.')
			continue;
		v = realloc(names, (n + 1) * sizeof(*v));
		if (!v || !(v[n] = strdup(e->d_name))) {
			names = v ? v : names;
			rc = -ENOMEM;
			goto out;
		}
		names = v;
		n++;
	}
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++)
		if (check_pf(root, names[i], out, NULL) == 0 && found++ == unit) {
			rc = 0;
			goto out;
		}
	sriov_error_set(err, -ENODEV, "ixl%lu: only %zu Intel 700-series PF(s) in %s", unit,
			found, root);
out:
	closedir(d);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* An interface's PCI address is the basename of /sys/class/net/<if>/device. */
static int find_ifname(const char *root, const char *net_root, const char *name,
		       struct x710_pci_pf *out, struct sriov_error *err)
{
	char link[PATH_MAX], target[PATH_MAX];
	ssize_t n;

	if (snprintf(link, sizeof(link), "%s/%s/device", net_root, name) >= (int)sizeof(link))
		return sriov_error_set(err, -EINVAL, "interface name '%s' is too long", name);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return sriov_error_set(err, -ENODEV, "no interface %s with a PCI device (%s)", name,
				       link);
	target[n] = '\0';
	return check_pf(root, basename(target), out, err);
}

int x710_pci_find(const char *pci_root, const char *net_root, const char *name,
		  struct x710_pci_pf *out, struct sriov_error *err)
{
	struct sriov_pci_address a;
	char bdf[X710_BDF_LEN];
	const char *digits;
	char *end;
	unsigned long unit;
	int rc;

	switch (sriov_device_classify(name, &a)) {
	case SRIOV_DEVICE_PCI_ADDRESS:
		snprintf(bdf, sizeof(bdf), "%04x:%02x:%02x.%x", a.domain, a.bus, a.device,
			 a.function);
		return check_pf(pci_root, bdf, out, err);
	case SRIOV_DEVICE_UNIT_NAME:
		if (strncmp(name, "ixl", 3) == 0) {
			digits = name + 3;
			errno = 0;
			unit = strtoul(digits, &end, 10);
			if (!errno && end != digits && !*end && isdigit((unsigned char)*digits))
				return find_unit(pci_root, unit, out, err);
		}
		/* A Linux interface may have a unit-like name (eth0). */
		rc = find_ifname(pci_root, net_root, name, out, err);
		return rc;
	case SRIOV_DEVICE_IFNAME:
		return find_ifname(pci_root, net_root, name, out, err);
	case SRIOV_DEVICE_MAC_ADDRESS:
		/* A userspace PF has no netdev whose address could name it. */
		return sriov_error_set(err, -ENODEV, "'%s' is a MAC address: only PFs bound to "
				       "a Linux driver are found by MAC; name an X710 by PCI address, "
				       "interface or ixl unit", name);
	default:
		return sriov_error_set(err, -EINVAL, "'%s' is not a PCI address, an interface "
				       "or an ixl unit name", name);
	}
}

/* The first of <dir>/virtfn0..total-1 that disagrees with "exactly @n
 * VFs" into @why, or false when all agree. */
static bool vfs_disagree(const char *dir, unsigned int n, unsigned int total,
			 struct x710_vfs_mismatch *why)
{
	char p[PATH_MAX];

	for (unsigned int i = 0; i < total; i++) {
		bool exists;

		snprintf(p, sizeof(p), "%s/virtfn%u", dir, i);
		exists = access(p, F_OK) == 0;
		if (exists != (i < n)) {
			*why = (struct x710_vfs_mismatch){ .virtfn = (int)i, .missing = !exists };
			return true;
		}
	}
	return false;
}

/* How often the VF links are looked at while they come or go. */
#define VFS_POLL_MS 10

int x710_sysfs_wait_vfs(const char *dir, unsigned int n, unsigned int total,
			unsigned int timeout_ms, struct x710_vfs_mismatch *why)
{
	struct timespec step = { .tv_nsec = VFS_POLL_MS * 1000000L };
	struct x710_vfs_mismatch m;

	for (unsigned int waited = 0;; waited += VFS_POLL_MS) {
		if (!vfs_disagree(dir, n, total, &m))
			return 0;
		if (waited >= timeout_ms)
			break;
		nanosleep(&step, NULL);
	}
	if (why)
		*why = m;
	return -ETIMEDOUT;
}
