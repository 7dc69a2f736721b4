/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "fd_store_systemd.h"

/* The messages of sd_pid_notify(3) we send. */
#define MSG_STORE "FDSTORE=1\nFDNAME="
#define MSG_REMOVE "FDSTOREREMOVE=1\nFDNAME="
#define ESCAPE '%'

static void say(const struct sriovd_fd_store_systemd *s, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(const struct sriovd_fd_store_systemd *s, int prio, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	if (!s->log)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	s->log(s->log_ctx, prio, line);
}

/* systemd's rule for any FDNAME: 1..255 printable ASCII characters, no
 * ':' (sd_pid_notify(3)). A name from LISTEN_FDNAMES (the environment)
 * that breaks it is neither logged nor sent back: a '\n' in it would add
 * assignments of its own to our notify message. */
static bool fdname_valid(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if ((unsigned char)s[n] < ' ' || (unsigned char)s[n] >= 0x7f || s[n] == ':')
			return false;
	return n > 0 && n <= SRIOVD_FDNAME_MAX;
}

/* Printable ASCII but the LISTEN_FDNAMES separator and our escape. */
static bool plain(unsigned char c)
{
	return c > ' ' && c < 0x7f && c != ':' && c != ESCAPE;
}

int sriovd_fdname_encode(const char *name, char *out, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = strlen(SRIOVD_FDSTORE_PREFIX);

	if (!name[0])
		return -EINVAL;
	if (strlen(name) >= SRIOVD_FD_NAME_MAX || len <= o)
		return -ENAMETOOLONG;
	memcpy(out, SRIOVD_FDSTORE_PREFIX, o);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (o + (plain(*p) ? 1 : 3) >= len || o + 3 > SRIOVD_FDNAME_MAX)
			return -ENAMETOOLONG;
		if (plain(*p)) {
			out[o++] = (char)*p;
		} else {
			out[o++] = ESCAPE;
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 0xf];
		}
	}
	out[o] = '\0';
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;   /* lower case is not what encode() writes: not canonical */
}

int sriovd_fdname_decode(const char *fdname, char *out, size_t len)
{
	size_t plen = strlen(SRIOVD_FDSTORE_PREFIX), o = 0;
	const char *p;

	if (strncmp(fdname, SRIOVD_FDSTORE_PREFIX, plen) != 0 || !fdname[plen])
		return -EINVAL;
	for (p = fdname + plen; *p; o++) {
		int c;

		if (o + 1 >= len || o + 1 >= SRIOVD_FD_NAME_MAX)
			return -ENAMETOOLONG;
		if (*p == ESCAPE) {
			int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);

			if (hi < 0 || lo < 0)
				return -EINVAL;
			c = hi << 4 | lo;
			/* An escaped plain character would give one name two spellings. */
			if (c == 0 || plain((unsigned char)c))
				return -EINVAL;
			p += 3;
		} else if (plain((unsigned char)*p)) {
			c = (unsigned char)*p++;
		} else {
			return -EINVAL;
		}
		out[o] = (char)c;
	}
	out[o] = '\0';
	return 0;
}

static struct sriovd_fdstore_slot *slot_find(struct sriovd_fd_store_systemd *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->slot[i].name, name) == 0)
			return &s->slot[i];
	return NULL;
}

static void slot_free(struct sriovd_fd_store_systemd *s, struct sriovd_fdstore_slot *sl)
{
	close(sl->fd);
	*sl = s->slot[--s->n];
}

/* One message to the manager; 0 or -errno, said with what and why. */
static int notify(struct sriovd_fd_store_systemd *s, const char *what, const char *fdname, int fd)
{
	char msg[sizeof(MSG_REMOVE) + SRIOVD_FDNAME_MAX];   /* the longer one */
	int rc;

	snprintf(msg, sizeof(msg), "%s%s", fd >= 0 ? MSG_STORE : MSG_REMOVE, fdname);
	rc = sd_pid_notify_with_fds(0, 0, msg, fd >= 0 ? &fd : NULL, fd >= 0 ? 1 : 0);
	if (rc == 0)
		rc = -ENOTCONN;   /* sd_notify(3): 0 = $NOTIFY_SOCKET is not set */
	if (rc < 0) {
		say(s, LOG_ERR, "fd store: cannot %s %s: sd_pid_notify_with_fds(%s): %s", what, fdname,
		    fd >= 0 ? "FDSTORE=1" : "FDSTOREREMOVE=1",
		    rc == -ENOTCONN ? "NOTIFY_SOCKET is not set" : strerror(-rc));
		return rc;
	}
	return 0;
}

static int store_fetch(void *ctx, const char *name)
{
	struct sriovd_fdstore_slot *sl = slot_find(ctx, name);
	int fd;

	if (!sl)
		return -ENOENT;
	fd = fcntl(sl->fd, F_DUPFD_CLOEXEC, 0);
	return fd >= 0 ? fd : -errno;
}

/* Remove, then store: the manager would otherwise hold two under one name
 * and hand both back. */
