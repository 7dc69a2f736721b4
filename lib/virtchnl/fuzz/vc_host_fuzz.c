/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target for the virtchnl PF host: a sequence of messages from
 * several VFs (fixed, different policies) over the recording fake hw. After
 * every message it checks the issue-4 invariants: no VF beyond its policy,
 * exactly one reply per handled message (none for RESET_VF, RESET_IMPENDING
 * for a granted REQUEST_QUEUES), nothing sent to or done for any other VF,
 * other VFs' state unchanged, and the host's view equal to the fake hw's.
 *
 * Input: flags byte, then records {vf u8, op u8, len u16 le, payload}.
 *  flags bit0: activate every VF first; bit1: also configure 2 queue pairs;
 *  bit2: the (byte 1)-th call of hw op (byte 2 % ops) fails with -EIO.
 *  record vf bit7: write the VF's own vsi_id at the opcode's vsi offset and
 *  make a list's element count agree with the length, so that mutations
 *  reach the handlers' semantics rather than the length check.
 *  record op: < 0xF0 picks a known opcode, 0xFD admin reset, 0xFE FLR,
 *  0xFF takes a raw u32 opcode from the next 4 payload bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vc_fake_hw.h"
#include "vc_host.h"
#include "vc_wire.h"

#define NUM_VFS 4
#define VF_BASE 16
#define MAX_VECTORS 5
#define REC_HDR 4

/* Per opcode: where its vsi_id is, and its list shape (count_off < 0: fixed). */
static const struct {
	uint32_t op;
	int vsi_off;
	int count_off, base, elem, adjust;
} known[] = {
	{ VIRTCHNL_OP_VERSION, -1, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_RESET_VF, -1, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_GET_VF_RESOURCES, -1, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_CONFIG_VSI_QUEUES, 0, 2, 72, 64, 0 },
	{ VIRTCHNL_OP_CONFIG_IRQ_MAP, 2, 0, 14, 12, 0 },
	{ VIRTCHNL_OP_ENABLE_QUEUES, 0, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_DISABLE_QUEUES, 0, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_ADD_ETH_ADDR, 0, 2, 12, 8, 0 },
	{ VIRTCHNL_OP_DEL_ETH_ADDR, 0, 2, 12, 8, 0 },
	{ VIRTCHNL_OP_ADD_VLAN, 0, 2, 6, 2, 0 },
	{ VIRTCHNL_OP_DEL_VLAN, 0, 2, 6, 2, 0 },
	{ VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE, 0, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_GET_STATS, 0, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_CONFIG_RSS_KEY, 0, 2, 6, 1, -1 },
	{ VIRTCHNL_OP_CONFIG_RSS_LUT, 0, 2, 6, 1, -1 },
	{ VIRTCHNL_OP_GET_RSS_HENA_CAPS, -1, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_SET_RSS_HENA, -1, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_ENABLE_VLAN_STRIPPING, -1, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_DISABLE_VLAN_STRIPPING, -1, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_REQUEST_QUEUES, -1, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_GET_SUPPORTED_RXDIDS, -1, -1, 0, 0, 0 },
	{ VIRTCHNL_OP_GET_OFFLOAD_VLAN_V2_CAPS, -1, -1, 0, 0, 0 },
};
#define NUM_KNOWN (sizeof(known) / sizeof(known[0]))

static void policies(struct vc_policy *p)
{
	memset(p, 0, sizeof(*p) * NUM_VFS);
	for (int i = 0; i < NUM_VFS; i++) {
		p[i].num_queues = 4;
		p[i].has_admin_mac = true;
		p[i].admin_mac[0] = 0x02;
		p[i].admin_mac[5] = (uint8_t)(i + 1);
		p[i].mac_anti_spoof = true;
	}
	p[1].trust = true;                       /* trusted */
	p[2].has_admin_mac = false;              /* picks its MAC, promisc allowed, port VLAN */
	p[2].allow_promisc = true;
	p[2].has_port_vlan = true;
	p[2].port_vlan_id = 42;
	p[3].num_queues = 2;                     /* small, allow-set-mac, link forced down */
	p[3].allow_set_mac = true;
	p[3].link_state = VC_LINK_DISABLE;
}

static void die(const char *what, int vf)
{
	fprintf(stderr, "vc_host_fuzz: invariant broken: %s (VF %d)\n", what, vf);
	abort();
}

