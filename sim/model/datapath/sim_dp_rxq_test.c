/* SPDX-License-Identifier: BSD-2-Clause */
/* Rx engine (x710-hardware.md §0 item 7, §4.2): write-back layout, qword1
 * stored last and in ring order, multi-buffer frames, drops by reason. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim_dp_test_dma.h"
#include "sim_dp_test_fixture.h"

#define QLEN 32

struct ctx {
	struct fx fx;
	struct fx_rxring rx;
	struct sim_vsi *b;
};

static int setup_with(void **state, const struct sim_dma_ops *dma, uint16_t dbuff,
		      uint16_t rxmax, uint16_t posted)
{
	struct ctx *c = calloc(1, sizeof(*c));

	assert_non_null(c);
	assert_int_equal(fx_setup(&c->fx, 1, dma), 0);
	c->b = fx_vsi(&c->fx, 2, 0, fx_mac_b, 5);
	assert_int_equal(fx_rxq(&c->fx, &c->rx, 0, 5, 2, QLEN, dbuff, rxmax, posted), 0);
	*state = c;
	return 0;
}

static int setup(void **state)
{
	return setup_with(state, &sim_dp_test_identity_dma, 2048, 1522, QLEN - 1);
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	fx_rxring_free(&c->rx);
	fx_teardown(&c->fx);
	free(c);
	return 0;
}

static int inject(struct ctx *c, const uint8_t *f, size_t len)
{
	return sim_dp_wire_inject(c->fx.dp, 0, f, len);
}

static void test_write_back_layout(void **state)
{
	struct ctx *c = *state;
	uint8_t f[100];
	uint64_t want;

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	assert_int_equal(inject(c, f, sizeof(f)), 0);
	want = X710_RXD_STATUS_DD | X710_RXD_STATUS_EOF |
	       ((uint64_t)X710_PTYPE_L2 << X710_RXD_QW1_PTYPE_SHIFT) |
	       ((uint64_t)sizeof(f) << X710_RXD_QW1_LEN_PBUF_SHIFT);
	assert_int_equal(c->rx.ring[0].qword0, 0);        /* no RSS, no l2tag1 */
	assert_int_equal(c->rx.ring[0].qword1, want);
	assert_int_equal(c->rx.ring[0].qword2, 0);        /* stale read-format bits cleared */
	assert_int_equal(c->rx.ring[0].qword3, 0);
	assert_memory_equal(fx_rx_buf(&c->rx, 0), f, sizeof(f));
	assert_false(fx_rx_dd(&c->rx, 1));
	assert_int_equal(sim_dp_rxq_head(c->fx.dp, 0, 5), 1);
	/* rx_bytes counts the 4-byte FCS as the hardware's GLV_GORC does. */
	assert_int_equal(c->b->stats.rx_bytes, sizeof(f) + 4);
	assert_int_equal(c->b->stats.rx_unicast, 1);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->rx_packets, 1);
}

static int setup_small_buffers(void **state)
{
	return setup_with(state, &sim_dp_test_identity_dma, 256, 9728, QLEN - 1);
}

static void test_multi_buffer(void **state)
{
	struct ctx *c = *state;
	uint8_t f[600];

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	assert_int_equal(inject(c, f, sizeof(f)), 0);
	assert_int_equal(fx_rx_len(&c->rx, 0), 256);
	assert_int_equal(fx_rx_len(&c->rx, 1), 256);
	assert_int_equal(fx_rx_len(&c->rx, 2), 88);
	assert_true(fx_rx_dd(&c->rx, 0) && fx_rx_dd(&c->rx, 1) && fx_rx_dd(&c->rx, 2));
	assert_false(fx_rx_qw1(&c->rx, 0) & X710_RXD_STATUS_EOF);
	assert_false(fx_rx_qw1(&c->rx, 1) & X710_RXD_STATUS_EOF);
	assert_true(fx_rx_qw1(&c->rx, 2) & X710_RXD_STATUS_EOF);
	assert_false(fx_rx_dd(&c->rx, 3));
	assert_memory_equal(fx_rx_buf(&c->rx, 0), f, 256);
	assert_memory_equal(fx_rx_buf(&c->rx, 1), f + 256, 256);
	assert_memory_equal(fx_rx_buf(&c->rx, 2), f + 512, 88);
	assert_int_equal(sim_dp_rxq_head(c->fx.dp, 0, 5), 3);
}

