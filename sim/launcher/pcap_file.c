/* SPDX-License-Identifier: BSD-2-Clause */
/* Classic pcap files: see pcap_file.h. */
#include "pcap_file.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#define NSEC_PER_USEC 1000

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }   /* host order */
static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }

static uint32_t get32(const struct pcap_reader *r, const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return r->swapped ? __builtin_bswap32(v) : v;
}

static uint16_t get16(const struct pcap_reader *r, const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return r->swapped ? __builtin_bswap16(v) : v;
}

int pcap_write_header(FILE *f)
{
	uint8_t h[PCAP_FILE_HEADER_LEN] = { 0 };

	put32(h, PCAP_MAGIC_USEC);
	put16(h + 4, PCAP_VERSION_MAJOR);
	put16(h + 6, PCAP_VERSION_MINOR);
	/* thiszone and sigfigs (8..15) stay 0, as every writer sets them. */
	put32(h + 16, PCAP_WRITE_SNAPLEN);
	put32(h + 20, PCAP_LINKTYPE_ETHERNET);
	return fwrite(h, sizeof(h), 1, f) == 1 ? 0 : -EIO;
}

int pcap_write_record(FILE *f, const struct timespec *ts, const void *frame, size_t len)
{
	uint8_t h[PCAP_RECORD_HEADER_LEN];

	if (len > PCAP_WRITE_SNAPLEN)
		return -EMSGSIZE;
	put32(h, (uint32_t)ts->tv_sec);
	put32(h + 4, (uint32_t)(ts->tv_nsec / NSEC_PER_USEC));
	put32(h + 8, (uint32_t)len);          /* incl_len */
	put32(h + 12, (uint32_t)len);         /* orig_len */
	if (fwrite(h, sizeof(h), 1, f) != 1 || (len && fwrite(frame, len, 1, f) != 1))
		return -EIO;
	return 0;
}

int pcap_reader_open(struct pcap_reader *r, FILE *f, const char *name, char *why, size_t why_len)
{
	uint8_t h[PCAP_FILE_HEADER_LEN];
	uint32_t magic;
	size_t n = fread(h, 1, sizeof(h), f);

	memset(r, 0, sizeof(*r));
	r->f = f;
	r->name = name;
	if (n != sizeof(h)) {
		snprintf(why, why_len, "%s: %zu bytes, shorter than a pcap file header (%d)%s",
			 name, n, PCAP_FILE_HEADER_LEN, ferror(f) ? " (read error)" : "");
		return ferror(f) ? -EIO : -EINVAL;
	}
	memcpy(&magic, h, 4);
	if (magic == PCAP_MAGIC_USEC || magic == PCAP_MAGIC_NSEC) {
		r->swapped = false;
	} else if (__builtin_bswap32(magic) == PCAP_MAGIC_USEC ||
		   __builtin_bswap32(magic) == PCAP_MAGIC_NSEC) {
		r->swapped = true;
		magic = __builtin_bswap32(magic);
	} else {
		snprintf(why, why_len, "%s: magic 0x%08" PRIx32 " is not a classic pcap file "
			 "(pcapng? convert with editcap -F pcap)", name, magic);
		return -EINVAL;
	}
	r->nsec = magic == PCAP_MAGIC_NSEC;
	if (get16(r, h + 4) != PCAP_VERSION_MAJOR) {
		snprintf(why, why_len, "%s: pcap version %u.%u, expected %d.x", name,
			 get16(r, h + 4), get16(r, h + 6), PCAP_VERSION_MAJOR);
		return -EINVAL;
	}
	r->snaplen = get32(r, h + 16);
	/* Bits 16..31 would announce an FCS in every frame (the draft's F and
	 * FCS-length bits); the model's frames carry none, so they must be 0. */
	r->linktype = get32(r, h + 20);
	if (r->linktype != PCAP_LINKTYPE_ETHERNET) {
		snprintf(why, why_len, "%s: link type %" PRIu32 ", expected %d (Ethernet)", name,
			 r->linktype, PCAP_LINKTYPE_ETHERNET);
		return -EINVAL;
	}
	r->offset = PCAP_FILE_HEADER_LEN;
	return 0;
}

int pcap_reader_next(struct pcap_reader *r, uint8_t *buf, size_t cap, size_t *len,
		     char *why, size_t why_len)
{
	uint8_t h[PCAP_RECORD_HEADER_LEN];
	uint64_t no = r->records + 1;
	size_t n = fread(h, 1, sizeof(h), r->f);
	uint32_t incl, orig;

	if (n == 0 && feof(r->f))
		return 0;
	if (n != sizeof(h)) {
		snprintf(why, why_len, "%s: record %" PRIu64 " at offset %" PRIu64 ": header cut "
			 "after %zu of %d bytes%s", r->name, no, r->offset, n,
			 PCAP_RECORD_HEADER_LEN, ferror(r->f) ? " (read error)" : "");
		return ferror(r->f) ? -EIO : -EINVAL;
	}
	incl = get32(r, h + 8);
	orig = get32(r, h + 12);
	if (incl > r->snaplen && r->snaplen != 0) {
		snprintf(why, why_len, "%s: record %" PRIu64 " at offset %" PRIu64 ": caplen %"
			 PRIu32 " exceeds the file's snaplen %" PRIu32, r->name, no, r->offset,
			 incl, r->snaplen);
		return -EINVAL;
	}
	if (incl < orig) {
		snprintf(why, why_len, "%s: record %" PRIu64 " at offset %" PRIu64 ": frame cut "
			 "to %" PRIu32 " of %" PRIu32 " bytes (captured with a snap length); "
			 "only whole frames can be injected", r->name, no, r->offset, incl, orig);
		return -EINVAL;
	}
	if (incl > orig) {
		snprintf(why, why_len, "%s: record %" PRIu64 " at offset %" PRIu64 ": caplen %"
			 PRIu32 " exceeds the original length %" PRIu32, r->name, no, r->offset,
			 incl, orig);
		return -EINVAL;
	}
	if (incl > cap) {
		snprintf(why, why_len, "%s: record %" PRIu64 " at offset %" PRIu64 ": %" PRIu32
			 "-byte frame, larger than %zu", r->name, no, r->offset, incl, cap);
		return -EMSGSIZE;
	}
	n = incl ? fread(buf, 1, incl, r->f) : 0;
	if (n != incl) {
		snprintf(why, why_len, "%s: record %" PRIu64 " at offset %" PRIu64 ": frame cut "
			 "after %zu of %" PRIu32 " bytes (file truncated)%s", r->name, no, r->offset,
			 n, incl, ferror(r->f) ? " (read error)" : "");
		return ferror(r->f) ? -EIO : -EINVAL;
	}
	r->records = no;
	r->offset += PCAP_RECORD_HEADER_LEN + (uint64_t)incl;
	*len = incl;
	return 1;
}
