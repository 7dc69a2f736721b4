/* SPDX-License-Identifier: BSD-2-Clause */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include "api.h"
#include "api_http.h"

/* Pending connections the kernel queues for us (listen(2) backlog). */
#define API_BACKLOG 128
/* An idle client is dropped after this many seconds. */
#define API_IDLE_TIMEOUT_S 30
/* Simultaneous API connections; more wait in the backlog. */
#define API_MAX_CONNECTIONS 256
#define RUNTIME_DIR_MODE 0755

struct sriovd_http {
	struct sriovd *d;
	struct sriovd_loop *loop;
	struct MHD_Daemon *mhd;
	int mhd_epoll_fd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	bool tcp;
};

/* Per-request state MHD keeps for us between the calls of one request. */
struct request_state {
	char *body;
	size_t len;
	bool too_large;
	bool allowed;
	uid_t uid;
};

bool sriovd_peer_allowed(const struct sriovd_options *o, uid_t uid, gid_t gid)
{
	for (size_t i = 0; i < o->n_uid; i++)
		if (o->uid[i] == uid)
			return true;
	for (size_t i = 0; i < o->n_gid; i++)
		if (o->gid[i] == gid)
			return true;
	return false;
}

static void check_peer(struct sriovd_http *h, struct MHD_Connection *conn, struct request_state *s)
{
	const union MHD_ConnectionInfo *ci;
	struct ucred cred;
	socklen_t len = sizeof(cred);

	if (h->tcp) {
		s->allowed = true;      /* loopback only, and read-only (api.c) */
		s->uid = (uid_t)-1;
		return;
	}
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (!ci || getsockopt(ci->connect_fd, SOL_SOCKET, SO_PEERCRED, &cred, &len)) {
		s->allowed = false;
		s->uid = (uid_t)-1;
		return;
	}
	s->uid = cred.uid;
	s->allowed = sriovd_peer_allowed(&h->d->opt, cred.uid, cred.gid);
	if (!s->allowed)
		sriovd_log(h->d, LOG_NOTICE, "API: refused peer pid %d uid %u gid %u", (int)cred.pid,
			   (unsigned int)cred.uid, (unsigned int)cred.gid);
}

static enum MHD_Result answer(struct sriovd_http *h, struct MHD_Connection *conn, const char *url,
			      const char *method, struct request_state *s)
{
	struct sriovd_request rq = {
		.method = method, .path = url, .body = s->body, .body_len = s->len,
		.body_too_large = s->too_large, .authenticated = s->allowed, .read_only = h->tcp,
		.uid = s->uid,
	};
	struct sriovd_response rs;
	struct MHD_Response *resp;
	enum MHD_Result ret;

	sriovd_quiesce(h->d, true);
	sriovd_api_handle(h->d, &rq, &rs);
	sriovd_quiesce(h->d, false);
	if (h->d->pf_table_changed && h->d->pf_table_resync)
		h->d->pf_table_resync(h->d->quiesce_ctx);
	h->d->pf_table_changed = false;
	resp = MHD_create_response_from_buffer(rs.len, rs.body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(rs.body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, rs.content_type);
	ret = MHD_queue_response(conn, rs.status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_data_size, void **con_cls)
{
	struct sriovd_http *h = cls;
	struct request_state *s = *con_cls;
	const char *cl;

	(void)version;
	if (!s) {
		s = calloc(1, sizeof(*s));
		if (!s)
			return MHD_NO;
		*con_cls = s;
		check_peer(h, conn, s);
		cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > h->d->opt.body_limit)
			s->too_large = true;
		/* Refuse early: nobody needs to send a body we will not read. */
		if (!s->allowed || s->too_large)
			return answer(h, conn, url, method, s);
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;

		*upload_data_size = 0;
		if (s->too_large || !s->allowed)
			return MHD_YES;
		if (s->len + n > h->d->opt.body_limit) {
			s->too_large = true;   /* chunked bodies are cut here */
			free(s->body);
			s->body = NULL;
			s->len = 0;
			return MHD_YES;
		}
		char *nb = realloc(s->body, s->len + n + 1);

		if (!nb)
			return MHD_NO;
		memcpy(nb + s->len, upload_data, n);
		s->body = nb;
		s->len += n;
		s->body[s->len] = '\0';
		return MHD_YES;
	}
	return answer(h, conn, url, method, s);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct request_state *s = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (s) {
		free(s->body);
		free(s);
	}
	*con_cls = NULL;
}

static void on_mhd_ready(void *ctx, uint32_t events)
{
	struct sriovd_http *h = ctx;

	(void)events;
	MHD_run(h->mhd);
}

static long mhd_next(void *ctx)
{
	struct sriovd_http *h = ctx;
	MHD_UNSIGNED_LONG_LONG ms;

	if (MHD_get_timeout(h->mhd, &ms) != MHD_YES)
		return -1;
	return ms > 60000 ? 60000 : (long)ms;
}

static int start(struct sriovd_http *h, int listen_fd, int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	const union MHD_DaemonInfo *di;
	int rc;

	if (listen_fd >= 0)
		h->mhd = MHD_start_daemon(MHD_USE_EPOLL, 0, NULL, NULL, on_request, h,
					  MHD_OPTION_LISTEN_SOCKET, (MHD_socket)listen_fd,
					  MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
					  MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)API_IDLE_TIMEOUT_S,
					  MHD_OPTION_CONNECTION_LIMIT, (unsigned int)API_MAX_CONNECTIONS,
					  MHD_OPTION_END);
	else
		h->mhd = MHD_start_daemon(MHD_USE_EPOLL, (uint16_t)port, NULL, NULL, on_request, h,
					  MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
					  MHD_OPTION_NOTIFY_COMPLETED, on_completed, h,
					  MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)API_IDLE_TIMEOUT_S,
					  MHD_OPTION_CONNECTION_LIMIT, (unsigned int)API_MAX_CONNECTIONS,
					  MHD_OPTION_END);
	if (!h->mhd)
		return -EIO;
	di = MHD_get_daemon_info(h->mhd, MHD_DAEMON_INFO_EPOLL_FD);
	if (!di)
		return -EIO;
	h->mhd_epoll_fd = di->epoll_fd;
	rc = sriovd_loop_add(h->loop, h->mhd_epoll_fd, EPOLLIN, on_mhd_ready, h);
	if (rc == 0)
		rc = sriovd_loop_add_timeout(h->loop, mhd_next, on_mhd_ready, h);
	return rc;
}