/*
 * Ordering observer: the ring is not directly mappable, so the engine
 * writes every descriptor store through map(); when it maps a qword1 (the
 * DD store) everything that must precede it is checked.
 */
struct observer {
	uint8_t *ring;
	size_t ring_bytes;
	const uint8_t *frame;       /* frame being delivered */
	size_t frame_len;
	uint16_t dbuff;
	uint16_t first;             /* first slot of this frame */
	const uint8_t *bufs[8];     /* its buffers, in ring order */
	unsigned int dd_stores;
	unsigned int violations;
};

static struct observer obs;

static void check_dd_store(uint16_t slot)
{
	const struct x710_rx_desc_wb *d = (const struct x710_rx_desc_wb *)obs.ring;
	uint16_t nbuf = (uint16_t)((obs.frame_len + obs.dbuff - 1) / obs.dbuff);
	uint16_t end = (uint16_t)((obs.first + nbuf) % QLEN);

	obs.dd_stores++;
	/* Every buffer of the frame already holds its payload. */
	for (uint16_t i = 0; i < nbuf; i++) {
		size_t off = (size_t)i * obs.dbuff;
		size_t n = obs.frame_len - off < obs.dbuff ? obs.frame_len - off : obs.dbuff;

		if (memcmp(obs.bufs[i], obs.frame + off, n) != 0)
			obs.violations++;
	}
	/* This descriptor's other quadwords come first. */
	if (d[slot].qword2 != 0 || d[slot].qword3 != 0)
		obs.violations++;
	/* Earlier descriptors are complete; later ones not yet. */
	for (uint16_t s = obs.first; s != slot; s = (uint16_t)((s + 1) % QLEN))
		if (!(d[s].qword1 & X710_RXD_STATUS_DD))
			obs.violations++;
	for (uint16_t s = (uint16_t)((slot + 1) % QLEN); s != end; s = (uint16_t)((s + 1) % QLEN))
		if (d[s].qword1 & X710_RXD_STATUS_DD)
			obs.violations++;
}

static void *observing_map(void *ctx, uint64_t iova, size_t len)
{
	uint8_t *p = (uint8_t *)(uintptr_t)iova;

	(void)ctx;
	if (obs.ring != NULL && p >= obs.ring && p < obs.ring + obs.ring_bytes) {
		size_t off = (size_t)(p - obs.ring);

		if (len > 16)          /* whole ring or descriptor: refuse, force per-store DMA */
			return NULL;
		if (off % X710_RX_DESC_SIZE == 8) {
			/* qword1 is only ever stored, never read (it overlaps hdr_addr). */
			assert_int_equal(len, 8);
			check_dd_store((uint16_t)(off / X710_RX_DESC_SIZE));
		}
	}
	return p;
}

static const struct sim_dma_ops observing_dma = { .map = observing_map };

static int setup_observed(void **state)
{
	struct ctx *c;

	memset(&obs, 0, sizeof(obs));
	setup_with(state, &observing_dma, 256, 9728, QLEN - 1);
	c = *state;
	/* Restart so the engine sees the ring as unmappable from the first access. */
	obs.ring = (uint8_t *)c->rx.ring;
	obs.ring_bytes = (size_t)QLEN * X710_RX_DESC_SIZE;
	obs.dbuff = 256;
	sim_dp_rxq_stop(c->fx.dp, 0, 5);
	{
		struct sim_queue_binding b = { .tail = &c->rx.tail, .pf = 0, .pf_queue = 5, .vsi = 2 };
		struct sim_rxq_ctx rc = { .base_iova = (uint64_t)(uintptr_t)c->rx.ring, .qlen = QLEN,
					  .dbuff_bytes = 256, .dsize_32 = true, .crcstrip = true,
					  .rxmax = 9728 };

		assert_int_equal(sim_dp_rxq_start(c->fx.dp, &b, &rc), 0);
	}
	return 0;
}

