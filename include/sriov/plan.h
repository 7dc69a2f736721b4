/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Live state, plans and transactional apply, for every PF backend.
 * read the device -> struct sriov_live; desired (resolved config) vs live ->
 * struct sriov_plan, an ordered list of changes; sriov_apply() runs them,
 * recording each step's undo before it runs, and on the first failure undoes
 * everything done so far in reverse order.
 */
#ifndef SRIOV_PLAN_H
#define SRIOV_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sriov/config.h>
#include <sriov/schema.h>

/* A per-row "fields present" mask has one bit per parameter (spec
 * freebsd-iovctl.md §1.8: unknown must differ from false or 0). */
#define SRIOV_LIVE_MAX_PARAMS 64

/* What a failed step or a failed rollback tells a person. */
struct sriov_error {
	int code;              /* negative errno, 0 = no error */
	char message[256];     /* "add_vsi (0x0210) for VF-2 failed: ENOSPC" */
};

/* Sets @err (when not NULL) and returns @code, so callers can `return`. */
int sriov_error_set(struct sriov_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

struct sriov_live_row {
	uint64_t present;                           /* bit i: v[i] is known */
	union sriov_scalar v[SRIOV_LIVE_MAX_PARAMS]; /* schema order */
};

/* What a backend read from the device. num_vfs is always known. */
struct sriov_live {
	struct sriov_schema schema;
	uint16_t num_vfs;
	uint16_t total_vfs;           /* 0 when unknown */
	size_t n_pf, n_vf;            /* parameters per row */
	struct sriov_live_row pf;
	struct sriov_live_row *vf;    /* num_vfs rows */
	char **strings;               /* copies owned by the live state */
	size_t n_strings;
};

/* A live state with num_vfs rows, nothing present. NULL on ENOMEM or when
 * the schema has more than SRIOV_LIVE_MAX_PARAMS parameters in a section. */
struct sriov_live *sriov_live_new(const struct sriov_schema *schema, uint16_t num_vfs);
void sriov_live_free(struct sriov_live *live);
/* Records parameter @param of the PF or VF @vf (strings are copied).
 * 0, -ERANGE (vf or param out of range) or -ENOMEM. */
int sriov_live_set(struct sriov_live *live, enum sriov_section sec, uint16_t vf, size_t param,
		   const union sriov_scalar *v);
/* The value, or NULL when unknown or out of range. */
const union sriov_scalar *sriov_live_get(const struct sriov_live *live, enum sriov_section sec,
					 uint16_t vf, size_t param);

enum sriov_change_mode {
	SRIOV_CHANGE_LIVE,         /* only the VF (or PF key) concerned is touched */
	SRIOV_CHANGE_DISRUPTIVE,   /* every VF is torn down and recreated */
};

struct sriov_change {
	enum sriov_section section;
	uint16_t vf;                   /* VF-N; 0 for the PF */
	size_t param;                  /* index into the schema section */
	const struct sriov_param *p;
	bool old_present;              /* false: the old value is unknown */
	union sriov_scalar old_value;
	union sriov_scalar new_value;
	bool fresh_vf;                 /* the VF is created by an earlier step */
	enum sriov_change_mode mode;
	char why[96];
};

struct sriov_plan {
	struct sriov_schema schema;
	struct sriov_change *changes;
	size_t n, cap;
};

struct sriov_backend;

/*
 * Plans @want against @live. The backend decides which changes are
 * disruptive (default: num_vfs only). Optional parameters the file leaves
 * unset are not managed. Strings in the plan point into @want and @live,
 * which must outlive it. 0, -EINVAL (schemas differ), -EOPNOTSUPP (the
 * backend cannot make a change; @err names it) or -ENOMEM.
 */
int sriov_plan_build(const struct sriov_backend *be, const struct sriov_resolved *want,
		     const struct sriov_live *live, struct sriov_plan **out,
		     struct sriov_error *err);
/* The plan of -D: num_vfs to 0, disruptive (an empty plan when there are none). */
int sriov_plan_delete(const struct sriov_backend *be, const struct sriov_live *live,
		      struct sriov_plan **out);
void sriov_plan_free(struct sriov_plan *plan);
/* "VF-2 mac-addr: 02:..:01 -> 02:..:02 (live; admin MAC changes)" */
int sriov_change_format(const struct sriov_change *c, char *buf, size_t len);

struct sriov_apply_result {
	size_t steps_done;         /* steps that succeeded before the failure */
	bool failed;
	size_t failed_step;        /* index into the plan when failed */
	struct sriov_error error;  /* why that step (or the commit) failed */
	bool commit_failed;        /* every step ran; the backend's commit failed */
	size_t undo_failures;      /* rollback steps that failed or were impossible */
	struct sriov_error undo_error;   /* the first of them */
};

/*
 * Runs @plan on the device behind @handle. Before each step its undo is
 * recorded from @live (a disruptive num_vfs step's undo restores the old
 * count and every known value of the old VFs). On the first failure every
 * step done is undone in reverse order. 0 when every step and the commit
 * succeeded; otherwise the failed step's error, with @res saying which.
 */
int sriov_apply(const struct sriov_backend *be, void *handle, const struct sriov_plan *plan,
		const struct sriov_live *live, struct sriov_apply_result *res);

#endif /* SRIOV_PLAN_H */
