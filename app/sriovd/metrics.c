/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"

/* One VF as the renderer needs it: read once, used by every family. */
struct vf_sample {
	const struct sriovd_pf *pf;
	const struct sriov_live *live;
	uint16_t vf;
	char pci[32];
	bool has_status;
	struct sriov_vf_status st;
};

struct counter_family {
	enum sriov_vf_stat stat;
	const char *name;
	const char *help;
};

/* §5.3 names; antispoof and mdd make pains #8/#12 visible. */
static const struct counter_family vf_counters[] = {
	{ SRIOV_STAT_RX_BYTES, "sriovd_vf_receive_bytes_total", "Bytes received by the VF." },
	{ SRIOV_STAT_TX_BYTES, "sriovd_vf_transmit_bytes_total", "Bytes sent by the VF." },
	{ SRIOV_STAT_RX_PACKETS, "sriovd_vf_receive_packets_total", "Packets received by the VF." },
	{ SRIOV_STAT_TX_PACKETS, "sriovd_vf_transmit_packets_total", "Packets sent by the VF." },
	{ SRIOV_STAT_RX_BROADCAST, "sriovd_vf_receive_broadcast_packets_total",
	  "Broadcast packets received by the VF." },
	{ SRIOV_STAT_RX_MULTICAST, "sriovd_vf_receive_multicast_packets_total",
	  "Multicast packets received by the VF." },
	{ SRIOV_STAT_RX_DROPPED, "sriovd_vf_receive_dropped_total",
	  "Packets for the VF dropped on receive." },
	{ SRIOV_STAT_TX_DROPPED, "sriovd_vf_transmit_dropped_total",
	  "Packets from the VF dropped on transmit." },
	{ SRIOV_STAT_TX_ERRORS, "sriovd_vf_transmit_errors_total", "Transmit errors of the VF." },
	{ SRIOV_STAT_SPOOF_DROPPED, "sriovd_vf_antispoof_dropped_total",
	  "Packets from the VF dropped by MAC/VLAN anti-spoof checks." },
	{ SRIOV_STAT_MDD_EVENTS, "sriovd_vf_mdd_events_total",
	  "Malicious driver detection events of the VF." },
	{ SRIOV_STAT_RESETS, "sriovd_vf_resets_total", "VF resets (VFLR or requested)." },
};

/* Label values escape backslash, double quote and newline (exposition format). */
static void put_label(FILE *f, const char *name, const char *v, bool first)
{
	fprintf(f, "%s%s=\"", first ? "" : ",", name);
	for (; v && *v; v++) {
		if (*v == '\\' || *v == '"')
			fputc('\\', f);
		if (*v == '\n') {
			fputs("\\n", f);
			continue;
		}
		fputc(*v, f);
	}
	fputc('"', f);
}

static void vf_labels(FILE *f, const struct vf_sample *s)
{
	char vf[8];

	snprintf(vf, sizeof(vf), "%u", s->vf);
	put_label(f, "pf", s->pf->device, true);
	put_label(f, "vf", vf, false);
	put_label(f, "vf_pci", s->pci, false);
}

