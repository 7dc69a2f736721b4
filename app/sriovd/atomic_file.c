/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"

static bool same_content(const char *path, const char *data, size_t len)
{
	struct stat st;
	bool same = false;
	char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && (size_t)st.st_size == len && (buf = malloc(len + 1))) {
		same = read(fd, buf, len + 1) == (ssize_t)len && memcmp(buf, data, len) == 0;
		free(buf);
	}
	close(fd);
	return same;
}

int sriovd_atomic_write(const char *path, const char *data, size_t len, unsigned int mode,
			bool *changed)
{
	char tmp[PATH_MAX];
	size_t off = 0;
	int fd, rc = 0;

	if (changed) {
		*changed = !same_content(path, data, len);
		if (!*changed)
			return 0;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		return -errno;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -errno : -EIO;
			break;
		}
		off += (size_t)n;
	}
	if (rc == 0 && fsync(fd))
		rc = -errno;
	if (close(fd) && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path))
		rc = -errno;
	if (rc)
		unlink(tmp);
	return rc;
}
