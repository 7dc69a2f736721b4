/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_test_util: a host over the fake hw ops, and virtchnl message builders. */
#ifndef VC_TEST_UTIL_H
#define VC_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "vc_fake_hw.h"
#include "vc_host.h"
#include "vc_wire.h"

#define T_VF_BASE 64        /* absolute id of VF 0 */
#define T_NUM_VFS 4
#define T_MAX_VECTORS 5
#define T_QUEUES 4
#define T_MSG_MAX 2048

struct tctx {
	struct fake_hw hw;
	struct vc_host *host;
	struct vc_policy pol[T_NUM_VFS];
	struct vc_rate_limit rate;
	uint64_t now_us;
	unsigned log_lines;
	uint8_t buf[T_MSG_MAX];
};

/* Untrusted, admin MAC 02:00:00:00:00:<vf+1>, anti-spoof, T_QUEUES queues. */
void t_default_policy(struct vc_policy *p, uint16_t vf);
/* Create the host from t->pol and t->rate (call t_init first to get defaults). */
void t_init(struct tctx *t);
void t_create(struct tctx *t);
void t_destroy(struct tctx *t);
int t_handle(struct tctx *t, uint16_t vf, uint32_t op, const void *msg, uint16_t len);
/* VERSION + GET_VF_RESOURCES with iavf's caps; then the log is cleared. */
void t_activate(struct tctx *t, uint16_t vf);
/* CONFIG_VSI_QUEUES for nq pairs (valid); log cleared. */
void t_configure_queues(struct tctx *t, uint16_t vf, uint16_t nq);
uint16_t t_vsi(uint16_t vf);

/* Exactly one reply with op, with this status; returns it. */
const struct fake_send *t_expect_reply(struct tctx *t, uint32_t op, int32_t status);

/* Builders write into buf and return the length iavf would send. */
uint16_t b_version(uint8_t *buf, uint32_t major, uint32_t minor);
uint16_t b_caps(uint8_t *buf, uint32_t caps);
uint16_t b_vsi_queues(uint8_t *buf, uint16_t vsi, uint16_t n);
uint16_t b_irq_map(uint8_t *buf, uint16_t vsi, uint16_t vector, uint16_t rxmap, uint16_t txmap);
uint16_t b_qsel(uint8_t *buf, uint16_t vsi, uint32_t rx, uint32_t tx);
uint16_t b_eth_list(uint8_t *buf, uint16_t vsi, const uint8_t (*macs)[6], uint16_t n);
uint16_t b_vlan_list(uint8_t *buf, uint16_t vsi, const uint16_t *vids, uint16_t n);
uint16_t b_promisc(uint8_t *buf, uint16_t vsi, uint16_t flags);
uint16_t b_rss_key(uint8_t *buf, uint16_t vsi, uint16_t key_len);
uint16_t b_rss_lut(uint8_t *buf, uint16_t vsi, uint16_t entries, uint8_t max_queue);
uint16_t b_u64(uint8_t *buf, uint64_t v);
uint16_t b_u16(uint8_t *buf, uint16_t v);

#endif /* VC_TEST_UTIL_H */
