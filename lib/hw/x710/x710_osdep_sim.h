/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The osdep over the in-process device model (libx710sim): registers through
 * x710sim_rd32/wr32 (exact semantics), DMA from aligned malloc with IOVA =
 * the pointer (sim_dma_identity), and time that only moves when the layer
 * waits: delay_us advances a virtual clock and steps the model with
 * x710sim_poll(), so tests are deterministic and never sleep.
 */
#ifndef X710_OSDEP_SIM_H
#define X710_OSDEP_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x710_osdep.h"
#include "x710sim/x710sim.h"

/* Kept blocks (dma_alloc_kept) live here, beside the model, so an x710_hw
 * that goes away leaves them for the next one over the same osdep, as the
 * fd store does for a process. */
#define X710_OSDEP_SIM_KEPT_MAX 4

struct x710_osdep_sim_kept {
	char name[32];
	void *va;                      /* NULL: slot free */
	size_t size;
};

struct x710_osdep_sim {
	struct x710sim *sim;
	unsigned int pf;
	uint64_t now_us;               /* the virtual clock */
	uint64_t polls;                /* model steps taken */
	/* Optional observer of every register write (tests). */
	void (*on_wr32)(void *ctx, uint32_t off, uint32_t val);
	void *observer_ctx;
	enum x710_log_level log_level; /* messages above this are dropped */
	char last_log[256];
	/* dma_alloc_kept answers -ENOTSUP unless a test turns this on. */
	bool keep_memory;
	struct x710_osdep_sim_kept kept[X710_OSDEP_SIM_KEPT_MAX];
};

extern const struct x710_osdep_ops x710_osdep_sim_ops;

/* A ready osdep for PF `pf` of `sim` (s must outlive it). */
struct x710_osdep x710_osdep_sim_init(struct x710_osdep_sim *s, struct x710sim *sim,
				      unsigned int pf);
/* Frees the kept blocks still held (the end of the "fd store"). */
void x710_osdep_sim_fini(struct x710_osdep_sim *s);

#endif /* X710_OSDEP_SIM_H */
