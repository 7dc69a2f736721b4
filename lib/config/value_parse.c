/* SPDX-License-Identifier: BSD-2-Clause */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "value_parse.h"

/* IEEE 802: the I/G bit, bit 0 of the first octet, marks group addresses. */
#define MAC_GROUP_BIT 0x01

struct checker {
	const char *expected;   /* appended to the "not of type" message */
	int (*parse)(const struct ucl_node *n, const struct sriov_param *p,
		     union sriov_scalar *out, const char *shown, const char *key,
		     char *msg, size_t len);
};

static int not_of_type(const char *shown, const char *key, const struct sriov_param *p,
		       const char *why, char *msg, size_t len)
{
	snprintf(msg, len, "Value '%s' of key '%s' is not of type %s (%s)", shown, key,
		 sriov_type_name(p->type), why);
	return -EINVAL;
}

static int parse_bool(const struct ucl_node *n, const struct sriov_param *p,
		      union sriov_scalar *out, const char *shown, const char *key,
		      char *msg, size_t len)
{
	if (n->cls != UCL_SCALAR_BOOL)
		return not_of_type(shown, key, p, n->quoted ? "expected true or false without quotes"
							    : "expected true or false", msg, len);
	out->b = n->boolean;
	return 0;
}

static int parse_string(const struct ucl_node *n, const struct sriov_param *p,
			union sriov_scalar *out, const char *shown, const char *key,
			char *msg, size_t len)
{
	if (n->cls != UCL_SCALAR_STRING)
		return not_of_type(shown, key, p, "put text in double quotes", msg, len);
	out->s = n->text;
	return 0;
}

static int parse_uint(const struct ucl_node *n, const struct sriov_param *p,
		      union sriov_scalar *out, const char *shown, const char *key,
		      char *msg, size_t len)
{
	uint64_t min, max, v = n->num.magnitude;
	char why[96];

	sriov_param_range(p, &min, &max);
	if (n->cls != UCL_SCALAR_INT) {
		if (n->cls == UCL_SCALAR_FLOAT)
			snprintf(why, sizeof(why), "not a whole number");
		else if (n->quoted)
			snprintf(why, sizeof(why), "a quoted string; write the number without quotes");
		else
			snprintf(why, sizeof(why), "expected a number %" PRIu64 "..%" PRIu64, min, max);
		return not_of_type(shown, key, p, why, msg, len);
	}
	if (n->num.negative && v != 0)
		return not_of_type(shown, key, p, "negative; it must be 0 or more", msg, len);
	{
		struct sriov_param bare = *p;
		uint64_t type_min, type_max;

		bare.min = bare.max = 0;
		sriov_param_range(&bare, &type_min, &type_max);
		if (n->num.overflow || v > type_max) {
			snprintf(why, sizeof(why), "too large: the largest is %" PRIu64, type_max);
			return not_of_type(shown, key, p, why, msg, len);
		}
	}
	if (v < min || v > max) {
		snprintf(msg, len, "Value '%s' of key '%s' is out of range: it must be %" PRIu64
			 "..%" PRIu64, shown, key, min, max);
		return -EINVAL;
	}
	out->u = v;
	return 0;
}

int value_parse_mac(const char *s, uint8_t mac[SRIOV_MAC_LEN])
{
	for (int i = 0; i < SRIOV_MAC_LEN; i++) {
		unsigned int v = 0, digits = 0;

		while (isxdigit((unsigned char)*s) && digits < 3) {
			v = v * 16 + (unsigned)(isdigit((unsigned char)*s) ? *s - '0'
								: tolower((unsigned char)*s) - 'a' + 10);
			s++;
			digits++;
		}
		if (digits == 0 || digits > 2)
			return -EINVAL;
		mac[i] = (uint8_t)v;
		if (i < SRIOV_MAC_LEN - 1 && *s++ != ':')
			return -EINVAL;
	}
	return *s ? -EINVAL : 0;
}

