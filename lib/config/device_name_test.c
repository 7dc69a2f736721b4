/* SPDX-License-Identifier: BSD-2-Clause */
/* PF.device spellings: PCI address, unit name, interface name, path. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include <sriov/device_name.h>

static void test_classify(void **state)
{
	static const struct { const char *name; enum sriov_device_kind kind; } cases[] = {
		{ "0000:05:00.0", SRIOV_DEVICE_PCI_ADDRESS },
		{ "05:00.1", SRIOV_DEVICE_PCI_ADDRESS },
		{ "ABCD:ff:1f.7", SRIOV_DEVICE_PCI_ADDRESS },
		{ "0000:05:20.0", SRIOV_DEVICE_INVALID },    /* device 32 */
		{ "0000:05:00.8", SRIOV_DEVICE_INVALID },    /* function 8 */
		{ "000:05:00.0", SRIOV_DEVICE_INVALID },
		{ "ixl0", SRIOV_DEVICE_UNIT_NAME },
		{ "ixl12", SRIOV_DEVICE_UNIT_NAME },
		{ "eth0", SRIOV_DEVICE_UNIT_NAME },
		{ "ixl01", SRIOV_DEVICE_IFNAME },
		{ "enp5s0f0", SRIOV_DEVICE_IFNAME },
		{ "ixl", SRIOV_DEVICE_IFNAME },
		{ "a-very-long-name0", SRIOV_DEVICE_INVALID },  /* 17 > IFNAMSIZ - 1 */
		{ "has space", SRIOV_DEVICE_INVALID },
		{ "a/b", SRIOV_DEVICE_INVALID },
		{ "a:b", SRIOV_DEVICE_INVALID },
		{ "52:54:00:12:34:56", SRIOV_DEVICE_MAC_ADDRESS },
		{ "52:54:00:AB:cd:0F", SRIOV_DEVICE_MAC_ADDRESS },
		{ "52:54:00:12:34:5", SRIOV_DEVICE_INVALID },      /* one digit short */
		{ "52:54:00:12:34:567", SRIOV_DEVICE_INVALID },
		{ "52-54-00-12-34-56", SRIOV_DEVICE_INVALID },     /* no MAC, and 17 > IFNAMSIZ - 1 */
		{ "52:54:00:12:34:5g", SRIOV_DEVICE_INVALID },
		{ ".", SRIOV_DEVICE_INVALID },
		{ "..", SRIOV_DEVICE_INVALID },
		{ "", SRIOV_DEVICE_INVALID },
		{ "/dev/iov/ixl0", SRIOV_DEVICE_PATH },
		{ "/dev/\x01", SRIOV_DEVICE_INVALID },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum sriov_device_kind k = sriov_device_classify(cases[i].name, NULL);

		if (k != cases[i].kind)
			fail_msg("'%s': kind %d, want %d", cases[i].name, k, cases[i].kind);
	}
	assert_int_equal(sriov_device_classify(NULL, NULL), SRIOV_DEVICE_INVALID);
}

static void test_pci_fields(void **state)
{
	struct sriov_pci_address a;

	(void)state;
	assert_int_equal(sriov_device_classify("0001:86:1f.7", &a), SRIOV_DEVICE_PCI_ADDRESS);
	assert_int_equal(a.domain, 1);
	assert_int_equal(a.bus, 0x86);
	assert_int_equal(a.device, 0x1f);
	assert_int_equal(a.function, 7);
	assert_int_equal(sriov_device_classify("05:00.0", &a), SRIOV_DEVICE_PCI_ADDRESS);
	assert_int_equal(a.domain, 0);
	assert_string_equal(sriov_device_kind_name(SRIOV_DEVICE_PCI_ADDRESS), "PCI address");
	assert_string_equal(sriov_device_kind_name(SRIOV_DEVICE_INVALID), "invalid name");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_pci_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
