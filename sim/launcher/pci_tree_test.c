/* SPDX-License-Identifier: BSD-2-Clause */
/* The fake PCI tree in a temporary directory, read back as DPDK reads it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pci_tree.h"
#include "sriov_cap.h"

#define SRIOV_POS 0x160
static const struct x710sim_fn PF0 = { .pf = 0, .vf = -1 };
static const struct x710sim_fn PF1 = { .pf = 1, .vf = -1 };

struct fixture {
	char dir[64];
	struct pci_tree *t;
	uint8_t *cfg0;
	unsigned int set_calls, set_pf, set_n;
	int set_rc;
};

static void
put16(uint8_t *c, unsigned int off, uint16_t v)
{
	memcpy(c + off, &v, 2);
}

/* A PF config space as the model would fill it. */
static void
fill_pf_config(uint8_t *c, uint16_t vf_offset)
{
	put16(c, 0x00, X710SIM_PCI_VENDOR_INTEL);
	put16(c, 0x02, X710SIM_PCI_DEVICE_PF);
	c[0x0B] = 0x02;   /* class: network / ethernet */
	put16(c, 0x2C, X710SIM_PCI_VENDOR_INTEL);
	put16(c, 0x2E, 0x0001);
	uint32_t hdr = 0x0001u | (1u << 16) | (SRIOV_POS << 20);   /* AER first, then SR-IOV */
	memcpy(c + 0x100, &hdr, 4);
	hdr = PCI_EXT_CAP_ID_SRIOV | (1u << 16);
	memcpy(c + SRIOV_POS, &hdr, 4);
	put16(c, SRIOV_POS + SRIOV_TOTAL_VF, 4);
	put16(c, SRIOV_POS + SRIOV_VF_OFFSET, vf_offset);
	put16(c, SRIOV_POS + SRIOV_VF_STRIDE, 1);
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	assert_non_null(fx);
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/pci_tree_test.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	assert_int_equal(pci_tree_create(fx->dir, 2, 4, &fx->t), 0);
	for (unsigned int pf = 0; pf < 2; pf++) {
		struct x710sim_fn fn = { .pf = pf, .vf = -1 };
		uint8_t *cfg = pci_tree_region_alloc(fx->t, fn, X710SIM_REGION_CONFIG, X710SIM_CONFIG_SIZE);
		assert_non_null(cfg);
		fill_pf_config(cfg, (uint16_t)(16 + pf * 3));
		assert_non_null(pci_tree_region_alloc(fx->t, fn, X710SIM_REGION_BAR0, X710SIM_PF_BAR0_SIZE));
		if (pf == 0)
			fx->cfg0 = cfg;
	}
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;
	pci_tree_destroy(fx->t);
	int rc = rmdir(fx->dir);   /* fails if destroy left anything behind */
	free(fx);
	return rc == 0 ? 0 : -1;
}

