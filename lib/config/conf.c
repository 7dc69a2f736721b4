/* SPDX-License-Identifier: BSD-2-Clause */
/* Loading a configuration and reading PF.device before the schema is known. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conf_internal.h"

/* The kernel refuses larger packed configs (hw.pci.iov_max_config, 1 MiB;
 * spec freebsd-iovctl.md §1.1); a text file that big is a mistake too. */
#define CONF_MAX_BYTES (1024 * 1024)

struct sriov_conf *sriov_conf_new(void)
{
	return calloc(1, sizeof(struct sriov_conf));
}

void conf_reset_resolution(struct sriov_conf *conf)
{
	free(conf->pf_values);
	free(conf->vf_values);
	conf->pf_values = conf->vf_values = NULL;
	conf->resolved_ok = false;
	memset(&conf->resolved, 0, sizeof(conf->resolved));
	diag_list_truncate(&conf->diags, conf->n_syntax_diags);
}

void sriov_conf_free(struct sriov_conf *conf)
{
	if (!conf)
		return;
	conf_reset_resolution(conf);
	ucl_node_free(conf->root);
	diag_list_fini(&conf->diags);
	free(conf);
}

int sriov_conf_load_buffer(struct sriov_conf *conf, const char *name, const char *buf, size_t len)
{
	conf_reset_resolution(conf);
	ucl_node_free(conf->root);
	conf->root = NULL;
	conf->n_syntax_diags = 0;
	if (diag_list_reset(&conf->diags, name))
		return -ENOMEM;
	if (len > CONF_MAX_BYTES) {
		diag_error(&conf->diags, 0, 0, NULL, "file is larger than %d bytes; not a configuration",
			   CONF_MAX_BYTES);
		conf->n_syntax_diags = conf->diags.n;
		return -EFBIG;
	}
	conf->root = ucl_parse(buf, len, &conf->diags);
	conf->n_syntax_diags = conf->diags.n;
	if (!conf->root || conf->diags.out_of_memory)
		return -ENOMEM;
	return conf->diags.errors ? -EINVAL : 0;
}

int sriov_conf_load_file(struct sriov_conf *conf, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t len;
	int rc, err;

	if (!f) {
		err = errno;
		if (diag_list_reset(&conf->diags, path))
			return -ENOMEM;
		conf_reset_resolution(conf);
		ucl_node_free(conf->root);
		conf->root = NULL;
		diag_error(&conf->diags, 0, 0, NULL, "Could not open config file: %s", strerror(err));
		conf->n_syntax_diags = conf->diags.n;
		return -err;
	}
	/* One byte more than allowed tells a too-large file apart. */
	buf = malloc(CONF_MAX_BYTES + 1);
	if (!buf) {
		fclose(f);
		return -ENOMEM;
	}
	len = fread(buf, 1, CONF_MAX_BYTES + 1, f);
	err = ferror(f) ? EIO : 0;
	fclose(f);
	if (err) {
		free(buf);
		if (diag_list_reset(&conf->diags, path))
			return -ENOMEM;
		diag_error(&conf->diags, 0, 0, NULL, "Could not read config file: %s", strerror(err));
		conf->n_syntax_diags = conf->diags.n;
		return -err;
	}
	rc = sriov_conf_load_buffer(conf, path, buf, len);
	free(buf);
	return rc;
}

const struct ucl_node *conf_find_section(const struct sriov_conf *conf, const char *name)
{
	if (!conf->root)
		return NULL;
	for (size_t i = 0; i < conf->root->n_child; i++)
		if (strcasecmp(conf->root->child[i]->key, name) == 0)
			return conf->root->child[i];
	return NULL;
}

int sriov_conf_device(struct sriov_conf *conf, const char **device)
{
	const struct ucl_node *pf = conf_find_section(conf, "PF"), *dev = NULL;

	conf_reset_resolution(conf);
	if (pf && pf->kind == UCL_NODE_OBJECT)
		for (size_t i = 0; i < pf->n_child && !dev; i++)
			if (strcasecmp(pf->child[i]->key, "device") == 0)
				dev = pf->child[i];
	if (!dev) {
		diag_error(&conf->diags, pf ? pf->key_pos.line : 0, pf ? pf->key_pos.column : 0, "PF",
			   "Config file does not specify device");
		return -ENOENT;
	}
	if (dev->kind != UCL_NODE_SCALAR || dev->cls != UCL_SCALAR_STRING) {
		diag_error(&conf->diags, dev->pos.line, dev->pos.column, "PF.device",
			   "Config PF.device must be a string");
		return -EINVAL;
	}
	*device = dev->text;
	return 0;
}

const struct sriov_resolved *sriov_conf_resolved(const struct sriov_conf *conf)
{
	return conf->resolved_ok ? &conf->resolved : NULL;
}

size_t sriov_conf_diag_count(const struct sriov_conf *conf)
{
	return conf->diags.n;
}

const struct sriov_diag *sriov_conf_diag(const struct sriov_conf *conf, size_t i)
{
	return i < conf->diags.n ? &conf->diags.v[i] : NULL;
}

size_t sriov_conf_error_count(const struct sriov_conf *conf)
{
	return conf->diags.errors;
}

const struct sriov_value *sriov_resolved_get(const struct sriov_resolved *r,
					     enum sriov_section sec, uint16_t vf, const char *name)
{
	int idx = sriov_schema_find(&r->schema, sec, name);

	if (idx < 0)
		return NULL;
	if (sec == SRIOV_SECTION_PF)
		return &r->pf[idx];
	if (vf >= r->num_vfs)
		return NULL;
	return &r->vf[(size_t)vf * r->n_vf + (size_t)idx];
}

const char *sriov_origin_name(enum sriov_origin origin)
{
	switch (origin) {
	case SRIOV_ORIGIN_SCHEMA_DEFAULT: return "schema default";
	case SRIOV_ORIGIN_PF_SECTION: return "PF";
	case SRIOV_ORIGIN_DEFAULT_SECTION: return "DEFAULT";
	case SRIOV_ORIGIN_VF_SECTION: return "VF-N";
	default: return "unset";
	}
}
