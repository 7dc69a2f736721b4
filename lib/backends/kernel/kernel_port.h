/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * An open kernel PF: sysfs, rtnetlink and the notes of the last apply. The
 * env lets tests open one over a fake sysfs tree with injected netlink ops.
 */
#ifndef KERNEL_PORT_H
#define KERNEL_PORT_H

#include <sriov/backend.h>

#include "kernel_pf.h"
#include "kernel_sysfs.h"
#include "kernel_vf_attr.h"

struct kernel_env {
	const char *sysfs_root;             /* NULL: $SRIOV_SYSFS_ROOT or /sys */
	kernel_sysfs_writer write;          /* NULL: real writes */
	void *write_arg;
	const struct kernel_nl_ops *nl;     /* NULL: libnl-route-3 */
	void *nl_ctx;
	unsigned int timeout_ms;            /* 0: KERNEL_BIND_TIMEOUT_MS; also bounds the
					     * wait for new VFs (operator PR #1019) */
};

/* sriov_backend_ops.open with an explicit environment. */
int kernel_port_open_env(const struct kernel_env *env, const char *device, unsigned int flags,
			 void **handle, struct sriov_error *err);

#endif
