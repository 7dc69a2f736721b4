/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The x710 backend's device side: find the PF, read what it runs, apply
 * one change at a time, and serve the VFs' mailboxes.
 *
 * Without SRIOV_OPEN_APPLY the PF is only looked at through sysfs (the
 * process that owns it may be serving mailboxes). With it, this process
 * takes the PF: a lock on its sysfs directory, DPDK's EAL mapping BAR0
 * (SRIOV_X710_EAL), the hardware layer's PF init (SRIOV_X710_HW). Its applied per-VF values are then the live state. VF keys
 * change the policy; VFs are (re)built in commit(), after the last step.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include <sriov/backend.h>

#include "x710_backend.h"
#include "x710_pci_find.h"
#include "x710_port.h"

#if SRIOV_X710_HW
#include "vc_host.h"
#if SRIOV_X710_EAL
#include "x710_eal.h"
#include "x710_kept_mem.h"
#endif
#include "x710_hw.h"
#include "x710_pf.h"
#include "x710_policy.h"
#include "x710_vf.h"
#include "x710_vf_ops.h"
#include "x710_vf_rss.h"
#define PORT_MAX_VFS X710_MAX_VFS_PER_PF
#else
#define PORT_MAX_VFS 128   /* X710: _VF = 0..127 (x710-hardware.md §3.3) */
#endif

/* Mailbox limit per VF, DPDK's vf_msg_cfg example 80@120 ms scaled to 1 s. */
#define MBX_RATE_MSGS 600
#define MBX_RATE_INTERVAL_US 1000000u
/* How long the serve loop sleeps when the ARQ is empty: iavf polls its
 * mailbox every 50 ms (x710-hardware.md §0 #2), so 200 us is never felt. */
#define SERVE_IDLE_US 200
#define MBX_BUF_SIZE 4096
/* The kept block of virtchnl sessions, per PF (x710_kept_mem.h). */
#define VC_KEPT_NAME_FMT "x710-%s-vchost"
#define VF_TOKEN_LEN 36   /* RFC 4122 text */

struct x710_port {
	struct x710_pci_pf pf;
	struct sriov_schema schema;
	unsigned int flags;
	int lock_fd;
	bool owned;
	uint16_t num_vfs;
	struct sriov_live_row vf[PORT_MAX_VFS];   /* applied values (owned only) */
#if SRIOV_X710_EAL
	struct x710_eal *eal;
	struct x710_kept_mem vc_mem;   /* the host's per-VF state when kept */
#endif
	const struct sriov_fd_store *fds;
	char vf_token[VF_TOKEN_LEN + 1];
#if SRIOV_X710_HW
	struct x710_hw *hw;
	struct vc_host *host;
	uint8_t *mbx_buf;           /* one ARQ event's message, MBX_BUF_SIZE */
#endif
};

static struct sriov_schema port_schema(void)
{
	return (struct sriov_schema){ sriov_backend_x710.schema };
}

/* One owner per PF: whoever holds a flock on the PF's own sysfs directory
 * (works on sysfs and on the simulator's tree, which both may reuse a BDF). */
