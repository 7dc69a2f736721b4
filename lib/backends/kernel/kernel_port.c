/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel backend's ops. The VF count goes through sriov_numvfs (through
 * 0, as the kernel requires); each VF attribute is one rtnetlink request on
 * the PF; driver binding goes through driver_override. A refusal names the
 * PF driver and the key, and leaves that key as it was, so sriov_apply()
 * can roll the rest back.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "kernel_backend.h"
#include "kernel_bind.h"
#include "kernel_error.h"
#include "kernel_keys.h"
#include "kernel_port.h"
#include "kernel_vf_status.h"

/* Notes kept per apply (one per re-probed VF is the common case). */
#define KERNEL_MAX_NOTES 64
#define KERNEL_NOTE_LEN 200
/* A driver name fits in a sysfs directory name, without '/' or blanks. */
#define KERNEL_DRIVER_NAME_MAX (KERNEL_DRIVER_NAME_LEN - 1)

struct kernel_port {
	struct kernel_sysfs fs;
	struct kernel_pf pf;
	const struct kernel_nl_ops *nl;
	void *nl_ctx;
	bool own_nl;
	int lock_fd;                  /* flock on the PF's sysfs directory, or -1 */
	unsigned int flags;
	unsigned int timeout_ms;      /* bound on each probe/unbind/VF creation */
	char notes[KERNEL_MAX_NOTES][KERNEL_NOTE_LEN];
	size_t n_notes;
	struct kernel_status_cache status;   /* one dump per sriovd status pass */
};

