/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_host tests: lifecycle and drops (rate limit, disabled, resetting), admin
 * reset and FLR, VF isolation, creation checks, and the RSS / stats answers.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "vc_test_util.h"

static void test_rate_limit_drops_and_counts(void **state)
{
	struct tctx t;
	unsigned ok = 0, dropped = 0;

	(void)state;
	t_init(&t);
	t.rate.msgs = 5;
	t.rate.interval_us = 1000000;
	t_create(&t);
	for (int i = 0; i < 8; i++) {
		int rc = vc_host_handle(t.host, T_VF_BASE, VIRTCHNL_OP_VERSION, 0, t.buf,
					b_version(t.buf, 1, 1), 5000);
		if (rc == 0)
			ok++;
		else if (rc == -EAGAIN)
			dropped++;
	}
	assert_int_equal(ok, 5);
	assert_int_equal(dropped, 3);
	assert_int_equal(fake_hw_count_sends(&t.hw, VIRTCHNL_OP_VERSION), 5);
	assert_int_equal(vc_host_vf_counters(t.host, 0)->dropped_rate, 3);
	/* VF 1 has its own bucket. */
	assert_int_equal(vc_host_handle(t.host, T_VF_BASE + 1, VIRTCHNL_OP_VERSION, 0, t.buf, 8,
					5000), 0);
	/* A second later the bucket is full again. */
	assert_int_equal(vc_host_handle(t.host, T_VF_BASE, VIRTCHNL_OP_VERSION, 0, t.buf, 8,
					5000 + 1000000), 0);
	t_destroy(&t);
}

static void test_disabled_vf_dropped(void **state)
{
	struct tctx t;

	(void)state;
	t_init(&t);
	t_create(&t);
	assert_int_equal(vc_host_vf_enable(t.host, 2, false), 0);
	assert_int_equal(t_handle(&t, 2, VIRTCHNL_OP_VERSION, t.buf, b_version(t.buf, 1, 1)),
			 -ENODEV);
	assert_int_equal(t.hw.n_sends, 0);
	assert_int_equal(vc_host_vf_counters(t.host, 2)->dropped_disabled, 1);
	assert_int_equal(vc_host_vf_enable(t.host, 2, true), 0);
	assert_int_equal(t_handle(&t, 2, VIRTCHNL_OP_VERSION, t.buf, b_version(t.buf, 1, 1)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_VERSION, 0);
	t_destroy(&t);
}

static void test_failed_reset_keeps_vf_in_reset(void **state)
{
	struct tctx t;
	struct vc_vf_view v;

	(void)state;
	t_init(&t);
	t_create(&t);
	t_activate(&t, 0);
	t.hw.fail[F_RESET] = -ETIMEDOUT;
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_RESET_VF, NULL, 0), -ETIMEDOUT);
	assert_int_equal(vc_host_vf_view(t.host, 0, &v), 0);
	assert_int_equal(v.state, VC_VF_RESETTING);
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_VERSION, t.buf, b_version(t.buf, 1, 1)),
			 -EBUSY);
	assert_int_equal(t.hw.n_sends, 0);
	assert_int_equal(vc_host_vf_counters(t.host, 0)->dropped_resetting, 1);
	t.hw.fail[F_RESET] = 0;
	assert_int_equal(vc_host_vf_reset(t.host, 0, true), 0);
	assert_int_equal(vc_host_vf_view(t.host, 0, &v), 0);
	assert_int_equal(v.state, VC_VF_INACTIVE);
	t_destroy(&t);
}

static void test_admin_reset_and_flr(void **state)
{
	struct tctx t;
	struct virtchnl_pf_event ev;

	(void)state;
	t_init(&t);
	t_create(&t);
	t_activate(&t, 0);
	/* Active VF: RESET_IMPENDING first, then the hw reset. */
	assert_int_equal(vc_host_vf_reset(t.host, 0, false), 0);
	assert_int_equal(t.hw.n_sends, 1);
	memcpy(&ev, t.hw.sends[0].buf, sizeof(ev));
	assert_int_equal(ev.event, VIRTCHNL_EVENT_RESET_IMPENDING);
	assert_int_equal(ev.severity, PF_EVENT_SEVERITY_CERTAIN_DOOM);
	assert_int_equal(t.hw.calls_vf[0][F_RESET], 1);
	/* After an FLR nobody listens: no event. */
	t_activate(&t, 0);
	assert_int_equal(vc_host_vf_reset(t.host, 0, true), 0);
	assert_int_equal(t.hw.n_sends, 0);
	assert_int_equal(vc_host_vf_counters(t.host, 0)->resets, 2);
	assert_int_equal(vc_host_vf_reset(t.host, T_NUM_VFS, true), -ENOENT);
	t_destroy(&t);
}

