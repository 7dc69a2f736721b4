/* SPDX-License-Identifier: BSD-2-Clause */
/* RSS: Toeplitz against the published Microsoft RSS verification vectors,
 * HENA gating, LUT -> VSI queue -> PF queue, and the Rx hash write-back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sim_dp_internal.h"
#include "sim_dp_test_dma.h"
#include "sim_dp_test_fixture.h"

/* The 40-byte key of Microsoft's "Verifying the RSS Hash Calculation";
 * the X710's 52-byte key is this padded (the IPv4 vectors use 16 bytes). */
static const uint8_t ms_key[SIM_RSS_KEY_SIZE] = {
	0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3,
	0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3,
	0x80, 0x30, 0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
};

struct ms_vector {
	uint8_t dst[4], src[4];
	uint16_t dport, sport;
	uint32_t ip_only, with_tcp;
};

static const struct ms_vector ms_ipv4[] = {
	{ { 161, 142, 100, 80 }, { 66, 9, 149, 187 }, 1766, 2794, 0x323e8fc2, 0x51ccc178 },
	{ { 65, 69, 140, 83 }, { 199, 92, 111, 2 }, 4739, 14230, 0xd718262a, 0xc626b0ea },
	{ { 12, 22, 207, 184 }, { 24, 19, 198, 95 }, 38024, 12898, 0xd2d0a5de, 0x5c2b394a },
	{ { 209, 142, 163, 6 }, { 38, 27, 205, 30 }, 2217, 48228, 0x82989176, 0xafc7327f },
	{ { 202, 188, 127, 2 }, { 153, 39, 163, 191 }, 1303, 44251, 0x5d1809c5, 0x10e828a2 },
};

/* Input order: source address, destination address, source port, destination port. */
static size_t ms_input(const struct ms_vector *v, uint8_t in[12])
{
	memcpy(in, v->src, 4);
	memcpy(in + 4, v->dst, 4);
	in[8] = (uint8_t)(v->sport >> 8);
	in[9] = (uint8_t)v->sport;
	in[10] = (uint8_t)(v->dport >> 8);
	in[11] = (uint8_t)v->dport;
	return 12;
}

static void test_toeplitz_ms_vectors(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(ms_ipv4) / sizeof(ms_ipv4[0]); i++) {
		uint8_t in[12];

		ms_input(&ms_ipv4[i], in);
		assert_int_equal(sim_dp_rss_toeplitz(ms_key, sizeof(ms_key), in, 8), ms_ipv4[i].ip_only);
		assert_int_equal(sim_dp_rss_toeplitz(ms_key, sizeof(ms_key), in, 12),
				 ms_ipv4[i].with_tcp);
	}
}

/* An IPv4/TCP frame carrying vector v. */
static size_t tcp_frame(uint8_t *f, const struct ms_vector *v)
{
	memset(f, 0, 64);
	fx_frame(f, 64, fx_mac_b, fx_mac_a);
	memset(f + 14, 0, 50);
	f[12] = 0x08; f[13] = 0x00;
	f[14] = 0x45;
	f[23] = 6;
	memcpy(f + 26, v->src, 4);
	memcpy(f + 30, v->dst, 4);
	f[34] = (uint8_t)(v->sport >> 8); f[35] = (uint8_t)v->sport;
	f[36] = (uint8_t)(v->dport >> 8); f[37] = (uint8_t)v->dport;
	return 64;
}

#define HENA_IPV4_TCP   (UINT64_C(1) << 33)   /* I40E_FILTER_PCTYPE_NONF_IPV4_TCP */
#define HENA_IPV4_OTHER (UINT64_C(1) << 35)

static void test_lut_picks_queue(void **state)
{
	struct fx fx;
	struct fx_rxring rx[4];
	struct sim_vsi *b;
	uint8_t lut[SIM_RSS_LUT_SIZE] = { 0 };
	uint8_t f[64];
	uint32_t h = ms_ipv4[0].with_tcp;

	(void)state;
	assert_int_equal(fx_setup(&fx, 1, &sim_dp_test_identity_dma), 0);
	b = fx_vsi(&fx, 2, 0, fx_mac_b, 10);
	b->num_queues = 4;
	for (uint16_t q = 0; q < 4; q++) {
		b->queue_map[q] = (uint16_t)(10 + q);
		assert_int_equal(fx_rxq(&fx, &rx[q], 0, (uint16_t)(10 + q), 2, 32, 2048, 9728, 31), 0);
	}
	/* Without RSS: queue 0. */
	assert_int_equal(sim_dp_wire_inject(fx.dp, 0, f, tcp_frame(f, &ms_ipv4[0])), 0);
	assert_true(fx_rx_dd(&rx[0], 0));
	assert_int_equal(rx[0].ring[0].qword0, 0);
	/* The LUT entry the hash's low 6 bits select names VSI queue 3 = PF queue 13. */
	lut[h & 63] = 3;
	sim_dp_set_rss(fx.dp, 2, ms_key, lut, HENA_IPV4_TCP);
	assert_int_equal(sim_dp_wire_inject(fx.dp, 0, f, tcp_frame(f, &ms_ipv4[0])), 0);
	assert_true(fx_rx_dd(&rx[3], 0));
	assert_int_equal(rx[3].ring[0].qword0 >> 32, h);
	assert_int_equal((rx[3].ring[0].qword1 >> X710_RXD_STATUS_FLTSTAT_SHIFT) & 3,
			 X710_RXD_FLTSTAT_RSS_HASH);
	/* Another flow lands where its own hash points (entry 0 here: queue 0). */
	if ((ms_ipv4[1].with_tcp & 63) != (h & 63)) {
		assert_int_equal(sim_dp_wire_inject(fx.dp, 0, f, tcp_frame(f, &ms_ipv4[1])), 0);
		assert_true(fx_rx_dd(&rx[0], 1));
		assert_int_equal(rx[0].ring[1].qword0 >> 32, ms_ipv4[1].with_tcp);
	}
	/* HENA without TCP/IPv4: not hashed, no FLTSTAT, queue 0. */
	sim_dp_set_rss(fx.dp, 2, ms_key, lut, HENA_IPV4_OTHER);
	assert_int_equal(sim_dp_wire_inject(fx.dp, 0, f, tcp_frame(f, &ms_ipv4[0])), 0);
	assert_false(fx_rx_dd(&rx[3], 1));
	{
		uint16_t slot = (uint16_t)sim_dp_rxq_head(fx.dp, 0, 10) - 1;

		assert_int_equal(rx[0].ring[slot].qword0, 0);
		assert_int_equal((rx[0].ring[slot].qword1 >> X710_RXD_STATUS_FLTSTAT_SHIFT) & 3, 0);
	}
	/* ... but an IPv4 "other" frame is hashed over the addresses alone. */
	tcp_frame(f, &ms_ipv4[0]);
	f[23] = 47;
	lut[ms_ipv4[0].ip_only & 63] = 2;
	sim_dp_set_rss(fx.dp, 2, ms_key, lut, HENA_IPV4_OTHER);
	assert_int_equal(sim_dp_wire_inject(fx.dp, 0, f, 64), 0);
	assert_true(fx_rx_dd(&rx[2], 0));
	assert_int_equal(rx[2].ring[0].qword0 >> 32, ms_ipv4[0].ip_only);
	for (int q = 0; q < 4; q++)
		fx_rxring_free(&rx[q]);
	fx_teardown(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_toeplitz_ms_vectors),
		cmocka_unit_test(test_lut_picks_queue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
