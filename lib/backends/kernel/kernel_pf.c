/* SPDX-License-Identifier: BSD-2-Clause */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sriov/device_name.h>

#include "kernel_pf.h"

/* Drivers that hand a PF to userspace: the x710 backend's territory, not ours. */
static const char *const userspace_drivers[] = {
	"vfio-pci", "uio_pci_generic", "igb_uio", "pci-stub",
};

/* IFF_UP in a netdev's flags (uapi linux/if.h). */
#define KERNEL_IFF_UP 0x1

/* Longest attribute text read here ("00:11:22:33:44:55", "(null)", a number). */
#define ATTR_TEXT_MAX 64

static bool is_userspace_driver(const char *name)
{
	for (size_t i = 0; i < sizeof(userspace_drivers) / sizeof(userspace_drivers[0]); i++)
		if (strcmp(name, userspace_drivers[i]) == 0)
			return true;
	return false;
}

int kernel_parse_mac(const char *s, uint8_t mac[6])
{
	unsigned int b[6];
	char tail;

	if (strlen(s) != 17 ||
	    sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
		   &tail) != 6)
		return -EINVAL;
	for (int i = 0; i < 6; i++) {
		if (!isxdigit((unsigned char)s[i * 3]) || !isxdigit((unsigned char)s[i * 3 + 1]))
			return -EINVAL;
		mac[i] = (uint8_t)b[i];
	}
	return 0;
}

/* <a>/<b> into @buf; an over-long path ends up empty (and so fails to open). */
static int attr_path(char *buf, size_t len, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la + 1 + lb + 1 > len) {
		buf[0] = '\0';
		return -ENAMETOOLONG;
	}
	memcpy(buf, a, la);
	buf[la] = '/';
	memcpy(buf + la + 1, b, lb + 1);
	return 0;
}

/* Copies @src into @dst of @len bytes: 0 or -ENAMETOOLONG (then @dst is ""). */
static int copy_name(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n + 1 > len) {
		dst[0] = '\0';
		return -ENAMETOOLONG;
	}
	memcpy(dst, src, n + 1);
	return 0;
}

/* The first entry of <dir>/net, or "" when the device has no netdev. */
static void first_netdev(const char *dir, char *buf, size_t len)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	buf[0] = '\0';
	if (attr_path(path, sizeof(path), dir, "net") || !(d = opendir(path)))
		return;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.') {
			copy_name(buf, len, de->d_name);
			break;
		}
	closedir(d);
}

/* The PCI address behind <root>/class/net/<ifname>/device. */
static int bdf_of_netdev(const struct kernel_sysfs *fs, const char *ifname, char *bdf,
			 size_t len, struct sriov_error *err)
{
	char rel[PATH_MAX], path[PATH_MAX];
	int rc;

	if (strchr(ifname, '/') || strlen(ifname) >= IF_NAMESIZE)
		return sriov_error_set(err, -EINVAL, "'%s' is not an interface name", ifname);
	snprintf(rel, sizeof(rel), "class/net/%s/device", ifname);
	if ((rc = kernel_sysfs_path(fs, path, sizeof(path), rel)))
		return sriov_error_set(err, rc, "%s/%s: path too long", fs->root, rel);
	rc = kernel_sysfs_link_name(path, bdf, len);
	if (rc == -ENOENT)
		return sriov_error_set(err, -ENODEV, "no interface %s (%s)", ifname, path);
	if (rc)
		return sriov_error_set(err, -ENOTSUP, "%s is not a PCI device (%s: %s)", ifname,
				       path, strerror(-rc));
	if (sriov_device_classify(bdf, NULL) != SRIOV_DEVICE_PCI_ADDRESS)
		return sriov_error_set(err, -ENOTSUP, "%s is not a PCI device (its device is %s)",
				       ifname, bdf);
	return 0;
}

/* The SR-IOV PF whose netdev carries @mac (VFs may share a PF's MAC: skip them). */
static int bdf_of_mac(const struct kernel_sysfs *fs, const char *text, char *bdf, size_t len,
		      struct sriov_error *err)
{
	char net[PATH_MAX], path[PATH_MAX], addr[ATTR_TEXT_MAX], cand[KERNEL_BDF_LEN];
	uint8_t want[6], have[6];
	struct dirent *de;
	DIR *d;
	int found = 0;

