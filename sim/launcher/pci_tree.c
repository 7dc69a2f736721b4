/* SPDX-License-Identifier: BSD-2-Clause */
/* The fake PCI tree: layout and why in pci_tree.h. */
#include "pci_tree.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "launcher_path.h"
#include "sriov_cap.h"

/* PF p is 0000:01:00.p (bus 1, device 0, function p). */
#define PF_BUS                 1
#define PCI_RID(bus, devfn)    (((bus) << 8) | (devfn))
/* Without an SR-IOV capability, place VFs as a real XL710 does: PF0 offset
 * 16, stride 1, each PF's VFs after the previous PF's (lspci of an XL710). */
#define FALLBACK_VF_OFFSET     16
#define FALLBACK_VF_STRIDE     1

/* Config header fields (PCI Local Bus spec 6.1). */
#define CFG_VENDOR_ID          0x00
#define CFG_DEVICE_ID          0x02
#define CFG_CLASS_REV          0x08   /* class code in bits 31:8 */
#define CFG_SUBSYS_VENDOR_ID   0x2C
#define CFG_SUBSYS_ID          0x2E
#define PCI_CLASS_ETHERNET     0x020000

/* sysfs "resource" flags of a 64-bit prefetchable memory BAR:
 * IORESOURCE_MEM | PREFETCH | SIZEALIGN | MEM_64 (sim-harness.md). */
#define RESOURCE_FLAGS_MEM64   UINT64_C(0x142200)
#define PCI_STD_NUM_BARS       6
/* Fake bus addresses: non-zero (DPDK skips a BAR that starts at 0), disjoint. */
#define FAKE_BAR_BASE          UINT64_C(0x380000000000)
#define FAKE_FN_WINDOW         UINT64_C(0x2000000)     /* 32 MiB per function */
#define FAKE_BAR3_OFFSET       UINT64_C(0x1000000)

#define UIO_NAME               "uio_pci_generic"
#define UIO_VERSION            "0.01.0"
#define INOTIFY_BUF            4096

enum { REGION_COUNT = 3 };
static const char *const region_suffix[REGION_COUNT] = {
	[X710SIM_REGION_CONFIG] = "config",
	[X710SIM_REGION_BAR0] = "bar0",
	[X710SIM_REGION_BAR3] = "bar3",
};

struct tree_fn {
	bool published;
	void *mem[REGION_COUNT];
	size_t size[REGION_COUNT];
	char bdf[PCI_TREE_BDF_LEN];
	int fifo_fd;
	uint32_t irq_count;
};

struct tree_pf {
	int watch;                 /* inotify wd of sriov_numvfs, or -1 */
	unsigned int num_vfs;
	bool applying;             /* a written count is being carried out */
};

struct pci_tree {
	char dir[PATH_MAX / 2];    /* half, so that dir + a relative path fits */
	unsigned int n_pfs, vfs_per_pf;
	struct tree_fn *fns;       /* n_pfs * (1 + vfs_per_pf), PF first */
	struct tree_pf pfs[X710SIM_MAX_PFS];
	int inotify_fd;
};

static int
path_of(const struct pci_tree *t, char *buf, size_t len, const char *fmt, ...)
{
	char rel[PATH_MAX / 2];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(rel))
		return -ENAMETOOLONG;
	n = snprintf(buf, len, "%s/%s", t->dir, rel);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static struct tree_fn *
fn_state(const struct pci_tree *t, struct x710sim_fn fn)
{
	if (fn.pf >= t->n_pfs || fn.vf < -1 || fn.vf >= (int)t->vfs_per_pf)
		return NULL;
	return &t->fns[fn.pf * (1 + t->vfs_per_pf) + (unsigned int)(fn.vf + 1)];
}

static void
fn_name(struct x710sim_fn fn, char *buf, size_t len)
{
	if (fn.vf < 0)
		snprintf(buf, len, "pf%u", fn.pf);
	else
		snprintf(buf, len, "pf%uvf%d", fn.pf, fn.vf);
}

static int
mkdir_ok(const char *path)
{
	return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -errno;
}

static int
write_text(const char *path, const char *fmt, ...)
{
	char text[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(text))
		return -EOVERFLOW;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	ssize_t w = write(fd, text, (size_t)n);
	int err = w == n ? 0 : (w < 0 ? -errno : -EIO);
	close(fd);
	return err;
}

