/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * DMA copies through sim_dma_ops, split at SIM_DMA_PAGE_SIZE because only
 * one page is guaranteed contiguous in the model's view (sim_dma.h), and
 * the in-process backend where an IOVA is the caller's own address.
 */
#include <errno.h>
#include <string.h>

#include "sim_dma.h"

static void *identity_map(void *ctx, uint64_t iova, size_t len)
{
	(void)ctx; (void)len;
	return iova == 0 ? NULL : (void *)(uintptr_t)iova;
}

const struct sim_dma_ops sim_dma_identity = { .map = identity_map, .ctx = NULL };

static size_t chunk(uint64_t iova, size_t left)
{
	uint64_t room = SIM_DMA_PAGE_SIZE - (iova & (SIM_DMA_PAGE_SIZE - 1));

	return left < room ? left : (size_t)room;
}

int sim_dma_read(const struct sim_dma_ops *dma, uint64_t iova, void *dst, size_t len)
{
	uint8_t *out = dst;

	while (len > 0) {
		size_t n = chunk(iova, len);
		const void *src;

		if (iova + n < iova)
			return -EFAULT;
		src = sim_dma_map(dma, iova, n);
		if (src == NULL)
			return -EFAULT;
		memcpy(out, src, n);
		out += n;
		iova += n;
		len -= n;
	}
	return 0;
}

int sim_dma_write(const struct sim_dma_ops *dma, uint64_t iova, const void *src, size_t len)
{
	const uint8_t *in = src;

	while (len > 0) {
		size_t n = chunk(iova, len);
		void *dst;

		if (iova + n < iova)
			return -EFAULT;
		dst = sim_dma_map(dma, iova, n);
		if (dst == NULL)
			return -EFAULT;
		memcpy(dst, in, n);
		in += n;
		iova += n;
		len -= n;
	}
	return 0;
}