	if (kernel_parse_mac(text, want))
		return sriov_error_set(err, -EINVAL, "'%s' is not a MAC address", text);
	if (kernel_sysfs_path(fs, net, sizeof(net), "class/net") || !(d = opendir(net)))
		return sriov_error_set(err, -ENODEV, "cannot list %s/class/net", fs->root);
	while ((de = readdir(d)) && !found) {
		if (de->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s/address", net, de->d_name) >= (int)sizeof(path) ||
		    kernel_sysfs_read(path, addr, sizeof(addr)) || kernel_parse_mac(addr, have) ||
		    memcmp(have, want, sizeof(want)))
			continue;
		if (snprintf(path, sizeof(path), "%s/%s/device/sriov_totalvfs", net, de->d_name) >=
			    (int)sizeof(path) || access(path, F_OK))
			continue;
		if (bdf_of_netdev(fs, de->d_name, cand, sizeof(cand), NULL) == 0)
			found = copy_name(bdf, len, cand) == 0;
	}
	closedir(d);
	return found ? 0 : sriov_error_set(err, -ENODEV, "no SR-IOV PF has MAC %s", text);
}

static int resolve_bdf(const struct kernel_sysfs *fs, const char *name, char *bdf, size_t len,
		       struct sriov_error *err)
{
	struct sriov_pci_address a;
	uint8_t mac[6];

	if (kernel_parse_mac(name, mac) == 0)
		return bdf_of_mac(fs, name, bdf, len, err);
	switch (sriov_device_classify(name, &a)) {
	case SRIOV_DEVICE_PCI_ADDRESS:
		snprintf(bdf, len, "%04x:%02x:%02x.%x", a.domain, a.bus, a.device, a.function);
		return 0;
	case SRIOV_DEVICE_UNIT_NAME:
	case SRIOV_DEVICE_IFNAME:
		return bdf_of_netdev(fs, name, bdf, len, err);
	default:
		return sriov_error_set(err, -EINVAL, "'%s' is not a PCI address, an interface "
				       "name or a MAC address", name);
	}
}

int kernel_pf_refresh(const struct kernel_sysfs *fs, struct kernel_pf *pf, struct sriov_error *err)
{
	char path[PATH_MAX];
	uint32_t v;
	int rc;

	(void)fs;   /* the PF's directory already lies under its root */
	attr_path(path, sizeof(path), pf->dir, "sriov_numvfs");
	if ((rc = kernel_sysfs_read_u32(path, &pf->num_vfs)))
		return sriov_error_set(err, rc, "%s: %s", path, strerror(-rc));
	if (pf->num_vfs > pf->total_vfs)
		return sriov_error_set(err, -ERANGE, "%s: %u VFs but sriov_totalvfs is %u", path,
				       pf->num_vfs, pf->total_vfs);
	attr_path(path, sizeof(path), pf->dir, "sriov_drivers_autoprobe");
	pf->has_autoprobe = kernel_sysfs_read_u32(path, &v) == 0;
	pf->autoprobe = pf->has_autoprobe ? v != 0 : true;
	first_netdev(pf->dir, pf->ifname, sizeof(pf->ifname));
	if (!pf->ifname[0])
		return sriov_error_set(err, -ENOTSUP, "%s (driver %s) has no network interface",
				       pf->bdf, pf->driver);
	if (snprintf(path, sizeof(path), "%s/net/%s/ifindex", pf->dir, pf->ifname) >= (int)sizeof(path) ||
	    (rc = kernel_sysfs_read_u32(path, &pf->ifindex)) || pf->ifindex == 0)
		return sriov_error_set(err, rc ? rc : -EINVAL, "%s: cannot read the ifindex", path);
	return 0;
}

int kernel_pf_find(const struct kernel_sysfs *fs, const char *name, struct kernel_pf *pf,
		   struct sriov_error *err)
{
	char rel[PATH_MAX], path[PATH_MAX];
	uint32_t v;
	int rc;

