/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The daemon's state: the PFs it owns (one backend handle each, the
 * configuration last applied), pools and leases, and what it counts.
 * Everything the event loop, the API and the tests touch lives here;
 * there is no global.
 */
#ifndef SRIOVD_DAEMON_H
#define SRIOVD_DAEMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <sriov/backend.h>
#include <sriov/config.h>
#include <sriov/plan.h>

#include "backend_ext.h"
#include "options.h"
#include "report.h"

/* RFC 4122 text form: 36 characters. */
#define SRIOVD_UUID_LEN 36

struct sriovd_pf {
	char *device;                        /* PF.device as the file spells it */
	char *file;                          /* the file it was configured from */
	const struct sriov_backend *be;
	const struct sriovd_backend_ext *ext; /* NULL: none */
	void *handle;
	struct sriov_conf *conf;             /* owns `want`'s strings; NULL: unmanaged */
	const struct sriov_resolved *want;
	char vf_token[SRIOVD_UUID_LEN + 1];
	bool adopted;                        /* taken over from a previous sriovd */
	uint64_t served;                     /* mailbox messages answered */
};

struct sriovd_state;
struct sriovd_reload_result;

struct sriovd_lease {
	char id[SRIOVD_UUID_LEN + 1];
	char pool[SRIOVD_NAME_MAX];
	char pf[SRIOVD_NAME_MAX];
	uint16_t vf;
	uid_t uid;                           /* who claimed it */
};

/* sriovd_apply_total{result}: the label values, in order. */
enum sriovd_apply_result {
	SRIOVD_APPLY_SUCCESS,
	SRIOVD_APPLY_NOOP,
	SRIOVD_APPLY_INVALID,
	SRIOVD_APPLY_FAILED,
	SRIOVD_APPLY_ROLLED_BACK,
	SRIOVD_APPLY_RESULTS,
};

struct sriovd_counters {
	uint64_t apply[SRIOVD_APPLY_RESULTS];
	double last_apply_time;              /* Unix seconds of the last success */
	uint64_t api_requests;
	uint64_t api_rejected;
	uint64_t service_errors;
	uint64_t drift_items;                /* values found changed behind our back at adoption */
};

struct sriovd {
	struct sriovd_options opt;
	const struct sriov_registry *reg;
	const struct sriovd_ext_table *ext;
	struct sriovd_pf *pf;
	size_t n_pf;
	struct sriovd_lease *lease;
	size_t n_lease;
	struct sriovd_counters count;
	bool ready;                          /* READY=1 was sent */
	uint64_t generation;
	unsigned int open_flags;             /* SRIOV_OPEN_APPLY unless only checking */
	/* Where PF memory outlives sriovd for the next one to adopt (fd_keeper.h); NULL: none. */
	const struct sriov_fd_store *fds;
	/* The state file read at start: adopt these PFs, reuse their tokens. */
	const struct sriovd_state *prev;
	/* Tells the service manager (sd_notify); tests record the calls. */
	int (*notify)(void *ctx, const char *state);
	void *notify_ctx;
	/* Pauses (true) and resumes whatever serves mailboxes behind the
	 * loop's back (serve_thread.h) around every backend call; may be NULL. */
	void (*quiesce)(void *ctx, bool pause);
	void *quiesce_ctx;
	/* A PF joined the table (API apply): the server starts serving it,
	 * outside any quiesce window. Uses quiesce_ctx. */
	bool pf_table_changed;
	void (*pf_table_resync)(void *ctx);
	/* The one reload (SIGHUP and POST /v1/reload): stops whatever serves
	 * mailboxes, reloads, serves the PFs the table then holds. Uses
	 * quiesce_ctx; NULL before the server runs. */
	int (*reload)(void *ctx, struct sriovd_reload_result *res);
	/* Where log lines go (stderr, journald reads it). */
	void (*log)(void *ctx, int prio, const char *line);
	void *log_ctx;
};

/* A daemon with @opt (copied), backends from @reg and extensions from
 * @ext (both borrowed). Sends nothing, opens nothing. */
int sriovd_init(struct sriovd *d, const struct sriovd_options *opt,
		const struct sriov_registry *reg, const struct sriovd_ext_table *ext);
/* Lets go of every PF: ext->detach when the backend has it (the VFs keep
 * running for the next sriovd to adopt), else ops->close. */
void sriovd_fini(struct sriovd *d);

/* Logs one line at syslog priority @prio (printf format). */
void sriovd_log(const struct sriovd *d, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Calls d->quiesce when set. */
void sriovd_quiesce(struct sriovd *d, bool pause);

/* Opens (@begin) or closes a status pass on the PF's backend around the
 * vf_status calls of one report, when it has the op. */
void sriovd_status_pass(const struct sriovd_pf *pf, bool begin);

/* The PF configured as @device (exact spelling), or NULL. */
struct sriovd_pf *sriovd_pf_find(struct sriovd *d, const char *device);
/* Reads the PF's live state; the caller frees it. */
int sriovd_pf_live(const struct sriovd_pf *pf, struct sriov_live **out, struct sriov_error *err);
/* PCI address of VF @vf via the backend or sysfs; -ENOENT when unknown. */
int sriovd_vf_pci_address(const struct sriovd *d, const struct sriovd_pf *pf, uint16_t vf,
			  char *buf, size_t len);

#endif /* SRIOVD_DAEMON_H */