/* Policy limits, and the host's view equal to what the fake hw holds. */
static void check_vf(const struct vc_host *h, const struct fake_hw *hw, int vf, bool strict)
{
	const struct vc_policy *p = vc_host_vf_policy(h, (uint16_t)vf);
	struct vc_vf_view v;
	uint16_t qmask;

	if (vc_host_vf_view(h, (uint16_t)vf, &v))
		die("view", vf);
	if (v.num_macs > vc_policy_mac_limit(p))
		die("MAC filters over the limit", vf);
	if (v.num_vlans > vc_policy_vlan_limit(p))
		die("VLAN filters over the limit", vf);
	if ((v.promisc_uc_effective || v.promisc_mc_effective) && !vc_policy_may_promisc(p))
		die("promisc effective without permission", vf);
	if (v.num_queues > p->num_queues)
		die("more queues than the policy", vf);
	if (v.granted_caps & ~(VIRTCHNL_VF_OFFLOAD_L2 | VIRTCHNL_VF_CAP_ADV_LINK_SPEED |
			       VIRTCHNL_VF_OFFLOAD_RSS_PF | VIRTCHNL_VF_OFFLOAD_VLAN |
			       VIRTCHNL_VF_OFFLOAD_REQ_QUEUES))
		die("capability beyond the grantable set", vf);
	if (p->has_port_vlan && (v.granted_caps & VIRTCHNL_VF_OFFLOAD_VLAN))
		die("VLAN cap with a port VLAN", vf);
	qmask = (uint16_t)((1u << v.num_queues) - 1);
	if (((v.rxq_configured | v.txq_configured) & ~qmask) ||
	    (v.rxq_enabled & ~v.rxq_configured) || (v.txq_enabled & ~v.txq_configured))
		die("queue bitmaps outside the grant", vf);
	if (!strict)
		return;
	int admin = p->has_admin_mac ? 1 : 0;

	if (hw->vf[vf].macs != v.num_macs - admin || hw->vf[vf].vlans != v.num_vlans)
		die("filters differ from the hw", vf);
	if (hw->vf[vf].promisc_uc != v.promisc_uc_effective ||
	    hw->vf[vf].promisc_mc != v.promisc_mc_effective)
		die("promisc differs from the hw", vf);
	if (hw->vf[vf].rx_enabled != v.rxq_enabled || hw->vf[vf].tx_enabled != v.txq_enabled)
		die("enabled queues differ from the hw", vf);
}

static void setup_vfs(struct vc_host *h, struct fake_hw *hw, uint8_t flags, uint64_t *now)
{
	uint8_t m[8 + 64 * 2];

	for (uint16_t vf = 0; vf < NUM_VFS; vf++) {
		struct virtchnl_version_info ver = { 1, 1 };
		uint32_t caps = VC_IAVF_2211_CAPS;

		memcpy(m, &ver, sizeof(ver));
		vc_host_handle(h, VF_BASE + vf, VIRTCHNL_OP_VERSION, 0, m, sizeof(ver), ++*now);
		memcpy(m, &caps, 4);
		vc_host_handle(h, VF_BASE + vf, VIRTCHNL_OP_GET_VF_RESOURCES, 0, m, 4, ++*now);
		if (!(flags & 2))
			continue;
		struct virtchnl_vsi_queue_config_info hdr = { .vsi_id = (uint16_t)(hw->vsi_base + vf),
							      .num_queue_pairs = 2 };
		memcpy(m, &hdr, 8);
		for (uint16_t q = 0; q < 2; q++) {
			struct virtchnl_queue_pair_info qp;

			memset(&qp, 0, sizeof(qp));
			qp.txq.vsi_id = qp.rxq.vsi_id = hdr.vsi_id;
			qp.txq.queue_id = qp.rxq.queue_id = q;
			qp.txq.ring_len = 256;
			qp.txq.dma_ring_addr = 0x10000u * (q + 1);
			qp.rxq.ring_len = 256;
			qp.rxq.databuffer_size = 2048;
			qp.rxq.max_pkt_size = 1518;
			qp.rxq.dma_ring_addr = 0x100000u * (q + 1);
			memcpy(m + 8 + 64 * q, &qp, sizeof(qp));
		}
		vc_host_handle(h, VF_BASE + vf, VIRTCHNL_OP_CONFIG_VSI_QUEUES, 0, m, sizeof(m),
			       ++*now);
	}
}

