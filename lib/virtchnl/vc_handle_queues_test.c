/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_handle_queues tests: queue contexts, IRQ maps, enable/disable, ranges. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "vc_test_util.h"

#define QP_OFF(i) (8 + 64 * (i))
#define RXQ_OFF(i) (QP_OFF(i) + 24)

static void setup_active(struct tctx *t)
{
	t_init(t);
	t_create(t);
	t_activate(t, 0);
}

/* Patch one field of pair 1 of a valid 2-pair message; expect ERR_PARAM, no hw. */
static void expect_bad_pair(size_t off, const void *val, size_t size)
{
	struct tctx t;
	uint16_t len;

	setup_active(&t);
	len = b_vsi_queues(t.buf, t_vsi(0), 2);
	memcpy(t.buf + off, val, size);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_VSI_QUEUES, t.buf, len), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_VSI_QUEUES, VIRTCHNL_STATUS_ERR_PARAM);
	assert_int_equal(t.hw.calls[F_TXQ] + t.hw.calls[F_RXQ], 0);
	t_destroy(&t);
}

static void test_config_vsi_queues_limits(void **state)
{
	const uint16_t q9 = 9, q0 = 0, vsi = t_vsi(2), r7 = 7, big = 8192, hw1 = 1;
	const uint32_t r31 = 31, r8192 = 8192, db127 = 127, db_over = 0x3F81, mp63 = 63,
		       mp_over = 0x4000;
	const uint64_t dma_unaligned = 0x100040, dma0 = 0;
	const uint8_t rxdid1 = 1;

	(void)state;
	expect_bad_pair(QP_OFF(1) + 2, &q9, 2);                /* tx queue id >= granted */
	expect_bad_pair(QP_OFF(1) + 2, &q0, 2);                /* tx/rx id differ */
	expect_bad_pair(RXQ_OFF(1) + 0, &vsi, 2);              /* rx vsi foreign */
	expect_bad_pair(QP_OFF(1) + 4, &r7, 2);                /* tx ring not multiple of 8 */
	expect_bad_pair(QP_OFF(1) + 4, &big, 2);               /* tx ring > 8160 */
	expect_bad_pair(QP_OFF(1) + 6, &hw1, 2);               /* head write-back */
	expect_bad_pair(QP_OFF(1) + 8, &dma_unaligned, 8);     /* tx dma not 128-aligned */
	expect_bad_pair(QP_OFF(1) + 8, &dma0, 8);              /* tx dma 0 */
	expect_bad_pair(RXQ_OFF(1) + 4, &r31, 4);              /* rx ring not multiple of 32 */
	expect_bad_pair(RXQ_OFF(1) + 4, &r8192, 4);            /* rx ring > 8160 */
	expect_bad_pair(RXQ_OFF(1) + 12, &db127, 4);           /* buffer < 128 */
	expect_bad_pair(RXQ_OFF(1) + 12, &db_over, 4);         /* buffer > 16K-128 */
	expect_bad_pair(RXQ_OFF(1) + 16, &mp63, 4);            /* max pkt < 64 */
	expect_bad_pair(RXQ_OFF(1) + 16, &mp_over, 4);         /* max pkt > 0x3FFF */
	expect_bad_pair(RXQ_OFF(1) + 10, &hw1, 2);             /* header split */
	expect_bad_pair(RXQ_OFF(1) + 21, &rxdid1, 1);          /* flex descriptor id */
	expect_bad_pair(RXQ_OFF(1) + 24, &dma_unaligned, 8);   /* rx dma */
}