static int take_lock(struct x710_port *port, struct sriov_error *err)
{
	if (port->lock_fd >= 0)
		return 0;
	port->lock_fd = open(port->pf.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (port->lock_fd < 0)
		return sriov_error_set(err, -errno, "cannot open %s: %s", port->pf.dir,
				       strerror(errno));
	if (flock(port->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;

		close(port->lock_fd);
		port->lock_fd = -1;
		if (e == EWOULDBLOCK)
			return sriov_error_set(err, -EBUSY, "%s is owned by another process (a "
					       "`sriovctl -C` serving its VFs?); stop it first",
					       port->pf.bdf);
		return sriov_error_set(err, -e, "cannot lock %s: %s", port->pf.dir, strerror(e));
	}
	return 0;
}

#if SRIOV_X710_HW
static int hw_error(struct x710_port *port, int rc, struct sriov_error *err, const char *what)
{
	char aq[160];

	if (port->hw->aq_err.kind != X710_AQ_FAIL_NONE)
		return sriov_error_set(err, rc, "%s: %s", what,
				       x710_hw_last_error(port->hw, aq, sizeof(aq)));
	return sriov_error_set(err, rc, "%s: %s", what, strerror(-rc));
}

/* The link once, with the PHY event mask cleared for link changes and LSE
 * (link status events) enabled: from then on the admin receive queue tells
 * us of every change (x710-hardware.md §0 #9); hw->link keeps it. */
static void read_link(struct x710_port *port)
{
	int rc = x710_pf_enable_link_events(port->hw);

	if (rc)
		fprintf(stderr, "x710 %s: reading the link status: %s; VFs see link down until "
			"the port reports a change\n", port->pf.bdf, strerror(-rc));
}

/* PF init over @os; VFs a dead owner left behind are removed. With @adopt
 * the running PF is taken over instead: its admin queue resumed from the
 * kept block when it can be (else set up afresh), its HMC kept. */
static int start_pf(struct x710_port *port, const struct x710_osdep *os, unsigned int pf_id,
		    bool adopt, struct sriov_error *err)
{
	/* PF reset (PFGEN_CTRL.PFSWR) stays opt-in until it has run on real
	 * silicon with VFs another owner left behind; the model handles it. */
	struct x710_pf_params p = { .pf_id = pf_id, .adopt = adopt,
				    .pf_reset = getenv("SRIOV_X710_PF_RESET") != NULL };
	const char *aq_timeout = getenv("SRIOV_X710_AQ_TIMEOUT_US");
	int rc;

	/* The silicon answers within the default; a device model sharing two
	 * loaded cores with sanitizer builds may not, so tests raise it. */
	if (aq_timeout) {
		char *end;
		unsigned long us = strtoul(aq_timeout, &end, 10);

		if (*aq_timeout == '\0' || *end != '\0' || us == 0 || us > 60000000ul)
			return sriov_error_set(err, -EINVAL,
				"SRIOV_X710_AQ_TIMEOUT_US='%s' is not a number of microseconds in 1..60000000",
				aq_timeout);
		p.aq.timeout_us = (uint32_t)us;
	}

	port->hw = calloc(1, sizeof(*port->hw));
	if (!port->hw)
		return sriov_error_set(err, -ENOMEM, "out of memory");
	port->hw->os = *os;
	rc = x710_pf_init(port->hw, &p);
	if (rc)
		return hw_error(port, rc, err, adopt ? "adopting the running PF" : "PF init");
	port->owned = true;
	read_link(port);
	if (!adopt && port->hw->os.ops->set_num_vfs &&
	    (rc = port->hw->os.ops->set_num_vfs(port->hw->os.ctx, 0)))
		return sriov_error_set(err, rc, "%s: removing stale VFs: %s", port->pf.bdf,
				       strerror(-rc));
	return 0;
}

#if SRIOV_X710_EAL
/* EAL maps the PF; then the common PF start. */
static int take_pf(struct x710_port *port, bool adopt, struct sriov_error *err)
{
	struct x710_osdep os;
	unsigned int function;
	int rc;

	if (sscanf(port->pf.bdf, "%*x:%*x:%*x.%u", &function) != 1)
		return sriov_error_set(err, -EINVAL, "bad PCI address %s", port->pf.bdf);
	rc = x710_eal_open(&port->pf, port->flags & SRIOV_OPEN_VERBOSE, port->fds, &port->eal, err);
	if (rc)
		return rc;
	os = x710_eal_osdep(port->eal);
	return start_pf(port, &os, function, adopt, err);
}
#else
static int take_pf(struct x710_port *port, bool adopt, struct sriov_error *err)
{
	(void)adopt;
	return sriov_error_set(err, -ENOTSUP, "%s: this libsriov was built without DPDK, which "
			       "maps the PF (meson -Ddpdk=enabled)", port->pf.bdf);
}
#endif

/* The virtchnl host goes; with @keep its kept sessions stay for the next owner. */
static void drop_host(struct x710_port *port, bool keep)
{
	vc_host_destroy(port->host);
	port->host = NULL;
#if SRIOV_X710_EAL
	if (keep)
		x710_kept_mem_unmap(&port->vc_mem);
	else
		x710_kept_mem_release(port->fds, &port->vc_mem);
#else
	(void)keep;
#endif
}

/* Lets go of the PF: shut down, or with @keep left running for an adopter
 * (which the hardware layer refuses, shutting down, when the memory the
 * device uses would not outlive us). */
static void release_pf(struct x710_port *port, bool keep)
{
	bool detached = keep && port->hw && port->owned && x710_pf_detach(port->hw);

	drop_host(port, detached);
	if (port->hw && port->owned && !keep) {
		x710_vf_disable_all(port->hw);
		x710_pf_shutdown(port->hw);
	}
	free(port->hw);
	port->hw = NULL;
	free(port->mbx_buf);
	port->mbx_buf = NULL;
#if SRIOV_X710_EAL
	x710_eal_close(port->eal);
	port->eal = NULL;
#endif
	port->owned = false;
}
#else
static int take_pf(struct x710_port *port, bool adopt, struct sriov_error *err)
{
	(void)adopt;
	return sriov_error_set(err, -ENOTSUP, "%s: this libsriov was built without the X710 "
			       "hardware layer and virtchnl host", port->pf.bdf);
}

static void release_pf(struct x710_port *port, bool keep)
{
	(void)keep;
	port->owned = false;
}
#endif

/* Frees the port after release_pf(@keep). */
static void port_free(struct x710_port *port, bool keep)
{
	if (!port)
		return;
	release_pf(port, keep);
	if (port->lock_fd >= 0)
		close(port->lock_fd);
	free(port);
}

static void port_close(void *handle)
{
	port_free(handle, false);
}

static struct x710_port *port_new(unsigned int flags)
{
	struct x710_port *port = calloc(1, sizeof(*port));

	if (port) {
		port->lock_fd = -1;
		port->flags = flags;
		port->schema = port_schema();
	}
	return port;
}

/* Hands out a ready port, or closes it and passes its error on. */
static int port_finish(struct x710_port *port, int rc, void **handle)
{
	if (rc) {
		port_close(port);
		return rc;
	}
	*handle = port;
	return 0;
}

static int open_with(const char *device, unsigned int flags, const struct sriov_fd_store *fds,
		     void **handle, struct sriov_error *err)
{
	struct x710_port *port = port_new(flags);
	int rc;

	*handle = NULL;
	if (!port)
		return sriov_error_set(err, -ENOMEM, "out of memory");
	port->fds = fds;
	rc = x710_pci_find(x710_pci_root(), "/sys/class/net", device, &port->pf, err);
	if (!rc && (flags & SRIOV_OPEN_APPLY)) {
		rc = take_lock(port, err);
		if (!rc)
			rc = take_pf(port, false, err);
	}
	return port_finish(port, rc, handle);
}

static int port_open(const char *device, unsigned int flags, void **handle,
		     struct sriov_error *err)
{
	return open_with(device, flags, NULL, handle, err);
}

#if SRIOV_X710_HW
int x710_port_open_osdep(const struct x710_osdep *os, unsigned int pf_id, unsigned int flags,
			 void **handle, struct sriov_error *err)
{
	struct x710_port *port = port_new(flags);

	*handle = NULL;
	if (!port)
		return sriov_error_set(err, -ENOMEM, "out of memory");
	snprintf(port->pf.bdf, sizeof(port->pf.bdf), "pf%u", pf_id);
	port->pf.model = "X710 (in process)";
	port->pf.device_id = X710_PCI_DEVICE_X710_SFP;
	return port_finish(port, start_pf(port, os, pf_id, false, err), handle);
}

int x710_port_adopt_osdep(const struct x710_osdep *os, unsigned int pf_id, unsigned int flags,
			  void **handle, struct sriov_error *err)
{
	struct x710_port *port = port_new(flags);
	int rc;

	*handle = NULL;
	if (!port)
		return sriov_error_set(err, -ENOMEM, "out of memory");
	snprintf(port->pf.bdf, sizeof(port->pf.bdf), "pf%u", pf_id);
	port->pf.model = "X710 (in process)";
	port->pf.device_id = X710_PCI_DEVICE_X710_SFP;
	if ((rc = start_pf(port, os, pf_id, true, err))) {
		port_free(port, true);   /* never shut down a PF we failed to adopt */
		return rc;
	}
	*handle = port;
	return 0;
}
#endif

static int port_describe(void *handle, char *buf, size_t len)
{
	struct x710_port *port = handle;

	snprintf(buf, len, "%s: Intel %s (8086:%04x)%s", port->pf.bdf, port->pf.model,
		 port->pf.device_id, port->owned ? ", PF driven by this process" : "");
	return 0;
}

static int port_read_live(void *handle, const struct sriov_schema *schema,
			  struct sriov_live **out, struct sriov_error *err)
{
	struct x710_port *port = handle;
	uint32_t n = port->num_vfs, total = 0;
	struct sriov_live *live;
	int rc;

	*out = NULL;
	if (!port->owned && (rc = x710_sysfs_read_u32(port->pf.dir, "sriov_numvfs", &n)))
		return sriov_error_set(err, rc, "%s/sriov_numvfs: %s", port->pf.dir, strerror(-rc));
	if (n > PORT_MAX_VFS)
		return sriov_error_set(err, -ERANGE, "%s reports %u VFs", port->pf.bdf, n);
	live = sriov_live_new(schema, (uint16_t)n);
	if (!live)
		return sriov_error_set(err, -ENOMEM, "out of memory");
	if (x710_sysfs_read_u32(port->pf.dir, "sriov_totalvfs", &total) == 0 && total <= UINT16_MAX)
		live->total_vfs = (uint16_t)total;
#if SRIOV_X710_HW
	else if (port->owned && port->hw->caps.num_vfs <= UINT16_MAX)
		live->total_vfs = (uint16_t)port->hw->caps.num_vfs;
#endif
	/* Only the owner knows the VFs' values; others see them as unknown.
	 * They are what this process applied: max-tx-rate too, since the model
	 * has no query_vsi_bw_config (0x0408) to read a VSI's limit back. */
	if (port->owned)
		for (uint16_t vf = 0; vf < n; vf++)
			live->vf[vf] = port->vf[vf];
	*out = live;
	return 0;
}

/* X710: only the count recreates VFs. What the layers below cannot do yet is refused
 * at plan time, before anything is touched. */
static int port_change_mode(const struct sriov_change *c)
{
	if (c->section == SRIOV_SECTION_PF)
		return strcmp(c->p->name, "num_vfs") == 0 ? SRIOV_CHANGE_DISRUPTIVE
							  : -EOPNOTSUPP;
	if (strcmp(c->p->name, "max-tx-rate") == 0 && c->new_value.u > X710_TX_RATE_MAX_MBPS)
		return -ERANGE;       /* past config_vsi_bw_limit's credit field (x710_backend.h) */
	if (strcmp(c->p->name, "passthrough") == 0 && c->new_value.b)
		return -EOPNOTSUPP;   /* VFs of a userspace PF are bound by whoever uses them */
	return SRIOV_CHANGE_LIVE;
}

#if SRIOV_X710_HW
static int set_count(struct x710_port *port, unsigned int n, struct sriov_error *err)
{
	int rc;

	drop_host(port, false);
	x710_vf_disable_all(port->hw);
	port->num_vfs = 0;
	if (n == 0)
		return 0;
	rc = x710_vf_enable(port->hw, n);
	if (rc) {
		hw_error(port, rc, err, "enabling VFs");
		x710_vf_disable_all(port->hw);
		return rc;
	}
	for (unsigned int vf = 0; vf < n; vf++)
		x710_policy_defaults(&port->schema, &port->vf[vf]);
	port->num_vfs = (uint16_t)n;
	return 0;
}

/* Keys whose new value lives in the VSI or the VF's resources: the VF is
 * reset so it renegotiates (as Linux does for an admin MAC or port VLAN). */
static bool needs_vf_reset(const char *key)
{
	static const char *const keys[] = { "mac-addr", "num-queues", "vlan", "vlan-qos" };

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i]) == 0)
			return true;
	return false;
}

