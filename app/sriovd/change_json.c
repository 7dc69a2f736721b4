/* SPDX-License-Identifier: BSD-2-Clause */
#include "change_json.h"

json_t *sriovd_change_json(const struct sriov_change *ch)
{
	char text[256], v[128];
	json_t *o = json_object();

	sriov_change_format(ch, text, sizeof(text));
	json_object_set_new(o, "text", json_string(text));
	json_object_set_new(o, "section", json_string(ch->section == SRIOV_SECTION_PF ? "PF" : "VF"));
	if (ch->section == SRIOV_SECTION_VF)
		json_object_set_new(o, "vf", json_integer(ch->vf));
	json_object_set_new(o, "key", json_string(ch->p ? ch->p->name : "?"));
	if (ch->p && ch->old_present && sriov_scalar_format(ch->p, &ch->old_value, v, sizeof(v)) == 0)
		json_object_set_new(o, "old", json_string(v));
	if (ch->p && sriov_scalar_format(ch->p, &ch->new_value, v, sizeof(v)) == 0)
		json_object_set_new(o, "new", json_string(v));
	json_object_set_new(o, "mode", json_string(ch->mode == SRIOV_CHANGE_DISRUPTIVE ?
						     "disruptive" : "live"));
	json_object_set_new(o, "why", json_string(ch->why));
	return o;
}