/* A valid payload of known[idx] for VF 0 (vsi_base 10); its length. */
static uint16_t valid_payload(size_t idx, uint8_t *b)
{
	const uint16_t vsi = 10;
	uint32_t op = known[idx].op;

	memset(b, 0, 512);
	memcpy(b, &vsi, 2);
	switch (op) {
	case VIRTCHNL_OP_VERSION: {
		struct virtchnl_version_info v = { 1, 1 };

		memcpy(b, &v, sizeof(v));
		return sizeof(v);
	}
	case VIRTCHNL_OP_GET_VF_RESOURCES: {
		uint32_t caps = VC_IAVF_2211_CAPS;

		memcpy(b, &caps, 4);
		return 4;
	}
	case VIRTCHNL_OP_CONFIG_VSI_QUEUES:
		b[2] = 1;
		memcpy(b + 8, &vsi, 2);
		b[8 + 4] = 0;  b[8 + 5] = 1;            /* tx ring_len 256 */
		b[8 + 10] = 1;                          /* tx dma 0x10000 */
		memcpy(b + 8 + 24, &vsi, 2);
		b[8 + 24 + 5] = 1;                      /* rx ring_len 256 */
		b[8 + 24 + 13] = 8;                     /* databuffer 2048 */
		b[8 + 24 + 16] = 0xee; b[8 + 24 + 17] = 5;  /* max pkt 1518 */
		b[8 + 24 + 26] = 0x10;                  /* rx dma 0x100000 */
		return VIRTCHNL_CONFIG_VSI_QUEUES_LEN(1);
	case VIRTCHNL_OP_CONFIG_IRQ_MAP:
		b[0] = 1;
		memcpy(b + 2, &vsi, 2);
		b[6] = 0x3;
		return VIRTCHNL_IRQ_MAP_LEN(1);
	case VIRTCHNL_OP_ENABLE_QUEUES:
	case VIRTCHNL_OP_DISABLE_QUEUES:
	case VIRTCHNL_OP_GET_STATS:
		b[4] = 1;
		b[8] = 1;
		return sizeof(struct virtchnl_queue_select);
	case VIRTCHNL_OP_ADD_ETH_ADDR:
	case VIRTCHNL_OP_DEL_ETH_ADDR:
		b[2] = 1;
		b[4] = 0x02; b[9] = 0x77;
		return VIRTCHNL_ETHER_ADDR_LIST_LEN(1);
	case VIRTCHNL_OP_ADD_VLAN:
	case VIRTCHNL_OP_DEL_VLAN:
		b[2] = 1;
		b[4] = 100;
		return VC_VLAN_FILTER_LIST_BASE + VC_VLAN_FILTER_LIST_ELEM;
	case VIRTCHNL_OP_CONFIG_PROMISCUOUS_MODE:
		b[2] = FLAG_VF_UNICAST_PROMISC | FLAG_VF_MULTICAST_PROMISC;
		return sizeof(struct virtchnl_promisc_info);
	case VIRTCHNL_OP_CONFIG_RSS_KEY:
		b[2] = VC_RSS_KEY_SIZE;
		return VIRTCHNL_RSS_LEN(VC_RSS_KEY_SIZE);
	case VIRTCHNL_OP_CONFIG_RSS_LUT:
		b[2] = VC_RSS_LUT_SIZE;
		return VIRTCHNL_RSS_LEN(VC_RSS_LUT_SIZE);
	case VIRTCHNL_OP_SET_RSS_HENA: {
		uint64_t hena = VC_X710_DEFAULT_HENA;

		memcpy(b, &hena, 8);
		return 8;
	}
	case VIRTCHNL_OP_REQUEST_QUEUES:
		b[0] = 2; b[1] = 0;
		return 2;
	default:
		return 0;
	}
}

