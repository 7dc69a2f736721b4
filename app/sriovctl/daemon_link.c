/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon_link.h"

/* HTTP statuses sriovctl tells apart (RFC 9110 §15). */
#define HTTP_OK 200
#define HTTP_UNPROCESSABLE 422
#define HTTP_NOT_FOUND 404

static const char force_alone_hint[] =
	"run as a user sriovd allows (root or group sriovd), or pass --no-daemon to work "
	"alone (only when sriovd does not own the PF)";

enum daemon_probe daemon_link_open(struct daemon_link *l, const char *socket_opt, bool verbose)
{
	const char *path = socket_opt;
	json_t *answer = NULL;
	char *resp = NULL;
	struct stat st;
	int status, rc;

	memset(l, 0, sizeof(*l));
	if (!path || !*path)
		path = getenv(SRIOVCTL_SOCKET_ENV);
	if (!path || !*path)
		path = SRIOV_CLIENT_DEFAULT_SOCKET;
	snprintf(l->path, sizeof(l->path), "%s", path);
	if (stat(path, &st) != 0 && errno == ENOENT) {
		if (verbose)
			fprintf(stderr, "sriovctl: no sriovd socket at %s: working alone\n", path);
		return DAEMON_ABSENT;
	}
	if (stat(path, &st) != 0) {
		fprintf(stderr, "sriovctl: cannot reach sriovd's socket %s: %s; %s\n", path,
			strerror(errno), force_alone_hint);
		return DAEMON_REFUSED;
	}
	if ((rc = sriov_client_new(path, &l->client))) {
		fprintf(stderr, "sriovctl: sriovd socket %s: %s\n", path, strerror(-rc));
		return DAEMON_REFUSED;
	}
	rc = sriov_client_request(l->client, "GET", "/v1/health", NULL, &status, &resp);
	free(resp);
	if (rc == -ECONNREFUSED) {
		/* The socket file outlived its daemon: nobody owns the PFs. */
		fprintf(stderr, "sriovctl: %s exists but no sriovd listens on it; working alone\n",
			path);
		daemon_link_close(l);
		return DAEMON_ABSENT;
	}
	if (rc) {
		fprintf(stderr, "sriovctl: %s; %s\n", sriov_client_error(l->client), force_alone_hint);
		daemon_link_close(l);
		return DAEMON_REFUSED;
	}
	if (status == HTTP_OK) {
		if (verbose)
			fprintf(stderr, "sriovctl: using sriovd at %s\n", path);
		return DAEMON_PRESENT;
	}
	if (daemon_call(l, "GET", "/v1/health", NULL, &status, &answer) == 0) {
		daemon_print_error("sriovd refuses this user", status, answer);
		json_decref(answer);
	}
	fprintf(stderr, "sriovctl: %s\n", force_alone_hint);
	daemon_link_close(l);
	return DAEMON_REFUSED;
}

void daemon_link_close(struct daemon_link *l)
{
	sriov_client_free(l->client);
	l->client = NULL;
}

int daemon_call(struct daemon_link *l, const char *method, const char *path, json_t *body,
		int *status, json_t **answer)
{
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL, *resp = NULL;
	int rc;

	*answer = NULL;
	if (body && !text) {
		fprintf(stderr, "sriovctl: %s\n", strerror(ENOMEM));
		return 1;
	}
	rc = sriov_client_request(l->client, method, path, text, status, &resp);
	free(text);
	if (rc) {
		fprintf(stderr, "sriovctl: %s\n", sriov_client_error(l->client));
		return 1;
	}
	*answer = json_loads(resp, 0, NULL);
	free(resp);
	return 0;
}

void daemon_print_error(const char *what, int status, const json_t *answer)
{
	const json_t *errors = json_object_get(answer, "errors");
	const char *msg = json_string_value(json_object_get(answer, "error"));
	size_t i;
	json_t *e;

	/* An invalid configuration: only its positions, as sriovctl alone prints them. */
	if (status != HTTP_UNPROCESSABLE || json_array_size(errors) == 0) {
		if (msg)
			fprintf(stderr, "sriovctl: %s: %s\n", what, msg);
		else
			fprintf(stderr, "sriovctl: %s: sriovd answered HTTP %d without an error "
				"body\n", what, status);
	}
	json_array_foreach(errors, i, e) {
		const char *where = json_string_value(json_object_get(e, "where"));
		const char *m = json_string_value(json_object_get(e, "message"));

		/* The summary usually quotes the first entry already. */
		if (status != HTTP_UNPROCESSABLE && msg && m && strstr(msg, m))
			continue;
		fprintf(stderr, "%s%s: %s\n", status == HTTP_UNPROCESSABLE ? "" : "sriovctl: ",
			where ? where : "sriovd", m ? m : "?");
	}
}

bool daemon_unknown_pf(int status, const json_t *answer, const char *name)
{
	const char *where = json_string_value(json_object_get(answer, "where"));

	return status == HTTP_NOT_FOUND && where && strcmp(where, name) == 0;
}

bool daemon_name_ok(const char *name)
{
	if (!*name || strlen(name) > 64)
		return false;
	for (const char *p = name; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:._-", *p))
			return false;
	return true;
}