static int parse_mac(const struct ucl_node *n, const struct sriov_param *p,
		     union sriov_scalar *out, const char *shown, const char *key,
		     char *msg, size_t len)
{
	static const uint8_t zero[SRIOV_MAC_LEN];

	if (n->cls != UCL_SCALAR_STRING || value_parse_mac(n->text, out->mac))
		return not_of_type(shown, key, p, "expected six hex octets like \"02:00:00:00:00:01\"",
				   msg, len);
	if (out->mac[0] & MAC_GROUP_BIT) {
		snprintf(msg, len, "Value '%s' of key '%s' is a multicast address (the low bit of the "
			 "first octet is set; locally administered unicast addresses start 02, 06, 0a, 0e)",
			 shown, key);
		return -EINVAL;
	}
	if (memcmp(out->mac, zero, sizeof(zero)) == 0) {
		snprintf(msg, len, "Value '%s' of key '%s' is the all-zero address, which no VF may use",
			 shown, key);
		return -EINVAL;
	}
	return 0;
}

static int parse_vlan(const struct ucl_node *n, const struct sriov_param *p,
		      union sriov_scalar *out, const char *shown, const char *key,
		      char *msg, size_t len)
{
	char why[64];

	if (n->cls == UCL_SCALAR_STRING && strcasecmp(n->text, "trunk") == 0) {
		out->vlan = (struct sriov_vlan){ .trunk = true };
		return 0;
	}
	if (n->cls != UCL_SCALAR_INT || n->num.negative || n->num.overflow ||
	    n->num.magnitude > SRIOV_VLAN_ID_MAX) {
		snprintf(why, sizeof(why), "expected a VLAN ID 0..%d or \"trunk\"%s", SRIOV_VLAN_ID_MAX,
			 n->cls == UCL_SCALAR_INT && n->num.magnitude == SRIOV_VLAN_ID_MAX + 1 &&
			 !n->num.negative ? "; 4095 is reserved" : "");
		return not_of_type(shown, key, p, why, msg, len);
	}
	out->vlan = (struct sriov_vlan){ .id = (uint16_t)n->num.magnitude };
	return 0;
}

static int parse_enum(const struct ucl_node *n, const struct sriov_param *p,
		      union sriov_scalar *out, const char *shown, const char *key,
		      char *msg, size_t len)
{
	char names[128] = "";
	size_t o = 0;

	for (unsigned int i = 0; p->enum_names && p->enum_names[i]; i++) {
		if (n->cls == UCL_SCALAR_STRING && strcasecmp(n->text, p->enum_names[i]) == 0) {
			out->enum_index = i;
			return 0;
		}
		o += (size_t)snprintf(names + o, o < sizeof(names) ? sizeof(names) - o : 0, "%s%s",
				      i ? ", " : "", p->enum_names[i]);
		if (o >= sizeof(names))
			o = sizeof(names) - 1;
	}
	snprintf(msg, len, "Value '%s' of key '%s' is not one of %s", shown, key, names);
	return -EINVAL;
}

static const struct checker checkers[] = {
	[SRIOV_TYPE_BOOL] = { "true or false", parse_bool },
	[SRIOV_TYPE_STRING] = { "a quoted string", parse_string },
	[SRIOV_TYPE_UINT8] = { "a number", parse_uint },
	[SRIOV_TYPE_UINT16] = { "a number", parse_uint },
	[SRIOV_TYPE_UINT32] = { "a number", parse_uint },
	[SRIOV_TYPE_UINT64] = { "a number", parse_uint },
	[SRIOV_TYPE_UNICAST_MAC] = { "a MAC address like \"02:00:00:00:00:01\"", parse_mac },
	[SRIOV_TYPE_VLAN] = { "a VLAN ID or \"trunk\"", parse_vlan },
	[SRIOV_TYPE_ENUM] = { "one word of a fixed list", parse_enum },
};

int value_parse(const struct ucl_node *n, const char *key, const struct sriov_param *param,
		union sriov_scalar *out, char *msg, size_t len)
{
	const struct checker *c = &checkers[param->type];
	char shown[DIAG_QUOTE_LEN];

	if (n->kind == UCL_NODE_OBJECT) {
		snprintf(msg, len, "Value of key '%s' is not of type %s (found a section '{ ... }', "
			 "expected %s)", key, sriov_type_name(param->type), c->expected);
		return -EINVAL;
	}
	if (n->kind == UCL_NODE_ARRAY) {
		snprintf(msg, len, "Value '[...]' of key '%s' is not of type %s (arrays are not "
			 "supported; expected %s)", key, sriov_type_name(param->type), c->expected);
		return -EINVAL;
	}
	diag_quote(n->text, shown, sizeof(shown));
	return c->parse(n, param, out, shown, key, msg, len);
}
