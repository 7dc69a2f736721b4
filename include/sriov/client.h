/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libsriov's client of sriovd, for packet applications and tools: ask the
 * daemon for a free VF of a pool, learn its PCI address, MAC and vfio VF
 * token, give it back. Speaks HTTP/1.1 over sriovd's Unix socket
 * (doc/api.md); any other request can go through sriov_client_request().
 * A client is one object, used from one thread at a time.
 */
#ifndef SRIOV_CLIENT_H
#define SRIOV_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#define SRIOV_CLIENT_DEFAULT_SOCKET "/run/sriovd/sriovd.sock"

struct sriov_client;

/* A VF leased to the caller. Strings are NUL-terminated. */
struct sriov_vf_lease {
	char id[40];              /* lease id, give it back to release */
	char pool[64];
	char pf[64];              /* the PF as sriovd's configuration names it */
	uint16_t vf;
	char pci_address[32];     /* "0000:05:02.0"; "" when sriovd cannot tell */
	char mac[18];             /* "02:00:00:00:05:00"; "" when none is set */
	char vf_token[40];        /* vfio VF token: DPDK's --vfio-vf-token */
};

/* Connects nothing yet; @socket_path NULL means the default. 0 or -ENOMEM. */
int sriov_client_new(const char *socket_path, struct sriov_client **out);
void sriov_client_free(struct sriov_client *c);

/*
 * One request; @body may be NULL. On 0, *status is the HTTP status and
 * *response a malloc'ed NUL-terminated body (free it). Negative errno
 * when sriovd cannot be reached (-ENOENT, -ECONNREFUSED) or answers
 * something that is not HTTP (-EPROTO).
 */
int sriov_client_request(struct sriov_client *c, const char *method, const char *path,
			 const char *body, int *status, char **response);

/* The message of the last failed call ("no pool 'x'", ...), or "". */
const char *sriov_client_error(const struct sriov_client *c);

/* Leases a free VF of @pool: 0, -ENOENT (no pool), -EBUSY (none free),
 * -EACCES (not allowed), or another negative errno. */
int sriov_client_claim_vf(struct sriov_client *c, const char *pool, struct sriov_vf_lease *out);
/* Gives a lease back: 0, -ENOENT (unknown lease), -EPERM (someone else's). */
int sriov_client_release_vf(struct sriov_client *c, const struct sriov_vf_lease *lease);

#endif /* SRIOV_CLIENT_H */
