/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sriovctl's line to sriovd: which socket, whether a daemon answers there,
 * and one request at a time with a JSON answer. When sriovd runs it owns
 * the userspace PFs, so sriovctl must go through it rather than take the
 * device itself; when its socket does not exist sriovctl works alone.
 */
#ifndef SRIOVCTL_DAEMON_LINK_H
#define SRIOVCTL_DAEMON_LINK_H

#include <stdbool.h>

#include <jansson.h>

#include <sriov/client.h>

/* Overrides the default socket when --socket is not given. */
#define SRIOVCTL_SOCKET_ENV "SRIOVD_SOCKET"

struct daemon_link {
	struct sriov_client *client;
	char path[108];
};

enum daemon_probe {
	DAEMON_ABSENT,     /* no socket, or nobody listens (a stale socket): work alone */
	DAEMON_PRESENT,    /* sriovd answered /v1/health */
	DAEMON_REFUSED,    /* it exists but refuses us: the error has been printed */
};

/* Picks the socket (@socket_opt, else $SRIOVD_SOCKET, else the default)
 * and asks it /v1/health. @verbose says on stderr what was found. */
enum daemon_probe daemon_link_open(struct daemon_link *l, const char *socket_opt, bool verbose);
void daemon_link_close(struct daemon_link *l);

/*
 * One request; @body (may be NULL) is sent as JSON and kept by the caller.
 * 0 with *status and *answer (NULL when the body is not JSON), or 1 after
 * printing why sriovd could not be asked.
 */
int daemon_call(struct daemon_link *l, const char *method, const char *path, json_t *body,
		int *status, json_t **answer);

/* Prints an error answer as sriovctl errors: each entry of "errors" as
 * "WHERE: MESSAGE" (WHERE is file:line:column for a configuration), or
 * "sriovctl: @what: ERROR" when it lists none. */
void daemon_print_error(const char *what, int status, const json_t *answer);

/* True when @answer is a 404 naming @name as an unknown PF: sriovd does
 * not manage it under that spelling. */
bool daemon_unknown_pf(int status, const json_t *answer, const char *name);

/* A PF name that can travel as one path segment unescaped. */
bool daemon_name_ok(const char *name);

#endif
