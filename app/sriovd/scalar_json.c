/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <strings.h>

#include "scalar_json.h"

/* IEEE 802: bit 0 of the first octet marks a group (multicast) address. */
#define MAC_GROUP_BIT 0x01

json_t *sriovd_scalar_to_json(const struct sriov_param *p, const union sriov_scalar *v)
{
	char buf[32];

	switch (p->type) {
	case SRIOV_TYPE_BOOL:
		return json_boolean(v->b);
	case SRIOV_TYPE_STRING:
		return json_string(v->s ? v->s : "");
	case SRIOV_TYPE_UINT8:
	case SRIOV_TYPE_UINT16:
	case SRIOV_TYPE_UINT32:
	case SRIOV_TYPE_UINT64:
		/* JSON integers in jansson are signed 64-bit: larger ones as text. */
		if (v->u > (uint64_t)INT64_MAX) {
			snprintf(buf, sizeof(buf), "%" PRIu64, v->u);
			return json_string(buf);
		}
		return json_integer((json_int_t)v->u);
	case SRIOV_TYPE_VLAN:
		return v->vlan.trunk ? json_string("trunk") : json_integer(v->vlan.id);
	case SRIOV_TYPE_UNICAST_MAC:
	case SRIOV_TYPE_ENUM:
		if (sriov_scalar_format(p, v, buf, sizeof(buf)))
			return NULL;
		return json_string(buf);
	}
	return NULL;
}

void sriovd_scalar_json_type(const struct sriov_param *p, char *buf, size_t len)
{
	uint64_t lo, hi;

	switch (p->type) {
	case SRIOV_TYPE_BOOL: snprintf(buf, len, "a boolean"); return;
	case SRIOV_TYPE_STRING: snprintf(buf, len, "a string"); return;
	case SRIOV_TYPE_UNICAST_MAC:
		snprintf(buf, len, "a unicast MAC string \"xx:xx:xx:xx:xx:xx\""); return;
	case SRIOV_TYPE_VLAN: snprintf(buf, len, "an integer 0..%d or \"trunk\"", SRIOV_VLAN_ID_MAX);
		return;
	case SRIOV_TYPE_ENUM: {
		size_t off = (size_t)snprintf(buf, len, "one of");

		for (size_t i = 0; p->enum_names && p->enum_names[i] && off < len; i++)
			off += (size_t)snprintf(buf + off, len - off, "%s \"%s\"", i ? "," : "",
						p->enum_names[i]);
		return;
	}
	default:
		sriov_param_range(p, &lo, &hi);
		snprintf(buf, len, "an integer %" PRIu64 "..%" PRIu64, lo, hi);
	}
}

static int parse_mac(const char *s, uint8_t mac[SRIOV_MAC_LEN])
{
	unsigned int b[SRIOV_MAC_LEN];
	char tail;

	if (strlen(s) != 17 ||
	    sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
		   &tail) != SRIOV_MAC_LEN)
		return -EINVAL;
	for (size_t i = 0; i < SRIOV_MAC_LEN; i++) {
		if (s[i * 3] == ' ' || s[i * 3] == '+' || s[i * 3] == '-')
			return -EINVAL;
		mac[i] = (uint8_t)b[i];
	}
	return 0;
}

int sriovd_scalar_from_json(const struct sriov_param *p, const json_t *j, union sriov_scalar *out,
			    char *why, size_t why_len)
{
	char want[160];
	uint64_t lo, hi;
	json_int_t n;
	const char *s;

	sriovd_scalar_json_type(p, want, sizeof(want));
	memset(out, 0, sizeof(*out));
	switch (p->type) {
	case SRIOV_TYPE_BOOL:
		if (!json_is_boolean(j))
			goto bad;
		out->b = json_is_true(j);
		return 0;
	case SRIOV_TYPE_STRING:
		if (!json_is_string(j))
			goto bad;
		out->s = json_string_value(j);
		return 0;
	case SRIOV_TYPE_UINT8:
	case SRIOV_TYPE_UINT16:
	case SRIOV_TYPE_UINT32:
	case SRIOV_TYPE_UINT64:
		sriov_param_range(p, &lo, &hi);
		if (!json_is_integer(j))
			goto bad;
		n = json_integer_value(j);
		if (n < 0 || (uint64_t)n < lo || (uint64_t)n > hi)
			goto bad;
		out->u = (uint64_t)n;
		return 0;
	case SRIOV_TYPE_VLAN:
		if (json_is_string(j) && strcasecmp(json_string_value(j), "trunk") == 0) {
			out->vlan.trunk = true;
			return 0;
		}
		if (!json_is_integer(j) || json_integer_value(j) < 0 ||
		    json_integer_value(j) > SRIOV_VLAN_ID_MAX)
			goto bad;
		out->vlan.id = (uint16_t)json_integer_value(j);
		return 0;
	case SRIOV_TYPE_UNICAST_MAC:
		if (!json_is_string(j) || parse_mac(json_string_value(j), out->mac))
			goto bad;
		if (out->mac[0] & MAC_GROUP_BIT) {
			snprintf(why, why_len, "%s: %s is a multicast address; expected %s", p->name,
				 json_string_value(j), want);
			return -EINVAL;
		}
		for (size_t i = 0; i < SRIOV_MAC_LEN; i++)
			if (out->mac[i])
				return 0;
		snprintf(why, why_len, "%s: 00:00:00:00:00:00 is not a usable address", p->name);
		return -EINVAL;
	case SRIOV_TYPE_ENUM:
		if (!json_is_string(j))
			goto bad;
		s = json_string_value(j);
		for (unsigned int i = 0; p->enum_names && p->enum_names[i]; i++)
			if (strcasecmp(p->enum_names[i], s) == 0) {
				out->enum_index = i;
				return 0;
			}
		goto bad;
	}
bad:
	{
		char *got = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);

		snprintf(why, why_len, "%s: got %.40s, expected %s", p->name, got ? got : "?", want);
		free(got);
	}
	return -EINVAL;
}
