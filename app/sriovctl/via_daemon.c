/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan_json.h"
#include "print.h"
#include "status_list.h"
#include "via_daemon.h"

#define HTTP_OK 200
/* No configuration file is this large; sriovd refuses bodies over its
 * --body-limit (64 KiB by default) with 413 anyway. */
#define CONFIG_FILE_MAX (1024 * 1024)

/* The whole file, NUL-terminated; NULL after saying why. */
static char *read_text(const char *file, size_t *len)
{
	FILE *f = fopen(file, "r");
	char *buf;

	if (!f) {
		fprintf(stderr, "%s: cannot open: %s\n", file, strerror(errno));
		return NULL;
	}
	buf = malloc(CONFIG_FILE_MAX + 1);
	*len = buf ? fread(buf, 1, CONFIG_FILE_MAX + 1, f) : 0;
	if (!buf || ferror(f) || *len > CONFIG_FILE_MAX) {
		fprintf(stderr, "%s: %s\n", file, !buf ? strerror(ENOMEM) : ferror(f) ?
			strerror(EIO) : "larger than 1 MiB: not a configuration file");
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[*len] = '\0';
	return buf;
}

int via_daemon_configure(struct daemon_link *l, const char *file, bool dry_run, bool json_out)
{
	json_t *body, *answer = NULL, *pf;
	int status = 0, rc = 1;
	size_t len, i;
	char *text;

	if (!(text = read_text(file, &len)))
		return 1;
	body = json_pack("{s:s, s:s%}", "name", file, "config", text, len);
	free(text);
	if (!body) {
		fprintf(stderr, "%s: not UTF-8 text, or out of memory\n", file);
		return 1;
	}
	if (daemon_call(l, "POST", dry_run ? "/v1/plan" : "/v1/apply", body, &status, &answer))
		goto out;
	if (status != HTTP_OK) {
		daemon_print_error("Failed to configure SR-IOV", status, answer);
		goto out;
	}
	rc = 0;
	json_array_foreach(json_object_get(answer, "pfs"), i, pf) {
		if (json_out) {
			json_print(stdout, pf);
			continue;
		}
		plan_json_print(stdout, pf);
		if (dry_run)
			continue;
		printf("%s: %zu change(s) applied.\n", plan_json_device_text(pf),
		       json_array_size(json_object_get(pf, "changes")));
		printf("sriovctl: sriovd (%s) owns %s and serves its VFs' mailboxes.\n", l->path,
		       json_string_value(json_object_get(pf, "device")));
	}
out:
	json_decref(answer);
	json_decref(body);
	return rc;
}

/* "/v1/pfs/DEVICE" + @tail, or 1 after saying the name cannot travel. */
static int pf_path(const char *device, const char *tail, char *buf, size_t len)
{
	if (!daemon_name_ok(device)) {
		fprintf(stderr, "sriovctl: '%s' cannot be sent to sriovd as a PF name\n", device);
		return 1;
	}
	snprintf(buf, len, "/v1/pfs/%s%s", device, tail);
	return 0;
}

int via_daemon_delete(struct daemon_link *l, const char *device, bool dry_run)
{
	json_t *body = json_pack("{s:b}", "dry_run", dry_run), *answer = NULL;
	int status = 0, rc = 1;
	char path[128];

	if (!body || pf_path(device, "/vfs", path, sizeof(path)) ||
	    daemon_call(l, "DELETE", path, body, &status, &answer))
		goto out;
	if (daemon_unknown_pf(status, answer, device)) {
		rc = VIA_DAEMON_NOT_MANAGED;
	} else if (status != HTTP_OK) {
		daemon_print_error("Failed to delete VFs", status, answer);
	} else {
		plan_json_print(stdout, answer);
		if (!dry_run)
			printf("%s: %zu change(s) applied.\n", plan_json_device_text(answer),
			       json_array_size(json_object_get(answer, "changes")));
		rc = 0;
	}
out:
	json_decref(answer);
	json_decref(body);
	return rc;
}

int via_daemon_schema(struct daemon_link *l, const char *device,
		      const struct sriov_registry *reg, bool json_out)
{
	const struct sriov_backend *be;
	json_t *answer = NULL;
	int status = 0, rc = 1;
	const char *driver;
	char path[128];

	if (pf_path(device, "/schema", path, sizeof(path)) ||
	    daemon_call(l, "GET", path, NULL, &status, &answer))
		goto out;
	if (daemon_unknown_pf(status, answer, device)) {
		rc = VIA_DAEMON_NOT_MANAGED;
		goto out;
	}
	if (status != HTTP_OK) {
		daemon_print_error("Failed to get the schema", status, answer);
		goto out;
	}
	if (json_out) {
		rc = json_print(stdout, answer);
		goto out;
	}
	/* The text layout needs the schema itself: sriovd names the driver, the
	 * same libsriov here holds its table. */
	driver = json_string_value(json_object_get(answer, "driver"));
	if (!driver || !(be = sriov_registry_find(reg, driver))) {
		fprintf(stderr, "sriovctl: sriovd drives %s with backend '%s', which this "
			"sriovctl does not know; -j prints sriovd's schema\n", device,
			driver ? driver : "?");
		goto out;
	}
	print_schema(stdout, &(struct sriov_schema){ be->schema }, NULL, NULL);
	rc = 0;
out:
	json_decref(answer);
	return rc;
}

int via_daemon_list(struct daemon_link *l, const char *device,
		    const struct sriov_registry *reg, bool json_out)
{
	json_t *answer = NULL, *doc = NULL;
	int status = 0, rc = 1;
	char path[128] = "/v1/pfs";

	if ((device && pf_path(device, "", path, sizeof(path))) ||
	    daemon_call(l, "GET", path, NULL, &status, &answer))
		goto out;
	if (device && daemon_unknown_pf(status, answer, device)) {
		rc = VIA_DAEMON_NOT_MANAGED;
		goto out;
	}
	if (status != HTTP_OK) {
		daemon_print_error("Failed to get the status", status, answer);
		goto out;
	}
	/* One PF comes bare: list it as GET /v1/pfs would. */
	doc = device ? json_pack("{s:[O]}", "pfs", answer) : json_incref(answer);
	rc = json_out ? json_print(stdout, doc) : (status_print(stdout, doc, reg), 0);
out:
	json_decref(doc);
	json_decref(answer);
	return rc;
}
