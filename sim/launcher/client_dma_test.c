/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * client_dma on this very process: map a hugepage, learn its PA from
 * pagemap, and reach it again through the ops the model would call.
 * Needs root and free hugepages; every test skips without them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <poll.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/memfd.h>   /* MFD_HUGE_2MB */

#include "client_dma.h"

#define HUGE SIM_DMA_PAGE_SIZE
#define PATTERN_AT 0x3000        /* where the client writes, the launcher reads */
#define LAUNCHER_AT 0x5000       /* where the launcher writes, the holder reads */
#define LAUNCHER_BYTE 0x5A

static bool
environment_ok(void)
{
	char why[256];
	return client_dma_check_preconditions(2, why, sizeof(why)) == 0;
}

static void *
huge_map(int flags)
{
	void *p = mmap(NULL, HUGE, PROT_READ | PROT_WRITE,
		       flags | MAP_ANONYMOUS | MAP_HUGETLB, -1, 0);
	assert_ptr_not_equal(p, MAP_FAILED);
	memset(p, 0, HUGE);   /* fault it in: pagemap shows only present pages */
	return p;
}

static void
test_translate_own_hugepage(void **state)
{
	(void)state;
	if (!environment_ok())
		skip();
	struct client_dma *cd;
	assert_int_equal(client_dma_create(&cd), 0);
	assert_int_equal(client_dma_add_client(cd, getpid()), 0);

	/* Mapped after registration: the first lookup misses and rescans. */
	uint8_t *va = huge_map(MAP_SHARED);
	for (size_t i = 0; i < 4096; i++)
		va[0x1000 + i] = (uint8_t)(i * 7 + 3);
	uint64_t pa = client_dma_self_pa(va + 0x1000);
	assert_int_not_equal(pa, 0);

	const struct sim_dma_ops *ops = client_dma_ops(cd);
	uint8_t *host = sim_dma_map(ops, pa, 4096);
	assert_non_null(host);
	assert_ptr_not_equal(host, va + 0x1000);   /* the launcher's own mapping */
	assert_memory_equal(host, va + 0x1000, 4096);

	host[5] = 0xA5;   /* stores reach the client's page */
	assert_int_equal(va[0x1005], 0xA5);

	struct client_dma_stats st;
	client_dma_get_stats(cd, &st);
	assert_int_equal(st.clients, 1);
	assert_true(st.pages >= 1);

	munmap(va, HUGE);
	client_dma_destroy(cd);
}

static void
test_rejects_ranges_and_unknown_pa(void **state)
{
	(void)state;
	if (!environment_ok())
		skip();
	struct client_dma *cd;
	assert_int_equal(client_dma_create(&cd), 0);
	uint8_t *va = huge_map(MAP_SHARED);
	assert_int_equal(client_dma_add_client(cd, getpid()), 0);
	assert_int_equal(client_dma_rescan(cd), 0);
	uint64_t pa = client_dma_self_pa(va);
	assert_int_not_equal(pa, 0);
	const struct sim_dma_ops *ops = client_dma_ops(cd);

	/* Crossing a 2 MiB boundary is never one host range. */
	assert_null(ops->map(ops->ctx, pa + HUGE - 8, 16));
	assert_null(ops->map(ops->ctx, pa, 0));
	assert_non_null(ops->map(ops->ctx, pa + HUGE - 8, 8));

	/* PA 0 is never one of our hugepages. */
	assert_null(ops->map(ops->ctx, 0, 64));
	struct client_dma_stats st;
	client_dma_get_stats(cd, &st);
	assert_int_equal(st.lookups_missed, 1);

	/* After the client leaves, its pages are gone from the table. */
	assert_int_equal(client_dma_remove_client(cd, getpid()), 0);
	client_dma_get_stats(cd, &st);
	assert_int_equal(st.pages, 0);
	assert_int_equal(client_dma_remove_client(cd, getpid()), -ENOENT);

	munmap(va, HUGE);
	client_dma_destroy(cd);
}

