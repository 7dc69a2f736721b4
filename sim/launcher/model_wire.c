/* SPDX-License-Identifier: BSD-2-Clause */
/* Each port's wire in the daemon: see model_wire.h. */
#include "model_wire.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pcap_file.h"
#include "x710sim/x710sim.h"

/* stdio buffer of a pcap-out file: the sink runs in the poll loop, so
 * frames are written in large blocks, not one write() each. */
#define PCAP_OUT_BUFFER (1u << 20)

enum wire_kind { WIRE_LOOPBACK, WIRE_PCAP_OUT };

struct wire_port {
	enum wire_kind kind;
	FILE *pcap;
	char *buffer;
	char path[PATH_MAX];
	uint64_t frames, errors;
};

struct model_wire {
	struct x710sim *sim;
	unsigned int n_ports;
	struct wire_port ports[X710SIM_MAX_PFS];
	uint8_t frame[X710SIM_WIRE_MAX_FRAME];   /* inject's read buffer */
};

int model_wire_create(struct x710sim *sim, struct model_wire **out)
{
	struct model_wire *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return -ENOMEM;
	w->sim = sim;
	w->n_ports = x710sim_n_ports(sim);
	*out = w;
	return 0;
}

/* Every frame leaving a pcap-out port. A failed write is counted; the
 * frame has left the port either way. */
static void pcap_sink(void *ctx, unsigned int port, const uint8_t *frame, size_t len)
{
	struct wire_port *p = ctx;
	struct timespec ts;

	(void)port;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (pcap_write_record(p->pcap, &ts, frame, len) == 0)
		p->frames++;
	else
		p->errors++;
}

/* Back to loopback; the model stops calling the sink before the file closes. */
static int close_port(struct model_wire *w, unsigned int port)
{
	struct wire_port *p = &w->ports[port];
	int rc = x710sim_set_wire(w->sim, port, X710SIM_WIRE_LOOPBACK, NULL, NULL);

	if (p->pcap != NULL && fclose(p->pcap) != 0)
		p->errors++;
	free(p->buffer);
	memset(p, 0, sizeof(*p));
	return rc;
}

void model_wire_destroy(struct model_wire *w)
{
	if (w == NULL)
		return;
	for (unsigned int p = 0; p < w->n_ports; p++)
		close_port(w, p);
	free(w);
}

static int parse_port(const struct model_wire *w, const char *s, unsigned int *port,
		      char *msg, size_t msg_len)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = s ? strtoul(s, &end, 10) : 0;
	if (s == NULL || errno || end == s || *end != '\0' || s[0] == '-' || v >= w->n_ports) {
		snprintf(msg, msg_len, "port '%s': expected 0..%u (the simulator has %u ports)",
			 s ? s : "", w->n_ports - 1, w->n_ports);
		return -EINVAL;
	}
	*port = (unsigned int)v;
	return 0;
}

static int absolute(const char *path, char *msg, size_t msg_len)
{
	if (path[0] != '/' || strlen(path) >= PATH_MAX) {
		snprintf(msg, msg_len, "'%s': expected an absolute path shorter than %d bytes",
			 path, PATH_MAX);
		return -EINVAL;
	}
	return 0;
}

static int open_pcap_out(struct model_wire *w, unsigned int port, const char *path, char *msg,
			 size_t msg_len)
{
	struct wire_port next = { .kind = WIRE_PCAP_OUT };
	int rc;

	if ((rc = absolute(path, msg, msg_len)) != 0)
		return rc;
	next.pcap = fopen(path, "we");
	if (next.pcap == NULL) {
		rc = -errno;
		snprintf(msg, msg_len, "pcap-out %s: %s", path, strerror(-rc));
		return rc;
	}
	next.buffer = malloc(PCAP_OUT_BUFFER);
	if (next.buffer != NULL)
		setvbuf(next.pcap, next.buffer, _IOFBF, PCAP_OUT_BUFFER);
	if (pcap_write_header(next.pcap) != 0 || fflush(next.pcap) != 0) {
		rc = errno ? -errno : -EIO;
		snprintf(msg, msg_len, "pcap-out %s: cannot write the header: %s", path,
			 strerror(-rc));
		fclose(next.pcap);
		free(next.buffer);
		return rc;
	}
	snprintf(next.path, sizeof(next.path), "%s", path);
	close_port(w, port);
	w->ports[port] = next;
	rc = x710sim_set_wire(w->sim, port, X710SIM_WIRE_SINK, pcap_sink, &w->ports[port]);
	if (rc) {
		snprintf(msg, msg_len, "the model refused a sink on port %u: %s", port,
			 strerror(-rc));
		close_port(w, port);
		return rc;
	}
	snprintf(msg, msg_len, "port %u: every frame leaving it goes to %s", port, path);
	return 0;
}

