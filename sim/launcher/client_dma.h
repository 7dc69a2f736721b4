/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * DMA for programs outside the launcher. Unmodified DPDK over UIO gives the
 * device physical addresses (IOVA = PA), so the model's IOVAs are PAs of the
 * clients' 2 MiB hugepages. The launcher maps those pages itself (through
 * /proc/PID/map_files) and keeps a sorted PA -> host pointer table; a lookup
 * is a binary search, a miss rescans the clients (DPDK adds pages at run
 * time). PAs are machine-wide, so one table serves every client.
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
};

int client_dma_create(struct client_dma **out);
void client_dma_destroy(struct client_dma *cd);

/* The ops the model calls; valid as long as `cd` lives. */
const struct sim_dma_ops *client_dma_ops(struct client_dma *cd);

/* Start translating the hugepages of process `pid`; 0 or -errno. */
int client_dma_add_client(struct client_dma *cd, pid_t pid);
/* Forget a client and unmap its pages (also done when it exits). */
int client_dma_remove_client(struct client_dma *cd, pid_t pid);
/* Drop clients that have exited; returns how many were dropped. */
unsigned int client_dma_reap(struct client_dma *cd);

/* Re-read every client's hugepage mappings and rebuild the table. */
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
