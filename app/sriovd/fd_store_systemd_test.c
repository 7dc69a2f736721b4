/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The service manager's fd store, against a datagram socket of the test's
 * own as $NOTIFY_SOCKET: what keep/drop send (FDSTORE=1 with the fd,
 * FDSTOREREMOVE=1), the FDNAME spelling, adoption of LISTEN_FDS, and
 * errors that say what and why.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cmocka.h>

#include "fd_store_systemd.h"

#define HMC "x710-0000:01:00.0-hmc"
#define HMC_FDNAME "sriovd.x710-0000%3A01%3A00.0-hmc"
#define MSG_MAX 512
#define FAR_FD 200   /* a range no test harness uses, for LISTEN_FDS-like runs */

struct fixture {
	int mgr;                       /* the fake manager's end */
	char lines[8][512];            /* what the store logged */
	size_t n_lines;
	struct sriovd_fd_store_systemd s;
};

static void record(void *ctx, int prio, const char *line)
{
	struct fixture *f = ctx;

	(void)prio;
	if (f->n_lines < 8)
		snprintf(f->lines[f->n_lines++], sizeof(f->lines[0]), "%s", line);
}

static bool logged(const struct fixture *f, const char *a, const char *b)
{
	for (size_t i = 0; i < f->n_lines; i++)
		if (strstr(f->lines[i], a) && (!b || strstr(f->lines[i], b)))
			return true;
	return false;
}

/* An abstract datagram socket as NOTIFY_SOCKET ("@name", sd_notify(3)). */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char env[sizeof(sa.sun_path)], why[256];
	socklen_t len;

	assert_non_null(f);
	snprintf(env, sizeof(env), "@sriovd-fdstore-test-%d", (int)getpid());
	memcpy(sa.sun_path + 1, env + 1, strlen(env) - 1);
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(env));
	f->mgr = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(f->mgr >= 0);
	assert_int_equal(bind(f->mgr, (struct sockaddr *)&sa, len), 0);
	assert_int_equal(setenv("NOTIFY_SOCKET", env, 1), 0);
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	assert_int_equal(sriovd_fd_store_systemd_open(&f->s, record, f, why, sizeof(why)),
			 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	sriovd_fd_store_systemd_close(&f->s);
	close(f->mgr);
	free(f);
	return 0;
}

/* The next message, or "" when none waits; *fd gets a passed fd or -1. */
static void next_msg(struct fixture *f, char *text, int *fd)
{
	union {
		char buf[CMSG_SPACE(4 * sizeof(int))];
		struct cmsghdr align;
	} c;
	struct iovec iov = { text, MSG_MAX - 1 };
	struct msghdr h = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.buf,
			    .msg_controllen = sizeof(c.buf) };
	ssize_t n = recvmsg(f->mgr, &h, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);

	*fd = -1;
	text[n > 0 ? n : 0] = '\0';
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(&h); n > 0 && cm; cm = CMSG_NXTHDR(&h, cm))
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
			assert_int_equal(cm->cmsg_len, CMSG_LEN(sizeof(int)));   /* one fd */
			memcpy(fd, CMSG_DATA(cm), sizeof(int));
		}
}

