/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sriov_apply against the fake backend: it converges, and a failure
 * injected at step k, for every k, leaves the device as it was.
 */
#include <errno.h>

#include "plan_test_util.h"

/* The device before each scenario: what @conf_text says, then edited. */
typedef void (*edit_fn)(struct fake_dev *dev);

static void edit_live_keys(struct fake_dev *dev)
{
	dev->vf[0].v[VF_MAC].mac[5] = 0x77;
	dev->vf[1].v[VF_SPOOF].b = false;
	dev->vf[1].v[VF_VLAN].vlan = (struct sriov_vlan){ .id = 12 };
	dev->pf.v[PF_MODE].enum_index = 0;
}

static void edit_fewer_vfs(struct fake_dev *dev)
{
	dev->num_vfs = 1;
	dev->vf[0].v[VF_QUEUES].u = 2;
}

static void edit_more_vfs(struct fake_dev *dev)
{
	dev->num_vfs = 3;
	dev->vf[2] = dev->vf[1];
	dev->vf[2].v[VF_LABEL].s = "third";
	dev->vf[2].present |= UINT64_C(1) << VF_LABEL;
}

static void edit_no_vfs(struct fake_dev *dev)
{
	memset(dev->vf, 0, sizeof(dev->vf));
	dev->num_vfs = 0;
}

static const edit_fn scenarios[] = { edit_live_keys, edit_fewer_vfs, edit_more_vfs, edit_no_vfs };

static void converge(const struct sriov_resolved *r, struct fake_dev *dev)
{
	struct sriov_live *live;
	struct sriov_plan *plan = plan_for(r, dev, &live);
	struct sriov_apply_result res;
	struct fake_dev want;

	assert_true(plan->n > 0);
	assert_int_equal(sriov_apply(&fake_backend, dev, plan, live, &res), 0);
	assert_false(res.failed);
	assert_int_equal(res.steps_done, plan->n);
	assert_int_equal(dev->commits, 1);
	dev_from(&want, r);
	assert_true(fake_dev_equal(dev, &want));
	sriov_plan_free(plan);
	sriov_live_free(live);
	/* Applying again changes nothing. */
	plan = plan_for(r, dev, &live);
	assert_int_equal(plan->n, 0);
	sriov_plan_free(plan);
	sriov_live_free(live);
}

static void test_apply_converges(void **state)
{
	struct sriov_conf *conf;
	const struct sriov_resolved *r = load(&conf, CONF_TWO_VFS);

	(void)state;
	for (size_t s = 0; s < sizeof(scenarios) / sizeof(scenarios[0]); s++) {
		struct fake_dev dev;

		dev_from(&dev, r);
		scenarios[s](&dev);
		converge(r, &dev);
	}
	sriov_conf_free(conf);
}

/* Fails step k (1-based) of the plan; the device must end as it began. */
static void fail_at_step(const struct sriov_resolved *r, edit_fn edit, unsigned int k, size_t n)
{
	struct fake_dev dev, before;
	struct sriov_live *live;
	struct sriov_plan *plan;
	struct sriov_apply_result res;

	dev_from(&dev, r);
	edit(&dev);
	before = dev;
	plan = plan_for(r, &dev, &live);
	assert_int_equal(plan->n, n);
	dev.fail_at = k;
	assert_int_equal(sriov_apply(&fake_backend, &dev, plan, live, &res), -EIO);
	assert_true(res.failed);
	assert_false(res.commit_failed);
	assert_int_equal(res.failed_step, k - 1);
	assert_int_equal(res.steps_done, k - 1);
	assert_int_equal(res.error.code, -EIO);
	assert_non_null(strstr(res.error.message, "injected failure"));
	assert_int_equal(res.undo_failures, 0);
	if (!fake_dev_equal(&dev, &before)) {
		fprintf(stderr, "state differs after failure at step %u of %zu\n", k, n);
		fail();
	}
	assert_int_equal(dev.commits, 1);   /* after the rollback */
	if (k == 1)
		assert_int_equal(dev.calls, 1);   /* the failed step itself is not undone */
	sriov_plan_free(plan);
	sriov_live_free(live);
}

