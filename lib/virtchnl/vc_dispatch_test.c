/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_dispatch tests, table-driven over every opcode: a valid message is
 * answered once with success and reaches its hw op; a short, a long, an
 * element-count mismatch and a foreign vsi_id are answered once with
 * ERR_PARAM and reach no hw op.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "vc_test_util.h"

struct op_case {
	uint32_t op;
	uint16_t (*build)(uint8_t *buf, uint16_t vsi);
	int vsi_off;            /* -1: message has no vsi_id */
	int count_off;          /* -1: fixed length */
	int hw_op;              /* fake op the valid message must reach, -1: none */
	uint16_t prep_queues;   /* configure this many queues first */
};

static uint16_t mk_vsi_queues(uint8_t *b, uint16_t vsi) { return b_vsi_queues(b, vsi, 2); }
static uint16_t mk_irq(uint8_t *b, uint16_t vsi) { return b_irq_map(b, vsi, 0, 0x3, 0); }
static uint16_t mk_qsel(uint8_t *b, uint16_t vsi) { return b_qsel(b, vsi, 0x1, 0x1); }
static uint16_t mk_eth(uint8_t *b, uint16_t vsi)
{
	static const uint8_t macs[2][6] = { { 0x02, 0, 0, 0, 0, 1 }, { 0x33, 0x33, 0, 0, 0, 1 } };

	return b_eth_list(b, vsi, macs, 2);
}
static uint16_t mk_vlan(uint8_t *b, uint16_t vsi)
{
	static const uint16_t vids[2] = { 100, 200 };

	return b_vlan_list(b, vsi, vids, 2);
}
static uint16_t mk_promisc(uint8_t *b, uint16_t vsi) { return b_promisc(b, vsi, 0); }
static uint16_t mk_key(uint8_t *b, uint16_t vsi) { return b_rss_key(b, vsi, VC_RSS_KEY_SIZE); }
static uint16_t mk_lut(uint8_t *b, uint16_t vsi) { return b_rss_lut(b, vsi, VC_RSS_LUT_SIZE, 3); }
static uint16_t mk_hena(uint8_t *b, uint16_t vsi) { (void)vsi; return b_u64(b, 1ull << 31); }
static uint16_t mk_none(uint8_t *b, uint16_t vsi) { (void)b; (void)vsi; return 0; }
static uint16_t mk_reqq(uint8_t *b, uint16_t vsi) { (void)vsi; return b_u16(b, 2); }
static uint16_t mk_version(uint8_t *b, uint16_t vsi) { (void)vsi; return b_version(b, 1, 1); }
static uint16_t mk_caps(uint8_t *b, uint16_t vsi) { (void)vsi; return b_caps(b, VC_IAVF_2211_CAPS); }

static const struct op_case cases[] = {
	{ VIRTCHNL_OP_VERSION, mk_version, -1, -1, -1, 0 },
	{ VIRTCHNL_OP_GET_VF_RESOURCES, mk_caps, -1, -1, F_VSI, 0 },
	{ VIRTCHNL_OP_CONFIG_VSI_QUEUES, mk_vsi_queues, 0, 2, F_RXQ, 0 },
	{ VIRTCHNL_OP_CONFIG_IRQ_MAP, mk_irq, 2, 0, F_IRQ, 0 },
	{ VIRTCHNL_OP_ENABLE_QUEUES, mk_qsel, 0, -1, F_SWITCH, 1 },
	{ VIRTCHNL_OP_DISABLE_QUEUES, mk_qsel, 0, -1, -1, 0 },
	{ VIRTCHNL_OP_ADD_ETH_ADDR, mk_eth, 0, 2, F_MAC, 0 },
	{ VIRTCHNL_OP_ADD_VLAN, mk_vlan, 0, 2, F_VLAN, 0 },
	{ VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE, mk_promisc, 0, -1, -1, 0 },
	{ VIRTCHNL_OP_GET_STATS, mk_qsel, 0, -1, F_STATS, 0 },
	{ VIRTCHNL_OP_CONFIG_RSS_KEY, mk_key, 0, 2, F_KEY, 0 },
	{ VIRTCHNL_OP_CONFIG_RSS_LUT, mk_lut, 0, 2, F_LUT, 0 },
	{ VIRTCHNL_OP_GET_RSS_HENA_CAPS, mk_none, -1, -1, -1, 0 },
	{ VIRTCHNL_OP_SET_RSS_HENA, mk_hena, -1, -1, F_HENA, 0 },
	{ VIRTCHNL_OP_ENABLE_VLAN_STRIPPING, mk_none, -1, -1, F_STRIP, 0 },
	{ VIRTCHNL_OP_DISABLE_VLAN_STRIPPING, mk_none, -1, -1, F_STRIP, 0 },
	{ VIRTCHNL_OP_REQUEST_QUEUES, mk_reqq, -1, -1, -1, 0 },
};

static unsigned hw_calls_but_send(const struct fake_hw *f)
{
	unsigned n = 0;

	for (int i = 0; i < F_OP_COUNT; i++)
		if (i != F_SEND && i != F_LINK)
			n += f->calls[i];
	return n;
}

