/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The public face of each port's wire (x710sim.h): loopback or a host sink,
 * and frames arriving from it. The data path owns the wire; this file
 * checks what the host asks and translates the names.
 */
#include <errno.h>

#include "sim_model.h"

_Static_assert(X710SIM_WIRE_MAX_FRAME == SIM_DP_MAX_FRAME, "one largest frame");

int x710sim_set_wire(struct x710sim *sim, unsigned int port, enum x710sim_wire_mode mode,
		     x710sim_wire_sink_fn sink, void *ctx)
{
	enum sim_wire_mode dp_mode;

	if (port >= sim->params.n_pfs)
		return -EINVAL;
	switch (mode) {
	case X710SIM_WIRE_LOOPBACK:
		dp_mode = SIM_WIRE_LOOPBACK;
		break;
	case X710SIM_WIRE_SINK:
		dp_mode = SIM_WIRE_SINK;
		break;
	default:
		return -EINVAL;
	}
	if (sim->dp == NULL)
		return -ENODEV;
	sim_dp_set_wire(sim->dp, port, dp_mode, sink, ctx);
	return 0;
}

int x710sim_wire_inject(struct x710sim *sim, unsigned int port, const uint8_t *frame,
			size_t len)
{
	if (port >= sim->params.n_pfs || frame == NULL || len < X710SIM_WIRE_MIN_FRAME)
		return -EINVAL;
	if (len > X710SIM_WIRE_MAX_FRAME)
		return -EMSGSIZE;
	if (sim->dp == NULL)
		return -ENODEV;
	return sim_dp_wire_inject(sim->dp, port, frame, len);
}
