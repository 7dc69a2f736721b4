/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SRIOV_X710_BACKEND_H
#define SRIOV_X710_BACKEND_H

#include <sriov/backend.h>

/* The largest max-tx-rate: config_vsi_bw_limit's credit is a __le16 of
 * 50 Mbit/s units (i40e_adminq_cmd.h, I40E_BW_CREDIT_DIVISOR), 65535 x 50.
 * x710_policy.c checks it against the hardware layer's constants. */
#define X710_TX_RATE_MAX_MBPS 3276750u

/* The X710 PF backend: its schema (x710_schema.c) and its device ops
 * (x710_port.c), which drive the PF in this process when DPDK is built in. */
extern const struct sriov_backend sriov_backend_x710;
extern const struct sriov_backend_ops sriov_x710_backend_ops;

#endif
