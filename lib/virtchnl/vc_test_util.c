/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_test_util: fixtures and message builders for the virtchnl host tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "vc_test_util.h"

static void t_log(void *ctx, enum vc_log_level lvl, uint16_t vf, const char *fmt, va_list ap)
{
	struct tctx *t = ctx;
	char line[256];

	(void)lvl; (void)vf;
	vsnprintf(line, sizeof(line), fmt, ap);
	t->log_lines++;
}

void t_default_policy(struct vc_policy *p, uint16_t vf)
{
	memset(p, 0, sizeof(*p));
	p->has_admin_mac = true;
	p->admin_mac[0] = 0x02;
	p->admin_mac[5] = (uint8_t)(vf + 1);
	p->mac_anti_spoof = true;
	p->num_queues = T_QUEUES;
	p->link_state = VC_LINK_AUTO;
}

void t_init(struct tctx *t)
{
	memset(t, 0, sizeof(*t));
	fake_hw_init(&t->hw);
	for (uint16_t i = 0; i < T_NUM_VFS; i++)
		t_default_policy(&t->pol[i], i);
	t->now_us = 1000000;
}

void t_create(struct tctx *t)
{
	struct vc_host_params p = {
		.ops = &fake_hw_ops, .hw_ctx = &t->hw, .num_vfs = T_NUM_VFS,
		.vf_base_id = T_VF_BASE, .max_vectors = T_MAX_VECTORS, .rate = t->rate,
		.log = t_log, .log_ctx = t,
	};

	assert_int_equal(vc_host_create(&p, t->pol, &t->host), 0);
}

void t_destroy(struct tctx *t)
{
	vc_host_destroy(t->host);
	t->host = NULL;
}

uint16_t t_vsi(uint16_t vf)
{
	return (uint16_t)(10 + vf);   /* fake_hw_init: vsi_base 10 */
}

int t_handle(struct tctx *t, uint16_t vf, uint32_t op, const void *msg, uint16_t len)
{
	t->now_us += 1000;
	return vc_host_handle(t->host, (uint16_t)(T_VF_BASE + vf), op, 0, msg, len, t->now_us);
}

void t_activate(struct tctx *t, uint16_t vf)
{
	uint8_t m[8];

	assert_int_equal(t_handle(t, vf, VIRTCHNL_OP_VERSION, m, b_version(m, 1, 1)), 0);
	assert_int_equal(t_handle(t, vf, VIRTCHNL_OP_GET_VF_RESOURCES, m,
				  b_caps(m, VC_IAVF_2211_CAPS)), 0);
	fake_hw_clear_log(&t->hw);
}

void t_configure_queues(struct tctx *t, uint16_t vf, uint16_t nq)
{
	uint16_t len = b_vsi_queues(t->buf, t_vsi(vf), nq);

	assert_int_equal(t_handle(t, vf, VIRTCHNL_OP_CONFIG_VSI_QUEUES, t->buf, len), 0);
	t_expect_reply(t, VIRTCHNL_OP_CONFIG_VSI_QUEUES, VIRTCHNL_STATUS_SUCCESS);
	fake_hw_clear_log(&t->hw);
}

const struct fake_send *t_expect_reply(struct tctx *t, uint32_t op, int32_t status)
{
	const struct fake_send *s;

	assert_int_equal(fake_hw_count_sends(&t->hw, op), 1);
	s = fake_hw_last_send(&t->hw, op);
	assert_non_null(s);
	assert_int_equal(s->status, status);
	return s;
}

static void put16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);
}

uint16_t b_version(uint8_t *buf, uint32_t major, uint32_t minor)
{
	struct virtchnl_version_info v = { major, minor };

	memcpy(buf, &v, sizeof(v));
	return sizeof(v);
}

uint16_t b_caps(uint8_t *buf, uint32_t caps)
{
	memcpy(buf, &caps, 4);
	return 4;
}

