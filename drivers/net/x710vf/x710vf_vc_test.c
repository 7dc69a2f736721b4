/* SPDX-License-Identifier: BSD-2-Clause */
/* virtchnl client against a fake PF: replies checked, events, errors, resets
 * (x710-hardware.md §0 #4-#6, §1.2, §3.8). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "x710/x710_regs.h"
#include "x710vf_fake_pf.h"
#include "x710vf_vc.h"

/* What the fake PF answers; each test adjusts it. */
struct script {
	int silent;
	int32_t status;
	int version_minor;
	int reply_len_delta;            /* make the reply too long/short */
	int event_first;                /* post a link event before each reply */
	int stray_first;                /* post a reply to another op first */
	int kill_aq;                    /* clear ARQLEN instead of answering */
	uint16_t queues_granted;
	struct x710vf_vf_info events_seen;
	int n_events;
};

struct fx {
	struct fake_pf pf;
	struct x710vf_mbx mbx;
	struct x710vf_vc vc;
	struct script s;
};

static size_t
resources(uint8_t *out)
{
	struct virtchnl_vf_resource r = {
		.num_vsis = 1, .num_queue_pairs = 4, .max_vectors = 5, .max_mtu = 1500,
		.vf_cap_flags = VIRTCHNL_VF_OFFLOAD_L2 | VIRTCHNL_VF_OFFLOAD_RSS_PF | 0x80000000u,
		.rss_key_size = 52, .rss_lut_size = 64,
		.vsi_res = { { .vsi_id = 7, .num_queue_pairs = 4, .vsi_type = VIRTCHNL_VSI_SRIOV,
			       .default_mac_addr = { 2, 0, 0, 0, 0, 9 } } },
	};
	memcpy(out, &r, sizeof(r));
	return sizeof(r);
}

static int
answer(struct fake_pf *pf, uint32_t v_op, const uint8_t *msg, uint16_t len, uint8_t *reply,
       uint16_t *reply_len, int32_t *status)
{
	struct fx *f = pf->ctx;
	struct script *s = &f->s;
	(void)msg;
	(void)len;
	if (s->kill_aq) {
		fake_pf_wr(pf, X710_VF_ARQLEN1, 0);
		return 0;
	}
	if (s->silent)
		return 0;
	if (s->event_first) {
		struct virtchnl_pf_event ev = { .event = VIRTCHNL_EVENT_LINK_CHANGE };
		ev.event_data.link_event.link_speed = 10000;
		ev.event_data.link_event.link_status = 1;
		fake_pf_post(pf, X710_AQC_SEND_MSG_TO_VF, X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP,
			     VIRTCHNL_OP_EVENT, 0, &ev, sizeof(ev));
	}
	if (s->stray_first)
		fake_pf_post(pf, X710_AQC_SEND_MSG_TO_VF, X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP,
			     v_op + 100, 0, NULL, 0);
	*status = s->status;
	*reply_len = 0;
	if (v_op == VIRTCHNL_OP_VERSION) {
		struct virtchnl_version_info v = { 1, (uint32_t)s->version_minor };
		memcpy(reply, &v, sizeof(v));
		*reply_len = sizeof(v);
	} else if (v_op == VIRTCHNL_OP_GET_VF_RESOURCES) {
		*reply_len = (uint16_t)resources(reply);
	} else if (v_op == VIRTCHNL_OP_GET_STATS) {
		memset(reply, 0x11, 96);
		*reply_len = 96;
	} else if (v_op == VIRTCHNL_OP_REQUEST_QUEUES) {
		memcpy(reply, &s->queues_granted, 2);
		*reply_len = 2;
	}
	*reply_len = (uint16_t)(*reply_len + s->reply_len_delta);
	return 1;
}

static void
wait_hook(void *ctx)
{
	struct fx *f = ctx;
	fake_pf_step(&f->pf);
}

