/* SPDX-License-Identifier: BSD-2-Clause */
/* A small HTTP/1.1 client over a Unix socket: one request per connection. */
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <sriov/client.h>

/* A response larger than this is not one sriovd sends (a full status of
 * 8 PFs x 128 VFs is well under it); stop reading rather than grow forever. */
#define CLIENT_RESPONSE_MAX (16u * 1024 * 1024)
#define CLIENT_READ_CHUNK 16384

struct sriov_client {
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char error[256];
};

int sriov_client_new(const char *socket_path, struct sriov_client **out)
{
	struct sriov_client *c;
	const char *p = socket_path ? socket_path : SRIOV_CLIENT_DEFAULT_SOCKET;

	*out = NULL;
	if (strlen(p) >= sizeof(c->path))
		return -ENAMETOOLONG;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	memcpy(c->path, p, strlen(p) + 1);
	*out = c;
	return 0;
}

void sriov_client_free(struct sriov_client *c)
{
	free(c);
}

const char *sriov_client_error(const struct sriov_client *c)
{
	return c->error;
}

static int fail(struct sriov_client *c, int rc, const char *fmt, const char *arg)
{
	snprintf(c->error, sizeof(c->error), fmt, arg, strerror(-rc));
	return rc;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reads until the peer closes (we send Connection: close). */
static int read_all(int fd, char **out, size_t *len)
{
	size_t cap = 0, n = 0;
	char *buf = NULL;

	for (;;) {
		ssize_t r;

		if (cap - n < CLIENT_READ_CHUNK) {
			char *nb;

			if (cap >= CLIENT_RESPONSE_MAX) {
				free(buf);
				return -EMSGSIZE;
			}
			nb = realloc(buf, cap + CLIENT_READ_CHUNK + 1);
			if (!nb) {
				free(buf);
				return -ENOMEM;
			}
			buf = nb;
			cap += CLIENT_READ_CHUNK;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int rc = -errno;

			free(buf);
			return rc;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* Decodes a chunked body in place (RFC 9112 §7.1); -EPROTO when malformed. */
static int dechunk(char *body, size_t len, size_t *out_len)
{
	char *in = body, *end = body + len, *o = body;

	for (;;) {
		char *eol = memmem(in, (size_t)(end - in), "\r\n", 2);
		unsigned long sz;
		char *num_end;

		if (!eol)
			return -EPROTO;
		sz = strtoul(in, &num_end, 16);
		if (num_end == in)
			return -EPROTO;
		in = eol + 2;
		if (sz == 0)
			break;
		if ((size_t)(end - in) < sz + 2)
			return -EPROTO;
		memmove(o, in, sz);
		o += sz;
		in += sz + 2;
	}
	*o = '\0';
	*out_len = (size_t)(o - body);
	return 0;
}

/* Splits "HTTP/1.1 200 OK\r\n...\r\n\r\nbody"; the body is moved to the front. */
static int parse_response(char *buf, size_t len, int *status, char **body)
{
	char *hdr_end = strstr(buf, "\r\n\r\n"), *p;
	size_t body_len;
	bool chunked = false;
	int rc;

	if (!hdr_end || sscanf(buf, "HTTP/1.%*1[01] %3d", status) != 1 || *status < 100 ||
	    *status > 599)
		return -EPROTO;
	*hdr_end = '\0';
	for (p = strstr(buf, "\r\n"); p; p = strstr(p + 2, "\r\n"))
		if (strncasecmp(p + 2, "transfer-encoding:", 18) == 0 && strstr(p + 20, "chunked"))
			chunked = true;
	hdr_end += 4;
	body_len = len - (size_t)(hdr_end - buf);
	memmove(buf, hdr_end, body_len);
	buf[body_len] = '\0';
	if (chunked && (rc = dechunk(buf, body_len, &body_len)))
		return rc;
	*body = buf;
	return 0;
}

int sriov_client_request(struct sriov_client *c, const char *method, const char *path,
			 const char *body, int *status, char **response)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	size_t blen = body ? strlen(body) : 0, rlen = 0;
	char *head = NULL, *raw = NULL;
	int fd, rc, hlen;

	*response = NULL;
	c->error[0] = '\0';
	memcpy(sun.sun_path, c->path, strlen(c->path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return fail(c, -errno, "socket: %s%s", "");
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun))) {
		rc = -errno;
		close(fd);
		return fail(c, rc, "cannot reach sriovd at %s: %s", c->path);
	}
	hlen = asprintf(&head, "%s %s HTTP/1.1\r\nHost: sriovd\r\nConnection: close\r\n"
			"Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
			method, path, blen);
	rc = hlen < 0 ? -ENOMEM : write_all(fd, head, (size_t)hlen);
	if (rc == 0 && blen)
		rc = write_all(fd, body, blen);
	/* sriovd may answer early (413) and close while the body is still
	 * going out: the answer waiting in the socket is what counts. */
	if (rc == 0 || rc == -EPIPE || rc == -ECONNRESET) {
		int wrc = rc;

		rc = read_all(fd, &raw, &rlen);
		if (rc == 0 && rlen == 0) {
			free(raw);
			rc = wrc ? wrc : -EPROTO;
		}
	}
	free(head);
	close(fd);
	if (rc)
		return fail(c, rc, "talking to sriovd at %s: %s", c->path);
	if ((rc = parse_response(raw, rlen, status, response))) {
		free(raw);
		return fail(c, rc, "sriovd at %s sent no HTTP response: %s", c->path);
	}
	return 0;
}

/* Copies a string member into @dst when present and short enough. */
static void copy_member(const json_t *o, const char *key, char *dst, size_t len)
{
	const char *s = json_string_value(json_object_get(o, key));

	dst[0] = '\0';
	if (s && strlen(s) < len)
		memcpy(dst, s, strlen(s) + 1);
}

/* Maps an error response to errno and keeps its message. */
static int http_error(struct sriov_client *c, int status, const char *body)
{
	json_t *j = json_loads(body, 0, NULL);
	const char *msg = json_string_value(json_object_get(j, "error"));

	snprintf(c->error, sizeof(c->error), "%s", msg ? msg : "sriovd refused the request");
	json_decref(j);
	switch (status) {
	case 403: return -EACCES;
	case 404: return -ENOENT;
	case 409: return -EBUSY;
	default: return status >= 500 ? -EIO : -EINVAL;
	}
}

/* A pool name travels in the path: keep it to the characters sriovd allows. */
static bool pool_name_ok(const char *s)
{
	if (!*s || strlen(s) >= 64)
		return false;
	for (; *s; s++)
		if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9')))
			return false;
	return true;
}

int sriov_client_claim_vf(struct sriov_client *c, const char *pool, struct sriov_vf_lease *out)
{
	char path[128], *resp;
	json_t *j, *vf;
	int status, rc;

	memset(out, 0, sizeof(*out));
	if (!pool_name_ok(pool)) {
		snprintf(c->error, sizeof(c->error), "'%s' is not a pool name", pool);
		return -EINVAL;
	}
	snprintf(path, sizeof(path), "/v1/pools/%s/claim", pool);
	if ((rc = sriov_client_request(c, "POST", path, NULL, &status, &resp)))
		return rc;
	if (status != 200) {
		rc = http_error(c, status, resp);
		free(resp);
		return rc;
	}
	j = json_loads(resp, 0, NULL);
	free(resp);
	vf = json_object_get(j, "vf");
	if (!json_is_object(j) || !json_is_integer(vf) || json_integer_value(vf) < 0 ||
	    json_integer_value(vf) > UINT16_MAX) {
		json_decref(j);
		snprintf(c->error, sizeof(c->error), "sriovd sent a malformed lease");
		return -EPROTO;
	}
	out->vf = (uint16_t)json_integer_value(vf);
	copy_member(j, "id", out->id, sizeof(out->id));
	copy_member(j, "pool", out->pool, sizeof(out->pool));
	copy_member(j, "pf", out->pf, sizeof(out->pf));
	copy_member(j, "pci_address", out->pci_address, sizeof(out->pci_address));
	copy_member(j, "mac", out->mac, sizeof(out->mac));
	copy_member(j, "vf_token", out->vf_token, sizeof(out->vf_token));
	json_decref(j);
	return out->id[0] ? 0 : -EPROTO;
}

int sriov_client_release_vf(struct sriov_client *c, const struct sriov_vf_lease *lease)
{
	char path[128], *resp;
	int status, rc;

	for (const char *p = lease->id; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || *p == '-')) {
			snprintf(c->error, sizeof(c->error), "malformed lease id");
			return -EINVAL;
		}
	snprintf(path, sizeof(path), "/v1/leases/%s", lease->id);
	if ((rc = sriov_client_request(c, "DELETE", path, NULL, &status, &resp)))
		return rc;
	rc = status == 200 ? 0 : http_error(c, status, resp);
	if (status == 403)
		rc = -EPERM;
	free(resp);
	return rc;
}
