/* SPDX-License-Identifier: BSD-2-Clause */
/* The daemon object: PF table lookups, logging and VF addresses. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>
#include <unistd.h>

#include "daemon.h"

const struct sriovd_backend_ext *sriovd_ext_find(const struct sriovd_ext_table *t,
						 const char *name)
{
	for (size_t i = 0; t && name && i < t->n; i++)
		if (strcasecmp(t->ext[i]->backend, name) == 0)
			return t->ext[i];
	return NULL;
}

void sriovd_ext_from_ops(const struct sriov_backend *be, struct sriovd_backend_ext *out)
{
	const struct sriov_backend_ops *o = be->ops;

	*out = (struct sriovd_backend_ext){ .backend = be->name };
	if (!o)
		return;
	out->open_ex = o->open_ex;
	out->detach = o->detach;
	out->set_vf_token = o->set_vf_token;
	out->service = o->service;
	out->event_fd = o->event_fd;
	out->vf_status = o->vf_status;
	out->status_pass = o->status_pass;
	out->reset_vf = o->reset_vf;
	out->opcode_name = o->opcode_name;
}

static void log_stderr(void *ctx, int prio, const char *line)
{
	(void)ctx;
	/* sd-daemon(3) prefixes: journald turns "<3>" into priority 3. */
	fprintf(stderr, "<%d>%s\n", prio, line);
}

int sriovd_init(struct sriovd *d, const struct sriovd_options *opt,
		const struct sriov_registry *reg, const struct sriovd_ext_table *ext)
{
	memset(d, 0, sizeof(*d));
	d->opt = *opt;
	d->reg = reg;
	d->ext = ext;
	d->log = log_stderr;
	d->open_flags = opt->check_only ? 0 : SRIOV_OPEN_APPLY;
	return 0;
}

void sriovd_fini(struct sriovd *d)
{
	for (size_t i = 0; i < d->n_pf; i++) {
		struct sriovd_pf *pf = &d->pf[i];

		/* Detached, the device keeps DMA-ing into memory only the fd
		 * store keeps alive: --on-stop=close where a stop empties it. */
		if (pf->handle && pf->ext && pf->ext->detach && d->opt.on_stop == SRIOVD_STOP_DETACH)
			pf->ext->detach(pf->handle);
		else if (pf->handle && pf->be->ops->close)
			pf->be->ops->close(pf->handle);
		sriov_conf_free(pf->conf);
		free(pf->device);
		free(pf->file);
	}
	free(d->pf);
	free(d->lease);
	d->pf = NULL;
	d->lease = NULL;
	d->n_pf = d->n_lease = 0;
}

void sriovd_log(const struct sriovd *d, int prio, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (d->log)
		d->log(d->log_ctx, prio, line);
}

void sriovd_quiesce(struct sriovd *d, bool pause)
{
	if (d->quiesce)
		d->quiesce(d->quiesce_ctx, pause);
}

void sriovd_status_pass(const struct sriovd_pf *pf, bool begin)
{
	/* A pass that cannot open only costs the backend a snapshot per call. */
	if (pf->ext && pf->ext->vf_status && pf->ext->status_pass)
		(void)pf->ext->status_pass(pf->handle, begin);
}

struct sriovd_pf *sriovd_pf_find(struct sriovd *d, const char *device)
{
	for (size_t i = 0; device && i < d->n_pf; i++)
		if (strcmp(d->pf[i].device, device) == 0)
			return &d->pf[i];
	return NULL;
}

int sriovd_pf_live(const struct sriovd_pf *pf, struct sriov_live **out, struct sriov_error *err)
{
	struct sriov_schema schema = { pf->be->schema };

	*out = NULL;
	if (!pf->be->ops || !pf->be->ops->read_live)
		return sriov_error_set(err, -EOPNOTSUPP, "backend %s cannot read live state",
				       pf->be->name);
	return pf->be->ops->read_live(pf->handle, &schema, out, err);
}

/* Linux names VF n of a PF by the symlink <pf>/virtfn<n> (sysfs-bus-pci). */
static int sysfs_vf_address(const char *devices, const char *pf, uint16_t vf, char *buf, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;

	if (snprintf(path, sizeof(path), "%s/%s/virtfn%u", devices, pf, vf) >=
	    (int)sizeof(path))
		return -ENAMETOOLONG;
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return -ENOENT;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (snprintf(buf, len, "%s", base) >= (int)len)
		return -ENOSPC;
	return 0;
}

int sriovd_vf_pci_address(const struct sriovd *d, const struct sriovd_pf *pf, uint16_t vf,
			  char *buf, size_t len)
{
	if (pf->ext && pf->ext->vf_pci_address && pf->handle)
		return pf->ext->vf_pci_address(pf->handle, vf, buf, len);
	return sysfs_vf_address(d->opt.pci_devices, pf->device, vf, buf, len);
}
