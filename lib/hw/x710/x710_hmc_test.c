/* SPDX-License-Identifier: BSD-2-Clause */
/* HMC setup registers and context packing. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "x710_hmc.h"
#include "x710_test_fixture.h"

/* Bit b of an object, independently of the packer. */
static unsigned int bit(const uint8_t *o, unsigned int b)
{
	return (o[b / 8] >> (b % 8)) & 1;
}

static uint64_t bits(const uint8_t *o, unsigned int lsb, unsigned int w)
{
	uint64_t v = 0;

	for (unsigned int i = 0; i < w; i++)
		v |= (uint64_t)bit(o, lsb + i) << i;
	return v;
}

static void test_tx_pack(void **state)
{
	struct x710_txq_ctx c, back;
	uint8_t o[X710_HMC_TXQ_CTX_SIZE];

	(void)state;
	memset(&c, 0, sizeof(c));
	memset(o, 0xFF, sizeof(o));   /* packing must clear what it owns */
	c.base = 0x123456789ABull;
	c.qlen = 512;
	c.rdylist = 0x3A5;
	c.new_context = 1;
	c.head_wb_addr = 0x1122334455667788ull;
	x710_txq_ctx_pack(&c, o);
	assert_int_equal(bits(o, 32, 57), 0x123456789ABull);
	assert_int_equal(bits(o, 161, 13), 512);
	assert_int_equal(bits(o, 980, 10), 0x3A5);
	assert_int_equal(bits(o, 30, 1), 1);
	assert_int_equal(bits(o, 0, 13), 0);
	assert_int_equal(bits(o, 192, 64), 0x1122334455667788ull);
	x710_txq_ctx_unpack(o, &back);
	assert_memory_equal(&back.base, &c.base, sizeof(c.base));
	assert_int_equal(back.qlen, 512);
	assert_int_equal(back.rdylist, 0x3A5);
}

static void test_rx_pack(void **state)
{
	struct x710_rxq_ctx c;
	uint8_t o[X710_HMC_RXQ_CTX_SIZE];

	(void)state;
	memset(&c, 0, sizeof(c));
	memset(o, 0, sizeof(o));
	c.base = 0x2000;
	c.qlen = 1024;
	c.dbuff = 2048 / 128;
	c.dsize = 1;
	c.crcstrip = 1;
	c.rxmax = 9728;
	c.prefena = 1;
	c.lrxqthresh = 2;
	x710_rxq_ctx_pack(&c, o);
	assert_int_equal(bits(o, 32, 57), 0x2000);
	assert_int_equal(bits(o, 89, 13), 1024);
	assert_int_equal(bits(o, 102, 7), 16);
	assert_int_equal(bits(o, 116, 1), 1);
	assert_int_equal(bits(o, 117, 1), 1);
	assert_int_equal(bits(o, 174, 14), 9728);
	assert_int_equal(bits(o, 198, 3), 2);
	assert_int_equal(bits(o, 201, 1), 1);
	assert_int_equal(bits(o, 114, 2), 0);
}

/* pf_init programs the FPM bases/counts and a valid direct SD 0. */
static void test_setup_registers(void **state)
{
	struct tf t;
	uint32_t lo;
	uint64_t pa;

	(void)state;
	tf_setup_pf(&t, 4);
	assert_true(t.hw->hmc.up);
	assert_int_equal(tf_pf_rd(&t, X710_GLHMC_LANTXBASE(0)), 0);
	assert_int_equal(tf_pf_rd(&t, X710_GLHMC_LANTXCNT(0)), t.hw->qalloc.count);
	assert_int_equal(tf_pf_rd(&t, X710_GLHMC_LANRXBASE(0)) * 512ull,
			 t.hw->qalloc.count * 128ull);
	assert_int_equal(tf_pf_rd(&t, X710_GLHMC_LANRXCNT(0)), t.hw->qalloc.count);
	lo = tf_pf_rd(&t, X710_PFHMC_SDDATALOW);
	assert_true(lo & X710_PFHMC_SDDATALOW_VALID_MASK);
	assert_true(lo & X710_PFHMC_SDDATALOW_TYPE_MASK);
	pa = (uint64_t)tf_pf_rd(&t, X710_PFHMC_SDDATAHIGH) << 32 | (lo & X710_PFHMC_SDDATALOW_ADDR_MASK);
	assert_int_equal(pa, t.hw->hmc.sd.iova);
	assert_int_equal(x710_hmc_set_txq_ctx(t.hw, t.hw->hmc.tx_cnt, &(struct x710_txq_ctx){ 0 }),
			 -ERANGE);
	tf_teardown(&t);
}

static void test_limits(void **state)
{
	struct tf t;

	(void)state;
	tf_setup_model(&t, 0);
	assert_int_equal(x710_hmc_clear_txq_ctx(t.hw, 0), -ENETDOWN);
	assert_int_equal(x710_hmc_init(t.hw, X710_DEVICE_QUEUES + 1, 4), -ERANGE);
	assert_int_equal(x710_hmc_init(t.hw, 4, 4), 0);
	assert_int_equal(x710_hmc_init(t.hw, 4, 4), -EBUSY);
	x710_hmc_shutdown(t.hw);
	assert_int_equal(tf_pf_rd(&t, X710_PFHMC_SDDATALOW), 0);
	tf_teardown(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tx_pack),
		cmocka_unit_test(test_rx_pack),
		cmocka_unit_test(test_setup_registers),
		cmocka_unit_test(test_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
