/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vc_host_keep tests: a host created in caller memory is taken over by a
 * second host (ACTIVE VFs stay ACTIVE with their caps, queues and
 * counters; the new policies win), and damaged blocks are refused.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdalign.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vc_host_internal.h"
#include "vc_test_util.h"

struct keep {
	struct tctx t;
	struct vc_host_params p;
	size_t len;
	void *mem;
	char why[160];
};

static void keep_init(struct keep *k)
{
	t_init(&k->t);
	k->p = (struct vc_host_params){
		.ops = &fake_hw_ops, .hw_ctx = &k->t.hw, .num_vfs = T_NUM_VFS,
		.vf_base_id = T_VF_BASE, .max_vectors = T_MAX_VECTORS, .rate = k->t.rate,
	};
	k->len = vc_host_state_size(T_NUM_VFS);
	k->mem = aligned_alloc(64, (k->len + 63) / 64 * 64);
	assert_non_null(k->mem);
	memset(k->mem, 0xA5, k->len);   /* what a fresh block must not trust */
	assert_int_equal(vc_host_create_in(&k->p, k->t.pol, k->mem, k->len, &k->t.host), 0);
}

static void keep_fini(struct keep *k)
{
	t_destroy(&k->t);
	free(k->mem);
}

static void test_attach_resumes_sessions(void **state)
{
	struct keep k;
	struct vc_vf_view v;
	uint64_t need[2];
	struct vc_host *h2;

	(void)state;
	keep_init(&k);
	t_activate(&k.t, 1);
	t_configure_queues(&k.t, 1, 2);
	/* The first owner dies without a word: only the block survives. */
	vc_host_destroy(k.t.host);
	k.t.host = NULL;
	k.t.pol[1].allow_promisc = true;
	assert_int_equal(vc_host_attach(&k.p, k.t.pol, k.mem, k.len, need, &h2, k.why,
					sizeof(k.why)), 0);
	k.t.host = h2;
	assert_int_equal(need[0] | need[1], 0);
	assert_int_equal(vc_host_vf_view(h2, 1, &v), 0);
	assert_int_equal(v.state, VC_VF_ACTIVE);
	assert_int_equal(v.api_minor, 1);
	assert_int_not_equal(v.granted_caps, 0);
	assert_int_equal(v.txq_configured, 0x3);
	assert_true(vc_host_vf_policy(h2, 1)->allow_promisc);
	assert_int_equal(vc_host_vf_counters(h2, 1)->requests[VIRTCHNL_OP_GET_VF_RESOURCES], 1);
	assert_int_equal(vc_host_vf_view(h2, 0, &v), 0);
	assert_int_equal(v.state, VC_VF_INACTIVE);
	/* The resumed VF is served as ACTIVE: GET_STATS needs no new handshake. */
	k.t.hw.n_sends = 0;
	assert_int_equal(t_handle(&k.t, 1, VIRTCHNL_OP_GET_STATS, k.t.buf,
				  b_qsel(k.t.buf, t_vsi(1), 0, 0)), 0);
	t_expect_reply(&k.t, VIRTCHNL_OP_GET_STATS, VIRTCHNL_STATUS_SUCCESS);
	keep_fini(&k);
}

static void test_attach_marks_vfs_left_in_reset(void **state)
{
	struct keep k;
	uint64_t need[2];
	struct vc_host *h2;

	(void)state;
	keep_init(&k);
	((struct vc_vf *)((unsigned char *)k.mem + vc_host_state_size(0)))[2].state =
		VC_VF_RESETTING;
	vc_host_destroy(k.t.host);
	k.t.host = NULL;
	assert_int_equal(vc_host_attach(&k.p, k.t.pol, k.mem, k.len, need, &h2, k.why,
					sizeof(k.why)), 0);
	k.t.host = h2;
	assert_int_equal(need[0], UINT64_C(1) << 2);
	keep_fini(&k);
}

static void expect_refused(struct keep *k, const char *what)
{
	uint64_t need[2];
	struct vc_host *h2 = NULL;

	assert_int_equal(vc_host_attach(&k->p, k->t.pol, k->mem, k->len, need, &h2, k->why,
					sizeof(k->why)), -ESTALE);
	assert_null(h2);
	assert_non_null(strstr(k->why, what));
}

static void test_damaged_blocks_refused(void **state)
{
	struct keep k;
	struct vc_vf *vfs;
	unsigned char *b;

	(void)state;
	keep_init(&k);
	vc_host_destroy(k.t.host);
	k.t.host = NULL;
	vfs = (struct vc_vf *)((unsigned char *)k.mem + vc_host_state_size(0));
	vfs[3].num_queues = 40;
	expect_refused(&k, "VF-3: queue count");
	vfs[3].num_queues = 1;
	vfs[3].txq_enabled = 0x2;
	expect_refused(&k, "VF-3: queue bitmaps");
	vfs[3].txq_enabled = 0;
	b = (unsigned char *)&vfs[0].enabled;
	*b = 7;
	expect_refused(&k, "VF-0: a flag");
	*b = 1;
	vfs[1].macs.count = 1000;
	expect_refused(&k, "VF-1: filter count");
	vfs[1].macs.count = 1;
	k.p.num_vfs = T_NUM_VFS - 1;
	expect_refused(&k, "holds 4 VFs");
	k.p.num_vfs = T_NUM_VFS;
	memset(k.mem, 0, 4);
	expect_refused(&k, "not written by this build");
	keep_fini(&k);
}

static void test_block_too_small(void **state)
{
	struct keep k;
	struct vc_host *h2;
	uint64_t need[2];

	(void)state;
	keep_init(&k);
	assert_int_equal(vc_host_attach(&k.p, k.t.pol, k.mem, k.len - 1, need, &h2, k.why,
					sizeof(k.why)), -ENOSPC);
	keep_fini(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attach_resumes_sessions),
		cmocka_unit_test(test_attach_marks_vfs_left_in_reset),
		cmocka_unit_test(test_damaged_blocks_refused),
		cmocka_unit_test(test_block_too_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
