/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Client DMA: PA -> host pointer through the clients' own hugepage files.
 * See client_dma.h for the why; sim-harness.md "DMA from the model".
 */
#include "client_dma.h"

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
#include <time.h>
#include <unistd.h>

/* /proc/PID/pagemap: one u64 per 4 KiB page (Documentation/admin-guide/mm/pagemap.rst). */
#define PAGEMAP_PFN_MASK     ((UINT64_C(1) << 55) - 1)   /* bits 0-54 */
#define PAGEMAP_PRESENT      (UINT64_C(1) << 63)
#define BASE_PAGE_SHIFT      12
#define HUGEPAGE_KB          2048    /* smaps "KernelPageSize: 2048 kB" */
#define HUGEPAGE_MASK        (SIM_DMA_PAGE_SIZE - 1)
#define FREE_HUGEPAGES_PATH  "/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages"
/* A burst of misses on a bad IOVA must not rescan /proc on every poll. */
#define RESCAN_MIN_INTERVAL_NS  1000000L

struct dma_client {
	pid_t pid;
	int pidfd;                   /* readable once the process has exited */
};

/* One hugepage VMA of a client, mapped into the launcher. */
struct dma_vma {
	pid_t pid;
	uint64_t start, end, offset;
	ino_t ino;
	uint8_t *host;
	bool seen;                   /* still present in the last rescan */
};

struct dma_page {
	uint64_t pa;                 /* 2 MiB aligned */
	uint8_t *host;
};

