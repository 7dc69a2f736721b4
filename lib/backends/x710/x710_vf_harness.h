/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A VF driver's side of the mailbox in process, against a port whose serve
 * loop runs in the same thread: post a virtchnl message on the VF's ATQ,
 * then alternate serve passes and model polls until the reply lands on the
 * VF's ARQ. Test and benchmark code only (asserts through cmocka).
 */
#ifndef X710_VF_HARNESS_H
#define X710_VF_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "x710_test_fixture.h"

/* Serve passes allowed for one round trip before it counts as lost. */
#define VFH_MAX_PASSES 1000

/* Sends v_opcode with msg and waits for the reply to it (events before it
 * are skipped). Returns the reply's length with *v_retval set, or
 * -ETIMEDOUT. */
int vfh_call(struct tf *t, void *port, struct tf_vf_aq *q, uint32_t v_opcode, const void *msg,
	     uint16_t len, void *reply, size_t cap, int32_t *v_retval);

/* VERSION 1.1 then GET_VF_RESOURCES: the VF is active in the host.
 * Returns the vsi_id the host granted. */
uint16_t vfh_init(struct tf *t, void *port, struct tf_vf_aq *q);

#endif /* X710_VF_HARNESS_H */