static void test_qword1_last_and_in_ring_order(void **state)
{
	struct ctx *c = *state;
	static uint8_t f1[700], f2[100];
	uint16_t slot = 0;

	fx_frame(f1, sizeof(f1), fx_mac_b, fx_mac_a);
	fx_frame(f2, sizeof(f2), fx_mac_b, fx_mac_c);
	obs.frame = f1;
	obs.frame_len = sizeof(f1);
	obs.first = 0;
	for (uint16_t i = 0; i < 3; i++)
		obs.bufs[i] = fx_rx_buf(&c->rx, i);
	assert_int_equal(inject(c, f1, sizeof(f1)), 0);
	assert_int_equal(obs.dd_stores, 3);
	obs.frame = f2;
	obs.frame_len = sizeof(f2);
	obs.first = 3;
	obs.bufs[0] = fx_rx_buf(&c->rx, 3);
	assert_int_equal(inject(c, f2, sizeof(f2)), 0);
	assert_int_equal(obs.dd_stores, 4);
	assert_int_equal(obs.violations, 0);
	/* Final layout. */
	for (size_t off = 0; off < sizeof(f1); off += 256, slot++)
		assert_memory_equal(fx_rx_buf(&c->rx, slot), f1 + off,
				    sizeof(f1) - off < 256 ? sizeof(f1) - off : 256);
	assert_memory_equal(fx_rx_buf(&c->rx, 3), f2, sizeof(f2));
	assert_true(fx_rx_qw1(&c->rx, 2) & X710_RXD_STATUS_EOF);
	assert_true(fx_rx_qw1(&c->rx, 3) & X710_RXD_STATUS_EOF);
	obs.ring = NULL;
}

/* An empty ring drops even though hdr_addr's bit 0 (the DD position) is set. */
static int setup_empty(void **state)
{
	struct ctx *c;

	setup_with(state, &sim_dp_test_identity_dma, 2048, 1522, 0);
	c = *state;
	for (int i = 0; i < QLEN; i++)
		c->rx.ring[i].qword1 |= X710_RXD_STATUS_DD | X710_RXD_STATUS_EOF;
	return 0;
}

static void test_empty_ring_drop(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];
	uint64_t before = c->rx.ring[0].qword1;

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	assert_int_equal(inject(c, f, sizeof(f)), -ENOBUFS);
	assert_int_equal(c->b->drops[SIM_DROP_RX_NO_DESC], 1);
	assert_int_equal(c->b->stats.rx_discards, 1);
	/* Counted as received and discarded, as GLV_UPRC/GLV_RDPC (iavf: ipackets
	 * = unicast + multicast + broadcast - discards). */
	assert_int_equal(c->b->stats.rx_unicast, 1);
	assert_int_equal(sim_dp_port_stats(c->fx.dp, 0)->drops[SIM_DROP_RX_NO_DESC], 1);
	assert_int_equal(c->rx.ring[0].qword1, before);
	/* The driver posts one buffer: now it is taken. */
	c->rx.tail = 1;
	assert_int_equal(inject(c, f, sizeof(f)), 0);
	assert_int_equal(sim_dp_rxq_head(c->fx.dp, 0, 5), 1);
	assert_int_equal(inject(c, f, sizeof(f)), -ENOBUFS);
	assert_int_equal(c->b->drops[SIM_DROP_RX_NO_DESC], 2);
}