static int
rm_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP)
		return rmdir(path) == 0 ? 0 : -1;
	return unlink(path) == 0 ? 0 : -1;
}

static void
rm_tree(const char *path)
{
	nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
pci_tree_create(const char *dir, unsigned int n_pfs, unsigned int vfs_per_pf,
		struct pci_tree **out)
{
	if (n_pfs == 0 || n_pfs > X710SIM_MAX_PFS || vfs_per_pf > X710SIM_MAX_VFS_PER_PF)
		return -EINVAL;
	if (strlen(dir) >= sizeof(((struct pci_tree *)0)->dir) || dir[0] != '/')
		return -EINVAL;   /* absolute: symlinks must resolve in any cwd */

	struct pci_tree *t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	strcpy(t->dir, dir);
	t->n_pfs = n_pfs;
	t->vfs_per_pf = vfs_per_pf;
	t->fns = calloc((size_t)n_pfs * (1 + vfs_per_pf), sizeof(*t->fns));
	t->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (!t->fns || t->inotify_fd < 0) {
		int err = t->fns ? -errno : -ENOMEM;
		free(t->fns);
		if (t->inotify_fd >= 0)
			close(t->inotify_fd);
		free(t);
		return err;
	}
	for (size_t i = 0; i < (size_t)n_pfs * (1 + vfs_per_pf); i++)
		t->fns[i].fifo_fd = -1;
	for (unsigned int p = 0; p < X710SIM_MAX_PFS; p++)
		t->pfs[p].watch = -1;

	static const char *const subdirs[] = {
		"", "devices", "regions", "class", "class/uio", "dev", "drivers",
		PCI_TREE_DRIVER_DIR,
	};
	for (size_t i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
		char path[PATH_MAX];
		int rc = path_of(t, path, sizeof(path), "%s", subdirs[i]);
		if (rc == 0)
			rc = mkdir_ok(path);
		if (rc) {
			pci_tree_destroy(t);
			return rc;
		}
	}
	*out = t;
	return 0;
}

const char *
pci_tree_dir(const struct pci_tree *t)
{
	return t->dir;
}

void *
pci_tree_region_alloc(struct pci_tree *t, struct x710sim_fn fn,
		      enum x710sim_region region, size_t size)
{
	struct tree_fn *f = fn_state(t, fn);
	if (!f || (unsigned int)region >= REGION_COUNT || size == 0 || f->mem[region])
		return NULL;

	char name[32], path[PATH_MAX];
	fn_name(fn, name, sizeof(name));
	if (path_of(t, path, sizeof(path), "regions/%s.%s", name, region_suffix[region]))
		return NULL;
	/* A fresh inode: a client still mapping an old one keeps its pages. */
	unlink(path);
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return NULL;
	void *mem = MAP_FAILED;
	if (ftruncate(fd, (off_t)size) == 0)
		mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (mem == MAP_FAILED) {
		unlink(path);
		return NULL;
	}
	f->mem[region] = mem;
	f->size[region] = size;
	return mem;
}

void
pci_tree_region_free(struct pci_tree *t, struct x710sim_fn fn,
		     enum x710sim_region region, void *mem, size_t size)
{
	struct tree_fn *f = fn_state(t, fn);
	if (!f || (unsigned int)region >= REGION_COUNT || f->mem[region] != mem)
		return;
	munmap(mem, size);
	f->mem[region] = NULL;
	f->size[region] = 0;
	char name[32], path[PATH_MAX];
	fn_name(fn, name, sizeof(name));
	if (path_of(t, path, sizeof(path), "regions/%s.%s", name, region_suffix[region]) == 0)
		unlink(path);
}

unsigned int
pci_tree_uio_num(const struct pci_tree *t, struct x710sim_fn fn)
{
	if (fn.vf < 0)
		return fn.pf;
	return t->n_pfs + fn.pf * t->vfs_per_pf + (unsigned int)fn.vf;
}

unsigned int
pci_tree_uio_count(const struct pci_tree *t)
{
	return t->n_pfs * (1 + t->vfs_per_pf);
}

static uint16_t
cfg16(const struct tree_fn *f, unsigned int off)
{
	uint16_t v;
	memcpy(&v, (const uint8_t *)f->mem[X710SIM_REGION_CONFIG] + off, sizeof(v));
	return v;
}

/* Routing ID from the PF's SR-IOV capability, as the PCI core computes it. */
static int
fn_rid(const struct pci_tree *t, struct x710sim_fn fn, unsigned int *rid)
{
	unsigned int pf_rid = PCI_RID(PF_BUS, fn.pf);
	if (fn.vf < 0) {
		*rid = pf_rid;
		return 0;
	}
	const struct tree_fn *pf = fn_state(t, (struct x710sim_fn){ .pf = fn.pf, .vf = -1 });
	struct sriov_cap_info cap;
	if (!pf->mem[X710SIM_REGION_CONFIG] ||
	    sriov_cap_read(pf->mem[X710SIM_REGION_CONFIG], pf->size[X710SIM_REGION_CONFIG], &cap) ||
	    cap.first_vf_offset == 0) {
		cap = (struct sriov_cap_info){
			.first_vf_offset = (uint16_t)(FALLBACK_VF_OFFSET +
				fn.pf * t->vfs_per_pf - fn.pf),
			.vf_stride = FALLBACK_VF_STRIDE,
		};
	}
	return sriov_vf_rid(&cap, pf_rid, (unsigned int)fn.vf, rid);
}

static uint64_t
fake_bar_start(const struct pci_tree *t, struct x710sim_fn fn, enum x710sim_region r)
{
	uint64_t slot = fn.vf < 0 ? fn.pf : t->n_pfs + fn.pf * t->vfs_per_pf + (unsigned int)fn.vf;
	return FAKE_BAR_BASE + slot * FAKE_FN_WINDOW +
	       (r == X710SIM_REGION_BAR3 ? FAKE_BAR3_OFFSET : 0);
}

static int
write_resource(const struct pci_tree *t, struct x710sim_fn fn, const struct tree_fn *f,
	       const char *path)
{
	char text[(PCI_STD_NUM_BARS + 1) * 64];
	size_t len = 0;
	for (unsigned int bar = 0; bar <= PCI_STD_NUM_BARS; bar++) {
		/* Only BAR0 and BAR3 exist on X710 functions. */
		bool exists = bar == 0 || bar == 3;
		enum x710sim_region r = bar == 0 ? X710SIM_REGION_BAR0 : X710SIM_REGION_BAR3;
		uint64_t start = 0, end = 0, flags = 0;
		if (exists && f->mem[r]) {
			start = fake_bar_start(t, fn, r);
			end = start + f->size[r] - 1;
			flags = RESOURCE_FLAGS_MEM64;
		}
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"0x%016" PRIx64 " 0x%016" PRIx64 " 0x%016" PRIx64 "\n",
					start, end, flags);
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	int rc = write(fd, text, len) == (ssize_t)len ? 0 : -EIO;
	close(fd);
	return rc;
}

/* Write one attribute file `dir/name`. */
static int
put_attr(const char *dir, const char *name, const char *fmt, ...)
{
	char p[PATH_MAX], text[128];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(text))
		return -EOVERFLOW;
	int rc = pathf(p, "%s/%s", dir, name);
	return rc ? rc : write_text(p, "%s", text);
}

