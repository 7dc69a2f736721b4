/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Client DMA: PA -> host pointer through the clients' own hugepage files.
 * See client_dma.h for the why; sim-harness.md "DMA from the model".
 */
#include "client_dma.h"
#include "hugetlb_holders.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

/* /proc/PID/pagemap: one u64 per 4 KiB page (Documentation/admin-guide/mm/pagemap.rst). */
#define PAGEMAP_PFN_MASK     ((UINT64_C(1) << 55) - 1)   /* bits 0-54 */
#define PAGEMAP_PRESENT      (UINT64_C(1) << 63)
#define BASE_PAGE_SHIFT      12
#define HUGEPAGE_KB          2048    /* smaps "KernelPageSize: 2048 kB" */
#define HUGEPAGE_MASK        (SIM_DMA_PAGE_SIZE - 1)
#define STAT_BLOCK_SIZE      512     /* st_blocks unit (stat(2)) */
#define FREE_HUGEPAGES_PATH  "/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages"
/* A burst of misses on a bad IOVA must not rescan /proc on every poll. */
#define RESCAN_MIN_INTERVAL_NS  1000000L
/* Walking every process is dearer: on misses at most ten times a second. */
#define HOLDER_SCAN_MIN_INTERVAL_NS  100000000L
/* Pages kept for holders are re-checked this often without any miss. */
#define HOLDER_RECHECK_NS  1000000000L
/* A file found held by a non-client is mapped whole: bound it (1 GiB). */
#define FOUND_FILE_MAX  (UINT64_C(512) * SIM_DMA_PAGE_SIZE)
/* Mount namespaces of clients remembered for finding held files. */
#define CLIENT_NS_MAX  32

struct dma_client {
	pid_t pid;
	int pidfd;                   /* readable once the process has exited */
};

/*
 * One range of a hugetlb file mapped into the launcher, shared by every
 * client VMA of that range. Keyed by file, not by process, so it can
 * outlive the clients while others hold the file.
 */
struct dma_map {
	dev_t dev;
	ino_t ino;
	uint64_t offset, len;
	uint8_t *host;
	uint64_t *pa;                /* per 2 MiB page, 0 = not known */
	bool in_client;              /* a live client maps it (last scan) */
	bool held;                   /* a client or another process holds the file */
	bool truncated;              /* a holder's file is shorter: must not touch */
};

struct dma_page {
	uint64_t pa;                 /* 2 MiB aligned */
	uint8_t *host;
	bool held;                   /* only through holders, no client maps it */
};

struct client_ns {
	ino_t ino;
	bool live;                   /* a client or a holder was seen in it */
};

struct client_dma {
	struct sim_dma_ops ops;
	struct dma_client *clients;
	unsigned int n_clients, cap_clients;
	struct dma_map *maps;
	unsigned int n_maps, cap_maps;
	struct dma_page *pages;      /* sorted by pa */
	unsigned int n_pages, cap_pages;
	unsigned int last_hit;       /* index of the last page found */
	unsigned int n_orphans;      /* maps no client maps any more */
	struct timespec last_rescan, last_holder_scan;
	ino_t own_ns;                /* files are never searched for here */
	struct client_ns ns[CLIENT_NS_MAX];
	unsigned int n_ns;
	struct client_dma_stats stats;
};

static int
grow(void **arr, unsigned int *cap, unsigned int need, size_t elem)
{
	if (need <= *cap)
		return 0;
	unsigned int ncap = *cap ? *cap * 2 : 16;
	while (ncap < need)
		ncap *= 2;
	void *n = realloc(*arr, (size_t)ncap * elem);
	if (!n)
		return -ENOMEM;
	*arr = n;
	*cap = ncap;
	return 0;
}

/* By PA, and a page a client maps before the same page kept for holders. */
static int
page_cmp(const void *a, const void *b)
{
	const struct dma_page *x = a, *y = b;
	if (x->pa != y->pa)
		return x->pa < y->pa ? -1 : 1;
	return (int)x->held - (int)y->held;
}

static struct dma_page *
find_page(struct client_dma *cd, uint64_t pa_page)
{
	if (cd->last_hit < cd->n_pages && cd->pages[cd->last_hit].pa == pa_page)
		return &cd->pages[cd->last_hit];
	unsigned int lo = 0, hi = cd->n_pages;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		if (cd->pages[mid].pa < pa_page)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < cd->n_pages && cd->pages[lo].pa == pa_page) {
		cd->last_hit = lo;
		return &cd->pages[lo];
	}
	return NULL;
}

