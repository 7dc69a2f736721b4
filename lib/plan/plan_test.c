/* SPDX-License-Identifier: BSD-2-Clause */
/* The planner against the fake backend: no-op plans, every kind of change. */
#include <errno.h>

#include "plan_test_util.h"

static const struct sriov_change *only_change(const struct sriov_plan *plan)
{
	char text[200];

	for (size_t i = 0; i < plan->n; i++) {
		sriov_change_format(&plan->changes[i], text, sizeof(text));
		fprintf(stderr, "  change %zu: %s\n", i, text);
	}
	assert_int_equal(plan->n, 1);
	return &plan->changes[0];
}

static void test_equal_state_is_noop(void **state)
{
	struct sriov_conf *conf;
	const struct sriov_resolved *r = load(&conf, CONF_TWO_VFS);
	struct fake_dev dev;
	struct sriov_live *live;
	struct sriov_plan *plan;
	struct sriov_apply_result res;

	(void)state;
	dev_from(&dev, r);
	plan = plan_for(r, &dev, &live);
	assert_int_equal(plan->n, 0);
	assert_int_equal(sriov_apply(&fake_backend, &dev, plan, live, &res), 0);
	assert_int_equal(dev.calls, 0);
	assert_int_equal(dev.commits, 0);
	sriov_plan_free(plan);
	sriov_live_free(live);
	sriov_conf_free(conf);
}

/* One VF key edited on the device: exactly that key comes back, live. */
struct key_case {
	enum sriov_section sec;
	uint16_t vf;
	size_t param;
	union sriov_scalar device_value;
	const char *expect;          /* formatted change */
};

static void test_each_kind_of_change(void **state)
{
	static const struct key_case cases[] = {
		{ SRIOV_SECTION_VF, 0, VF_MAC, { .mac = { 2, 0, 0, 0, 0, 0x99 } },
		  "VF-0 mac-addr: 02:00:00:00:00:99 -> 02:00:00:00:00:10 (live; value differs)" },
		{ SRIOV_SECTION_VF, 1, VF_SPOOF, { .b = false },
		  "VF-1 spoof: false -> true (live; value differs)" },
		{ SRIOV_SECTION_VF, 0, VF_QUEUES, { .u = 8 },
		  "VF-0 queues: 8 -> 4 (live; value differs)" },
		{ SRIOV_SECTION_VF, 0, VF_VLAN, { .vlan = { .trunk = true } },
		  "VF-0 vlan: trunk -> 100 (live; value differs)" },
		{ SRIOV_SECTION_VF, 1, VF_VLAN, { .vlan = { .id = 7 } },
		  "VF-1 vlan: 7 -> trunk (live; value differs)" },
		{ SRIOV_SECTION_VF, 1, VF_LINK, { .enum_index = 0 },
		  "VF-1 link: auto -> disable (live; value differs)" },
		{ SRIOV_SECTION_VF, 0, VF_LABEL, { .s = "old" },
		  "VF-0 label: old -> zero (live; value differs)" },
		{ SRIOV_SECTION_PF, 0, PF_MODE, { .enum_index = 0 },
		  "PF pf-mode: veb -> vepa (live; PF setting differs)" },
	};
	struct sriov_conf *conf;
	const struct sriov_resolved *r = load(&conf, CONF_TWO_VFS);

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct key_case *k = &cases[i];
		struct fake_dev dev;
		struct sriov_live *live;
		struct sriov_plan *plan;
		char text[200];

		dev_from(&dev, r);
		if (k->sec == SRIOV_SECTION_PF)
			dev.pf.v[k->param] = k->device_value;
		else
			dev.vf[k->vf].v[k->param] = k->device_value;
		plan = plan_for(r, &dev, &live);
		const struct sriov_change *c = only_change(plan);
		assert_int_equal(c->mode, SRIOV_CHANGE_LIVE);
		assert_true(c->old_present);
		assert_false(c->fresh_vf);
		assert_int_equal(sriov_change_format(c, text, sizeof(text)), 0);
		assert_string_equal(text, k->expect);
		sriov_plan_free(plan);
		sriov_live_free(live);
	}
	sriov_conf_free(conf);
}