static int
put_link(const char *target, const char *dir, const char *name)
{
	char p[PATH_MAX];
	int rc = pathf(p, "%s/%s", dir, name);
	if (rc)
		return rc;
	unlink(p);
	return symlink(target, p) == 0 ? 0 : -errno;
}

static int
put_dir(const char *dir, const char *name)
{
	char p[PATH_MAX];
	int rc = pathf(p, "%s/%s", dir, name);
	return rc ? rc : mkdir_ok(p);
}

/* uio/uioN/: what uio_pci_generic's class device shows. */
static int
fill_uio_dir(const struct pci_tree *t, struct x710sim_fn fn, const struct tree_fn *f,
	     const char *devdir, unsigned int uio)
{
	char uiodir[PATH_MAX], target[PATH_MAX];
	int rc = put_dir(devdir, "uio");
	if (rc == 0)
		rc = pathf(uiodir, "%s/uio/uio%u", devdir, uio);
	if (rc == 0)
		rc = mkdir_ok(uiodir);
	if (rc == 0)
		rc = path_of(t, target, sizeof(target), "devices/%s", f->bdf);
	if (rc == 0)
		rc = put_link(target, uiodir, "device");
	if (rc == 0)
		rc = put_attr(uiodir, "name", UIO_NAME "\n");
	if (rc == 0)
		rc = put_attr(uiodir, "version", UIO_VERSION "\n");
	if (rc == 0)
		rc = put_dir(uiodir, "maps");
	if (rc == 0)
		rc = put_dir(uiodir, "maps/map0");
	if (rc == 0)
		rc = put_attr(uiodir, "maps/map0/name", "BAR0\n");
	if (rc == 0)
		rc = put_attr(uiodir, "maps/map0/addr", "0x%016" PRIx64 "\n",
			      fake_bar_start(t, fn, X710SIM_REGION_BAR0));
	if (rc == 0)
		rc = put_attr(uiodir, "maps/map0/size", "0x%016zx\n", f->size[X710SIM_REGION_BAR0]);
	if (rc == 0)
		rc = put_attr(uiodir, "maps/map0/offset", "0x0\n");
	return rc;
}

