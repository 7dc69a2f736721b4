/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the model's conformance tests share: a host that mallocs regions and
 * records interrupts, and a driver-side admin queue that works the rings the
 * way i40e/iavf do (x710-hardware.md §2.1), through shared BAR memory and
 * x710sim_poll() only. Test code, never linked into libx710sim.
 */
#ifndef SIM_TEST_FIXTURE_H
#define SIM_TEST_FIXTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "x710sim/x710sim.h"
#include "x710/x710_adminq_defs.h"
#include "x710/x710_regs.h"

#define FX_AQ_LEN     32
#define FX_AQ_BUF     4096
#define FX_MAX_IRQS   64

struct fx_irq {
	struct x710sim_fn fn;
	unsigned int vector;
};

struct fx {
	struct x710sim *sim;
	struct fx_irq irqs[FX_MAX_IRQS];
	unsigned int n_irqs;
	unsigned int n_added, n_removed;
	char last_log[256];
	uint64_t clock_ns;          /* the host clock (now_ns), advanced by tests */
};

/* Regs of one AQ pair of a function, driver view. */
struct fx_aq {
	struct fx *fx;
	struct x710sim_fn fn;
	uint32_t atq_bal, atq_bah, atq_len, atq_h, atq_t;
	uint32_t arq_bal, arq_bah, arq_len, arq_h, arq_t;
	struct x710_aq_desc *atq, *arq;
	uint8_t *arq_buf[FX_AQ_LEN];
	uint8_t *atq_buf;
	unsigned int ntu, ntc;
};

/* A model with n_pfs PFs and vfs VFs per PF; asserts on failure. */
void fx_setup(struct fx *fx, unsigned int n_pfs, unsigned int vfs);
/* The same with explicit parameters. */
void fx_setup_params(struct fx *fx, const struct x710sim_params *p);
void fx_teardown(struct fx *fx);

struct x710sim_fn fx_pf(unsigned int pf);
struct x710sim_fn fx_vf(unsigned int pf, unsigned int vf);

/* Plain loads and stores on the shared BAR0, as a mapped driver does. */
uint32_t fx_r32(struct fx *fx, struct x710sim_fn fn, uint32_t off);
void fx_w32(struct fx *fx, struct x710sim_fn fn, uint32_t off, uint32_t val);
uint8_t *fx_cfg(struct fx *fx, struct x710sim_fn fn);

/* Set up both rings (ARQ buffers posted, ARQT = len - 1). */
void fx_aq_init(struct fx *fx, struct fx_aq *q, struct x710sim_fn fn);
void fx_aq_fini(struct fx_aq *q);
/* Put one command on the ATQ and poll until ATQH passes it (at most a few
 * polls). 0 when completed (desc written back in *d), -ETIMEDOUT if not. */
int fx_aq_send(struct fx_aq *q, struct x710_aq_desc *d, void *buf, uint16_t len);
/* Take one ARQ event: its length, or -EAGAIN when the ARQ is empty. */
int fx_arq_recv(struct fx_aq *q, struct x710_aq_desc *d, void *buf, size_t cap);

/* A model and one PF's admin queue, the usual start of a firmware test. */
struct fx_pf_env {
	struct fx fx;
	struct fx_aq pf;
};
void fx_pf_env_setup(struct fx_pf_env *e, unsigned int n_pfs, unsigned int vfs,
		     unsigned int pf);
void fx_pf_env_teardown(struct fx_pf_env *e);

/* A direct command with the given opcode. */
void fx_desc(struct x710_aq_desc *d, uint16_t opcode);
/* Count of interrupts delivered to fn/vector. */
unsigned int fx_irq_count(const struct fx *fx, struct x710sim_fn fn, unsigned int vector);

#endif /* SIM_TEST_FIXTURE_H */
