/* SPDX-License-Identifier: BSD-2-Clause */
/* The admin queue engine against the device model. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "x710_aq_cmds.h"
#include "x710_pf.h"
#include "x710_test_fixture.h"

static void aq_up(struct tf *t)
{
	struct x710_aq_params p = { .pf_reset = true };

	tf_setup_model(t, 8);
	assert_int_equal(x710_aq_init(t->hw, &p), 0);
}

/* Init programs the rings the model then uses: enabled lengths, bases,
 * ARQ tail one behind. */
static void test_init_registers(void **state)
{
	struct tf t;

	(void)state;
	aq_up(&t);
	assert_int_equal(tf_pf_rd(&t, X710_PF_ATQLEN),
			 X710_AQ_DEFAULT_ENTRIES | X710_AQLEN_ENABLE_MASK);
	assert_int_equal(tf_pf_rd(&t, X710_PF_ARQLEN),
			 X710_AQ_DEFAULT_ENTRIES | X710_AQLEN_ENABLE_MASK);
	assert_int_equal(tf_pf_rd(&t, X710_PF_ATQBAL), (uint32_t)t.hw->aq.atq_ring.iova);
	assert_int_equal(tf_pf_rd(&t, X710_PF_ARQT), X710_AQ_DEFAULT_ENTRIES - 1);
	assert_int_equal(x710_aq_init(t.hw, NULL), -EBUSY);
	x710_aq_shutdown(t.hw);
	assert_int_equal(tf_pf_rd(&t, X710_PF_ATQLEN), 0);
	assert_false(t.hw->aq.up);
	tf_teardown(&t);
}

static void test_bad_params(void **state)
{
	struct tf t;
	struct x710_aq_params p = { .entries = 1 };

	(void)state;
	tf_setup_model(&t, 0);
	assert_int_equal(x710_aq_init(t.hw, &p), -EINVAL);
	p.entries = 8;
	p.buf_size = 8192;
	assert_int_equal(x710_aq_init(t.hw, &p), -EINVAL);
	tf_teardown(&t);
}

/* A direct command completes and its response params come back; more
 * commands than ring entries wrap around. */
static void test_sync_wraps(void **state)
{
	struct tf t;
	struct x710_fw_version v;

	(void)state;
	aq_up(&t);
	for (unsigned int i = 0; i < 3 * X710_AQ_DEFAULT_ENTRIES; i++) {
		memset(&v, 0, sizeof(v));
		assert_int_equal(x710_aq_get_version(t.hw, &v), 0);
		assert_int_equal(v.api_major, 1);
		assert_int_equal(v.api_minor, X710_FW_API_VERSION_MINOR_X710);
	}
	assert_int_equal(t.hw->aq.atq_ntu, (3 * X710_AQ_DEFAULT_ENTRIES) % X710_AQ_DEFAULT_ENTRIES);
	tf_teardown(&t);
}

/* An opcode the firmware does not know fails with ENOSYS, by name. */
static void test_error_by_name(void **state)
{
	struct tf t;
	struct x710_aq_desc d;
	char msg[128];

	(void)state;
	aq_up(&t);
	x710_aq_desc_init(&d, 0x0A0B);
	assert_int_equal(x710_aq_send(t.hw, &d, NULL, 0), -ENOSYS);
	assert_int_equal(t.hw->aq_err.kind, X710_AQ_FAIL_RC);
	assert_int_equal(t.hw->aq_err.rc, X710_AQ_RC_ENOSYS);
	assert_true(d.flags & X710_AQ_FLAG_ERR);
	assert_string_equal(x710_hw_last_error(t.hw, msg, sizeof(msg)),
			    "unknown (0x0a0b) failed: ENOSYS");
	tf_teardown(&t);
}

/* A fault makes add_vsi answer ENOSPC: the caller gets -ENOSPC and the
 * record reads "add_vsi (0x0210) failed: ENOSPC". */
static void test_injected_rc(void **state)
{
	struct tf t;
	struct x710sim_aq_fault f = { .pf = 0, .opcode = X710_AQC_ADD_VSI, .nth = 1,
				   .kind = X710SIM_AQ_FAULT_FAIL, .rc = X710_AQ_RC_ENOSPC };
	struct x710_vsi_ctx ctx;
	char msg[128];

	(void)state;
	tf_setup_pf(&t, 8);
	assert_int_equal(x710sim_fault_aq(t.sim, &f), 0);
	memset(&ctx, 0, sizeof(ctx));
	ctx.uplink_seid = t.hw->mac_seid;
	ctx.connection_type = X710_AQ_CONN_TYPE_REGULAR;
	ctx.flags = X710_AQ_VSI_TYPE_VMDQ2;
	assert_int_equal(x710_aq_add_vsi(t.hw, &ctx), -ENOSPC);
	assert_string_equal(x710_hw_last_error(t.hw, msg, sizeof(msg)),
			    "add_vsi (0x0210) failed: ENOSPC");
	/* The fault was for one command only: the next one succeeds. */
	assert_int_equal(x710_aq_add_vsi(t.hw, &ctx), 0);
	tf_teardown(&t);
}

/* A command that never completes times out within the bound, leaves the
 * queue refusing new work, and a re-init recovers it. */
