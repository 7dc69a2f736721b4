/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The only environment dependency of the X710 hardware layer: register
 * access, DMA memory, time and logging as an ops table plus a context.
 * The layer calls nothing else from the OS, so the same code runs over
 * DPDK's EAL (vfio-pci, uio, nic_uio) and in process over the simulator.
 */
#ifndef X710_OSDEP_H
#define X710_OSDEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x710/x710_regs.h"

/* One block of device-visible memory: the CPU's pointer and the IOVA the
 * device uses for it. */
struct x710_dma {
	void *vaddr;
	uint64_t iova;
	size_t size;
	void *handle;          /* the environment's own bookkeeping */
};

enum x710_log_level {
	X710_LOG_ERR,
	X710_LOG_WARN,
	X710_LOG_INFO,
	X710_LOG_DEBUG,
};

struct x710_osdep_ops {
	uint32_t (*rd32)(void *ctx, uint32_t off);
	void (*wr32)(void *ctx, uint32_t off, uint32_t val);
	/* Zeroed, physically contiguous, `align`-aligned memory; 0 or -errno. */
	int (*dma_alloc)(void *ctx, size_t size, size_t align, struct x710_dma *out);
	void (*dma_free)(void *ctx, struct x710_dma *dma);
	/* Wait at least `us` microseconds; the simulator steps its model here. */
	void (*delay_us)(void *ctx, unsigned int us);
	/* Monotonic microseconds, only ever compared with itself. */
	uint64_t (*now_us)(void *ctx);
	void (*log)(void *ctx, enum x710_log_level level, const char *msg);
	/* Enable n VFs the way the OS does it (sysfs sriov_numvfs, config
	 * space). NULL when the caller enables VFs itself. */
	int (*set_num_vfs)(void *ctx, unsigned int n);
	/* DMA memory that outlives this process, for the PF's next owner to
	 * adopt: the block called @name comes back with its contents and IOVA
	 * (*found true) or is created zeroed. dma_free releases it for good.
	 * NULL: nothing outlives the process (adoption is then impossible). */
	int (*dma_alloc_kept)(void *ctx, const char *name, size_t size, size_t align,
			      struct x710_dma *out, bool *found);
};

struct x710_osdep {
	const struct x710_osdep_ops *ops;
	void *ctx;
};

static inline uint32_t x710_rd32(const struct x710_osdep *os, uint32_t off)
{
	return os->ops->rd32(os->ctx, off);
}

static inline void x710_wr32(const struct x710_osdep *os, uint32_t off, uint32_t val)
{
	os->ops->wr32(os->ctx, off, val);
}

/* Posted writes reach the device before a read returns (spec §3.1). */
static inline void x710_flush(const struct x710_osdep *os)
{
	(void)os->ops->rd32(os->ctx, X710_GLGEN_STAT);
}

static inline void x710_delay_us(const struct x710_osdep *os, unsigned int us)
{
	os->ops->delay_us(os->ctx, us);
}

static inline uint64_t x710_now_us(const struct x710_osdep *os)
{
	return os->ops->now_us(os->ctx);
}

static inline int x710_dma_alloc(const struct x710_osdep *os, size_t size, size_t align,
				 struct x710_dma *out)
{
	return os->ops->dma_alloc(os->ctx, size, align, out);
}

static inline void x710_dma_free(const struct x710_osdep *os, struct x710_dma *dma)
{
	if (dma->vaddr != NULL)
		os->ops->dma_free(os->ctx, dma);
	dma->vaddr = NULL;
	dma->iova = 0;
	dma->size = 0;
}

/* printf-style logging through ops->log (formatting is plain C). */
void x710_log(const struct x710_osdep *os, enum x710_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Poll `off` until (value & mask) == want, stepping `step_us` at a time for
 * at most `tries` steps. 0 when it matched, -ETIMEDOUT otherwise; *last
 * (if not NULL) gets the last value read.
 */
int x710_poll_reg(const struct x710_osdep *os, uint32_t off, uint32_t mask, uint32_t want,
		  unsigned int step_us, unsigned int tries, uint32_t *last);

#endif /* X710_OSDEP_H */
