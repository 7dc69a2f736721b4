/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sriov/device_name.h>

#include "atomic_file.h"
#include "k8s_config.h"
#include "pool.h"

/* The device plugin reads the file; nobody needs to write it but us. */
#define K8S_CONFIG_MODE 0644

json_t *sriovd_k8s_config_json(const struct sriovd *d)
{
	struct sriovd_pool pools[SRIOVD_MAX_POOLS > 64 ? SRIOVD_MAX_POOLS : 64];
	size_t n = sriovd_pools(d, pools, sizeof(pools) / sizeof(pools[0]));
	json_t *list = json_array();

	for (size_t i = 0; list && i < n; i++) {
		const struct sriovd_pf *pf = sriovd_pf_find((struct sriovd *)d, pools[i].device);
		struct sriov_pci_address a;
		char root[SRIOVD_NAME_MAX + 16], bdf[16];
		json_t *sel, *res;

		/* rootDevices take a PCI address; a PF named otherwise has none to give. */
		if (!pf || sriov_device_classify(pf->device, &a) != SRIOV_DEVICE_PCI_ADDRESS)
			continue;
		snprintf(bdf, sizeof(bdf), "%04x:%02x:%02x.%x", a.domain, a.bus, a.device, a.function);
		snprintf(root, sizeof(root), "%s#%u-%u", bdf, pools[i].first, pools[i].last);
		sel = json_pack("{s:[s], s:[s]}", "drivers", pools[i].driver, "rootDevices", root);
		res = json_pack("{s:s, s:s, s:s, s:b, s:[o]}", "resourceName", pools[i].name,
				"resourcePrefix", d->opt.resource_prefix, "deviceType", "netDevice",
				"excludeTopology", 0, "selectors", sel);
		if (res && pf->vf_token[0])
			json_object_set_new(res, "additionalInfo",
					    json_pack("{s:{s:s}}", "*", "vfio_vf_token", pf->vf_token));
		if (!res || json_array_append_new(list, res)) {
			json_decref(list);
			return NULL;
		}
	}
	return list ? json_pack("{s:o}", "resourceList", list) : NULL;
}

int sriovd_k8s_config_write(const struct sriovd *d, bool *changed)
{
	json_t *doc;
	char *text;
	int rc;

	*changed = false;
	if (!d->opt.k8s_config || !d->opt.k8s_config[0])
		return 0;
	doc = sriovd_k8s_config_json(d);
	text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS) : NULL;
	json_decref(doc);
	if (!text)
		return -ENOMEM;
	rc = sriovd_atomic_write(d->opt.k8s_config, text, strlen(text), K8S_CONFIG_MODE, changed);
	free(text);
	return rc;
}