/* Run one message on a freshly activated VF 0; checks exactly one reply. */
static void run_case(const struct op_case *c, int variant)
{
	struct tctx t;
	uint8_t *m = t.buf;
	uint16_t len;
	int32_t want = VIRTCHNL_STATUS_ERR_PARAM;

	t_init(&t);
	len = c->build(m, t_vsi(0));
	if ((variant == 1 && len == 0) || (variant == 3 && c->count_off < 0) ||
	    (variant == 4 && c->vsi_off < 0))
		return;   /* the variant does not apply to this message */
	t_create(&t);
	t_activate(&t, 0);
	if (c->prep_queues)
		t_configure_queues(&t, 0, c->prep_queues);
	len = c->build(m, t_vsi(0));
	switch (variant) {
	case 0:
		want = VIRTCHNL_STATUS_SUCCESS;
		break;
	case 1:   /* short */
		len--;
		break;
	case 2:   /* long */
		m[len] = 0;
		len++;
		break;
	case 3: { /* element count one more than the elements carried */
		uint16_t n;

		memcpy(&n, m + c->count_off, 2);
		n++;
		memcpy(m + c->count_off, &n, 2);
		break;
	}
	case 4: { /* foreign VSI */
		uint16_t other = t_vsi(1);

		memcpy(m + c->vsi_off, &other, 2);
		break;
	}
	}
	assert_int_equal(t_handle(&t, 0, c->op, m, len), 0);
	if (c->op == VIRTCHNL_OP_REQUEST_QUEUES && want == VIRTCHNL_STATUS_SUCCESS) {
		/* Granted: answered by RESET_IMPENDING, then reset (spec §1.2 C1). */
		assert_int_equal(fake_hw_count_sends(&t.hw, c->op), 0);
		assert_int_equal(fake_hw_count_sends(&t.hw, VIRTCHNL_OP_EVENT), 1);
		assert_int_equal(t.hw.calls[F_RESET], 1);
	} else {
		t_expect_reply(&t, c->op, want);
		if (want != VIRTCHNL_STATUS_SUCCESS)
			assert_int_equal(hw_calls_but_send(&t.hw), 0);
		else if (c->hw_op >= 0)
			assert_true(t.hw.calls[c->hw_op] >= 1);
	}
	t_destroy(&t);
}

static void test_every_opcode_every_variant(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		for (int variant = 0; variant <= 4; variant++)
			run_case(&cases[i], variant);
}

static void test_reset_vf_has_no_reply(void **state)
{
	struct tctx t;

	(void)state;
	t_init(&t);
	t_create(&t);
	t_activate(&t, 0);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_RESET_VF, NULL, 0), 0);
	assert_int_equal(t.hw.n_sends, 0);
	assert_int_equal(t.hw.calls_vf[0][F_RESET], 1);
	/* A RESET_VF with a payload is malformed: one ERR_PARAM reply, no reset. */
	fake_hw_clear_log(&t.hw);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_RESET_VF, t.buf, 1), 0);
	t_expect_reply(&t, VIRTCHNL_OP_RESET_VF, VIRTCHNL_STATUS_ERR_PARAM);
	assert_int_equal(t.hw.calls[F_RESET], 0);
	t_destroy(&t);
}

static void test_unknown_and_unsupported_opcodes(void **state)
{
	static const uint32_t ops[] = { 0, 4, 5, 16, VIRTCHNL_OP_EVENT, 30, 44, 51, 107, 108,
					111, 113, 0xFFFFFFFFu };
	struct tctx t;

	(void)state;
	t_init(&t);
	t_create(&t);
	t_activate(&t, 0);
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		fake_hw_clear_log(&t.hw);
		assert_int_equal(t_handle(&t, 0, ops[i], t.buf, 0), 0);
		t_expect_reply(&t, ops[i], VIRTCHNL_STATUS_ERR_NOT_SUPPORTED);
		assert_int_equal(t.hw.n_sends, 1);
	}
	assert_int_equal(vc_host_vf_counters(t.host, 0)->denied[44], 1);
	assert_int_equal(vc_host_vf_counters(t.host, 0)->denied[VC_OPCODE_SLOTS - 1], 1);
	t_destroy(&t);
}

static void test_ops_before_resources_refused(void **state)
{
	struct tctx t;
	uint16_t len;

	(void)state;
	t_init(&t);
	t_create(&t);
	len = b_qsel(t.buf, t_vsi(0), 1, 1);
	assert_int_equal(t_handle(&t, 0, VIRTCHNL_OP_GET_STATS, t.buf, len), 0);
	t_expect_reply(&t, VIRTCHNL_OP_GET_STATS, VIRTCHNL_STATUS_ERR_PARAM);
	assert_int_equal(t.hw.calls[F_STATS], 0);
	t_destroy(&t);
}

static void test_unknown_vf(void **state)
{
	struct tctx t;

	(void)state;
	t_init(&t);
	t_create(&t);
	assert_int_equal(vc_host_handle(t.host, T_VF_BASE - 1, 1, 0, t.buf, 8, 1), -ENOENT);
	assert_int_equal(vc_host_handle(t.host, T_VF_BASE + T_NUM_VFS, 1, 0, t.buf, 8, 1),
			 -ENOENT);
	assert_int_equal(t.hw.n_sends, 0);
	t_destroy(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_opcode_every_variant),
		cmocka_unit_test(test_reset_vf_has_no_reply),
		cmocka_unit_test(test_unknown_and_unsupported_opcodes),
		cmocka_unit_test(test_ops_before_resources_refused),
		cmocka_unit_test(test_unknown_vf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
