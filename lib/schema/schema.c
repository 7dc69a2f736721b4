/* SPDX-License-Identifier: BSD-2-Clause */
/* Lookup, checking and printing over generic + driver parameter tables. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sriov/schema.h>

#include "generic_schema.h"

struct type_info {
	const char *name;     /* iovctl's TYPE string */
	uint64_t max;         /* uint types: the largest value */
};

static const struct type_info type_table[] = {
	[SRIOV_TYPE_BOOL] = { "bool", 0 },
	[SRIOV_TYPE_STRING] = { "string", 0 },
	[SRIOV_TYPE_UINT8] = { "uint8_t", UINT8_MAX },
	[SRIOV_TYPE_UINT16] = { "uint16_t", UINT16_MAX },
	[SRIOV_TYPE_UINT32] = { "uint32_t", UINT32_MAX },
	[SRIOV_TYPE_UINT64] = { "uint64_t", UINT64_MAX },
	[SRIOV_TYPE_UNICAST_MAC] = { "unicast-mac", 0 },
	[SRIOV_TYPE_VLAN] = { "vlan", 0 },
	[SRIOV_TYPE_ENUM] = { "enum", 0 },
};

const char *sriov_type_name(enum sriov_type type)
{
	if ((size_t)type >= sizeof(type_table) / sizeof(type_table[0]))
		return "?";
	return type_table[type].name;
}

void sriov_param_range(const struct sriov_param *p, uint64_t *min, uint64_t *max)
{
	uint64_t type_max = type_table[p->type].max;

	if (p->min == 0 && p->max == 0) {
		*min = 0;
		*max = type_max;
	} else {
		*min = p->min;
		*max = p->max < type_max ? p->max : type_max;
	}
}

size_t sriov_schema_generic_count(enum sriov_section sec)
{
	return sriov_generic_schema[sec].count;
}

size_t sriov_schema_count(const struct sriov_schema *schema, enum sriov_section sec)
{
	size_t n = sriov_generic_schema[sec].count;

	if (schema->driver)
		n += schema->driver->section[sec].count;
	return n;
}

const struct sriov_param *sriov_schema_param(const struct sriov_schema *schema,
					     enum sriov_section sec, size_t i)
{
	const struct sriov_param_table *g = &sriov_generic_schema[sec];

	if (i < g->count)
		return &g->params[i];
	i -= g->count;
	if (schema->driver && i < schema->driver->section[sec].count)
		return &schema->driver->section[sec].params[i];
	return NULL;
}

int sriov_schema_find(const struct sriov_schema *schema, enum sriov_section sec,
		      const char *name)
{
	size_t n = sriov_schema_count(schema, sec);

	for (size_t i = 0; i < n; i++)
		if (strcasecmp(sriov_schema_param(schema, sec, i)->name, name) == 0)
			return (int)i;
	return -ENOENT;
}

static size_t enum_count(const struct sriov_param *p)
{
	size_t n = 0;

	while (p->enum_names && p->enum_names[n])
		n++;
	return n;
}

static int check_param(const struct sriov_param *p, const struct sriov_param_table *generic,
		       const struct sriov_param_table *own, size_t index, char *why, size_t why_len)
{
	uint64_t min, max;

	if (!p->name || !p->name[0] || (size_t)p->type >= sizeof(type_table) / sizeof(type_table[0])) {
		snprintf(why, why_len, "parameter %zu has no name or an unknown type", index);
		return -EINVAL;
	}
	for (size_t g = 0; g < generic->count; g++)
		if (strcasecmp(generic->params[g].name, p->name) == 0) {
			snprintf(why, why_len, "driver key '%s' collides with a generic key", p->name);
			return -EINVAL;
		}
	for (size_t j = 0; j < index; j++)
		if (strcasecmp(own->params[j].name, p->name) == 0) {
			snprintf(why, why_len, "key '%s' is defined twice", p->name);
			return -EINVAL;
		}
	if (p->type == SRIOV_TYPE_ENUM && enum_count(p) == 0) {
		snprintf(why, why_len, "enum key '%s' has no values", p->name);
		return -EINVAL;
	}
	if (p->presence != SRIOV_PARAM_HAS_DEFAULT)
		return 0;
	switch (p->type) {
	case SRIOV_TYPE_UINT8: case SRIOV_TYPE_UINT16:
	case SRIOV_TYPE_UINT32: case SRIOV_TYPE_UINT64:
		sriov_param_range(p, &min, &max);
		if (min > max || p->def.u < min || p->def.u > max) {
			snprintf(why, why_len, "default of '%s' is outside %" PRIu64 "..%" PRIu64,
				 p->name, min, max);
			return -EINVAL;
		}
		break;
	case SRIOV_TYPE_ENUM:
		if (p->def.enum_index >= enum_count(p)) {
			snprintf(why, why_len, "default of enum key '%s' is not one of its values", p->name);
			return -EINVAL;
		}
		break;
	case SRIOV_TYPE_STRING:
		if (!p->def.s) {
			snprintf(why, why_len, "string key '%s' has a NULL default", p->name);
			return -EINVAL;
		}
		break;
	case SRIOV_TYPE_VLAN:
		if (!p->def.vlan.trunk && p->def.vlan.id > SRIOV_VLAN_ID_MAX) {
			snprintf(why, why_len, "default VLAN of '%s' is above %d", p->name, SRIOV_VLAN_ID_MAX);
			return -EINVAL;
		}
		break;
	default:
		break;
	}
	return 0;
}

int sriov_driver_schema_check(const struct sriov_driver_schema *drv, char *why, size_t why_len)
{
	if (!drv || !drv->driver || !drv->driver[0]) {
		snprintf(why, why_len, "schema has no driver name");
		return -EINVAL;
	}
	for (int sec = 0; sec < SRIOV_SECTION_COUNT; sec++) {
		const struct sriov_param_table *t = &drv->section[sec];

		for (size_t i = 0; i < t->count; i++) {
			int rc = check_param(&t->params[i], &sriov_generic_schema[sec], t, i, why, why_len);

			if (rc)
				return rc;
		}
	}
	return 0;
}

int sriov_scalar_format(const struct sriov_param *p, const union sriov_scalar *v,
			char *buf, size_t len)
{
	int n;

	switch (p->type) {
	case SRIOV_TYPE_BOOL:
		n = snprintf(buf, len, "%s", v->b ? "true" : "false");
		break;
	case SRIOV_TYPE_STRING:
		n = snprintf(buf, len, "%s", v->s ? v->s : "");
		break;
	case SRIOV_TYPE_UNICAST_MAC:
		n = snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", v->mac[0], v->mac[1],
			     v->mac[2], v->mac[3], v->mac[4], v->mac[5]);
		break;
	case SRIOV_TYPE_VLAN:
		n = v->vlan.trunk ? snprintf(buf, len, "trunk") : snprintf(buf, len, "%u", v->vlan.id);
		break;
	case SRIOV_TYPE_ENUM:
		n = v->enum_index < enum_count(p) ? snprintf(buf, len, "%s", p->enum_names[v->enum_index])
						  : snprintf(buf, len, "?");
		break;
	default:
		n = snprintf(buf, len, "%" PRIu64, v->u);
		break;
	}
	return (n < 0 || (size_t)n >= len) ? -ENOSPC : 0;
}