static long
elapsed_ns(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	return (now.tv_sec - since->tv_sec) * 1000000000L + (now.tv_nsec - since->tv_nsec);
}

static int rescan(struct client_dma *cd, bool walk_holders);

static void *
client_dma_map(void *ctx, uint64_t iova, size_t len)
{
	struct client_dma *cd = ctx;
	uint64_t page = iova & ~HUGEPAGE_MASK;

	if (len == 0 || (iova & HUGEPAGE_MASK) + len > SIM_DMA_PAGE_SIZE)
		return NULL;
	struct dma_page *p = find_page(cd, page);
	if (!p && elapsed_ns(&cd->last_rescan) >= RESCAN_MIN_INTERVAL_NS) {
		rescan(cd, elapsed_ns(&cd->last_holder_scan) >= HOLDER_SCAN_MIN_INTERVAL_NS);
		p = find_page(cd, page);
	}
	if (!p) {
		cd->stats.lookups_missed++;
		return NULL;
	}
	return p->host + (iova & HUGEPAGE_MASK);
}

int
client_dma_create(struct client_dma **out)
{
	struct client_dma *cd = calloc(1, sizeof(*cd));
	if (!cd)
		return -ENOMEM;
	cd->ops.map = client_dma_map;
	cd->ops.ctx = cd;
	cd->own_ns = hugetlb_holders_mnt_ns(getpid());
	*out = cd;
	return 0;
}

static void
unmap_map(struct dma_map *m)
{
	munmap(m->host, m->len);
	free(m->pa);
}

void
client_dma_destroy(struct client_dma *cd)
{
	if (!cd)
		return;
	for (unsigned int i = 0; i < cd->n_maps; i++)
		unmap_map(&cd->maps[i]);
	for (unsigned int i = 0; i < cd->n_clients; i++)
		if (cd->clients[i].pidfd >= 0)
			close(cd->clients[i].pidfd);
	free(cd->maps);
	free(cd->pages);
	free(cd->clients);
	free(cd);
}

const struct sim_dma_ops *
client_dma_ops(struct client_dma *cd)
{
	return &cd->ops;
}

static int
find_client(const struct client_dma *cd, pid_t pid)
{
	for (unsigned int i = 0; i < cd->n_clients; i++)
		if (cd->clients[i].pid == pid)
			return (int)i;
	return -1;
}

int
client_dma_add_client(struct client_dma *cd, pid_t pid)
{
	if (pid <= 0)
		return -EINVAL;
	if (find_client(cd, pid) >= 0)
		return 0;
	if (grow((void **)&cd->clients, &cd->cap_clients, cd->n_clients + 1,
		 sizeof(*cd->clients)))
		return -ENOMEM;
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		return -errno;   /* ESRCH: no such process */
	cd->clients[cd->n_clients++] = (struct dma_client){ .pid = pid, .pidfd = pidfd };
	cd->stats.clients = cd->n_clients;
	return 0;
}

int
client_dma_remove_client(struct client_dma *cd, pid_t pid)
{
	int i = find_client(cd, pid);
	if (i < 0)
		return -ENOENT;
	close(cd->clients[i].pidfd);
	cd->clients[i] = cd->clients[--cd->n_clients];
	cd->stats.clients = cd->n_clients;
	return client_dma_rescan(cd);
}

unsigned int
client_dma_reap(struct client_dma *cd)
{
	unsigned int dropped = 0;

	for (unsigned int i = 0; i < cd->n_clients;) {
		struct pollfd pfd = { .fd = cd->clients[i].pidfd, .events = POLLIN };
		if (poll(&pfd, 1, 0) == 1) {
			close(cd->clients[i].pidfd);
			cd->clients[i] = cd->clients[--cd->n_clients];
			dropped++;
			continue;
		}
		i++;
	}
	cd->stats.clients = cd->n_clients;
	if (dropped || (cd->n_orphans && elapsed_ns(&cd->last_holder_scan) >= HOLDER_RECHECK_NS))
		client_dma_rescan(cd);
	return dropped;
}

static struct dma_map *
find_map(struct client_dma *cd, dev_t dev, ino_t ino, uint64_t offset, uint64_t len)
{
	for (unsigned int i = 0; i < cd->n_maps; i++) {
		struct dma_map *m = &cd->maps[i];
		if (m->dev == dev && m->ino == ino && m->offset == offset && m->len == len)
			return m;
	}
	return NULL;
}