static void
test_private_hugepages_are_skipped(void **state)
{
	(void)state;
	if (!environment_ok())
		skip();
	struct client_dma *cd;
	assert_int_equal(client_dma_create(&cd), 0);
	uint8_t *va = huge_map(MAP_PRIVATE);
	assert_int_equal(client_dma_add_client(cd, getpid()), 0);
	assert_int_equal(client_dma_rescan(cd), 0);
	uint64_t pa = client_dma_self_pa(va);
	assert_int_not_equal(pa, 0);

	struct client_dma_stats st;
	client_dma_get_stats(cd, &st);
	assert_true(st.private_vmas >= 1);
	const struct sim_dma_ops *ops = client_dma_ops(cd);
	assert_null(ops->map(ops->ctx, pa, 64));

	munmap(va, HUGE);
	client_dma_destroy(cd);
}

static void
test_exited_client_is_reaped(void **state)
{
	(void)state;
	if (!environment_ok())
		skip();
	struct client_dma *cd;
	assert_int_equal(client_dma_create(&cd), 0);
	int go[2];
	assert_int_equal(pipe(go), 0);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		char c;
		close(go[1]);
		_exit(read(go[0], &c, 1) == 1 ? 0 : 1);   /* exit once told to */
	}
	close(go[0]);
	assert_int_equal(client_dma_add_client(cd, child), 0);
	assert_int_equal(client_dma_reap(cd), 0);   /* still alive: kept */
	assert_int_equal(write(go[1], "x", 1), 1);
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_int_equal(client_dma_reap(cd), 1);
	struct client_dma_stats st;
	client_dma_get_stats(cd, &st);
	assert_int_equal(st.clients, 0);
	close(go[1]);
	client_dma_destroy(cd);
}

/* Pass `fd` over a unix socket (SCM_RIGHTS), as sriovd hands it to its keeper. */
static int
send_fd(int sock, int fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} c;
	char byte = 'f';
	struct iovec iov = { &byte, 1 };
	struct msghdr h = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.buf,
			    .msg_controllen = sizeof(c.buf) };
	memset(&c, 0, sizeof(c));
	struct cmsghdr *cm = CMSG_FIRSTHDR(&h);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &h, 0) == 1 ? 0 : -1;
}

