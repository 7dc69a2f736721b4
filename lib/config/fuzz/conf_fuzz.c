/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer entry: any bytes through the loader, PF.device lookup and the
 * semantic pass against the X710 schema. Sanitizers report the failures.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <sriov/backend.h>
#include <sriov/config.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sriov_registry *reg = sriov_registry_new();
	struct sriov_conf *conf = sriov_conf_new();
	const struct sriov_backend *be;
	const char *device;
	char line[1024];

	if (!reg || !conf || sriov_registry_add_builtin(reg))
		goto out;
	be = sriov_registry_find(reg, "x710");
	if (sriov_conf_load_buffer(conf, "fuzz.conf", (const char *)data, size) == -ENOMEM)
		goto out;
	(void)sriov_conf_device(conf, &device);
	if (sriov_conf_resolve(conf, &(struct sriov_schema){ be->schema }) == 0) {
		const struct sriov_resolved *r = sriov_conf_resolved(conf);

		/* Touch every resolved value so a bad pointer shows up here. */
		for (size_t v = 0; v < (size_t)r->num_vfs * r->n_vf; v++) {
			const struct sriov_param *p =
				sriov_schema_param(&r->schema, SRIOV_SECTION_VF, v % r->n_vf);
			sriov_scalar_format(p, &r->vf[v].v, line, sizeof(line));
		}
	}
	for (size_t i = 0; i < sriov_conf_diag_count(conf); i++)
		sriov_diag_format(sriov_conf_diag(conf, i), line, sizeof(line));
out:
	sriov_conf_free(conf);
	sriov_registry_free(reg);
	return 0;
}
