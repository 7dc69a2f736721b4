/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One VF's configuration values (schema order, as struct sriov_live_row)
 * mapped to what the layers below take: the virtchnl host's vc_policy and
 * the hardware layer's x710_vf_config. Pure functions, unit-tested.
 */
#ifndef X710_POLICY_H
#define X710_POLICY_H

#include <stddef.h>

#include <sriov/plan.h>

#include "vc_policy.h"
#include "x710_hw.h"

/* Burst of a limited VF: 2^4 = 16 credits, what Linux's i40e asks for
 * (I40E_MAX_BW_INACTIVE_ACCUM) and the most the command documents firmware
 * taking. On the model that is 16 x 6250 B = 100 kB (sim/model/README.md). */
#define X710_TX_BURST_MAX_CREDIT 4

/* max-tx-rate in Mbit/s -> config_vsi_bw_limit credits of 50 Mbit/s,
 * rounded up (0 stays 0 = unlimited); -ERANGE past X710_TX_RATE_MAX_MBPS. */
int x710_policy_tx_credit(uint32_t mbps, uint16_t *credit);

/* The values of a VF nobody configured yet: every schema default. */
void x710_policy_defaults(const struct sriov_schema *schema, struct sriov_live_row *row);

/* 0, or -EINVAL with a reason in @why for a value the layers cannot take. */
int x710_policy_from_row(const struct sriov_schema *schema, const struct sriov_live_row *row,
			 struct vc_policy *out, char *why, size_t why_len);

/* The part of the policy that lives in the VF's VSI. */
void x710_policy_vf_config(const struct vc_policy *p, struct x710_vf_config *cfg);

#endif
