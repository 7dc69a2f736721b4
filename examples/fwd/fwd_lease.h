/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VFs leased from sriovd's pools (libsriov client), handed to EAL as
 * "-a <pci address>". Without the client library the calls say so.
 */
#ifndef FWD_LEASE_H
#define FWD_LEASE_H

#define FWD_MAX_LEASES 8

struct fwd_leases {
	unsigned int n;
	void *client;                           /* struct sriov_client * */
	char pci[FWD_MAX_LEASES][32];
	char id[FWD_MAX_LEASES][40];
	char pool[64];
};

/* Lease every VF the pool gives (up to FWD_MAX_LEASES), append -a args. */
int fwd_lease_claim(const char *pool, struct fwd_leases *l, char **argv, int *argc, int max);
void fwd_lease_release(struct fwd_leases *l);

#endif /* FWD_LEASE_H */
