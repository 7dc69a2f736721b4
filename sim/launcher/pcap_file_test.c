/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pcap files: what the writer produces reads back frame for frame, the
 * reader takes the other byte order and nanosecond files, and every bad
 * header or record is refused with where and why.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pcap_file.h"

#define WHY 256

static FILE *file_with(const uint8_t *bytes, size_t n)
{
	FILE *f = tmpfile();

	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	rewind(f);
	return f;
}

static void le32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> 8 * i); }
static void be32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> 8 * (3 - i)); }

/* A little-endian header as most capture tools on x86 write it. */
static size_t le_header(uint8_t *h, uint32_t magic, uint32_t snaplen, uint32_t linktype)
{
	memset(h, 0, PCAP_FILE_HEADER_LEN);
	le32(h, magic);
	h[4] = 2;
	h[6] = 4;
	le32(h + 16, snaplen);
	le32(h + 20, linktype);
	return PCAP_FILE_HEADER_LEN;
}

static size_t le_record(uint8_t *p, uint32_t incl, uint32_t orig, uint8_t fill)
{
	memset(p, 0, PCAP_RECORD_HEADER_LEN);
	le32(p, 1700000000);
	le32(p + 8, incl);
	le32(p + 12, orig);
	memset(p + PCAP_RECORD_HEADER_LEN, fill, incl);
	return PCAP_RECORD_HEADER_LEN + incl;
}

static void written_frames_read_back(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	struct timespec ts = { .tv_sec = 1700000000, .tv_nsec = 123456789 };
	uint8_t a[60], b[1514], buf[2048];
	struct pcap_reader r;
	char why[WHY];
	size_t len;

	assert_non_null(f);
	memset(a, 0xA5, sizeof(a));
	for (size_t i = 0; i < sizeof(b); i++)
		b[i] = (uint8_t)i;
	assert_int_equal(pcap_write_header(f), 0);
	assert_int_equal(pcap_write_record(f, &ts, a, sizeof(a)), 0);
	assert_int_equal(pcap_write_record(f, &ts, b, sizeof(b)), 0);
	assert_int_equal(pcap_write_record(f, &ts, b, PCAP_WRITE_SNAPLEN + 1), -EMSGSIZE);
	assert_int_equal(fflush(f), 0);
	assert_int_equal(ftell(f), 24 + 16 + 60 + 16 + 1514);
	rewind(f);

	assert_int_equal(pcap_reader_open(&r, f, "t.pcap", why, sizeof(why)), 0);
	assert_false(r.nsec);
	assert_int_equal(r.snaplen, PCAP_WRITE_SNAPLEN);
	assert_int_equal(pcap_reader_next(&r, buf, sizeof(buf), &len, why, sizeof(why)), 1);
	assert_int_equal(len, sizeof(a));
	assert_memory_equal(buf, a, sizeof(a));
	assert_int_equal(pcap_reader_next(&r, buf, sizeof(buf), &len, why, sizeof(why)), 1);
	assert_int_equal(len, sizeof(b));
	assert_memory_equal(buf, b, sizeof(b));
	assert_int_equal(pcap_reader_next(&r, buf, sizeof(buf), &len, why, sizeof(why)), 0);
	assert_int_equal(r.records, 2);
	fclose(f);
}

/* The written header, byte for byte (host order; the test runs on LE hosts
 * and big-endian ones alike by comparing through the reader's view). */
static void header_fields_are_the_format(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	uint8_t h[PCAP_FILE_HEADER_LEN];
	uint32_t v;

	assert_non_null(f);
	assert_int_equal(pcap_write_header(f), 0);
	rewind(f);
	assert_int_equal(fread(h, 1, sizeof(h), f), sizeof(h));
	memcpy(&v, h, 4);
	assert_int_equal(v, 0xA1B2C3D4u);
	memcpy(&v, h + 20, 4);
	assert_int_equal(v, 1);
	fclose(f);
}