static void test_other_vfs_untouched(void **state)
{
	struct tctx t;
	struct vc_vf_view before, after;

	(void)state;
	t_init(&t);
	t_create(&t);
	t_activate(&t, 0);
	t_activate(&t, 1);
	assert_int_equal(vc_host_vf_view(t.host, 0, &before), 0);
	/* VF 1 uses VF 0's vsi_id: refused, and VF 0 is unchanged. */
	assert_int_equal(t_handle(&t, 1, VIRTCHNL_OP_CONFIG_VSI_QUEUES, t.buf,
				  b_vsi_queues(t.buf, t_vsi(0), 1)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_VSI_QUEUES, VIRTCHNL_STATUS_ERR_PARAM);
	assert_int_equal(t_handle(&t, 1, VIRTCHNL_OP_RESET_VF, NULL, 0), 0);
	assert_int_equal(vc_host_vf_view(t.host, 0, &after), 0);
	assert_memory_equal(&before, &after, sizeof(before));
	for (int op = 0; op < F_OP_COUNT; op++)
		assert_int_equal(t.hw.calls_vf[0][op], 0);
	t_destroy(&t);
}

static void test_create_rejects_bad_params(void **state)
{
	struct tctx t;
	struct vc_host *h = NULL;
	struct vc_hw_ops partial = fake_hw_ops;
	struct vc_host_params p = {
		.ops = &fake_hw_ops, .num_vfs = T_NUM_VFS, .max_vectors = 5,
	};

	(void)state;
	t_init(&t);
	p.hw_ctx = &t.hw;
	p.num_vfs = 0;
	assert_int_equal(vc_host_create(&p, t.pol, &h), -EINVAL);
	p.num_vfs = T_NUM_VFS;
	p.max_vectors = 0;
	assert_int_equal(vc_host_create(&p, t.pol, &h), -EINVAL);
	p.max_vectors = 5;
	partial.link = NULL;
	p.ops = &partial;
	assert_int_equal(vc_host_create(&p, t.pol, &h), -EINVAL);
	p.ops = &fake_hw_ops;
	t.pol[3].num_queues = 0;
	assert_int_equal(vc_host_create(&p, t.pol, &h), -EINVAL);
	t.pol[3].num_queues = 1;
	p.rate.msgs = 10;
	p.rate.interval_us = 5;
	assert_int_equal(vc_host_create(&p, t.pol, &h), -EINVAL);
	assert_null(h);
	/* More vectors than a VF BAR has registers for: clamped, not refused. */
	p.rate.msgs = 0;
	p.max_vectors = 65;
	p.vf_base_id = T_VF_BASE;
	assert_int_equal(vc_host_create(&p, t.pol, &h), 0);
	t.host = h;
	t_activate(&t, 0);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_GET_VF_RESOURCES, t.buf,
				  b_caps(t.buf, VC_IAVF_2211_CAPS)), 0);
	struct virtchnl_vf_resource res;
	memcpy(&res, fake_hw_last_send(&t.hw, VIRTCHNL_OP_GET_VF_RESOURCES)->buf, sizeof(res));
	assert_int_equal(res.max_vectors, 17);
	t_destroy(&t);
}

