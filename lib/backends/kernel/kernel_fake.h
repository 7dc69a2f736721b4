/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fake kernel for the backend's tests: a sysfs tree in a temp dir with an
 * igb-like PF (0000:01:00.0, enp1s0, 7 VFs, offset 128, stride 2), a writer
 * that plays the kernel's part for each write and records it, and netlink
 * ops that keep VF attributes and refuse what igb refuses (kernel-vm.md), and
 * report the VF status the test put in `status`.
 */
#ifndef KERNEL_FAKE_H
#define KERNEL_FAKE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "kernel_port.h"
#include "kernel_vf_attr.h"

#define FAKE_PF_BDF "0000:01:00.0"
#define FAKE_PF_IF "enp1s0"
#define FAKE_PF_MAC "52:54:00:12:34:56"
#define FAKE_TOTAL_VFS 7
#define FAKE_MAX_WRITES 256
#define FAKE_WRITE_LEN 160

struct fake_kernel {
	char root[PATH_MAX];
	char writes[FAKE_MAX_WRITES][FAKE_WRITE_LEN];   /* "<path under root>=<value>" */
	size_t n_writes;
	unsigned int num_vfs;
	bool autoprobe;
	bool link_up;
	const char *fail_path_suffix;   /* a write to a path ending so fails ... */
	int fail_error;                 /* ... with this errno (negative) */
	struct kernel_vf_attrs vf[FAKE_TOTAL_VFS];
	size_t nl_sets, nl_gets;
	struct kernel_vf_status status[FAKE_TOTAL_VFS];   /* what a status dump reports */
	size_t nl_status_gets;
	int status_error;               /* a status dump fails with this (negative) */
	struct kernel_env env;
};

/* snprintf that asserts the result fits. */
void fake_path(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Builds the tree; asserts on failure. */
void fake_kernel_init(struct fake_kernel *k);
/* Removes the tree. */
void fake_kernel_fini(struct fake_kernel *k);
/* Index of the first recorded write containing @needle at or after @from, or -1. */
int fake_write_index(const struct fake_kernel *k, const char *needle, size_t from);
/* The VF's bound driver ("" when none) and override, from the tree. */
void fake_vf_driver(const struct fake_kernel *k, unsigned int vf, char *drv, size_t len);
/* Writes @text to the PF's sysfs file @name (operstate under net/ too). */
void fake_pf_file(const struct fake_kernel *k, const char *name, const char *text);
/* Creates @n VFs as writing sriov_numvfs would. */
void fake_set_num_vfs(struct fake_kernel *k, unsigned int n);
/* Whether VF @vf has a netdev in the tree. */
bool fake_vf_has_netdev(const struct fake_kernel *k, unsigned int vf);

#endif