/* A VF that runs: the change reaches only that VF. */
static int change_running_vf(struct x710_port *port, const struct sriov_change *c,
			     const struct vc_policy *pol, struct sriov_error *err)
{
	uint16_t vf = c->vf;
	struct x710_vf *hv = x710_vf_get(port->hw, vf);
	int rc = 0;

	if (strcmp(c->p->name, "mac-anti-spoof") == 0 &&
	    (rc = x710_vf_set_anti_spoof(port->hw, vf, pol->mac_anti_spoof)))
		return hw_error(port, rc, err, "anti-spoof");
	if (strcmp(c->p->name, "max-tx-rate") == 0) {
		struct x710_vf_config cfg;

		/* The VSI's Tx scheduler only, as Linux's i40e: no VF reset. */
		x710_policy_vf_config(pol, &cfg);
		if ((rc = x710_vf_set_tx_limit(port->hw, vf, cfg.tx_credit, cfg.tx_max_credit)))
			return hw_error(port, rc, err, "Tx rate limit");
	}
	if ((rc = vc_host_set_policy(port->host, vf, pol)))
		return sriov_error_set(err, rc, "the virtchnl host refused the policy");
	if (needs_vf_reset(c->p->name)) {
		if (hv)
			x710_policy_vf_config(pol, &hv->cfg);
		if ((rc = vc_host_vf_reset(port->host, vf, false)))
			return hw_error(port, rc, err, "VF reset");
	}
	if (strcmp(c->p->name, "link-state") == 0)
		(void)vc_host_notify_link(port->host, vf);
	return 0;
}

