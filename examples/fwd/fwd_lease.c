/* SPDX-License-Identifier: BSD-2-Clause */
/* VF leases from sriovd for x710vf-fwd; see fwd_lease.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fwd_lease.h"

#ifdef FWD_HAVE_SRIOV_CLIENT
#include "sriov/client.h"

int
fwd_lease_claim(const char *pool, struct fwd_leases *l, char **argv, int *argc, int max)
{
	struct sriov_client *c;
	int rc = sriov_client_new(NULL, &c);

	if (rc != 0) {
		fprintf(stderr, "x710vf-fwd: --pool %s: sriovd not reachable: %s\n", pool,
			strerror(-rc));
		return rc;
	}
	l->client = c;
	snprintf(l->pool, sizeof(l->pool), "%s", pool);
	while (l->n < FWD_MAX_LEASES && *argc + 2 <= max) {
		struct sriov_vf_lease lease;
		rc = sriov_client_claim_vf(c, pool, &lease);
		if (rc == -EBUSY)
			break;          /* the pool is empty: use what we got */
		if (rc != 0) {
			fprintf(stderr, "x710vf-fwd: --pool %s: %s\n", pool, sriov_client_error(c));
			fwd_lease_release(l);
			return rc;
		}
		snprintf(l->id[l->n], sizeof(l->id[0]), "%s", lease.id);
		snprintf(l->pci[l->n], sizeof(l->pci[0]), "%s", lease.pci_address);
		argv[(*argc)++] = "-a";
		argv[(*argc)++] = l->pci[l->n];
		l->n++;
	}
	if (l->n == 0) {
		fprintf(stderr, "x710vf-fwd: --pool %s: no free VF\n", pool);
		fwd_lease_release(l);
		return -EBUSY;
	}
	return 0;
}

void
fwd_lease_release(struct fwd_leases *l)
{
	for (unsigned int i = 0; i < l->n; i++) {
		struct sriov_vf_lease lease;
		memset(&lease, 0, sizeof(lease));
		snprintf(lease.id, sizeof(lease.id), "%s", l->id[i]);
		snprintf(lease.pool, sizeof(lease.pool), "%s", l->pool);
		(void)sriov_client_release_vf(l->client, &lease);
	}
	l->n = 0;
	if (l->client)
		sriov_client_free(l->client);
	l->client = NULL;
}
#else
int
fwd_lease_claim(const char *pool, struct fwd_leases *l, char **argv, int *argc, int max)
{
	(void)l; (void)argv; (void)argc; (void)max;
	fprintf(stderr, "x710vf-fwd: --pool %s: built without the libsriov client\n", pool);
	return -ENOTSUP;
}

void
fwd_lease_release(struct fwd_leases *l)
{
	(void)l;
}
#endif
