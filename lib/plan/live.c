/* SPDX-License-Identifier: BSD-2-Clause */
/* The live state a backend reads from a device, with a "present" bit per value. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sriov/plan.h>

int sriov_error_set(struct sriov_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

struct sriov_live *sriov_live_new(const struct sriov_schema *schema, uint16_t num_vfs)
{
	size_t n_pf = sriov_schema_count(schema, SRIOV_SECTION_PF);
	size_t n_vf = sriov_schema_count(schema, SRIOV_SECTION_VF);
	struct sriov_live *live;

	if (n_pf > SRIOV_LIVE_MAX_PARAMS || n_vf > SRIOV_LIVE_MAX_PARAMS)
		return NULL;
	live = calloc(1, sizeof(*live));
	if (!live)
		return NULL;
	live->schema = *schema;
	live->num_vfs = num_vfs;
	live->n_pf = n_pf;
	live->n_vf = n_vf;
	if (num_vfs) {
		live->vf = calloc(num_vfs, sizeof(*live->vf));
		if (!live->vf) {
			free(live);
			return NULL;
		}
	}
	return live;
}

void sriov_live_free(struct sriov_live *live)
{
	if (!live)
		return;
	for (size_t i = 0; i < live->n_strings; i++)
		free(live->strings[i]);
	free(live->strings);
	free(live->vf);
	free(live);
}

static struct sriov_live_row *row_of(const struct sriov_live *live, enum sriov_section sec,
				     uint16_t vf, size_t param)
{
	if (sec == SRIOV_SECTION_PF)
		return param < live->n_pf ? (struct sriov_live_row *)&live->pf : NULL;
	if (vf >= live->num_vfs || param >= live->n_vf)
		return NULL;
	return &live->vf[vf];
}

/* Keeps a copy of a string value so the state owns what it shows. */
static int own_string(struct sriov_live *live, const char *s, const char **copy)
{
	char **v = realloc(live->strings, (live->n_strings + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	live->strings = v;
	v[live->n_strings] = strdup(s ? s : "");
	if (!v[live->n_strings])
		return -ENOMEM;
	*copy = v[live->n_strings++];
	return 0;
}

int sriov_live_set(struct sriov_live *live, enum sriov_section sec, uint16_t vf, size_t param,
		   const union sriov_scalar *v)
{
	struct sriov_live_row *row = row_of(live, sec, vf, param);
	const struct sriov_param *p = sriov_schema_param(&live->schema, sec, param);

	if (!row || !p)
		return -ERANGE;
	row->v[param] = *v;
	if (p->type == SRIOV_TYPE_STRING) {
		int rc = own_string(live, v->s, &row->v[param].s);

		if (rc)
			return rc;
	}
	row->present |= UINT64_C(1) << param;
	return 0;
}

const union sriov_scalar *sriov_live_get(const struct sriov_live *live, enum sriov_section sec,
					 uint16_t vf, size_t param)
{
	const struct sriov_live_row *row = row_of(live, sec, vf, param);

	if (!row || !(row->present & (UINT64_C(1) << param)))
		return NULL;
	return &row->v[param];
}
