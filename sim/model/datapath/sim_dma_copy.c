/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sim_dma_read / sim_dma_write (sim_dma.h): copies through sim_dma_ops.map
 * only, split at SIM_DMA_PAGE_SIZE because only one page is guaranteed
 * contiguous in the model's view. One copy for the whole model: the data
 * path (the lower layer) owns it, so its tests link it without the control
 * model, and the control model's AQ and HMC code uses the same.
 */
#include <errno.h>
#include <string.h>

#include "sim_dma.h"

enum dma_dir { DMA_TO_HOST, DMA_TO_DEVICE };

static int dma_copy(const struct sim_dma_ops *dma, uint64_t iova, uint8_t *host, size_t len,
		    enum dma_dir dir)
{
	while (len > 0) {
		uint64_t room = SIM_DMA_PAGE_SIZE - (iova & (SIM_DMA_PAGE_SIZE - 1));
		size_t n = len < room ? len : (size_t)room;
		uint8_t *dev;

		if (iova + n < iova || (dev = sim_dma_map(dma, iova, n)) == NULL)
			return -EFAULT;
		if (dir == DMA_TO_HOST)
			memcpy(host, dev, n);
		else
			memcpy(dev, host, n);
		host += n;
		iova += n;
		len -= n;
	}
	return 0;
}

int sim_dma_read(const struct sim_dma_ops *dma, uint64_t iova, void *dst, size_t len)
{
	return dma_copy(dma, iova, dst, len, DMA_TO_HOST);
}

int sim_dma_write(const struct sim_dma_ops *dma, uint64_t iova, const void *src, size_t len)
{
	/* dma_copy only reads `host` in this direction. */
	return dma_copy(dma, iova, (uint8_t *)(uintptr_t)src, len, DMA_TO_DEVICE);
}
