/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A queue allocator over the PF's queue range (PF-relative indices
 * 0..count-1). VF VSIs map queues one by one (noncontig, spec §3.4), so an
 * allocation may be scattered, as ixl's qmgr does.
 */
#ifndef X710_QALLOC_H
#define X710_QALLOC_H

#include <stdint.h>

#define X710_DEVICE_QUEUES 1536   /* _Q = 0..1535 (spec §3.3) */

struct x710_qalloc {
	unsigned int count;
	unsigned int used;
	uint64_t map[X710_DEVICE_QUEUES / 64];
};

/* 0, or -EINVAL when count exceeds the device's queues. */
int x710_qalloc_init(struct x710_qalloc *qa, unsigned int count);
/* Take n queues, lowest free first, into out[]. 0 or -ENOSPC (nothing taken). */
int x710_qalloc_get(struct x710_qalloc *qa, unsigned int n, uint16_t *out);
/* Give queues back; -EINVAL if one is out of range or not taken (the rest
 * are still returned). */
/* Mark the n queues in qs[] taken (an adopted VF's): 0, -EINVAL (out of
 * range) or -EBUSY (already taken); nothing is taken on failure. */
int x710_qalloc_claim(struct x710_qalloc *qa, unsigned int n, const uint16_t *qs);
int x710_qalloc_put(struct x710_qalloc *qa, unsigned int n, const uint16_t *qs);
unsigned int x710_qalloc_free_count(const struct x710_qalloc *qa);

#endif /* X710_QALLOC_H */