/* A value the backend could not read is planned, and said to be unknown. */
static void test_unknown_live_value_is_planned(void **state)
{
	struct sriov_conf *conf;
	const struct sriov_resolved *r = load(&conf, CONF_TWO_VFS);
	struct fake_dev dev;
	struct sriov_live *live;
	struct sriov_plan *plan;

	(void)state;
	dev_from(&dev, r);
	dev.vf[1].present &= ~(UINT64_C(1) << VF_SPOOF);
	plan = plan_for(r, &dev, &live);
	const struct sriov_change *c = only_change(plan);
	assert_false(c->old_present);
	assert_int_equal(c->vf, 1);
	assert_int_equal(c->param, VF_SPOOF);
	assert_string_equal(c->why, "live value unknown");
	sriov_plan_free(plan);
	sriov_live_free(live);
	sriov_conf_free(conf);
}

/* An optional key the file leaves out is not managed: no change. */
static void test_unset_optional_not_managed(void **state)
{
	struct sriov_conf *conf;
	const struct sriov_resolved *r = load(&conf,
		"PF { device : \"fake0\"; num_vfs : 1; }\n");
	struct fake_dev dev;
	struct sriov_live *live;
	struct sriov_plan *plan;

	(void)state;
	dev_from(&dev, r);
	dev.vf[0].v[VF_MAC] = (union sriov_scalar){ .mac = { 2, 1, 2, 3, 4, 5 } };
	dev.vf[0].present |= UINT64_C(1) << VF_MAC;
	plan = plan_for(r, &dev, &live);
	assert_int_equal(plan->n, 0);
	sriov_plan_free(plan);
	sriov_live_free(live);
	sriov_conf_free(conf);
}

static void check_recreate(const char *conf_text, uint16_t from, const char *why)
{
	struct sriov_conf *conf;
	const struct sriov_resolved *r = load(&conf, conf_text);
	struct fake_dev dev;
	struct sriov_live *live;
	struct sriov_plan *plan;
	size_t set_values = 0;

	dev_from(&dev, r);
	dev.num_vfs = from;
	plan = plan_for(r, &dev, &live);
	assert_true(plan->n >= 1);
	const struct sriov_change *c = &plan->changes[0];
	assert_int_equal(c->section, SRIOV_SECTION_PF);
	assert_string_equal(c->p->name, "num_vfs");
	assert_int_equal(c->mode, SRIOV_CHANGE_DISRUPTIVE);
	assert_int_equal(c->old_value.u, from);
	assert_int_equal(c->new_value.u, r->num_vfs);
	assert_string_equal(c->why, why);
	/* Every VF is recreated: all its set values follow, in VF order. */
	for (size_t i = 0; i < (size_t)r->num_vfs * r->n_vf; i++)
		set_values += r->vf[i].origin != SRIOV_ORIGIN_UNSET;
	assert_int_equal(plan->n, 1 + set_values);
	for (size_t i = 1; i < plan->n; i++) {
		assert_true(plan->changes[i].fresh_vf);
		assert_false(plan->changes[i].old_present);
		assert_int_equal(plan->changes[i].mode, SRIOV_CHANGE_LIVE);
		assert_true(plan->changes[i].vf >= plan->changes[i - 1].vf || i == 1);
	}
	sriov_plan_free(plan);
	sriov_live_free(live);
	sriov_conf_free(conf);
}

static void test_more_vfs_recreates_all(void **state)
{
	(void)state;
	check_recreate(CONF_TWO_VFS, 1, "more VFs wanted");
	check_recreate(CONF_TWO_VFS, 0, "more VFs wanted");
}

static void test_fewer_vfs_recreates_all(void **state)
{
	(void)state;
	check_recreate(CONF_TWO_VFS, 5, "fewer VFs wanted");
}

