/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * VF attributes over rtnetlink with libnl-route-3's VF API. Reads ask for VF
 * info explicitly (IFLA_EXT_MASK = RTEXT_FILTER_VF; stats skipped but for the
 * status dump, kernel_nl_status.c) and only when the backend needs it;
 * writes send one attribute per RTM_SETLINK and keep the kernel's own errno
 * (libnl would fold it into an NLE_ code).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/sriov.h>

#include "kernel_netlink.h"

struct nl_ctx {
	struct nl_sock *sk;
};

/* Where a status dump's reply goes (parsed from the raw message). */
struct status_dest {
	struct kernel_vf_status *out;
	unsigned int max, n;
	bool parsed;
	int rc;
	char why[160];
};

/* What one request's replies said. */
struct reply {
	bool done;
	int error;                 /* the kernel's negative errno, 0 = acked */
	struct rtnl_link *link;    /* RTM_GETLINK: the parsed link */
	struct status_dest *status;   /* non-NULL: a status dump, no rtnl_link */
};

size_t kernel_nl_buf_size(unsigned int vfs)
{
	size_t n = (size_t)vfs * KERNEL_NL_BYTES_PER_VF + KERNEL_NL_BUF_MIN / 2;

	return n < KERNEL_NL_BUF_MIN ? KERNEL_NL_BUF_MIN : n;
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct reply *r = arg;

	(void)who;
	r->error = e->error;
	r->done = true;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;

	(void)msg;
	r->done = true;
	return NL_STOP;
}

static void on_link(struct nl_object *obj, void *arg)
{
	struct reply *r = arg;

	if (!r->link) {
		nl_object_get(obj);
		r->link = (struct rtnl_link *)obj;
	}
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;
	struct status_dest *s = r->status;

	if (!s) {
		nl_msg_parse(msg, on_link, arg);
	} else if (!s->parsed && nlmsg_hdr(msg)->nlmsg_type == RTM_NEWLINK) {
		s->parsed = true;
		s->rc = kernel_nl_parse_vf_status(nlmsg_hdr(msg), s->out, s->max, &s->n, s->why,
						  sizeof(s->why));
	}
	return NL_OK;
}

/* Sends @msg (which asks for an ACK) and reads until the ACK or an error. */
static int transact(struct nl_ctx *c, struct nl_msg *msg, struct reply *r,
		    struct sriov_error *err, const char *what)
{
	/* nl_socket_get_cb() hands out a reference of its own. */
	struct nl_cb *sock_cb = nl_socket_get_cb(c->sk);
	struct nl_cb *cb = sock_cb ? nl_cb_clone(sock_cb) : NULL;
	int rc;

	nl_cb_put(sock_cb);
	if (!cb)
		return sriov_error_set(err, -ENOMEM, "out of memory");
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, r);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, r);
	rc = nl_send_auto(c->sk, msg);
	while (rc >= 0 && !r->done)
		rc = nl_recvmsgs(c->sk, cb);
	nl_cb_put(cb);
	if (r->error)
		return r->error;
	if (rc < 0 && !r->done)
		return sriov_error_set(err, -EIO, "%s: netlink: %s", what, nl_geterror(rc));
	return 0;
}

static uint32_t get_u32(int (*get)(struct rtnl_link_vf *, uint32_t *), struct rtnl_link_vf *vf,
			uint32_t *present, enum kernel_vf_key key)
{
	uint32_t v = 0;

	if (get(vf, &v) == 0)
		*present |= 1u << key;
	return v;
}

/* libnl leaves out what the kernel reported as 0 (rates, a VLAN of 0):
 * a VF that has VF info has those at 0. */
static void vf_from_libnl(struct rtnl_link_vf *vf, struct kernel_vf_attrs *a)
{
	struct nl_addr *addr = NULL;
	struct nl_vf_rate rate;
	nl_vf_vlans_t *vlans = NULL;

	memset(a, 0, sizeof(*a));
	if (rtnl_link_vf_get_addr(vf, &addr) == 0 && nl_addr_get_len(addr) >= 6) {
		memcpy(a->mac, nl_addr_get_binary_addr(addr), 6);
		a->present |= 1u << KERNEL_VF_MAC;
	}
	a->spoofchk = get_u32(rtnl_link_vf_get_spoofchk, vf, &a->present, KERNEL_VF_SPOOFCHK);
	a->trust = get_u32(rtnl_link_vf_get_trust, vf, &a->present, KERNEL_VF_TRUST);
	a->link_state = get_u32(rtnl_link_vf_get_linkstate, vf, &a->present, KERNEL_VF_LINK_STATE);
	a->rss_query = get_u32(rtnl_link_vf_get_rss_query_en, vf, &a->present, KERNEL_VF_RSS_QUERY);
	a->vlan_proto = KERNEL_VLAN_PROTO_8021Q;
	if (rtnl_link_vf_get_vlans(vf, &vlans) == 0) {
		if (vlans->size > 0) {
			a->vlan = (uint16_t)vlans->vlans[0].vf_vlan;
			a->qos = (uint16_t)vlans->vlans[0].vf_vlan_qos;
			if (vlans->vlans[0].vf_vlan_proto)
				a->vlan_proto = vlans->vlans[0].vf_vlan_proto;
		}
		rtnl_link_vf_vlan_put(vlans);
	}
	a->present |= 1u << KERNEL_VF_VLAN;
	if (rtnl_link_vf_get_rate(vf, &rate) == 0) {
		a->max_tx_rate = rate.api == RTNL_LINK_VF_RATE_API_OLD ? rate.rate : rate.max_tx_rate;
		a->min_tx_rate = rate.api == RTNL_LINK_VF_RATE_API_OLD ? 0 : rate.min_tx_rate;
	}
	a->present |= 1u << KERNEL_VF_RATE;
}

