/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The semantic pass: iovctl's parse.c and validate.c rules (spec
 * freebsd-iovctl.md §1.2, §1.5) over the whole file, reporting every error
 * with its position instead of stopping at the first. Precedence is
 * schema default < DEFAULT < VF-N.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sriov/device_name.h>

#include "conf_internal.h"
#include "suggest.h"
#include "value_parse.h"

/* Message buffer: a quoted value plus iovctl's sentence and our hint. */
#define MSG_LEN 512
/* VF indexes are below num_vfs, a uint16_t. */
#define VF_INDEX_LIMIT UINT16_MAX

struct vf_section {
	const struct ucl_node *node;
	unsigned long index;
	struct sriov_value *values;     /* n_vf entries */
};

struct resolver {
	struct sriov_conf *conf;
	struct diag_list *diags;
	const struct sriov_schema *schema;
	const struct ucl_node *pf, *def;
	struct vf_section *vfs;
	size_t n_vfs;
	bool syntax_errors;             /* hide "not found" errors they may cause */
	bool pf_not_object;             /* already reported; PF is not missing */
};

#define err_at(r, pos, key, ...) \
	diag_error((r)->diags, (pos).line, (pos).column, (key), __VA_ARGS__)

static const char *section_name(enum sriov_section sec)
{
	return sec == SRIOV_SECTION_PF ? "PF" : "VF";
}

static void unknown_key(struct resolver *r, const struct ucl_node *n, enum sriov_section sec,
			const char *where)
{
	enum sriov_section other = sec == SRIOV_SECTION_PF ? SRIOV_SECTION_VF : SRIOV_SECTION_PF;
	size_t count = sriov_schema_count(r->schema, sec);
	const char *names[64], *close;
	char q[DIAG_QUOTE_LEN];

	diag_quote(n->key, q, sizeof(q));
	if (sriov_schema_find(r->schema, other, n->key) >= 0) {
		err_at(r, n->key_pos, n->key, "%s: Invalid config key '%s' (it belongs in %s)", where, q,
		       other == SRIOV_SECTION_PF ? "the PF section" : "DEFAULT or a VF-N section");
		return;
	}
	if (count > sizeof(names) / sizeof(names[0]))
		count = sizeof(names) / sizeof(names[0]);
	for (size_t i = 0; i < count; i++)
		names[i] = sriov_schema_param(r->schema, sec, i)->name;
	close = suggest_closest(n->key, names, count);
	if (close)
		err_at(r, n->key_pos, n->key, "%s: Invalid config key '%s'; did you mean '%s'?", where, q,
		       close);
	else
		err_at(r, n->key_pos, n->key, "%s: Invalid config key '%s' (see sriovctl -S for the %s keys)",
		       where, q, section_name(sec));
}

/* PF.device: a string in one of the spellings a backend can resolve. */
static bool check_device(struct resolver *r, const struct ucl_node *n)
{
	char q[DIAG_QUOTE_LEN];

	if (n->kind != UCL_NODE_SCALAR || n->cls != UCL_SCALAR_STRING) {
		err_at(r, n->pos, "PF.device", "Config PF.device must be a string (write device : \"ixl0\";)");
		return false;
	}
	if (sriov_device_classify(n->text, NULL) == SRIOV_DEVICE_INVALID) {
		err_at(r, n->pos, "PF.device", "PF.device '%s' is not a PCI address (0000:05:00.0), an "
		       "interface name (enp5s0f0), a FreeBSD device name (ixl0) or a PF MAC "
		       "address (52:54:00:12:34:56)",
		       diag_quote(n->text, q, sizeof(q)));
		return false;
	}
	return true;
}

/* Types every key of one section into @out (schema order). */
static void check_section(struct resolver *r, const struct ucl_node *sec_node,
			  enum sriov_section sec, const char *where, enum sriov_origin origin,
			  struct sriov_value *out, bool *present)
{
	size_t n = sriov_schema_count(r->schema, sec);
	const struct ucl_node **seen = calloc(n ? n : 1, sizeof(*seen));
	char msg[MSG_LEN], key[128];