/* Map `len` bytes of the file `path` opens at `offset` as a new entry. */
static struct dma_map *
add_map(struct client_dma *cd, const char *path, dev_t dev, ino_t ino,
	uint64_t offset, uint64_t len, int *err)
{
	if (grow((void **)&cd->maps, &cd->cap_maps, cd->n_maps + 1, sizeof(*cd->maps))) {
		*err = -ENOMEM;
		return NULL;
	}
	uint64_t *pa = calloc(len / SIM_DMA_PAGE_SIZE, sizeof(*pa));
	if (!pa) {
		*err = -ENOMEM;
		return NULL;
	}
	int fd = hugetlb_holders_open(path, dev, ino);
	if (fd < 0) {
		*err = fd;
		free(pa);
		return NULL;
	}
	/* MAP_NORESERVE: the pages exist already; a reservation for the range
	 * could fail or count twice. Pages not known present are never touched. */
	void *host = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE,
			  fd, (off_t)offset);
	*err = -errno;
	close(fd);
	if (host == MAP_FAILED) {
		free(pa);
		return NULL;
	}
	struct dma_map *m = &cd->maps[cd->n_maps++];
	*m = (struct dma_map){
		.dev = dev, .ino = ino, .offset = offset, .len = len, .host = host,
		.pa = pa, .in_client = true, .held = true,
	};
	return m;
}

static uint64_t
pagemap_pa(int pagemap_fd, uint64_t va)
{
	uint64_t ent;
	off_t off = (off_t)((va >> BASE_PAGE_SHIFT) * sizeof(ent));
	if (pread(pagemap_fd, &ent, sizeof(ent), off) != (ssize_t)sizeof(ent))
		return 0;
	if (!(ent & PAGEMAP_PRESENT) || !(ent & PAGEMAP_PFN_MASK))
		return 0;
	return ((ent & PAGEMAP_PFN_MASK) << BASE_PAGE_SHIFT) | (va & ((1u << BASE_PAGE_SHIFT) - 1));
}

/*
 * One client hugepage VMA: share the launcher's mapping of that file range
 * (mapped through map_files, which works across the client's private
 * hugetlbfs mount) and learn the PAs of the pages the client has present.
 * A known PA is kept: a page of a shared hugetlb file stays where it is
 * while the file holds it, even if this client has not touched it.
 */
static void
client_vma(struct client_dma *cd, pid_t pid, int pagemap_fd, uint64_t start, uint64_t end,
	   uint64_t offset, dev_t dev, ino_t ino)
{
	struct dma_map *m = find_map(cd, dev, ino, offset, end - start);
	if (m) {
		m->in_client = true;
		m->held = true;
	} else {
		char path[96];
		int err;
		snprintf(path, sizeof(path), "/proc/%d/map_files/%" PRIx64 "-%" PRIx64,
			 (int)pid, start, end);
		m = add_map(cd, path, dev, ino, offset, end - start, &err);
		if (!m) {
			fprintf(stderr, "x710-sim: cannot map pid %d hugepages "
				"%" PRIx64 "-%" PRIx64 ": %s\n",
				(int)pid, start, end, strerror(-err));
			return;
		}
	}
	for (uint64_t i = 0; i < m->len / SIM_DMA_PAGE_SIZE; i++) {
		uint64_t pa = pagemap_pa(pagemap_fd, start + i * SIM_DMA_PAGE_SIZE);
		if (pa)
			m->pa[i] = pa & ~HUGEPAGE_MASK;   /* 0: not faulted in, or PFNs hidden */
	}
}

/* Remember a client's mount namespace: files held there are the PF's. */
static void
note_client_ns(struct client_dma *cd, ino_t ns)
{
	if (!ns || ns == cd->own_ns)
		return;
	for (unsigned int i = 0; i < cd->n_ns; i++)
		if (cd->ns[i].ino == ns) {
			cd->ns[i].live = true;
			return;
		}
	if (cd->n_ns < CLIENT_NS_MAX)
		cd->ns[cd->n_ns++] = (struct client_ns){ .ino = ns, .live = true };
}

/*
 * Walk /proc/PID/smaps and map every shared VMA with 2 MiB kernel pages.
 * A private hugepage mapping cannot be shared through its file (the client
 * may hold copy-on-write pages), so it is counted and skipped.
 */