static int change_vf(struct x710_port *port, const struct sriov_change *c,
		     struct sriov_error *err)
{
	struct sriov_live_row row;
	struct vc_policy pol, old_pol;
	char why[128];
	int rc;

	if (c->vf >= port->num_vfs)
		return sriov_error_set(err, -ENOENT, "VF-%u does not exist (%u VFs)", c->vf,
				       port->num_vfs);
	row = port->vf[c->vf];
	row.v[c->param] = c->new_value;
	row.present |= UINT64_C(1) << c->param;
	if ((rc = x710_policy_from_row(&port->schema, &row, &pol, why, sizeof(why))))
		return sriov_error_set(err, rc, "%s", why);
	if (port->host && x710_vf_get(port->hw, c->vf) &&
	    (rc = change_running_vf(port, c, &pol, err))) {
		/* A failed step leaves its key as it was: the VF gets its old policy back. */
		struct sriov_error ignored;

		if (x710_policy_from_row(&port->schema, &port->vf[c->vf], &old_pol, why,
					 sizeof(why)) == 0)
			(void)change_running_vf(port, c, &old_pol, &ignored);
		return rc;
	}
	port->vf[c->vf] = row;
	return 0;
}
#endif

static int port_apply_change(void *handle, const struct sriov_change *c,
			     struct sriov_error *err)
{
	struct x710_port *port = handle;
	bool count = c->section == SRIOV_SECTION_PF && strcmp(c->p->name, "num_vfs") == 0;
	int rc;

