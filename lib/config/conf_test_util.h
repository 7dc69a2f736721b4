/* SPDX-License-Identifier: BSD-2-Clause */
/* Helpers shared by the configuration tests: load, resolve, find a diag. */
#ifndef SRIOV_CONF_TEST_UTIL_H
#define SRIOV_CONF_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <sriov/config.h>

#include "x710/x710_backend.h"

static inline struct sriov_schema x710(void)
{
	return (struct sriov_schema){ sriov_backend_x710.schema };
}

static inline void dump_diags(const struct sriov_conf *conf)
{
	char line[1024];

	for (size_t i = 0; i < sriov_conf_diag_count(conf); i++) {
		sriov_diag_format(sriov_conf_diag(conf, i), line, sizeof(line));
		fprintf(stderr, "  diag: %s\n", line);
	}
}

/* Loads @text as "t.conf" and resolves it against the X710 schema. */
static inline struct sriov_conf *resolve_text(const char *text, int *rc)
{
	struct sriov_conf *conf = sriov_conf_new();
	struct sriov_schema s = x710();

	assert_non_null(conf);
	sriov_conf_load_buffer(conf, "t.conf", text, strlen(text));
	*rc = sriov_conf_resolve(conf, &s);
	return conf;
}

/* Fails unless a diagnostic at @line:@col (0: any) contains @needle. */
static inline void expect_diag_at(const struct sriov_conf *conf, unsigned int line,
				  unsigned int col, const char *needle)
{
	for (size_t i = 0; i < sriov_conf_diag_count(conf); i++) {
		const struct sriov_diag *d = sriov_conf_diag(conf, i);

		if ((line == 0 || (d->line == line && d->column == col)) && strstr(d->message, needle))
			return;
	}
	fprintf(stderr, "no diagnostic at %u:%u containing \"%s\"; have:\n", line, col, needle);
	dump_diags(conf);
	fail();
}

static inline void expect_errors(const struct sriov_conf *conf, size_t n)
{
	if (sriov_conf_error_count(conf) != n) {
		fprintf(stderr, "expected %zu errors, have %zu:\n", n, sriov_conf_error_count(conf));
		dump_diags(conf);
	}
	assert_int_equal(sriov_conf_error_count(conf), n);
}

#endif
