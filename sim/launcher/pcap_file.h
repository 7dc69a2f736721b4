/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Classic pcap files (not pcapng), the format of tcpdump -w: a 24-byte file
 * header, then per frame a 16-byte record header and the captured bytes.
 * Facts: the pcap file format (IETF draft-ietf-opsawg-pcap, "PCAP Capture
 * File Format"). The writer uses the host's byte order and microseconds,
 * as libpcap does; the reader takes either byte order and either time unit.
 */
#ifndef PCAP_FILE_H
#define PCAP_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define PCAP_MAGIC_USEC        0xA1B2C3D4u
#define PCAP_MAGIC_NSEC        0xA1B23C4Du
#define PCAP_VERSION_MAJOR     2
#define PCAP_VERSION_MINOR     4
#define PCAP_LINKTYPE_ETHERNET 1         /* LINKTYPE_ETHERNET (tcpdump.org linktypes) */
#define PCAP_FILE_HEADER_LEN   24
#define PCAP_RECORD_HEADER_LEN 16
#define PCAP_WRITE_SNAPLEN     65535     /* what our files declare */

/* Write the file header (LINKTYPE_ETHERNET); 0 or -errno. */
int pcap_write_header(FILE *f);
/* Append one whole frame (len <= PCAP_WRITE_SNAPLEN); 0 or -errno.
 * Buffered by stdio: the caller flushes. */
int pcap_write_record(FILE *f, const struct timespec *ts, const void *frame, size_t len);

struct pcap_reader {
	FILE *f;
	const char *name;        /* for messages */
	bool swapped;            /* the file's byte order is not the host's */
	bool nsec;
	uint32_t snaplen;
	uint32_t linktype;
	uint64_t records;        /* records read so far */
	uint64_t offset;         /* file offset of the next record */
};

/* Read and check the file header: magic, version 2.x, LINKTYPE_ETHERNET.
 * 0, or -EINVAL / -EIO with the reason in `why`. */
int pcap_reader_open(struct pcap_reader *r, FILE *f, const char *name, char *why, size_t why_len);
/*
 * The next record's frame into buf (cap bytes): 1 with *len set, 0 at the
 * end of the file, or a negative errno with the reason (record number and
 * offset) in `why`: a truncated header or body, caplen > snaplen or
 * > orig_len (a cut frame is not what was on the wire), caplen > cap
 * (-EMSGSIZE).
 */
int pcap_reader_next(struct pcap_reader *r, uint8_t *buf, size_t cap, size_t *len,
		     char *why, size_t why_len);

#endif /* PCAP_FILE_H */
