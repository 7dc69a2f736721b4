/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SRIOV_X710_BACKEND_H
#define SRIOV_X710_BACKEND_H

#include <sriov/backend.h>

/* The X710 PF backend: its schema (x710_schema.c) and its device ops
 * (x710_port.c), which drive the PF in this process when DPDK is built in. */
extern const struct sriov_backend sriov_backend_x710;
extern const struct sriov_backend_ops sriov_x710_backend_ops;

#endif