static int
scan_client(struct client_dma *cd, pid_t pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/smaps", (int)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	int pagemap_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (pagemap_fd < 0) {
		int err = -errno;
		fclose(f);
		return err;
	}
	note_client_ns(cd, hugetlb_holders_mnt_ns(pid));

	char line[512];
	uint64_t start = 0, end = 0, offset = 0;
	unsigned long ino = 0;
	unsigned int maj = 0, min = 0;
	bool shared = false, have_vma = false;
	while (fgets(line, sizeof(line), f)) {
		uint64_t s, e, o;
		char perms[8];
		unsigned long in;
		unsigned int kb, ma, mi;
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %x:%x %lu",
			   &s, &e, perms, &o, &ma, &mi, &in) == 7) {
			start = s;
			end = e;
			offset = o;
			maj = ma;
			min = mi;
			ino = in;
			shared = perms[3] == 's';
			have_vma = true;
		} else if (have_vma && sscanf(line, "KernelPageSize: %u kB", &kb) == 1) {
			have_vma = false;
			if (kb != HUGEPAGE_KB)
				continue;
			if (!shared) {
				cd->stats.private_vmas++;
				continue;
			}
			if ((start | end | offset) & HUGEPAGE_MASK)
				continue;   /* not a whole-hugepage VMA: cannot happen on hugetlbfs */
			client_vma(cd, pid, pagemap_fd, start, end, offset,
				   makedev(maj, min), (ino_t)ino);
		}
	}
	close(pagemap_fd);
	fclose(f);
	return 0;
}

static bool
ns_of_client(struct client_dma *cd, ino_t ns)
{
	for (unsigned int i = 0; i < cd->n_ns; i++)
		if (cd->ns[i].ino == ns)
			return true;
	return false;
}

/*
 * A file held in a client's namespace that no client maps and the launcher
 * never saw (its owner died before any DMA miss showed it): map it whole
 * and learn each page's PA from our own pagemap. Only a fully allocated
 * file is taken (st_blocks covers st_size): touching a hole would allocate
 * a page the device never had, and hugetlbfs tells residency no other way
 * (mincore and SEEK_DATA report nothing useful for it).
 */
static void
found_file(struct client_dma *cd, const struct hugetlb_ref *ref)
{
	uint64_t size = (uint64_t)ref->size;
	if (size == 0 || size > FOUND_FILE_MAX || (size & HUGEPAGE_MASK) ||
	    (uint64_t)ref->blocks * STAT_BLOCK_SIZE < size)
		return;
	int err;
	struct dma_map *m = add_map(cd, ref->path, ref->dev, ref->ino, 0, size, &err);
	if (!m)
		return;
	m->in_client = false;
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	for (uint64_t i = 0; fd >= 0 && i < size / SIM_DMA_PAGE_SIZE; i++) {
		const volatile uint8_t *p = m->host + i * SIM_DMA_PAGE_SIZE;
		(void)*p;   /* allocated already (st_blocks): this only maps it */
		uint64_t pa = pagemap_pa(fd, (uint64_t)(uintptr_t)p);
		m->pa[i] = pa & ~HUGEPAGE_MASK;
	}
	if (fd >= 0)
		close(fd);
	cd->stats.files_found++;
}

/* One reference found by the holder walk: mark the maps of that file held. */
static void
on_holder(void *ctx, const struct hugetlb_ref *ref)
{
	struct client_dma *cd = ctx;
	bool known = false;

	for (unsigned int i = 0; i < cd->n_ns; i++)
		if (ref->by_fd && cd->ns[i].ino == ref->mnt_ns)
			cd->ns[i].live = true;
	for (unsigned int i = 0; i < cd->n_maps; i++) {
		struct dma_map *m = &cd->maps[i];
		if (m->dev != ref->dev || m->ino != ref->ino)
			continue;
		known = true;
		m->held = true;
		if (ref->by_fd && (uint64_t)ref->size < m->offset + m->len)
			m->truncated = true;   /* our mapping would fault past EOF */
	}
	if (!known && ref->by_fd && ref->mnt_ns && ns_of_client(cd, ref->mnt_ns))
		found_file(cd, ref);
}

static void
walk_holders(struct client_dma *cd)
{
	for (unsigned int i = 0; i < cd->n_maps; i++) {
		cd->maps[i].held = cd->maps[i].in_client;
		cd->maps[i].truncated = false;
	}
	/* Client scans of this round marked their namespaces live already. */
	if (hugetlb_holders_scan(getpid(), on_holder, cd) != 0) {
		for (unsigned int i = 0; i < cd->n_maps; i++)
			cd->maps[i].held = true;   /* cannot tell: drop nothing */
		return;
	}
	clock_gettime(CLOCK_MONOTONIC_COARSE, &cd->last_holder_scan);
	cd->stats.holder_scans++;
	unsigned int kept = 0;
	for (unsigned int i = 0; i < cd->n_ns; i++)
		if (cd->ns[i].live)
			cd->ns[kept++] = cd->ns[i];
	cd->n_ns = kept;
}

