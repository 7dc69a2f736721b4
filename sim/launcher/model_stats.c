/* SPDX-License-Identifier: BSD-2-Clause */
#include "model_stats.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "text_table.h"
#include "x710sim/x710sim.h"

#define VSI_NUM_MAX  384   /* VSILAN_QTABLE _VSI = 0..383 (x710-hardware.md §3.3) */
#define BPS_PER_MBPS 1000000u

struct out {
	char *buf;
	size_t len, at;
};

static void __attribute__((format(printf, 2, 3)))
put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(o->at < o->len ? o->buf + o->at : NULL,
			  o->at < o->len ? o->len - o->at : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->at += (size_t)n;
}

/* Drop counters by reason name; only non-zero ones in text. */
static void
put_drops(struct out *o, const uint64_t *drops, bool json)
{
	bool first = true;
	for (unsigned int r = 0; r < X710SIM_MAX_DROP_REASONS; r++) {
		const char *name = x710sim_drop_reason_name(r);
		if (!name)
			break;
		if (json) {
			put(o, "%s\"%s\":%" PRIu64, first ? "" : ",", name, drops[r]);
			first = false;
		} else if (drops[r]) {
			put(o, " drop_%s=%" PRIu64, name, drops[r]);
		}
	}
}

#define MAC_STR_LEN 18   /* xx:xx:xx:xx:xx:xx and NUL */

static void
mac_str(const struct x710sim_vsi_info *vi, char out[MAC_STR_LEN])
{
	snprintf(out, MAC_STR_LEN, "%02x:%02x:%02x:%02x:%02x:%02x", vi->mac[0], vi->mac[1],
		 vi->mac[2], vi->mac[3], vi->mac[4], vi->mac[5]);
}

static void
put_counters(struct out *o, const struct x710sim_counters *c, bool json)
{
	static const char *const names[] = {
		"rx_bytes", "rx_unicast", "rx_multicast", "rx_broadcast", "rx_discards",
		"rx_unknown_protocol", "tx_bytes", "tx_unicast", "tx_multicast",
		"tx_broadcast", "tx_discards", "tx_errors",
	};
	const uint64_t v[] = {
		c->rx_bytes, c->rx_unicast, c->rx_multicast, c->rx_broadcast, c->rx_discards,
		c->rx_unknown_protocol, c->tx_bytes, c->tx_unicast, c->tx_multicast,
		c->tx_broadcast, c->tx_discards, c->tx_errors,
	};
	_Static_assert(sizeof(names) / sizeof(names[0]) == sizeof(v) / sizeof(v[0]), "names");
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		put(o, json ? "%s\"%s\":%" PRIu64 : "%s%s=%" PRIu64, json ? (i ? "," : "") : " ",
		    names[i], v[i]);
}

static uint64_t
drops_total(const uint64_t *drops)
{
	uint64_t n = 0;
	for (unsigned int r = 0; r < X710SIM_MAX_DROP_REASONS; r++)
		n += drops[r];
	return n;
}

static const char *
vsi_type_name(unsigned int type)
{
	static const char *const types[] = { "vf", "vmdq2", "pf" };
	return type < 3 ? types[type] : "?";
}

static void
put_table(struct out *o, struct text_table *t)
{
	size_t want = text_table_render(t, o->at < o->len ? o->buf + o->at : NULL,
					o->at < o->len ? o->len - o->at : 0);
	o->at += want;
}

/* Ports, then VSIs with their PF, VF index and MAC, then the drop reasons
 * that are not zero: for a person at a terminal. */
