/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Choose the burst functions once, at dev_start: the widest vector path the
 * CPU, the EAL SIMD limit (--force-max-simd-bitwidth) and every queue's
 * settings allow; otherwise the scalar path, which handles everything.
 */
#include <rte_cpuflags.h>
#include <rte_vect.h>

#include "x710vf_ethdev.h"
#include "x710vf_rxtx.h"

/* Offloads the vector paths implement (ptype, RSS hash, the Rx checksum
 * status flags, fast free) or that never reach the Rx path (VLAN filtering
 * is the switch's, asked of the PF); any other, VLAN strip and TSO among
 * them, keeps a queue on the scalar path. */
#define VEC_RX_OFFLOADS (RTE_ETH_RX_OFFLOAD_RSS_HASH | RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | \
			 RTE_ETH_RX_OFFLOAD_UDP_CKSUM | RTE_ETH_RX_OFFLOAD_TCP_CKSUM | \
			 RTE_ETH_RX_OFFLOAD_VLAN_FILTER)
#define VEC_TX_OFFLOADS (RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE)

enum simd_level { SIMD_SCALAR, SIMD_SSE, SIMD_AVX2 };

static enum simd_level
cpu_level(void)
{
	uint16_t width = rte_vect_get_max_simd_bitwidth();
	if (width >= RTE_VECT_SIMD_256 && rte_cpu_get_flag_enabled(RTE_CPUFLAG_AVX2) > 0)
		return SIMD_AVX2;
	if (width >= RTE_VECT_SIMD_128 && rte_cpu_get_flag_enabled(RTE_CPUFLAG_SSE4_2) > 0)
		return SIMD_SSE;
	return SIMD_SCALAR;
}

static bool
rx_vector_ok(const struct rte_eth_dev *dev)
{
	for (uint16_t i = 0; i < dev->data->nb_rx_queues; i++) {
		const struct x710vf_rx_queue *q = dev->data->rx_queues[i];
		if (q == NULL || (q->offloads & ~VEC_RX_OFFLOADS) ||
		    q->free_thresh != X710VF_RX_FREE_THRESH ||
		    (uint32_t)dev->data->mtu + X710VF_ETH_OVERHEAD > q->buf_len)
			return false;
	}
	return true;
}

static bool
tx_vector_ok(const struct rte_eth_dev *dev)
{
	for (uint16_t i = 0; i < dev->data->nb_tx_queues; i++) {
		const struct x710vf_tx_queue *q = dev->data->tx_queues[i];
		if (q == NULL || (q->offloads & ~VEC_TX_OFFLOADS))
			return false;
	}
	return true;
}

void
x710vf_select_bursts(struct rte_eth_dev *dev)
{
	enum simd_level lvl = cpu_level();
	bool rx_vec = lvl != SIMD_SCALAR && rx_vector_ok(dev);
	bool tx_vec = lvl != SIMD_SCALAR && tx_vector_ok(dev);

	dev->rx_pkt_burst = !rx_vec ? x710vf_recv_scalar :
			    lvl == SIMD_AVX2 ? x710vf_recv_avx2 : x710vf_recv_sse;
	dev->tx_pkt_burst = !tx_vec ? x710vf_xmit_scalar :
			    lvl == SIMD_AVX2 ? x710vf_xmit_avx2 : x710vf_xmit_sse;
	dev->tx_pkt_prepare = tx_vec ? NULL : x710vf_xmit_prep;
}

const char *
x710vf_burst_name(const struct rte_eth_dev *dev, bool rx)
{
	if (rx)
		return dev->rx_pkt_burst == x710vf_recv_avx2 ? "AVX2 Vector" :
		       dev->rx_pkt_burst == x710vf_recv_sse ? "SSE Vector" : "Scalar";
	return dev->tx_pkt_burst == x710vf_xmit_avx2 ? "AVX2 Vector" :
	       dev->tx_pkt_burst == x710vf_xmit_sse ? "SSE Vector" : "Scalar";
}