	if (!seen) {
		r->diags->out_of_memory = true;
		return;
	}
	for (size_t i = 0; i < sec_node->n_child; i++) {
		const struct ucl_node *c = sec_node->child[i];
		int idx = sriov_schema_find(r->schema, sec, c->key);
		const struct sriov_param *p;
		union sriov_scalar v;

		if (idx < 0) {
			unknown_key(r, c, sec, where);
			continue;
		}
		p = sriov_schema_param(r->schema, sec, (size_t)idx);
		snprintf(key, sizeof(key), "%s.%s", where, p->name);
		if (seen[idx]) {
			err_at(r, c->key_pos, key, "Multiple definitions of '%s' in config file (first at %u:%u)",
			       p->name, seen[idx]->key_pos.line, seen[idx]->key_pos.column);
			continue;
		}
		seen[idx] = c;
		if (present)
			present[idx] = true;
		if (sec == SRIOV_SECTION_PF && strcmp(p->name, "device") == 0 && !check_device(r, c))
			continue;
		if (sec == SRIOV_SECTION_PF && strcmp(p->name, "num_vfs") == 0 &&
		    c->kind == UCL_NODE_SCALAR && c->cls == UCL_SCALAR_INT && c->num.magnitude == 0) {
			err_at(r, c->pos, key, "PF.num_vfs must be at least 1");
			continue;
		}
		if (value_parse(c, c->key, p, &v, msg, sizeof(msg))) {
			err_at(r, c->pos, key, "%s", msg);
			continue;
		}
		out[idx] = (struct sriov_value){ .origin = origin, .v = v, .line = c->pos.line,
						 .column = c->pos.column };
	}
	free((void *)seen);
}

/* Reports required keys neither given (@present, when known) nor resolved. */
static void require_all(struct resolver *r, const struct sriov_value *vals, const bool *present,
			enum sriov_section sec, const char *where, const struct ucl_node *at)
{
	size_t n = sriov_schema_count(r->schema, sec);

	if (r->syntax_errors)
		return;
	for (size_t i = 0; i < n; i++) {
		const struct sriov_param *p = sriov_schema_param(r->schema, sec, i);

		if (p->presence == SRIOV_PARAM_REQUIRED && vals[i].origin == SRIOV_ORIGIN_UNSET &&
		    !(present && present[i]))
			diag_error(r->diags, at ? at->key_pos.line : 0, at ? at->key_pos.column : 0, where,
				   "Required parameter '%s' not found in '%s'", p->name, where);
	}
}

/* "VF-7" -> 7. Returns 0, or -EINVAL after reporting what is wrong. */
static int parse_vf_name(struct resolver *r, const struct ucl_node *n, unsigned long *index)
{
	const char *digits = n->key + 3;
	unsigned long v = 0;

	if (strncasecmp(n->key, "VF-", 3) != 0 || !*digits || strspn(digits, "0123456789") != strlen(digits))
		return -ENOENT;
	if (digits[0] == '0' && digits[1]) {
		const char *nz = digits + strspn(digits, "0");

		err_at(r, n->key_pos, n->key, "Unexpected top-level node: %s (VF numbers have no leading "
		       "zeros: write 'VF-%s')", n->key, *nz ? nz : "0");
		return -EINVAL;
	}
	for (const char *d = digits; *d; d++) {
		v = v * 10 + (unsigned long)(*d - '0');
		if (v > VF_INDEX_LIMIT) {
			err_at(r, n->key_pos, n->key, "VF number %s is too large to be valid (at most %d)",
			       digits, VF_INDEX_LIMIT - 1);
			return -EINVAL;
		}
	}
	*index = v;
	return 0;
}

static void unexpected_node(struct resolver *r, const struct ucl_node *n)
{
	static const char *const sections[] = { "PF", "DEFAULT" };
	char q[DIAG_QUOTE_LEN];
	const char *rest = n->key + 2, *close;

	diag_quote(n->key, q, sizeof(q));
	/* VF0, VF_0, VF.0: the dash is missing. */
	if (strncasecmp(n->key, "VF", 2) == 0) {
		if (*rest == '_' || *rest == '.')
			rest++;
		if (*rest && strspn(rest, "0123456789") == strlen(rest) && strlen(rest) < 6) {
			err_at(r, n->key_pos, n->key, "Unexpected top-level node: %s; did you mean 'VF-%lu'?",
			       q, strtoul(rest, NULL, 10));
			return;
		}
	}
	close = suggest_closest(n->key, sections, 2);
	if (close)
		err_at(r, n->key_pos, n->key, "Unexpected top-level node: %s; did you mean '%s'?", q, close);
	else
		err_at(r, n->key_pos, n->key, "Unexpected top-level node: %s (expected PF, DEFAULT or VF-N)",
		       q);
}