static void test_ring_wraps_in_order(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];

	for (int i = 0; i < QLEN - 1; i++) {
		fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
		f[20] = (uint8_t)i;
		assert_int_equal(inject(c, f, sizeof(f)), 0);
	}
	assert_int_equal(inject(c, f, sizeof(f)), -ENOBUFS);   /* tail = head - 1 */
	for (int i = 0; i < QLEN - 1; i++) {
		assert_true(fx_rx_dd(&c->rx, (uint16_t)i));
		assert_int_equal(fx_rx_buf(&c->rx, (uint16_t)i)[20], i);
	}
	/* Driver recycles slots 0..3 and moves the tail past the wrap. */
	for (int i = 0; i < 4; i++) {
		struct x710_rx_desc_read *d = (struct x710_rx_desc_read *)&c->rx.ring[i];

		d->pkt_addr = d->hdr_addr = (uint64_t)(uintptr_t)fx_rx_buf(&c->rx, (uint16_t)i);
	}
	((struct x710_rx_desc_read *)&c->rx.ring[QLEN - 1])->pkt_addr =
		(uint64_t)(uintptr_t)fx_rx_buf(&c->rx, QLEN - 1);
	c->rx.tail = 4;
	f[20] = 0xAA;
	assert_int_equal(inject(c, f, sizeof(f)), 0);
	assert_int_equal(inject(c, f, sizeof(f)), 0);
	assert_int_equal(sim_dp_rxq_head(c->fx.dp, 0, 5), 1);
	assert_int_equal(fx_rx_buf(&c->rx, QLEN - 1)[20], 0xAA);
	assert_int_equal(fx_rx_buf(&c->rx, 0)[20], 0xAA);
	assert_true(fx_rx_dd(&c->rx, 0));
}

static void test_oversize_drop(void **state)
{
	struct ctx *c = *state;
	static uint8_t f[1600];

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	/* rxmax 1522 includes the FCS: 1518 bytes fit, 1519 do not. */
	assert_int_equal(inject(c, f, 1519), -ENOBUFS);
	assert_int_equal(c->b->drops[SIM_DROP_OVERSIZE], 1);
	assert_int_equal(inject(c, f, 1518), 0);
	assert_int_equal(fx_rx_len(&c->rx, 0), 1518);
	assert_int_equal(c->b->stats.rx_discards, 1);
}

static void test_rx_overrun_fault(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];

	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	sim_dp_inject_rx_overrun(c->fx.dp, 0, 5, 2);
	assert_int_equal(inject(c, f, sizeof(f)), -ENOBUFS);
	assert_int_equal(inject(c, f, sizeof(f)), -ENOBUFS);
	assert_int_equal(inject(c, f, sizeof(f)), 0);
	assert_int_equal(c->b->drops[SIM_DROP_FAULT_INJECTED], 2);
	assert_int_equal(sim_dp_rxq_head(c->fx.dp, 0, 5), 1);
}

/* Reference CRC-32 computed bit by bit, independent of the model's table. */
static uint32_t crc32_bitwise(const uint8_t *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return ~c;
}

static void test_crc_kept_when_not_stripped(void **state)
{
	struct ctx *c = *state;
	struct sim_queue_binding b = { .tail = &c->rx.tail, .pf = 0, .pf_queue = 5, .vsi = 2 };
	struct sim_rxq_ctx rc = { .base_iova = (uint64_t)(uintptr_t)c->rx.ring, .qlen = QLEN,
				  .dbuff_bytes = 2048, .dsize_32 = true, .crcstrip = false,
				  .rxmax = 1522 };
	uint8_t f[64];
	uint32_t fcs;

	assert_int_equal(sim_dp_rxq_start(c->fx.dp, &b, &rc), 0);
	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	assert_int_equal(inject(c, f, sizeof(f)), 0);
	assert_int_equal(fx_rx_len(&c->rx, 0), sizeof(f) + 4);
	fcs = crc32_bitwise(f, sizeof(f));
	for (int i = 0; i < 4; i++)
		assert_int_equal(fx_rx_buf(&c->rx, 0)[64 + i], (uint8_t)(fcs >> (8 * i)));
}

