/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "x710_kept_mem.h"

static size_t page_round(size_t n)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);

	return (n + pg - 1) / pg * pg;
}

static int create(const struct sriov_fd_store *fds, const char *name, size_t len)
{
	int fd = memfd_create(name, MFD_CLOEXEC);
	int rc;

	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)len) != 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	if ((rc = fds->keep(fds->ctx, name, fd))) {
		close(fd);
		return rc;
	}
	return fd;
}

int x710_kept_mem_map(const struct sriov_fd_store *fds, const char *name, size_t size,
		      struct x710_kept_mem *m, bool *found)
{
	size_t len = page_round(size);
	struct stat st;
	int fd, rc = 0;

	memset(m, 0, sizeof(*m));
	if (!fds)
		return -ENOTSUP;
	fd = fds->fetch(fds->ctx, name);
	*found = fd >= 0;
	if (fd >= 0 && (fstat(fd, &st) != 0 || (size_t)st.st_size != len))
		rc = -EMSGSIZE;   /* another layout or VF count: not ours to resume */
	else if (fd < 0 && (fd = create(fds, name, len)) < 0)
		return fd;
	if (rc == 0) {
		m->va = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (m->va == MAP_FAILED) {
			rc = -errno;
			m->va = NULL;
		}
	}
	close(fd);   /* the mapping and the store hold it */
	if (rc)
		return rc;
	m->len = len;
	snprintf(m->name, sizeof(m->name), "%s", name);
	return 0;
}

void x710_kept_mem_unmap(struct x710_kept_mem *m)
{
	if (m->va)
		munmap(m->va, m->len);
	m->va = NULL;
}

void x710_kept_mem_release(const struct sriov_fd_store *fds, struct x710_kept_mem *m)
{
	x710_kept_mem_unmap(m);
	if (fds && m->name[0])
		fds->drop(fds->ctx, m->name);
	m->name[0] = '\0';
}