static bool duplicate_vf(struct resolver *r, const struct ucl_node *c, unsigned long index)
{
	for (size_t j = 0; j < r->n_vfs; j++)
		if (r->vfs[j].index == index) {
			err_at(r, c->key_pos, c->key, "Multiple definitions of '%s' in config file "
			       "(first at %u:%u)", c->key, r->vfs[j].node->key_pos.line,
			       r->vfs[j].node->key_pos.column);
			return true;
		}
	return false;
}

/* Sorts the top-level sections out; reports names, duplicates and order. */
static int classify_sections(struct resolver *r)
{
	const struct ucl_node *root = r->conf->root, *first_vf = NULL;

	r->vfs = calloc(root->n_child ? root->n_child : 1, sizeof(*r->vfs));
	if (!r->vfs)
		return -ENOMEM;
	for (size_t i = 0; i < root->n_child; i++) {
		const struct ucl_node *c = root->child[i];
		const struct ucl_node **slot = NULL;
		unsigned long index;
		int rc;

		if (strcasecmp(c->key, "PF") == 0) {
			slot = &r->pf;
		} else if (strcasecmp(c->key, "DEFAULT") == 0) {
			slot = &r->def;
			if (first_vf)
				err_at(r, c->key_pos, c->key, "'default' section must precede all VF sections "
				       "(%s is at %u:%u)", first_vf->key, first_vf->key_pos.line,
				       first_vf->key_pos.column);
		} else if ((rc = parse_vf_name(r, c, &index)) != 0) {
			if (rc == -ENOENT)
				unexpected_node(r, c);
			continue;
		}
		if (c->kind != UCL_NODE_OBJECT) {
			r->pf_not_object |= slot == &r->pf;
			err_at(r, c->key_pos, c->key, "Section '%s' must be an object: write '%s { ... }'",
			       c->key, c->key);
			continue;
		}
		if (slot && *slot) {
			err_at(r, c->key_pos, c->key, "Multiple definitions of '%s' in config file (first at %u:%u)",
			       c->key, (*slot)->key_pos.line, (*slot)->key_pos.column);
			continue;
		}
		if (slot) {
			*slot = c;
			continue;
		}
		first_vf = first_vf ? first_vf : c;
		if (!duplicate_vf(r, c, index))
			r->vfs[r->n_vfs++] = (struct vf_section){ .node = c, .index = index };
	}
	return 0;
}

struct mac_use {
	const uint8_t *mac;
	const char *key;
	uint16_t vf;
	const struct sriov_value *value;
};

static int mac_cmp(const void *a, const void *b)
{
	const struct mac_use *x = a, *y = b;
	int c = memcmp(x->mac, y->mac, SRIOV_MAC_LEN);

	return c ? c : (x->vf > y->vf) - (x->vf < y->vf);
}

/* Two VFs with one MAC break forwarding on the PF's switch; a DEFAULT
 * mac-addr gives every VF the same one. Reported once per value. */
