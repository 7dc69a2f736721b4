/* SPDX-License-Identifier: BSD-2-Clause */
/* The rtnetlink side of the kernel backend (libnl-route-3), split so that a
 * test can check the bytes of a request without a socket. */
#ifndef KERNEL_NETLINK_H
#define KERNEL_NETLINK_H

#include <netlink/msg.h>

#include "kernel_vf_attr.h"

/* The RTM_SETLINK request carrying attribute @key of @vf (only that one). */
int kernel_nl_build_set(uint32_t ifindex, unsigned int vf, enum kernel_vf_key key,
			const struct kernel_vf_attrs *want, struct nl_msg **out);

/* Receive buffer for one RTM_GETLINK reply with @vfs VFs: VF info is about
 * 260-296 B per VF (linux-ecosystem.md §1.2); 512 leaves room for growth. */
#define KERNEL_NL_BYTES_PER_VF 512   /* also room for IFLA_VF_STATS: 8 x 12 B */
#define KERNEL_NL_BUF_MIN (32 * 1024)
size_t kernel_nl_buf_size(unsigned int vfs);

/*
 * The VF status in RTM_NEWLINK @h (a reply to RTM_GETLINK with RTEXT_FILTER_VF):
 * fills out[vf] for each listed VF below @max (others zeroed) and *n with how
 * many the list holds. 0, or -EBADMSG with @why saying which attribute is
 * short, cut off, repeated or missing (nothing is kept then); -ENOMEM.
 */
int kernel_nl_parse_vf_status(struct nlmsghdr *h, struct kernel_vf_status *out, unsigned int max,
			      unsigned int *n, char *why, size_t why_len);

#endif
