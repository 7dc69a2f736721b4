/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test-only DMA for the data path's tests and benchmark: IOVA = the
 * process's own address. Named apart from the control model's sim_dma.c
 * (sim_dma_identity) so the two never meet in one link.
 */
#ifndef SIM_DP_TEST_DMA_H
#define SIM_DP_TEST_DMA_H

#include "sim_dma.h"

extern const struct sim_dma_ops sim_dp_test_identity_dma;

#endif /* SIM_DP_TEST_DMA_H */