int model_wire_apply(struct model_wire *w, int argc, char *const argv[], char *msg,
		     size_t msg_len)
{
	unsigned int port;
	int rc;

	msg[0] = '\0';
	if (argc < 2) {
		snprintf(msg, msg_len, "usage: wire PORT loopback | wire PORT pcap-out FILE");
		return -EINVAL;
	}
	if ((rc = parse_port(w, argv[0], &port, msg, msg_len)) != 0)
		return rc;
	if (strcmp(argv[1], "loopback") == 0 && argc == 2) {
		rc = close_port(w, port);
		if (rc)
			snprintf(msg, msg_len, "the model refused loopback on port %u: %s", port,
				 strerror(-rc));
		else
			snprintf(msg, msg_len, "port %u: loopback", port);
		return rc;
	}
	if (strcmp(argv[1], "pcap-out") == 0 && argc == 3)
		return open_pcap_out(w, port, argv[2], msg, msg_len);
	snprintf(msg, msg_len, "wire mode '%s' with %d argument(s): expected loopback, or "
		 "pcap-out FILE", argv[1], argc - 2);
	return -EINVAL;
}

/* One pass over the file: check every record (inject = false), or
 * deliver every frame (inject = true) counting the model's verdicts. */
static int pcap_pass(struct model_wire *w, FILE *f, const char *path, unsigned int port,
		     bool inject, uint64_t *frames, uint64_t *delivered, char *msg,
		     size_t msg_len)
{
	struct pcap_reader r;
	size_t len;
	int rc;

	rewind(f);
	if ((rc = pcap_reader_open(&r, f, path, msg, msg_len)) != 0)
		return rc;
	*frames = *delivered = 0;
	while ((rc = pcap_reader_next(&r, w->frame, sizeof(w->frame), &len, msg, msg_len)) == 1) {
		if (len < X710SIM_WIRE_MIN_FRAME) {
			snprintf(msg, msg_len, "%s: record %" PRIu64 ": %zu-byte frame, shorter "
				 "than an Ethernet header (%d)", path, r.records, len,
				 X710SIM_WIRE_MIN_FRAME);
			return -EINVAL;
		}
		(*frames)++;
		if (!inject)
			continue;
		rc = x710sim_wire_inject(w->sim, port, w->frame, len);
		if (rc == 0)
			(*delivered)++;
		else if (rc != -ENOBUFS) {
			snprintf(msg, msg_len, "%s: record %" PRIu64 ": the model refused it: %s "
				 "(%" PRIu64 " frames went in before it)", path, r.records,
				 strerror(-rc), *frames - 1);
			return rc;
		}
	}
	return rc;
}

int model_wire_inject(struct model_wire *w, int argc, char *const argv[], char *msg,
		      size_t msg_len)
{
	uint64_t frames, delivered;
	unsigned int port;
	FILE *f;
	int rc;

	msg[0] = '\0';
	if (argc != 2) {
		snprintf(msg, msg_len, "usage: inject PORT FILE.pcap");
		return -EINVAL;
	}
	if ((rc = parse_port(w, argv[0], &port, msg, msg_len)) != 0 ||
	    (rc = absolute(argv[1], msg, msg_len)) != 0)
		return rc;
	f = fopen(argv[1], "re");
	if (f == NULL) {
		rc = -errno;
		snprintf(msg, msg_len, "inject %s: %s", argv[1], strerror(-rc));
		return rc;
	}
	rc = pcap_pass(w, f, argv[1], port, false, &frames, &delivered, msg, msg_len);
	if (rc == 0)
		rc = pcap_pass(w, f, argv[1], port, true, &frames, &delivered, msg, msg_len);
	fclose(f);
	if (rc == 0)
		snprintf(msg, msg_len, "port %u: %" PRIu64 " frames from %s, %" PRIu64
			 " delivered to a ring, %" PRIu64 " dropped (drops by reason: "
			 "x710-sim stats)", port, frames, argv[1], delivered, frames - delivered);
	return rc;
}

void model_wire_flush(struct model_wire *w)
{
	for (unsigned int p = 0; p < w->n_ports; p++)
		if (w->ports[p].pcap != NULL && fflush(w->ports[p].pcap) != 0)
			w->ports[p].errors++;
}

void model_wire_describe(const struct model_wire *w, unsigned int port, char *out, size_t len)
{
	const struct wire_port *p = port < w->n_ports ? &w->ports[port] : NULL;

	if (p == NULL || p->kind == WIRE_LOOPBACK)
		snprintf(out, len, "loopback");
	else
		snprintf(out, len, "pcap-out %s frames=%" PRIu64 " errors=%" PRIu64, p->path,
			 p->frames, p->errors);
}