/* Everything inside the device directory, written under its temporary name. */
static int
fill_device_dir(struct pci_tree *t, struct x710sim_fn fn, struct tree_fn *f,
		const char *dir, unsigned int uio)
{
	static const char *const linked[REGION_COUNT] = {
		[X710SIM_REGION_CONFIG] = "config",
		[X710SIM_REGION_BAR0] = "resource0",
		[X710SIM_REGION_BAR3] = "resource3",
	};
	char p[PATH_MAX], target[PATH_MAX], name[32];
	bool is_pf = fn.vf < 0;
	uint16_t vendor = cfg16(f, CFG_VENDOR_ID), device = cfg16(f, CFG_DEVICE_ID);
	uint32_t class_code;
	memcpy(&class_code, (const uint8_t *)f->mem[X710SIM_REGION_CONFIG] + CFG_CLASS_REV, 4);
	class_code >>= 8;
	/* A VF's vendor/device read as 0xFFFF in hardware (SR-IOV spec 3.4.1.1);
	 * sysfs reports the real ids. */
	if (vendor == 0 || vendor == 0xFFFF)
		vendor = X710SIM_PCI_VENDOR_INTEL;
	if (device == 0 || device == 0xFFFF)
		device = is_pf ? X710SIM_PCI_DEVICE_PF : X710SIM_PCI_DEVICE_VF;
	if (class_code == 0)
		class_code = PCI_CLASS_ETHERNET;

	int rc = mkdir_ok(dir);
	if (rc == 0)
		rc = put_attr(dir, "vendor", "0x%04x\n", vendor);
	if (rc == 0)
		rc = put_attr(dir, "device", "0x%04x\n", device);
	if (rc == 0)
		rc = put_attr(dir, "subsystem_vendor", "0x%04x\n", cfg16(f, CFG_SUBSYS_VENDOR_ID));
	if (rc == 0)
		rc = put_attr(dir, "subsystem_device", "0x%04x\n", cfg16(f, CFG_SUBSYS_ID));
	if (rc == 0)
		rc = put_attr(dir, "class", "0x%06x\n", class_code);
	if (rc == 0)
		rc = put_attr(dir, "numa_node", "0\n");
	if (rc == 0)
		rc = pathf(p, "%s/resource", dir);
	if (rc == 0)
		rc = write_resource(t, fn, f, p);

	fn_name(fn, name, sizeof(name));
	for (unsigned int r = 0; r < REGION_COUNT && rc == 0; r++) {
		if (!f->mem[r])
			continue;
		rc = path_of(t, target, sizeof(target), "regions/%s.%s", name, region_suffix[r]);
		if (rc == 0)
			rc = pathf(p, "%s/%s", dir, linked[r]);
		if (rc == 0 && link(target, p) != 0)
			rc = -errno;
	}
	if (rc == 0)
		rc = path_of(t, target, sizeof(target), "drivers/" PCI_TREE_DRIVER);
	if (rc == 0)
		rc = put_link(target, dir, "driver");
	if (rc == 0)
		rc = fill_uio_dir(t, fn, f, dir, uio);
	if (rc == 0 && is_pf) {
		rc = put_attr(dir, "sriov_totalvfs", "%u\n", t->vfs_per_pf);
		if (rc == 0)
			rc = put_attr(dir, "sriov_numvfs", "%u\n", t->pfs[fn.pf].num_vfs);
	} else if (rc == 0) {
		char pf_bdf[PCI_TREE_BDF_LEN];
		rc = pci_tree_bdf(t, (struct x710sim_fn){ .pf = fn.pf, .vf = -1 }, pf_bdf);
		if (rc == 0)
			rc = path_of(t, target, sizeof(target), "devices/%s", pf_bdf);
		if (rc == 0)
			rc = put_link(target, dir, "physfn");
	}
	return rc;
}

