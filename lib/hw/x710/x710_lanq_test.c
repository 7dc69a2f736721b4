/* SPDX-License-Identifier: BSD-2-Clause */
/* VF queue contexts and enable/disable, checked through what the model
 * decoded from the HMC (x710sim_queue_info). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "x710_lanq.h"
#include "x710_pf.h"
#include "x710_test_fixture.h"
#include "x710_vf.h"

struct ctx {
	struct tf t;
	void *ring;
};

static int setup(void **state)
{
	struct ctx *c = test_calloc(1, sizeof(*c));
	struct x710_vf_config vc = { .num_queues = 2, .has_mac = true,
				     .mac = { 0x02, 0, 0, 0, 0, 9 } };

	tf_setup_pf(&c->t, 4);
	assert_int_equal(x710_vf_enable(c->t.hw, 2), 0);
	assert_int_equal(x710_vf_setup(c->t.hw, 1, &vc), 0);
	c->ring = aligned_alloc(4096, 65536);
	assert_non_null(c->ring);
	memset(c->ring, 0, 65536);
	*state = c;
	return 0;
}

static int down(void **state)
{
	struct ctx *c = *state;

	tf_teardown(&c->t);
	free(c->ring);
	test_free(c);
	return 0;
}

static void test_tx_queue(void **state)
{
	struct ctx *c = *state;
	struct x710_hw *hw = c->t.hw;
	struct x710_vf_txq_cfg tq = { .ring_iova = (uintptr_t)c->ring, .ring_len = 512 };
	struct x710sim_queue_info qi;
	uint16_t pfq = hw->vfs[1].pfq[1];
	uint32_t ctl;

	assert_int_equal(x710_vf_config_txq(hw, 1, 1, &tq), 0);
	ctl = tf_pf_rd(&c->t, X710_QTX_CTL(pfq));
	assert_int_equal(ctl & X710_QTX_CTL_PFVF_Q_MASK, X710_QTX_CTL_PFVF_Q_VF);
	assert_int_equal((ctl & X710_QTX_CTL_VFVM_INDX_MASK) >> X710_QTX_CTL_VFVM_INDX_SHIFT,
			 hw->vfs[1].abs_id);
	assert_int_equal((ctl & X710_QTX_CTL_PF_INDX_MASK) >> X710_QTX_CTL_PF_INDX_SHIFT, 0);
	assert_int_equal(x710_vf_queue_switch(hw, 1, 1, true, true), 0);
	assert_true(tf_pf_rd(&c->t, X710_QTX_ENA(pfq)) & X710_QENA_STAT_MASK);
	assert_int_equal(x710sim_queue_info(c->t.sim, 0, pfq, true, &qi), 0);
	assert_true(qi.running);
	assert_int_equal(qi.vf, 1);
	assert_int_equal(qi.ring_iova, (uintptr_t)c->ring);
	assert_int_equal(qi.qlen, 512);
	assert_int_equal(qi.tail_off, X710_VF_BAR0_QTX_TAIL1(1));
	/* Enabling twice is a no-op; disabling clears STAT. */
	assert_int_equal(x710_vf_queue_switch(hw, 1, 1, true, true), 0);
	assert_int_equal(x710sim_queue_info(c->t.sim, 0, pfq, true, &qi), 0);
	assert_int_equal(qi.starts, 1);
	assert_int_equal(x710_vf_queue_switch(hw, 1, 1, true, false), 0);
	assert_false(tf_pf_rd(&c->t, X710_QTX_ENA(pfq)) & X710_QENA_STAT_MASK);
	assert_int_equal(x710sim_queue_info(c->t.sim, 0, pfq, true, &qi), 0);
	assert_false(qi.running);
}

static void test_rx_queue(void **state)
{
	struct ctx *c = *state;
	struct x710_hw *hw = c->t.hw;
	struct x710_vf_rxq_cfg rq = { .ring_iova = (uintptr_t)c->ring, .ring_len = 1024,
				      .databuffer_size = 2048, .max_pkt_size = 1518,
				      .crc_strip = true };
	struct x710sim_queue_info qi;
	uint16_t pfq = hw->vfs[1].pfq[0];

	assert_int_equal(x710_vf_config_rxq(hw, 1, 0, &rq), 0);
	assert_int_equal(x710_vf_queue_switch(hw, 1, 0, false, true), 0);
	assert_int_equal(x710sim_queue_info(c->t.sim, 0, pfq, false, &qi), 0);
	assert_true(qi.running);
	assert_int_equal(qi.vf, 1);
	assert_int_equal(qi.qlen, 1024);
	assert_int_equal(qi.dbuff_bytes, 2048);
	assert_int_equal(qi.rxmax, 1518);
	assert_true(qi.crcstrip);
	assert_int_equal(qi.tail_off, X710_VF_BAR0_QRX_TAIL1(0));
	/* A reset turns the VF's queues off. */
	assert_int_equal(x710_vf_reset(hw, 1, false), 0);
	assert_false(tf_pf_rd(&c->t, X710_QRX_ENA(pfq)) & X710_QENA_STAT_MASK);
}

/* Hostile rings and sizes are refused before anything is written. */
static void test_refusals(void **state)
{
	struct ctx *c = *state;
	struct x710_hw *hw = c->t.hw;
	uintptr_t r = (uintptr_t)c->ring;
	struct x710_vf_txq_cfg tq = { .ring_iova = r, .ring_len = 512 };
	struct x710_vf_rxq_cfg rq = { .ring_iova = r, .ring_len = 1024, .databuffer_size = 2048,
				      .max_pkt_size = 1518 };

	assert_int_equal(x710_vf_config_txq(hw, 1, 2, &tq), -EINVAL);   /* VF has 2 */
	assert_int_equal(x710_vf_config_txq(hw, 0, 0, &tq), -ENOENT);   /* not set up */
	tq.ring_iova = r + 64;
	assert_int_equal(x710_vf_config_txq(hw, 1, 0, &tq), -EINVAL);
	tq.ring_iova = r;
	tq.ring_len = 12;
	assert_int_equal(x710_vf_config_txq(hw, 1, 0, &tq), -EINVAL);
	tq.ring_len = 8168;
	assert_int_equal(x710_vf_config_txq(hw, 1, 0, &tq), -EINVAL);
	rq.ring_len = 48;
	assert_int_equal(x710_vf_config_rxq(hw, 1, 0, &rq), -EINVAL);
	rq.ring_len = 1024;
	rq.databuffer_size = 0x4000;
	assert_int_equal(x710_vf_config_rxq(hw, 1, 0, &rq), -EINVAL);
	rq.databuffer_size = 2000;
	assert_int_equal(x710_vf_config_rxq(hw, 1, 0, &rq), -EINVAL);
	rq.databuffer_size = 2048;
	rq.max_pkt_size = 32;
	assert_int_equal(x710_vf_config_rxq(hw, 1, 0, &rq), -EINVAL);
	assert_int_equal(x710_lanq_switch(hw, hw->qalloc.count, true, true), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_tx_queue, setup, down),
		cmocka_unit_test_setup_teardown(test_rx_queue, setup, down),
		cmocka_unit_test_setup_teardown(test_refusals, setup, down),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