static void
read_file(const struct fixture *fx, const char *rel, char *buf, size_t len)
{
	char p[PATH_MAX];
	snprintf(p, sizeof(p), "%s/%s", fx->dir, rel);
	FILE *f = fopen(p, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void
write_file(const struct fixture *fx, const char *rel, const char *text)
{
	char p[PATH_MAX];
	snprintf(p, sizeof(p), "%s/%s", fx->dir, rel);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_pf_directory_as_dpdk_reads_it(void **state)
{
	struct fixture *fx = *state;
	char buf[512], p[PATH_MAX];
	assert_int_equal(pci_tree_publish(fx->t, PF0), 0);
	assert_int_equal(pci_tree_publish(fx->t, PF0), -EEXIST);

	char bdf[PCI_TREE_BDF_LEN];
	assert_int_equal(pci_tree_bdf(fx->t, PF0, bdf), 0);
	assert_string_equal(bdf, "0000:01:00.0");
	read_file(fx, "devices/0000:01:00.0/vendor", buf, sizeof(buf));
	assert_string_equal(buf, "0x8086\n");
	read_file(fx, "devices/0000:01:00.0/device", buf, sizeof(buf));
	assert_string_equal(buf, "0x1572\n");
	read_file(fx, "devices/0000:01:00.0/class", buf, sizeof(buf));
	assert_string_equal(buf, "0x020000\n");
	read_file(fx, "devices/0000:01:00.0/subsystem_device", buf, sizeof(buf));
	assert_string_equal(buf, "0x0001\n");
	read_file(fx, "devices/0000:01:00.0/sriov_totalvfs", buf, sizeof(buf));
	assert_string_equal(buf, "4\n");

	/* resource: BAR0 non-zero, sized like the region, memory flags. */
	read_file(fx, "devices/0000:01:00.0/resource", buf, sizeof(buf));
	unsigned long long start, end, flags;
	assert_int_equal(sscanf(buf, "%llx %llx %llx", &start, &end, &flags), 3);
	assert_true(start != 0);
	assert_int_equal(end - start + 1, X710SIM_PF_BAR0_SIZE);
	assert_int_equal(flags, 0x142200);

	/* resource0 is the very memory the model got. */
	struct stat st;
	snprintf(p, sizeof(p), "%s/devices/0000:01:00.0/resource0", fx->dir);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_size, X710SIM_PF_BAR0_SIZE);

	/* driver basename, uio number, class link, FIFO. */
	snprintf(p, sizeof(p), "%s/devices/0000:01:00.0/driver", fx->dir);
	ssize_t n = readlink(p, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(strrchr(buf, '/') + 1, "uio_pci_generic");
	snprintf(p, sizeof(p), "%s/devices/0000:01:00.0/uio/uio0", fx->dir);
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	read_file(fx, "class/uio/uio0/name", buf, sizeof(buf));
	assert_string_equal(buf, "uio_pci_generic\n");
	snprintf(p, sizeof(p), "%s/class/uio/uio0/device/config", fx->dir);
	int fd = open(p, O_RDWR);
	assert_true(fd >= 0);
	uint16_t cmd = 0x0406;   /* DPDK pwrites the command register: bus master */
	assert_int_equal(pwrite(fd, &cmd, 2, 4), 2);
	close(fd);
	assert_int_equal(fx->cfg0[4], 0x06);   /* the model sees the write */
	snprintf(p, sizeof(p), "%s/dev/uio0", fx->dir);
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
}

static void
test_vf_placement_links_and_removal(void **state)
{
	struct fixture *fx = *state;
	char buf[256], p[PATH_MAX];
	struct x710sim_fn vf1 = { .pf = 1, .vf = 2 };

	assert_int_equal(pci_tree_publish(fx->t, vf1), -ENODEV);   /* no regions yet */
	assert_non_null(pci_tree_region_alloc(fx->t, vf1, X710SIM_REGION_CONFIG, X710SIM_CONFIG_SIZE));
	assert_non_null(pci_tree_region_alloc(fx->t, vf1, X710SIM_REGION_BAR0, X710SIM_VF_BAR0_SIZE));
	assert_non_null(pci_tree_region_alloc(fx->t, vf1, X710SIM_REGION_BAR3, X710SIM_VF_BAR3_SIZE));
	assert_int_equal(pci_tree_publish(fx->t, vf1), -ENODEV);   /* its PF is not published */
	assert_int_equal(pci_tree_publish(fx->t, PF1), 0);
	assert_int_equal(pci_tree_publish(fx->t, vf1), 0);

	/* PF1 = 01:00.1 (RID 0x101), offset 19, stride 1: VF2 at RID 0x116. */
	char bdf[PCI_TREE_BDF_LEN];
	assert_int_equal(pci_tree_bdf(fx->t, vf1, bdf), 0);
	assert_string_equal(bdf, "0000:01:02.6");
	assert_int_equal(pci_tree_uio_num(fx->t, vf1), 2 + 4 + 2);
	read_file(fx, "devices/0000:01:02.6/device", buf, sizeof(buf));
	assert_string_equal(buf, "0x154c\n");   /* VF config reads 0xFFFF: from the id */
	read_file(fx, "devices/0000:01:02.6/resource", buf, sizeof(buf));
	unsigned long long s0, e0, f0, s3, e3, f3, x;
	assert_int_equal(sscanf(buf, "%llx %llx %llx %llx %llx %llx %llx %llx %llx "
				"%llx %llx %llx", &s0, &e0, &f0, &x, &x, &x, &x, &x, &x,
				&s3, &e3, &f3), 12);
	assert_int_equal(e0 - s0 + 1, X710SIM_VF_BAR0_SIZE);
	assert_int_equal(e3 - s3 + 1, X710SIM_VF_BAR3_SIZE);
	assert_int_equal(f3, 0x142200);

	snprintf(p, sizeof(p), "%s/devices/0000:01:02.6/physfn/vendor", fx->dir);
	assert_int_equal(access(p, R_OK), 0);
	snprintf(p, sizeof(p), "%s/devices/0000:01:00.1/virtfn2/device", fx->dir);
	assert_int_equal(access(p, R_OK), 0);
	read_file(fx, "devices/0000:01:00.1/sriov_numvfs", buf, sizeof(buf));
	assert_string_equal(buf, "1\n");   /* enabled behind sriov_numvfs' back */

	assert_int_equal(pci_tree_unpublish(fx->t, vf1), 0);
	snprintf(p, sizeof(p), "%s/devices/0000:01:02.6", fx->dir);
	assert_int_equal(access(p, F_OK), -1);
	snprintf(p, sizeof(p), "%s/devices/0000:01:00.1/virtfn2", fx->dir);
	assert_int_equal(access(p, F_OK), -1);
	snprintf(p, sizeof(p), "%s/class/uio/uio8", fx->dir);
	assert_int_equal(access(p, F_OK), -1);
	read_file(fx, "devices/0000:01:00.1/sriov_numvfs", buf, sizeof(buf));
	assert_string_equal(buf, "0\n");
	assert_int_equal(pci_tree_unpublish(fx->t, vf1), -ENOENT);
}

static void
test_irq_is_a_count_in_the_fifo(void **state)
{
	struct fixture *fx = *state;
	char p[PATH_MAX];
	assert_int_equal(pci_tree_publish(fx->t, PF0), 0);
	snprintf(p, sizeof(p), "%s/dev/uio0", fx->dir);
	int fd = open(p, O_RDONLY | O_NONBLOCK);
	assert_true(fd >= 0);
	assert_int_equal(pci_tree_irq(fx->t, PF0), 0);
	assert_int_equal(pci_tree_irq(fx->t, PF0), 0);
	uint32_t count[2];
	assert_int_equal(read(fd, count, sizeof(count)), 8);
	assert_int_equal(count[0], 1);
	assert_int_equal(count[1], 2);
	assert_int_equal(pci_tree_irq(fx->t, PF0), 0);
	pci_tree_drain_irqs(fx->t);   /* stale interrupts are not seen */
	assert_int_equal(read(fd, count, sizeof(count)), -1);
	close(fd);
	assert_int_equal(pci_tree_irq(fx->t, PF1), -ENOENT);
}

static int
record_set(void *ctx, unsigned int pf, unsigned int n)
{
	struct fixture *fx = ctx;
	fx->set_calls++;
	fx->set_pf = pf;
	fx->set_n = n;
	return fx->set_rc;
}

static void
test_sriov_numvfs_has_linux_semantics(void **state)
{
	struct fixture *fx = *state;
	char buf[64];
	const char *file = "devices/0000:01:00.0/sriov_numvfs";
	assert_int_equal(pci_tree_publish(fx->t, PF0), 0);

	write_file(fx, file, "2\n");
	assert_int_equal(pci_tree_handle_watch(fx->t, record_set, fx), 1);
	assert_int_equal(fx->set_calls, 1);
	assert_int_equal(fx->set_n, 2);
	assert_int_equal(pci_tree_num_vfs(fx->t, 0), 2);

	write_file(fx, file, "3\n");   /* N while N != 0: EBUSY, restored */
	pci_tree_handle_watch(fx->t, record_set, fx);
	assert_int_equal(fx->set_calls, 1);
	read_file(fx, file, buf, sizeof(buf));
	assert_string_equal(buf, "2\n");

	write_file(fx, file, "0\n");
	pci_tree_handle_watch(fx->t, record_set, fx);
	assert_int_equal(fx->set_calls, 2);
	assert_int_equal(fx->set_n, 0);

	write_file(fx, file, "5\n");   /* more than sriov_totalvfs (4) */
	pci_tree_handle_watch(fx->t, record_set, fx);
	write_file(fx, file, "1x\n");  /* not a number */
	pci_tree_handle_watch(fx->t, record_set, fx);
	assert_int_equal(fx->set_calls, 2);
	read_file(fx, file, buf, sizeof(buf));
	assert_string_equal(buf, "0\n");

	fx->set_rc = -EIO;              /* the model refuses: restored */
	write_file(fx, file, "1\n");
	pci_tree_handle_watch(fx->t, record_set, fx);
	assert_int_equal(fx->set_calls, 3);
	assert_int_equal(pci_tree_num_vfs(fx->t, 0), 0);
	read_file(fx, file, buf, sizeof(buf));
	assert_string_equal(buf, "0\n");
}

/* The model's side of a sriov_numvfs write: VFs appear or go one by one,
 * each announced to the tree as fn_added/fn_removed would. A PF driver
 * that writes N as soon as VF0 is gone races the removal of the rest. */
struct model_play {
	struct fixture *fx;
	const char *file;
	unsigned int calls, last_n;
	bool race_after_first;
};

static int
model_set(void *ctx, unsigned int pf, unsigned int n)
{
	struct model_play *m = ctx;
	m->calls++;
	m->last_n = n;
	for (unsigned int v = 0; v < 4; v++) {
		struct x710sim_fn fn = { .pf = pf, .vf = (int)v };
		int rc = n ? pci_tree_publish(m->fx->t, fn) : pci_tree_unpublish(m->fx->t, fn);
		if (rc == -ENOENT && n == 0)
			continue;   /* never enabled */
		if (rc)
			return rc;
		if (n == 0 && v == 0 && m->race_after_first) {
			write_file(m->fx, m->file, "4\n");
			m->race_after_first = false;
		}
		if (n && v + 1 == n)
			break;
	}
	return 0;
}

static unsigned int
virtfns(const struct fixture *fx)
{
	char p[PATH_MAX];
	unsigned int n = 0;
	for (unsigned int v = 0; v < 4; v++) {
		snprintf(p, sizeof(p), "%s/devices/0000:01:00.0/virtfn%u", fx->dir, v);
		n += access(p, F_OK) == 0;
	}
	return n;
}

static void
test_numvfs_written_during_removal_is_kept(void **state)
{
	struct fixture *fx = *state;
	struct model_play m = { .fx = fx, .file = "devices/0000:01:00.0/sriov_numvfs" };
	char buf[64];
	assert_int_equal(pci_tree_publish(fx->t, PF0), 0);
	for (unsigned int v = 0; v < 4; v++) {
		struct x710sim_fn fn = { .pf = 0, .vf = (int)v };
		assert_non_null(pci_tree_region_alloc(fx->t, fn, X710SIM_REGION_CONFIG, X710SIM_CONFIG_SIZE));
		assert_non_null(pci_tree_region_alloc(fx->t, fn, X710SIM_REGION_BAR0, X710SIM_VF_BAR0_SIZE));
	}
	write_file(fx, m.file, "4\n");
	pci_tree_handle_watch(fx->t, model_set, &m);
	assert_int_equal(virtfns(fx), 4);

	/* 0, and 4 again while VF1..VF3 are still going: the 4 must survive
	 * the removal (the tree once wrote "0" over it and the VFs never came). */
	m.race_after_first = true;
	write_file(fx, m.file, "0\n");
	pci_tree_handle_watch(fx->t, model_set, &m);
	read_file(fx, m.file, buf, sizeof(buf));
	assert_string_equal(buf, "4\n");
	pci_tree_handle_watch(fx->t, model_set, &m);
	assert_int_equal(m.calls, 3);
	assert_int_equal(m.last_n, 4);
	assert_int_equal(virtfns(fx), 4);
	assert_int_equal(pci_tree_num_vfs(fx->t, 0), 4);
}

/* Linux removes a VF bound to a driver (remove is called) and creates the
 * next ones while old users still map the gone VF's BARs and hold its
 * files: a held VF never blocks re-creation, and the old mapping stays
 * valid memory for its holder but is no longer the device. */
static void
test_held_vf_does_not_block_recreation(void **state)
{
	struct fixture *fx = *state;
	struct model_play m = { .fx = fx, .file = "devices/0000:01:00.0/sriov_numvfs" };
	struct x710sim_fn vf0 = { .pf = 0, .vf = 0 };
	char p[PATH_MAX];
	struct stat before, after;
	assert_int_equal(pci_tree_publish(fx->t, PF0), 0);
	assert_non_null(pci_tree_region_alloc(fx->t, vf0, X710SIM_REGION_CONFIG, X710SIM_CONFIG_SIZE));
	uint32_t *bar = pci_tree_region_alloc(fx->t, vf0, X710SIM_REGION_BAR0, X710SIM_VF_BAR0_SIZE);
	assert_non_null(bar);
	write_file(fx, m.file, "1\n");
	pci_tree_handle_watch(fx->t, model_set, &m);
	assert_int_equal(virtfns(fx), 1);

	/* A testpmd's hold: BAR mapped, resource/config/uio fds open. */
	int held[3];
	snprintf(p, sizeof(p), "%s/devices/0000:01:00.0/virtfn0/resource0", fx->dir);
	held[0] = open(p, O_RDWR);
	assert_true(held[0] >= 0);
	assert_int_equal(fstat(held[0], &before), 0);
	uint32_t *old = mmap(NULL, X710SIM_VF_BAR0_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, held[0], 0);
	assert_true(old != MAP_FAILED);
	snprintf(p, sizeof(p), "%s/devices/0000:01:00.0/virtfn0/config", fx->dir);
	held[1] = open(p, O_RDWR);
	snprintf(p, sizeof(p), "%s/dev/uio%u", fx->dir, pci_tree_uio_num(fx->t, vf0));
	held[2] = open(p, O_RDWR | O_NONBLOCK);
	assert_true(held[1] >= 0 && held[2] >= 0);

	/* sriov_numvfs 0: the model frees the VF's regions, as vf_destroy does. */
	write_file(fx, m.file, "0\n");
	pci_tree_handle_watch(fx->t, model_set, &m);
	pci_tree_region_free(fx->t, vf0, X710SIM_REGION_BAR0, bar, X710SIM_VF_BAR0_SIZE);
	assert_int_equal(virtfns(fx), 0);

	assert_non_null(pci_tree_region_alloc(fx->t, vf0, X710SIM_REGION_BAR0, X710SIM_VF_BAR0_SIZE));
	write_file(fx, m.file, "1\n");
	pci_tree_handle_watch(fx->t, model_set, &m);
	assert_int_equal(virtfns(fx), 1);
	assert_int_equal(pci_tree_num_vfs(fx->t, 0), 1);
	snprintf(p, sizeof(p), "%s/devices/0000:01:00.0/virtfn0/resource0", fx->dir);
	assert_int_equal(stat(p, &after), 0);
	assert_true(after.st_ino != before.st_ino);   /* a new device, not the held one */
	old[0] = 0x1234;                               /* the holder does not fault */
	assert_int_equal(pci_tree_irq(fx->t, vf0), 0);
	uint32_t count;
	assert_int_equal(read(held[2], &count, sizeof(count)), -1);   /* old FIFO: not raised */

	munmap(old, X710SIM_VF_BAR0_SIZE);
	for (int i = 0; i < 3; i++)
		close(held[i]);
}

static void
test_bad_arguments(void **state)
{
	(void)state;
	struct pci_tree *t;
	assert_int_equal(pci_tree_create("relative/dir", 1, 1, &t), -EINVAL);
	assert_int_equal(pci_tree_create("/tmp/x", 0, 1, &t), -EINVAL);
	assert_int_equal(pci_tree_create("/tmp/x", 1, 65, &t), -EINVAL);
	struct fixture *fx = *state;
	struct x710sim_fn bad = { .pf = 7, .vf = -1 };
	assert_null(pci_tree_region_alloc(fx->t, bad, X710SIM_REGION_BAR0, 4096));
	assert_null(pci_tree_region_alloc(fx->t, PF0, X710SIM_REGION_BAR0, 4096));   /* twice */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pf_directory_as_dpdk_reads_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vf_placement_links_and_removal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_irq_is_a_count_in_the_fifo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sriov_numvfs_has_linux_semantics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numvfs_written_during_removal_is_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_held_vf_does_not_block_recreation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
