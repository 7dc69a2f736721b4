/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <linux/magic.h>
#include <linux/memfd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_pci.h>
#include <bus_pci_driver.h>

#include "x710_eal.h"

/* BAR0 must reach the admin queue registers (spec §3.1: ARQT at 0x80480). */
#define X710_BAR0_MIN 0x80484
#define EAL_MAX_ARGS 16
/* Enough hugepage memory for the admin queue, its buffers and one 2 MB HMC
 * segment (spec §3.6: DPDK's PF uses one direct SD). */
#define EAL_MEMORY_MB "64"
#define MEMZONE_NAME_FMT "x710dma-%u"   /* numbered process-wide: unique across PFs */
/* Linux creates VFs within the sriov_numvfs write; the simulator within ms. */
#define VFS_APPEAR_TIMEOUT_MS 10000
/* Kept blocks are whole 2 MB hugepages of a memfd (MFD_HUGE_2MB). */
#define KEPT_PAGE_SIZE RTE_PGSIZE_2M
#define KEPT_MAX 4
#define KEPT_NAME_FMT "x710-%s-%s"   /* PF address, block name */
/* PFs one process drives at once: four 4-port X710 cards. */
#define PROC_MAX_PFS 16
/* Distinct X710-family device IDs the one PCI driver matches (x710_pci_find.c). */
#define PROC_MAX_IDS 16

/* A block of a hugetlb memfd whose fd sits in the fd store. */
struct kept_block {
	bool used;
	int fd;
	void *va;
	char name[64];
};

/*
 * The one unavoidable piece of global state: DPDK's EAL is process-wide
 * (rte_eal_init runs once per process and never again after
 * rte_eal_cleanup), and so is its PCI bus with the drivers registered on
 * it. Every x710 PF handle shares this EAL: the first open initialises it
 * with only that PF allowed, later PFs join by hotplug (rte_dev_probe) and
 * leave by rte_dev_remove(). The probe callback records each device it is
 * given, keyed by PCI address, so each handle finds its own.
 * Not thread-safe: x710_eal_open()/x710_eal_close() must not run
 * concurrently (sriovctl is single-threaded; sriovd opens and closes PFs
 * from its event loop only).
 */
struct eal_process {
	bool registered;                     /* drv is on DPDK's PCI bus */
	bool up;                             /* rte_eal_init succeeded */
	int init_error;                      /* rte_eal_init failed (negative errno) */
	bool cleanup_at_exit;                /* atexit handler installed */
	unsigned int users;                  /* open handles */
	unsigned int mz_seq;                 /* next memzone number */
	char prefix[64];                     /* --file-prefix */
	struct rte_pci_driver drv;
	struct rte_pci_id ids[PROC_MAX_IDS + 1];   /* zero-terminated */
	struct rte_pci_device *dev[PROC_MAX_PFS];  /* given to us by the bus */
};

static struct eal_process proc;

struct x710_eal {
	struct rte_pci_device *dev;
	const struct x710_pci_pf *pf;
	uint8_t *bar0;
	size_t bar0_len;
	bool verbose;
	const struct sriov_fd_store *fds;
	struct kept_block kept[KEPT_MAX];
};

/* The bus offers us a device (at init or hotplug): remember it by address. */
static int pf_probe(struct rte_pci_driver *drv, struct rte_pci_device *dev)
{
	(void)drv;
	for (size_t i = 0; i < PROC_MAX_PFS; i++)
		if (proc.dev[i] && rte_pci_addr_cmp(&proc.dev[i]->addr, &dev->addr) == 0)
			return -EEXIST;
	for (size_t i = 0; i < PROC_MAX_PFS; i++)
		if (!proc.dev[i]) {
			proc.dev[i] = dev;
			return 0;
		}
	return -ENOSPC;
}

static int pf_remove(struct rte_pci_device *dev)
{
	for (size_t i = 0; i < PROC_MAX_PFS; i++)
		if (proc.dev[i] == dev)
			proc.dev[i] = NULL;
	return 0;
}

static struct rte_pci_device *probed_dev(const char *bdf)
{
	struct rte_pci_addr addr;

