/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PCI config space (x710-hardware.md §3.3): IDs and class, the capability
 * chains, the SR-IOV capability, and VF Enable + NumVFs creating and
 * removing VF functions, from config space and from x710sim_set_num_vfs.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "sim_test_fixture.h"

#define VFS 8

static uint16_t r16(const uint8_t *c, unsigned int o) { return (uint16_t)(c[o] | c[o + 1] << 8); }
static uint32_t r32(const uint8_t *c, unsigned int o) { return r16(c, o) | (uint32_t)r16(c, o + 2) << 16; }
static void w16(uint8_t *c, unsigned int o, uint16_t v) { c[o] = (uint8_t)v; c[o + 1] = (uint8_t)(v >> 8); }

/* Offset of an extended capability, walking the chain from 0x100. */
static unsigned int ext_cap(const uint8_t *c, uint16_t id)
{
	unsigned int pos = 0x100;

	for (int hops = 0; pos >= 0x100 && pos < 4096 && hops < 64; hops++) {
		uint32_t h = r32(c, pos);

		if ((h & 0xFFFF) == id)
			return pos;
		pos = h >> 20;
	}
	return 0;
}

static unsigned int std_cap(const uint8_t *c, uint8_t id)
{
	unsigned int pos = c[0x34];

	for (int hops = 0; pos >= 0x40 && pos < 256 && hops < 48; hops++) {
		if (c[pos] == id)
			return pos;
		pos = c[pos + 1];
	}
	return 0;
}

static int setup(void **state)
{
	static struct fx fx;

	fx_setup(&fx, 2, VFS);
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	fx_teardown(*state);
	return 0;
}

static void pf_identity_and_capabilities(void **state)
{
	struct fx *fx = *state;
	const uint8_t *c = fx_cfg(fx, fx_pf(1));
	unsigned int sriov = ext_cap(c, 0x0010);

	assert_int_equal(r16(c, 0x00), 0x8086);
	assert_int_equal(r16(c, 0x02), 0x1572);
	assert_int_equal(r32(c, 0x08) >> 8, 0x020000);
	assert_true(r16(c, 0x06) & 0x10);                   /* capability list */
	assert_int_not_equal(r32(c, 0x10) & ~0xFu, 0);      /* BAR0 non-zero */
	assert_int_not_equal(std_cap(c, 0x10), 0);          /* PCIe */
	assert_int_not_equal(std_cap(c, 0x11), 0);          /* MSI-X */
	assert_int_not_equal(sriov, 0);
	assert_int_equal(r16(c, sriov + 0x0E), VFS);        /* TotalVFs */
	assert_int_equal(r16(c, sriov + 0x0C), VFS);        /* InitialVFs */
	assert_int_equal(r16(c, sriov + 0x10), 0);          /* NumVFs */
	assert_int_equal(r16(c, sriov + 0x16), 1);          /* VF Stride */
	assert_int_equal(r16(c, sriov + 0x1A), 0x154C);     /* VF Device ID */
	assert_int_equal(x710sim_routing_id(fx->sim, fx_vf(1, 2)),
			 1 + r16(c, sriov + 0x14) + 2u * r16(c, sriov + 0x16));
}