	if (!port->owned) {
		/* Not driving the PF: only VFs nobody serves can be removed (-D). */
		if (!count || c->new_value.u != 0)
			return sriov_error_set(err, -EPERM, "%s was not opened to apply",
					       port->pf.bdf);
		if ((rc = take_lock(port, err)))
			return rc;
		rc = x710_sysfs_set_numvfs(port->pf.dir, 0);
		return rc ? sriov_error_set(err, rc, "%s/sriov_numvfs: %s", port->pf.dir,
					    strerror(-rc)) : 0;
	}
#if SRIOV_X710_HW
	if (count)
		return c->new_value.u > PORT_MAX_VFS
			? sriov_error_set(err, -ERANGE, "at most %d VFs", PORT_MAX_VFS)
			: set_count(port, (unsigned int)c->new_value.u, err);
	if (c->section == SRIOV_SECTION_VF)
		return change_vf(port, c, err);
#endif
	return sriov_error_set(err, -EOPNOTSUPP, "%s cannot be changed", c->p->name);
}

#if SRIOV_X710_HW
static void host_log(void *ctx, enum vc_log_level level, uint16_t vf, const char *fmt,
		     va_list ap)
{
	static const char *const names[] = { "error", "warning", "info", "debug" };
	struct x710_port *port = ctx;
	char msg[256];

	if (level > VC_LOG_INFO && !(port->flags & SRIOV_OPEN_VERBOSE))
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	fprintf(stderr, "x710 %s VF-%u %s: %s\n", port->pf.bdf, vf, names[level], msg);
}

static struct vc_host_params host_params(struct x710_port *port)
{
	return (struct vc_host_params){
		.ops = &x710_vc_hw_ops,
		.hw_ctx = port->hw,
		.num_vfs = port->num_vfs,
		.vf_base_id = (uint16_t)port->hw->caps.vf_base_id,
		.max_vectors = (uint16_t)port->hw->caps.num_msix_vectors_vf,
		.rate = { .msgs = MBX_RATE_MSGS, .interval_us = MBX_RATE_INTERVAL_US },
		.log = host_log,
		.log_ctx = port,
	};
}

/* A fresh host; its sessions live in kept memory when there is an fd store. */
static int start_host(struct x710_port *port, const struct vc_host_params *hp,
		      const struct vc_policy *pol)
{
#if SRIOV_X710_EAL
	if (port->fds) {
		char name[64];
		bool found;

		snprintf(name, sizeof(name), VC_KEPT_NAME_FMT, port->pf.bdf);
		/* A block of another VF count is stale: forgotten, then made anew. */
		for (int attempt = 0; attempt < 2; attempt++) {
			int rc = x710_kept_mem_map(port->fds, name, vc_host_state_size(hp->num_vfs),
						   &port->vc_mem, &found);

			if (rc == -EMSGSIZE) {
				port->fds->drop(port->fds->ctx, name);
				continue;
			}
			if (rc)
				break;
			rc = vc_host_create_in(hp, pol, port->vc_mem.va, port->vc_mem.len, &port->host);
			if (rc)
				x710_kept_mem_release(port->fds, &port->vc_mem);
			return rc;
		}
	}
#endif
	return vc_host_create(hp, pol, &port->host);
}

/* Every VF not yet built gets its VSI from its policy; then the mailbox host. */
static int port_commit(void *handle, struct sriov_error *err)
{
	struct x710_port *port = handle;
	struct vc_policy pol[PORT_MAX_VFS];
	struct x710_vf_config cfg;
	char why[128];
	int rc;

	if (!port->owned || port->num_vfs == 0 || port->host)
		return 0;
	for (uint16_t vf = 0; vf < port->num_vfs; vf++) {
		if ((rc = x710_policy_from_row(&port->schema, &port->vf[vf], &pol[vf], why,
					       sizeof(why))))
			return sriov_error_set(err, rc, "VF-%u: %s", vf, why);
		x710_policy_vf_config(&pol[vf], &cfg);
		if ((rc = x710_vf_setup(port->hw, vf, &cfg))) {
			char what[32];

			snprintf(what, sizeof(what), "VF-%u setup", vf);
			return hw_error(port, rc, err, what);
		}
	}
	struct vc_host_params hp = host_params(port);

	if ((rc = start_host(port, &hp, pol)))
		return sriov_error_set(err, rc, "starting the virtchnl host: %s", strerror(-rc));
	return 0;
}

static void idle(void)
{
	struct timespec ts = { .tv_nsec = SERVE_IDLE_US * 1000L };

	nanosleep(&ts, NULL);
}

/* VFs whose FLR bit was set: each is rebuilt once, by the virtchnl host
 * (its soft state and the VSI together). The hardware layer's own
 * x710_vf_handle_vflr would rebuild the VSI a second time. */