static void
format_tables(const struct x710sim *sim, struct out *o)
{
	static const char *const port_hdr[] = {
		"PORT", "LINK", "TX_PKTS", "TX_BYTES", "RX_PKTS", "RX_BYTES", "DROPS",
	};
	static const bool port_right[] = { true, false, true, true, true, true, true };
	static const char *const vsi_hdr[] = {
		"VSI", "TYPE", "PF", "VF", "MAC", "SEID", "QUEUES", "FILTERS", "TX_LIMIT",
		"RX_PKTS", "RX_BYTES", "TX_PKTS", "TX_BYTES", "RX_DISC", "TX_DISC", "DROPS",
	};
	static const bool vsi_right[] = {
		true, false, true, true, false, true, true, true, true,
		true, true, true, true, true, true, true,
	};
	_Static_assert(sizeof(port_hdr) / sizeof(port_hdr[0]) ==
		       sizeof(port_right) / sizeof(port_right[0]), "port columns");
	_Static_assert(sizeof(vsi_hdr) / sizeof(vsi_hdr[0]) ==
		       sizeof(vsi_right) / sizeof(vsi_right[0]), "vsi columns");
	struct text_table t;
	int rc = text_table_init(&t, sizeof(port_hdr) / sizeof(port_hdr[0]), port_hdr, port_right);
	for (unsigned int p = 0; rc == 0 && p < x710sim_n_ports(sim); p++) {
		struct x710sim_port_info pi;
		if (x710sim_port_info(sim, p, &pi))
			continue;
		rc |= text_table_add(&t, "%u", p);
		rc |= text_table_add(&t, "%s", pi.link_up ? "up" : "down");
		rc |= text_table_add(&t, "%" PRIu64, pi.tx_packets);
		rc |= text_table_add(&t, "%" PRIu64, pi.tx_bytes);
		rc |= text_table_add(&t, "%" PRIu64, pi.rx_packets);
		rc |= text_table_add(&t, "%" PRIu64, pi.rx_bytes);
		rc |= text_table_add(&t, "%" PRIu64, drops_total(pi.drops));
	}
	if (rc == 0)
		put_table(o, &t);
	text_table_fini(&t);
	if (rc == 0)
		rc = text_table_init(&t, sizeof(vsi_hdr) / sizeof(vsi_hdr[0]), vsi_hdr, vsi_right);
	for (unsigned int n = 0; rc == 0 && n < VSI_NUM_MAX; n++) {
		struct x710sim_vsi_info vi;
		char mac[MAC_STR_LEN];
		if (x710sim_vsi_info(sim, n, &vi))
			continue;
		mac_str(&vi, mac);
		const struct x710sim_counters *c = &vi.stats;
		rc |= text_table_add(&t, "%u", vi.vsi_num);
		rc |= text_table_add(&t, "%s", vsi_type_name(vi.type));
		rc |= text_table_add(&t, "%u", vi.pf);
		rc |= vi.vf >= 0 ? text_table_add(&t, "%d", vi.vf) : text_table_add(&t, "-");
		rc |= text_table_add(&t, "%s", vi.has_mac ? mac : "-");
		rc |= text_table_add(&t, "%u", vi.seid);
		rc |= text_table_add(&t, "%u", vi.num_queues);
		rc |= text_table_add(&t, "%u", vi.n_filters);
		rc |= vi.bw_credit ? text_table_add(&t, "%" PRIu64 "Mbps", vi.bw_rate_bps / BPS_PER_MBPS)
				   : text_table_add(&t, "-");
		rc |= text_table_add(&t, "%" PRIu64, c->rx_unicast + c->rx_multicast + c->rx_broadcast);
		rc |= text_table_add(&t, "%" PRIu64, c->rx_bytes);
		rc |= text_table_add(&t, "%" PRIu64, c->tx_unicast + c->tx_multicast + c->tx_broadcast);
		rc |= text_table_add(&t, "%" PRIu64, c->tx_bytes);
		rc |= text_table_add(&t, "%" PRIu64, c->rx_discards);
		rc |= text_table_add(&t, "%" PRIu64, c->tx_discards);
		rc |= text_table_add(&t, "%" PRIu64, drops_total(vi.drops));
	}
	if (rc == 0) {
		put(o, "\n");
		put_table(o, &t);
	}
	text_table_fini(&t);
	if (rc) {
		put(o, "(out of memory for the table)\n");
		return;
	}
	/* Drops by reason, only where there are some. */
	for (unsigned int p = 0; p < x710sim_n_ports(sim); p++) {
		struct x710sim_port_info pi;
		if (x710sim_port_info(sim, p, &pi) == 0 && drops_total(pi.drops)) {
			put(o, "port %u drops:", p);
			put_drops(o, pi.drops, false);
			put(o, "\n");
		}
	}
	for (unsigned int n = 0; n < VSI_NUM_MAX; n++) {
		struct x710sim_vsi_info vi;
		if (x710sim_vsi_info(sim, n, &vi) == 0 && drops_total(vi.drops)) {
			put(o, "vsi %u drops:", n);
			put_drops(o, vi.drops, false);
			put(o, "\n");
		}
	}
}