static void test_config_vsi_queues_counts_and_success(void **state)
{
	struct tctx t;
	uint16_t len, one = 1, zero = 0;

	(void)state;
	setup_active(&t);
	/* more pairs than granted */
	len = b_vsi_queues(t.buf, t_vsi(0), T_QUEUES + 1);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_VSI_QUEUES, t.buf, len), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_VSI_QUEUES, VIRTCHNL_STATUS_ERR_PARAM);
	/* zero pairs */
	fake_hw_clear_log(&t.hw);
	len = b_vsi_queues(t.buf, t_vsi(0), 0);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_VSI_QUEUES, t.buf, len), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_VSI_QUEUES, VIRTCHNL_STATUS_ERR_PARAM);
	/* the same queue twice */
	fake_hw_clear_log(&t.hw);
	len = b_vsi_queues(t.buf, t_vsi(0), 2);
	memcpy(t.buf + QP_OFF(1) + 2, &zero, 2);
	memcpy(t.buf + RXQ_OFF(1) + 2, &zero, 2);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_VSI_QUEUES, t.buf, len), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_VSI_QUEUES, VIRTCHNL_STATUS_ERR_PARAM);
	assert_int_equal(t.hw.calls[F_TXQ], 0);
	/* valid; pair 1 has no Tx ring (iavf with fewer Tx than Rx queues) */
	fake_hw_clear_log(&t.hw);
	len = b_vsi_queues(t.buf, t_vsi(0), 2);
	memset(t.buf + QP_OFF(1) + 4, 0, 2);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_VSI_QUEUES, t.buf, len), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_VSI_QUEUES, 0);
	assert_int_equal(t.hw.calls[F_TXQ], 1);
	assert_int_equal(t.hw.calls[F_RXQ], 2);
	assert_int_equal(t.hw.last_queue, 1);
	assert_int_equal(t.hw.last_rxq.ring_len, 512);
	assert_int_equal(t.hw.last_rxq.databuffer_size, 2048);
	assert_int_equal(t.hw.last_rxq.max_pkt_size, 1518);
	assert_int_equal(t.hw.last_rxq.ring_dma, 0x810000);
	/* Tx queue 1 is not configured: it cannot be enabled. */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_ENABLE_QUEUES, t.buf,
				  b_qsel(t.buf, t_vsi(0), 0, 2)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_ENABLE_QUEUES, VIRTCHNL_STATUS_ERR_PARAM);
	/* An enabled queue cannot be reconfigured. */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_ENABLE_QUEUES, t.buf,
				  b_qsel(t.buf, t_vsi(0), one, 0)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_ENABLE_QUEUES, 0);
	fake_hw_clear_log(&t.hw);
	len = b_vsi_queues(t.buf, t_vsi(0), 1);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_VSI_QUEUES, t.buf, len), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_VSI_QUEUES, VIRTCHNL_STATUS_ERR_PARAM);
	t_destroy(&t);
}

static void test_num_queues_policy_caps(void **state)
{
	struct tctx t;

	(void)state;
	t_init(&t);
	t.pol[0].num_queues = 2;
	t_create(&t);
	t_activate(&t, 0);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_VSI_QUEUES, t.buf,
				  b_vsi_queues(t.buf, t_vsi(0), 3)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_VSI_QUEUES, VIRTCHNL_STATUS_ERR_PARAM);
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_CONFIG_IRQ_MAP, t.buf,
				  b_irq_map(t.buf, t_vsi(0), 0, 0x4, 0)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_IRQ_MAP, VIRTCHNL_STATUS_ERR_PARAM);
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_DISABLE_QUEUES, t.buf,
				  b_qsel(t.buf, t_vsi(0), 0x4, 0)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_DISABLE_QUEUES, VIRTCHNL_STATUS_ERR_PARAM);
	t_destroy(&t);
}

static void expect_irq(struct tctx *t, uint16_t len, int32_t status)
{
	fake_hw_clear_log(&t->hw);
	assert_int_equal(t_handle(t, 0, VIRTCHNL_OP_CONFIG_IRQ_MAP, t->buf, len), 0);
	t_expect_reply(t, VIRTCHNL_OP_CONFIG_IRQ_MAP, status);
	if (status)
		assert_int_equal(t->hw.calls[F_IRQ], 0);
}