/* RTM_GETLINK of PF @ifindex with VF info; @ext_mask: RTEXT_FILTER_*. */
static int get_link(void *ctx, uint32_t ifindex, uint32_t ext_mask, unsigned int max,
		    struct reply *r, struct sriov_error *err)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = (int)ifindex };
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_GETLINK, NLM_F_ACK);
	int rc;

	if (!msg)
		return sriov_error_set(err, -ENOMEM, "out of memory");
	/* A bigger buffer up front; peeking grows it for a reply larger still. */
	nl_socket_set_msg_buf_size(((struct nl_ctx *)ctx)->sk, kernel_nl_buf_size(max));
	if (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_u32(msg, IFLA_EXT_MASK, ext_mask) < 0) {
		nlmsg_free(msg);
		return sriov_error_set(err, -ENOMEM, "cannot build RTM_GETLINK");
	}
	rc = transact(ctx, msg, r, err, "RTM_GETLINK");
	nlmsg_free(msg);
	return rc;
}

/* Stats are asked for (no RTEXT_FILTER_SKIP_STATS) and parsed from the raw
 * reply, with the link state, by kernel_nl_parse_vf_status(). */
static int nl_get_vf_status(void *ctx, uint32_t ifindex, struct kernel_vf_status *out,
			    unsigned int max, unsigned int *n, struct sriov_error *err)
{
	struct status_dest s = { .out = out, .max = max };
	struct reply r = { .status = &s };
	int rc = get_link(ctx, ifindex, RTEXT_FILTER_VF, max, &r, err);

	*n = 0;
	if (rc)
		return r.error ? sriov_error_set(err, rc, "RTM_GETLINK ifindex %u: %s", ifindex,
						 strerror(-rc)) : rc;
	if (!s.parsed)
		return sriov_error_set(err, -EIO, "RTM_GETLINK ifindex %u: no link in the reply",
				       ifindex);
	if (s.rc)
		return sriov_error_set(err, s.rc, "RTM_GETLINK ifindex %u: %s", ifindex,
				       s.why[0] ? s.why : strerror(-s.rc));
	*n = s.n;
	return 0;
}

static int nl_get_vfs(void *ctx, uint32_t ifindex, struct kernel_vf_attrs *out, unsigned int max,
		      unsigned int *n, struct sriov_error *err)
{
	struct reply r = { 0 };
	uint32_t num = 0;
	int rc;

	*n = 0;
	rc = get_link(ctx, ifindex, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS, max, &r, err);
	if (rc) {
		if (r.link)
			rtnl_link_put(r.link);
		return r.error ? sriov_error_set(err, rc, "RTM_GETLINK ifindex %u: %s", ifindex,
						 strerror(-rc)) : rc;
	}
	if (!r.link)
		return sriov_error_set(err, -EIO, "RTM_GETLINK ifindex %u: no link in the reply",
				       ifindex);
	rtnl_link_get_num_vf(r.link, &num);
	for (uint32_t i = 0; i < num && i < max; i++) {
		struct rtnl_link_vf *vf = rtnl_link_vf_get(r.link, i);

		if (!vf) {
			memset(&out[i], 0, sizeof(out[i]));
			continue;
		}
		vf_from_libnl(vf, &out[i]);
		rtnl_link_vf_put(vf);
	}
	*n = num;
	rtnl_link_put(r.link);
	return 0;
}

