/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The VF status in one RTM_NEWLINK reply: IFLA_VFINFO_LIST / IFLA_VF_INFO /
 * {IFLA_VF_MAC, IFLA_VF_LINK_STATE, IFLA_VF_STATS / IFLA_VF_STATS_*} (uapi
 * linux/if_link.h). Parsed here with libnl's attribute walkers rather than
 * rtnl_link_vf_get_stat(): libnl 3.7 knows six of the eight counters, keeps
 * no per-counter presence, and its loops stop silently at a truncated
 * attribute. Every length is checked; a malformed reply is refused whole.
 */
#include <errno.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "kernel_netlink.h"

/* IFLA_VF_STATS_* -> our counter; IFLA_VF_STATS_PAD is alignment only. */
static const struct {
	int attr;
	enum kernel_vf_stat stat;
} stat_attrs[] = {
	{ IFLA_VF_STATS_RX_PACKETS, KERNEL_VF_STAT_RX_PACKETS },
	{ IFLA_VF_STATS_TX_PACKETS, KERNEL_VF_STAT_TX_PACKETS },
	{ IFLA_VF_STATS_RX_BYTES, KERNEL_VF_STAT_RX_BYTES },
	{ IFLA_VF_STATS_TX_BYTES, KERNEL_VF_STAT_TX_BYTES },
	{ IFLA_VF_STATS_BROADCAST, KERNEL_VF_STAT_BROADCAST },
	{ IFLA_VF_STATS_MULTICAST, KERNEL_VF_STAT_MULTICAST },
	{ IFLA_VF_STATS_RX_DROPPED, KERNEL_VF_STAT_RX_DROPPED },
	{ IFLA_VF_STATS_TX_DROPPED, KERNEL_VF_STAT_TX_DROPPED },
};

struct parse {
	char *why;
	size_t why_len;
	unsigned int entry;        /* position in IFLA_VFINFO_LIST, for messages */
};

__attribute__((format(printf, 2, 3)))
static int bad(struct parse *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->why, p->why_len, fmt, ap);
	va_end(ap);
	return -EBADMSG;
}

static int stat_of(int attr)
{
	for (size_t i = 0; i < sizeof(stat_attrs) / sizeof(stat_attrs[0]); i++)
		if (stat_attrs[i].attr == attr)
			return (int)stat_attrs[i].stat;
	return -1;
}

/* Counters the kernel does not have yet are skipped; each known one must be
 * exactly a u64, and appear once. */
static int parse_stats(struct parse *p, struct nlattr *nest, struct kernel_vf_status *st)
{
	struct nlattr *a;
	int rem, k;

	nla_for_each_nested(a, nest, rem) {
		if ((k = stat_of(nla_type(a))) < 0)
			continue;
		if (nla_len(a) != (int)sizeof(uint64_t))
			return bad(p, "VF list entry %u: IFLA_VF_STATS counter %d has %d bytes, want %zu",
				   p->entry, nla_type(a), nla_len(a), sizeof(uint64_t));
		if (st->present & (UINT32_C(1) << k))
			return bad(p, "VF list entry %u: IFLA_VF_STATS counter %d twice", p->entry,
				   nla_type(a));
		st->stat[k] = nla_get_u64(a);
		st->present |= UINT32_C(1) << k;
	}
	/* Bytes left that do not make an attribute: a cut-off nest. */
	if (rem > 0)
		return bad(p, "VF list entry %u: IFLA_VF_STATS ends in %d stray bytes", p->entry, rem);
	return 0;
}

/* One IFLA_VF_INFO: its VF number (from IFLA_VF_MAC, as the kernel fills
 * every IFLA_VF_* struct's vf from one value) and what status needs. */
static int parse_info(struct parse *p, struct nlattr *info, uint32_t *vf,
		      struct kernel_vf_status *st)
{
	struct nlattr *a, *mac = NULL, *link = NULL, *stats = NULL;
	struct ifla_vf_link_state ls;
	struct ifla_vf_mac m;
	int rem;

