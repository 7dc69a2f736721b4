/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>

#include "print.h"

/* Wide enough for a MAC address or a short device name in the -n dump. */
#define VALUE_COLUMN_WIDTH 20

/* The type as -S shows it; an enum lists its words, as no iovctl type does. */
static void type_text(const struct sriov_param *p, char *buf, size_t len)
{
	size_t o;

	if (p->type != SRIOV_TYPE_ENUM) {
		snprintf(buf, len, "%s", sriov_type_name(p->type));
		return;
	}
	o = (size_t)snprintf(buf, len, "enum{");
	for (size_t i = 0; p->enum_names[i] && o < len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? "," : "", p->enum_names[i]);
	if (o < len)
		snprintf(buf + o, len - o, "}");
}

static void print_section_schema(FILE *out, const struct sriov_schema *schema, enum sriov_section sec,
				 print_key_note note, void *ctx)
{
	char type[128], def[128], extra[256];

	for (size_t i = 0; i < sriov_schema_count(schema, sec); i++) {
		const struct sriov_param *p = sriov_schema_param(schema, sec, i);

		type_text(p, type, sizeof(type));
		fprintf(out, "\t%s : %s", p->name, type);
		if (p->presence == SRIOV_PARAM_REQUIRED) {
			fprintf(out, " (required)");
		} else if (p->presence == SRIOV_PARAM_HAS_DEFAULT) {
			sriov_scalar_format(p, &p->def, def, sizeof(def));
			fprintf(out, " (default = %s)", def);
		} else {
			fprintf(out, " (optional)");
		}
		if (note && note(ctx, p, extra, sizeof(extra)))
			fprintf(out, " [%s]", extra);
		fprintf(out, "\n");
	}
}

void print_schema(FILE *out, const struct sriov_schema *schema, print_key_note note, void *ctx)
{
	fprintf(out, "The following configuration parameters may be configured on the PF:\n");
	print_section_schema(out, schema, SRIOV_SECTION_PF, note, ctx);
	fprintf(out, "\nThe following configuration parameters may be configured on a VF:\n");
	print_section_schema(out, schema, SRIOV_SECTION_VF, note, ctx);
}

static size_t longest_name(const struct sriov_schema *schema)
{
	size_t w = 0;

	for (int sec = 0; sec < SRIOV_SECTION_COUNT; sec++)
		for (size_t i = 0; i < sriov_schema_count(schema, (enum sriov_section)sec); i++) {
			size_t l = strlen(sriov_schema_param(schema, (enum sriov_section)sec, i)->name);

			w = l > w ? l : w;
		}
	return w;
}

static void print_value(FILE *out, const struct sriov_param *p, const struct sriov_value *v,
			int name_width, unsigned int vf, const char *file)
{
	char text[256], shown[260];

	if (v->origin == SRIOV_ORIGIN_UNSET)
		snprintf(shown, sizeof(shown), "(not set)");
	else if (sriov_scalar_format(p, &v->v, text, sizeof(text)) != 0)
		snprintf(shown, sizeof(shown), "(too long to show)");
	else if (p->type == SRIOV_TYPE_STRING)
		snprintf(shown, sizeof(shown), "\"%s\"", text);
	else
		snprintf(shown, sizeof(shown), "%s", text);
	fprintf(out, "\t%-*s %-*s ", name_width, p->name, VALUE_COLUMN_WIDTH, shown);
	switch (v->origin) {
	case SRIOV_ORIGIN_UNSET:
		fprintf(out, "optional, not given\n");
		return;
	case SRIOV_ORIGIN_SCHEMA_DEFAULT:
		fprintf(out, "schema default\n");
		return;
	case SRIOV_ORIGIN_VF_SECTION:
		fprintf(out, "from VF-%u", vf);
		break;
	default:
		fprintf(out, "from %s", sriov_origin_name(v->origin));
		break;
	}
	fprintf(out, " (%s:%u:%u)\n", file, v->line, v->column);
}

void print_resolved(FILE *out, const struct sriov_resolved *r, const char *file)
{
	int w = (int)longest_name(&r->schema);

	fprintf(out, "Would enable SR-IOV on device '%s'.\n", r->device);
	fprintf(out, "The following configuration parameters would be used (driver %s):\n",
		r->schema.driver ? r->schema.driver->driver : "none");
	fprintf(out, "PF:\n");
	for (size_t i = 0; i < r->n_pf; i++)
		print_value(out, sriov_schema_param(&r->schema, SRIOV_SECTION_PF, i), &r->pf[i], w, 0, file);
	for (unsigned int vf = 0; vf < r->num_vfs; vf++) {
		fprintf(out, "VF-%u:\n", vf);
		for (size_t i = 0; i < r->n_vf; i++)
			print_value(out, sriov_schema_param(&r->schema, SRIOV_SECTION_VF, i),
				    &r->vf[(size_t)vf * r->n_vf + i], w, vf, file);
	}
}

void print_diags(FILE *out, const struct sriov_conf *conf)
{
	char line[1024];

	for (size_t i = 0; i < sriov_conf_diag_count(conf); i++) {
		sriov_diag_format(sriov_conf_diag(conf, i), line, sizeof(line));
		fprintf(out, "%s\n", line);
	}
}

void print_plan_head(FILE *out, const char *device, size_t n, size_t disruptive)
{
	if (n == 0)
		fprintf(out, "%s: the device already matches; nothing to do.\n", device);
	else
		fprintf(out, "Plan for %s: %zu change(s), %zu disruptive:\n", device, n, disruptive);
}

void print_plan_step(FILE *out, size_t i, const char *text)
{
	fprintf(out, "  %3zu. %s\n", i + 1, text);
}

void print_plan(FILE *out, const struct sriov_plan *plan, const char *device)
{
	size_t disruptive = 0;
	char text[256];

	for (size_t i = 0; i < plan->n; i++)
		disruptive += plan->changes[i].mode == SRIOV_CHANGE_DISRUPTIVE;
	print_plan_head(out, device, plan->n, disruptive);
	for (size_t i = 0; i < plan->n; i++) {
		sriov_change_format(&plan->changes[i], text, sizeof(text));
		print_plan_step(out, i, text);
	}
}