/* With VC_FUZZ_WRITE_SEEDS=dir: write one seed per known opcode and exit. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = getenv("VC_FUZZ_WRITE_SEEDS");
	uint8_t rec[REC_HDR + 512 + 1];

	(void)argc; (void)argv;
	if (!dir)
		return 0;
	for (size_t i = 0; i < NUM_KNOWN; i++) {
		char path[4096];
		uint16_t len = valid_payload(i, rec + 1 + REC_HDR);
		FILE *f;

		rec[0] = 3;                     /* activate and configure queues first */
		rec[1] = 0x80;                  /* VF 0, its own vsi_id */
		rec[2] = (uint8_t)i;
		rec[3] = (uint8_t)len;
		rec[4] = (uint8_t)(len >> 8);
		snprintf(path, sizeof(path), "%s/op%03u", dir, known[i].op);
		f = fopen(path, "wb");
		if (!f || fwrite(rec, 1, 1u + REC_HDR + len, f) != 1u + REC_HDR + len) {
			perror(path);
			exit(1);
		}
		fclose(f);
	}
	exit(0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t msg[UINT16_MAX + 1];
	struct vc_policy pol[NUM_VFS];
	struct fake_hw hw;
	struct vc_host *h;
	uint64_t now = 1;
	size_t pos = 1;
	bool strict = true;

	if (size < 1)
		return 0;
	fake_hw_init(&hw);
	policies(pol);
	struct vc_host_params params = {
		.ops = &fake_hw_ops, .hw_ctx = &hw, .num_vfs = NUM_VFS, .vf_base_id = VF_BASE,
		.max_vectors = MAX_VECTORS, .rate = { .msgs = 64, .interval_us = 64000 },
	};
	if (vc_host_create(&params, pol, &h))
		abort();
	if (data[0] & 1)
		setup_vfs(h, &hw, data[0], &now);
	if ((data[0] & 4) && size >= 3) {
		hw.fail_on_call[data[2] % F_OP_COUNT] = data[1] ? data[1] : 1;
		strict = false;
		pos = 3;
	}

	while (pos + REC_HDR <= size) {
		uint8_t vf_byte = data[pos], op_byte = data[pos + 1];
		uint16_t len = (uint16_t)(data[pos + 2] | (data[pos + 3] << 8));
		int vf = (vf_byte & 0x7f) % (NUM_VFS + 1);   /* NUM_VFS: a VF that does not exist */
		uint32_t op;
		int vsi_off = -1;
		struct vc_vf_view before[NUM_VFS];

		pos += REC_HDR;
		if (len > size - pos)
			len = (uint16_t)(size - pos);
		memcpy(msg, data + pos, len);
		pos += len;
		if (op_byte == 0xFF && len >= 4) {
			memcpy(&op, msg, 4);
		} else if (op_byte < 0xF0) {
			op = known[op_byte % NUM_KNOWN].op;
			vsi_off = known[op_byte % NUM_KNOWN].vsi_off;
		} else {
			op = op_byte;
		}
		if ((vf_byte & 0x80) && vsi_off >= 0 && len >= vsi_off + 2 && vf < NUM_VFS) {
			uint16_t vsi = (uint16_t)(hw.vsi_base + vf);
			size_t k = op_byte % NUM_KNOWN;

			memcpy(msg + vsi_off, &vsi, 2);
			if (known[k].count_off >= 0 && len >= known[k].base) {
				uint16_t n = (uint16_t)((len - known[k].base - known[k].adjust) /
							known[k].elem);

				memcpy(msg + known[k].count_off, &n, 2);
				len = (uint16_t)(known[k].base + n * known[k].elem + known[k].adjust);
			}
		}
		for (uint16_t i = 0; i < NUM_VFS; i++)
			vc_host_vf_view(h, i, &before[i]);
		fake_hw_clear_log(&hw);

		int rc;
		if ((op_byte == 0xFD || op_byte == 0xFE) && vf < NUM_VFS) {
			rc = vc_host_vf_reset(h, (uint16_t)vf, op_byte == 0xFE);
			op = VIRTCHNL_OP_RESET_VF;
		} else {
			rc = vc_host_handle(h, (uint16_t)(VF_BASE + vf), op, 0, msg, len, now);
		}
		now += 100 + (vf_byte & 0x7f) * 50u;

		if (hw.n_sends > FAKE_MAX_SENDS)
			die("too many sends for one message", vf);
		unsigned replies = 0, events = 0, impending = 0;
		for (unsigned i = 0; i < hw.n_sends; i++) {
			if (hw.sends[i].vf != vf)
				die("message sent to another VF", vf);
			/* An event is a successful 16-byte EVENT; a VF sending opcode
			 * EVENT gets a NOT_SUPPORTED reply with that opcode. */
			if (hw.sends[i].op == VIRTCHNL_OP_EVENT && hw.sends[i].status == 0 &&
			    hw.sends[i].len == sizeof(struct virtchnl_pf_event)) {
				struct virtchnl_pf_event ev;

				memcpy(&ev, hw.sends[i].buf, sizeof(ev));
				events++;
				impending += ev.event == VIRTCHNL_EVENT_RESET_IMPENDING;
			} else if (hw.sends[i].op == op) {
				replies++;
			} else {
				die("reply with a foreign opcode", vf);
			}
		}
		if (vf >= NUM_VFS || rc == -ENODEV || rc == -EBUSY || rc == -EAGAIN) {
			if (hw.n_sends != 0)
				die("a dropped message was answered", vf);
		} else if (op_byte == 0xFD || op_byte == 0xFE) {
			if (replies != 0)
				die("reply to an admin reset", vf);
		} else if (hw.fail[F_SEND] == 0 && hw.fail_on_call[F_SEND] == 0) {
			bool reset_done = hw.calls[F_RESET] > 0;

			if (replies > 1 || events > 1)
				die("more than one reply or event", vf);
			if (replies == 0 && !(reset_done && (op == VIRTCHNL_OP_RESET_VF ||
				(op == VIRTCHNL_OP_REQUEST_QUEUES && impending == 1))))
				die("handled message without a reply", vf);
		}
		for (int j = 0; j < NUM_VFS; j++) {
			struct vc_vf_view after;

			if (j == vf)
				continue;
			vc_host_vf_view(h, (uint16_t)j, &after);
			if (memcmp(&after, &before[j], sizeof(after)) != 0)
				die("another VF's state changed", j);
			for (int o = 0; o < F_OP_COUNT; o++)
				if (hw.calls_vf[j][o])
					die("hw op done for another VF", j);
		}
		for (int j = 0; j < NUM_VFS; j++)
			check_vf(h, &hw, j, strict);
	}
	vc_host_destroy(h);
	return 0;
}
