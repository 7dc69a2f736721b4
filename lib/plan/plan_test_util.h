/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by plan_test.c and apply_test.c: configs and devices for the fake backend. */
#ifndef SRIOV_PLAN_TEST_UTIL_H
#define SRIOV_PLAN_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <sriov/config.h>

#include "fake_backend.h"

/* The parameter indices of the fake schema (generic keys first). */
enum { PF_NUM_VFS = 0, PF_DEVICE = 1, PF_MODE = 2 };
enum { VF_PASSTHROUGH = 0, VF_MAC, VF_SPOOF, VF_QUEUES, VF_VLAN, VF_LINK, VF_LABEL };

/* Two VFs, every VF key given a value somewhere. */
#define CONF_TWO_VFS \
	"PF { device : \"fake0\"; num_vfs : 2; pf-mode : vepa; }\n" \
	"DEFAULT { spoof : true; queues : 4; }\n" \
	"VF-0 { mac-addr : \"02:00:00:00:00:10\"; vlan : 100; label : \"zero\"; }\n" \
	"VF-1 { mac-addr : \"02:00:00:00:00:11\"; vlan : trunk; link : disable; }\n"

static inline const struct sriov_resolved *load(struct sriov_conf **conf, const char *text)
{
	struct sriov_schema s = fake_schema();
	char line[512];

	*conf = sriov_conf_new();
	assert_non_null(*conf);
	assert_int_equal(sriov_conf_load_buffer(*conf, "t.conf", text, strlen(text)), 0);
	if (sriov_conf_resolve(*conf, &s) != 0) {
		for (size_t i = 0; i < sriov_conf_diag_count(*conf); i++) {
			sriov_diag_format(sriov_conf_diag(*conf, i), line, sizeof(line));
			fprintf(stderr, "diag: %s\n", line);
		}
		fail();
	}
	return sriov_conf_resolved(*conf);
}

/* A device already in the state @r describes (set values only). */
static inline void dev_from(struct fake_dev *dev, const struct sriov_resolved *r)
{
	memset(dev, 0, sizeof(*dev));
	dev->num_vfs = r->num_vfs;
	for (size_t i = 2; i < r->n_pf; i++)
		if (r->pf[i].origin != SRIOV_ORIGIN_UNSET) {
			dev->pf.v[i] = r->pf[i].v;
			dev->pf.present |= UINT64_C(1) << i;
		}
	for (uint16_t vf = 0; vf < r->num_vfs; vf++)
		for (size_t i = 0; i < r->n_vf; i++) {
			const struct sriov_value *v = &r->vf[(size_t)vf * r->n_vf + i];

			if (v->origin == SRIOV_ORIGIN_UNSET)
				continue;
			dev->vf[vf].v[i] = v->v;
			dev->vf[vf].present |= UINT64_C(1) << i;
		}
}

static inline struct sriov_plan *plan_for(const struct sriov_resolved *r, struct fake_dev *dev,
					  struct sriov_live **live)
{
	struct sriov_plan *plan = NULL;
	struct sriov_error err = { 0 };

	*live = fake_read(dev);
	assert_non_null(*live);
	if (sriov_plan_build(&fake_backend, r, *live, &plan, &err)) {
		fprintf(stderr, "plan: %s\n", err.message);
		fail();
	}
	return plan;
}

#endif