static void test_irq_map_ranges(void **state)
{
	struct tctx t;
	uint16_t len, four = 4;
	struct virtchnl_vector_map m[2] = {
		{ t_vsi(0), 0, 0x1, 0x0, 0, 0 }, { t_vsi(0), 1, 0x1, 0x0, 0, 0 },
	};

	(void)state;
	setup_active(&t);
	expect_irq(&t, b_irq_map(t.buf, t_vsi(0), T_MAX_VECTORS, 1, 0), VIRTCHNL_STATUS_ERR_PARAM);
	expect_irq(&t, b_irq_map(t.buf, t_vsi(0), 0, 1u << T_QUEUES, 0), VIRTCHNL_STATUS_ERR_PARAM);
	expect_irq(&t, b_irq_map(t.buf, t_vsi(0), 0, 0, 1u << T_QUEUES), VIRTCHNL_STATUS_ERR_PARAM);
	len = b_irq_map(t.buf, t_vsi(0), 0, 1, 0);
	memcpy(t.buf + 2 + 8, &four, 2);          /* rxitr_idx 4 */
	expect_irq(&t, len, VIRTCHNL_STATUS_ERR_PARAM);
	/* queue 0 on two vectors */
	uint16_t two = 2;
	memcpy(t.buf, &two, 2);
	memcpy(t.buf + 2, m, sizeof(m));
	expect_irq(&t, VIRTCHNL_IRQ_MAP_LEN(2), VIRTCHNL_STATUS_ERR_PARAM);
	/* the same vector twice */
	m[1].vector_id = 0;
	m[1].rxq_map = 0x2;
	memcpy(t.buf + 2, m, sizeof(m));
	expect_irq(&t, VIRTCHNL_IRQ_MAP_LEN(2), VIRTCHNL_STATUS_ERR_PARAM);
	/* too many vectors */
	uint16_t n = T_MAX_VECTORS + 1;
	memset(t.buf, 0, VIRTCHNL_IRQ_MAP_LEN(n));
	memcpy(t.buf, &n, 2);
	expect_irq(&t, (uint16_t)VIRTCHNL_IRQ_MAP_LEN(n), VIRTCHNL_STATUS_ERR_PARAM);
	/* iavf's message: vector 0, all Rx queues, no Tx (spec §1.2 S3) */
	expect_irq(&t, b_irq_map(t.buf, t_vsi(0), 0, 0xF, 0), 0);
	assert_int_equal(t.hw.last_vector, 0);
	assert_int_equal(t.hw.last_rxmap, 0xF);
	/* an empty map is allowed: it unlinks the vector */
	expect_irq(&t, b_irq_map(t.buf, t_vsi(0), 1, 0, 0), 0);
	t_destroy(&t);
}

static void test_enable_disable_queues(void **state)
{
	struct tctx t;

	(void)state;
	setup_active(&t);
	t_configure_queues(&t, 0, 2);
	static const uint32_t bad[][2] = { { 0, 0 }, { 1u << 2, 0 }, { 0, 1u << 16 }, { 1u << 31, 0 } };
	for (size_t i = 0; i < 4; i++) {
		fake_hw_clear_log(&t.hw);
		assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_ENABLE_QUEUES, t.buf,
					  b_qsel(t.buf, t_vsi(0), bad[i][0], bad[i][1])), 0);
		t_expect_reply(&t, VIRTCHNL_OP_ENABLE_QUEUES, VIRTCHNL_STATUS_ERR_PARAM);
		assert_int_equal(t.hw.calls[F_SWITCH], 0);
		assert_int_equal(fake_hw_count_sends(&t.hw, VIRTCHNL_OP_EVENT), 0);
	}
	/* Tx then Rx, one queue per message as iavf does; link event after each. */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_ENABLE_QUEUES, t.buf,
				  b_qsel(t.buf, t_vsi(0), 0, 1)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_ENABLE_QUEUES, 0);
	assert_int_equal(t.hw.n_sends, 2);
	assert_int_equal(t.hw.sends[1].op, VIRTCHNL_OP_EVENT);
	assert_true(t.hw.last_enable);
	assert_int_equal(t.hw.last_txmap, 1);
	/* Disable everything: only the running queue reaches the hw. */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_DISABLE_QUEUES, t.buf,
				  b_qsel(t.buf, t_vsi(0), 3, 3)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_DISABLE_QUEUES, 0);
	assert_int_equal(t.hw.calls[F_SWITCH], 1);
	assert_false(t.hw.last_enable);
	assert_int_equal(t.hw.last_txmap, 1);
	assert_int_equal(t.hw.last_rxmap, 0);
	/* Again: nothing is running, success without hw. */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_DISABLE_QUEUES, t.buf,
				  b_qsel(t.buf, t_vsi(0), 3, 3)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_DISABLE_QUEUES, 0);
	assert_int_equal(t.hw.calls[F_SWITCH], 0);
	/* hw failure: ADMIN_QUEUE_ERROR, state unchanged */
	fake_hw_clear_log(&t.hw);
	t.hw.fail[F_SWITCH] = -EIO;
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_ENABLE_QUEUES, t.buf,
				  b_qsel(t.buf, t_vsi(0), 1, 0)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_ENABLE_QUEUES, VIRTCHNL_STATUS_ERR_ADMIN_QUEUE_ERROR);
	struct vc_vf_view v;
	assert_int_equal(vc_host_vf_view(t.host, 0, &v), 0);
	assert_int_equal(v.rxq_enabled, 0);
	t_destroy(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_vsi_queues_limits),
		cmocka_unit_test(test_config_vsi_queues_counts_and_success),
		cmocka_unit_test(test_num_queues_policy_caps),
		cmocka_unit_test(test_irq_map_ranges),
		cmocka_unit_test(test_enable_disable_queues),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