static void test_timeout(void **state)
{
	struct tf t;
	struct x710sim_aq_fault f = { .pf = 0, .opcode = X710_AQC_GET_VERSION, .nth = 1,
				   .kind = X710SIM_AQ_FAULT_HANG };
	struct x710_fw_version v;
	char msg[128];
	uint64_t start;

	(void)state;
	aq_up(&t);
	assert_int_equal(x710sim_fault_aq(t.sim, &f), 0);
	start = t.os_sim.now_us;
	assert_int_equal(x710_aq_get_version(t.hw, &v), -ETIMEDOUT);
	assert_true(t.os_sim.now_us - start >= X710_AQ_DEFAULT_TIMEOUT_US);
	assert_true(t.os_sim.now_us - start < 2 * X710_AQ_DEFAULT_TIMEOUT_US);
	assert_string_equal(x710_hw_last_error(t.hw, msg, sizeof(msg)),
			    "get_version (0x0001) timed out: the firmware never completed it");
	assert_int_equal(x710_aq_get_version(t.hw, &v), -EBUSY);
	x710_aq_shutdown(t.hw);
	assert_int_equal(x710_aq_init(t.hw, NULL), 0);
	assert_int_equal(x710_aq_get_version(t.hw, &v), 0);
	tf_teardown(&t);
}

static void test_driver_refusals(void **state)
{
	struct tf t;
	struct x710_aq_desc d;
	uint8_t big[8];

	(void)state;
	tf_setup_model(&t, 0);
	x710_aq_desc_init(&d, X710_AQC_GET_VERSION);
	assert_int_equal(x710_aq_send(t.hw, &d, NULL, 0), -ENETDOWN);
	assert_int_equal(x710_aq_init(t.hw, NULL), 0);
	assert_int_equal(x710_aq_send(t.hw, &d, big, 0), -EINVAL);
	assert_int_equal(t.hw->aq_err.kind, X710_AQ_FAIL_DRIVER);
	tf_teardown(&t);
}

/* A VF's send_msg_to_pf arrives as a PF ARQ event: opcode 0x0801, the
 * absolute VF id in retval, the virtchnl opcode in cookie_high. */
static void test_vf_message_event(void **state)
{
	struct tf t;
	struct tf_vf_aq vq;
	struct x710_aq_event ev;
	uint8_t msg[64], got[64];
	unsigned int pending;
	const uint32_t vc_version = 1;   /* VIRTCHNL_OP_VERSION */

	(void)state;
	tf_setup_pf(&t, 8);
	assert_int_equal(x710_aq_event_get(t.hw, &ev, NULL), -EAGAIN);
	assert_int_equal(x710sim_set_num_vfs(t.sim, 0, 4), 0);
	tf_vf_aq_init(&t, &vq, 3);
	for (unsigned int i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 7);
	tf_vf_send(&t, &vq, vc_version, msg, 8);
	tf_vf_send(&t, &vq, 3, msg, sizeof(msg));
	memset(&ev, 0, sizeof(ev));
	ev.msg = got;
	ev.msg_cap = sizeof(got);
	assert_int_equal(x710_aq_event_get(t.hw, &ev, &pending), 0);
	assert_int_equal(ev.opcode, X710_AQC_SEND_MSG_TO_PF);
	assert_int_equal(ev.retval, t.hw->caps.vf_base_id + 3);
	assert_int_equal(ev.cookie_high, vc_version);
	assert_int_equal(ev.msg_len, 8);
	assert_memory_equal(got, msg, 8);
	assert_int_equal(pending, 1);
	/* The second one does not fit a small buffer: truncated, consumed. */
	ev.msg_cap = 16;
	assert_int_equal(x710_aq_event_get(t.hw, &ev, &pending), -EMSGSIZE);
	assert_int_equal(ev.full_len, sizeof(msg));
	assert_int_equal(ev.msg_len, 16);
	assert_int_equal(ev.cookie_high, 3);
	assert_int_equal(pending, 0);
	assert_int_equal(x710_aq_event_get(t.hw, &ev, NULL), -EAGAIN);
	tf_vf_aq_fini(&vq);
	tf_teardown(&t);
}

/* More events than ARQ entries: buffers are re-posted, none is lost. */
static void test_event_reposting(void **state)
{
	struct tf t;
	struct tf_vf_aq vq;
	struct x710_aq_event ev;
	uint8_t got[16];
	unsigned int seen = 0;

	(void)state;
	tf_setup_pf(&t, 8);
	assert_int_equal(x710sim_set_num_vfs(t.sim, 0, 1), 0);
	tf_vf_aq_init(&t, &vq, 0);
	for (unsigned int i = 0; i < 3 * X710_AQ_DEFAULT_ENTRIES; i++) {
		uint32_t tag = i;

		tf_vf_send(&t, &vq, 100 + i, &tag, sizeof(tag));
		memset(&ev, 0, sizeof(ev));
		ev.msg = got;
		ev.msg_cap = sizeof(got);
		assert_int_equal(x710_aq_event_get(t.hw, &ev, NULL), 0);
		assert_int_equal(ev.cookie_high, 100 + i);
		assert_memory_equal(got, &tag, sizeof(tag));
		seen++;
	}
	assert_int_equal(seen, 3 * X710_AQ_DEFAULT_ENTRIES);
	tf_vf_aq_fini(&vq);
	tf_teardown(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_registers),
		cmocka_unit_test(test_bad_params),
		cmocka_unit_test(test_sync_wraps),
		cmocka_unit_test(test_error_by_name),
		cmocka_unit_test(test_injected_rc),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_driver_refusals),
		cmocka_unit_test(test_vf_message_event),
		cmocka_unit_test(test_event_reposting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
