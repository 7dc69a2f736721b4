/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Rx checksum status (x710-hardware.md §4.2): the L3L4P, IPE, L4E and
 * INT_UDP_0 bits of a frame's last write-back, from the checks the silicon
 * does on the packet types the model classifies (sim_dp_frame.c).
 */
#ifndef SIM_DP_RX_CSUM_H
#define SIM_DP_RX_CSUM_H

#include <stdint.h>

struct sim_frame;

/* The qw1 status and error bits of a parsed frame (sim_dp_frame_parse);
 * 0 for a frame whose integrity was not checked. Reads only inside
 * f->data[0, f->len). */
uint64_t sim_dp_rx_csum_status(const struct sim_frame *f);

#endif /* SIM_DP_RX_CSUM_H */