static void check_unique_macs(struct resolver *r, struct sriov_value *rows, uint16_t num_vfs, size_t n_vf)
{
	struct mac_use *uses = calloc((size_t)num_vfs * n_vf + 1, sizeof(*uses));
	size_t n = 0;
	char key[64], text[24];

	if (!uses) {
		r->diags->out_of_memory = true;
		return;
	}
	for (size_t i = 0; i < n_vf; i++) {
		const struct sriov_param *p = sriov_schema_param(r->schema, SRIOV_SECTION_VF, i);

		if (p->type != SRIOV_TYPE_UNICAST_MAC)
			continue;
		for (uint16_t vf = 0; vf < num_vfs; vf++) {
			struct sriov_value *v = &rows[(size_t)vf * n_vf + i];

			if (v->origin != SRIOV_ORIGIN_UNSET)
				uses[n++] = (struct mac_use){ v->v.mac, p->name, vf, v };
		}
	}
	qsort(uses, n, sizeof(*uses), mac_cmp);
	for (size_t i = 1; i < n; i++) {
		const struct mac_use *a = &uses[i - 1], *b = &uses[i];
		const struct sriov_param *p;

		if (memcmp(a->mac, b->mac, SRIOV_MAC_LEN) != 0)
			continue;
		if (a->value->line == b->value->line && a->value->column == b->value->column) {
			if (i < 2 || memcmp(uses[i - 2].mac, a->mac, SRIOV_MAC_LEN) != 0) {
				p = sriov_schema_param(r->schema, SRIOV_SECTION_VF,
						       (size_t)sriov_schema_find(r->schema, SRIOV_SECTION_VF, a->key));
				sriov_scalar_format(p, &a->value->v, text, sizeof(text));
				diag_error(r->diags, a->value->line, a->value->column, "DEFAULT",
					   "DEFAULT gives every VF the same %s %s; set it in each VF-N section",
					   a->key, text);
			}
			continue;
		}
		p = sriov_schema_param(r->schema, SRIOV_SECTION_VF,
				       (size_t)sriov_schema_find(r->schema, SRIOV_SECTION_VF, b->key));
		sriov_scalar_format(p, &b->value->v, text, sizeof(text));
		snprintf(key, sizeof(key), "VF-%u.%s", b->vf, b->key);
		diag_error(r->diags, b->value->line, b->value->column, key,
			   "VF-%u: %s %s is also assigned to VF-%u (%s)", b->vf, b->key, text, a->vf,
			   a->value->line ? "see above" : "by default");
	}
	free(uses);
}

/* Fills every VF row: schema default, then DEFAULT, then VF-N. */
static int build_vf_rows(struct resolver *r, struct sriov_value *def_vals, uint16_t num_vfs)
{
	size_t n_vf = sriov_schema_count(r->schema, SRIOV_SECTION_VF);
	struct sriov_value *rows = calloc((size_t)num_vfs * n_vf + 1, sizeof(*rows));
	char where[16];

	if (!rows)
		return -ENOMEM;
	for (uint16_t vf = 0; vf < num_vfs; vf++)
		for (size_t i = 0; i < n_vf; i++) {
			const struct sriov_param *p = sriov_schema_param(r->schema, SRIOV_SECTION_VF, i);
			struct sriov_value *v = &rows[(size_t)vf * n_vf + i];

			if (def_vals[i].origin != SRIOV_ORIGIN_UNSET)
				*v = def_vals[i];
			else if (p->presence == SRIOV_PARAM_HAS_DEFAULT)
				*v = (struct sriov_value){ .origin = SRIOV_ORIGIN_SCHEMA_DEFAULT, .v = p->def };
		}
	for (size_t s = 0; s < r->n_vfs; s++) {
		struct vf_section *sec = &r->vfs[s];

		if (sec->index >= num_vfs || !sec->values)
			continue;
		for (size_t i = 0; i < n_vf; i++)
			if (sec->values[i].origin != SRIOV_ORIGIN_UNSET)
				rows[sec->index * n_vf + i] = sec->values[i];
	}
	for (uint16_t vf = 0; vf < num_vfs; vf++) {
		const struct ucl_node *at = NULL;

		for (size_t s = 0; s < r->n_vfs; s++)
			if (r->vfs[s].index == vf)
				at = r->vfs[s].node;
		snprintf(where, sizeof(where), "VF-%u", vf);
		require_all(r, &rows[(size_t)vf * n_vf], NULL, SRIOV_SECTION_VF, where, at);
	}
	check_unique_macs(r, rows, num_vfs, n_vf);
	r->conf->vf_values = rows;
	return 0;
}

