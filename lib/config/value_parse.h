/* SPDX-License-Identifier: BSD-2-Clause */
/* Typing a parsed value against a schema parameter, one checker per type. */
#ifndef SRIOV_VALUE_PARSE_H
#define SRIOV_VALUE_PARSE_H

#include <stddef.h>

#include <sriov/schema.h>

#include "ucl_parser.h"

/*
 * Converts @n (the value of @key) to @param's type into @out. Returns 0, or
 * -EINVAL with a message in @msg that keeps iovctl's wording ("Value '%s' of
 * key '%s' is not of type %s") and adds what was expected. Strings in @out
 * point into @n.
 */
int value_parse(const struct ucl_node *n, const char *key, const struct sriov_param *param,
		union sriov_scalar *out, char *msg, size_t len);

/* Parses "xx:xx:xx:xx:xx:xx" (1-2 hex digits per octet, as FreeBSD's
 * iovctl): 0 or -EINVAL. Multicast and zero are checked by the caller. */
int value_parse_mac(const char *s, uint8_t mac[SRIOV_MAC_LEN]);

#endif
