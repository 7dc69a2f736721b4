/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdarg.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "x710/virtchnl_defs.h"
#include "x710_port.h"
#include "x710_vf_harness.h"

int vfh_call(struct tf *t, void *port, struct tf_vf_aq *q, uint32_t v_opcode, const void *msg,
	     uint16_t len, void *reply, size_t cap, int32_t *v_retval)
{
	tf_vf_send(t, q, v_opcode, msg, len);
	for (unsigned int i = 0; i < VFH_MAX_PASSES; i++) {
		struct x710_aq_desc d;
		int n;

		assert_true(x710_port_serve_pass(port) >= 0);
		x710sim_poll(t->sim);
		n = tf_vf_recv(t, q, &d, reply, cap);
		if (n < 0 || d.cookie_high != v_opcode)
			continue;   /* nothing yet, or an event (link change) */
		*v_retval = (int32_t)d.cookie_low;
		return n;
	}
	return -ETIMEDOUT;
}

uint16_t vfh_init(struct tf *t, void *port, struct tf_vf_aq *q)
{
	struct virtchnl_version_info ver = { VIRTCHNL_VERSION_MAJOR, VIRTCHNL_VERSION_MINOR };
	uint32_t caps = VIRTCHNL_VF_OFFLOAD_L2;
	uint8_t buf[TF_VF_AQ_BUF];
	int32_t status = -1;

	assert_true(vfh_call(t, port, q, VIRTCHNL_OP_VERSION, &ver, sizeof(ver), buf, sizeof(buf),
			     &status) > 0);
	assert_int_equal(status, 0);
	struct virtchnl_vf_resource res;

	assert_true(vfh_call(t, port, q, VIRTCHNL_OP_GET_VF_RESOURCES, &caps, sizeof(caps), buf,
			     sizeof(buf), &status) >= (int)sizeof(res));
	assert_int_equal(status, 0);
	memcpy(&res, buf, sizeof(res));
	assert_true(res.num_vsis >= 1);
	return res.vsi_res[0].vsi_id;
}
