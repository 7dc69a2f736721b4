/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test and bench support: two net_x710vf queue pairs (VSI A and VSI B)
 * wired to the device model's data path in this process, IOVA = address
 * (EAL in VA mode). The model is stepped by the caller (sim_pair_run).
 */
#ifndef X710VF_SIM_PAIR_H
#define X710VF_SIM_PAIR_H

#include <rte_mempool.h>

#include "sim_dp_test_fixture.h"
#include "x710vf_rxtx.h"

#define SIM_PAIR_QLEN   256
#define SIM_PAIR_VSI_A  2
#define SIM_PAIR_VSI_B  3
#define SIM_PAIR_PFQ_A  4
#define SIM_PAIR_PFQ_B  5

struct side {
	struct x710vf_rx_queue rxq;
	struct x710vf_tx_queue txq;
	uint32_t rx_tail, tx_tail;
};

struct env {
	struct fx fx;
	struct rte_mempool *mp;
	struct side a, b;
};

/* Queues of A get dbuff_a-byte buffers, B dbuff_b; 0 or -errno. */
int sim_pair_open(struct env *e, struct rte_mempool *mp, uint16_t dbuff_a, uint16_t dbuff_b);
void sim_pair_close(struct env *e);
/* Let the model move everything it can. */
void sim_pair_run(struct env *e);

#endif /* X710VF_SIM_PAIR_H */
