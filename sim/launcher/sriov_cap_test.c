/* SPDX-License-Identifier: BSD-2-Clause */
/* sriov_cap on config spaces built here, including hostile ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "sriov_cap.h"

#define CFG_SIZE 4096

static void
put16(uint8_t *c, unsigned int off, uint16_t v)
{
	memcpy(c + off, &v, 2);
}

static void
put32(uint8_t *c, unsigned int off, uint32_t v)
{
	memcpy(c + off, &v, 4);
}

/* AER (id 1) at 0x100 -> SR-IOV at 0x160, as on a real X710. */
static void
build(uint8_t *c)
{
	memset(c, 0, CFG_SIZE);
	put32(c, 0x100, 0x0001u | (1u << 16) | (0x160u << 20));
	put32(c, 0x160, PCI_EXT_CAP_ID_SRIOV | (1u << 16));
	put16(c, 0x160 + SRIOV_TOTAL_VF, 64);
	put16(c, 0x160 + SRIOV_VF_OFFSET, 16);
	put16(c, 0x160 + SRIOV_VF_STRIDE, 1);
	put16(c, 0x160 + SRIOV_VF_DID, 0x154C);
}

static void
test_reads_capability_after_another(void **state)
{
	(void)state;
	uint8_t c[CFG_SIZE];
	build(c);
	struct sriov_cap_info cap;
	assert_int_equal(sriov_cap_read(c, sizeof(c), &cap), 0);
	assert_int_equal(cap.pos, 0x160);
	assert_int_equal(cap.total_vfs, 64);
	assert_int_equal(cap.vf_device, 0x154C);
	unsigned int rid;
	assert_int_equal(sriov_vf_rid(&cap, 0x100, 3, &rid), 0);
	assert_int_equal(rid, 0x113);   /* 01:02.3 */
	assert_int_equal(sriov_vf_rid(&cap, 0xFFF0, 3, &rid), -ERANGE);
}

static void
test_hostile_chains(void **state)
{
	(void)state;
	uint8_t c[CFG_SIZE];
	struct sriov_cap_info cap;

	memset(c, 0, sizeof(c));
	assert_int_equal(sriov_cap_read(c, sizeof(c), &cap), -ENOENT);

	/* A header pointing at itself must not loop forever. */
	put32(c, 0x100, 0x0001u | (0x100u << 20));
	assert_int_equal(sriov_cap_read(c, sizeof(c), &cap), -EINVAL);

	/* Next pointer into the legacy header area. */
	put32(c, 0x100, 0x0001u | (0x040u << 20));
	assert_int_equal(sriov_cap_read(c, sizeof(c), &cap), -EINVAL);

	/* The capability would run past the end of the given size. */
	build(c);
	assert_int_equal(sriov_cap_read(c, 0x170, &cap), -EINVAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_capability_after_another),
		cmocka_unit_test(test_hostile_chains),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
