/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `x710-sim start`: the daemon. It creates the model with the launcher's
 * host ops (file-backed regions in the fake tree, client DMA, FIFO
 * interrupts), then runs x710sim_poll() as the hardware would run: in a
 * busy loop, serving the control socket between polls.
 */
#ifndef SIM_DAEMON_H
#define SIM_DAEMON_H

#include <stdbool.h>

struct sim_daemon_opts {
	const char *dir;
	unsigned int n_pfs;
	unsigned int vfs_per_pf;
	bool foreground;
};

/* Returns the process exit status; the parent of a daemonised child
 * returns once the child reports ready (0) or failed (1). */
int sim_daemon_run(const struct sim_daemon_opts *opts);

#endif /* SIM_DAEMON_H */
