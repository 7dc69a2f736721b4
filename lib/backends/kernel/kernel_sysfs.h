/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sysfs as the kernel backend sees it: a root directory (/sys, or a fake
 * tree for tests: $SRIOV_SYSFS_ROOT) and one writer. Every write goes through
 * the writer so tests can record the order of writes and play the kernel's
 * part (create virtfnN links, bind a driver on drivers_probe).
 */
#ifndef KERNEL_SYSFS_H
#define KERNEL_SYSFS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The environment variable that moves the sysfs root (tests, containers). */
#define KERNEL_SYSFS_ROOT_ENV "SRIOV_SYSFS_ROOT"
#define KERNEL_SYSFS_DEFAULT_ROOT "/sys"

/* Writes @value to the file @path with one write(2): 0 or -errno. */
typedef int (*kernel_sysfs_writer)(void *arg, const char *path, const char *value);

struct kernel_sysfs {
	char root[PATH_MAX];
	kernel_sysfs_writer write;   /* NULL: the real write(2) */
	void *write_arg;
};

/* Root from @root, else $SRIOV_SYSFS_ROOT, else /sys; the real writer. */
int kernel_sysfs_init(struct kernel_sysfs *fs, const char *root);

/* <root>/<rel> into @buf: 0 or -ENAMETOOLONG. */
int kernel_sysfs_path(const struct kernel_sysfs *fs, char *buf, size_t len, const char *rel);

/* Reads a small attribute (absolute @path), newline stripped: 0 or -errno. */
int kernel_sysfs_read(const char *path, char *buf, size_t len);
/* Decimal or 0x-hex unsigned attribute; -EINVAL when it is neither. */
int kernel_sysfs_read_u32(const char *path, uint32_t *out);
/* Hex without 0x (sriov_vf_device "10ca"). */
int kernel_sysfs_read_hex16(const char *path, uint16_t *out);
/* The last component of a symlink's target ("igbvf" for .../driver). */
int kernel_sysfs_link_name(const char *path, char *buf, size_t len);
/* One write through the configured writer. */
int kernel_sysfs_write(const struct kernel_sysfs *fs, const char *path, const char *value);

/* The real writer: open, one write(2), close (its errno is what the kernel said). */
int kernel_sysfs_write_file(void *arg, const char *path, const char *value);

#endif