static void test_delete_plan(void **state)
{
	struct sriov_conf *conf;
	const struct sriov_resolved *r = load(&conf, CONF_TWO_VFS);
	struct fake_dev dev;
	struct sriov_live *live;
	struct sriov_plan *plan;
	char text[200];

	(void)state;
	dev_from(&dev, r);
	live = fake_read(&dev);
	assert_int_equal(sriov_plan_delete(&fake_backend, live, &plan), 0);
	const struct sriov_change *c = only_change(plan);
	sriov_change_format(c, text, sizeof(text));
	assert_string_equal(text, "PF num_vfs: 2 -> 0 (disruptive; VFs deleted)");
	sriov_plan_free(plan);
	sriov_live_free(live);
	/* No VFs: nothing to delete. */
	dev.num_vfs = 0;
	live = fake_read(&dev);
	assert_int_equal(sriov_plan_delete(&fake_backend, live, &plan), 0);
	assert_int_equal(plan->n, 0);
	sriov_plan_free(plan);
	sriov_live_free(live);
	sriov_conf_free(conf);
}

static int refuse_link(const struct sriov_change *c)
{
	if (c->section == SRIOV_SECTION_VF && strcmp(c->p->name, "link") == 0)
		return -EOPNOTSUPP;
	return strcmp(c->p->name, "num_vfs") == 0 ? SRIOV_CHANGE_DISRUPTIVE : SRIOV_CHANGE_LIVE;
}

/* A backend that cannot make a change makes the plan fail, naming it. */
static void test_backend_refuses_change(void **state)
{
	struct sriov_backend_ops ops = *fake_backend.ops;
	struct sriov_backend be = fake_backend;
	struct sriov_conf *conf;
	const struct sriov_resolved *r = load(&conf, CONF_TWO_VFS);
	struct fake_dev dev;
	struct sriov_live *live;
	struct sriov_plan *plan = NULL;
	struct sriov_error err = { 0 };

	(void)state;
	ops.change_mode = refuse_link;
	be.ops = &ops;
	dev_from(&dev, r);
	dev.vf[1].v[VF_LINK].enum_index = 0;
	live = fake_read(&dev);
	assert_int_equal(sriov_plan_build(&be, r, live, &plan, &err), -EOPNOTSUPP);
	assert_null(plan);
	assert_non_null(strstr(err.message, "VF-1 link: auto -> disable"));
	assert_non_null(strstr(err.message, "fake backend cannot"));
	sriov_live_free(live);
	sriov_conf_free(conf);
}

static void test_live_state_bounds(void **state)
{
	struct sriov_schema s = fake_schema();
	struct sriov_live *live = sriov_live_new(&s, 1);
	union sriov_scalar v = { .s = "copied" };
	char buf[8] = "temp";

	(void)state;
	assert_non_null(live);
	assert_null(sriov_live_get(live, SRIOV_SECTION_VF, 0, VF_LABEL));
	assert_int_equal(sriov_live_set(live, SRIOV_SECTION_VF, 1, VF_LABEL, &v), -ERANGE);
	assert_int_equal(sriov_live_set(live, SRIOV_SECTION_VF, 0, 99, &v), -ERANGE);
	v.s = buf;
	assert_int_equal(sriov_live_set(live, SRIOV_SECTION_VF, 0, VF_LABEL, &v), 0);
	buf[0] = 'X';   /* the state keeps its own copy */
	assert_string_equal(sriov_live_get(live, SRIOV_SECTION_VF, 0, VF_LABEL)->s, "temp");
	sriov_live_free(live);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_state_is_noop),
		cmocka_unit_test(test_each_kind_of_change),
		cmocka_unit_test(test_unknown_live_value_is_planned),
		cmocka_unit_test(test_unset_optional_not_managed),
		cmocka_unit_test(test_more_vfs_recreates_all),
		cmocka_unit_test(test_fewer_vfs_recreates_all),
		cmocka_unit_test(test_delete_plan),
		cmocka_unit_test(test_backend_refuses_change),
		cmocka_unit_test(test_live_state_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
