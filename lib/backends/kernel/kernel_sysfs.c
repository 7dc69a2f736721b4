/* SPDX-License-Identifier: BSD-2-Clause */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel_sysfs.h"

int kernel_sysfs_init(struct kernel_sysfs *fs, const char *root)
{
	const char *env = getenv(KERNEL_SYSFS_ROOT_ENV);
	int n;

	if (!root || !*root)
		root = env && *env ? env : KERNEL_SYSFS_DEFAULT_ROOT;
	n = snprintf(fs->root, sizeof(fs->root), "%s", root);
	if (n < 0 || (size_t)n >= sizeof(fs->root))
		return -ENAMETOOLONG;
	fs->write = kernel_sysfs_write_file;
	fs->write_arg = NULL;
	return 0;
}

int kernel_sysfs_path(const struct kernel_sysfs *fs, char *buf, size_t len, const char *rel)
{
	int n = snprintf(buf, len, "%s/%s", fs->root, rel);

	return (n < 0 || (size_t)n >= len) ? -ENAMETOOLONG : 0;
}

int kernel_sysfs_read(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd, rc = 0;

	if (len == 0)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0)
		rc = -errno;
	close(fd);
	if (rc)
		return rc;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

/* Small attributes: a u32 or a hex word fits with room to spare. */
#define SYSFS_NUMBER_MAX 32

/* An unsigned attribute in @base (0: decimal or 0x-hex) up to @max. */
static int read_number(const char *path, int base, unsigned long max, unsigned long *out)
{
	char buf[SYSFS_NUMBER_MAX], *end;
	int rc = kernel_sysfs_read(path, buf, sizeof(buf));

	if (rc)
		return rc;
	/* strtoul would take a sign or blanks; sysfs numbers have neither. */
	if (!isxdigit((unsigned char)buf[0]))
		return -EINVAL;
	errno = 0;
	*out = strtoul(buf, &end, base);
	return (errno || *end || *out > max) ? -EINVAL : 0;
}

int kernel_sysfs_read_u32(const char *path, uint32_t *out)
{
	unsigned long v;
	int rc = read_number(path, 0, UINT32_MAX, &v);

	if (!rc)
		*out = (uint32_t)v;
	return rc;
}

int kernel_sysfs_read_hex16(const char *path, uint16_t *out)
{
	unsigned long v;
	int rc = read_number(path, 16, UINT16_MAX, &v);

	if (!rc)
		*out = (uint16_t)v;
	return rc;
}

int kernel_sysfs_link_name(const char *path, char *buf, size_t len)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	const char *base;
	int w;

	if (n < 0)
		return -errno;
	target[n] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	w = snprintf(buf, len, "%s", base);
	return (w < 0 || (size_t)w >= len) ? -ENAMETOOLONG : 0;
}

int kernel_sysfs_write_file(void *arg, const char *path, const char *value)
{
	size_t len = strlen(value);
	ssize_t n;
	int fd, rc = 0;

	(void)arg;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, value, len);
	if (n < 0)
		rc = -errno;
	else if ((size_t)n != len)
		rc = -EIO;
	if (close(fd) && !rc)
		rc = -errno;
	return rc;
}

int kernel_sysfs_write(const struct kernel_sysfs *fs, const char *path, const char *value)
{
	return fs->write ? fs->write(fs->write_arg, path, value)
			 : kernel_sysfs_write_file(NULL, path, value);
}