static void test_rss_and_stats_answers(void **state)
{
	struct tctx t;
	struct virtchnl_eth_stats st;
	struct virtchnl_rss_hena hena;
	uint16_t len;

	(void)state;
	t_init(&t);
	t_create(&t);
	t_activate(&t, 3);
	/* GET_STATS: 96 bytes from the hw op */
	assert_int_equal(t_handle(&t, 3, VIRTCHNL_OP_GET_STATS, t.buf,
				  b_qsel(t.buf, t_vsi(3), 0, 0)), 0);
	const struct fake_send *s = t_expect_reply(&t, VIRTCHNL_OP_GET_STATS, 0);
	assert_int_equal(s->len, sizeof(st));
	memcpy(&st, s->buf, sizeof(st));
	assert_int_equal(st.rx_bytes, 1003);
	/* HENA caps then a HENA with an X722-only PCTYPE: masked, not refused */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 3, VIRTCHNL_OP_GET_RSS_HENA_CAPS, NULL, 0), 0);
	memcpy(&hena, t_expect_reply(&t, VIRTCHNL_OP_GET_RSS_HENA_CAPS, 0)->buf, sizeof(hena));
	assert_int_equal(hena.hena, VC_X710_DEFAULT_HENA);
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 3, VIRTCHNL_OP_SET_RSS_HENA, t.buf,
				  b_u64(t.buf, (1ull << 29) | (1ull << 31))), 0);
	t_expect_reply(&t, VIRTCHNL_OP_SET_RSS_HENA, 0);
	assert_int_equal(t.hw.last_hena, 1ull << 31);
	/* key of the wrong size, LUT naming a queue the VF does not have */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 3, VIRTCHNL_OP_CONFIG_RSS_KEY, t.buf,
				  b_rss_key(t.buf, t_vsi(3), 40)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_RSS_KEY, VIRTCHNL_STATUS_ERR_PARAM);
	fake_hw_clear_log(&t.hw);
	len = b_rss_lut(t.buf, t_vsi(3), VC_RSS_LUT_SIZE, T_QUEUES - 1);
	t.buf[4 + 10] = T_QUEUES;
	assert_int_equal(t_handle(&t, 3, VIRTCHNL_OP_CONFIG_RSS_LUT, t.buf, len), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_RSS_LUT, VIRTCHNL_STATUS_ERR_PARAM);
	assert_int_equal(t.hw.calls[F_LUT], 0);
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 3, VIRTCHNL_OP_CONFIG_RSS_LUT, t.buf,
				  b_rss_lut(t.buf, t_vsi(3), 32, 0)), 0);
	t_expect_reply(&t, VIRTCHNL_OP_CONFIG_RSS_LUT, VIRTCHNL_STATUS_ERR_PARAM);
	/* Without RSS_PF granted the RSS ops are unsupported. */
	assert_int_equal(t_handle(&t, 2, VIRTCHNL_OP_GET_VF_RESOURCES, t.buf,
				  b_caps(t.buf, VIRTCHNL_VF_OFFLOAD_L2)), 0);
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 2, VIRTCHNL_OP_GET_RSS_HENA_CAPS, NULL, 0), 0);
	t_expect_reply(&t, VIRTCHNL_OP_GET_RSS_HENA_CAPS, VIRTCHNL_STATUS_ERR_NOT_SUPPORTED);
	t_destroy(&t);
}

static void test_link_notify(void **state)
{
	struct tctx t;
	struct vc_policy p;
	struct virtchnl_pf_event ev;

	(void)state;
	t_init(&t);
	t_create(&t);
	assert_int_equal(vc_host_notify_link(t.host, 0), 0);   /* inactive: nothing */
	assert_int_equal(t.hw.n_sends, 0);
	t_activate(&t, 0);
	p = t.pol[0];
	p.link_state = VC_LINK_DISABLE;
	assert_int_equal(vc_host_set_policy(t.host, 0, &p), 0);
	assert_int_equal(t.hw.n_sends, 1);
	memcpy(&ev, t.hw.sends[0].buf, sizeof(ev));
	assert_int_equal(ev.event_data.link_event.link_status, 0);
	p.num_queues = 0;
	assert_int_equal(vc_host_set_policy(t.host, 0, &p), -EINVAL);
	t_destroy(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rate_limit_drops_and_counts),
		cmocka_unit_test(test_disabled_vf_dropped),
		cmocka_unit_test(test_failed_reset_keeps_vf_in_reset),
		cmocka_unit_test(test_admin_reset_and_flr),
		cmocka_unit_test(test_other_vfs_untouched),
		cmocka_unit_test(test_create_rejects_bad_params),
		cmocka_unit_test(test_rss_and_stats_answers),
		cmocka_unit_test(test_link_notify),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
