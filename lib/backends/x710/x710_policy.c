/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "x710/x710_backend.h"
#include "x710_policy.h"

_Static_assert(X710_TX_RATE_MAX_MBPS == X710_AQ_BW_CREDIT_MAX * X710_AQ_BW_CREDIT_MBPS,
	       "the schema's max-tx-rate is the credit field's limit");
_Static_assert(X710_TX_BURST_MAX_CREDIT <= X710_AQ_BW_MAX_CREDIT_MAX, "burst the command takes");

/* Port VLAN tag: VLAN id in bits 11:0, 802.1p priority in 15:13 (IEEE 802.1Q). */
#define PVID_PRIO_SHIFT 13
/* MAC I/G bit (IEEE 802). */
#define MAC_GROUP_BIT 0x01

void x710_policy_defaults(const struct sriov_schema *schema, struct sriov_live_row *row)
{
	size_t n = sriov_schema_count(schema, SRIOV_SECTION_VF);

	memset(row, 0, sizeof(*row));
	for (size_t i = 0; i < n && i < SRIOV_LIVE_MAX_PARAMS; i++) {
		const struct sriov_param *p = sriov_schema_param(schema, SRIOV_SECTION_VF, i);

		if (p->presence != SRIOV_PARAM_HAS_DEFAULT)
			continue;
		row->v[i] = p->def;
		row->present |= UINT64_C(1) << i;
	}
}

/* The value of key @name when the row has it. */
static const union sriov_scalar *get(const struct sriov_schema *schema,
				     const struct sriov_live_row *row, const char *name)
{
	int i = sriov_schema_find(schema, SRIOV_SECTION_VF, name);

	if (i < 0 || i >= SRIOV_LIVE_MAX_PARAMS || !(row->present & (UINT64_C(1) << i)))
		return NULL;
	return &row->v[i];
}

static bool get_bool(const struct sriov_schema *s, const struct sriov_live_row *row,
		     const char *name, bool def)
{
	const union sriov_scalar *v = get(s, row, name);

	return v ? v->b : def;
}

int x710_policy_from_row(const struct sriov_schema *schema, const struct sriov_live_row *row,
			 struct vc_policy *out, char *why, size_t why_len)
{
	const union sriov_scalar *mac = get(schema, row, "mac-addr");
	const union sriov_scalar *queues = get(schema, row, "num-queues");
	const union sriov_scalar *vlan = get(schema, row, "vlan");
	const union sriov_scalar *qos = get(schema, row, "vlan-qos");
	const union sriov_scalar *rate = get(schema, row, "max-tx-rate");
	const union sriov_scalar *link = get(schema, row, "link-state");
	uint16_t credit;

	memset(out, 0, sizeof(*out));
	if (mac) {
		if (mac->mac[0] & MAC_GROUP_BIT) {
			snprintf(why, why_len, "mac-addr is a multicast address");
			return -EINVAL;
		}
		out->has_admin_mac = true;
		memcpy(out->admin_mac, mac->mac, sizeof(out->admin_mac));
	}
	out->mac_anti_spoof = get_bool(schema, row, "mac-anti-spoof", true);
	out->allow_set_mac = get_bool(schema, row, "allow-set-mac", false);
	out->allow_promisc = get_bool(schema, row, "allow-promisc", false);
	out->trust = get_bool(schema, row, "trust", false);
	out->num_queues = queues ? (uint16_t)queues->u : 1;
	if (out->num_queues < 1 || out->num_queues > VC_POLICY_MAX_QUEUES) {
		snprintf(why, why_len, "num-queues %u is outside 1..%d", out->num_queues,
			 VC_POLICY_MAX_QUEUES);
		return -EINVAL;
	}
	if (vlan && !vlan->vlan.trunk) {
		if (vlan->vlan.id > SRIOV_VLAN_ID_MAX) {
			snprintf(why, why_len, "vlan %u is outside 0..%d", vlan->vlan.id,
				 SRIOV_VLAN_ID_MAX);
			return -EINVAL;
		}
		out->has_port_vlan = true;
		out->port_vlan_id = vlan->vlan.id;
		out->port_vlan_qos = qos ? (uint8_t)qos->u : 0;
	}
	out->max_tx_rate_mbps = rate ? (uint32_t)rate->u : 0;
	if (rate && (rate->u > UINT32_MAX ||
		     x710_policy_tx_credit(out->max_tx_rate_mbps, &credit))) {
		snprintf(why, why_len, "max-tx-rate %llu Mbit/s is above %u, the most "
			 "config_vsi_bw_limit can express (%u credits of %u Mbit/s)",
			 (unsigned long long)rate->u, X710_TX_RATE_MAX_MBPS, X710_AQ_BW_CREDIT_MAX,
			 X710_AQ_BW_CREDIT_MBPS);
		return -ERANGE;
	}
	/* The schema's link-state words are in vc_link_state order: auto, enable, disable. */
	out->link_state = link ? (enum vc_link_state)link->enum_index : VC_LINK_AUTO;
	if (out->link_state > VC_LINK_DISABLE) {
		snprintf(why, why_len, "link-state index %u is unknown", link->enum_index);
		return -EINVAL;
	}
	return 0;
}

int x710_policy_tx_credit(uint32_t mbps, uint16_t *credit)
{
	uint32_t c = mbps / X710_AQ_BW_CREDIT_MBPS + (mbps % X710_AQ_BW_CREDIT_MBPS != 0);

	if (c > X710_AQ_BW_CREDIT_MAX)
		return -ERANGE;
	*credit = (uint16_t)c;
	return 0;
}

void x710_policy_vf_config(const struct vc_policy *p, struct x710_vf_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->num_queues = p->num_queues;
	cfg->has_mac = p->has_admin_mac;
	memcpy(cfg->mac, p->admin_mac, sizeof(cfg->mac));
	cfg->mac_anti_spoof = p->mac_anti_spoof;
	cfg->port_vlan = p->has_port_vlan;
	cfg->pvid = (uint16_t)(p->port_vlan_id | (uint16_t)p->port_vlan_qos << PVID_PRIO_SHIFT);
	/* A rate past the field was refused by x710_policy_from_row: the
	 * fallback here only keeps the VF unlimited rather than wrong. */
	if (x710_policy_tx_credit(p->max_tx_rate_mbps, &cfg->tx_credit))
		cfg->tx_credit = 0;
	cfg->tx_max_credit = cfg->tx_credit ? X710_TX_BURST_MAX_CREDIT : 0;
}