static int
open_fifo(struct pci_tree *t, struct tree_fn *f, unsigned int uio)
{
	char p[PATH_MAX];
	int rc = path_of(t, p, sizeof(p), "dev/uio%u", uio);
	if (rc)
		return rc;
	unlink(p);
	if (mkfifo(p, 0600) != 0)
		return -errno;
	/* O_RDWR: never blocks, and the FIFO stays open with no client. */
	f->fifo_fd = open(p, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	return f->fifo_fd < 0 ? -errno : 0;
}

static void
set_numvfs_file(struct pci_tree *t, unsigned int pf)
{
	char p[PATH_MAX], bdf[PCI_TREE_BDF_LEN];
	if (pci_tree_bdf(t, (struct x710sim_fn){ .pf = pf, .vf = -1 }, bdf) == 0 &&
	    path_of(t, p, sizeof(p), "devices/%s/sriov_numvfs", bdf) == 0)
		write_text(p, "%u\n", t->pfs[pf].num_vfs);
}

static unsigned int
published_vfs(const struct pci_tree *t, unsigned int pf)
{
	unsigned int n = 0;
	for (unsigned int v = 0; v < t->vfs_per_pf; v++)
		n += fn_state(t, (struct x710sim_fn){ .pf = pf, .vf = (int)v })->published;
	return n;
}

/* VFs enabled through config space (not sriov_numvfs) show in the file too;
 * while a written count is still appearing, the file keeps what was written. */
static void
sync_num_vfs(struct pci_tree *t, unsigned int pf)
{
	/* While a written count is carried out the file is the writer's: the
	 * VFs it removes must not write "0" over a count written meanwhile
	 * (a PF driver writes N as soon as the old VFs are gone). */
	if (t->pfs[pf].applying)
		return;
	unsigned int n = published_vfs(t, pf);
	if (n > t->pfs[pf].num_vfs || n == 0) {
		t->pfs[pf].num_vfs = n;
		set_numvfs_file(t, pf);
	}
}

int
pci_tree_publish(struct pci_tree *t, struct x710sim_fn fn)
{
	struct tree_fn *f = fn_state(t, fn);
	if (!f)
		return -EINVAL;
	if (f->published)
		return -EEXIST;
	if (!f->mem[X710SIM_REGION_CONFIG] || !f->mem[X710SIM_REGION_BAR0])
		return -ENODEV;
	if (fn.vf >= 0 && !fn_state(t, (struct x710sim_fn){ .pf = fn.pf, .vf = -1 })->published)
		return -ENODEV;

	unsigned int rid;
	int rc = fn_rid(t, fn, &rid);
	if (rc)
		return rc;
	snprintf(f->bdf, sizeof(f->bdf), "0000:%02x:%02x.%x", (rid >> 8) & 0xFF,
		 (rid >> 3) & 0x1F, rid & 7);
	unsigned int uio = pci_tree_uio_num(t, fn);

	char tmp[PATH_MAX], final[PATH_MAX], p[PATH_MAX];
	rc = path_of(t, tmp, sizeof(tmp), "devices/.%s.tmp", f->bdf);
	if (rc == 0)
		rc = path_of(t, final, sizeof(final), "devices/%s", f->bdf);
	if (rc)
		return rc;
	rm_tree(tmp);
	rm_tree(final);
	rc = fill_device_dir(t, fn, f, tmp, uio);
	if (rc == 0)
		rc = open_fifo(t, f, uio);
	if (rc == 0 && rename(tmp, final) != 0)
		rc = -errno;
	if (rc) {
		rm_tree(tmp);
		if (f->fifo_fd >= 0)
			close(f->fifo_fd);
		f->fifo_fd = -1;
		return rc;
	}
	f->published = true;

	/* Links into the now final directory. */
	char target[PATH_MAX];
	if (pathf(target, "%s/uio/uio%u", final, uio) == 0 &&
	    path_of(t, p, sizeof(p), "class/uio/uio%u", uio) == 0) {
		unlink(p);
		if (symlink(target, p) != 0)
			rc = -errno;
	}
	if (fn.vf < 0) {
		if (pathf(p, "%s/sriov_numvfs", final) == 0)
			t->pfs[fn.pf].watch = inotify_add_watch(t->inotify_fd, p, IN_CLOSE_WRITE);
		if (t->pfs[fn.pf].watch < 0)
			rc = -errno;
	} else {
		char pf_bdf[PCI_TREE_BDF_LEN];
		pci_tree_bdf(t, (struct x710sim_fn){ .pf = fn.pf, .vf = -1 }, pf_bdf);
		if (path_of(t, p, sizeof(p), "devices/%s/virtfn%d", pf_bdf, fn.vf) == 0) {
			unlink(p);
			if (symlink(final, p) != 0)
				rc = -errno;
		}
		sync_num_vfs(t, fn.pf);
	}
	return rc;
}

int
pci_tree_unpublish(struct pci_tree *t, struct x710sim_fn fn)
{
	struct tree_fn *f = fn_state(t, fn);
	if (!f)
		return -EINVAL;
	if (!f->published)
		return -ENOENT;
	char p[PATH_MAX], gone[PATH_MAX];
	unsigned int uio = pci_tree_uio_num(t, fn);
	if (path_of(t, p, sizeof(p), "class/uio/uio%u", uio) == 0)
		unlink(p);
	if (path_of(t, p, sizeof(p), "dev/uio%u", uio) == 0)
		unlink(p);
	if (f->fifo_fd >= 0)
		close(f->fifo_fd);
	f->fifo_fd = -1;
	if (fn.vf >= 0) {
		char pf_bdf[PCI_TREE_BDF_LEN];
		if (pci_tree_bdf(t, (struct x710sim_fn){ .pf = fn.pf, .vf = -1 }, pf_bdf) == 0 &&
		    path_of(t, p, sizeof(p), "devices/%s/virtfn%d", pf_bdf, fn.vf) == 0)
			unlink(p);
	} else if (t->pfs[fn.pf].watch >= 0) {
		inotify_rm_watch(t->inotify_fd, t->pfs[fn.pf].watch);
		t->pfs[fn.pf].watch = -1;
	}
	/* Rename first so a scanner never sees a half-removed directory. */
	if (path_of(t, p, sizeof(p), "devices/%s", f->bdf) == 0 &&
	    path_of(t, gone, sizeof(gone), "devices/.%s.gone", f->bdf) == 0) {
		rm_tree(gone);
		if (rename(p, gone) == 0)
			rm_tree(gone);
	}
	f->published = false;
	if (fn.vf >= 0)
		sync_num_vfs(t, fn.pf);
	return 0;
}

int
pci_tree_bdf(const struct pci_tree *t, struct x710sim_fn fn, char bdf[PCI_TREE_BDF_LEN])
{
	const struct tree_fn *f = fn_state(t, fn);
	if (!f || !f->published)
		return -ENOENT;
	memcpy(bdf, f->bdf, PCI_TREE_BDF_LEN);
	return 0;
}

int
pci_tree_irq(struct pci_tree *t, struct x710sim_fn fn)
{
	struct tree_fn *f = fn_state(t, fn);
	if (!f || f->fifo_fd < 0)
		return -ENOENT;
	/* uio's read() returns the interrupt count as a u32 (uio.c). */
	uint32_t count = ++f->irq_count;
	if (write(f->fifo_fd, &count, sizeof(count)) != (ssize_t)sizeof(count))
		return errno == EAGAIN ? -EAGAIN : -EIO;   /* nobody reads: the pipe is full */
	return 0;
}

void
pci_tree_drain_irqs(struct pci_tree *t)
{
	uint32_t buf[256];
	for (size_t i = 0; i < (size_t)t->n_pfs * (1 + t->vfs_per_pf); i++)
		if (t->fns[i].fifo_fd >= 0)
			while (read(t->fns[i].fifo_fd, buf, sizeof(buf)) > 0)
				;
}

int
pci_tree_watch_fd(const struct pci_tree *t)
{
	return t->inotify_fd;
}

unsigned int
pci_tree_num_vfs(const struct pci_tree *t, unsigned int pf)
{
	return pf < t->n_pfs ? t->pfs[pf].num_vfs : 0;
}

/* "N" or "N\n", decimal, nothing else (kstrtou16 in sriov_numvfs_store). */
static int
parse_count(const char *s, size_t len, unsigned int *out)
{
	if (len > 0 && s[len - 1] == '\n')
		len--;
	if (len == 0 || len > 5)
		return -EINVAL;
	unsigned int v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -EINVAL;
		v = v * 10 + (unsigned int)(s[i] - '0');
	}
	*out = v;
	return 0;
}