static void big_endian_nanosecond_file_is_read(void **state)
{
	(void)state;
	uint8_t file[PCAP_FILE_HEADER_LEN + PCAP_RECORD_HEADER_LEN + 64], buf[128];
	struct pcap_reader r;
	char why[WHY];
	size_t len;

	memset(file, 0, sizeof(file));
	be32(file, PCAP_MAGIC_NSEC);
	file[5] = 2;                      /* version 2.4, big-endian */
	file[7] = 4;
	be32(file + 16, 262144);
	be32(file + 20, 1);
	be32(file + 24 + 8, 64);
	be32(file + 24 + 12, 64);
	memset(file + 40, 0x42, 64);
	FILE *f = file_with(file, sizeof(file));

	assert_int_equal(pcap_reader_open(&r, f, "be.pcap", why, sizeof(why)), 0);
	assert_true(r.swapped);
	assert_true(r.nsec);
	assert_int_equal(pcap_reader_next(&r, buf, sizeof(buf), &len, why, sizeof(why)), 1);
	assert_int_equal(len, 64);
	assert_int_equal(buf[63], 0x42);
	assert_int_equal(pcap_reader_next(&r, buf, sizeof(buf), &len, why, sizeof(why)), 0);
	fclose(f);
}

static void bad_headers_are_refused_with_the_reason(void **state)
{
	(void)state;
	uint8_t h[PCAP_FILE_HEADER_LEN];
	struct pcap_reader r;
	char why[WHY];
	FILE *f;

	f = file_with((const uint8_t *)"\x0a\x0d\x0d\x0a", 4);   /* short */
	assert_int_equal(pcap_reader_open(&r, f, "short.pcap", why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "short.pcap: 4 bytes"));
	fclose(f);

	le_header(h, 0x0A0D0D0A, 65535, 1);                      /* pcapng */
	f = file_with(h, sizeof(h));
	assert_int_equal(pcap_reader_open(&r, f, "ng.pcap", why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "pcapng"));
	fclose(f);

	le_header(h, PCAP_MAGIC_USEC, 65535, 105);               /* 802.11 */
	f = file_with(h, sizeof(h));
	assert_int_equal(pcap_reader_open(&r, f, "wifi.pcap", why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "link type 105"));
	fclose(f);

	le_header(h, PCAP_MAGIC_USEC, 65535, 1 | 1u << 28);      /* frames with FCS */
	f = file_with(h, sizeof(h));
	assert_int_equal(pcap_reader_open(&r, f, "fcs.pcap", why, sizeof(why)), -EINVAL);
	fclose(f);

	le_header(h, PCAP_MAGIC_USEC, 65535, 1);
	h[4] = 1;                                                /* version 1.4 */
	f = file_with(h, sizeof(h));
	assert_int_equal(pcap_reader_open(&r, f, "old.pcap", why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "version 1.4"));
	fclose(f);
}

/* One file with a good record and then `bad`; the second read fails. */
static void expect_second_record_refused(const uint8_t *bad, size_t bad_len, uint32_t snaplen,
					 size_t cap, int rc, const char *needle)
{
	uint8_t file[4096], buf[2048];
	size_t n = le_header(file, PCAP_MAGIC_USEC, snaplen, 1), len;
	struct pcap_reader r;
	char why[WHY];

	n += le_record(file + n, 60, 60, 1);
	memcpy(file + n, bad, bad_len);
	FILE *f = file_with(file, n + bad_len);

	assert_int_equal(pcap_reader_open(&r, f, "x.pcap", why, sizeof(why)), 0);
	assert_int_equal(pcap_reader_next(&r, buf, cap, &len, why, sizeof(why)), 1);
	assert_int_equal(pcap_reader_next(&r, buf, cap, &len, why, sizeof(why)), rc);
	assert_non_null(strstr(why, "x.pcap: record 2 at offset 100"));
	assert_non_null(strstr(why, needle));
	fclose(f);
}

static void bad_records_are_refused_with_where(void **state)
{
	(void)state;
	uint8_t rec[2048];

	le_record(rec, 100, 100, 2);
	expect_second_record_refused(rec, 10, 65535, 2048, -EINVAL, "header cut after 10");
	expect_second_record_refused(rec, 16 + 50, 65535, 2048, -EINVAL, "cut after 50 of 100");
	expect_second_record_refused(rec, 16 + 100, 96, 2048, -EINVAL, "snaplen 96");
	expect_second_record_refused(rec, 16 + 100, 65535, 99, -EMSGSIZE, "larger than 99");
	le_record(rec, 100, 1514, 2);
	expect_second_record_refused(rec, 16 + 100, 65535, 2048, -EINVAL, "100 of 1514");
	le_record(rec, 100, 60, 2);
	expect_second_record_refused(rec, 16 + 100, 65535, 2048, -EINVAL, "original length 60");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(written_frames_read_back),
		cmocka_unit_test(header_fields_are_the_format),
		cmocka_unit_test(big_endian_nanosecond_file_is_read),
		cmocka_unit_test(bad_headers_are_refused_with_the_reason),
		cmocka_unit_test(bad_records_are_refused_with_where),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
