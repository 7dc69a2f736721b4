/* SPDX-License-Identifier: BSD-2-Clause */
/* vc_fake_hw: recording vc_hw_ops for tests and the fuzzer. */
#include <errno.h>
#include <string.h>

#include "vc_fake_hw.h"

static int record(struct fake_hw *f, uint16_t vf, enum fake_op op)
{
	f->calls[op]++;
	if (vf < FAKE_MAX_VFS)
		f->calls_vf[vf][op]++;
	else
		return -EINVAL;
	if (f->fail_on_call[op] && f->calls[op] == f->fail_on_call[op])
		return -EIO;
	return f->fail[op];
}

static int fk_send(void *ctx, uint16_t vf, uint32_t op, int32_t status, const void *msg,
		   uint16_t len)
{
	struct fake_hw *f = ctx;
	int rc = record(f, vf, F_SEND);

	if (rc)
		return rc;
	if (f->n_sends < FAKE_MAX_SENDS) {
		struct fake_send *s = &f->sends[f->n_sends];

		s->vf = vf;
		s->op = op;
		s->status = status;
		s->len = len;
		if (msg && len)
			memcpy(s->buf, msg, len < FAKE_SEND_BYTES ? len : FAKE_SEND_BYTES);
	}
	f->n_sends++;
	return 0;
}

static int fk_reset(void *ctx, uint16_t vf, bool after_flr)
{
	struct fake_hw *f = ctx;
	int rc = record(f, vf, F_RESET);

	(void)after_flr;
	if (rc)
		return rc;
	memset(&f->vf[vf], 0, sizeof(f->vf[vf]));   /* VSI rebuilt from the policy */
	return 0;
}

static int fk_txq(void *ctx, uint16_t vf, uint16_t q, const struct vc_txq_params *p)
{
	struct fake_hw *f = ctx;

	f->last_queue = q;
	f->last_txq = *p;
	return record(f, vf, F_TXQ);
}

static int fk_rxq(void *ctx, uint16_t vf, uint16_t q, const struct vc_rxq_params *p)
{
	struct fake_hw *f = ctx;

	f->last_queue = q;
	f->last_rxq = *p;
	return record(f, vf, F_RXQ);
}

static int fk_irq(void *ctx, uint16_t vf, uint16_t vector, uint16_t rxq, uint16_t txq,
		  uint16_t rx_itr, uint16_t tx_itr)
{
	struct fake_hw *f = ctx;

	(void)rx_itr; (void)tx_itr;
	f->last_vector = vector;
	f->last_rxmap = rxq;
	f->last_txmap = txq;
	return record(f, vf, F_IRQ);
}

static int fk_switch(void *ctx, uint16_t vf, uint16_t rxq, uint16_t txq, bool enable)
{
	struct fake_hw *f = ctx;
	int rc = record(f, vf, F_SWITCH);

	f->last_rxmap = rxq;
	f->last_txmap = txq;
	f->last_enable = enable;
	if (rc)
		return rc;
	if (enable) {
		f->vf[vf].rx_enabled |= rxq;
		f->vf[vf].tx_enabled |= txq;
	} else {
		f->vf[vf].rx_enabled &= (uint16_t)~rxq;
		f->vf[vf].tx_enabled &= (uint16_t)~txq;
	}
	return 0;
}

static int fk_mac(void *ctx, uint16_t vf, const uint8_t mac[6], bool add)
{
	struct fake_hw *f = ctx;
	int rc = record(f, vf, F_MAC);

	memcpy(f->last_mac, mac, 6);
	f->last_add = add;
	if (rc)
		return rc;
	f->vf[vf].macs += add ? 1 : -1;
	return 0;
}

static int fk_vlan(void *ctx, uint16_t vf, uint16_t vid, bool add)
{
	struct fake_hw *f = ctx;
	int rc = record(f, vf, F_VLAN);

	f->last_vid = vid;
	f->last_add = add;
	if (rc)
		return rc;
	f->vf[vf].vlans += add ? 1 : -1;
	return 0;
}

