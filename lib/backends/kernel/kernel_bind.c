/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kernel_bind.h"

/* Poll step while waiting for the kernel (not a synchronisation: each
 * check reads the state again until a deadline). */
#define POLL_STEP_NS (10 * 1000 * 1000)

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void pause_step(void)
{
	struct timespec step = { 0, POLL_STEP_NS };

	nanosleep(&step, NULL);
}

static int vf_file(const struct kernel_pf *pf, unsigned int vf, const char *name, char *buf,
		   size_t len)
{
	int n = snprintf(buf, len, "%s/virtfn%u/%s", pf->dir, vf, name);

	return (n < 0 || (size_t)n >= len) ? -ENAMETOOLONG : 0;
}

static int write_vf(const struct kernel_sysfs *fs, const struct kernel_pf *pf, unsigned int vf,
		    const char *file, const char *value, struct sriov_error *err)
{
	char path[PATH_MAX];
	int rc = vf_file(pf, vf, file, path, sizeof(path));

	if (!rc)
		rc = kernel_sysfs_write(fs, path, value);
	if (rc)
		return sriov_error_set(err, rc, "VF-%u: writing '%s' to %s: %s", vf,
				       strcmp(value, "\n") ? value : "\\n", path, strerror(-rc));
	return 0;
}

static int probe(const struct kernel_sysfs *fs, const char *bdf, struct sriov_error *err)
{
	char path[PATH_MAX];
	int rc = kernel_sysfs_path(fs, path, sizeof(path), "bus/pci/drivers_probe");

	if (!rc)
		rc = kernel_sysfs_write(fs, path, bdf);
	/* drivers_probe reports a driver's failed probe too; the caller checks the result. */
	if (rc && rc != -ENODEV && rc != -EINVAL)
		return sriov_error_set(err, rc, "writing %s to %s: %s", bdf, path, strerror(-rc));
	return 0;
}

/* Waits until VF @vf's driver is @want ("" = unbound): 0 or -ETIMEDOUT. */
static int wait_driver(const struct kernel_pf *pf, unsigned int vf, const char *want,
		       unsigned int timeout_ms)
{
	uint64_t end = now_ms() + timeout_ms;
	struct kernel_vf_sys s;

	for (;;) {
		if (kernel_pf_vf(pf, vf, &s, NULL) == 0 && strcmp(s.driver, want) == 0)
			return 0;
		if (now_ms() >= end)
			return -ETIMEDOUT;
		pause_step();
	}
}

static int unbind(const struct kernel_sysfs *fs, const struct kernel_pf *pf, unsigned int vf,
		  const struct kernel_vf_sys *s, unsigned int timeout_ms, struct sriov_error *err)
{
	int rc;

	if (!s->driver[0])
		return 0;
	if ((rc = write_vf(fs, pf, vf, "driver/unbind", s->bdf, err)))
		return rc;
	return wait_driver(pf, vf, "", timeout_ms) ?
		sriov_error_set(err, -ETIMEDOUT, "VF-%u (%s) stays bound to %s", vf, s->bdf,
				s->driver) : 0;
}

/* Best effort: the VF's override and driver as they were in @was. */
static void restore(const struct kernel_sysfs *fs, const struct kernel_pf *pf, unsigned int vf,
		    const struct kernel_vf_sys *was, unsigned int timeout_ms)
{
	struct kernel_vf_sys now;

	write_vf(fs, pf, vf, "driver_override", was->override[0] ? was->override : "\n", NULL);
	if (kernel_pf_vf(pf, vf, &now, NULL) == 0 && strcmp(now.driver, was->driver) != 0) {
		unbind(fs, pf, vf, &now, timeout_ms, NULL);
		if (was->driver[0])
			probe(fs, was->bdf, NULL);
	}
}

