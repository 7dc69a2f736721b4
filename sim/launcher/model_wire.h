/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `x710-sim wire` and `x710-sim inject` (doc/x710-sim.8): each port's wire
 * in the daemon, either the model's loopback or a pcap file that receives
 * every frame leaving the port, and frames from a pcap file delivered into
 * a port as if they came from the wire.
 *   wire PORT loopback     wire PORT pcap-out FILE     inject PORT FILE
 * FILE is an absolute path (the command line makes it so).
 */
#ifndef MODEL_WIRE_H
#define MODEL_WIRE_H

#include <stddef.h>

struct x710sim;
struct model_wire;

int model_wire_create(struct x710sim *sim, struct model_wire **out);
/* Flush and close every pcap file; the ports go back to loopback. */
void model_wire_destroy(struct model_wire *w);

/* argv[0] is PORT. 0 with what was done in `msg`, or -errno with why. */
int model_wire_apply(struct model_wire *w, int argc, char *const argv[], char *msg,
		     size_t msg_len);
/* The whole file is checked before the first frame goes in: a bad record
 * injects nothing. 0 with counts in `msg`, or -errno with why. */
int model_wire_inject(struct model_wire *w, int argc, char *const argv[], char *msg,
		      size_t msg_len);

/* Push buffered pcap records to their files (the daemon's control tick). */
void model_wire_flush(struct model_wire *w);
/* One line for `status`: "loopback" or "pcap-out FILE frames=N errors=M". */
void model_wire_describe(const struct model_wire *w, unsigned int port, char *out,
			 size_t len);

#endif /* MODEL_WIRE_H */