/* Makes the socket's directory (one level, like systemd's RuntimeDirectory=). */
static int make_parent(const char *path)
{
	char dir[PATH_MAX];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	if (mkdir(dir, RUNTIME_DIR_MODE) && errno != EEXIST)
		return -errno;
	return 0;
}

/* Binds @path, replacing a stale socket but never any other kind of file. */
static int bind_unix(const char *path, unsigned int mode, int *out)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct stat st;
	int fd, rc;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((rc = make_parent(path)))
		return rc;
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode))
			return -EEXIST;
		unlink(path);
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) || chmod(path, mode) ||
	    listen(fd, API_BACKLOG)) {
		rc = -errno;
		close(fd);
		unlink(path);
		return rc;
	}
	*out = fd;
	return 0;
}

int sriovd_http_start_unix(struct sriovd *d, struct sriovd_loop *loop, const char *path,
			   unsigned int mode, struct sriovd_http **out)
{
	struct sriovd_http *h = calloc(1, sizeof(*h));
	int fd = -1, rc;

	*out = NULL;
	if (!h)
		return -ENOMEM;
	h->d = d;
	h->loop = loop;
	snprintf(h->path, sizeof(h->path), "%s", path);
	rc = bind_unix(path, mode, &fd);
	if (rc == 0 && (rc = start(h, fd, 0)) && !h->mhd)
		close(fd);
	if (rc) {
		sriovd_http_stop(h);
		return rc;
	}
	*out = h;
	return 0;
}

int sriovd_http_start_tcp(struct sriovd *d, struct sriovd_loop *loop, int port,
			  struct sriovd_http **out)
{
	struct sriovd_http *h = calloc(1, sizeof(*h));
	int rc;

	*out = NULL;
	if (!h)
		return -ENOMEM;
	h->d = d;
	h->loop = loop;
	h->tcp = true;
	if ((rc = start(h, -1, port))) {
		sriovd_http_stop(h);
		return rc;
	}
	*out = h;
	return 0;
}

void sriovd_http_stop(struct sriovd_http *h)
{
	if (!h)
		return;
	if (h->mhd) {
		sriovd_loop_del(h->loop, h->mhd_epoll_fd);
		sriovd_loop_del_timeout(h->loop, h);
		MHD_stop_daemon(h->mhd);   /* closes the listen socket too */
	}
	if (h->path[0])
		unlink(h->path);
	free(h);
}
