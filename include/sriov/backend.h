/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PF backends and their registry. A backend publishes its schema under a
 * driver name and, when it can reach devices, the ops below: open a PF by
 * name, read its live state, classify and apply one change at a time (the
 * backend-neutral planner and sriov_apply() in plan.h drive them), and,
 * for a userspace PF, serve the VFs' mailboxes. A registry is an explicit
 * object: no global list.
 */
#ifndef SRIOV_BACKEND_H
#define SRIOV_BACKEND_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sriov/plan.h>
#include <sriov/schema.h>

/* open() flags. Without SRIOV_OPEN_APPLY a backend only looks (-n, -S). */
#define SRIOV_OPEN_APPLY   0x1u   /* the caller will apply: take the device */
#define SRIOV_OPEN_VERBOSE 0x2u   /* say what the layers below do */

/*
 * Where file descriptors outlive the process that made them (systemd's fd
 * store, or a keeper process): a userspace PF keeps there the memory its
 * device keeps DMA-ing into (the HMC), so a successor can adopt the PF.
 */
struct sriov_fd_store {
	/* A new descriptor for the fd kept under @name, or -ENOENT. */
	int (*fetch)(void *ctx, const char *name);
	/* Keeps a duplicate of @fd under @name (replacing any); 0 or -errno. */
	int (*keep)(void *ctx, const char *name, int fd);
	/* Forgets @name; what it held goes once nobody else holds it. */
	void (*drop)(void *ctx, const char *name);
	void *ctx;
};

/* What open_ex() takes beyond the device name. */
struct sriov_open_args {
	unsigned int flags;                 /* SRIOV_OPEN_* */
	const struct sriov_fd_store *fds;   /* NULL: nothing outlives this process */
	/* Take over the running PF: no PF reset, no VF reset, VFs keep their
	 * queues and sessions. @applied: the values last applied (rows, as
	 * read_live gives them), which the device cannot tell. */
	bool adopt;
	const struct sriov_live *applied;
	const char *vf_token;               /* the vfio VF token in force, or NULL */
};

/* Per-VF status (vf_status); `present` has a bit per sriov_vf_stat and
 * the SRIOV_STATUS_* flags for what the backend knows. */
#define SRIOV_MBX_OPCODES 64            /* virtchnl opcodes counted one by one */
enum sriov_vf_stat {
	SRIOV_STAT_RX_BYTES,
	SRIOV_STAT_TX_BYTES,
	SRIOV_STAT_RX_PACKETS,
	SRIOV_STAT_TX_PACKETS,
	SRIOV_STAT_RX_BROADCAST,
	SRIOV_STAT_RX_MULTICAST,
	SRIOV_STAT_RX_DROPPED,
	SRIOV_STAT_TX_DROPPED,
	SRIOV_STAT_TX_ERRORS,
	SRIOV_STAT_SPOOF_DROPPED,
	SRIOV_STAT_MDD_EVENTS,
	SRIOV_STAT_RESETS,
	SRIOV_STAT_COUNT,
};

#define SRIOV_STATUS_LINK    (UINT32_C(1) << 28)
#define SRIOV_STATUS_ACTIVE  (UINT32_C(1) << 29)
#define SRIOV_STATUS_MBX     (UINT32_C(1) << 30)
#define SRIOV_STATUS_API     (UINT32_C(1) << 31)

struct sriov_vf_status {
	uint32_t present;
	uint64_t stat[SRIOV_STAT_COUNT];
	bool link_up;                       /* SRIOV_STATUS_LINK */
	bool active;                        /* SRIOV_STATUS_ACTIVE: a VF driver opened the mailbox */
	char driver[32];                    /* bound host driver, "" unknown */
	uint32_t api_major, api_minor;      /* SRIOV_STATUS_API: virtchnl version negotiated */
	uint64_t mbx_requests[SRIOV_MBX_OPCODES];   /* SRIOV_STATUS_MBX */
	uint64_t mbx_denied[SRIOV_MBX_OPCODES];
};

/* Every op returns 0 or a negative errno and fills @err when not NULL.
 * Ops after `serve` are optional (NULL) for every backend: a daemon uses
 * them when present and says what is missing otherwise. */
