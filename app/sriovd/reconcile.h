/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Desired state -> running state. Loading validates every file and plans
 * every PF before anything is applied (a broken file stops it all); apply
 * then runs the plans in file order and, if one PF fails, undoes the PFs
 * already changed. Boot, SIGHUP and the API all go through here.
 */
#ifndef SRIOVD_RECONCILE_H
#define SRIOVD_RECONCILE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "daemon.h"
#include "report.h"

struct sriovd_desired_pf {
	char *file;
	struct sriov_conf *conf;
	const char *device;                   /* owned by conf */
	const struct sriov_backend *be;
	const struct sriovd_backend_ext *ext;
	size_t pf_index;                      /* in d->pf, or SIZE_MAX: a PF new to us */
	void *new_handle;                     /* opened for a new PF */
	bool adopted;
	char vf_token[SRIOVD_UUID_LEN + 1];
	struct sriov_live *live;              /* before apply */
	struct sriov_plan *plan;
	bool applied;
};

struct sriovd_desired {
	struct sriovd_desired_pf *pf;
	size_t n;
	bool rollback_failed;                 /* after a failed apply: not all undone */
};

/* Every "*.conf" in @dir (sorted); validates and plans all of them. 0, or
 * -EINVAL with every problem in @rep and nothing held open. */
int sriovd_desired_load_dir(struct sriovd *d, const char *dir, struct sriovd_desired *out,
			    struct sriovd_report *rep);
/* One configuration given as text (API apply/plan). */
int sriovd_desired_load_buffer(struct sriovd *d, const char *name, const char *buf, size_t len,
			       struct sriovd_desired *out, struct sriovd_report *rep);
/* Number of changes the plans hold. */
size_t sriovd_desired_changes(const struct sriovd_desired *des);
/* Applies the plans and installs the result in d's PF table (ownership of
 * confs and handles moves to it). 0 or the failing step's errno; on
 * failure the PFs changed before are restored from their previous config. */
int sriovd_desired_apply(struct sriovd *d, struct sriovd_desired *des, struct sriovd_report *rep);
/* Frees what apply did not take; closes handles opened for nothing. */
void sriovd_desired_free(struct sriovd_desired *des);

/* What one reload did: for the API's reply; boot and SIGHUP log it. */
struct sriovd_reload_result {
	struct sriovd_report rep;   /* every problem found, or the failed apply */
	bool validated;             /* the directory was valid: a failure came from applying */
	bool rollback_failed;       /* that failure was not fully undone */
	json_t *plan;               /* the plans as POST /v1/plan shows them; NULL if invalid */
	json_t *released;           /* [{device, file}]: PFs let go because their file left */
	json_t *not_released;       /* [{device, file, error}]: their VFs could not be removed */
};

void sriovd_reload_result_init(struct sriovd_reload_result *res);
void sriovd_reload_result_fini(struct sriovd_reload_result *res);

/* Load the configuration directory, apply, count the result, log; then
 * every PF whose file left it has its VFs deleted and is released (closed:
 * a file naming it later opens it again). 0 or negative errno. Whatever
 * serves mailboxes must be stopped around it (a PF may be closed): callers
 * go through sriovd_server_reload(). */
int sriovd_reload(struct sriovd *d, struct sriovd_reload_result *res);

#endif /* SRIOVD_RECONCILE_H */
