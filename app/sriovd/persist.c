/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "atomic_file.h"
#include "k8s_config.h"
#include "persist.h"
#include "state_file.h"

/* The udev rule (dist/60-sriovd.rules) reads which PFs are ours from
 * "pfs" beside the API socket, one name a line. */
static int write_pf_list(const struct sriovd *d)
{
	char path[PATH_MAX], *text = NULL, *slash;
	size_t len = 0;
	FILE *f;
	int rc;

	if (snprintf(path, sizeof(path), "%s", d->opt.socket_path) >= (int)sizeof(path) ||
	    !(slash = strrchr(path, '/')))
		return -ENAMETOOLONG;
	snprintf(slash + 1, sizeof(path) - (size_t)(slash + 1 - path), "pfs");
	f = open_memstream(&text, &len);
	if (!f)
		return -ENOMEM;
	for (size_t i = 0; i < d->n_pf; i++)
		fprintf(f, "%s\n", d->pf[i].device);
	if (fclose(f))
		return -ENOMEM;
	rc = sriovd_atomic_write(path, text, len, 0644, NULL);
	free(text);
	return rc;
}

int sriovd_persist(struct sriovd *d)
{
	bool changed;
	int rc, rc2;

	d->generation++;
	rc = sriovd_state_save(d, d->generation);
	if (rc)
		sriovd_log(d, LOG_ERR, "cannot save the state in %s: %s", d->opt.state_dir,
			   strerror(-rc));
	if ((rc2 = write_pf_list(d)))
		sriovd_log(d, LOG_WARNING, "cannot write the PF list for udev: %s", strerror(-rc2));
	rc2 = sriovd_k8s_config_write(d, &changed);
	if (rc2)
		sriovd_log(d, LOG_ERR, "cannot write %s: %s", d->opt.k8s_config, strerror(-rc2));
	else if (changed)
		sriovd_log(d, LOG_INFO, "rewrote %s", d->opt.k8s_config);
	return rc ? rc : rc2;
}
