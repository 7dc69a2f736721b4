/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sriovd(8): applies every *.conf of /etc/iov at boot, owns the PFs,
 * answers the VFs' mailboxes and serves the HTTP/JSON API and /metrics.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <sriov/backend.h>

#include "daemon.h"
#include "fd_keeper.h"
#include "fd_store_systemd.h"
#include "options.h"
#include "reconcile.h"
#include "server.h"

/* Most backends a registry holds that sriovd extends from their ops. */
#define SRIOVD_MAX_BACKENDS 16

/* -n: validate and plan, print the plan, apply nothing. */
static int check_only(struct sriovd *d)
{
	struct sriovd_report rep;
	struct sriovd_desired des;
	int rc;

	sriovd_report_init(&rep);
	rc = sriovd_desired_load_dir(d, d->opt.config_dir, &des, &rep);
	if (rc) {
		for (size_t i = 0; i < rep.n; i++)
			fprintf(stderr, "%s: %s\n", rep.item[i].where, rep.item[i].message);
		sriovd_report_fini(&rep);
		return 1;
	}
	for (size_t i = 0; i < des.n; i++) {
		printf("%s (%s, backend %s): %zu change(s)\n", des.pf[i].device, des.pf[i].file,
		       des.pf[i].be->name, des.pf[i].plan->n);
		for (size_t k = 0; k < des.pf[i].plan->n; k++) {
			char line[256];

			sriov_change_format(&des.pf[i].plan->changes[k], line, sizeof(line));
			printf("\t%s\n", line);
		}
	}
	sriovd_desired_free(&des);
	sriovd_report_fini(&rep);
	return 0;
}

/* Every backend's optional ops (backend.h) become its sriovd extension. */
static void ext_from_registry(const struct sriov_registry *reg,
			      struct sriovd_backend_ext ext[SRIOVD_MAX_BACKENDS],
			      const struct sriovd_backend_ext *ptr[SRIOVD_MAX_BACKENDS],
			      struct sriovd_ext_table *t)
{
	t->n = 0;
	t->ext = ptr;
	for (size_t i = 0; i < sriov_registry_count(reg) && t->n < SRIOVD_MAX_BACKENDS; i++) {
		sriovd_ext_from_ops(sriov_registry_at(reg, i), &ext[t->n]);
		ptr[t->n] = &ext[t->n];
		t->n++;
	}
}

int main(int argc, char **argv)
{
	struct sriovd_backend_ext ext[SRIOVD_MAX_BACKENDS];
	const struct sriovd_backend_ext *ext_ptr[SRIOVD_MAX_BACKENDS];
	struct sriovd_ext_table builtin_ext;
	struct sriovd_fd_keeper keeper = { .sock = -1 };
	struct sriovd_fd_store_systemd sdfds = { .n = 0 };
	struct sriovd_options opt;
	struct sriovd_server srv;
	struct sriov_registry *reg;
	struct sriovd d;
	char why[256];
	int rc;

	sriovd_options_default(&opt);
	rc = sriovd_options_parse(&opt, argc, argv);
	if (rc)
		return rc > 0 ? 0 : 2;
	reg = sriov_registry_new();
	if (!reg || sriov_registry_add_builtin(reg)) {
		fprintf(stderr, "sriovd: cannot set up the backend registry\n");
		return 1;
	}
	ext_from_registry(reg, ext, ext_ptr, &builtin_ext);
	sriovd_init(&d, &opt, reg, &builtin_ext);
	if (opt.check_only) {
		rc = check_only(&d);
		sriovd_fini(&d);
		sriov_registry_free(reg);
		return rc;
	}
	/* Before any PF is opened (and before DPDK starts threads): the keeper
	 * is forked from a single-threaded process. */
	if (!opt.state_dir[0] || opt.fd_store == SRIOVD_FD_STORE_NONE)
		sriovd_log(&d, LOG_NOTICE, "%s: PFs cannot be adopted after a restart",
			   opt.state_dir[0] ? "--fd-store=none" : "no state directory");
	else if (opt.fd_store == SRIOVD_FD_STORE_SYSTEMD)
		d.fds = sriovd_fd_store_systemd_open(&sdfds, d.log, d.log_ctx, why, sizeof(why)) == 0
			? &sdfds.store : NULL;
	else if (sriovd_fd_keeper_open(&keeper, opt.state_dir, why, sizeof(why)) == 0)
		d.fds = &keeper.store;
	if (opt.state_dir[0] && opt.fd_store != SRIOVD_FD_STORE_NONE && !d.fds)
		sriovd_log(&d, LOG_WARNING, "%s: PFs cannot be adopted after a restart", why);
	rc = sriovd_server_boot(&srv, &d, true);
	if (rc == 0)
		rc = sriovd_server_run(&srv);
	sriovd_server_fini(&srv);
	sriovd_fini(&d);
	sriovd_fd_keeper_close(&keeper);
	sriovd_fd_store_systemd_close(&sdfds);
	sriov_registry_free(reg);
	return rc ? 1 : 0;
}
