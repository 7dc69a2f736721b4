/* SPDX-License-Identifier: BSD-2-Clause */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "status_json.h"
#include "status_list.h"

/* Where VFs' sysfs links live: the simulator points this at its tree. */
#define PCI_DEVICES_ENV "SYSFS_PCI_DEVICES"
#define PCI_DEVICES_DEFAULT "/sys/bus/pci/devices"

json_t *status_pf_local(const struct sriov_backend *be, void *handle, const char *device,
			const char *description)
{
	const char *env = getenv(PCI_DEVICES_ENV);
	struct sriovd_options opt = { .pci_devices = env && *env ? env : PCI_DEVICES_DEFAULT,
				      .check_only = true };
	struct sriovd_backend_ext ext;
	struct sriovd d;
	struct sriovd_pf pf = { .device = (char *)device, .be = be, .handle = handle,
				.ext = &ext };
	json_t *o;

	/* sriovd's own status code over a one-PF daemon object that owns nothing. */
	sriovd_ext_from_ops(be, &ext);
	sriovd_init(&d, &opt, NULL, NULL);
	o = sriovd_pf_json(&d, &pf);
	if (o) {
		json_object_del(o, "adopted");
		json_object_del(o, "mailbox_served");
		json_object_del(o, "file");
		if (description)
			json_object_set_new(o, "description", json_string(description));
	}
	return o;
}

/* A value as -L shows it: yes/no, a number, the text. */
static void value_text(const json_t *v, char *buf, size_t len)
{
	if (json_is_boolean(v))
		snprintf(buf, len, "%s", json_is_true(v) ? "yes" : "no");
	else if (json_is_integer(v))
		snprintf(buf, len, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_string(v))
		snprintf(buf, len, "%s", json_string_value(v));
	else
		snprintf(buf, len, "?");
}

/* The VF keys -L groups into lines; what is left goes on an "other:" line. */
static const struct vf_key_label {
	const char *line;    /* the line it belongs to */
	const char *key;     /* the schema key */
	const char *label;   /* its name on that line ("" = the value alone) */
} vf_key_labels[] = {
	{ "mac", "mac-addr", "" },
	{ "policy", "mac-anti-spoof", "anti-spoof" },
	{ "policy", "trust", "trust" },
	{ "policy", "allow-set-mac", "set-mac" },
	{ "policy", "allow-promisc", "promisc-allowed" },
	{ "vlan", "vlan", "" },
	{ "vlan", "vlan-qos", "qos" },
	{ "link", "link-state", "policy" },
	{ "queues", "num-queues", "" },
	{ "rate", "max-tx-rate", "max-tx-mbps" },
};

static const char *const vf_lines[] = { "mac", "policy", "vlan", "link", "queues", "rate" };

static bool labelled(const char *key)
{
	for (size_t i = 0; i < sizeof(vf_key_labels) / sizeof(vf_key_labels[0]); i++)
		if (strcmp(vf_key_labels[i].key, key) == 0)
			return true;
	return strcmp(key, "passthrough") == 0;   /* on the host: line */
}

/* One line of grouped keys; the link line adds the status' link_up. */
static void print_vf_line(FILE *out, const char *line, const json_t *live, const json_t *status)
{
	const json_t *up = json_object_get(status, "link_up");
	bool any = false;
	char v[128];

	for (size_t i = 0; i < sizeof(vf_key_labels) / sizeof(vf_key_labels[0]); i++) {
		const struct vf_key_label *k = &vf_key_labels[i];
		const json_t *val = json_object_get(live, k->key);

		if (strcmp(k->line, line) != 0 || !val)
			continue;
		value_text(val, v, sizeof(v));
		fprintf(out, "%s%s%s%s%s", any ? " " : "\t\t\t", any ? "" : line, any ? "" : ": ",
			k->label, *k->label ? "=" : "");
		fprintf(out, "%s", v);
		any = true;
	}
	if (strcmp(line, "link") == 0 && up) {
		fprintf(out, "%sup=%s", any ? " " : "\t\t\tlink: ", json_is_true(up) ? "yes" : "no");
		any = true;
	}
	if (any)
		fprintf(out, "\n");
}

/* "op=count ..." of a mailbox_requests/denied object, opcodes by name. */
static void print_opcodes(FILE *out, const char *what, const json_t *ops,
			  const struct sriov_backend *be)
{
	const char *op;
	json_t *n;

	if (json_object_size(ops) == 0)
		return;
	fprintf(out, "\t\t\tmailbox %s:", what);
	json_object_foreach((json_t *)ops, op, n) {
		unsigned long code = strtoul(op, NULL, 10);
		const char *name = be && be->ops && be->ops->opcode_name ?
				   be->ops->opcode_name((unsigned int)code) : NULL;

		fprintf(out, " %s=%" JSON_INTEGER_FORMAT, name ? name : op, json_integer_value(n));
	}
	fprintf(out, "\n");
}