static void serve_vflr(struct x710_port *port)
{
	uint32_t done[X710_MAX_VFS_PER_PF / 32];

	if (!(x710_rd32(&port->hw->os, X710_PFINT_ICR0) & X710_PFINT_ICR0_VFLR_MASK))
		return;
	if (x710_vf_take_vflr(port->hw, done) <= 0)
		return;
	for (uint16_t vf = 0; vf < port->num_vfs; vf++) {
		if (!(done[vf / 32] & (UINT32_C(1) << (vf % 32))))
			continue;
		fprintf(stderr, "x710 %s VF-%u: function level reset\n", port->pf.bdf, vf);
		if (port->host)
			(void)vc_host_vf_reset(port->host, vf, true);
		else if (x710_vf_get(port->hw, vf))
			(void)x710_vf_reset(port->hw, vf, true);
	}
}

/* The port's link changed: the event carries get_link_status's response
 * (x710_adminq_defs.h); every running VF with link-state auto hears of it
 * (the host sends the state the VF's policy says). */
static void serve_link_event(struct x710_port *port, const struct x710_aq_event *ev)
{
	(void)x710_pf_link_event(port->hw, &ev->desc);
	if (!port->host)
		return;
	for (uint16_t vf = 0; vf < port->num_vfs; vf++)
		(void)vc_host_notify_link(port->host, vf);
}

int x710_port_serve_pass(void *handle)
{
	struct x710_port *port = handle;
	struct x710_aq_event ev;
	int rc;

	static_assert(MBX_BUF_SIZE <= UINT16_MAX, "event buffer length is a u16");
	if (!port->owned)
		return -EPERM;
	if (!port->mbx_buf && !(port->mbx_buf = malloc(MBX_BUF_SIZE)))
		return -ENOMEM;
	serve_vflr(port);
	ev = (struct x710_aq_event){ .msg = port->mbx_buf, .msg_cap = MBX_BUF_SIZE };
	rc = x710_aq_event_get(port->hw, &ev, NULL);
	if (rc == -EAGAIN)
		return 0;
	if (rc && rc != -EMSGSIZE) {
		fprintf(stderr, "x710 %s: admin receive queue: %s\n", port->pf.bdf, strerror(-rc));
		return rc;
	}
	if (ev.opcode == X710_AQC_GET_LINK_STATUS) {
		serve_link_event(port, &ev);
		return 1;
	}
	if (!port->host)
		return 1;
	if (ev.opcode != X710_AQC_SEND_MSG_TO_PF)
		return 1;
	if (rc == -EMSGSIZE) {
		fprintf(stderr, "x710 %s: VF message of %u bytes dropped (> %d)\n", port->pf.bdf,
			ev.full_len, MBX_BUF_SIZE);
		return 1;
	}
	(void)vc_host_handle(port->host, ev.retval, ev.cookie_high, (int32_t)ev.cookie_low,
			     port->mbx_buf, ev.msg_len, x710_now_us(&port->hw->os));
	return 1;
}

/* Serves until *stop: FLRs, link events and the VFs' mailboxes. */
static int port_serve(void *handle, volatile sig_atomic_t *stop, struct sriov_error *err)
{
	struct x710_port *port = handle;

	if (!port->owned)
		return sriov_error_set(err, -EPERM, "%s is not driven by this process",
				       port->pf.bdf);
	while (!*stop) {
		int rc = x710_port_serve_pass(port);

		if (rc == -ENOMEM)
			return sriov_error_set(err, rc, "out of memory");
		if (rc <= 0)
			idle();
	}
	return 0;
}

/* Never blocks: at most @budget passes of the serve loop, until the ARQ is empty. */
static int port_service(void *handle, unsigned int budget, struct sriov_error *err)
{
	struct x710_port *port = handle;
	unsigned int n = 0;

	if (!port->owned)
		return sriov_error_set(err, -EPERM, "%s is not driven by this process",
				       port->pf.bdf);
	while (n < budget) {
		int rc = x710_port_serve_pass(port);

		if (rc < 0)
			return sriov_error_set(err, rc, "%s: admin receive queue: %s", port->pf.bdf,
					       strerror(-rc));
		if (rc == 0)
			break;
		n++;
	}
	return (int)n;
}

static void set_stat(struct sriov_vf_status *st, enum sriov_vf_stat k, uint64_t v)
{
	st->stat[k] = v;
	st->present |= UINT32_C(1) << k;
}

/* The link a VF is told: its link-state policy, or the port's (kept from
 * link events: a status request makes no admin-queue round trip). */
static bool vf_link_up(const struct x710_port *port, uint16_t vf)
{
	const struct vc_policy *pol = vc_host_vf_policy(port->host, vf);

	if (pol && pol->link_state != VC_LINK_AUTO)
		return pol->link_state == VC_LINK_ENABLE;
	return port->hw->link_known && port->hw->link.up;
}