struct client_dma {
	struct sim_dma_ops ops;
	struct dma_client *clients;
	unsigned int n_clients, cap_clients;
	struct dma_vma *vmas;
	unsigned int n_vmas, cap_vmas;
	struct dma_page *pages;      /* sorted by pa */
	unsigned int n_pages, cap_pages;
	unsigned int last_hit;       /* index of the last page found */
	struct timespec last_rescan;
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

static int
page_cmp(const void *a, const void *b)
{
	const struct dma_page *x = a, *y = b;
	return x->pa < y->pa ? -1 : x->pa > y->pa;
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

static bool
rescan_allowed(struct client_dma *cd)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	long ns = (now.tv_sec - cd->last_rescan.tv_sec) * 1000000000L +
		  (now.tv_nsec - cd->last_rescan.tv_nsec);
	return ns >= RESCAN_MIN_INTERVAL_NS;
}

static void *
client_dma_map(void *ctx, uint64_t iova, size_t len)
{
	struct client_dma *cd = ctx;
	uint64_t page = iova & ~HUGEPAGE_MASK;

	if (len == 0 || (iova & HUGEPAGE_MASK) + len > SIM_DMA_PAGE_SIZE)
		return NULL;
	struct dma_page *p = find_page(cd, page);
	if (!p && rescan_allowed(cd)) {
		client_dma_rescan(cd);
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
	*out = cd;
	return 0;
}

static void
unmap_vma(struct dma_vma *v)
{
	munmap(v->host, v->end - v->start);
}

void
client_dma_destroy(struct client_dma *cd)
{
	if (!cd)
		return;
	for (unsigned int i = 0; i < cd->n_vmas; i++)
		unmap_vma(&cd->vmas[i]);
	for (unsigned int i = 0; i < cd->n_clients; i++)
		if (cd->clients[i].pidfd >= 0)
			close(cd->clients[i].pidfd);
	free(cd->vmas);
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
	if (dropped)
		client_dma_rescan(cd);
	return dropped;
}

static struct dma_vma *
find_vma(struct client_dma *cd, pid_t pid, uint64_t start, uint64_t end,
	 uint64_t offset, ino_t ino)
{
	for (unsigned int i = 0; i < cd->n_vmas; i++) {
		struct dma_vma *v = &cd->vmas[i];
		if (v->pid == pid && v->start == start && v->end == end &&
		    v->offset == offset && v->ino == ino)
			return v;
	}
	return NULL;
}

/* Map one client hugepage VMA into the launcher through map_files, which
 * works across mount namespaces (the client's hugetlbfs is private). */
static int
map_vma(struct client_dma *cd, pid_t pid, uint64_t start, uint64_t end,
	uint64_t offset, ino_t ino)
{
	struct dma_vma *v = find_vma(cd, pid, start, end, offset, ino);
	if (v) {
		v->seen = true;
		return 0;
	}
	if (grow((void **)&cd->vmas, &cd->cap_vmas, cd->n_vmas + 1, sizeof(*cd->vmas)))
		return -ENOMEM;

	char path[96];
	snprintf(path, sizeof(path), "/proc/%d/map_files/%" PRIx64 "-%" PRIx64,
		 (int)pid, start, end);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	void *host = mmap(NULL, end - start, PROT_READ | PROT_WRITE, MAP_SHARED,
			  fd, (off_t)offset);
	int err = errno;
	close(fd);
	if (host == MAP_FAILED)
		return -err;
	cd->vmas[cd->n_vmas++] = (struct dma_vma){
		.pid = pid, .start = start, .end = end, .offset = offset,
		.ino = ino, .host = host, .seen = true,
	};
	return 0;
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

	char line[512];
	uint64_t start = 0, end = 0, offset = 0;
	unsigned long ino = 0;
	bool shared = false, have_vma = false;
	while (fgets(line, sizeof(line), f)) {
		uint64_t s, e, o;
		char perms[8];
		unsigned long in;
		unsigned int kb;
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %*x:%*x %lu",
			   &s, &e, perms, &o, &in) == 5) {
			start = s;
			end = e;
			offset = o;
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
			int rc = map_vma(cd, pid, start, end, offset, (ino_t)ino);
			if (rc < 0)
				fprintf(stderr, "x710-sim: cannot map pid %d hugepages "
					"%" PRIx64 "-%" PRIx64 ": %s\n",
					(int)pid, start, end, strerror(-rc));
		}
	}
	fclose(f);
	return 0;
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

/* Add each present 2 MiB page of the client's mapped VMAs to the table. */
static int
add_client_pages(struct client_dma *cd, pid_t pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (unsigned int i = 0; i < cd->n_vmas; i++) {
		struct dma_vma *v = &cd->vmas[i];
		if (v->pid != pid)
			continue;
		for (uint64_t va = v->start; va < v->end; va += SIM_DMA_PAGE_SIZE) {
			uint64_t pa = pagemap_pa(fd, va);
			if (!pa)
				continue;   /* not faulted in yet, or PFNs hidden */
			if (grow((void **)&cd->pages, &cd->cap_pages, cd->n_pages + 1,
				 sizeof(*cd->pages))) {
				close(fd);
				return -ENOMEM;
			}
			cd->pages[cd->n_pages++] = (struct dma_page){
				.pa = pa & ~HUGEPAGE_MASK,
				.host = v->host + (va - v->start),
			};
		}
	}
	close(fd);
	return 0;
}

int
client_dma_rescan(struct client_dma *cd)
{
	clock_gettime(CLOCK_MONOTONIC_COARSE, &cd->last_rescan);
	cd->stats.rescans++;
	cd->stats.private_vmas = 0;
	for (unsigned int i = 0; i < cd->n_vmas; i++)
		cd->vmas[i].seen = false;
	for (unsigned int i = 0; i < cd->n_clients; i++)
		scan_client(cd, cd->clients[i].pid);   /* a vanished client keeps nothing */

	for (unsigned int i = 0; i < cd->n_vmas;) {
		if (!cd->vmas[i].seen) {
			unmap_vma(&cd->vmas[i]);
			cd->vmas[i] = cd->vmas[--cd->n_vmas];
			continue;
		}
		i++;
	}

	cd->n_pages = 0;
	cd->last_hit = 0;
	int rc = 0;
	for (unsigned int i = 0; i < cd->n_clients; i++) {
		int r = add_client_pages(cd, cd->clients[i].pid);
		if (r == -ENOMEM)
			rc = r;
	}
	if (cd->n_pages > 1)
		qsort(cd->pages, cd->n_pages, sizeof(*cd->pages), page_cmp);
	cd->stats.pages = cd->n_pages;
	return rc;
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