static void vf_enable_creates_and_removes_vfs(void **state)
{
	struct fx *fx = *state;
	uint8_t *c = fx_cfg(fx, fx_pf(0));
	unsigned int sriov = ext_cap(c, 0x0010);
	const uint8_t *vc;

	assert_null(x710sim_region(fx->sim, fx_vf(0, 0), X710SIM_REGION_BAR0, NULL));
	w16(c, sriov + 0x10, 3);
	w16(c, sriov + 0x08, 0x0009);                       /* VF Enable | VF MSE */
	x710sim_poll(fx->sim);
	assert_int_equal(fx->n_added, 3);
	vc = fx_cfg(fx, fx_vf(0, 2));
	assert_int_equal(r16(vc, 0x02), 0x154C);
	assert_int_equal(r32(vc, 0x08) >> 8, 0x020000);
	assert_int_not_equal(std_cap(vc, 0x11), 0);
	size_t size = 0;

	assert_non_null(x710sim_region(fx->sim, fx_vf(0, 2), X710SIM_REGION_BAR0, &size));
	assert_int_equal(size, 64 * 1024);
	assert_non_null(x710sim_region(fx->sim, fx_vf(0, 2), X710SIM_REGION_BAR3, &size));
	assert_int_equal(size, 16 * 1024);
	assert_null(x710sim_region(fx->sim, fx_vf(0, 3), X710SIM_REGION_BAR0, NULL));

	/* NumVFs is ignored while VF Enable is set. */
	w16(c, sriov + 0x10, 5);
	x710sim_poll(fx->sim);
	assert_null(x710sim_region(fx->sim, fx_vf(0, 3), X710SIM_REGION_BAR0, NULL));

	w16(c, sriov + 0x08, 0);
	x710sim_poll(fx->sim);
	assert_int_equal(fx->n_removed, 3);
	assert_null(x710sim_region(fx->sim, fx_vf(0, 0), X710SIM_REGION_BAR0, NULL));
}

static void set_num_vfs_goes_through_config_space(void **state)
{
	struct fx *fx = *state;
	const uint8_t *c = fx_cfg(fx, fx_pf(1));
	unsigned int sriov = ext_cap(c, 0x0010);

	assert_int_equal(x710sim_set_num_vfs(fx->sim, 1, VFS + 1), -EINVAL);
	assert_int_equal(x710sim_set_num_vfs(fx->sim, 2, 1), -EINVAL);
	assert_int_equal(x710sim_set_num_vfs(fx->sim, 1, 2), 0);
	assert_int_equal(r16(c, sriov + 0x10), 2);
	assert_true(r16(c, sriov + 0x08) & 1);
	assert_int_equal(fx->n_added, 2);
	/* Like sriov_numvfs: 0 first before another non-zero count. */
	assert_int_equal(x710sim_set_num_vfs(fx->sim, 1, 4), -EBUSY);
	x710sim_poll(fx->sim);
	assert_int_equal(fx->n_added, 2);                   /* no second apply */
	assert_int_equal(x710sim_set_num_vfs(fx->sim, 1, 0), 0);
	assert_int_equal(fx->n_removed, 2);
	assert_false(r16(c, sriov + 0x08) & 1);
	assert_int_equal(x710sim_set_num_vfs(fx->sim, 1, 4), 0);
	assert_int_equal(fx->n_added, 6);
}

static void pf_reads_vf_config_through_ciaa_ciad(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(x710sim_set_num_vfs(fx->sim, 1, 2), 0);
	/* Absolute VF 9 = PF 1's VF 1; offset 0 holds the IDs. */
	fx_w32(fx, fx_pf(1), X710_PF_PCI_CIAA, 0x0 | (VFS + 1) << X710_PF_PCI_CIAA_VF_NUM_SHIFT);
	x710sim_poll(fx->sim);
	assert_int_equal(fx_r32(fx, fx_pf(1), X710_PF_PCI_CIAD), 0x154C8086u);
	/* 0xAA: Device Status, no transactions pending (spec §2.3). */
	fx_w32(fx, fx_pf(1), X710_PF_PCI_CIAA, 0xAA | (VFS + 1) << X710_PF_PCI_CIAA_VF_NUM_SHIFT);
	x710sim_poll(fx->sim);
	assert_int_equal(fx_r32(fx, fx_pf(1), X710_PF_PCI_CIAD) & X710_PF_PCI_CIAD_TRANS_PENDING_MASK, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pf_identity_and_capabilities, setup, teardown),
		cmocka_unit_test_setup_teardown(vf_enable_creates_and_removes_vfs, setup, teardown),
		cmocka_unit_test_setup_teardown(set_num_vfs_goes_through_config_space, setup, teardown),
		cmocka_unit_test_setup_teardown(pf_reads_vf_config_through_ciaa_ciad, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