	nla_for_each_nested(a, info, rem) {
		struct nlattr **slot = nla_type(a) == IFLA_VF_MAC ? &mac :
				       nla_type(a) == IFLA_VF_LINK_STATE ? &link :
				       nla_type(a) == IFLA_VF_STATS ? &stats : NULL;

		if (!slot)
			continue;   /* attributes status does not use */
		if (*slot)
			return bad(p, "VF list entry %u: attribute %d twice", p->entry, nla_type(a));
		*slot = a;
	}
	if (rem > 0)
		return bad(p, "VF list entry %u: IFLA_VF_INFO ends in %d stray bytes", p->entry, rem);
	if (!mac || nla_len(mac) < (int)sizeof(m))
		return bad(p, "VF list entry %u: no IFLA_VF_MAC of %zu bytes: which VF is it?",
			   p->entry, sizeof(m));
	memcpy(&m, nla_data(mac), sizeof(m));
	*vf = m.vf;
	memset(st, 0, sizeof(*st));
	if (link) {
		if (nla_len(link) < (int)sizeof(ls))
			return bad(p, "VF %u: IFLA_VF_LINK_STATE has %d bytes, want %zu", m.vf,
				   nla_len(link), sizeof(ls));
		memcpy(&ls, nla_data(link), sizeof(ls));
		if (ls.vf != m.vf)
			return bad(p, "VF %u: IFLA_VF_LINK_STATE is VF %u's", m.vf, ls.vf);
		/* A state with no name here is left unknown, not guessed. */
		if (ls.link_state <= KERNEL_LINK_DISABLE) {
			st->link_state = ls.link_state;
			st->present |= KERNEL_VF_HAS_LINK_STATE;
		}
	}
	return stats ? parse_stats(p, stats, st) : 0;
}

static int parse_list(struct parse *p, struct nlattr *list, struct kernel_vf_status *out,
		      unsigned int max, unsigned int *n)
{
	bool *seen = calloc(max ? max : 1, sizeof(*seen));
	struct kernel_vf_status st;
	struct nlattr *info;
	int rem, rc = 0;
	uint32_t vf = 0;

	if (!seen)
		return -ENOMEM;
	p->entry = 0;
	nla_for_each_nested(info, list, rem) {
		if (nla_type(info) != IFLA_VF_INFO) {
			rc = bad(p, "VF list entry %u: attribute %d, want IFLA_VF_INFO (%d)",
				 p->entry, nla_type(info), IFLA_VF_INFO);
			break;
		}
		if ((rc = parse_info(p, info, &vf, &st)))
			break;
		/* VFs past @max are checked but not kept (the count moved under us). */
		if (vf < max) {
			if (seen[vf]) {
				rc = bad(p, "VF %u listed twice", vf);
				break;
			}
			seen[vf] = true;
			out[vf] = st;
		}
		p->entry++;
	}
	if (!rc && rem > 0)
		rc = bad(p, "IFLA_VFINFO_LIST ends in %d stray bytes", rem);
	free(seen);
	if (rc)   /* a refused reply leaves nothing behind */
		memset(out, 0, (size_t)max * sizeof(*out));
	*n = rc ? 0 : p->entry;
	return rc;
}

int kernel_nl_parse_vf_status(struct nlmsghdr *h, struct kernel_vf_status *out, unsigned int max,
			      unsigned int *n, char *why, size_t why_len)
{
	struct parse p = { .why = why, .why_len = why_len };
	const int hdrlen = (int)sizeof(struct ifinfomsg);
	struct nlattr *a, *list = NULL, *num = NULL;
	int rem;

	*n = 0;
	memset(out, 0, (size_t)max * sizeof(*out));
	if (why_len)
		why[0] = '\0';
	if (h->nlmsg_type != RTM_NEWLINK)
		return bad(&p, "reply type %u, want RTM_NEWLINK (%d)", h->nlmsg_type, RTM_NEWLINK);
	if (!nlmsg_valid_hdr(h, hdrlen))
		return bad(&p, "RTM_NEWLINK of %u bytes has no room for its ifinfomsg", h->nlmsg_len);
	nlmsg_for_each_attr(a, h, hdrlen, rem) {
		if (nla_type(a) == IFLA_VFINFO_LIST)
			list = a;
		else if (nla_type(a) == IFLA_NUM_VF)
			num = a;
	}
	if (rem > 0)
		return bad(&p, "RTM_NEWLINK ends in %d stray bytes", rem);
	if (num && nla_len(num) < (int)sizeof(uint32_t))
		return bad(&p, "IFLA_NUM_VF has %d bytes, want 4", nla_len(num));
	if (!list) {
		/* The kernel leaves the list out only for a PF without VFs. */
		if (num && nla_get_u32(num) > 0)
			return bad(&p, "IFLA_NUM_VF says %u VFs but there is no IFLA_VFINFO_LIST",
				   nla_get_u32(num));
		return 0;
	}
	return parse_list(&p, list, out, max, n);
}
