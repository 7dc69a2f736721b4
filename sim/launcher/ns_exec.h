/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `x710-sim exec -- CMD ARGS...`: register with the daemon in DIR, build a
 * private mount namespace (/dev tmpfs with the uio FIFOs, hugetlbfs,
 * /sys/class from the fake tree), set SYSFS_PCI_DEVICES and exec CMD in
 * place. Returns only on failure (-errno, after printing why).
 */
#ifndef NS_EXEC_H
#define NS_EXEC_H

/* PFs plus their VFs: X710SIM_MAX_PFS * (1 + X710SIM_MAX_VFS_PER_PF). */
#define NS_EXEC_MAX_UIO  (4 * (1 + 64))

int ns_exec(const char *dir, char *const argv[]);

#endif /* NS_EXEC_H */
