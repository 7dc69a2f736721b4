/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * hugetlb_holders_open: a descriptor another process holds is opened only
 * while it still names the 2 MiB hugetlb file the walk saw; a FIFO, an
 * ordinary file or another inode behind the same path is refused without
 * being opened for I/O.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <cmocka.h>
#include <linux/memfd.h>   /* MFD_HUGE_2MB */

#include "hugetlb_holders.h"

#define FAKE_MINOR 0x7f
#define FAKE_INO   4242

static void
fd_path(char *buf, size_t len, int fd)
{
	snprintf(buf, len, "/proc/self/fd/%d", fd);
}

/* A FIFO and a regular file: refused even with their own dev:ino. */
static void
test_not_hugetlb_refused(void **state)
{
	(void)state;
	char dir[] = "/tmp/hugetlb-holders-XXXXXX", fifo[64], path[64];
	struct stat st;
	assert_non_null(mkdtemp(dir));
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* Nobody writes: an ordinary open of it would block forever. */
	int pfd = open(fifo, O_PATH | O_CLOEXEC);
	assert_true(pfd >= 0);
	assert_int_equal(fstat(pfd, &st), 0);
	fd_path(path, sizeof(path), pfd);
	assert_int_equal(hugetlb_holders_open(path, st.st_dev, st.st_ino), -ESTALE);
	close(pfd);
	unlink(fifo);

	int fd = memfd_create("hugetlb-holders-test", MFD_CLOEXEC);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 2 << 20), 0);
	assert_int_equal(fstat(fd, &st), 0);
	fd_path(path, sizeof(path), fd);
	assert_int_equal(hugetlb_holders_open(path, st.st_dev, st.st_ino), -ESTALE);
	close(fd);
	rmdir(dir);
}

/* A hugetlb memfd opens under its own dev:ino, not under another inode's. */
static void
test_hugetlb_file_checked(void **state)
{
	(void)state;
	int fd = memfd_create("hugetlb-holders-test", MFD_CLOEXEC | MFD_HUGETLB | MFD_HUGE_2MB);
	if (fd < 0)
		skip();   /* no 2 MiB hugetlbfs */
	struct stat st;
	char path[64];
	assert_int_equal(fstat(fd, &st), 0);
	assert_true(hugetlb_holders_is_2m(&st));
	fd_path(path, sizeof(path), fd);
	assert_int_equal(hugetlb_holders_open(path, st.st_dev, st.st_ino + 1), -ESTALE);
	int got = hugetlb_holders_open(path, st.st_dev, st.st_ino);
	assert_true(got >= 0);
	struct stat st2;
	assert_int_equal(fstat(got, &st2), 0);
	assert_int_equal(st2.st_ino, st.st_ino);
	assert_int_equal(fcntl(got, F_GETFL) & O_ACCMODE, O_RDWR);
	close(got);
	close(fd);
	assert_int_equal(hugetlb_holders_open("/proc/self/fd/-1", st.st_dev, st.st_ino), -ENOENT);
}

struct fake_seen {
	ino_t real_ino;
	unsigned int real, fake;
};

static void
on_ref(void *ctx, const struct hugetlb_ref *ref)
{
	struct fake_seen *s = ctx;
	if (ref->by_fd || ref->pid != getpid())
		return;
	if (ref->ino == s->real_ino)
		s->real++;
	if (ref->ino == FAKE_INO && ref->dev == makedev(0, FAKE_MINOR))
		s->fake++;
}

/*
 * A mapped file whose path runs past the maps line buffer, its name ending
 * in what reads as a shared mapping of 00:7f inode 4242: the walk reports
 * the real mapping once and never the spelled-out one.
 */
static void
test_long_map_name_not_a_mapping(void **state)
{
	(void)state;
	char dir[300], file[600], name[256];
	snprintf(dir, sizeof(dir), "/dev/shm/hh-%0*d", 240, getpid());
	memset(name, ' ', 200);
	snprintf(name + 200, sizeof(name) - 200, "0-1000 rw-s 0 00:%x %d", FAKE_MINOR, FAKE_INO);
	snprintf(file, sizeof(file), "%s/%s", dir, name);
	if (mkdir(dir, 0700) != 0)
		skip();   /* no /dev/shm */
	int fd = open(file, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 4096), 0);
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	assert_ptr_not_equal(p, MAP_FAILED);
	struct stat st;
	assert_int_equal(fstat(fd, &st), 0);
	close(fd);
	struct fake_seen seen = { .real_ino = st.st_ino };
	assert_int_equal(hugetlb_holders_scan(-1, on_ref, &seen), 0);
	munmap(p, 4096);
	unlink(file);
	rmdir(dir);
	assert_int_equal(seen.real, 1);
	assert_int_equal(seen.fake, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_hugetlb_refused),
		cmocka_unit_test(test_hugetlb_file_checked),
		cmocka_unit_test(test_long_map_name_not_a_mapping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