static int resolve(struct resolver *r)
{
	struct sriov_conf *conf = r->conf;
	size_t n_pf = sriov_schema_count(r->schema, SRIOV_SECTION_PF);
	size_t n_vf = sriov_schema_count(r->schema, SRIOV_SECTION_VF);
	struct sriov_value *def_vals = calloc(n_vf + 1, sizeof(*def_vals));
	bool *pf_present = calloc(n_pf + 1, sizeof(*pf_present));
	const struct sriov_value *nv;
	uint16_t num_vfs = 0;
	int rc;

	conf->pf_values = calloc(n_pf + 1, sizeof(*conf->pf_values));
	if (!def_vals || !conf->pf_values || !pf_present) {
		free(def_vals);
		free(pf_present);
		return -ENOMEM;
	}
	rc = classify_sections(r);
	if (rc)
		goto out;
	if (r->pf) {
		check_section(r, r->pf, SRIOV_SECTION_PF, "PF", SRIOV_ORIGIN_PF_SECTION, conf->pf_values,
			      pf_present);
		require_all(r, conf->pf_values, pf_present, SRIOV_SECTION_PF, "PF", r->pf);
	} else if (!r->syntax_errors && !r->pf_not_object) {
		diag_error(r->diags, 0, 0, "PF", "Config file does not specify device (no PF section; "
			   "it needs device and num_vfs)");
	}
	for (size_t i = 0; i < n_pf; i++) {
		const struct sriov_param *p = sriov_schema_param(r->schema, SRIOV_SECTION_PF, i);

		if (conf->pf_values[i].origin == SRIOV_ORIGIN_UNSET && p->presence == SRIOV_PARAM_HAS_DEFAULT)
			conf->pf_values[i] = (struct sriov_value){ .origin = SRIOV_ORIGIN_SCHEMA_DEFAULT,
								   .v = p->def };
	}
	if (r->def)
		check_section(r, r->def, SRIOV_SECTION_VF, "DEFAULT", SRIOV_ORIGIN_DEFAULT_SECTION, def_vals,
			      NULL);
	nv = &conf->pf_values[sriov_schema_find(r->schema, SRIOV_SECTION_PF, "num_vfs")];
	if (nv->origin == SRIOV_ORIGIN_PF_SECTION)
		num_vfs = (uint16_t)nv->v.u;
	for (size_t s = 0; s < r->n_vfs; s++) {
		struct vf_section *sec = &r->vfs[s];

		if (num_vfs && sec->index >= num_vfs)
			err_at(r, sec->node->key_pos, sec->node->key, "VF number %lu is out of bounds "
			       "(num_vfs=%u; VFs are numbered 0..%u)", sec->index, num_vfs, num_vfs - 1u);
		sec->values = calloc(n_vf + 1, sizeof(*sec->values));
		if (!sec->values) {
			rc = -ENOMEM;
			goto out;
		}
		check_section(r, sec->node, SRIOV_SECTION_VF, sec->node->key, SRIOV_ORIGIN_VF_SECTION,
			      sec->values, NULL);
	}
	if (num_vfs)
		rc = build_vf_rows(r, def_vals, num_vfs);
	if (!rc && r->diags->errors == 0) {
		int dev = sriov_schema_find(r->schema, SRIOV_SECTION_PF, "device");

		conf->resolved = (struct sriov_resolved){
			.schema = *r->schema, .device = conf->pf_values[dev].v.s, .num_vfs = num_vfs,
			.n_pf = n_pf, .n_vf = n_vf, .pf = conf->pf_values, .vf = conf->vf_values,
		};
		conf->resolved_ok = true;
	}
out:
	for (size_t s = 0; s < r->n_vfs; s++)
		free(r->vfs[s].values);
	free(r->vfs);
	free(def_vals);
	free(pf_present);
	return rc;
}

int sriov_conf_resolve(struct sriov_conf *conf, const struct sriov_schema *schema)
{
	struct resolver r = { .conf = conf, .diags = &conf->diags, .schema = schema };
	int rc;

	conf_reset_resolution(conf);
	if (!conf->root)
		return -EINVAL;
	r.syntax_errors = conf->diags.errors > 0;
	rc = resolve(&r);
	if (rc == 0 && conf->diags.out_of_memory)
		rc = -ENOMEM;
	if (rc)
		return rc;
	return conf->diags.errors ? -EINVAL : 0;
}