static uint8_t ptype_of(struct ctx *c, const uint8_t *f, size_t len, uint16_t slot)
{
	assert_int_equal(inject(c, f, len), 0);
	return (uint8_t)((fx_rx_qw1(&c->rx, slot) & X710_RXD_QW1_PTYPE_MASK) >>
			 X710_RXD_QW1_PTYPE_SHIFT);
}

static void test_packet_types(void **state)
{
	struct ctx *c = *state;
	uint8_t f[128];

	memset(f, 0, sizeof(f));
	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	memset(f + 14, 0, sizeof(f) - 14);
	f[12] = 0x08; f[13] = 0x00;                 /* IPv4 */
	f[14] = 0x45;
	f[23] = 17;
	assert_int_equal(ptype_of(c, f, sizeof(f), 0), X710_PTYPE_IPV4_UDP);
	f[23] = 6;
	assert_int_equal(ptype_of(c, f, sizeof(f), 1), X710_PTYPE_IPV4_TCP);
	f[23] = 1;
	assert_int_equal(ptype_of(c, f, sizeof(f), 2), X710_PTYPE_IPV4_ICMP);
	f[23] = 47;
	assert_int_equal(ptype_of(c, f, sizeof(f), 3), X710_PTYPE_IPV4_OTHER);
	f[20] = 0x20;                                /* MF: a fragment */
	assert_int_equal(ptype_of(c, f, sizeof(f), 4), X710_PTYPE_IPV4_FRAG);
	memset(f + 14, 0, sizeof(f) - 14);
	f[12] = 0x86; f[13] = 0xDD;                 /* IPv6 */
	f[14] = 0x60;
	f[20] = 6;
	assert_int_equal(ptype_of(c, f, sizeof(f), 5), X710_PTYPE_IPV6_TCP);
	f[20] = 17;
	assert_int_equal(ptype_of(c, f, sizeof(f), 6), X710_PTYPE_IPV6_UDP);
	f[12] = 0x08; f[13] = 0x06;                 /* ARP */
	assert_int_equal(ptype_of(c, f, sizeof(f), 7), X710_PTYPE_L2_ARP);
	f[12] = 0x81; f[13] = 0x00;                 /* VLAN-tagged IPv4/UDP */
	f[16] = 0x08; f[17] = 0x00;
	memset(f + 18, 0, 20);
	f[18] = 0x45;
	f[27] = 17;
	assert_int_equal(ptype_of(c, f, sizeof(f), 8), X710_PTYPE_IPV4_UDP);
	f[18] = 0x4F;                                /* IHL past the frame: not IP */
	assert_int_equal(ptype_of(c, f, 40, 9), X710_PTYPE_L2);
}

static void test_queue_off_drop(void **state)
{
	struct ctx *c = *state;
	uint8_t f[64];

	sim_dp_rxq_stop(c->fx.dp, 0, 5);
	fx_frame(f, sizeof(f), fx_mac_b, fx_mac_a);
	assert_int_equal(inject(c, f, sizeof(f)), -ENOBUFS);
	assert_int_equal(c->b->drops[SIM_DROP_RX_QUEUE_OFF], 1);
	assert_int_equal(sim_dp_rxq_head(c->fx.dp, 0, 5), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_write_back_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multi_buffer, setup_small_buffers, teardown),
		cmocka_unit_test_setup_teardown(test_qword1_last_and_in_ring_order, setup_observed,
						teardown),
		cmocka_unit_test_setup_teardown(test_empty_ring_drop, setup_empty, teardown),
		cmocka_unit_test_setup_teardown(test_ring_wraps_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_oversize_drop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rx_overrun_fault, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crc_kept_when_not_stripped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_packet_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_queue_off_drop, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
