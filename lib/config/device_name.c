/* SPDX-License-Identifier: BSD-2-Clause */
/* Syntax of the names a PF may be given by (PF.device, sriovctl -d). */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include <sriov/device_name.h>

/* Linux IFNAMSIZ (include/uapi/linux/if.h) counts the terminating NUL. */
#define LINUX_IFNAMSIZ 16
/* PCI: 32 devices per bus, 8 functions per device (PCI Local Bus spec). */
#define PCI_DEVICE_MAX 31
#define PCI_FUNCTION_MAX 7
/* Longest path we accept for -d /dev/iov/NAME (Linux PATH_MAX). */
#define DEVICE_PATH_MAX 4096
/* "aa:bb:cc:dd:ee:ff" */
#define MAC_TEXT_LEN 17

static bool hex_field(const char *s, size_t digits, unsigned int *out)
{
	unsigned int v = 0;

	for (size_t i = 0; i < digits; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return false;
		v = v * 16 + (unsigned)(isdigit((unsigned char)s[i]) ? s[i] - '0'
								 : tolower((unsigned char)s[i]) - 'a' + 10);
	}
	*out = v;
	return true;
}

/* [DDDD:]BB:DD.F, as lspci and sysfs print it. */
static bool parse_pci(const char *s, struct sriov_pci_address *addr)
{
	unsigned int domain = 0, bus, dev, fn;
	size_t len = strlen(s);

	if (len == 12) {
		if (!hex_field(s, 4, &domain) || s[4] != ':')
			return false;
		s += 5;
	} else if (len != 7) {
		return false;
	}
	if (!hex_field(s, 2, &bus) || s[2] != ':' || !hex_field(s + 3, 2, &dev) || s[5] != '.' ||
	    !isdigit((unsigned char)s[6]))
		return false;
	fn = (unsigned)(s[6] - '0');
	if (dev > PCI_DEVICE_MAX || fn > PCI_FUNCTION_MAX)
		return false;
	if (addr)
		*addr = (struct sriov_pci_address){ (uint16_t)domain, (uint8_t)bus, (uint8_t)dev,
						    (uint8_t)fn };
	return true;
}

/* FreeBSD "driver name + unit number": letters then decimal digits. */
static bool is_unit_name(const char *s)
{
	const char *d = s;

	while (islower((unsigned char)*d))
		d++;
	if (d == s || !isdigit((unsigned char)*d) || (d[0] == '0' && d[1]))
		return false;
	while (isdigit((unsigned char)*d))
		d++;
	return *d == '\0';
}

/* What Linux dev_valid_name() accepts, restricted to printable ASCII. */
static bool is_ifname(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len >= LINUX_IFNAMSIZ || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s >= 0x7f || *s == '/' || *s == ':')
			return false;
	return true;
}

/* Six octets of two hex digits joined by ':', as sysfs prints a netdev's
 * address; ':' cannot appear in an interface name, so nothing is shadowed. */
static bool is_mac_address(const char *s)
{
	if (strlen(s) != MAC_TEXT_LEN)
		return false;
	for (size_t i = 0; i < MAC_TEXT_LEN; i++)
		if (i % 3 == 2 ? s[i] != ':' : !isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

enum sriov_device_kind sriov_device_classify(const char *name, struct sriov_pci_address *addr)
{
	if (!name || !name[0])
		return SRIOV_DEVICE_INVALID;
	if (name[0] == '/') {
		size_t len = strnlen(name, DEVICE_PATH_MAX);

		if (len >= DEVICE_PATH_MAX)
			return SRIOV_DEVICE_INVALID;
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)name[i] < ' ' || name[i] == 0x7f)
				return SRIOV_DEVICE_INVALID;
		return SRIOV_DEVICE_PATH;
	}
	if (parse_pci(name, addr))
		return SRIOV_DEVICE_PCI_ADDRESS;
	if (is_unit_name(name) && strlen(name) < LINUX_IFNAMSIZ)
		return SRIOV_DEVICE_UNIT_NAME;
	if (is_ifname(name))
		return SRIOV_DEVICE_IFNAME;
	if (is_mac_address(name))
		return SRIOV_DEVICE_MAC_ADDRESS;
	return SRIOV_DEVICE_INVALID;
}

const char *sriov_device_kind_name(enum sriov_device_kind kind)
{
	switch (kind) {
	case SRIOV_DEVICE_PCI_ADDRESS: return "PCI address";
	case SRIOV_DEVICE_UNIT_NAME: return "device name";
	case SRIOV_DEVICE_IFNAME: return "interface name";
	case SRIOV_DEVICE_PATH: return "device path";
	case SRIOV_DEVICE_MAC_ADDRESS: return "MAC address";
	default: return "invalid name";
	}
}