static int
recv_fd(int sock)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} c;
	char byte;
	struct iovec iov = { &byte, 1 };
	struct msghdr h = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = c.buf,
			    .msg_controllen = sizeof(c.buf) };
	int fd = -1;
	if (recvmsg(sock, &h, 0) != 1)
		return -1;
	struct cmsghdr *cm = CMSG_FIRSTHDR(&h);
	if (cm && cm->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

/*
 * The holder: takes the memfd, maps nothing, and on `go` checks (mapping
 * it now) that the launcher's store reached the page. Exit 0 when it did,
 * 2 when it did not, 1 on a setup failure.
 */
static void __attribute__((noreturn))
holder_main(int sock, int ready, int go)
{
	char c = 'h';
	int fd = recv_fd(sock);
	if (fd < 0 || write(ready, &c, 1) != 1 || read(go, &c, 1) != 1)
		_exit(1);
	uint8_t *p = mmap(NULL, HUGE, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		_exit(1);
	_exit(p[LAUNCHER_AT] == LAUNCHER_BYTE ? 0 : 2);
}

/* A one-page hugetlb memfd, faulted in and patterned; its PA in *pa. */
static int
patterned_memfd(uint64_t *pa, bool keep_mapped)
{
	int fd = memfd_create("client-dma-test", MFD_CLOEXEC | MFD_HUGETLB | MFD_HUGE_2MB);
	if (fd < 0 || ftruncate(fd, HUGE) != 0)
		return -1;
	uint8_t *va = mmap(NULL, HUGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (va == MAP_FAILED)
		return -1;
	for (size_t i = 0; i < 256; i++)
		va[PATTERN_AT + i] = (uint8_t)(i ^ 0x3C);
	*pa = client_dma_self_pa(va) & ~(uint64_t)(HUGE - 1);
	if (!keep_mapped)
		munmap(va, HUGE);
	return fd;
}

static void
assert_pattern_reachable(struct client_dma *cd, uint64_t pa)
{
	const struct sim_dma_ops *ops = client_dma_ops(cd);
	uint8_t *host = sim_dma_map(ops, pa + PATTERN_AT, 256);
	assert_non_null(host);
	for (size_t i = 0; i < 256; i++)
		assert_int_equal(host[i], (uint8_t)(i ^ 0x3C));
}

/* The page still reachable with its pattern, and the launcher "DMA-ing"
 * the marker the holder checks into it. */
static void
dma_marker_into_held_page(struct client_dma *cd, uint64_t pa)
{
	assert_pattern_reachable(cd, pa);
	uint8_t *host = sim_dma_map(client_dma_ops(cd), pa + LAUNCHER_AT, 1);
	assert_non_null(host);
	*host = LAUNCHER_BYTE;
}

static void
assert_unreachable(struct client_dma *cd, uint64_t pa)
{
	const struct sim_dma_ops *ops = client_dma_ops(cd);
	assert_null(ops->map(ops->ctx, pa + PATTERN_AT, 256));
}

struct procs {
	int sock[2], ready[2], go_client[2], go_holder[2], pa_pipe[2];
	pid_t client, holder;
};

static void
procs_pipes(struct procs *p)
{
	assert_int_equal(socketpair(AF_UNIX, SOCK_DGRAM, 0, p->sock), 0);
	assert_int_equal(pipe(p->ready), 0);
	assert_int_equal(pipe(p->go_client), 0);
	assert_int_equal(pipe(p->go_holder), 0);
	assert_int_equal(pipe(p->pa_pipe), 0);
}

static void
procs_close(struct procs *p)
{
	int *fds[] = { p->sock, p->ready, p->go_client, p->go_holder, p->pa_pipe };
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
}

static void
wait_exit(pid_t pid, int want)
{
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), want);
}

/*
 * A client maps a hugetlb memfd, hands the fd to a holder that maps
 * nothing, and exits: the page stays reachable by its PA (as on hardware)
 * until the holder closes it, then it is dropped.
 */
static void
test_held_memfd_outlives_its_client(void **state)
{
	(void)state;
	if (!environment_ok())
		skip();
	struct client_dma *cd;
	struct procs p;
	char c = 'g';
	uint64_t pa = 0;
	assert_int_equal(client_dma_create(&cd), 0);
	procs_pipes(&p);

	p.holder = fork();
	assert_true(p.holder >= 0);
	if (p.holder == 0)
		holder_main(p.sock[1], p.ready[1], p.go_holder[0]);
	p.client = fork();
	assert_true(p.client >= 0);
	if (p.client == 0) {
		int fd = patterned_memfd(&pa, true);
		if (fd < 0 || !pa || send_fd(p.sock[0], fd) != 0)
			_exit(1);
		close(fd);   /* from now on only the mapping here and the holder's fd */
		if (write(p.pa_pipe[1], &pa, sizeof(pa)) != (ssize_t)sizeof(pa) ||
		    read(p.go_client[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	assert_int_equal(client_dma_add_client(cd, p.client), 0);
	assert_int_equal(read(p.pa_pipe[0], &pa, sizeof(pa)), (ssize_t)sizeof(pa));
	assert_int_equal(read(p.ready[0], &c, 1), 1);   /* the holder has the fd */
	assert_int_equal(client_dma_rescan(cd), 0);
	assert_pattern_reachable(cd, pa);
	struct client_dma_stats st;
	client_dma_get_stats(cd, &st);
	assert_int_equal(st.pages_held, 0);   /* its client still maps it */

	/* The client exits: its page is reached through the holder's fd. */
	assert_int_equal(write(p.go_client[1], &c, 1), 1);
	wait_exit(p.client, 0);
	assert_int_equal(client_dma_reap(cd), 1);
	client_dma_get_stats(cd, &st);
	assert_int_equal(st.clients, 0);
	assert_true(st.pages_held >= 1);
	dma_marker_into_held_page(cd, pa);   /* a page nobody maps */

	/* The holder sees the store, closes, exits: nothing holds the page now. */
	assert_int_equal(write(p.go_holder[1], &c, 1), 1);
	wait_exit(p.holder, 0);
	assert_int_equal(client_dma_rescan(cd), 0);
	client_dma_get_stats(cd, &st);
	assert_int_equal(st.pages_held, 0);
	assert_unreachable(cd, pa);

	procs_close(&p);
	client_dma_destroy(cd);
}

/*
 * A client in its own mount namespace (as under x710-sim exec) hands a
 * fully allocated memfd to a holder it forked and exits before the launcher
 * ever saw the memfd mapped: the page is found through the holder.
 */
static void
test_held_memfd_found_without_its_client(void **state)
{
	(void)state;
	if (!environment_ok())
		skip();
	struct client_dma *cd;
	struct procs p;
	char c = 'g';
	uint64_t pa = 0;
	assert_int_equal(client_dma_create(&cd), 0);
	procs_pipes(&p);

	p.client = fork();
	assert_true(p.client >= 0);
	if (p.client == 0) {
		if (unshare(CLONE_NEWNS) != 0 || write(p.ready[1], &c, 1) != 1 ||
		    read(p.go_client[0], &c, 1) != 1)
			_exit(1);
		int fd = patterned_memfd(&pa, false);
		if (fd < 0 || !pa)
			_exit(1);
		pid_t holder = fork();
		if (holder == 0)
			holder_main(p.sock[1], p.ready[1], p.go_holder[0]);
		if (holder < 0 || send_fd(p.sock[0], fd) != 0 ||
		    write(p.pa_pipe[1], &holder, sizeof(holder)) != (ssize_t)sizeof(holder) ||
		    write(p.pa_pipe[1], &pa, sizeof(pa)) != (ssize_t)sizeof(pa))
			_exit(1);
		_exit(0);   /* the holder is reparented; its fd is the only hold */
	}
	assert_int_equal(client_dma_add_client(cd, p.client), 0);
	assert_int_equal(read(p.ready[0], &c, 1), 1);     /* in its namespace */
	assert_int_equal(client_dma_rescan(cd), 0);        /* notes it; no hugepages yet */
	struct client_dma_stats st;
	client_dma_get_stats(cd, &st);
	assert_int_equal(st.pages, 0);
	assert_int_equal(write(p.go_client[1], &c, 1), 1);
	assert_int_equal(read(p.pa_pipe[0], &p.holder, sizeof(p.holder)),
			 (ssize_t)sizeof(p.holder));
	assert_int_equal(read(p.pa_pipe[0], &pa, sizeof(pa)), (ssize_t)sizeof(pa));
	assert_int_equal(read(p.ready[0], &c, 1), 1);     /* the holder has the fd */
	wait_exit(p.client, 0);
	assert_int_equal(client_dma_reap(cd), 1);

	client_dma_get_stats(cd, &st);
	assert_true(st.files_found >= 1);
	assert_true(st.pages_held >= 1);
	dma_marker_into_held_page(cd, pa);

	/* Not our child: its exit status is not ours to read; a closed fd is. */
	int pidfd = (int)syscall(SYS_pidfd_open, p.holder, 0);
	assert_true(pidfd >= 0);
	assert_int_equal(write(p.go_holder[1], &c, 1), 1);
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	assert_int_equal(poll(&pfd, 1, -1), 1);
	close(pidfd);
	assert_int_equal(client_dma_rescan(cd), 0);
	assert_unreachable(cd, pa);

	procs_close(&p);
	client_dma_destroy(cd);
}

static void
test_bad_pid_is_refused(void **state)
{
	(void)state;
	struct client_dma *cd;
	assert_int_equal(client_dma_create(&cd), 0);
	assert_int_equal(client_dma_add_client(cd, 0), -EINVAL);
	assert_int_equal(client_dma_add_client(cd, -5), -EINVAL);
	client_dma_destroy(cd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_translate_own_hugepage),
		cmocka_unit_test(test_rejects_ranges_and_unknown_pa),
		cmocka_unit_test(test_private_hugepages_are_skipped),
		cmocka_unit_test(test_exited_client_is_reaped),
		cmocka_unit_test(test_held_memfd_outlives_its_client),
		cmocka_unit_test(test_held_memfd_found_without_its_client),
		cmocka_unit_test(test_bad_pid_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
