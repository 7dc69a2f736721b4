/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PF.device and -d name a PF in one of several spellings; this classifies the
 * syntax only (the backend resolves the name to a device later).
 */
#ifndef SRIOV_DEVICE_NAME_H
#define SRIOV_DEVICE_NAME_H

#include <stdint.h>

enum sriov_device_kind {
	SRIOV_DEVICE_INVALID,
	SRIOV_DEVICE_PCI_ADDRESS,   /* 0000:05:00.0 or 05:00.0 */
	SRIOV_DEVICE_UNIT_NAME,     /* driver name + unit: ixl0 (also a Linux name) */
	SRIOV_DEVICE_IFNAME,        /* any other Linux interface name: enp5s0f0 */
	SRIOV_DEVICE_PATH,          /* absolute device node path: /dev/iov/ixl0 */
	SRIOV_DEVICE_MAC_ADDRESS,   /* the PF's MAC: 52:54:00:12:34:56 (kernel PFs) */
};

struct sriov_pci_address {
	uint16_t domain;
	uint8_t bus;
	uint8_t device;     /* 0..31 */
	uint8_t function;   /* 0..7 */
};

/*
 * Classifies @name. For a PCI address, fills @addr when non-NULL (a missing
 * domain is 0). Returns the kind; SRIOV_DEVICE_INVALID for anything else.
 */
enum sriov_device_kind sriov_device_classify(const char *name, struct sriov_pci_address *addr);

/* A short human description of a kind ("PCI address", ...). */
const char *sriov_device_kind_name(enum sriov_device_kind kind);

#endif /* SRIOV_DEVICE_NAME_H */