static int store_keep(void *ctx, const char *name, int fd)
{
	struct sriovd_fd_store_systemd *s = ctx;
	struct sriovd_fdstore_slot *sl = slot_find(s, name);
	char fdname[SRIOVD_FDNAME_MAX + 1];
	int rc, dup;

	if (fd < 0)
		return -EBADF;
	if ((rc = sriovd_fdname_encode(name, fdname, sizeof(fdname)))) {
		say(s, LOG_ERR, "fd store: cannot keep '%s': %s", name,
		    rc == -ENAMETOOLONG ? "name too long" : "empty name");
		return rc;
	}
	if (!sl && s->n == SRIOVD_FDSTORE_SLOTS) {
		say(s, LOG_ERR, "fd store: cannot keep %s: all %d slots in use", fdname,
		    SRIOVD_FDSTORE_SLOTS);
		return -ENOSPC;
	}
	if ((dup = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0)
		return -errno;
	if ((rc = notify(s, "replace", fdname, -1))) {
		close(dup);
		return rc;
	}
	if ((rc = notify(s, "keep", fdname, fd))) {
		close(dup);
		if (sl)
			slot_free(s, sl);   /* removed above: the manager holds none now */
		return rc;
	}
	if (sl) {
		close(sl->fd);
	} else {
		sl = &s->slot[s->n++];
		snprintf(sl->name, sizeof(sl->name), "%s", name);
	}
	sl->fd = dup;
	return 0;
}

static void store_drop(void *ctx, const char *name)
{
	struct sriovd_fd_store_systemd *s = ctx;
	struct sriovd_fdstore_slot *sl = slot_find(s, name);
	char fdname[SRIOVD_FDNAME_MAX + 1];

	if (sriovd_fdname_encode(name, fdname, sizeof(fdname)) == 0)
		(void)notify(s, "drop", fdname, -1);
	if (sl)
		slot_free(s, sl);
}

static void ops_init(struct sriovd_fd_store_systemd *s)
{
	s->store = (struct sriov_fd_store){ .fetch = store_fetch, .keep = store_keep,
					    .drop = store_drop, .ctx = s };
}

size_t sriovd_fd_store_systemd_adopt(struct sriovd_fd_store_systemd *s, int first, size_t n,
				     const char *const *names)
{
	size_t kept = 0;

	ops_init(s);
	for (size_t i = 0; i < n; i++) {
		const char *fdname = names && names[i] ? names[i] : "";
		char name[SRIOVD_FD_NAME_MAX];
		int fd = first + (int)i;

		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
		if (!fdname_valid(fdname)) {
			say(s, LOG_WARNING, "fd store: fd %d from the service manager has no valid "
			    "FDNAME (empty, over %d characters, or not printable ASCII): closed",
			    fd, SRIOVD_FDNAME_MAX);
			close(fd);
		} else if (sriovd_fdname_decode(fdname, name, sizeof(name)) != 0) {
			say(s, LOG_WARNING, "fd store: fd %d named '%s' from the service manager "
			    "is not one of sriovd's: closed and removed from the store", fd, fdname);
			close(fd);
			(void)notify(s, "forget", fdname, -1);
		} else if (slot_find(s, name) || s->n == SRIOVD_FDSTORE_SLOTS) {
			say(s, LOG_WARNING, "fd store: fd %d named '%s' from the service manager: %s; "
			    "closed", fd, fdname, s->n == SRIOVD_FDSTORE_SLOTS ? "no slot left"
			    : "a second one of that name");
			close(fd);
		} else {
			struct sriovd_fdstore_slot *sl = &s->slot[s->n++];

			snprintf(sl->name, sizeof(sl->name), "%s", name);
			sl->fd = fd;
			kept++;
		}
	}
	return kept;
}

int sriovd_fd_store_systemd_open(struct sriovd_fd_store_systemd *s,
				 void (*log)(void *ctx, int prio, const char *line), void *log_ctx,
				 char *why, size_t why_len)
{
	const char *sock = getenv("NOTIFY_SOCKET");
	char **names = NULL;
	size_t kept;
	int n;

	s->n = 0;
	s->log = log;
	s->log_ctx = log_ctx;
	ops_init(s);
	if (!sock || !sock[0]) {
		snprintf(why, why_len, "--fd-store=systemd: NOTIFY_SOCKET is not set (not started "
			 "by a service manager)");
		return -ENOTCONN;
	}
	/* Unset: LISTEN_* describe this process only, not what it may start. */
	n = sd_listen_fds_with_names(1, &names);
	if (n < 0) {
		snprintf(why, why_len, "--fd-store=systemd: sd_listen_fds_with_names: %s",
			 strerror(-n));
		return n;
	}
	kept = sriovd_fd_store_systemd_adopt(s, SD_LISTEN_FDS_START, (size_t)n,
					     (const char *const *)names);
	if (n > 0)
		say(s, LOG_INFO, "fd store: the service manager passed %d fd(s), %zu kept", n, kept);
	for (int i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
	return 0;
}

void sriovd_fd_store_systemd_close(struct sriovd_fd_store_systemd *s)
{
	while (s->n > 0)
		slot_free(s, &s->slot[s->n - 1]);
}