/* Sets @key on @vf from @want. */
static int vf_set_key(struct rtnl_link_vf *vf, enum kernel_vf_key key,
		      const struct kernel_vf_attrs *want)
{
	struct nl_vf_rate rate = { .api = RTNL_LINK_VF_RATE_API_NEW };
	nl_vf_vlans_t *vlans;
	struct nl_addr *addr;

	switch (key) {
	case KERNEL_VF_MAC:
		if (!(addr = nl_addr_build(AF_LLC, want->mac, 6)))
			return -ENOMEM;
		rtnl_link_vf_set_addr(vf, addr);
		nl_addr_put(addr);
		return 0;
	case KERNEL_VF_SPOOFCHK:
		rtnl_link_vf_set_spoofchk(vf, want->spoofchk);
		return 0;
	case KERNEL_VF_TRUST:
		rtnl_link_vf_set_trust(vf, want->trust);
		return 0;
	case KERNEL_VF_LINK_STATE:
		rtnl_link_vf_set_linkstate(vf, want->link_state);
		return 0;
	case KERNEL_VF_RSS_QUERY:
		rtnl_link_vf_set_rss_query_en(vf, want->rss_query);
		return 0;
	case KERNEL_VF_RATE:
		rate.max_tx_rate = want->max_tx_rate;
		rate.min_tx_rate = want->min_tx_rate;
		rtnl_link_vf_set_rate(vf, &rate);
		return 0;
	case KERNEL_VF_VLAN:
		if (rtnl_link_vf_vlan_alloc(&vlans, 1) < 0)
			return -ENOMEM;
		vlans->vlans[0].vf_vlan = want->vlan;
		vlans->vlans[0].vf_vlan_qos = want->qos;
		/* libnl 3.7 copies this field into ifla_vf_vlan_info.vlan_proto (a
		 * __be16) without swapping it, so it gets network order here;
		 * kernel_netlink_test checks the bytes on the wire. */
		vlans->vlans[0].vf_vlan_proto = htons(want->vlan_proto);
		rtnl_link_vf_set_vlans(vf, vlans);
		rtnl_link_vf_vlan_put(vlans);
		return 0;
	default:
		return -EINVAL;
	}
}

int kernel_nl_build_set(uint32_t ifindex, unsigned int vf, enum kernel_vf_key key,
			const struct kernel_vf_attrs *want, struct nl_msg **out)
{
	struct rtnl_link *orig = rtnl_link_alloc(), *change = rtnl_link_alloc();
	struct rtnl_link_vf *v = rtnl_link_vf_alloc();
	int rc = -ENOMEM;

	*out = NULL;
	if (!orig || !change || !v)
		goto out;
	rtnl_link_set_ifindex(orig, (int)ifindex);
	rtnl_link_set_ifindex(change, (int)ifindex);
	rtnl_link_vf_set_index(v, vf);
	if ((rc = vf_set_key(v, key, want)))
		goto out;
	if (rtnl_link_vf_add(change, v) < 0 ||
	    rtnl_link_build_change_request(orig, change, NLM_F_ACK, out) < 0) {
		rc = -ENOMEM;
		goto out;
	}
	/* A change of an existing link: RTM_SETLINK, whatever libnl picked. */
	nlmsg_hdr(*out)->nlmsg_type = RTM_SETLINK;
	rc = 0;
out:
	if (v)
		rtnl_link_vf_put(v);
	if (change)
		rtnl_link_put(change);
	if (orig)
		rtnl_link_put(orig);
	return rc;
}

static int nl_set_vf(void *ctx, uint32_t ifindex, unsigned int vf, enum kernel_vf_key key,
		     const struct kernel_vf_attrs *want, struct sriov_error *err)
{
	struct reply r = { 0 };
	struct nl_msg *msg;
	int rc = kernel_nl_build_set(ifindex, vf, key, want, &msg);

	if (rc)
		return sriov_error_set(err, rc, "cannot build RTM_SETLINK: %s", strerror(-rc));
	rc = transact(ctx, msg, &r, err, "RTM_SETLINK");
	nlmsg_free(msg);
	/* The caller names the key and the driver; the errno stays the kernel's. */
	return r.error ? sriov_error_set(err, rc, "%s", strerror(-rc)) : rc;
}

static void nl_ctx_close(void *ctx)
{
	struct nl_ctx *c = ctx;

	if (!c)
		return;
	nl_socket_free(c->sk);
	free(c);
}

static const struct kernel_nl_ops libnl_ops = {
	.get_vfs = nl_get_vfs,
	.set_vf = nl_set_vf,
	.close = nl_ctx_close,
	.get_vf_status = nl_get_vf_status,
};

int kernel_netlink_open(unsigned int expected_vfs, const struct kernel_nl_ops **ops, void **ctx,
			struct sriov_error *err)
{
	struct nl_ctx *c = calloc(1, sizeof(*c));
	int rc;

	*ctx = NULL;
	if (!c || !(c->sk = nl_socket_alloc())) {
		free(c);
		return sriov_error_set(err, -ENOMEM, "out of memory");
	}
	if ((rc = nl_connect(c->sk, NETLINK_ROUTE)) < 0) {
		nl_ctx_close(c);
		return sriov_error_set(err, -EIO, "rtnetlink socket: %s", nl_geterror(rc));
	}
	/* Many VFs make one large reply: peek its size, and give the socket room. */
	nl_socket_enable_msg_peek(c->sk);
	nl_socket_set_msg_buf_size(c->sk, kernel_nl_buf_size(expected_vfs));
	nl_socket_set_buffer_size(c->sk, (int)kernel_nl_buf_size(expected_vfs) * 2, 0);
	*ops = &libnl_ops;
	*ctx = c;
	return 0;
}