static void expect_msg(struct fixture *f, const char *want, int same_as)
{
	char text[MSG_MAX];
	int fd;

	next_msg(f, text, &fd);
	assert_string_equal(text, want);
	if (same_as < 0) {
		assert_int_equal(fd, -1);
	} else {
		struct stat a, b;

		assert_true(fd >= 0);
		assert_int_equal(fstat(fd, &a), 0);
		assert_int_equal(fstat(same_as, &b), 0);
		assert_true(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
		close(fd);
	}
}

static bool same_file(int x, int y)
{
	struct stat a, b;

	return fstat(x, &a) == 0 && fstat(y, &b) == 0 && a.st_ino == b.st_ino &&
	       a.st_dev == b.st_dev;
}

static int memfd(const char *name)
{
	int fd = memfd_create(name, MFD_CLOEXEC);

	assert_true(fd >= 0);
	return fd;
}

static void names(void **state)
{
	static const char *const foreign[] = {
		"stored", "unknown", "sriovd.", "sriovd.a:b", "sriovd.%3a", "sriovd.%41",
		"sriovd.%00", "sriovd.%3", "sriovd.%", "sriovd.a b", "Sriovd.x",
	};
	char enc[SRIOVD_FDNAME_MAX + 1], dec[SRIOVD_FD_NAME_MAX], longname[SRIOVD_FD_NAME_MAX + 1];

	(void)state;
	assert_int_equal(sriovd_fdname_encode(HMC, enc, sizeof(enc)), 0);
	assert_string_equal(enc, HMC_FDNAME);
	assert_null(strchr(enc, ':'));
	assert_int_equal(sriovd_fdname_decode(enc, dec, sizeof(dec)), 0);
	assert_string_equal(dec, HMC);
	assert_int_equal(sriovd_fdname_encode("50%\n", enc, sizeof(enc)), 0);
	assert_string_equal(enc, "sriovd.50%25%0A");
	assert_int_equal(sriovd_fdname_decode(enc, dec, sizeof(dec)), 0);
	assert_string_equal(dec, "50%\n");
	for (size_t i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++)
		if (sriovd_fdname_decode(foreign[i], dec, sizeof(dec)) != -EINVAL)
			fail_msg("'%s' taken for one of ours", foreign[i]);
	/* The longest name (63), all escaped, stays within FDNAME's 255. */
	memset(longname, ':', SRIOVD_FD_NAME_MAX);
	longname[SRIOVD_FD_NAME_MAX] = '\0';
	assert_int_equal(sriovd_fdname_encode(longname, enc, sizeof(enc)), -ENAMETOOLONG);
	longname[SRIOVD_FD_NAME_MAX - 1] = '\0';
	assert_int_equal(sriovd_fdname_encode(longname, enc, sizeof(enc)), 0);
	assert_true(strlen(enc) <= SRIOVD_FDNAME_MAX);
	assert_int_equal(sriovd_fdname_decode(enc, dec, sizeof(dec)), 0);
	assert_string_equal(dec, longname);
	assert_int_equal(sriovd_fdname_encode("", enc, sizeof(enc)), -EINVAL);
	assert_int_equal(sriovd_fdname_encode(HMC, enc, 10), -ENAMETOOLONG);
}

static void keep_fetch_drop(void **state)
{
	struct fixture *f = *state;
	const struct sriov_fd_store *st = &f->s.store;
	int a = memfd("a"), got;

	assert_int_equal(st->fetch(st->ctx, HMC), -ENOENT);
	assert_int_equal(st->keep(st->ctx, HMC, a), 0);
	expect_msg(f, "FDSTOREREMOVE=1\nFDNAME=" HMC_FDNAME, -1);
	expect_msg(f, "FDSTORE=1\nFDNAME=" HMC_FDNAME, a);
	close(a);   /* the store's own duplicate serves fetch */
	got = st->fetch(st->ctx, HMC);
	assert_true(got >= 0);
	assert_true(fcntl(got, F_GETFD) & FD_CLOEXEC);
	close(got);
	st->drop(st->ctx, HMC);
	expect_msg(f, "FDSTOREREMOVE=1\nFDNAME=" HMC_FDNAME, -1);
	assert_int_equal(st->fetch(st->ctx, HMC), -ENOENT);
	assert_int_equal(f->s.n, 0);
	assert_int_equal(st->keep(st->ctx, HMC, -1), -EBADF);
	expect_msg(f, "", -1);   /* nothing sent for a refused keep */
}

static void keep_replaces(void **state)
{
	struct fixture *f = *state;
	const struct sriov_fd_store *st = &f->s.store;
	int a = memfd("a"), b = memfd("b"), got;

	assert_int_equal(st->keep(st->ctx, HMC, a), 0);
	assert_int_equal(st->keep(st->ctx, HMC, b), 0);
	expect_msg(f, "FDSTOREREMOVE=1\nFDNAME=" HMC_FDNAME, -1);
	expect_msg(f, "FDSTORE=1\nFDNAME=" HMC_FDNAME, a);
	expect_msg(f, "FDSTOREREMOVE=1\nFDNAME=" HMC_FDNAME, -1);
	expect_msg(f, "FDSTORE=1\nFDNAME=" HMC_FDNAME, b);
	got = st->fetch(st->ctx, HMC);
	assert_true(same_file(got, b));
	assert_int_equal(f->s.n, 1);
	close(got);
	close(a);
	close(b);
}

/* A manager that has gone: the error names the call and the reason. */
static void manager_gone(void **state)
{
	struct fixture *f = *state;
	const struct sriov_fd_store *st = &f->s.store;
	struct sriovd_fd_store_systemd other = { .n = 0 };
	char why[256];
	int a = memfd("a");

	assert_int_equal(setenv("NOTIFY_SOCKET", "@sriovd-fdstore-test-nobody-listens", 1), 0);
	assert_true(st->keep(st->ctx, HMC, a) < 0);
	assert_true(logged(f, "cannot replace " HMC_FDNAME ": sd_pid_notify_with_fds(FDSTOREREMOVE=1)",
			   strerror(ECONNREFUSED)));
	assert_int_equal(st->fetch(st->ctx, HMC), -ENOENT);
	unsetenv("NOTIFY_SOCKET");
	assert_int_equal(sriovd_fd_store_systemd_open(&other, NULL, NULL, why, sizeof(why)),
			 -ENOTCONN);
	assert_non_null(strstr(why, "NOTIFY_SOCKET is not set"));
	close(a);
}

/* LISTEN_FDS as passed back: ours kept, the rest closed (and ours-looking
 * but malformed removed from the manager's store), each with a log line. */
static void adopt_filters(void **state)
{
	static const char *const fdnames[] = {
		HMC_FDNAME, "unknown", HMC_FDNAME, "sriovd.bad%3a", "sriovd.x710-vchost",
	};
	struct fixture *f = *state;
	const struct sriov_fd_store *st = &f->s.store;
	int orig[5], got;

	for (int i = 0; i < 5; i++) {
		orig[i] = memfd("passed");
		assert_int_equal(dup2(orig[i], FAR_FD + i), FAR_FD + i);
	}
	assert_int_equal(sriovd_fd_store_systemd_adopt(&f->s, FAR_FD, 5, fdnames), 2);
	assert_true(same_file(FAR_FD, orig[0]));
	assert_true(same_file(FAR_FD + 4, orig[4]));
	for (int i = 1; i < 4; i++)
		assert_int_equal(fcntl(FAR_FD + i, F_GETFD), -1);   /* closed */
	expect_msg(f, "FDSTOREREMOVE=1\nFDNAME=unknown", -1);
	expect_msg(f, "FDSTOREREMOVE=1\nFDNAME=sriovd.bad%3a", -1);
	expect_msg(f, "", -1);
	assert_true(logged(f, "'unknown'", "not one of sriovd's"));
	assert_true(logged(f, "fd 202", "a second one of that name"));
	got = st->fetch(st->ctx, HMC);
	assert_true(same_file(got, orig[0]));
	close(got);
	got = st->fetch(st->ctx, "x710-vchost");
	assert_true(same_file(got, orig[4]));
	close(got);
	for (int i = 0; i < 5; i++)
		close(orig[i]);
}

/* Names LISTEN_FDNAMES should never hold (the environment is not to be
 * trusted): closed, not logged, and nothing sent back; a '\n' would
 * otherwise smuggle an assignment (here READY=1) into FDSTOREREMOVE. */
static void adopt_refuses_invalid_names(void **state)
{
	char longname[SRIOVD_FDNAME_MAX + 2];
	const char *fdnames[] = { "sriovd.x\nREADY=1", longname, "" };
	struct fixture *f = *state;

	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	for (int i = 0; i < 3; i++)
		assert_int_equal(dup2(STDERR_FILENO, FAR_FD + i), FAR_FD + i);
	assert_int_equal(sriovd_fd_store_systemd_adopt(&f->s, FAR_FD, 3, fdnames), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(fcntl(FAR_FD + i, F_GETFD), -1);   /* closed */
	expect_msg(f, "", -1);
	assert_int_equal(f->n_lines, 3);
	for (size_t i = 0; i < f->n_lines; i++) {
		assert_non_null(strstr(f->lines[i], "no valid FDNAME"));
		assert_null(strchr(f->lines[i], '\n'));
	}
}

/* The real path: sd_listen_fds_with_names() reads LISTEN_* of this pid.
 * LISTEN_FDS start at fd 3: whatever the harness has there is set aside. */
static void open_adopts_listen_fds(void **state)
{
	struct fixture *f = *state;
	struct sriovd_fd_store_systemd s2 = { .n = 0 };
	char why[256], pid[16];
	int a = memfd("a"), saved = fcntl(3, F_DUPFD_CLOEXEC, FAR_FD), got;

	assert_int_equal(dup2(a, 3), 3);
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	setenv("LISTEN_PID", pid, 1);
	setenv("LISTEN_FDS", "1", 1);
	setenv("LISTEN_FDNAMES", HMC_FDNAME, 1);
	assert_int_equal(sriovd_fd_store_systemd_open(&s2, record, f, why, sizeof(why)), 0);
	assert_null(getenv("LISTEN_FDS"));   /* not handed on to children */
	assert_true(logged(f, "passed 1 fd(s), 1 kept", NULL));
	got = s2.store.fetch(s2.store.ctx, HMC);
	assert_true(same_file(got, a));
	assert_true(fcntl(3, F_GETFD) & FD_CLOEXEC);
	close(got);
	sriovd_fd_store_systemd_close(&s2);
	assert_int_equal(fcntl(3, F_GETFD), -1);
	if (saved >= 0) {
		assert_int_equal(dup2(saved, 3), 3);
		close(saved);
	}
	close(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names),
		cmocka_unit_test_setup_teardown(keep_fetch_drop, setup, teardown),
		cmocka_unit_test_setup_teardown(keep_replaces, setup, teardown),
		cmocka_unit_test_setup_teardown(manager_gone, setup, teardown),
		cmocka_unit_test_setup_teardown(adopt_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(adopt_refuses_invalid_names, setup, teardown),
		cmocka_unit_test_setup_teardown(open_adopts_listen_fds, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
