/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Ordinary memory that outlives the process through an fd store: a memfd
 * whose fd the store holds, mapped shared. The x710 backend keeps its
 * virtchnl sessions there so a successor resumes them (vc_host_attach).
 */
#ifndef X710_KEPT_MEM_H
#define X710_KEPT_MEM_H

#include <stdbool.h>
#include <stddef.h>

#include <sriov/backend.h>

struct x710_kept_mem {
	void *va;
	size_t len;               /* mapped length (whole pages) */
	char name[64];
};

/* Maps the block @name of at least @size bytes: the one kept (*found, its
 * size must be the same) or a new zeroed one handed to @fds. 0 or -errno;
 * -EMSGSIZE when the kept block has another size. */
int x710_kept_mem_map(const struct sriov_fd_store *fds, const char *name, size_t size,
		      struct x710_kept_mem *m, bool *found);
/* Unmaps; the block stays in the store. */
void x710_kept_mem_unmap(struct x710_kept_mem *m);
/* Unmaps and tells the store to forget it. */
void x710_kept_mem_release(const struct sriov_fd_store *fds, struct x710_kept_mem *m);

#endif
