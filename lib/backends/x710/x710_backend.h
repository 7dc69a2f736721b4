/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SRIOV_X710_BACKEND_H
#define SRIOV_X710_BACKEND_H

#include <sriov/backend.h>

/* The X710 PF backend; today it publishes its schema only. */
extern const struct sriov_backend sriov_backend_x710;

#endif
