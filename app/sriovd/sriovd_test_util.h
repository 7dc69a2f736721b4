/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Test support for sriovd's unit tests: a fake PF backend ("fake") whose
 * devices are arrays of values with an event log, its sriovd extension,
 * and a daemon wired to them in a scratch directory.
 */
#ifndef SRIOVD_TEST_UTIL_H
#define SRIOVD_TEST_UTIL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <sriov/backend.h>

#include "backend_ext.h"
#include "daemon.h"

#define FAKE_DEVS 3
#define FAKE_MAX_VFS 8
#define FAKE_LOG_LEN 8192

struct fake_dev {
	char name[32];              /* "0000:01:00.0" */
	bool open;
	uint16_t num_vfs;
	struct sriov_live_row vf[FAKE_MAX_VFS];
	unsigned int pf_resets;     /* opens that reset the PF (VFs destroyed) */
	unsigned int vf_resets[FAKE_MAX_VFS];
	unsigned int recreations;   /* num_vfs changes */
	unsigned int applies;       /* apply_change calls */
	unsigned int fail_apply_at; /* fail this apply_change (1-based); 0 never */
	char token[40];
	unsigned int pending;       /* mailbox messages waiting */
	uint64_t rx_bytes;          /* reported for every VF, + vf index */
	unsigned int status_passes; /* status_pass(begin) calls */
	bool in_pass;               /* between status_pass(true) and (false) */
	unsigned int status_outside_pass;   /* vf_status calls outside a pass */
	atomic_uint serve_calls;    /* ops->serve entered (blocking variant) */
	atomic_uint served_closed;  /* serve() found its PF closed: must stay 0 */
};

/* The world the fake backend sees (tests only: the backend API gives
 * open() no context, so the fake keeps its devices here). */
struct fake_world {
	struct fake_dev dev[FAKE_DEVS];
	char log[FAKE_LOG_LEN];     /* "open 0000:01:00.0;apply num_vfs;...;READY;" */
};

extern struct fake_world fake_world;
extern const struct sriov_backend fake_sriovd_backend;
extern const struct sriovd_backend_ext fake_sriovd_ext;
extern const struct sriovd_ext_table fake_ext_table;
/* The same without the non-blocking service op: sriovd serves each PF
 * with a thread running the blocking ops->serve (serve_thread.h). */
extern const struct sriovd_ext_table fake_blocking_ext_table;

/* Clears the world; devices 0000:01:00.0, 0000:02:00.0, 0000:03:00.0. */
void fake_world_reset(void);
void fake_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Index of @needle in the log, or -1. */
int fake_log_find(const char *needle);
/* Index of the last occurrence of @needle in the log, or -1. */
int fake_log_rfind(const char *needle);

/* A daemon over the fake backend in a fresh scratch directory with
 * conf/, state/ and a socket path; notifications go to the fake log. */
struct test_env {
	char root[256];
	char conf_dir[300];
	char state_dir[300];
	char socket[300];
	char k8s[300];
	struct sriov_registry *reg;
	struct sriovd d;
	bool quiet;
};

void test_env_init(struct test_env *t);
void test_env_fini(struct test_env *t);
/* A new daemon over the same directories, as after kill -9 (handles are
 * closed without touching the devices). */
void test_env_restart(struct test_env *t);
/* Writes @text to conf/@name. */
void test_env_write_conf(struct test_env *t, const char *name, const char *text);
/* The value of VF key @key on device @dev as config text, or "" if unknown. */
const char *fake_value(int dev, uint16_t vf, const char *key);
/* Index of VF key @key in the fake schema (generic keys first). */
int fake_param(const char *key);

#endif