	if (rte_pci_addr_parse(bdf, &addr) != 0)
		return NULL;
	for (size_t i = 0; i < PROC_MAX_PFS; i++)
		if (proc.dev[i] && rte_pci_addr_cmp(&proc.dev[i]->addr, &addr) == 0)
			return proc.dev[i];
	return NULL;
}

static uint32_t eal_rd32(void *ctx, uint32_t off)
{
	struct x710_eal *eal = ctx;

	if (off > eal->bar0_len - sizeof(uint32_t))
		return UINT32_MAX;   /* what a read past the BAR returns on PCIe */
	return __atomic_load_n((const uint32_t *)(eal->bar0 + off), __ATOMIC_ACQUIRE);
}

static void eal_wr32(void *ctx, uint32_t off, uint32_t val)
{
	struct x710_eal *eal = ctx;

	if (off <= eal->bar0_len - sizeof(uint32_t))
		__atomic_store_n((uint32_t *)(eal->bar0 + off), val, __ATOMIC_RELEASE);
}

/*
 * A block as large and as aligned as a hugepage (the HMC's 2 MB segment):
 * DPDK wants the pages it adds for an IOVA-contiguous zone, header included,
 * to be physically contiguous, which random hugepages rarely are. A zone of
 * twice the size without that demand always holds one whole, aligned
 * hugepage, which is contiguous by itself.
 */
static int dma_alloc_whole_page(size_t size, size_t align, struct x710_dma *out)
{
	char name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	uint8_t *start, *page;

	snprintf(name, sizeof(name), MEMZONE_NAME_FMT, proc.mz_seq++);
	mz = rte_memzone_reserve_aligned(name, size + align, SOCKET_ID_ANY, 0, RTE_CACHE_LINE_SIZE);
	if (!mz)
		return -(rte_errno ? rte_errno : ENOMEM);
	start = mz->addr;
	page = (uint8_t *)(((uintptr_t)start + align - 1) & ~(uintptr_t)(align - 1));
	if (mz->hugepage_sz < align || rte_mem_virt2iova(page) == RTE_BAD_IOVA) {
		rte_memzone_free(mz);
		return -ENOMEM;
	}
	memset(page, 0, size);
	out->vaddr = page;
	out->iova = rte_mem_virt2iova(page);
	out->size = size;
	out->handle = (void *)mz;
	return 0;
}

static int eal_dma_alloc(void *ctx, size_t size, size_t align, struct x710_dma *out)
{
	char name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;

	(void)ctx;   /* memzones are numbered process-wide (proc.mz_seq) */

	if (size == 0 || align == 0 || (align & (align - 1)) != 0)
		return -EINVAL;
	snprintf(name, sizeof(name), MEMZONE_NAME_FMT, proc.mz_seq++);
	mz = rte_memzone_reserve_aligned(name, size, SOCKET_ID_ANY, RTE_MEMZONE_IOVA_CONTIG,
					 (unsigned int)align);
	if (!mz) {
		int rc = -(rte_errno ? rte_errno : ENOMEM);

		if (align >= RTE_PGSIZE_2M && size <= align)
			return dma_alloc_whole_page(size, align, out);
		return rc;
	}
	memset(mz->addr, 0, size);
	out->vaddr = mz->addr;
	out->iova = mz->iova;
	out->size = size;
	out->handle = (void *)mz;
	return 0;
}

static struct kept_block *kept_of(struct x710_eal *eal, const void *handle)
{
	for (size_t i = 0; i < KEPT_MAX; i++)
		if (eal->kept[i].used && handle == &eal->kept[i])
			return &eal->kept[i];
	return NULL;
}

static void kept_unmap(struct kept_block *k)
{
	munmap(k->va, KEPT_PAGE_SIZE);
	close(k->fd);
	k->used = false;
}

static void eal_dma_free(void *ctx, struct x710_dma *dma)
{
	struct x710_eal *eal = ctx;
	struct kept_block *k = kept_of(eal, dma->handle);

	if (k) {
		/* Released for good: the store lets go of the page too. */
		eal->fds->drop(eal->fds->ctx, k->name);
		kept_unmap(k);
	} else {
		rte_memzone_free(dma->handle);
	}
	dma->handle = NULL;
}

