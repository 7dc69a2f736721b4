/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The x710 backend over any osdep: what sriov_x710_backend_ops does after
 * DPDK's EAL has mapped the PF, here over an osdep the caller brings (the
 * in-process simulator in the tests). The handle takes the backend's ops.
 */
#ifndef X710_PORT_H
#define X710_PORT_H

#include <sriov/backend.h>

#include "x710_osdep.h"

/* 8086:1572, what an in-process PF reports as its device ID. */
#define X710_PCI_DEVICE_X710_SFP 0x1572

/* PF init over @os (PF function @pf_id); the handle owns the PF as if
 * opened with SRIOV_OPEN_APPLY. */
int x710_port_open_osdep(const struct x710_osdep *os, unsigned int pf_id, unsigned int flags,
			 void **handle, struct sriov_error *err);

/* Takes over PF @pf_id left running by a detached owner over the same
 * osdep: its admin queue with the events posted meanwhile (x710_aq_adopt)
 * and its HMC. VFs are not read back here (sriov_x710_backend_ops.open_ex
 * does that from the saved state and kept sessions); the handle serves the
 * PF's own events. */
int x710_port_adopt_osdep(const struct x710_osdep *os, unsigned int pf_id, unsigned int flags,
			  void **handle, struct sriov_error *err);

/* One pass of the serve loop: VFs that went through an FLR are rebuilt
 * (once), then at most one admin receive queue event is handled (a VF
 * message, a link change). Returns 1 if an event was handled, 0 when the
 * ARQ was empty, or a negative errno. For in-process tests and benchmarks. */
int x710_port_serve_pass(void *handle);

#endif
