/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The in-process DMA backend, where an IOVA is the caller's own address.
 * The page-splitting copies are datapath/sim_dma_copy.c.
 */
#include <stdint.h>

#include "sim_dma.h"

static void *identity_map(void *ctx, uint64_t iova, size_t len)
{
	(void)ctx; (void)len;
	return iova == 0 ? NULL : (void *)(uintptr_t)iova;
}

const struct sim_dma_ops sim_dma_identity = { .map = identity_map, .ctx = NULL };