/* A fresh hugetlb memfd of one page, handed to the store. */
static int kept_create(struct x710_eal *eal, const char *name)
{
	int fd = memfd_create(name, MFD_CLOEXEC | MFD_HUGETLB | MFD_HUGE_2MB);
	int rc;

	if (fd < 0)
		return -errno;
	if (ftruncate(fd, KEPT_PAGE_SIZE) != 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	if ((rc = eal->fds->keep(eal->fds->ctx, name, fd))) {
		close(fd);
		return rc;
	}
	return fd;
}

/* Is @fd, found in the store under our name, what kept_create makes: one
 * 2 MB hugetlb page? Anything else (a short or ordinary file) would fault on
 * access or hand the device memory that is not contiguous. */
static bool kept_fd_fits(int fd)
{
	struct statfs fs;
	struct stat st;

	return fstatfs(fd, &fs) == 0 && fs.f_type == HUGETLBFS_MAGIC &&
	       fs.f_bsize == KEPT_PAGE_SIZE && fstat(fd, &st) == 0 &&
	       st.st_size == KEPT_PAGE_SIZE;
}

/*
 * The device's memory across owners: a 2 MB hugepage of a memfd whose fd
 * the fd store holds. A hugetlb page stays at its physical address while
 * any fd or mapping holds it, so with IOVA = PA (uio, the simulator) the
 * successor maps the very page the device still uses. IOVA = VA (vfio)
 * would need the same virtual address and the vfio container kept too.
 */
static int eal_dma_alloc_kept(void *ctx, const char *name, size_t size, size_t align,
			      struct x710_dma *out, bool *found)
{
	struct x710_eal *eal = ctx;
	struct kept_block *k = NULL;
	char full[64];
	rte_iova_t pa;
	int fd;

	if (!eal->fds || rte_eal_iova_mode() != RTE_IOVA_PA)
		return -ENOTSUP;
	if (size == 0 || size > KEPT_PAGE_SIZE || align == 0 || KEPT_PAGE_SIZE % align != 0)
		return -EINVAL;
	for (size_t i = 0; i < KEPT_MAX && !k; i++)
		if (!eal->kept[i].used)
			k = &eal->kept[i];
	if (!k)
		return -ENOSPC;
	snprintf(full, sizeof(full), KEPT_NAME_FMT, eal->pf->bdf, name);   /* unique per PF */
	fd = eal->fds->fetch(eal->fds->ctx, full);
	if (fd >= 0 && !kept_fd_fits(fd)) {
		fprintf(stderr, "x710 %s: kept block %s is not one 2 MB hugetlb page: "
			"replaced by a new one\n", eal->pf->bdf, full);
		close(fd);
		fd = -1;
	}
	*found = fd >= 0;
	if (fd < 0 && (fd = kept_create(eal, full)) < 0)
		return fd;
	k->va = mmap(NULL, KEPT_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
	if (k->va == MAP_FAILED) {
		int rc = -errno;

		close(fd);
		return rc;
	}
	pa = rte_mem_virt2phy(k->va);
	if (pa == RTE_BAD_IOVA) {
		munmap(k->va, KEPT_PAGE_SIZE);
		close(fd);
		return -EFAULT;   /* pagemap hides frame numbers: not root? */
	}
	k->fd = fd;
	k->used = true;
	snprintf(k->name, sizeof(k->name), "%s", full);
	if (!*found)
		memset(k->va, 0, KEPT_PAGE_SIZE);
	*out = (struct x710_dma){ .vaddr = k->va, .iova = pa, .size = size, .handle = k };
	return 0;
}

/* Sleep, not spin: under x710-sim the model needs the CPU to answer. */
static void eal_delay_us(void *ctx, unsigned int us)
{
	struct timespec ts = { .tv_sec = us / 1000000, .tv_nsec = (long)(us % 1000000) * 1000 };

	(void)ctx;
	nanosleep(&ts, NULL);
}

static uint64_t eal_now_us(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void eal_log(void *ctx, enum x710_log_level level, const char *msg)
{
	static const char *const names[] = { "error", "warning", "info", "debug" };
	struct x710_eal *eal = ctx;

	if (level <= X710_LOG_WARN || (eal->verbose && level <= X710_LOG_INFO))
		fprintf(stderr, "x710 %s: %s: %s\n", eal->pf->bdf, names[level], msg);
}

/* Writes @n to sriov_numvfs and waits until exactly @n VFs exist. */
static int set_and_wait(struct x710_eal *eal, unsigned int n, unsigned int total)
{
	struct x710_vfs_mismatch why;
	int rc = x710_sysfs_set_numvfs(eal->pf->dir, n);

	if (rc)
		return rc;
	rc = x710_sysfs_wait_vfs(eal->pf->dir, n, total, VFS_APPEAR_TIMEOUT_MS, &why);
	if (rc == -ETIMEDOUT)
		fprintf(stderr, "x710 %s: %u VFs did not appear in %s within %d ms (virtfn%d %s)\n",
			eal->pf->bdf, n, eal->pf->dir, VFS_APPEAR_TIMEOUT_MS, why.virtfn,
			why.missing ? "missing" : "still there");
	return rc;
}

/*
 * VFs are enabled the way Linux does it, and the simulator watches the same
 * file; the VFs are set up only once they exist, or the simulator's VF
 * creation would reset what the PF just programmed. N is written only once
 * the old VFs are gone: Linux refuses N over N (EBUSY), and x710-sim, which
 * acts after the write, would see only the last of "0" and "N" written
 * back to back and keep the old VFs (and their old users' state).
 */
static int eal_set_num_vfs(void *ctx, unsigned int n)
{
	struct x710_eal *eal = ctx;
	uint32_t total = 0;
	int rc = x710_sysfs_read_u32(eal->pf->dir, "sriov_totalvfs", &total);

	if (rc)
		return rc;
	if (n > total)
		return -ERANGE;   /* as Linux's sriov_numvfs_store */
	if (n != 0 && (rc = set_and_wait(eal, 0, total)))
		return rc;
	return set_and_wait(eal, n, total);
}

static const struct x710_osdep_ops eal_ops = {
	.rd32 = eal_rd32,
	.wr32 = eal_wr32,
	.dma_alloc = eal_dma_alloc,
	.dma_free = eal_dma_free,
	.delay_us = eal_delay_us,
	.now_us = eal_now_us,
	.log = eal_log,
	.set_num_vfs = eal_set_num_vfs,
	.dma_alloc_kept = eal_dma_alloc_kept,
};

struct x710_osdep x710_eal_osdep(struct x710_eal *eal)
{
	return (struct x710_osdep){ .ops = &eal_ops, .ctx = eal };
}

/* uio needs physical addresses in descriptors (sim-harness.md "What does not work"). */
static bool bound_to_uio(const struct x710_pci_pf *pf)
{
	char link[PATH_MAX + sizeof("/driver")], target[PATH_MAX];
	ssize_t n;

	snprintf(link, sizeof(link), "%s/driver", pf->dir);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = '\0';
	return strstr(basename(target), "uio") != NULL;
}

/* The PF's device ID joins the one driver's ID table (read at every probe). */
static int proc_add_id(uint16_t device_id)
{
	size_t i;

	for (i = 0; i < PROC_MAX_IDS && proc.ids[i].vendor_id; i++)
		if (proc.ids[i].device_id == device_id)
			return 0;
	if (i == PROC_MAX_IDS)
		return -ENOSPC;
	proc.ids[i] = (struct rte_pci_id){ .vendor_id = X710_PCI_VENDOR_INTEL,
					   .device_id = device_id,
					   .subsystem_vendor_id = RTE_PCI_ANY_ID,
					   .subsystem_device_id = RTE_PCI_ANY_ID,
					   .class_id = RTE_CLASS_ANY_ID };
	return 0;
}

/* At exit, when every handle is closed: EAL's memory and threads go. */
static void proc_cleanup_at_exit(void)
{
	if (proc.up && proc.users == 0) {
		rte_eal_cleanup();
		proc.up = false;
	}
}

/*
 * EAL_IN_MEMORY_WHY: EAL's hugepages are memfds (MFD_HUGETLB), not files in
 * a hugetlbfs mount. With files, an owner killed by SIGKILL leaves its
 * -m worth of pages (64 MB) in /dev/hugepages until some later DPDK primary
 * happens to clear unlocked "*map_*" files there (22.11's default
 * --huge-unlink=existing), and its /var/run/dpdk/<prefix> forever; under
 * x710-sim exec they stay in the namespace's private hugetlbfs as long as
 * anything (sriovd's fd keeper) holds that namespace. A memfd page lives
 * exactly as long as a mapping or fd of it: the process, and the simulator's
 * DMA map of it (x710-sim maps clients' hugepage files, memfds included, and
 * unmaps one once no process but itself holds it: a kept block held only by
 * the fd store stays reachable). Its empty runtime directory goes right
 * after init (proc_init).
 * IOVA stays PA for uio: pagemap gives a memfd page's frame as for
 * a file's. A stable per-kind prefix was the other way out, but two PF
 * owners at once (sriovctl -C on two PFs) would then collide on EAL's lock.
 * In-memory EAL has no multi-process support, which we never use.
 */

/*
 * EAL comes up with @pf as its only allowed device. Our driver is
 * registered before rte_eal_init, which loads Debian's net_i40e plugin
 * later: the bus offers a device to drivers in registration order, so our
 * PF reaches us first, now and at every later hotplug; the allowlist
 * keeps the bus from scanning (and net_i40e from taking) any other PF.
 */
static int proc_init(const struct x710_pci_pf *pf, bool verbose, struct sriov_error *err)
{
	char *argv[EAL_MAX_ARGS];
	char prefix_arg[96];
	int argc = 0, rc;

	if (proc.init_error)
		return sriov_error_set(err, proc.init_error, "DPDK EAL failed to initialise earlier "
				       "in this process (%s) and cannot be retried; restart it",
				       rte_strerror(-proc.init_error));
	snprintf(proc.prefix, sizeof(proc.prefix), "sriov-x710-%d", (int)getpid());
	snprintf(prefix_arg, sizeof(prefix_arg), "--file-prefix=%s", proc.prefix);
	argv[argc++] = (char *)"sriovctl";
	argv[argc++] = prefix_arg;
	argv[argc++] = (char *)"-a";
	argv[argc++] = (char *)pf->bdf;
	argv[argc++] = (char *)"-m";
	argv[argc++] = (char *)EAL_MEMORY_MB;
	argv[argc++] = (char *)"--no-telemetry";
	/* Hugepages without files: a killed owner's pages go back to the kernel
	 * when its last mapping does (no <prefix>map_N left in the hugetlbfs,
	 * no /var/run/dpdk/<prefix>). See EAL_IN_MEMORY_WHY above. */
	argv[argc++] = (char *)"--in-memory";
	if (!verbose)
		argv[argc++] = (char *)"--log-level=lib.eal:warning";
	/* The IOVA mode is the process's: a later PF must fit the first one's. */
	if (bound_to_uio(pf))
		argv[argc++] = (char *)"--iova-mode=pa";
	argv[argc] = NULL;
	if (!proc.registered) {
		proc.drv.driver.name = "sriov_x710_pf";
		proc.drv.probe = pf_probe;
		proc.drv.remove = pf_remove;
		proc.drv.id_table = proc.ids;
		proc.drv.drv_flags = RTE_PCI_DRV_NEED_MAPPING;
		/* Stays registered for the process's life: EAL keeps a pointer to it. */
		rte_pci_register(&proc.drv);
		proc.registered = true;
	}
	rc = rte_eal_init(argc, argv);
	if (rc < 0) {
		proc.init_error = -(rte_errno ? rte_errno : EIO);
		return sriov_error_set(err, proc.init_error, "DPDK EAL initialisation failed for "
				       "%s: %s (hugepages? root? the PF bound to vfio-pci or uio?)",
				       pf->bdf, rte_strerror(-proc.init_error));
	}
	proc.up = true;
	/* In-memory EAL still makes /var/run/dpdk/<prefix> but puts nothing in
	 * it (no shared config, no IPC socket): remove it now, not never. */
	(void)rmdir(rte_eal_get_runtime_dir());
	if (!proc.cleanup_at_exit && atexit(proc_cleanup_at_exit) == 0)
		proc.cleanup_at_exit = true;
	return 0;
}

/* Hotplug: the bus rescans for @pf (allowed now) and offers it to us. */
static int proc_hotplug(const struct x710_pci_pf *pf, struct sriov_error *err)
{
	int rc = rte_dev_probe(pf->bdf);

	if (rc < 0 && !probed_dev(pf->bdf))
		return sriov_error_set(err, rc, "DPDK's PCI bus could not attach %s: %s (bound to "
				       "vfio-pci or uio_pci_generic? the IOVA mode of the PF "
				       "opened first, %s, must suit it)", pf->bdf,
				       rte_strerror(-rc), rte_eal_iova_mode() == RTE_IOVA_PA
				       ? "PA" : "VA");
	return 0;
}

/* Gives the device back to the bus: unmapped, forgotten, free to reattach. */
static void proc_release(struct rte_pci_device *dev)
{
	char name[PCI_PRI_STR_SIZE];
	int rc;

	rte_pci_device_name(&dev->addr, name, sizeof(name));
	rc = rte_dev_remove(&dev->device);
	if (rc < 0) {
		/* Still mapped: forget it here, or a reopen would find a stale entry. */
		fprintf(stderr, "x710 %s: DPDK could not detach the PF: %s\n", name,
			rte_strerror(-rc));
		pf_remove(dev);
	}
}

int x710_eal_open(const struct x710_pci_pf *pf, bool verbose, const struct sriov_fd_store *fds,
		  struct x710_eal **out, struct sriov_error *err)
{
	struct x710_eal *eal;
	int rc;

	*out = NULL;
	if (probed_dev(pf->bdf))
		return sriov_error_set(err, -EBUSY, "%s is already driven by this process",
				       pf->bdf);
	if (proc_add_id(pf->device_id))
		return sriov_error_set(err, -ENOSPC, "%s: more X710 device IDs than %d in one "
				       "process", pf->bdf, PROC_MAX_IDS);
	rc = proc.up ? proc_hotplug(pf, err) : proc_init(pf, verbose, err);
	if (rc)
		return rc;
	eal = calloc(1, sizeof(*eal));
	if (!eal) {
		if (probed_dev(pf->bdf))
			proc_release(probed_dev(pf->bdf));
		return sriov_error_set(err, -ENOMEM, "out of memory");
	}
	eal->pf = pf;
	eal->verbose = verbose;
	eal->fds = fds;
	eal->dev = probed_dev(pf->bdf);
	proc.users++;
	if (!eal->dev) {
		x710_eal_close(eal);
		return sriov_error_set(err, -ENODEV, "DPDK's PCI bus did not give us %s (is it bound "
				       "to vfio-pci or uio_pci_generic?)", pf->bdf);
	}
	eal->bar0 = eal->dev->mem_resource[0].addr;
	eal->bar0_len = eal->dev->mem_resource[0].len;
	if (!eal->bar0 || eal->bar0_len < X710_BAR0_MIN) {
		size_t len = eal->bar0_len;

		x710_eal_close(eal);
		return sriov_error_set(err, -ENXIO, "%s: BAR0 not mapped or too small (%zu bytes)",
				       pf->bdf, len);
	}
	*out = eal;
	return 0;
}

void x710_eal_close(struct x710_eal *eal)
{
	if (!eal)
		return;
	/* Blocks not freed stay in the store for the next owner. */
	for (size_t i = 0; i < KEPT_MAX; i++)
		if (eal->kept[i].used)
			kept_unmap(&eal->kept[i]);
	if (eal->dev)
		proc_release(eal->dev);
	proc.users--;
	free(eal);
	/* EAL itself stays up: it cannot come back within this process once
	 * cleaned up, and a PF may be opened again (SIGHUP); atexit cleans up. */
}
