/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * DMA for programs outside the launcher. Unmodified DPDK over UIO gives the
 * device physical addresses (IOVA = PA), so the model's IOVAs are PAs of the
 * clients' 2 MiB hugepages. The launcher maps those pages itself (through
 * /proc/PID/map_files) and keeps a sorted PA -> host pointer table; a lookup
 * is a binary search, a miss rescans the clients (DPDK adds pages at run
 * time). PAs are machine-wide, so one table serves every client.
 *
 * Memory outlives its client: a hugetlb page exists while any process holds
 * its file, by a mapping or only by a descriptor (sriovd's fd keeper, a
 * service manager's fd store), and real hardware keeps DMA-ing into it. So a
 * page stays in the table after its clients are gone for as long as another
 * process holds the file (hugetlb_holders.h), and is unmapped once nobody
 * but the launcher does: the launcher's own mapping must not keep memory
 * alive, or a crash-looping PF owner would pin every page it ever had.
 */
#ifndef CLIENT_DMA_H
#define CLIENT_DMA_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sim_dma.h"

struct client_dma;

/* Counters an operator can read through `x710-sim status`. */
struct client_dma_stats {
	uint64_t lookups_missed;    /* IOVAs not in the table after a rescan */
	uint64_t rescans;
	unsigned int clients;
	unsigned int pages;         /* 2 MiB pages in the table */
	unsigned int private_vmas;  /* hugepage VMAs skipped: MAP_PRIVATE */
	unsigned int pages_held;    /* of `pages`: reached only through holders */
	uint64_t holder_scans;      /* walks of every process's fds and mappings */
	uint64_t files_found;       /* files first seen held by a non-client */
};

int client_dma_create(struct client_dma **out);
void client_dma_destroy(struct client_dma *cd);

/* The ops the model calls; valid as long as `cd` lives. */
const struct sim_dma_ops *client_dma_ops(struct client_dma *cd);

/* Start translating the hugepages of process `pid`; 0 or -errno. */
int client_dma_add_client(struct client_dma *cd, pid_t pid);
/* Forget a client and unmap its pages (also done when it exits). */
int client_dma_remove_client(struct client_dma *cd, pid_t pid);
/*
 * Drop clients that have exited; returns how many were dropped. Also the
 * periodic check (at most once a second) that pages kept for their holders
 * are still held, so memory is let go without waiting for a DMA miss.
 */
unsigned int client_dma_reap(struct client_dma *cd);

/* Re-read every client's hugepage mappings and every process's holds on
 * hugetlb files, and rebuild the table. */
int client_dma_rescan(struct client_dma *cd);

void client_dma_get_stats(const struct client_dma *cd, struct client_dma_stats *st);

/*
 * Check that physical addresses are visible to this process (root or
 * CAP_SYS_ADMIN) and, when `min_free_hugepages` > 0, that that many 2 MiB
 * hugepages are free: 0, or -errno with a sentence in `why` that tells the
 * operator what to do.
 */
int client_dma_check_preconditions(unsigned int min_free_hugepages,
				   char *why, size_t why_len);

/* Physical address of one byte of this process's memory (for tests and
 * the integration helper), or 0 when pagemap hides it. */
uint64_t client_dma_self_pa(const void *va);

#endif /* CLIENT_DMA_H */
