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
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client_dma.h"

#define HUGE SIM_DMA_PAGE_SIZE

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
		cmocka_unit_test(test_bad_pid_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