static int fk_promisc(void *ctx, uint16_t vf, bool uc, bool mc)
{
	struct fake_hw *f = ctx;
	int rc = record(f, vf, F_PROMISC);

	f->last_uc = uc;
	f->last_mc = mc;
	if (rc)
		return rc;
	f->vf[vf].promisc_uc = uc;
	f->vf[vf].promisc_mc = mc;
	return 0;
}

static int fk_strip(void *ctx, uint16_t vf, bool enable)
{
	struct fake_hw *f = ctx;

	f->last_enable = enable;
	return record(f, vf, F_STRIP);
}

static int fk_stats(void *ctx, uint16_t vf, struct virtchnl_eth_stats *out)
{
	struct fake_hw *f = ctx;

	memset(out, 0, sizeof(*out));
	out->rx_bytes = 1000u + vf;
	out->tx_unicast = 7;
	return record(f, vf, F_STATS);
}

static int fk_key(void *ctx, uint16_t vf, const uint8_t *key, uint16_t len)
{
	struct fake_hw *f = ctx;

	(void)key;
	f->last_len = len;
	return record(f, vf, F_KEY);
}

static int fk_lut(void *ctx, uint16_t vf, const uint8_t *lut, uint16_t n)
{
	struct fake_hw *f = ctx;

	(void)lut;
	f->last_len = n;
	return record(f, vf, F_LUT);
}

static int fk_hena(void *ctx, uint16_t vf, uint64_t hena)
{
	struct fake_hw *f = ctx;

	f->last_hena = hena;
	return record(f, vf, F_HENA);
}

static int fk_link(void *ctx, uint16_t vf, struct vc_link *out)
{
	struct fake_hw *f = ctx;

	*out = f->link;
	return record(f, vf, F_LINK);
}

static int fk_vsi(void *ctx, uint16_t vf, uint16_t *out)
{
	struct fake_hw *f = ctx;

	*out = (uint16_t)(f->vsi_base + vf);
	return record(f, vf, F_VSI);
}

const struct vc_hw_ops fake_hw_ops = {
	.send_to_vf = fk_send, .vf_reset = fk_reset, .config_txq = fk_txq,
	.config_rxq = fk_rxq, .config_irq_map = fk_irq, .switch_queues = fk_switch,
	.mac_filter = fk_mac, .vlan_filter = fk_vlan, .set_promisc = fk_promisc,
	.vlan_strip = fk_strip, .get_stats = fk_stats, .set_rss_key = fk_key,
	.set_rss_lut = fk_lut, .set_rss_hena = fk_hena, .link = fk_link, .vsi_id = fk_vsi,
};

void fake_hw_init(struct fake_hw *f)
{
	memset(f, 0, sizeof(*f));
	f->vsi_base = 10;
	f->link.up = true;
	f->link.speed_mbps = 10000;
}

void fake_hw_clear_log(struct fake_hw *f)
{
	memset(f->calls, 0, sizeof(f->calls));
	memset(f->calls_vf, 0, sizeof(f->calls_vf));
	f->n_sends = 0;
}

unsigned fake_hw_count_sends(const struct fake_hw *f, uint32_t op)
{
	unsigned n = 0, kept = f->n_sends < FAKE_MAX_SENDS ? f->n_sends : FAKE_MAX_SENDS;

	for (unsigned i = 0; i < kept; i++)
		n += f->sends[i].op == op;
	return n;
}

const struct fake_send *fake_hw_last_send(const struct fake_hw *f, uint32_t op)
{
	unsigned kept = f->n_sends < FAKE_MAX_SENDS ? f->n_sends : FAKE_MAX_SENDS;

	for (unsigned i = kept; i-- > 0;)
		if (f->sends[i].op == op)
			return &f->sends[i];
	return NULL;
}