__attribute__((format(printf, 2, 3)))
static void add_note(struct kernel_port *port, const char *fmt, ...)
{
	va_list ap;

	if (port->n_notes == KERNEL_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(port->notes[port->n_notes++], KERNEL_NOTE_LEN, fmt, ap);
	va_end(ap);
}

static void port_close(void *handle)
{
	struct kernel_port *port = handle;

	if (!port)
		return;
	if (port->own_nl && port->nl && port->nl->close)
		port->nl->close(port->nl_ctx);
	if (port->lock_fd >= 0)
		close(port->lock_fd);
	kernel_status_cache_free(&port->status);
	free(port);
}

/* One process changes a PF at a time: the same lock as the x710 backend's
 * (flock on the PF's sysfs directory), so sriovd and sriovctl exclude each other. */
static int take_lock(struct kernel_port *port, struct sriov_error *err)
{
	int e;

	port->lock_fd = open(port->pf.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (port->lock_fd < 0)
		return sriov_error_set(err, -errno, "cannot open %s: %s", port->pf.dir,
				       strerror(errno));
	if (flock(port->lock_fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	e = errno;
	if (e == EWOULDBLOCK)
		return sriov_error_set(err, -EBUSY, "%s is being changed by another process "
				       "(sriovd or another sriovctl); try again when it is done",
				       port->pf.bdf);
	return sriov_error_set(err, -e, "cannot lock %s: %s", port->pf.dir, strerror(e));
}

int kernel_port_open_env(const struct kernel_env *env, const char *device, unsigned int flags,
			 void **handle, struct sriov_error *err)
{
	struct kernel_port *port = calloc(1, sizeof(*port));
	int rc;

	*handle = NULL;
	if (!port)
		return sriov_error_set(err, -ENOMEM, "out of memory");
	port->lock_fd = -1;
	port->flags = flags;
	port->timeout_ms = env && env->timeout_ms ? env->timeout_ms : KERNEL_BIND_TIMEOUT_MS;
	rc = kernel_sysfs_init(&port->fs, env ? env->sysfs_root : NULL);
	if (rc)
		sriov_error_set(err, rc, "sysfs root too long");
	if (!rc && env && env->write) {
		port->fs.write = env->write;
		port->fs.write_arg = env->write_arg;
	}
	if (!rc)
		rc = kernel_pf_find(&port->fs, device, &port->pf, err);
	if (!rc && (flags & SRIOV_OPEN_APPLY))
		rc = take_lock(port, err);
	if (!rc && env && env->nl) {
		port->nl = env->nl;
		port->nl_ctx = env->nl_ctx;
	} else if (!rc) {
		rc = kernel_netlink_open(port->pf.total_vfs, &port->nl, &port->nl_ctx, err);
		port->own_nl = rc == 0;
	}
	if (rc) {
		port_close(port);
		return rc;
	}
	*handle = port;
	return 0;
}

static int port_open(const char *device, unsigned int flags, void **handle,
		     struct sriov_error *err)
{
	return kernel_port_open_env(NULL, device, flags, handle, err);
}

static int port_describe(void *handle, char *buf, size_t len)
{
	struct kernel_port *port = handle;
	const struct kernel_pf *pf = &port->pf;

	snprintf(buf, len, "%s (%s, %s %04x:%04x, VF device %04x, %u of %u VFs)", pf->bdf,
		 pf->ifname, pf->driver, pf->vendor, pf->device, pf->vf_device, pf->num_vfs,
		 pf->total_vfs);
	return 0;
}

const char *sriov_kernel_pf_driver(void *handle)
{
	return ((struct kernel_port *)handle)->pf.driver;
}

size_t sriov_kernel_note_count(void *handle)
{
	return ((struct kernel_port *)handle)->n_notes;
}

const char *sriov_kernel_note(void *handle, size_t i)
{
	struct kernel_port *port = handle;

	return i < port->n_notes ? port->notes[i] : NULL;
}

/* One VF's attributes as the kernel reports them now. */
static int get_vf_attrs(struct kernel_port *port, unsigned int vf, struct kernel_vf_attrs *out,
			struct sriov_error *err)
{
	unsigned int n = port->pf.num_vfs, got = 0;
	struct kernel_vf_attrs *all;
	int rc;

	if (vf >= n)
		return sriov_error_set(err, -ERANGE, "VF-%u: the PF has %u VFs", vf, n);
	all = calloc(n, sizeof(*all));
	if (!all)
		return sriov_error_set(err, -ENOMEM, "out of memory");
	rc = port->nl->get_vfs(port->nl_ctx, port->pf.ifindex, all, n, &got, err);
	if (!rc && vf >= got)
		rc = sriov_error_set(err, -ENODEV, "%s reports %u VFs, VF-%u missing",
				     port->pf.ifname, got, vf);
	if (!rc)
		*out = all[vf];
	free(all);
	return rc;
}

static void put(struct sriov_live *live, enum sriov_section sec, uint16_t vf, int idx,
		union sriov_scalar v)
{
	if (idx >= 0)
		sriov_live_set(live, sec, vf, (size_t)idx, &v);
}

/* Schema index of every key (or -1), so reading does not search per VF. */
static void key_indexes(const struct sriov_schema *schema, enum sriov_section sec, int *idx,
			size_t n_idx)
{
	for (size_t k = 0; k < n_idx; k++)
		idx[k] = -1;
	for (size_t i = 0; i < sriov_schema_count(schema, sec); i++) {
		enum kernel_key k = kernel_key_of(sriov_schema_param(schema, sec, i)->name);

		if ((size_t)k < n_idx)
			idx[k] = (int)i;
	}
}

#define KEYS (KERNEL_KEY_RSS_QUERY + 1)

/* One VF's values, each set only when the kernel reported its attribute. */
struct vf_row {
	struct sriov_live *live;
	uint16_t vf;
	const int *idx;                 /* schema index per enum kernel_key */
};

static void put_vf(const struct vf_row *r, enum kernel_key k, union sriov_scalar v)
{
	put(r->live, SRIOV_SECTION_VF, r->vf, r->idx[k], v);
}

static void live_vf_attrs(const struct vf_row *r, const struct kernel_vf_attrs *a)
{
	union sriov_scalar v = { 0 };
	bool ad = a->vlan_proto == KERNEL_VLAN_PROTO_8021AD;

	if (a->present & (1u << KERNEL_VF_MAC)) {
		memcpy(v.mac, a->mac, sizeof(v.mac));
		put_vf(r, KERNEL_KEY_MAC, v);
	}
	if (a->present & (1u << KERNEL_VF_SPOOFCHK))
		put_vf(r, KERNEL_KEY_SPOOFCHK, (union sriov_scalar){ .b = a->spoofchk });
	if (a->present & (1u << KERNEL_VF_TRUST))
		put_vf(r, KERNEL_KEY_TRUST, (union sriov_scalar){ .b = a->trust });
	if (a->present & (1u << KERNEL_VF_RSS_QUERY))
		put_vf(r, KERNEL_KEY_RSS_QUERY, (union sriov_scalar){ .b = a->rss_query });
	if (a->present & (1u << KERNEL_VF_LINK_STATE) && a->link_state <= KERNEL_LINK_DISABLE)
		put_vf(r, KERNEL_KEY_LINK_STATE, (union sriov_scalar){ .enum_index = a->link_state });
	if (a->present & (1u << KERNEL_VF_VLAN)) {
		memset(&v, 0, sizeof(v));
		v.vlan.id = a->vlan;
		put_vf(r, KERNEL_KEY_VLAN, v);
		put_vf(r, KERNEL_KEY_VLAN_QOS, (union sriov_scalar){ .u = a->qos });
		/* Another TPID than these two has no word in the schema: unknown. */
		if (ad || a->vlan_proto == KERNEL_VLAN_PROTO_8021Q)
			put_vf(r, KERNEL_KEY_VLAN_PROTO, (union sriov_scalar){
				.enum_index = ad ? KERNEL_PROTO_8021AD : KERNEL_PROTO_8021Q });
	}
	if (a->present & (1u << KERNEL_VF_RATE)) {
		put_vf(r, KERNEL_KEY_MAX_RATE, (union sriov_scalar){ .u = a->max_tx_rate });
		put_vf(r, KERNEL_KEY_MIN_RATE, (union sriov_scalar){ .u = a->min_tx_rate });
	}
}

/* Driver binding from sysfs: passthrough = bound to vfio-pci. */
static int live_vf_sys(struct kernel_port *port, struct sriov_live *live, uint16_t vf,
		       const int *idx, struct sriov_error *err)
{
	struct kernel_vf_sys s;
	int rc = kernel_pf_vf(&port->pf, vf, &s, err);

	if (rc)
		return rc;
	put(live, SRIOV_SECTION_VF, vf, idx[KERNEL_KEY_PASSTHROUGH],
	    (union sriov_scalar){ .b = strcmp(s.driver, KERNEL_PASSTHROUGH_DRIVER) == 0 });
	if (idx[KERNEL_KEY_DRIVER] >= 0 &&
	    sriov_live_set(live, SRIOV_SECTION_VF, vf, (size_t)idx[KERNEL_KEY_DRIVER],
			   &(union sriov_scalar){ .s = s.driver }))
		return sriov_error_set(err, -ENOMEM, "out of memory");
	return 0;
}

static int port_read_live(void *handle, const struct sriov_schema *schema,
			  struct sriov_live **out, struct sriov_error *err)
{
	struct kernel_port *port = handle;
	struct kernel_vf_attrs *attrs = NULL;
	int idx_pf[KEYS], idx_vf[KEYS];
	unsigned int got = 0;
	struct sriov_live *live;
	int rc;

	*out = NULL;
	if ((rc = kernel_pf_refresh(&port->fs, &port->pf, err)))
		return rc;
	live = sriov_live_new(schema, (uint16_t)port->pf.num_vfs);
	if (!live)
		return sriov_error_set(err, -ENOMEM, "out of memory");
	live->total_vfs = port->pf.total_vfs > UINT16_MAX ? UINT16_MAX : (uint16_t)port->pf.total_vfs;
	key_indexes(schema, SRIOV_SECTION_PF, idx_pf, KEYS);
	key_indexes(schema, SRIOV_SECTION_VF, idx_vf, KEYS);
	if (port->pf.has_autoprobe)
		put(live, SRIOV_SECTION_PF, 0, idx_pf[KERNEL_KEY_AUTOPROBE],
		    (union sriov_scalar){ .b = port->pf.autoprobe });
	/* VF info costs the kernel time per VF: ask only when there are VFs. */
	if (port->pf.num_vfs > 0) {
		attrs = calloc(port->pf.num_vfs, sizeof(*attrs));
		rc = attrs ? port->nl->get_vfs(port->nl_ctx, port->pf.ifindex, attrs,
					       port->pf.num_vfs, &got, err)
			   : sriov_error_set(err, -ENOMEM, "out of memory");
	}
	for (uint16_t vf = 0; !rc && vf < port->pf.num_vfs; vf++) {
		if (vf < got)
			live_vf_attrs(&(struct vf_row){ live, vf, idx_vf }, &attrs[vf]);
		rc = live_vf_sys(port, live, vf, idx_vf, err);
	}
	free(attrs);
	if (rc) {
		sriov_live_free(live);
		return rc;
	}
	*out = live;
	return 0;
}

static bool valid_driver_name(const char *s)
{
	size_t n = strlen(s);

	if (n > KERNEL_DRIVER_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '/' || s[i] <= ' ' || s[i] == 0x7f)
			return false;
	return strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

/* Only the count recreates VFs. vfio-pci is spelt passthrough, so that
 * passthrough and driver never fight over one VF. */
static int port_change_mode(const struct sriov_change *c)
{
	enum kernel_key k = kernel_key_of(c->p->name);

	if (k == KERNEL_KEY_NUM_VFS)
		return SRIOV_CHANGE_DISRUPTIVE;
	if (k == KERNEL_KEY_DRIVER && c->new_value.s &&
	    (!valid_driver_name(c->new_value.s) ||
	     strcmp(c->new_value.s, KERNEL_PASSTHROUGH_DRIVER) == 0))
		return -EINVAL;
	if (k == KERNEL_KEY_UNKNOWN || k == KERNEL_KEY_DEVICE)
		return -EOPNOTSUPP;
	return SRIOV_CHANGE_LIVE;
}

/* Says what the PF driver refused and why, per key. */
static int refused(struct kernel_port *port, const struct sriov_change *c, enum kernel_key k,
		   int rc, struct sriov_error *err)
{
	char value[64], text[sizeof(err->message)];
	struct kernel_failure f = {
		.driver = port->pf.driver, .key = c->p->name, .kkey = k, .value = value,
		.raw = &c->new_value, .vf = c->section == SRIOV_SECTION_VF ? c->vf : -1,
		.error = rc, .pf_ifname = port->pf.ifname, .total_vfs = port->pf.total_vfs,
	};

	if (sriov_scalar_format(c->p, &c->new_value, value, sizeof(value)))
		snprintf(value, sizeof(value), "(long value)");
	f.pf_link_down = !kernel_pf_link_up(&port->fs, &port->pf);
	kernel_error_format(&f, text, sizeof(text));
	return sriov_error_set(err, rc, "%s", text);
}

static int write_pf(struct kernel_port *port, const char *attr, unsigned int v)
{
	char path[PATH_MAX], text[16];

	if (snprintf(path, sizeof(path), "%s/%s", port->pf.dir, attr) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	snprintf(text, sizeof(text), "%u", v);
	return kernel_sysfs_write(&port->fs, path, text);
}

/* 0 -> N, N -> 0, or N -> 0 -> M: the kernel refuses N -> M with EBUSY. */
static int set_num_vfs(struct kernel_port *port, const struct sriov_change *c,
		       struct sriov_error *err)
{
	unsigned int want = (unsigned int)c->new_value.u, was;
	int rc;

	if ((rc = kernel_pf_refresh(&port->fs, &port->pf, err)))
		return rc;
	was = port->pf.num_vfs;
	if (was == want)
		return 0;
	if (was && want && (rc = write_pf(port, "sriov_numvfs", 0)))
		return refused(port, c, KERNEL_KEY_NUM_VFS, rc, err);
	if (want && (rc = write_pf(port, "sriov_numvfs", want))) {
		/* Put the count back; the old VFs' settings are the rollback's job. */
		if (was)
			write_pf(port, "sriov_numvfs", was);
		kernel_pf_refresh(&port->fs, &port->pf, NULL);
		return refused(port, c, KERNEL_KEY_NUM_VFS, rc, err);
	}
	if (!want && (rc = write_pf(port, "sriov_numvfs", 0)))
		return refused(port, c, KERNEL_KEY_NUM_VFS, rc, err);
	if (kernel_wait_vfs(&port->pf, want, port->timeout_ms))
		return sriov_error_set(err, -ETIMEDOUT, "%s: virtfn0..%u did not appear after "
				       "writing %u to sriov_numvfs", port->pf.bdf, want ? want - 1 : 0,
				       want);
	return kernel_pf_refresh(&port->fs, &port->pf, err);
}

/* @want = @cur with the changed key's value; false when nothing changes. */
static bool merge(enum kernel_key k, const union sriov_scalar *v, const struct kernel_vf_attrs *cur,
		  struct kernel_vf_attrs *want)
{
	*want = *cur;
	switch (k) {
	case KERNEL_KEY_MAC: memcpy(want->mac, v->mac, sizeof(want->mac)); break;
	case KERNEL_KEY_SPOOFCHK: want->spoofchk = v->b; break;
	case KERNEL_KEY_TRUST: want->trust = v->b; break;
	case KERNEL_KEY_RSS_QUERY: want->rss_query = v->b; break;
	case KERNEL_KEY_LINK_STATE: want->link_state = v->enum_index; break;
	case KERNEL_KEY_VLAN: want->vlan = v->vlan.trunk ? 0 : v->vlan.id; break;
	case KERNEL_KEY_VLAN_QOS: want->qos = (uint16_t)v->u; break;
	case KERNEL_KEY_VLAN_PROTO:
		want->vlan_proto = v->enum_index == KERNEL_PROTO_8021AD ? KERNEL_VLAN_PROTO_8021AD
									: KERNEL_VLAN_PROTO_8021Q;
		break;
	case KERNEL_KEY_MAX_RATE: want->max_tx_rate = (uint32_t)v->u; break;
	case KERNEL_KEY_MIN_RATE: want->min_tx_rate = (uint32_t)v->u; break;
	default: return false;
	}
	/* A field the kernel did not report is sent regardless. */
	if (!(cur->present & (1u << kernel_key_attr(k))))
		return true;
	return memcmp(want, cur, sizeof(*want)) != 0;
}

static int set_vf_attr(struct kernel_port *port, const struct sriov_change *c, enum kernel_key k,
		       struct sriov_error *err)
{
	struct kernel_vf_attrs cur, want;
	struct sriov_error nl_err = { 0 };
	char driver[KERNEL_DRIVER_NAME_LEN];
	struct kernel_vf_sys s;
	bool reprobed;
	int rc;

	if ((rc = get_vf_attrs(port, c->vf, &cur, err)))
		return rc;
	if (!merge(k, &c->new_value, &cur, &want))
		return 0;
	/* A VF count change resets the PF and its link drops for seconds (igb in
	 * the VM), and igb sets rates only with link: wait for a PF that is up. */
	if ((k == KERNEL_KEY_MAX_RATE || k == KERNEL_KEY_MIN_RATE) &&
	    kernel_pf_admin_up(&port->pf) && !kernel_pf_link_up(&port->fs, &port->pf) &&
	    !kernel_wait_link_up(&port->fs, &port->pf, port->timeout_ms))
		add_note(port, "%s is up but had no link within %u ms", port->pf.ifname,
			 port->timeout_ms);
	rc = port->nl->set_vf(port->nl_ctx, port->pf.ifindex, c->vf, kernel_key_attr(k), &want,
			      &nl_err);
	if (rc)
		return kernel_error_is_refusal(rc) ? refused(port, c, k, rc, err)
			: sriov_error_set(err, rc, "VF-%u %s: %s", c->vf, c->p->name,
					  nl_err.code ? nl_err.message : strerror(-rc));
	if (k != KERNEL_KEY_MAC)
		return 0;
	/* A VF netdev takes a new admin MAC only when its driver probes again. */
	if (kernel_pf_vf(&port->pf, c->vf, &s, NULL) || !s.netdev[0])
		return 0;
	if ((rc = kernel_reprobe_vf(&port->fs, &port->pf, c->vf, &reprobed, driver,
				    sizeof(driver), port->timeout_ms, err)))
		return rc;
	if (reprobed)
		add_note(port, "VF-%u (%s): %s re-probed so that its netdev takes the new MAC",
			 c->vf, s.bdf, driver);
	return 0;
}

static int port_apply_change(void *handle, const struct sriov_change *c, struct sriov_error *err)
{
	struct kernel_port *port = handle;
	enum kernel_key k = kernel_key_of(c->p->name);
	int rc;

	/* A status read after this change must see it. */
	kernel_status_cache_drop(&port->status);
	switch (k) {
	case KERNEL_KEY_NUM_VFS:
		return set_num_vfs(port, c, err);
	case KERNEL_KEY_AUTOPROBE:
		if (!port->pf.has_autoprobe)
			return sriov_error_set(err, -EOPNOTSUPP, "%s has no sriov_drivers_autoprobe "
					       "(Linux < 4.12)", port->pf.bdf);
		rc = write_pf(port, "sriov_drivers_autoprobe", c->new_value.b);
		if (rc)
			return refused(port, c, k, rc, err);
		return kernel_pf_refresh(&port->fs, &port->pf, err);
	default:
		break;
	}
	if (c->section != SRIOV_SECTION_VF || c->vf >= port->pf.num_vfs)
		return sriov_error_set(err, -ERANGE, "VF-%u %s: the PF has %u VFs", c->vf,
				       c->p->name, port->pf.num_vfs);
	switch (k) {
	case KERNEL_KEY_PASSTHROUGH:
		return c->new_value.b
			? kernel_bind_vf(&port->fs, &port->pf, c->vf, KERNEL_PASSTHROUGH_DRIVER,
					 port->timeout_ms, err)
			: kernel_unbind_from(&port->fs, &port->pf, c->vf, KERNEL_PASSTHROUGH_DRIVER,
					     port->timeout_ms, err);
	case KERNEL_KEY_DRIVER:
		if (!c->new_value.s || !valid_driver_name(c->new_value.s))
			return sriov_error_set(err, -EINVAL, "VF-%u driver: not a driver name", c->vf);
		return kernel_bind_vf(&port->fs, &port->pf, c->vf, c->new_value.s, port->timeout_ms, err);
	default:
		return set_vf_attr(port, c, k, err);
	}
}

static int port_vf_status(void *handle, uint16_t vf, struct sriov_vf_status *st)
{
	struct kernel_port *port = handle;
	const struct kernel_status_src src = {
		.fs = &port->fs, .pf = &port->pf, .nl = port->nl, .nl_ctx = port->nl_ctx,
	};

	return kernel_vf_status_get(&port->status, &src, vf, st);
}

static int port_status_pass(void *handle, bool begin)
{
	kernel_status_pass(&((struct kernel_port *)handle)->status, begin);
	return 0;
}

const struct sriov_backend_ops sriov_kernel_backend_ops = {
	.open = port_open,
	.close = port_close,
	.read_live = port_read_live,
	.change_mode = port_change_mode,
	.apply_change = port_apply_change,
	.describe = port_describe,
	.vf_status = port_vf_status,
	.status_pass = port_status_pass,
};