static void test_rollback_at_every_step(void **state)
{
	struct sriov_conf *conf;
	const struct sriov_resolved *r = load(&conf, CONF_TWO_VFS);

	(void)state;
	for (size_t s = 0; s < sizeof(scenarios) / sizeof(scenarios[0]); s++) {
		struct fake_dev dev;
		struct sriov_live *live;
		struct sriov_plan *plan;
		size_t n;

		dev_from(&dev, r);
		scenarios[s](&dev);
		plan = plan_for(r, &dev, &live);
		n = plan->n;
		sriov_plan_free(plan);
		sriov_live_free(live);
		assert_true(n > 1);
		for (unsigned int k = 1; k <= n; k++)
			fail_at_step(r, scenarios[s], k, n);
	}
	sriov_conf_free(conf);
}

static void test_commit_failure_rolls_back(void **state)
{
	struct sriov_conf *conf;
	const struct sriov_resolved *r = load(&conf, CONF_TWO_VFS);
	struct fake_dev dev, before;
	struct sriov_live *live;
	struct sriov_plan *plan;
	struct sriov_apply_result res;

	(void)state;
	dev_from(&dev, r);
	edit_fewer_vfs(&dev);
	before = dev;
	plan = plan_for(r, &dev, &live);
	dev.fail_commit = true;
	assert_int_equal(sriov_apply(&fake_backend, &dev, plan, live, &res), -EBUSY);
	assert_true(res.commit_failed);
	assert_int_equal(res.steps_done, plan->n);
	assert_non_null(strstr(res.error.message, "injected commit failure"));
	assert_true(fake_dev_equal(&dev, &before));
	sriov_plan_free(plan);
	sriov_live_free(live);
	sriov_conf_free(conf);
}

/* A step whose previous value was unknown cannot be undone: said, not hidden. */
static void test_unknown_old_value_reported(void **state)
{
	struct sriov_conf *conf;
	const struct sriov_resolved *r = load(&conf, CONF_TWO_VFS);
	struct fake_dev dev;
	struct sriov_live *live;
	struct sriov_plan *plan;
	struct sriov_apply_result res;

	(void)state;
	dev_from(&dev, r);
	dev.vf[0].present &= ~(UINT64_C(1) << VF_SPOOF);
	dev.vf[1].v[VF_QUEUES].u = 3;
	plan = plan_for(r, &dev, &live);
	assert_int_equal(plan->n, 2);
	dev.fail_at = 2;
	assert_int_equal(sriov_apply(&fake_backend, &dev, plan, live, &res), -EIO);
	assert_int_equal(res.undo_failures, 1);
	assert_int_equal(res.undo_error.code, -ENODATA);
	assert_non_null(strstr(res.undo_error.message, "cannot undo step 1 (VF-0 spoof"));
	sriov_plan_free(plan);
	sriov_live_free(live);
	sriov_conf_free(conf);
}

/* A step the backend rejects is named with the backend's reason. */
static void test_failed_step_message(void **state)
{
	struct sriov_conf *conf;
	const struct sriov_resolved *r = load(&conf,
		"PF { device : \"fake0\"; num_vfs : 9; }\n");
	struct fake_dev dev = { .pf.present = UINT64_C(1) << PF_MODE };   /* veb, as wanted */
	struct sriov_live *live;
	struct sriov_plan *plan;
	struct sriov_apply_result res;

	(void)state;
	plan = plan_for(r, &dev, &live);
	assert_int_equal(sriov_apply(&fake_backend, &dev, plan, live, &res), -ERANGE);
	assert_string_equal(res.error.message,
			    "step 1 of 37 (PF num_vfs: 0 -> 9 (disruptive; more VFs wanted)) "
			    "failed: at most 8 VFs");
	assert_int_equal(dev.num_vfs, 0);
	sriov_plan_free(plan);
	sriov_live_free(live);
	sriov_conf_free(conf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply_converges),
		cmocka_unit_test(test_rollback_at_every_step),
		cmocka_unit_test(test_commit_failure_rolls_back),
		cmocka_unit_test(test_unknown_old_value_reported),
		cmocka_unit_test(test_failed_step_message),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