int kernel_bind_vf(const struct kernel_sysfs *fs, const struct kernel_pf *pf, unsigned int vf,
		   const char *driver, unsigned int timeout_ms, struct sriov_error *err)
{
	struct kernel_vf_sys was;
	int rc;

	if ((rc = kernel_pf_vf(pf, vf, &was, err)))
		return rc;
	if (!driver[0]) {
		if ((rc = unbind(fs, pf, vf, &was, timeout_ms, err)) ||
		    (rc = write_vf(fs, pf, vf, "driver_override", "\n", err)))
			restore(fs, pf, vf, &was, timeout_ms);
		return rc;
	}
	if (strcmp(was.driver, driver) == 0 && strcmp(was.override, driver) == 0)
		return 0;
	rc = write_vf(fs, pf, vf, "driver_override", driver, err);
	if (!rc && strcmp(was.driver, driver) != 0) {
		rc = unbind(fs, pf, vf, &was, timeout_ms, err);
		if (!rc)
			rc = probe(fs, was.bdf, err);
		if (!rc && wait_driver(pf, vf, driver, timeout_ms))
			rc = sriov_error_set(err, -ENODEV, "VF-%u (%s): driver %s did not bind "
					     "(is its module loaded?)", vf, was.bdf, driver);
	}
	if (rc)
		restore(fs, pf, vf, &was, timeout_ms);
	return rc;
}

int kernel_unbind_from(const struct kernel_sysfs *fs, const struct kernel_pf *pf, unsigned int vf,
		       const char *driver, unsigned int timeout_ms, struct sriov_error *err)
{
	struct kernel_vf_sys was;
	int rc;

	if ((rc = kernel_pf_vf(pf, vf, &was, err)))
		return rc;
	if (strcmp(was.driver, driver) != 0 && strcmp(was.override, driver) != 0)
		return 0;
	rc = write_vf(fs, pf, vf, "driver_override", "\n", err);
	if (!rc)
		rc = unbind(fs, pf, vf, &was, timeout_ms, err);
	if (!rc)
		rc = probe(fs, was.bdf, err);
	if (rc)
		restore(fs, pf, vf, &was, timeout_ms);
	return rc;
}

int kernel_reprobe_vf(const struct kernel_sysfs *fs, const struct kernel_pf *pf, unsigned int vf,
		      bool *reprobed, char *driver, size_t driver_len, unsigned int timeout_ms,
		      struct sriov_error *err)
{
	struct kernel_vf_sys was;
	int rc;

	*reprobed = false;
	if ((rc = kernel_pf_vf(pf, vf, &was, err)))
		return rc;
	snprintf(driver, driver_len, "%s", was.driver);
	if (!was.driver[0])
		return 0;
	if ((rc = unbind(fs, pf, vf, &was, timeout_ms, err)) || (rc = probe(fs, was.bdf, err)))
		return rc;
	if (wait_driver(pf, vf, was.driver, timeout_ms))
		return sriov_error_set(err, -ENODEV, "VF-%u (%s): %s did not bind again after the "
				       "re-probe", vf, was.bdf, was.driver);
	*reprobed = true;
	return 0;
}

static bool has_virtfn(const struct kernel_pf *pf, unsigned int i)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s/virtfn%u", pf->dir, i);

	return n > 0 && (size_t)n < sizeof(path) && access(path, F_OK) == 0;
}

int kernel_wait_vfs(const struct kernel_pf *pf, unsigned int n, unsigned int timeout_ms)
{
	uint64_t end = now_ms() + timeout_ms;

	for (;;) {
		unsigned int i = 0;

		while (i < n && has_virtfn(pf, i))
			i++;
		if (i == n && !has_virtfn(pf, n))
			return 0;
		if (now_ms() >= end)
			return -ETIMEDOUT;
		pause_step();
	}
}

bool kernel_wait_link_up(const struct kernel_sysfs *fs, const struct kernel_pf *pf,
			 unsigned int timeout_ms)
{
	uint64_t end = now_ms() + timeout_ms;

	while (!kernel_pf_link_up(fs, pf)) {
		if (now_ms() >= end)
			return false;
		pause_step();
	}
	return true;
}
