/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `x710-sim fault KIND ARGS...`: parse a fault request and apply it
 * through the model's fault interface. Kinds (doc/x710-sim.8):
 *   aq-fail PF|any OPCODE RC [NTH]   aq-hang PF|any OPCODE [NTH]   aq-clear
 *   vf-flr PF VF   link PORT up|down   rx-overrun PF QUEUE N
 */
#ifndef MODEL_FAULT_H
#define MODEL_FAULT_H

#include <stddef.h>

struct x710sim;

/* argv[0] is KIND. 0, or -errno with the reason in `why`. */
int model_fault_apply(struct x710sim *sim, int argc, char *const argv[],
		      char *why, size_t why_len);

#endif /* MODEL_FAULT_H */
