/* SPDX-License-Identifier: BSD-2-Clause */
#include "control.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* A daemon busy in its poll loop answers within milliseconds; a request
 * that hangs means the daemon is wedged, so tell the user instead. */
#define CONTROL_REPLY_TIMEOUT_S  10

static int
socket_addr(const char *dir, struct sockaddr_un *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	int n = snprintf(sa->sun_path, sizeof(sa->sun_path), "%s/%s", dir, CONTROL_SOCKET_NAME);
	return n < 0 || (size_t)n >= sizeof(sa->sun_path) ? -ENAMETOOLONG : 0;
}

static int
connect_to(const char *dir)
{
	struct sockaddr_un sa;
	int rc = socket_addr(dir, &sa);
	if (rc)
		return rc;
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	return fd;
}

int
control_listen(const char *dir, int *fd_out)
{
	struct sockaddr_un sa;
	int rc = socket_addr(dir, &sa);
	if (rc)
		return rc;
	int probe = connect_to(dir);
	if (probe >= 0) {
		close(probe);
		return -EADDRINUSE;
	}
	unlink(sa.sun_path);   /* stale: its daemon is gone */
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 16) != 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	*fd_out = fd;
	return 0;
}

int
control_request(const char *dir, const char *request, char *reply, size_t reply_len)
{
	if (reply_len == 0)
		return -EINVAL;
	reply[0] = '\0';
	int fd = connect_to(dir);
	if (fd < 0)
		return fd;
	struct timeval tv = { .tv_sec = CONTROL_REPLY_TIMEOUT_S };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	size_t len = strlen(request);
	int rc = 0;
	if (send(fd, request, len, MSG_NOSIGNAL) != (ssize_t)len) {
		rc = -errno;
	} else {
		ssize_t n = recv(fd, reply, reply_len - 1, 0);
		if (n < 0) {
			rc = errno == EAGAIN ? -ETIMEDOUT : -errno;
		} else {
			reply[n] = '\0';
			rc = strncmp(reply, "ok", 2) == 0 ? 0 : -EREMOTEIO;
		}
	}
	close(fd);
	return rc;
}