size_t
model_stats_format(const struct x710sim *sim, enum model_stats_form form, char *out,
		   size_t len)
{
	struct out o = { .buf = out, .len = len };
	bool json = form == MODEL_STATS_JSON;

	if (len)
		out[0] = '\0';
	if (form == MODEL_STATS_TABLE) {
		format_tables(sim, &o);
		return o.at;
	}
	put(&o, json ? "{\"ports\":[" : "");
	for (unsigned int p = 0; p < x710sim_n_ports(sim); p++) {
		struct x710sim_port_info pi;
		if (x710sim_port_info(sim, p, &pi))
			continue;
		put(&o, json ? "%s{\"port\":%u,\"link_up\":%s,\"tx_packets\":%" PRIu64
			",\"tx_bytes\":%" PRIu64 ",\"rx_packets\":%" PRIu64 ",\"rx_bytes\":%"
			PRIu64 ",\"drops\":{" :
			"%sport %u link %s tx_packets=%" PRIu64 " tx_bytes=%" PRIu64
			" rx_packets=%" PRIu64 " rx_bytes=%" PRIu64,
		    json ? (p ? "," : "") : "", p, pi.link_up ? (json ? "true" : "up") :
		    (json ? "false" : "down"), pi.tx_packets, pi.tx_bytes, pi.rx_packets,
		    pi.rx_bytes);
		put_drops(&o, pi.drops, json);
		/* Driver bugs the model ignored (tail >= qlen, offload fields
		 * outside the frame). */
		if (json)
			put(&o, "},\"tx_bad_tail\":%" PRIu64 ",\"rx_bad_tail\":%" PRIu64
			    ",\"tx_offload_bad\":%" PRIu64 "}",
			    pi.tx_bad_tail, pi.rx_bad_tail, pi.tx_offload_bad);
		else if (pi.tx_bad_tail || pi.rx_bad_tail || pi.tx_offload_bad)
			put(&o, " tx_bad_tail=%" PRIu64 " rx_bad_tail=%" PRIu64
			    " tx_offload_bad=%" PRIu64 "\n",
			    pi.tx_bad_tail, pi.rx_bad_tail, pi.tx_offload_bad);
		else
			put(&o, "\n");
	}
	put(&o, json ? "],\"vsis\":[" : "");
	bool first = true;
	for (unsigned int n = 0; n < VSI_NUM_MAX; n++) {
		struct x710sim_vsi_info vi;
		if (x710sim_vsi_info(sim, n, &vi))
			continue;
		const char *type = vsi_type_name(vi.type);
		char mac[MAC_STR_LEN];
		mac_str(&vi, mac);
		if (json)
			put(&o, "%s{\"vsi\":%u,\"seid\":%u,\"pf\":%u,\"vf_abs\":%d,\"vf\":%d,"
			    "\"mac\":%s%s%s,\"type\":\"%s\",\"queues\":%u,\"filters\":%u,"
			    "\"bw_credit\":%u,\"bw_max_credit\":%u,\"bw_rate_bps\":%" PRIu64 ",",
			    first ? "" : ",", vi.vsi_num, vi.seid, vi.pf, vi.vf_abs, vi.vf,
			    vi.has_mac ? "\"" : "", vi.has_mac ? mac : "null", vi.has_mac ? "\"" : "",
			    type, vi.num_queues, vi.n_filters, vi.bw_credit, vi.bw_max_credit,
			    vi.bw_rate_bps);
		else
			put(&o, "vsi %u (%s) seid %u pf %u vf_abs %d queues %u filters %u vf %d mac %s"
			    " bw_credit %u bw_max_credit %u\n   ",
			    vi.vsi_num, type, vi.seid, vi.pf, vi.vf_abs, vi.num_queues, vi.n_filters,
			    vi.vf, vi.has_mac ? mac : "-", vi.bw_credit, vi.bw_max_credit);
		put_counters(&o, &vi.stats, json);
		put(&o, json ? ",\"drops\":{" : "");
		put_drops(&o, vi.drops, json);
		put(&o, json ? "}}" : "\n");
		first = false;
	}
	put(&o, json ? "]}\n" : "");
	return o.at;
}