static void print_vf(FILE *out, const json_t *vf, const struct sriov_backend *be)
{
	const json_t *live = json_object_get(vf, "live"), *st = json_object_get(vf, "status");
	const json_t *pass = json_object_get(live, "passthrough"), *lease = json_object_get(vf, "lease");
	const char *pci = json_string_value(json_object_get(vf, "pci_address"));
	const char *drv = json_string_value(json_object_get(st, "driver"));
	const char *ver = json_string_value(json_object_get(st, "virtchnl_version"));
	const char *key;
	bool other = false;
	json_t *v;
	char text[128];

	fprintf(out, "\t\tvf %3" JSON_INTEGER_FORMAT ":\n",
		json_integer_value(json_object_get(vf, "vf")));
	fprintf(out, "\t\t\tidentity: pci-location=%s\n", pci ? pci : "unknown");
	fprintf(out, "\t\t\thost:");
	if (st)
		fprintf(out, " attached=%s", drv ? "yes" : "no");
	if (drv)
		fprintf(out, " driver=%s", drv);
	if (pass)
		fprintf(out, " passthrough=%s", json_is_true(pass) ? "yes" : "no");
	fprintf(out, "\n");
	if (json_object_size(live) == 0)
		fprintf(out, "\t\t\t(values unknown: only the process that owns the PF can read "
			"them)\n");
	for (size_t i = 0; i < sizeof(vf_lines) / sizeof(vf_lines[0]); i++)
		print_vf_line(out, vf_lines[i], live, st);
	json_object_foreach((json_t *)live, key, v) {
		if (labelled(key))
			continue;
		value_text(v, text, sizeof(text));
		fprintf(out, "%s%s=%s", other ? " " : "\t\t\tother: ", key, text);
		other = true;
	}
	if (other)
		fprintf(out, "\n");
	if (json_object_size(json_object_get(st, "counters"))) {
		fprintf(out, "\t\t\tcounters:");
		json_object_foreach(json_object_get(st, "counters"), key, v)
			fprintf(out, " %s=%" JSON_INTEGER_FORMAT, key, json_integer_value(v));
		fprintf(out, "\n");
	}
	if (ver || json_object_get(st, "active")) {
		fprintf(out, "\t\t\tvirtchnl:");
		if (ver)
			fprintf(out, " version=%s", ver);
		if (json_object_get(st, "active"))
			fprintf(out, " active=%s", json_is_true(json_object_get(st, "active")) ?
				"yes" : "no");
		fprintf(out, "\n");
	}
	print_opcodes(out, "requests", json_object_get(st, "mailbox_requests"), be);
	print_opcodes(out, "denied", json_object_get(st, "mailbox_denied"), be);
	if (lease)
		fprintf(out, "\t\t\tlease: pool=%s uid=%" JSON_INTEGER_FORMAT "\n",
			json_string_value(json_object_get(lease, "pool")),
			json_integer_value(json_object_get(lease, "uid")));
}

static void print_pf(FILE *out, const json_t *pf, const struct sriov_registry *reg)
{
	const char *dev = json_string_value(json_object_get(pf, "device"));
	const char *bk = json_string_value(json_object_get(pf, "backend"));
	const char *desc = json_string_value(json_object_get(pf, "description"));
	const char *file = json_string_value(json_object_get(pf, "file"));
	const char *err = json_string_value(json_object_get(pf, "error"));
	const json_t *n = json_object_get(pf, "num_vfs"), *total = json_object_get(pf, "total_vfs");
	const json_t *served = json_object_get(pf, "mailbox_served");
	const struct sriov_backend *be = bk && reg ? sriov_registry_find(reg, bk) : NULL;
	size_t i;
	json_t *vf;

	fprintf(out, "%s:\n", dev ? dev : "?");
	fprintf(out, "\tidentity: device=%s backend=%s", dev ? dev : "?", bk ? bk : "?");
	if (file && *file)
		fprintf(out, " file=%s", file);
	fprintf(out, "\n");
	if (desc)
		fprintf(out, "\tdescription: %s\n", desc);
	if (err) {
		fprintf(out, "\terror: %s\n", err);
		return;
	}
	fprintf(out, "\tsriov: enabled=%s vfs=%" JSON_INTEGER_FORMAT,
		json_integer_value(n) > 0 ? "yes" : "no", json_integer_value(n));
	if (total)
		fprintf(out, "/%" JSON_INTEGER_FORMAT, json_integer_value(total));
	fprintf(out, "\n");
	if (served)
		fprintf(out, "\tmailbox: served=%" JSON_INTEGER_FORMAT " adopted=%s\n",
			json_integer_value(served),
			json_is_true(json_object_get(pf, "adopted")) ? "yes" : "no");
	json_array_foreach(json_object_get(pf, "vfs"), i, vf)
		print_vf(out, vf, be);
}

void status_print(FILE *out, const json_t *doc, const struct sriov_registry *reg)
{
	const json_t *pfs = json_object_get(doc, "pfs");
	size_t i;
	json_t *pf;

	if (json_array_size(pfs) == 0)
		fprintf(out, "no PF is managed\n");
	json_array_foreach(pfs, i, pf)
		print_pf(out, pf, reg);
}
