/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What sriovd needs from a PF backend beyond include/sriov/backend.h, as an
 * adapter table looked up by backend name. A backend that offers none of it
 * still boots, applies and reloads; what is missing is reported, not faked.
 * Each op is optional (NULL) and returns 0 or a negative errno.
 */
#ifndef SRIOVD_BACKEND_EXT_H
#define SRIOVD_BACKEND_EXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sriov/backend.h>

/* Virtchnl opcodes are below 64 in every published table we serve
 * (spec freebsd-iovctl.md §2.4); counters are kept per opcode. */
#define SRIOVD_MBX_OPCODES 64

/* Per-VF counters; `present` says which fields the backend knows. */
enum sriovd_vf_stat {
	SRIOVD_STAT_RX_BYTES,
	SRIOVD_STAT_TX_BYTES,
	SRIOVD_STAT_RX_PACKETS,
	SRIOVD_STAT_TX_PACKETS,
	SRIOVD_STAT_RX_BROADCAST,
	SRIOVD_STAT_RX_MULTICAST,
	SRIOVD_STAT_RX_DROPPED,
	SRIOVD_STAT_TX_DROPPED,
	SRIOVD_STAT_TX_ERRORS,
	SRIOVD_STAT_SPOOF_DROPPED,
	SRIOVD_STAT_MDD_EVENTS,
	SRIOVD_STAT_RESETS,
	SRIOVD_STAT_COUNT,
};

struct sriovd_vf_status {
	uint32_t present;                   /* bit per sriovd_vf_stat, plus the flags below */
	uint64_t stat[SRIOVD_STAT_COUNT];
	bool link_up;                       /* valid with SRIOVD_STATUS_LINK */
	bool active;                        /* a VF driver has opened the mailbox */
	char driver[32];                    /* bound host driver, "" unknown */
	uint32_t api_major, api_minor;      /* virtchnl version the VF negotiated */
	uint64_t mbx_requests[SRIOVD_MBX_OPCODES];
	uint64_t mbx_denied[SRIOVD_MBX_OPCODES];
};

#define SRIOVD_STATUS_LINK    (UINT32_C(1) << 28)
#define SRIOVD_STATUS_ACTIVE  (UINT32_C(1) << 29)
#define SRIOVD_STATUS_MBX     (UINT32_C(1) << 30)
#define SRIOVD_STATUS_API     (UINT32_C(1) << 31)

struct sriovd_backend_ext {
	const char *backend;   /* sriov_backend.name this extends */
	/* Like ops->open but takes over a running PF: no PF reset, no VF
	 * reset, VFs keep their queues; @vf_token is the one in force. */
	int (*adopt)(const char *device, const char *vf_token, void **handle,
		     struct sriov_error *err);
	/* Lets go of the PF but leaves it and its VFs running (no VF disable,
	 * no PF shutdown), for a later adopt(); sriovd's stop uses it instead
	 * of ops->close when present. */
	void (*detach)(void *handle);
	/* Tells the PF the vfio VF token (a UUID string) VF users must give. */
	int (*set_vf_token)(void *handle, const char *vf_token, struct sriov_error *err);
	/* Answers pending VF mailbox messages without blocking, at most
	 * @budget of them; returns how many were served or a negative errno. */
	int (*service)(void *handle, unsigned int budget, struct sriov_error *err);
	/* An fd that polls readable when service() has work, or -1. */
	int (*event_fd)(void *handle);
	/* Status and counters of VF @vf. */
	int (*vf_status)(void *handle, uint16_t vf, struct sriovd_vf_status *st);
	/* Resets one VF (VPGEN_VFRTRIG) and restores its configuration. */
	int (*reset_vf)(void *handle, uint16_t vf, struct sriov_error *err);
	/* "0000:05:02.0" of VF @vf; when NULL sriovd reads sysfs virtfnN. */
	int (*vf_pci_address)(void *handle, uint16_t vf, char *buf, size_t len);
	/* Opcode name for metrics labels ("VIRTCHNL_OP_ADD_ETH_ADDR"), or NULL. */
	const char *(*opcode_name)(unsigned int opcode);
};

/* The extensions a daemon knows, an explicit object like the registry. */
struct sriovd_ext_table {
	const struct sriovd_backend_ext *const *ext;
	size_t n;
};

/* The extension for backend @name, or NULL. */
const struct sriovd_backend_ext *sriovd_ext_find(const struct sriovd_ext_table *t,
						 const char *name);

#endif /* SRIOVD_BACKEND_EXT_H */
