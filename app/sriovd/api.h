/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The HTTP/JSON API without the HTTP: a request (method, path, body, who
 * asks) in, a status and a body out. api_http.c feeds it from
 * libmicrohttpd; the tests call it directly. doc/api.md documents it.
 */
#ifndef SRIOVD_API_H
#define SRIOVD_API_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "daemon.h"

struct sriovd_request {
	const char *method;
	const char *path;
	const char *body;            /* may hold NULs: len counts */
	size_t body_len;
	bool body_too_large;         /* the transport dropped it */
	bool authenticated;          /* peer credentials were checked and allowed */
	bool read_only;              /* TCP listener: GET only */
	uid_t uid;
};

struct sriovd_response {
	unsigned int status;
	char *body;                  /* malloc'ed */
	size_t len;
	const char *content_type;
};

/* Always fills @rs (status 500 with a fixed body when out of memory). */
void sriovd_api_handle(struct sriovd *d, const struct sriovd_request *rq,
		       struct sriovd_response *rs);

#endif
