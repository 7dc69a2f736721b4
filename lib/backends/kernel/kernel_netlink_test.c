/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The bytes of the RTM_SETLINK requests built with libnl's VF API: one VF
 * attribute per request, and the VLAN TPID in network order (libnl 3.7
 * copies it without a swap; kernel_netlink.c compensates).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "kernel_netlink.h"

/* The attributes inside IFLA_VFINFO_LIST/IFLA_VF_INFO of @msg. */
static struct nlattr *vf_info(struct nl_msg *msg, uint32_t ifindex)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct ifinfomsg *ifi = nlmsg_data(h);
	struct nlattr *list, *info;
	int n = 0, rem;

	assert_int_equal(h->nlmsg_type, RTM_SETLINK);
	assert_true(h->nlmsg_flags & NLM_F_ACK);
	assert_int_equal(ifi->ifi_index, (int)ifindex);
	/* Nothing but the VF list: the PF's own settings are not touched. */
	assert_int_equal(nla_type(nlmsg_attrdata(h, sizeof(*ifi))), IFLA_VFINFO_LIST);
	list = nlmsg_find_attr(h, sizeof(*ifi), IFLA_VFINFO_LIST);
	assert_non_null(list);
	nla_for_each_nested(info, list, rem) {
		assert_int_equal(nla_type(info), IFLA_VF_INFO);
		n++;
	}
	assert_int_equal(n, 1);
	return nla_data(list);
}

/* The single attribute inside IFLA_VF_INFO; asserts there is exactly one. */
static struct nlattr *only_attr(struct nlattr *info)
{
	struct nlattr *a, *found = NULL;
	int n = 0, rem;

	nla_for_each_nested(a, info, rem) {
		found = a;
		n++;
	}
	assert_int_equal(n, 1);
	return found;
}

static struct nlattr *build(unsigned int vf, enum kernel_vf_key key,
			    const struct kernel_vf_attrs *want, struct nl_msg **msg)
{
	assert_int_equal(kernel_nl_build_set(7, vf, key, want, msg), 0);
	return only_attr(vf_info(*msg, 7));
}

static void vlan_8021ad_goes_out_in_network_order(void **state)
{
	struct kernel_vf_attrs want = { .vlan = 100, .qos = 3,
					.vlan_proto = KERNEL_VLAN_PROTO_8021AD };
	struct nl_msg *msg;
	struct nlattr *a = build(1, KERNEL_VF_VLAN, &want, &msg), *v;
	struct ifla_vf_vlan_info *vi;
	int n = 0, rem;

	(void)state;
	assert_int_equal(nla_type(a), IFLA_VF_VLAN_LIST);
	nla_for_each_nested(v, a, rem) {
		assert_int_equal(nla_type(v), IFLA_VF_VLAN_INFO);
		vi = nla_data(v);
		assert_int_equal(vi->vf, 1);
		assert_int_equal(vi->vlan, 100);
		assert_int_equal(vi->qos, 3);
		assert_int_equal(vi->vlan_proto, htons(KERNEL_VLAN_PROTO_8021AD));
		n++;
	}
	assert_int_equal(n, 1);
	nlmsg_free(msg);
}

static void vlan_8021q_is_8021q_on_the_wire(void **state)
{
	struct kernel_vf_attrs want = { .vlan = 5, .qos = 0, .vlan_proto = KERNEL_VLAN_PROTO_8021Q };
	struct nl_msg *msg;
	struct nlattr *a = build(0, KERNEL_VF_VLAN, &want, &msg), *v;
	int rem;

	(void)state;
	if (nla_type(a) == IFLA_VF_VLAN) {
		assert_int_equal(((struct ifla_vf_vlan *)nla_data(a))->vlan, 5);
	} else {
		assert_int_equal(nla_type(a), IFLA_VF_VLAN_LIST);
		nla_for_each_nested(v, a, rem)
			assert_int_equal(((struct ifla_vf_vlan_info *)nla_data(v))->vlan_proto,
					 htons(KERNEL_VLAN_PROTO_8021Q));
	}
	nlmsg_free(msg);
}

static void each_key_sends_one_attribute(void **state)
{
	static const struct { enum kernel_vf_key key; int attr; } map[] = {
		{ KERNEL_VF_MAC, IFLA_VF_MAC },
		{ KERNEL_VF_SPOOFCHK, IFLA_VF_SPOOFCHK },
		{ KERNEL_VF_TRUST, IFLA_VF_TRUST },
		{ KERNEL_VF_RATE, IFLA_VF_RATE },
		{ KERNEL_VF_LINK_STATE, IFLA_VF_LINK_STATE },
		{ KERNEL_VF_RSS_QUERY, IFLA_VF_RSS_QUERY_EN },
	};
	struct kernel_vf_attrs want = { .mac = { 2, 0, 0, 0, 0, 0x10 }, .spoofchk = false,
					.trust = true, .max_tx_rate = 100, .min_tx_rate = 0,
					.link_state = KERNEL_LINK_DISABLE, .rss_query = true };

	(void)state;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		struct nl_msg *msg;
		struct nlattr *a = build(3, map[i].key, &want, &msg);

		assert_int_equal(nla_type(a), map[i].attr);
		/* Every IFLA_VF_* struct starts with the VF number. */
		assert_int_equal(*(uint32_t *)nla_data(a), 3);
		if (map[i].attr == IFLA_VF_MAC)
			assert_memory_equal(((struct ifla_vf_mac *)nla_data(a))->mac, want.mac, 6);
		if (map[i].attr == IFLA_VF_RATE) {
			assert_int_equal(((struct ifla_vf_rate *)nla_data(a))->max_tx_rate, 100);
			assert_int_equal(((struct ifla_vf_rate *)nla_data(a))->min_tx_rate, 0);
		}
		if (map[i].attr == IFLA_VF_TRUST)
			assert_int_equal(((struct ifla_vf_trust *)nla_data(a))->setting, 1);
		if (map[i].attr == IFLA_VF_LINK_STATE)
			assert_int_equal(((struct ifla_vf_link_state *)nla_data(a))->link_state,
					 IFLA_VF_LINK_STATE_DISABLE);
		nlmsg_free(msg);
	}
}

static void link_state_words_match_the_uapi(void **state)
{
	(void)state;
	assert_int_equal(KERNEL_LINK_AUTO, IFLA_VF_LINK_STATE_AUTO);
	assert_int_equal(KERNEL_LINK_ENABLE, IFLA_VF_LINK_STATE_ENABLE);
	assert_int_equal(KERNEL_LINK_DISABLE, IFLA_VF_LINK_STATE_DISABLE);
}

static void receive_buffer_fits_many_vfs(void **state)
{
	(void)state;
	/* 296 B per VF is the largest seen (linux-ecosystem.md §1.2). */
	assert_true(kernel_nl_buf_size(256) >= 256 * 296);
	assert_true(kernel_nl_buf_size(0) >= KERNEL_NL_BUF_MIN);
	assert_true(kernel_nl_buf_size(1024) > 64 * 1024);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vlan_8021ad_goes_out_in_network_order),
		cmocka_unit_test(vlan_8021q_is_8021q_on_the_wire),
		cmocka_unit_test(each_key_sends_one_attribute),
		cmocka_unit_test(link_state_words_match_the_uapi),
		cmocka_unit_test(receive_buffer_fits_many_vfs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