/* GLV_* counters at the VF VSI's statistics index, and the host's view. */
static int port_vf_status(void *handle, uint16_t vf, struct sriov_vf_status *st)
{
	struct x710_port *port = handle;
	const struct vc_vf_counters *c;
	struct virtchnl_eth_stats es;
	struct vc_vf_view view;

	memset(st, 0, sizeof(*st));
	if (!port->owned || vf >= port->num_vfs || !port->host)
		return -ENOENT;
	if (x710_vf_get_stats(port->hw, vf, &es) == 0) {
		set_stat(st, SRIOV_STAT_RX_BYTES, es.rx_bytes);
		set_stat(st, SRIOV_STAT_TX_BYTES, es.tx_bytes);
		set_stat(st, SRIOV_STAT_RX_PACKETS, es.rx_unicast + es.rx_multicast + es.rx_broadcast);
		set_stat(st, SRIOV_STAT_TX_PACKETS, es.tx_unicast + es.tx_multicast + es.tx_broadcast);
		set_stat(st, SRIOV_STAT_RX_BROADCAST, es.rx_broadcast);
		set_stat(st, SRIOV_STAT_RX_MULTICAST, es.rx_multicast);
		set_stat(st, SRIOV_STAT_RX_DROPPED, es.rx_discards);
		set_stat(st, SRIOV_STAT_TX_ERRORS, es.tx_errors);
	}
	c = vc_host_vf_counters(port->host, vf);
	set_stat(st, SRIOV_STAT_RESETS, c->resets);
	for (unsigned int op = 0; op < SRIOV_MBX_OPCODES; op++) {
		st->mbx_requests[op] = c->requests[op];
		st->mbx_denied[op] = c->denied[op];
	}
	st->present |= SRIOV_STATUS_MBX | SRIOV_STATUS_ACTIVE | SRIOV_STATUS_LINK;
	if (vc_host_vf_view(port->host, vf, &view) == 0 && view.state == VC_VF_ACTIVE) {
		st->active = true;
		st->api_major = VIRTCHNL_VERSION_MAJOR;
		st->api_minor = view.api_minor;
		st->present |= SRIOV_STATUS_API;
	}
	st->link_up = vf_link_up(port, vf);
	return 0;
}

static int port_reset_vf(void *handle, uint16_t vf, struct sriov_error *err)
{
	struct x710_port *port = handle;
	int rc;

	if (!port->owned || !port->host || vf >= port->num_vfs)
		return sriov_error_set(err, -ENOENT, "%s: VF-%u is not served here", port->pf.bdf, vf);
	if ((rc = vc_host_vf_reset(port->host, vf, false)))
		return hw_error(port, rc, err, "VF reset");
	return 0;
}

static const char *port_opcode_name(unsigned int opcode)
{
	return vc_opcode_name(opcode);
}

#if SRIOV_X710_EAL
/* Row @vf as applied: the schema's defaults, then every value the state has. */
static void applied_row(struct x710_port *port, const struct sriov_live *applied, uint16_t vf,
			struct sriov_live_row *row)
{
	x710_policy_defaults(&port->schema, row);
	for (size_t k = 0; k < applied->n_vf && k < SRIOV_LIVE_MAX_PARAMS; k++) {
		if (!(applied->vf[vf].present & (UINT64_C(1) << k)))
			continue;
		row->v[k] = applied->vf[vf].v[k];
		row->present |= UINT64_C(1) << k;
	}
}

/* The kept sessions resume; VFs found mid-reset are reset again. */
static int attach_host(struct x710_port *port, const struct vc_policy *pol,
		       struct sriov_error *err)
{
	struct vc_host_params hp = host_params(port);
	uint64_t need[2];
	char name[64], why[160] = "";
	bool found;
	int rc;

	snprintf(name, sizeof(name), VC_KEPT_NAME_FMT, port->pf.bdf);
	rc = x710_kept_mem_map(port->fds, name, vc_host_state_size(port->num_vfs), &port->vc_mem,
			       &found);
	if (rc == 0 && !found) {
		x710_kept_mem_release(port->fds, &port->vc_mem);
		rc = -ENOENT;
	}
	if (rc)
		return sriov_error_set(err, rc, "%s: no kept virtchnl sessions for %u VFs (%s)",
				       port->pf.bdf, port->num_vfs, strerror(-rc));
	rc = vc_host_attach(&hp, pol, port->vc_mem.va, port->vc_mem.len, need, &port->host, why,
			    sizeof(why));
	if (rc) {
		x710_kept_mem_unmap(&port->vc_mem);
		return sriov_error_set(err, rc, "%s: %s", port->pf.bdf, why[0] ? why : strerror(-rc));
	}
	for (uint16_t vf = 0; vf < port->num_vfs; vf++)
		if (need[vf / 64] & (UINT64_C(1) << (vf % 64)))
			(void)vc_host_vf_reset(port->host, vf, false);
	return 0;
}

