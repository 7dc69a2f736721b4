/* SPDX-License-Identifier: BSD-2-Clause */
/* Mapping a VF's BAR0 from the simulator's PCI tree (vf_bar.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vf_bar.h"

int vf_bar_map(const char *dir, const char *bdf, size_t min_len, struct vf_bar *bar,
	       char *why, size_t why_len)
{
	char path[PATH_MAX];
	struct stat st;
	void *m;
	int fd, rc;

	bar->regs = NULL;
	bar->len = 0;
	/* A BDF with a slash would leave the tree. */
	if (strchr(bdf, '/') != NULL || bdf[0] == '\0' || bdf[0] == '.') {
		snprintf(why, why_len, "'%s' is not a PCI address", bdf);
		return -EINVAL;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/%s/resource0", dir, bdf) >= sizeof(path)) {
		snprintf(why, why_len, "%s/%s: path too long", dir, bdf);
		return -ENAMETOOLONG;
	}
	if ((fd = open(path, O_RDWR | O_CLOEXEC)) < 0) {
		rc = -errno;
		snprintf(why, why_len, "%s: %s", path, strerror(-rc));
		return rc;
	}
	if (fstat(fd, &st) != 0) {
		rc = -errno;
		snprintf(why, why_len, "fstat %s: %s", path, strerror(-rc));
		close(fd);
		return rc;
	}
	if (st.st_size < 0 || (size_t)st.st_size < min_len) {
		snprintf(why, why_len, "%s: %lld bytes, the VF's registers need %zu", path,
			 (long long)st.st_size, min_len);
		close(fd);
		return -ENXIO;
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	rc = m == MAP_FAILED ? -errno : 0;
	close(fd);
	if (rc) {
		snprintf(why, why_len, "mmap %s: %s", path, strerror(-rc));
		return rc;
	}
	bar->regs = m;
	bar->len = (size_t)st.st_size;
	return 0;
}

void vf_bar_unmap(struct vf_bar *bar)
{
	if (bar->regs != NULL)
		munmap((void *)bar->regs, bar->len);
	bar->regs = NULL;
	bar->len = 0;
}
