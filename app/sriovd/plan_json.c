/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdint.h>

#include "change_json.h"
#include "plan_json.h"

/* Sized for a PCI address, the device's name and its driver. */
#define DESCRIBE_LEN 160

json_t *sriovd_describe_json(const struct sriov_backend *be, void *handle)
{
	char text[DESCRIBE_LEN];

	if (!handle || !be->ops || !be->ops->describe || be->ops->describe(handle, text, sizeof(text)))
		return NULL;
	return json_string(text);
}

json_t *sriovd_desired_json(const struct sriovd *d, const struct sriovd_desired *des)
{
	json_t *pfs = json_array();
	bool disruptive = false;

	for (size_t i = 0; i < des->n; i++) {
		const struct sriovd_desired_pf *x = &des->pf[i];
		void *h = x->pf_index == SIZE_MAX ? x->new_handle : d->pf[x->pf_index].handle;
		json_t *changes = json_array(), *one, *text;
		bool dis = false;

		for (size_t k = 0; k < x->plan->n; k++) {
			json_array_append_new(changes, sriovd_change_json(&x->plan->changes[k]));
			dis |= x->plan->changes[k].mode == SRIOV_CHANGE_DISRUPTIVE;
		}
		disruptive |= dis;
		one = json_pack("{s:s, s:s, s:s, s:o, s:b}", "device", x->device, "file", x->file,
				"backend", x->be->name, "changes", changes, "disruptive", dis);
		if ((text = sriovd_describe_json(x->be, h)))
			json_object_set_new(one, "description", text);
		json_array_append_new(pfs, one);
	}
	return json_pack("{s:o, s:I, s:b}", "pfs", pfs, "changes",
			 (json_int_t)sriovd_desired_changes(des), "disruptive", disruptive);
}
