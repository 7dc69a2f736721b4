/* SPDX-License-Identifier: BSD-2-Clause */
/* Names of the virtchnl opcodes the host knows, for logs and metric labels. */
#include <stddef.h>

#include "vc_host.h"
#include "vc_wire.h"

#define OP(x) [VIRTCHNL_OP_##x] = "VIRTCHNL_OP_" #x

static const char *const names[] = {
	OP(VERSION), OP(RESET_VF), OP(GET_VF_RESOURCES), OP(CONFIG_VSI_QUEUES),
	OP(CONFIG_IRQ_MAP), OP(ENABLE_QUEUES), OP(DISABLE_QUEUES), OP(ADD_ETH_ADDR),
	OP(DEL_ETH_ADDR), OP(ADD_VLAN), OP(DEL_VLAN), OP(CONFIG_PROMISCUOUS_MODE),
	OP(GET_STATS), OP(EVENT), OP(CONFIG_RSS_KEY), OP(CONFIG_RSS_LUT),
	OP(GET_RSS_HENA_CAPS), OP(SET_RSS_HENA), OP(ENABLE_VLAN_STRIPPING),
	OP(DISABLE_VLAN_STRIPPING), OP(REQUEST_QUEUES), OP(GET_SUPPORTED_RXDIDS),
	OP(GET_OFFLOAD_VLAN_V2_CAPS), OP(ENABLE_QUEUES_V2), OP(DISABLE_QUEUES_V2),
	OP(MAP_QUEUE_VECTOR), OP(CONFIG_QUANTA),
};

const char *vc_opcode_name(unsigned int opcode)
{
	return opcode < sizeof(names) / sizeof(names[0]) ? names[opcode] : NULL;
}
