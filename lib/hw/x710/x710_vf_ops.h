/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The virtchnl PF host's hardware interface (lib/virtchnl/vc_hw_ops.h)
 * implemented over this layer. ctx is the struct x710_hw of the PF.
 */
#ifndef X710_VF_OPS_H
#define X710_VF_OPS_H

#include "vc_hw_ops.h"

extern const struct vc_hw_ops x710_vc_hw_ops;

#endif /* X710_VF_OPS_H */
