/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include <syslog.h>

#include "k8s_config.h"
#include "persist.h"
#include "state_file.h"

int sriovd_persist(struct sriovd *d)
{
	bool changed;
	int rc, rc2;

	d->generation++;
	rc = sriovd_state_save(d, d->generation);
	if (rc)
		sriovd_log(d, LOG_ERR, "cannot save the state in %s: %s", d->opt.state_dir,
			   strerror(-rc));
	rc2 = sriovd_k8s_config_write(d, &changed);
	if (rc2)
		sriovd_log(d, LOG_ERR, "cannot write %s: %s", d->opt.k8s_config, strerror(-rc2));
	else if (changed)
		sriovd_log(d, LOG_INFO, "rewrote %s", d->opt.k8s_config);
	return rc ? rc : rc2;
}