	memset(pf, 0, sizeof(*pf));
	if ((rc = resolve_bdf(fs, name, pf->bdf, sizeof(pf->bdf), err)))
		return rc;
	snprintf(rel, sizeof(rel), "bus/pci/devices/%s", pf->bdf);
	if ((rc = kernel_sysfs_path(fs, pf->dir, sizeof(pf->dir), rel)))
		return sriov_error_set(err, rc, "%s/%s: path too long", fs->root, rel);
	if (access(pf->dir, F_OK))
		return sriov_error_set(err, -ENODEV, "no PCI device %s (%s)", pf->bdf, pf->dir);
	attr_path(path, sizeof(path), pf->dir, "sriov_totalvfs");
	if (kernel_sysfs_read_u32(path, &pf->total_vfs))
		return sriov_error_set(err, -ENOTSUP, "%s is not an SR-IOV PF (no %s)", pf->bdf, path);
	attr_path(path, sizeof(path), pf->dir, "driver");
	if (kernel_sysfs_link_name(path, pf->driver, sizeof(pf->driver)))
		return sriov_error_set(err, -ENOTSUP, "%s is bound to no driver", pf->bdf);
	if (is_userspace_driver(pf->driver))
		return sriov_error_set(err, -ENOTSUP, "%s is bound to %s, a userspace driver, not a "
				       "kernel network driver", pf->bdf, pf->driver);
	attr_path(path, sizeof(path), pf->dir, "vendor");
	if (kernel_sysfs_read_u32(path, &v) == 0 && v <= UINT16_MAX)
		pf->vendor = (uint16_t)v;
	attr_path(path, sizeof(path), pf->dir, "device");
	if (kernel_sysfs_read_u32(path, &v) == 0 && v <= UINT16_MAX)
		pf->device = (uint16_t)v;
	attr_path(path, sizeof(path), pf->dir, "sriov_vf_device");
	kernel_sysfs_read_hex16(path, &pf->vf_device);
	attr_path(path, sizeof(path), pf->dir, "sriov_offset");
	kernel_sysfs_read_u32(path, &pf->offset);
	attr_path(path, sizeof(path), pf->dir, "sriov_stride");
	kernel_sysfs_read_u32(path, &pf->stride);
	return kernel_pf_refresh(fs, pf, err);
}

int kernel_pf_vf(const struct kernel_pf *pf, unsigned int vf, struct kernel_vf_sys *out,
		 struct sriov_error *err)
{
	char dir[PATH_MAX], path[PATH_MAX];
	int rc;

	memset(out, 0, sizeof(*out));
	if (snprintf(dir, sizeof(dir), "%s/virtfn%u", pf->dir, vf) >= (int)sizeof(dir))
		return sriov_error_set(err, -ENAMETOOLONG, "%s/virtfn%u: path too long", pf->dir, vf);
	if ((rc = kernel_sysfs_link_name(dir, out->bdf, sizeof(out->bdf))))
		return sriov_error_set(err, rc == -ENOENT ? -ENODEV : rc, "%s: %s", dir, strerror(-rc));
	attr_path(path, sizeof(path), dir, "driver");
	kernel_sysfs_link_name(path, out->driver, sizeof(out->driver));
	attr_path(path, sizeof(path), dir, "driver_override");
	/* The kernel shows an empty override as "(null)" (kernel-vm.md). */
	if (kernel_sysfs_read(path, out->override, sizeof(out->override)) ||
	    strcmp(out->override, "(null)") == 0)
		out->override[0] = '\0';
	first_netdev(dir, out->netdev, sizeof(out->netdev));
	return 0;
}

bool kernel_pf_link_up(const struct kernel_sysfs *fs, const struct kernel_pf *pf)
{
	char path[PATH_MAX], state[ATTR_TEXT_MAX];

	(void)fs;
	if (snprintf(path, sizeof(path), "%s/net/%s/operstate", pf->dir, pf->ifname) >= (int)sizeof(path))
		return false;
	return kernel_sysfs_read(path, state, sizeof(state)) == 0 && strcmp(state, "up") == 0;
}

bool kernel_pf_admin_up(const struct kernel_pf *pf)
{
	char path[PATH_MAX];
	uint32_t flags;

	if (snprintf(path, sizeof(path), "%s/net/%s/flags", pf->dir, pf->ifname) >= (int)sizeof(path))
		return false;
	return kernel_sysfs_read_u32(path, &flags) == 0 && (flags & KERNEL_IFF_UP);
}
