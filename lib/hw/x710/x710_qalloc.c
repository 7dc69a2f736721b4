/* SPDX-License-Identifier: BSD-2-Clause */
/* A bitmap of the PF's queues: set = taken. */
#include <errno.h>
#include <string.h>

#include "x710_qalloc.h"

static int taken(const struct x710_qalloc *qa, unsigned int q)
{
	return (qa->map[q / 64] >> (q % 64)) & 1;
}

int x710_qalloc_init(struct x710_qalloc *qa, unsigned int count)
{
	if (count > X710_DEVICE_QUEUES)
		return -EINVAL;
	memset(qa, 0, sizeof(*qa));
	qa->count = count;
	return 0;
}

int x710_qalloc_get(struct x710_qalloc *qa, unsigned int n, uint16_t *out)
{
	unsigned int k = 0;

	if (n == 0 || n > qa->count - qa->used)
		return -ENOSPC;
	for (unsigned int q = 0; q < qa->count && k < n; q++) {
		if (taken(qa, q))
			continue;
		qa->map[q / 64] |= UINT64_C(1) << (q % 64);
		out[k++] = (uint16_t)q;
	}
	qa->used += k;
	return 0;
}

int x710_qalloc_claim(struct x710_qalloc *qa, unsigned int n, const uint16_t *qs)
{
	for (unsigned int i = 0; i < n; i++) {
		if (qs[i] >= qa->count)
			return -EINVAL;
		if (taken(qa, qs[i]))
			return -EBUSY;
		for (unsigned int k = 0; k < i; k++)
			if (qs[k] == qs[i])
				return -EBUSY;
	}
	for (unsigned int i = 0; i < n; i++)
		qa->map[qs[i] / 64] |= UINT64_C(1) << (qs[i] % 64);
	qa->used += n;
	return 0;
}

int x710_qalloc_put(struct x710_qalloc *qa, unsigned int n, const uint16_t *qs)
{
	int err = 0;

	for (unsigned int i = 0; i < n; i++) {
		unsigned int q = qs[i];

		if (q >= qa->count || !taken(qa, q)) {
			err = -EINVAL;
			continue;
		}
		qa->map[q / 64] &= ~(UINT64_C(1) << (q % 64));
		qa->used--;
	}
	return err;
}

unsigned int x710_qalloc_free_count(const struct x710_qalloc *qa)
{
	return qa->count - qa->used;
}