/* VFs, VSIs and queues read back from the device; values from @applied. */
static int adopt_vfs(struct x710_port *port, const struct sriov_live *applied,
		     struct sriov_error *err)
{
	static struct x710_vf_config cfg_zero;
	struct sriov_live_row rows[PORT_MAX_VFS];
	struct vc_policy pol[PORT_MAX_VFS];
	struct x710_vf_config cfg[PORT_MAX_VFS];
	char why[128];
	uint32_t n;
	int rc;

	if ((rc = x710_sysfs_read_u32(port->pf.dir, "sriov_numvfs", &n)))
		return sriov_error_set(err, rc, "%s/sriov_numvfs: %s", port->pf.dir, strerror(-rc));
	if (!applied || n != applied->num_vfs || n > PORT_MAX_VFS)
		return sriov_error_set(err, -ESTALE, "%s runs %u VFs, the saved state says %d",
				       port->pf.bdf, n, applied ? (int)applied->num_vfs : -1);
	for (uint16_t vf = 0; vf < n; vf++) {
		applied_row(port, applied, vf, &rows[vf]);
		if ((rc = x710_policy_from_row(&port->schema, &rows[vf], &pol[vf], why, sizeof(why))))
			return sriov_error_set(err, rc, "VF-%u (saved state): %s", vf, why);
		cfg[vf] = cfg_zero;
		x710_policy_vf_config(&pol[vf], &cfg[vf]);
	}
	if (n == 0)
		return 0;
	if ((rc = x710_vf_adopt_all(port->hw, n, cfg)))
		return hw_error(port, rc, err, "reading the running VFs back");
	port->num_vfs = (uint16_t)n;
	memcpy(port->vf, rows, n * sizeof(rows[0]));
	return attach_host(port, pol, err);
}
#endif

/* Lets go of a running PF: VFs, queues and sessions stay for the next owner. */
static void port_detach(void *handle)
{
	port_free(handle, true);
}
#endif

static int port_set_vf_token(void *handle, const char *vf_token, struct sriov_error *err)
{
	struct x710_port *port = handle;

	if (!vf_token || strlen(vf_token) != VF_TOKEN_LEN ||
	    strspn(vf_token, "0123456789abcdefABCDEF-") != VF_TOKEN_LEN)
		return sriov_error_set(err, -EINVAL, "VF token '%s' is not a UUID",
				       vf_token ? vf_token : "(null)");
	/* Over uio (and the simulator) VF users present no token; with
	 * vfio-pci the PF's EAL would pass it (--vfio-vf-token) at start. */
	snprintf(port->vf_token, sizeof(port->vf_token), "%s", vf_token);
	return 0;
}

static int port_open_ex(const char *device, const struct sriov_open_args *a, void **handle,
			struct sriov_error *err)
{
	struct x710_port *port;
	int rc;

	*handle = NULL;
	if (!a->adopt) {
		if ((rc = open_with(device, a->flags, a->fds, handle, err)) == 0 && a->vf_token)
			(void)port_set_vf_token(*handle, a->vf_token, NULL);
		return rc;
	}
#if SRIOV_X710_EAL
	if (!a->fds)
		return sriov_error_set(err, -ENOTSUP, "%s: adoption needs the memory the previous "
				       "owner kept (an fd store)", device);
	if (!(port = port_new(a->flags | SRIOV_OPEN_APPLY)))
		return sriov_error_set(err, -ENOMEM, "out of memory");
	port->fds = a->fds;
	rc = x710_pci_find(x710_pci_root(), "/sys/class/net", device, &port->pf, err);
	if (!rc)
		rc = take_lock(port, err);
	if (!rc)
		rc = take_pf(port, true, err);
	if (!rc)
		rc = adopt_vfs(port, a->applied, err);
	if (!rc && a->vf_token)
		(void)port_set_vf_token(port, a->vf_token, NULL);
	if (rc) {
		port_detach(port);   /* never close(): that would shut the running PF down */
		return rc;
	}
	*handle = port;
	return 0;
#else
	(void)port;
	return sriov_error_set(err, -ENOTSUP, "%s: adoption needs the x710 PF driver over DPDK",
			       device);
#endif
}

const struct sriov_backend_ops sriov_x710_backend_ops = {
	.open = port_open,
	.close = port_close,
	.read_live = port_read_live,
	.change_mode = port_change_mode,
	.apply_change = port_apply_change,
	.describe = port_describe,
#if SRIOV_X710_HW
	.commit = port_commit,
	.serve = port_serve,
	.detach = port_detach,
	.service = port_service,
	.vf_status = port_vf_status,
	.reset_vf = port_reset_vf,
	.opcode_name = port_opcode_name,
#endif
	.open_ex = port_open_ex,
	.set_vf_token = port_set_vf_token,
};