static void header(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* The live value of key @name formatted as the config would write it. */
static void live_text(const struct vf_sample *s, const char *name, char *buf, size_t len)
{
	int i = sriov_schema_find(&s->live->schema, SRIOV_SECTION_VF, name);
	const union sriov_scalar *v;

	buf[0] = '\0';
	if (i < 0 || !(v = sriov_live_get(s->live, SRIOV_SECTION_VF, s->vf, (size_t)i)))
		return;
	sriov_scalar_format(sriov_schema_param(&s->live->schema, SRIOV_SECTION_VF, (size_t)i), v,
			    buf, len);
}

static void render_vf_info(FILE *f, const struct vf_sample *v, size_t n)
{
	/* label -> x710 schema key (lib/backends/x710/x710_schema.c) */
	static const char *const keys[][2] = {
		{ "mac", "mac-addr" }, { "vlan", "vlan" }, { "qos", "vlan-qos" },
		{ "spoofchk", "mac-anti-spoof" }, { "trust", "trust" },
		{ "link_state", "link-state" }, { "passthrough", "passthrough" },
	};

	header(f, "sriovd_vf_info", "gauge", "VF configuration as labels; the value is always 1.");
	for (size_t i = 0; i < n; i++) {
		char val[64];

		fputs("sriovd_vf_info{", f);
		vf_labels(f, &v[i]);
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			live_text(&v[i], keys[k][1], val, sizeof(val));
			put_label(f, keys[k][0], val, false);
		}
		put_label(f, "driver", v[i].has_status ? v[i].st.driver : "", false);
		fputs("} 1\n", f);
	}
	header(f, "sriovd_vf_max_tx_rate_mbps", "gauge", "Transmit rate limit in Mbit/s, 0 unlimited.");
	for (size_t i = 0; i < n; i++) {
		char val[32];

		live_text(&v[i], "max-tx-rate", val, sizeof(val));
		if (!val[0])
			continue;
		fputs("sriovd_vf_max_tx_rate_mbps{", f);
		vf_labels(f, &v[i]);
		fprintf(f, "} %s\n", val);
	}
	header(f, "sriovd_vf_link_up", "gauge", "1 when the VF's link is up.");
	for (size_t i = 0; i < n; i++) {
		if (!v[i].has_status || !(v[i].st.present & SRIOV_STATUS_LINK))
			continue;
		fputs("sriovd_vf_link_up{", f);
		vf_labels(f, &v[i]);
		fprintf(f, "} %d\n", v[i].st.link_up ? 1 : 0);
	}
}

static void render_mailbox(FILE *f, const struct vf_sample *v, size_t n, bool denied)
{
	const char *name = denied ? "sriovd_vf_mailbox_denied_total" : "sriovd_vf_mailbox_requests_total";

	header(f, name, "counter", denied ? "Virtchnl requests the PF refused, by opcode." :
	       "Virtchnl requests from the VF, by opcode.");
	for (size_t i = 0; i < n; i++) {
		if (!v[i].has_status || !(v[i].st.present & SRIOV_STATUS_MBX))
			continue;
		for (unsigned int op = 0; op < SRIOV_MBX_OPCODES; op++) {
			uint64_t c = denied ? v[i].st.mbx_denied[op] : v[i].st.mbx_requests[op];
			const char *opname = v[i].pf->ext->opcode_name ?
					     v[i].pf->ext->opcode_name(op) : NULL;
			char num[16];

			if (!c)
				continue;
			snprintf(num, sizeof(num), "%u", op);
			fprintf(f, "%s{", name);
			vf_labels(f, &v[i]);
			put_label(f, "op", opname ? opname : num, false);
			fprintf(f, "} %" PRIu64 "\n", c);
		}
	}
}

static void render_daemon(FILE *f, const struct sriovd *d, struct sriov_live **lives)
{
	static const char *const results[SRIOVD_APPLY_RESULTS] = {
		"success", "noop", "invalid", "failed", "rolled_back",
	};

	header(f, "sriovd_pf_vfs", "gauge", "VFs of the PF: enabled now, and the most it can have.");
	for (size_t i = 0; i < d->n_pf; i++) {
		if (!lives[i])
			continue;
		fputs("sriovd_pf_vfs{", f);
		put_label(f, "pf", d->pf[i].device, true);
		fprintf(f, ",state=\"enabled\"} %u\n", lives[i]->num_vfs);
		if (lives[i]->total_vfs) {
			fputs("sriovd_pf_vfs{", f);
			put_label(f, "pf", d->pf[i].device, true);
			fprintf(f, ",state=\"total\"} %u\n", lives[i]->total_vfs);
		}
	}
	header(f, "sriovd_mailbox_served_total", "counter", "Mailbox messages answered by sriovd, per PF.");
	for (size_t i = 0; i < d->n_pf; i++) {
		fputs("sriovd_mailbox_served_total{", f);
		put_label(f, "pf", d->pf[i].device, true);
		fprintf(f, "} %" PRIu64 "\n", d->pf[i].served);
	}
	header(f, "sriovd_apply_total", "counter", "Applies of the configuration, by result.");
	for (int r = 0; r < SRIOVD_APPLY_RESULTS; r++)
		fprintf(f, "sriovd_apply_total{result=\"%s\"} %" PRIu64 "\n", results[r],
			d->count.apply[r]);
	header(f, "sriovd_last_apply_timestamp_seconds", "gauge",
	       "Unix time of the last successful apply.");
	fprintf(f, "sriovd_last_apply_timestamp_seconds %.3f\n", d->count.last_apply_time);
	header(f, "sriovd_api_requests_total", "counter", "API requests received.");
	fprintf(f, "sriovd_api_requests_total %" PRIu64 "\n", d->count.api_requests);
	header(f, "sriovd_api_rejected_total", "counter", "API requests answered with 4xx or 5xx.");
	fprintf(f, "sriovd_api_rejected_total %" PRIu64 "\n", d->count.api_rejected);
	header(f, "sriovd_drift_items", "gauge",
	       "Values found changed behind sriovd's back when it adopted the PFs.");
	fprintf(f, "sriovd_drift_items %" PRIu64 "\n", d->count.drift_items);
	header(f, "sriovd_leases", "gauge", "VFs currently leased to applications.");
	fprintf(f, "sriovd_leases %zu\n", d->n_lease);
}

