/* SPDX-License-Identifier: BSD-2-Clause */
/* Identity DMA for in-process tests: every IOVA is a pointer of this process. */
#include <stdint.h>

#include "sim_dp_test_dma.h"

static void *identity_map(void *ctx, uint64_t iova, size_t len)
{
	(void)ctx;
	(void)len;
	return (void *)(uintptr_t)iova;
}

const struct sim_dma_ops sim_dp_test_identity_dma = { .map = identity_map, .ctx = NULL };
