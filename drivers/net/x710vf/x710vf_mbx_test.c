/* SPDX-License-Identifier: BSD-2-Clause */
/* VF admin queue rings against the fake PF (x710-hardware.md §1.2-P2, §2.1-§2.2). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "x710/x710_regs.h"
#include "x710vf_fake_pf.h"
#include "x710vf_mbx.h"

struct fx {
	struct fake_pf pf;
	struct x710vf_mbx mbx;
};

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	fake_pf_init(&f->pf, NULL, NULL);
	assert_int_equal(fake_pf_attach(&f->pf, &f->mbx), 0);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	fake_pf_fini(&f->pf);
	free(f);
	return 0;
}

static void
init_programs_both_rings(void **state)
{
	struct fx *f = *state;
	assert_int_equal(fake_pf_rd(&f->pf, X710_VF_ATQLEN1), X710VF_MBX_LEN | X710_AQLEN_ENABLE_MASK);
	assert_int_equal(fake_pf_rd(&f->pf, X710_VF_ARQLEN1), X710VF_MBX_LEN | X710_AQLEN_ENABLE_MASK);
	assert_int_equal(fake_pf_rd(&f->pf, X710_VF_ARQT1), X710VF_MBX_LEN - 1);
	assert_int_equal(fake_pf_rd(&f->pf, X710_VF_ATQBAL1), (uint32_t)(uintptr_t)f->mbx.atq);
	assert_int_equal(f->mbx.arq[5].datalen, X710VF_MBX_BUF);
	assert_int_equal(f->mbx.arq[5].flags, X710_AQ_FLAG_BUF | X710_AQ_FLAG_LB);
	assert_true(x710vf_mbx_alive(&f->mbx));
}

static void
send_fills_descriptor_and_tail(void **state)
{
	struct fx *f = *state;
	uint8_t big[600];
	memset(big, 0xA5, sizeof(big));

	assert_int_equal(x710vf_mbx_send(&f->mbx, 6, big, sizeof(big)), 0);
	assert_int_equal(fake_pf_rd(&f->pf, X710_VF_ATQT1), 1);
	fake_pf_step(&f->pf);
	assert_int_equal(f->pf.received, 1);
	assert_int_equal(f->pf.last_op, 6);
	assert_int_equal(f->pf.last_len, sizeof(big));
	assert_int_equal(f->pf.last_flags & ~(X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP),
			 X710_AQ_FLAG_SI | X710_AQ_FLAG_BUF | X710_AQ_FLAG_RD | X710_AQ_FLAG_LB);
	assert_memory_equal(f->pf.last_msg, big, sizeof(big));
	assert_int_equal(f->mbx.atq[0].opcode, X710_AQC_SEND_MSG_TO_PF);

	assert_int_equal(x710vf_mbx_send(&f->mbx, 15, NULL, 0), 0);
	fake_pf_step(&f->pf);
	assert_int_equal(f->pf.last_flags & X710_AQ_FLAG_BUF, 0);   /* no buffer, no BUF */
}

static void
send_refuses_full_ring_and_big_message(void **state)
{
	struct fx *f = *state;
	static uint8_t huge[X710VF_MBX_BUF + 1];

	assert_int_equal(x710vf_mbx_send(&f->mbx, 1, huge, sizeof(huge)), -EMSGSIZE);
	for (int i = 0; i < X710VF_MBX_LEN - 1; i++)
		assert_int_equal(x710vf_mbx_send(&f->mbx, 1, NULL, 0), 0);
	assert_int_equal(x710vf_mbx_send(&f->mbx, 1, NULL, 0), -EBUSY);
	fake_pf_step(&f->pf);
	assert_int_equal(x710vf_mbx_send(&f->mbx, 1, NULL, 0), 0);
}

static void
recv_takes_message_and_reposts(void **state)
{
	struct fx *f = *state;
	struct x710vf_mbx_msg m;
	uint8_t buf[X710VF_MBX_BUF];
	const uint8_t payload[8] = { 1, 0, 0, 0, 1, 0, 0, 0 };

	assert_int_equal(x710vf_mbx_recv(&f->mbx, &m, buf, sizeof(buf)), 0);
	assert_int_equal(fake_pf_post(&f->pf, X710_AQC_SEND_MSG_TO_VF,
				      X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP, 1, 0, payload, 8), 0);
	assert_int_equal(x710vf_mbx_recv(&f->mbx, &m, buf, sizeof(buf)), 1);
	assert_int_equal(m.v_op, 1);
	assert_int_equal(m.v_status, 0);
	assert_int_equal(m.len, 8);
	assert_memory_equal(buf, payload, 8);
	assert_int_equal(fake_pf_rd(&f->pf, X710_VF_ARQT1), 0);    /* slot 0 handed back */
	assert_int_equal(f->mbx.arq[0].datalen, X710VF_MBX_BUF);
	assert_int_equal(x710vf_mbx_recv(&f->mbx, &m, buf, sizeof(buf)), 0);
}

static void
recv_rejects_what_the_device_should_not_write(void **state)
{
	struct fx *f = *state;
	struct x710vf_mbx_msg m;
	uint8_t buf[X710VF_MBX_BUF];
	const uint16_t done = X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP;

	/* wrong AQ opcode, ERR set, DD missing: each consumed and refused */
	fake_pf_post(&f->pf, X710_AQC_SEND_MSG_TO_PF, done, 1, 0, NULL, 0);
	fake_pf_post(&f->pf, X710_AQC_SEND_MSG_TO_VF, done | X710_AQ_FLAG_ERR, 1, 0, NULL, 0);
	fake_pf_post(&f->pf, X710_AQC_SEND_MSG_TO_VF, X710_AQ_FLAG_CMP, 1, 0, NULL, 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(x710vf_mbx_recv(&f->mbx, &m, buf, sizeof(buf)), -EPROTO);
	assert_int_equal(x710vf_mbx_recv(&f->mbx, &m, buf, sizeof(buf)), 0);

	/* longer than the caller's buffer */
	fake_pf_post(&f->pf, X710_AQC_SEND_MSG_TO_VF, done, 3, 0, buf, 64);
	assert_int_equal(x710vf_mbx_recv(&f->mbx, &m, buf, 32), -EPROTO);

	/* a head outside the ring */
	fake_pf_wr(&f->pf, X710_VF_ARQH1, 700);
	assert_int_equal(x710vf_mbx_recv(&f->mbx, &m, buf, sizeof(buf)), -EIO);
}

static void
reset_takes_the_queue_away(void **state)
{
	struct fx *f = *state;
	fake_pf_wr(&f->pf, X710_VF_ARQLEN1, 0);     /* what a VF reset does (§2.3) */
	assert_false(x710vf_mbx_alive(&f->mbx));
	x710vf_mbx_shutdown(&f->mbx);
	assert_int_equal(fake_pf_rd(&f->pf, X710_VF_ATQLEN1), 0);
	assert_int_equal(x710vf_mbx_send(&f->mbx, 1, NULL, 0), -ENODEV);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(init_programs_both_rings, setup, teardown),
		cmocka_unit_test_setup_teardown(send_fills_descriptor_and_tail, setup, teardown),
		cmocka_unit_test_setup_teardown(send_refuses_full_ring_and_big_message, setup, teardown),
		cmocka_unit_test_setup_teardown(recv_takes_message_and_reposts, setup, teardown),
		cmocka_unit_test_setup_teardown(recv_rejects_what_the_device_should_not_write, setup,
						teardown),
		cmocka_unit_test_setup_teardown(reset_takes_the_queue_away, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
