/* SPDX-License-Identifier: BSD-2-Clause */
/* sriovd's command line and its defaults (doc/sriovd.8 lists them). */
#ifndef SRIOVD_OPTIONS_H
#define SRIOVD_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SRIOVD_DEFAULT_CONFIG_DIR "/etc/iov"          /* FreeBSD iovctl_files' home */
#define SRIOVD_DEFAULT_STATE_DIR "/var/lib/sriovd"    /* systemd StateDirectory= */
#define SRIOVD_DEFAULT_SOCKET "/run/sriovd/sriovd.sock"
#define SRIOVD_DEFAULT_SOCKET_MODE 0660
#define SRIOVD_DEFAULT_K8S_CONFIG "/etc/pcidp/config.json"   /* spec linux-ecosystem.md §3.1 */
#define SRIOVD_DEFAULT_RESOURCE_PREFIX "sriovd.io"
/* PCI devices in sysfs; $SYSFS_PCI_DEVICES overrides it, as in DPDK. */
#define SRIOVD_DEFAULT_PCI_DEVICES "/sys/bus/pci/devices"
/* A request body larger than this is refused with 413: a whole config
 * file is a few KiB, so 64 KiB leaves room without inviting abuse. */
#define SRIOVD_DEFAULT_BODY_LIMIT (64 * 1024)
/* Mailbox service period when the backend offers no event fd. */
#define SRIOVD_DEFAULT_SERVICE_USEC 1000
/* Messages answered per service call, so the API is never starved. */
#define SRIOVD_DEFAULT_SERVICE_BUDGET 64

#define SRIOVD_NAME_MAX 64
#define SRIOVD_MAX_IDS 16
#define SRIOVD_MAX_POOLS 32

/* --fd-store: who holds the PF memory across a restart (sriovd(8)). */
enum sriovd_fd_store_kind {
	SRIOVD_FD_STORE_KEEPER,             /* default: a keeper process (fd_keeper.h) */
	SRIOVD_FD_STORE_SYSTEMD,            /* the service manager's FDSTORE=1 */
	SRIOVD_FD_STORE_NONE,               /* nothing: PFs are not adopted */
};

/* --on-stop: what SIGTERM/SIGINT do with the PFs (sriovd(8)). */
enum sriovd_stop_kind {
	SRIOVD_STOP_DETACH,                 /* default: left running for the next sriovd */
	SRIOVD_STOP_CLOSE,                  /* shut down: nothing keeps DMA-ing */
};

/* --pool NAME=DEVICE#FIRST-LAST[:DRIVER] */
struct sriovd_pool {
	char name[SRIOVD_NAME_MAX];
	char device[SRIOVD_NAME_MAX];
	uint16_t first, last;
	char driver[32];
};

struct sriovd_options {
	const char *config_dir;
	const char *state_dir;              /* "" : keep no state */
	const char *socket_path;
	unsigned int socket_mode;
	int tcp_port;                       /* 0: no loopback listener (read-only API) */
	const char *k8s_config;             /* "" : do not write one */
	const char *resource_prefix;
	const char *pci_devices;            /* where <pf>/virtfnN links live */
	size_t body_limit;
	unsigned int service_usec;
	unsigned int service_budget;
	uid_t uid[SRIOVD_MAX_IDS];          /* peers allowed on the Unix socket */
	size_t n_uid;
	gid_t gid[SRIOVD_MAX_IDS];
	size_t n_gid;
	struct sriovd_pool pool[SRIOVD_MAX_POOLS];
	size_t n_pool;
	enum sriovd_fd_store_kind fd_store;
	enum sriovd_stop_kind on_stop;
	bool check_only;                    /* -n: validate the directory, apply nothing */
	bool foreground_log_stderr;
};

void sriovd_options_default(struct sriovd_options *o);
/* Parses "NAME=DEVICE#A-B[:DRIVER]"; 0 or -EINVAL with the reason in @why. */
int sriovd_pool_parse(const char *s, struct sriovd_pool *p, char *why, size_t why_len);
/* Parses argv; 0, 1 when --help was printed, or -EINVAL after a message. */
int sriovd_options_parse(struct sriovd_options *o, int argc, char **argv);

#endif /* SRIOVD_OPTIONS_H */
