/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * iovctl.conf(5)-compatible configuration: load a file or a buffer, read
 * PF.device before the schema is known, then resolve every VF's values
 * against a schema. Every error is collected as a diagnostic; nothing stops
 * at the first one. All state lives in struct sriov_conf.
 */
#ifndef SRIOV_CONFIG_H
#define SRIOV_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include <sriov/diag.h>
#include <sriov/schema.h>

struct sriov_conf;

/* Where a resolved value came from; precedence schema < DEFAULT < VF-N. */
enum sriov_origin {
	SRIOV_ORIGIN_UNSET,            /* optional parameter, not given */
	SRIOV_ORIGIN_SCHEMA_DEFAULT,
	SRIOV_ORIGIN_PF_SECTION,
	SRIOV_ORIGIN_DEFAULT_SECTION,
	SRIOV_ORIGIN_VF_SECTION,
};

struct sriov_value {
	enum sriov_origin origin;
	union sriov_scalar v;          /* strings live as long as the conf */
	unsigned int line, column;     /* position of the value; 0 for schema */
};

struct sriov_resolved {
	struct sriov_schema schema;
	const char *device;            /* PF.device */
	uint16_t num_vfs;
	size_t n_pf, n_vf;             /* parameters per PF / per VF */
	const struct sriov_value *pf;  /* n_pf values in schema order */
	const struct sriov_value *vf;  /* num_vfs rows of n_vf values */
};

struct sriov_conf *sriov_conf_new(void);
void sriov_conf_free(struct sriov_conf *conf);

/*
 * Parses the file's syntax. Returns 0, -EINVAL when it has syntax errors
 * (see the diagnostics), -ENOMEM, or the negative errno of a failed read
 * (also recorded as a diagnostic). A conf holds one file; loading again
 * replaces it.
 */
int sriov_conf_load_file(struct sriov_conf *conf, const char *path);
/* Same for a buffer; @name is used as the file name in diagnostics. */
int sriov_conf_load_buffer(struct sriov_conf *conf, const char *name,
			   const char *buf, size_t len);

/*
 * Reads PF.device from the loaded file without a schema (iovctl reads the
 * device first, then asks that driver for its schema). Returns 0 and sets
 * *device (owned by the conf), or -ENOENT/-EINVAL and adds a diagnostic.
 */
int sriov_conf_device(struct sriov_conf *conf, const char **device);

/*
 * Checks the loaded file against @schema and resolves every VF 0..num_vfs-1.
 * Returns 0, or -EINVAL when any error was found (all are diagnostics).
 */
int sriov_conf_resolve(struct sriov_conf *conf, const struct sriov_schema *schema);
/* The resolution, or NULL unless the last sriov_conf_resolve() returned 0. */
const struct sriov_resolved *sriov_conf_resolved(const struct sriov_conf *conf);

size_t sriov_conf_diag_count(const struct sriov_conf *conf);
const struct sriov_diag *sriov_conf_diag(const struct sriov_conf *conf, size_t i);
size_t sriov_conf_error_count(const struct sriov_conf *conf);

/* Value of parameter @name for the PF (vf ignored) or VF @vf, or NULL. */
const struct sriov_value *sriov_resolved_get(const struct sriov_resolved *r,
					     enum sriov_section sec, uint16_t vf,
					     const char *name);
/* "schema default", "PF", "DEFAULT", "VF-N" (the section name), "unset". */
const char *sriov_origin_name(enum sriov_origin origin);

#endif /* SRIOV_CONFIG_H */
