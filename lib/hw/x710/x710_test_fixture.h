/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the hardware layer's tests share: a device model with malloc'd
 * regions, the simulator osdep, an x710_hw for PF 0, and a VF-side admin
 * queue so a test can act as a VF driver. Test code only.
 */
#ifndef X710_TEST_FIXTURE_H
#define X710_TEST_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "x710_hw.h"
#include "x710_osdep_sim.h"
#include "x710sim/x710sim.h"

#define TF_VF_AQ_LEN 16
#define TF_VF_AQ_BUF 4096

struct tf {
	struct x710sim *sim;
	struct x710_osdep_sim os_sim;
	struct x710_hw *hw;
};

/* The model (2 PFs, vfs per PF) and hw with only the osdep filled in. */
void tf_setup_model(struct tf *t, unsigned int vfs_per_pf);
/* tf_setup_model + x710_pf_init (asserts success). */
void tf_setup_pf(struct tf *t, unsigned int vfs_per_pf);
void tf_teardown(struct tf *t);

/* Register read of PF 0 or of VF vf of PF 0 through x710sim_rd32. */
uint32_t tf_pf_rd(struct tf *t, uint32_t off);
uint32_t tf_vf_rd(struct tf *t, unsigned int vf, uint32_t off);

/* A VF driver's admin queue (the iavf init order of spec §1.2). */
struct tf_vf_aq {
	unsigned int vf;
	struct x710_aq_desc *atq, *arq;
	uint8_t *atq_buf;
	uint8_t *arq_buf[TF_VF_AQ_LEN];
	unsigned int ntu, ntc;
};
void tf_vf_aq_init(struct tf *t, struct tf_vf_aq *q, unsigned int vf);
void tf_vf_aq_fini(struct tf_vf_aq *q);
/* send_msg_to_pf (0x0801) with a virtchnl opcode and payload; steps the
 * model until the VF's ATQ head passes it. */
void tf_vf_send(struct tf *t, struct tf_vf_aq *q, uint32_t v_opcode, const void *msg,
		uint16_t len);
/* One VF ARQ event, or -EAGAIN. */
int tf_vf_recv(struct tf *t, struct tf_vf_aq *q, struct x710_aq_desc *d, void *buf, size_t cap);

#endif /* X710_TEST_FIXTURE_H */