static void
numvfs_written(struct pci_tree *t, unsigned int pf, pci_tree_set_num_vfs_fn set, void *ctx)
{
	char p[PATH_MAX], bdf[PCI_TREE_BDF_LEN], text[16];
	if (pci_tree_bdf(t, (struct x710sim_fn){ .pf = pf, .vf = -1 }, bdf) ||
	    path_of(t, p, sizeof(p), "devices/%s/sriov_numvfs", bdf))
		return;
	int fd = open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	ssize_t n = read(fd, text, sizeof(text));
	close(fd);

	unsigned int want, cur = t->pfs[pf].num_vfs;
	if (n < 0)
		return;
	if (parse_count(text, (size_t)n, &want) != 0) {
		fprintf(stderr, "x710-sim: %s: rejected: not a decimal count (restored %u)\n", p, cur);
	} else if (want == cur) {
		return;   /* our own write, or no change */
	} else if (want > t->vfs_per_pf) {
		fprintf(stderr, "x710-sim: %s: rejected %u: more than sriov_totalvfs %u "
			"(ERANGE in Linux; restored %u)\n", p, want, t->vfs_per_pf, cur);
	} else if (cur != 0 && want != 0) {
		fprintf(stderr, "x710-sim: %s: rejected %u: %u VFs already enabled, write 0 "
			"first (EBUSY in Linux; restored %u)\n", p, want, cur, cur);
	} else {
		t->pfs[pf].applying = true;
		int rc = set ? set(ctx, pf, want) : -ENOTSUP;
		t->pfs[pf].applying = false;
		if (rc == 0) {
			t->pfs[pf].num_vfs = want;
			fprintf(stderr, "x710-sim: PF %u: sriov_numvfs %u -> %u\n", pf, cur, want);
			return;
		}
		fprintf(stderr, "x710-sim: %s: the model refused %u VFs: %s (restored %u)\n",
			p, want, strerror(-rc), cur);
	}
	write_text(p, "%u\n", cur);
}