static int
build_table(struct client_dma *cd)
{
	cd->n_pages = 0;
	cd->last_hit = 0;
	for (unsigned int i = 0; i < cd->n_maps; i++) {
		struct dma_map *m = &cd->maps[i];
		for (uint64_t p = 0; p < m->len / SIM_DMA_PAGE_SIZE; p++) {
			if (!m->pa[p])
				continue;
			if (grow((void **)&cd->pages, &cd->cap_pages, cd->n_pages + 1,
				 sizeof(*cd->pages)))
				return -ENOMEM;
			cd->pages[cd->n_pages++] = (struct dma_page){
				.pa = m->pa[p], .host = m->host + p * SIM_DMA_PAGE_SIZE,
				.held = !m->in_client,
			};
		}
	}
	if (cd->n_pages > 1)
		qsort(cd->pages, cd->n_pages, sizeof(*cd->pages), page_cmp);
	/* One entry per PA (a file can be mapped twice); a client's comes first. */
	unsigned int n = 0;
	cd->stats.pages_held = 0;
	for (unsigned int i = 0; i < cd->n_pages; i++) {
		if (n && cd->pages[n - 1].pa == cd->pages[i].pa)
			continue;
		cd->pages[n++] = cd->pages[i];
		cd->stats.pages_held += cd->pages[i].held;
	}
	cd->n_pages = n;
	cd->stats.pages = n;
	return 0;
}

static int
rescan(struct client_dma *cd, bool holders)
{
	clock_gettime(CLOCK_MONOTONIC_COARSE, &cd->last_rescan);
	cd->stats.rescans++;
	cd->stats.private_vmas = 0;
	for (unsigned int i = 0; i < cd->n_maps; i++)
		cd->maps[i].in_client = false;
	for (unsigned int i = 0; i < cd->n_ns; i++)
		cd->ns[i].live = false;
	for (unsigned int i = 0; i < cd->n_clients; i++)
		scan_client(cd, cd->clients[i].pid);   /* a vanished client maps nothing */
	/* Without a walk an orphan keeps the held it had; a fresh one was held
	 * by its client until the last scan, so it waits for the next walk. */
	if (holders)
		walk_holders(cd);

	cd->n_orphans = 0;
	for (unsigned int i = 0; i < cd->n_maps;) {
		struct dma_map *m = &cd->maps[i];
		if (m->truncated || (!m->in_client && !m->held)) {
			unmap_map(m);
			*m = cd->maps[--cd->n_maps];
			continue;
		}
		cd->n_orphans += !m->in_client;
		i++;
	}
	return build_table(cd);
}

int
client_dma_rescan(struct client_dma *cd)
{
	return rescan(cd, true);
}

void
client_dma_get_stats(const struct client_dma *cd, struct client_dma_stats *st)
{
	*st = cd->stats;
}

uint64_t
client_dma_self_pa(const void *va)
{
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	uint64_t pa = pagemap_pa(fd, (uint64_t)(uintptr_t)va);
	close(fd);
	return pa;
}

static long
read_long_file(const char *path)
{
	FILE *f = fopen(path, "re");
	long v = -1;
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

int
client_dma_check_preconditions(unsigned int min_free_hugepages, char *why, size_t why_len)
{
	volatile uint64_t probe = 1;   /* a touched page of our own */

	if (client_dma_self_pa((const void *)&probe) == 0) {
		snprintf(why, why_len, "physical addresses are hidden: /proc/self/pagemap "
			 "shows PFN 0 (run as root or with CAP_SYS_ADMIN; unprivileged "
			 "containers cannot use the simulator)");
		return -EPERM;
	}
	if (min_free_hugepages == 0)
		return 0;
	long free_pages = read_long_file(FREE_HUGEPAGES_PATH);
	if (free_pages < 0) {
		snprintf(why, why_len, "cannot read %s: 2 MiB hugepages are not supported "
			 "by this kernel", FREE_HUGEPAGES_PATH);
		return -ENOENT;
	}
	if ((unsigned long)free_pages < min_free_hugepages) {
		snprintf(why, why_len, "%ld free 2 MiB hugepages, %u needed "
			 "(reserve them: echo 512 > /proc/sys/vm/nr_hugepages)",
			 free_pages, min_free_hugepages);
		return -ENOMEM;
	}
	return 0;
}
