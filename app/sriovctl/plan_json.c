/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>

#include "change_json.h"
#include "plan_json.h"
#include "print.h"

json_t *plan_json_build(const struct sriov_plan *plan, const char *device, const char *file,
			const char *backend, const char *description)
{
	json_t *steps = json_array(), *o;
	bool disruptive = false;

	for (size_t i = 0; steps && i < plan->n; i++) {
		json_array_append_new(steps, sriovd_change_json(&plan->changes[i]));
		disruptive |= plan->changes[i].mode == SRIOV_CHANGE_DISRUPTIVE;
	}
	o = json_pack("{s:s, s:s, s:s, s:o, s:b}", "device", device, "file", file ? file : "",
		      "backend", backend, "changes", steps, "disruptive", disruptive);
	if (o && description)
		json_object_set_new(o, "description", json_string(description));
	return o;
}

const char *plan_json_device_text(const json_t *pf_plan)
{
	const char *d = json_string_value(json_object_get(pf_plan, "description"));

	if (!d)
		d = json_string_value(json_object_get(pf_plan, "device"));
	return d ? d : "?";
}

void plan_json_print(FILE *out, const json_t *pf_plan)
{
	const json_t *steps = json_object_get(pf_plan, "changes");
	size_t i, disruptive = 0;
	json_t *s;

	json_array_foreach(steps, i, s) {
		const char *mode = json_string_value(json_object_get(s, "mode"));

		disruptive += mode && strcmp(mode, "disruptive") == 0;
	}
	print_plan_head(out, plan_json_device_text(pf_plan), json_array_size(steps), disruptive);
	json_array_foreach(steps, i, s) {
		const char *text = json_string_value(json_object_get(s, "text"));

		print_plan_step(out, i, text ? text : "?");
	}
}

int json_print(FILE *out, const json_t *j)
{
	char *text = j ? json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS) : NULL;

	if (!text)
		return 1;
	fprintf(out, "%s\n", text);
	free(text);
	return 0;
}