int
pci_tree_handle_watch(struct pci_tree *t, pci_tree_set_num_vfs_fn set, void *ctx)
{
	char buf[INOTIFY_BUF] __attribute__((aligned(__alignof__(struct inotify_event))));
	int handled = 0;
	for (;;) {
		ssize_t n = read(t->inotify_fd, buf, sizeof(buf));
		if (n <= 0)
			return n < 0 && errno != EAGAIN ? -errno : handled;
		for (ssize_t off = 0; off + (ssize_t)sizeof(struct inotify_event) <= n;) {
			const struct inotify_event *ev = (const void *)(buf + off);
			for (unsigned int pf = 0; pf < t->n_pfs; pf++)
				if (ev->wd == t->pfs[pf].watch && (ev->mask & IN_CLOSE_WRITE)) {
					numvfs_written(t, pf, set, ctx);
					handled++;
				}
			off += (ssize_t)(sizeof(*ev) + ev->len);
		}
	}
}

void
pci_tree_destroy(struct pci_tree *t)
{
	if (!t)
		return;
	for (unsigned int pf = 0; pf < t->n_pfs; pf++)
		for (int vf = (int)t->vfs_per_pf - 1; vf >= -1; vf--) {
			struct x710sim_fn fn = { .pf = pf, .vf = vf };
			struct tree_fn *f = fn_state(t, fn);
			if (f->published)
				pci_tree_unpublish(t, fn);
			for (unsigned int r = 0; r < REGION_COUNT; r++)
				if (f->mem[r])
					pci_tree_region_free(t, fn, (enum x710sim_region)r,
							     f->mem[r], f->size[r]);
		}
	static const char *const subdirs[] = {
		PCI_TREE_DRIVER_DIR, "drivers", "dev", "class/uio", "class",
		"regions", "devices",
	};
	for (size_t i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
		char path[PATH_MAX];
		if (path_of(t, path, sizeof(path), "%s", subdirs[i]) == 0)
			rmdir(path);
	}
	close(t->inotify_fd);
	free(t->fns);
	free(t);
}
