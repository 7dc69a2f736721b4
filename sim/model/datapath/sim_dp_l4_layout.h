/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where the L4 headers the X710 checks and fills keep their checksum,
 * and the least of each header a frame must hold for it. Shared by the
 * Tx offloads and the Rx checks.
 */
#ifndef SIM_DP_L4_LAYOUT_H
#define SIM_DP_L4_LAYOUT_H

#define SIM_L4_TCP_MIN_HLEN     20      /* RFC 793 */
#define SIM_L4_TCP_CSUM_OFF     16
#define SIM_L4_UDP_HLEN         8       /* RFC 768 */
#define SIM_L4_UDP_CSUM_OFF     6
#define SIM_L4_SCTP_HLEN        12      /* RFC 4960 §3.1, common header */
#define SIM_L4_SCTP_CSUM_OFF    8
#define SIM_L4_SCTP_CSUM_LEN    4

#endif /* SIM_DP_L4_LAYOUT_H */