uint16_t b_vsi_queues(uint8_t *buf, uint16_t vsi, uint16_t n)
{
	struct virtchnl_vsi_queue_config_info hdr = { .vsi_id = vsi, .num_queue_pairs = n };
	struct virtchnl_queue_pair_info qp;

	memcpy(buf, &hdr, 8);
	for (uint16_t i = 0; i < n; i++) {
		memset(&qp, 0, sizeof(qp));
		qp.txq.vsi_id = vsi;
		qp.txq.queue_id = i;
		qp.txq.ring_len = 512;
		qp.txq.dma_ring_addr = 0x100000 + 0x10000ull * i;
		qp.rxq.vsi_id = vsi;
		qp.rxq.queue_id = i;
		qp.rxq.ring_len = 512;
		qp.rxq.databuffer_size = 2048;
		qp.rxq.max_pkt_size = 1518;
		qp.rxq.dma_ring_addr = 0x800000 + 0x10000ull * i;
		memcpy(buf + 8 + 64 * i, &qp, sizeof(qp));
	}
	return (uint16_t)VIRTCHNL_CONFIG_VSI_QUEUES_LEN(n);
}

uint16_t b_irq_map(uint8_t *buf, uint16_t vsi, uint16_t vector, uint16_t rxmap, uint16_t txmap)
{
	struct virtchnl_vector_map m = { vsi, vector, rxmap, txmap, 0, 0 };

	put16(buf, 1);
	memcpy(buf + 2, &m, sizeof(m));
	return VIRTCHNL_IRQ_MAP_LEN(1);
}

uint16_t b_qsel(uint8_t *buf, uint16_t vsi, uint32_t rx, uint32_t tx)
{
	struct virtchnl_queue_select q = { vsi, 0, rx, tx };

	memcpy(buf, &q, sizeof(q));
	return sizeof(q);
}

uint16_t b_eth_list(uint8_t *buf, uint16_t vsi, const uint8_t (*macs)[6], uint16_t n)
{
	put16(buf, vsi);
	put16(buf + 2, n);
	for (uint16_t i = 0; i < n; i++) {
		struct virtchnl_ether_addr a = { .type = i == 0 ? VIRTCHNL_ETHER_ADDR_PRIMARY :
						 VIRTCHNL_ETHER_ADDR_EXTRA };

		memcpy(a.addr, macs[i], 6);
		memcpy(buf + 4 + 8 * i, &a, sizeof(a));
	}
	return (uint16_t)VIRTCHNL_ETHER_ADDR_LIST_LEN(n);
}

uint16_t b_vlan_list(uint8_t *buf, uint16_t vsi, const uint16_t *vids, uint16_t n)
{
	put16(buf, vsi);
	put16(buf + 2, n);
	for (uint16_t i = 0; i < n; i++)
		put16(buf + 4 + 2 * i, vids[i]);
	return (uint16_t)(VC_VLAN_FILTER_LIST_BASE + VC_VLAN_FILTER_LIST_ELEM * n);
}

uint16_t b_promisc(uint8_t *buf, uint16_t vsi, uint16_t flags)
{
	put16(buf, vsi);
	put16(buf + 2, flags);
	return 4;
}

uint16_t b_rss_key(uint8_t *buf, uint16_t vsi, uint16_t key_len)
{
	put16(buf, vsi);
	put16(buf + 2, key_len);
	for (uint16_t i = 0; i < key_len; i++)
		buf[4 + i] = (uint8_t)(i * 7 + 1);
	return (uint16_t)VIRTCHNL_RSS_LEN(key_len);
}

uint16_t b_rss_lut(uint8_t *buf, uint16_t vsi, uint16_t entries, uint8_t max_queue)
{
	put16(buf, vsi);
	put16(buf + 2, entries);
	for (uint16_t i = 0; i < entries; i++)
		buf[4 + i] = (uint8_t)(i % (max_queue + 1));
	return (uint16_t)VIRTCHNL_RSS_LEN(entries);
}

uint16_t b_u64(uint8_t *buf, uint64_t v)
{
	memcpy(buf, &v, 8);
	return 8;
}

uint16_t b_u16(uint8_t *buf, uint16_t v)
{
	put16(buf, v);
	return 2;
}
