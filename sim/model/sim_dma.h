/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * DMA as the device model sees it: every descriptor, ring and buffer the
 * model touches is reached through this one interface, so the model works
 * the same in process (IOVA = the test's virtual address) and out of process
 * (IOVA = the client's physical address, translated through pagemap).
 */
#ifndef SIM_DMA_H
#define SIM_DMA_H

#include <stddef.h>
#include <stdint.h>

/* Hugepages are 2 MiB; a contiguous IOVA range is only guaranteed to be
 * contiguous in the model's view inside one such page (sim-harness.md). */
#define SIM_DMA_PAGE_SIZE (UINT64_C(2) << 20)

struct sim_dma_ops {
	/*
	 * Return a host pointer to [iova, iova + len), or NULL when the range
	 * is not mapped. Callers never ask across a SIM_DMA_PAGE_SIZE boundary;
	 * sim_dma_read/sim_dma_write split for them.
	 */
	void *(*map)(void *ctx, uint64_t iova, size_t len);
	void *ctx;
};

/* In-process backend: IOVA is the caller's own virtual address. */
extern const struct sim_dma_ops sim_dma_identity;

/* Return a direct pointer when the range lies in one DMA page, else NULL. */
static inline void *
sim_dma_map(const struct sim_dma_ops *dma, uint64_t iova, size_t len)
{
	if (len == 0 || (iova & (SIM_DMA_PAGE_SIZE - 1)) + len > SIM_DMA_PAGE_SIZE)
		return NULL;
	return dma->map(dma->ctx, iova, len);
}

/* Copy helpers that split at page boundaries; 0 or -EFAULT. */
int sim_dma_read(const struct sim_dma_ops *dma, uint64_t iova, void *dst, size_t len);
int sim_dma_write(const struct sim_dma_ops *dma, uint64_t iova, const void *src, size_t len);

#endif /* SIM_DMA_H */