struct sriov_backend_ops {
	/* Finds the PF named @device (PCI address, interface, ixl0) and opens
	 * it: -ENODEV when no such PF, -ENOTSUP when it is not this backend's,
	 * -EBUSY when another process owns it. */
	int (*open)(const char *device, unsigned int flags, void **handle,
		    struct sriov_error *err);
	void (*close)(void *handle);
	/* Reads num_vfs and every per-VF value the backend can know. */
	int (*read_live)(void *handle, const struct sriov_schema *schema, struct sriov_live **out,
			 struct sriov_error *err);
	/* Live or disruptive (a sriov_change_mode), or -EOPNOTSUPP; NULL:
	 * num_vfs is disruptive, everything else live. */
	int (*change_mode)(const struct sriov_change *c);
	/* Applies one change. A failing call must leave that key as it was. */
	int (*apply_change)(void *handle, const struct sriov_change *c, struct sriov_error *err);
	/* After the last step (or after a rollback): make the result visible,
	 * e.g. mark VFs active. May be NULL. */
	int (*commit)(void *handle, struct sriov_error *err);
	/* One line about the device for people ("0000:01:00.0: X710 10GbE SFP+"). */
	int (*describe)(void *handle, char *buf, size_t len);
	/* Userspace PFs: serve the VFs until *stop is set. NULL: nothing to serve. */
	int (*serve)(void *handle, volatile sig_atomic_t *stop, struct sriov_error *err);

	/* open() with daemon services: an fd store, and adoption of a PF a
	 * previous owner left running (-ESTALE when what is found does not
	 * match @a->applied; nothing is touched then). */
	int (*open_ex)(const char *device, const struct sriov_open_args *a, void **handle,
		       struct sriov_error *err);
	/* Lets go of the PF, leaving it and its VFs running for a later
	 * adopt, and frees the handle (close() would shut the PF down). */
	void (*detach)(void *handle);
	/* The vfio VF token (UUID text) VF users must present. */
	int (*set_vf_token)(void *handle, const char *vf_token, struct sriov_error *err);
	/* Serves pending VF mailbox messages and device events without ever
	 * blocking, at most @budget messages: how many, or a negative errno. */
	int (*service)(void *handle, unsigned int budget, struct sriov_error *err);
	/* An fd that polls readable when service() has work, or -1: then call
	 * service() every few milliseconds (iavf polls its mailbox at 50 ms). */
	int (*event_fd)(void *handle);
	/* Status and counters of VF @vf. */
	int (*vf_status)(void *handle, uint16_t vf, struct sriov_vf_status *st);
	/* Called around a series of vf_status calls for one report (@begin
	 * true before the first, false after the last); a backend may take one
	 * snapshot for the pass. Passes may nest. NULL: every call stands alone. */
	int (*status_pass)(void *handle, bool begin);
	/* Resets one VF and restores its configuration. */
	int (*reset_vf)(void *handle, uint16_t vf, struct sriov_error *err);
	/* Name of a mailbox opcode ("VIRTCHNL_OP_ADD_ETH_ADDR"), or NULL. */
	const char *(*opcode_name)(unsigned int opcode);
};

struct sriov_backend {
	const char *name;                        /* "x710": what --driver takes */
	const char *description;
	const struct sriov_driver_schema *schema;
	const struct sriov_backend_ops *ops;     /* NULL: schema only */
};

struct sriov_registry;

struct sriov_registry *sriov_registry_new(void);
void sriov_registry_free(struct sriov_registry *reg);
/* Adds a backend after checking its schema: 0, -EEXIST, -EINVAL, -ENOMEM. */
int sriov_registry_add(struct sriov_registry *reg, const struct sriov_backend *be);
/* Adds every backend built into libsriov. */
int sriov_registry_add_builtin(struct sriov_registry *reg);
/* Case-insensitive lookup by name; NULL when unknown. */
const struct sriov_backend *sriov_registry_find(const struct sriov_registry *reg,
						const char *name);
size_t sriov_registry_count(const struct sriov_registry *reg);
const struct sriov_backend *sriov_registry_at(const struct sriov_registry *reg, size_t i);

#endif /* SRIOV_BACKEND_H */