static void
on_event(void *ctx, const struct virtchnl_pf_event *ev)
{
	struct fx *f = ctx;
	f->s.n_events++;
	f->s.events_seen.max_mtu = (uint16_t)ev->event_data.link_event.link_speed;
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	fake_pf_init(&f->pf, answer, f);
	f->s.version_minor = 1;
	assert_int_equal(fake_pf_attach(&f->pf, &f->mbx), 0);
	x710vf_vc_init(&f->vc, &f->mbx, wait_hook, on_event, f);
	f->vc.timeout_polls = 5;
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
version_needs_exactly_1_1(void **state)
{
	struct fx *f = *state;
	assert_int_equal(x710vf_vc_version(&f->vc), 0);
	assert_int_equal(f->pf.last_op, VIRTCHNL_OP_VERSION);
	f->s.version_minor = 0;
	assert_int_equal(x710vf_vc_version(&f->vc), -EPROTO);
	f->s.version_minor = 1;
	f->s.reply_len_delta = -4;
	assert_int_equal(x710vf_vc_version(&f->vc), -EBADMSG);
}

static void
silence_times_out_and_status_maps(void **state)
{
	struct fx *f = *state;
	f->s.silent = 1;
	assert_int_equal(x710vf_vc_promisc(&f->vc, 7, 1), -ETIMEDOUT);
	f->s.silent = 0;
	f->s.status = VIRTCHNL_STATUS_ERR_NOT_SUPPORTED;
	assert_int_equal(x710vf_vc_promisc(&f->vc, 7, 1), -ENOTSUP);
	f->s.status = VIRTCHNL_STATUS_ERR_PARAM;
	assert_int_equal(x710vf_vc_promisc(&f->vc, 7, 1), -EINVAL);
	f->s.status = -22;      /* a Linux PF's -EINVAL */
	assert_int_equal(x710vf_vc_promisc(&f->vc, 7, 1), -EIO);
}

static void
events_and_stray_replies_during_a_call(void **state)
{
	struct fx *f = *state;
	struct virtchnl_eth_stats st;
	f->s.event_first = 1;
	f->s.stray_first = 1;
	assert_int_equal(x710vf_vc_get_stats(&f->vc, 7, &st), 0);
	assert_int_equal(f->s.n_events, 1);
	assert_int_equal(f->s.events_seen.max_mtu, 10000);
	assert_int_equal(f->vc.stray_replies, 1);
	assert_true(st.rx_bytes == UINT64_C(0x1111111111111111));
	/* a GET_STATS reply of the wrong size is refused */
	f->s.reply_len_delta = 8;
	assert_int_equal(x710vf_vc_get_stats(&f->vc, 7, &st), -EBADMSG);
}

static void
resources_are_checked(void **state)
{
	struct fx *f = *state;
	struct x710vf_vf_info info;
	uint8_t r[64];
	size_t len = resources(r);
	struct virtchnl_vf_resource *res = (struct virtchnl_vf_resource *)r;

	assert_int_equal(x710vf_vc_get_resources(&f->vc, &info), 0);
	assert_int_equal(info.vsi_id, 7);
	assert_int_equal(info.num_queue_pairs, 4);
	assert_int_equal(info.caps, VIRTCHNL_VF_OFFLOAD_L2 | VIRTCHNL_VF_OFFLOAD_RSS_PF);
	assert_int_equal(info.rss_key_size, 52);
	assert_int_equal(info.mac[5], 9);
	assert_int_equal(f->pf.last_len, 4);    /* the caps word (1.1) */

	assert_int_equal(x710vf_vc_parse_resources(r, len - 1, &info), -EBADMSG);
	res->num_vsis = 2;
	assert_int_equal(x710vf_vc_parse_resources(r, len, &info), -EBADMSG);
	res->num_vsis = 0;
	assert_int_equal(x710vf_vc_parse_resources(r, len, &info), -EBADMSG);
	len = resources(r);
	res->num_queue_pairs = 17;
	assert_int_equal(x710vf_vc_parse_resources(r, len, &info), -EPROTO);
	len = resources(r);
	res->rss_key_size = 400;
	assert_int_equal(x710vf_vc_parse_resources(r, len, &info), -EPROTO);
	len = resources(r);
	res->vsi_res[0].vsi_type = 1;
	assert_int_equal(x710vf_vc_parse_resources(r, len, &info), -EPROTO);
	len = resources(r);
	res->vsi_res[0].num_queue_pairs = 9;   /* more than the VF was given */
	assert_int_equal(x710vf_vc_parse_resources(r, len, &info), -EPROTO);
	len = resources(r);
	res->vsi_res[0].default_mac_addr[0] = 1;   /* multicast: not a usable MAC */
	assert_int_equal(x710vf_vc_parse_resources(r, len, &info), 0);
	assert_int_equal(info.mac[5], 0);
}

static void
config_queues_wire_format(void **state)
{
	struct fx *f = *state;
	struct x710vf_qcfg q[2] = {
		{ .tx_ring_iova = 0x1000, .tx_ring_len = 512, .rx_ring_iova = 0x2000,
		  .rx_ring_len = 1024, .rx_buf_size = 2048, .rx_max_pkt = 1526 },
		{ .tx_ring_iova = 0x3000, .tx_ring_len = 512 },
	};
	struct virtchnl_queue_pair_info qp;

	assert_int_equal(x710vf_vc_config_queues(&f->vc, 7, 2, q), 0);
	assert_int_equal(f->pf.last_len, VIRTCHNL_CONFIG_VSI_QUEUES_LEN(2));
	memcpy(&qp, f->pf.last_msg + 8, sizeof(qp));
	assert_int_equal(qp.rxq.ring_len, 1024);
	assert_int_equal(qp.rxq.databuffer_size, 2048);
	assert_int_equal(qp.rxq.rxdid, 0);
	assert_int_equal(qp.txq.vsi_id, 7);
	memcpy(&qp, f->pf.last_msg + 8 + 64, sizeof(qp));
	assert_int_equal(qp.txq.queue_id, 1);
	assert_true(qp.rxq.dma_ring_addr == 0);
	assert_int_equal(x710vf_vc_config_queues(&f->vc, 7, 0, q), -EINVAL);

	assert_int_equal(x710vf_vc_vlan(&f->vc, 7, true, 100), 0);
	assert_int_equal(f->pf.last_len, X710VF_VLAN_LIST_LEN(1));
	uint8_t key[52] = { 0 };
	assert_int_equal(x710vf_vc_rss_key(&f->vc, 7, key, 52), 0);
	assert_int_equal(f->pf.last_len, VIRTCHNL_RSS_LEN(52));
	assert_int_equal(x710vf_vc_rss_lut(&f->vc, 7, key, 65), -EINVAL);
	assert_int_equal(x710vf_vc_switch_queues(&f->vc, 7, true, 0, 0), 0);   /* nothing sent */
}

static void
reset_during_call_and_request_queues(void **state)
{
	struct fx *f = *state;
	uint16_t granted = 0;

	f->s.queues_granted = 2;
	assert_int_equal(x710vf_vc_request_queues(&f->vc, 8, &granted), -EAGAIN);
	assert_int_equal(granted, 2);
	f->s.queues_granted = 8;
	assert_int_equal(x710vf_vc_request_queues(&f->vc, 8, &granted), 0);
	f->s.queues_granted = 300;
	assert_int_equal(x710vf_vc_request_queues(&f->vc, 8, &granted), -EPROTO);
	f->s.kill_aq = 1;
	assert_int_equal(x710vf_vc_promisc(&f->vc, 7, 0), -ENETRESET);
}

static void
events_are_checked(void **state)
{
	(void)state;
	struct virtchnl_pf_event ev = { .event = VIRTCHNL_EVENT_LINK_CHANGE }, out;
	assert_int_equal(x710vf_vc_parse_event(&ev, sizeof(ev), &out), 0);
	assert_int_equal(x710vf_vc_parse_event(&ev, sizeof(ev) - 1, &out), -EPROTO);
	ev.event = 9;
	assert_int_equal(x710vf_vc_parse_event(&ev, sizeof(ev), &out), -EPROTO);
	ev.event = VIRTCHNL_EVENT_LINK_CHANGE;
	ev.event_data.link_event.link_status = 7;
	assert_int_equal(x710vf_vc_parse_event(&ev, sizeof(ev), &out), -EPROTO);
}

static void
poll_dispatches_events_outside_calls(void **state)
{
	struct fx *f = *state;
	struct virtchnl_pf_event ev = { .event = VIRTCHNL_EVENT_RESET_IMPENDING, .severity = 255 };
	fake_pf_post(&f->pf, X710_AQC_SEND_MSG_TO_VF, X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP,
		     VIRTCHNL_OP_EVENT, 0, &ev, sizeof(ev));
	fake_pf_post(&f->pf, X710_AQC_SEND_MSG_TO_VF, X710_AQ_FLAG_DD | X710_AQ_FLAG_CMP,
		     VIRTCHNL_OP_EVENT, 0, &ev, 3);     /* truncated: counted, not dispatched */
	assert_int_equal(x710vf_vc_poll(&f->vc), 0);
	assert_int_equal(f->s.n_events, 1);
	assert_int_equal(f->vc.bad_messages, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(version_needs_exactly_1_1, setup, teardown),
		cmocka_unit_test_setup_teardown(silence_times_out_and_status_maps, setup, teardown),
		cmocka_unit_test_setup_teardown(events_and_stray_replies_during_a_call, setup, teardown),
		cmocka_unit_test_setup_teardown(resources_are_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(config_queues_wire_format, setup, teardown),
		cmocka_unit_test_setup_teardown(reset_during_call_and_request_queues, setup, teardown),
		cmocka_unit_test_setup_teardown(events_are_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(poll_dispatches_events_outside_calls, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
