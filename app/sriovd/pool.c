/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "uuid.h"

static void default_pool(const struct sriovd_pf *pf, struct sriovd_pool *p)
{
	size_t j = 0;

	memset(p, 0, sizeof(*p));
	j = (size_t)snprintf(p->name, sizeof(p->name), "pf_");
	for (const char *s = pf->device; *s && j + 1 < sizeof(p->name); s++)
		p->name[j++] = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			       (*s >= '0' && *s <= '9') ? *s : '_';
	p->name[j] = '\0';
	snprintf(p->device, sizeof(p->device), "%s", pf->device);
	p->first = 0;
	p->last = (uint16_t)(pf->want->num_vfs - 1);
	snprintf(p->driver, sizeof(p->driver), "vfio-pci");
}

size_t sriovd_pools(const struct sriovd *d, struct sriovd_pool *out, size_t max)
{
	size_t n = 0;

	if (d->opt.n_pool == 0) {
		for (size_t i = 0; i < d->n_pf && n < max; i++)
			if (d->pf[i].want && d->pf[i].want->num_vfs)
				default_pool(&d->pf[i], &out[n++]);
		return n;
	}
	for (size_t i = 0; i < d->opt.n_pool && n < max; i++) {
		const struct sriovd_pool *p = &d->opt.pool[i];
		const struct sriovd_pf *pf = sriovd_pf_find((struct sriovd *)d, p->device);

		if (!pf || !pf->want || p->first >= pf->want->num_vfs)
			continue;
		out[n] = *p;
		if (out[n].last >= pf->want->num_vfs)
			out[n].last = (uint16_t)(pf->want->num_vfs - 1);
		n++;
	}
	return n;
}

static bool leased(const struct sriovd *d, const char *pf, uint16_t vf)
{
	for (size_t i = 0; i < d->n_lease; i++)
		if (d->lease[i].vf == vf && strcmp(d->lease[i].pf, pf) == 0)
			return true;
	return false;
}

int sriovd_lease_claim(struct sriovd *d, const char *pool, uid_t uid, struct sriovd_lease *out)
{
	struct sriovd_pool pools[SRIOVD_MAX_POOLS > 64 ? SRIOVD_MAX_POOLS : 64];
	size_t n = sriovd_pools(d, pools, sizeof(pools) / sizeof(pools[0]));

	for (size_t i = 0; i < n; i++) {
		struct sriovd_lease *v;

		if (strcmp(pools[i].name, pool) != 0)
			continue;
		for (uint32_t vf = pools[i].first; vf <= pools[i].last; vf++) {
			if (leased(d, pools[i].device, (uint16_t)vf))
				continue;
			v = realloc(d->lease, (d->n_lease + 1) * sizeof(*v));
			if (!v)
				return -ENOMEM;
			d->lease = v;
			memset(out, 0, sizeof(*out));
			if (sriovd_uuid_random(out->id, sizeof(out->id)))
				return -EIO;
			snprintf(out->pool, sizeof(out->pool), "%s", pool);
			snprintf(out->pf, sizeof(out->pf), "%s", pools[i].device);
			out->vf = (uint16_t)vf;
			out->uid = uid;
			d->lease[d->n_lease++] = *out;
			return 0;
		}
		return -EBUSY;
	}
	return -ENOENT;
}

int sriovd_lease_release(struct sriovd *d, const char *id, uid_t uid)
{
	for (size_t i = 0; i < d->n_lease; i++) {
		if (strcmp(d->lease[i].id, id) != 0)
			continue;
		if (uid != 0 && uid != d->lease[i].uid)
			return -EPERM;
		d->lease[i] = d->lease[--d->n_lease];
		return 0;
	}
	return -ENOENT;
}