int sriovd_metrics_render(const struct sriovd *d, char **text, size_t *len)
{
	struct sriov_live **lives = calloc(d->n_pf + 1, sizeof(*lives));
	struct vf_sample *v = NULL;
	size_t n = 0, cap = 0;
	FILE *f;
	int rc = 0;

	*text = NULL;
	*len = 0;
	if (!lives)
		return -ENOMEM;
	for (size_t i = 0; rc == 0 && i < d->n_pf; i++) {
		const struct sriovd_pf *pf = &d->pf[i];
		struct sriov_error err;

		if (sriovd_pf_live(pf, &lives[i], &err))
			continue;   /* the PF still shows in the daemon families */
		sriovd_status_pass(pf, true);
		for (uint16_t vf = 0; vf < lives[i]->num_vfs; vf++) {
			if (n == cap) {
				struct vf_sample *nv = realloc(v, (cap = cap ? 2 * cap : 16) * sizeof(*v));

				if (!nv) {
					rc = -ENOMEM;
					break;
				}
				v = nv;
			}
			memset(&v[n], 0, sizeof(v[n]));
			v[n].pf = pf;
			v[n].live = lives[i];
			v[n].vf = vf;
			if (sriovd_vf_pci_address(d, pf, vf, v[n].pci, sizeof(v[n].pci)))
				v[n].pci[0] = '\0';
			v[n].has_status = pf->ext && pf->ext->vf_status &&
					  pf->ext->vf_status(pf->handle, vf, &v[n].st) == 0;
			n++;
		}
		sriovd_status_pass(pf, false);
	}
	f = rc ? NULL : open_memstream(text, len);
	if (f) {
		for (size_t k = 0; k < sizeof(vf_counters) / sizeof(vf_counters[0]); k++) {
			header(f, vf_counters[k].name, "counter", vf_counters[k].help);
			for (size_t i = 0; i < n; i++) {
				if (!v[i].has_status ||
				    !(v[i].st.present & (UINT32_C(1) << vf_counters[k].stat)))
					continue;
				fprintf(f, "%s{", vf_counters[k].name);
				vf_labels(f, &v[i]);
				fprintf(f, "} %" PRIu64 "\n", v[i].st.stat[vf_counters[k].stat]);
			}
		}
		render_mailbox(f, v, n, false);
		render_mailbox(f, v, n, true);
		render_vf_info(f, v, n);
		render_daemon(f, d, lives);
		if (fclose(f))
			rc = -ENOMEM;
	} else if (!rc) {
		rc = -ENOMEM;
	}
	for (size_t i = 0; i < d->n_pf; i++)
		sriov_live_free(lives[i]);
	free(lives);
	free(v);
	if (rc) {
		free(*text);
		*text = NULL;
	}
	return rc;
}
