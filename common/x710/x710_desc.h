/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * X710 LAN descriptor formats: the Tx data and context descriptors (16 B)
 * and the Rx 32-byte descriptor in its read and write-back forms. Bit
 * positions are facts from x710-hardware.md §4, checked against DPDK 22.11
 * i40e_type.h (descriptor structs and QW1 fields; PTYPE numbers from the
 * i40e_ptype_lookup table in i40e_common.c); everything is little-endian.
 */
#ifndef X710_DESC_H
#define X710_DESC_H

#include <stdint.h>

/* ---- Tx data descriptor (§4.1): qw0 = buffer address, qw1 below ---- */
struct x710_tx_desc {
	uint64_t buffer_addr;
	uint64_t cmd_type_offset_bsz;
};

#define X710_TXD_QW1_DTYPE_SHIFT    0
#define X710_TXD_QW1_DTYPE_MASK     (UINT64_C(0xF) << X710_TXD_QW1_DTYPE_SHIFT)
#define X710_TXD_QW1_CMD_SHIFT      4
#define X710_TXD_QW1_CMD_MASK       (UINT64_C(0x3FF) << X710_TXD_QW1_CMD_SHIFT)
#define X710_TXD_QW1_OFFSET_SHIFT   16
#define X710_TXD_QW1_OFFSET_MASK    (UINT64_C(0x3FFFF) << X710_TXD_QW1_OFFSET_SHIFT)
#define X710_TXD_QW1_BUF_SZ_SHIFT   34
#define X710_TXD_QW1_BUF_SZ_MASK    (UINT64_C(0x3FFF) << X710_TXD_QW1_BUF_SZ_SHIFT)
#define X710_TXD_QW1_L2TAG1_SHIFT   48
#define X710_TXD_QW1_L2TAG1_MASK    (UINT64_C(0xFFFF) << X710_TXD_QW1_L2TAG1_SHIFT)
#define X710_TXD_BUF_SZ_MAX         16383   /* 14-bit BUF_SZ */

/* DTYPE values (bits 3:0 of qw1). */
#define X710_TX_DTYPE_DATA          0x0
#define X710_TX_DTYPE_CONTEXT       0x1     /* also NOP */
#define X710_TX_DTYPE_FILTER_PROG   0x8
#define X710_TX_DTYPE_FLEX_DATA     0xB
#define X710_TX_DTYPE_DESC_DONE     0xF     /* written back by hardware */

/* CMD field values, before the shift by X710_TXD_QW1_CMD_SHIFT. */
#define X710_TX_CMD_EOP             0x001
#define X710_TX_CMD_RS              0x002
#define X710_TX_CMD_ICRC            0x004
#define X710_TX_CMD_IL2TAG1         0x008
#define X710_TX_CMD_DUMMY           0x010
#define X710_TX_CMD_IIPT_IPV6       0x020
#define X710_TX_CMD_IIPT_IPV4       0x040
#define X710_TX_CMD_IIPT_IPV4_CSUM  0x060
#define X710_TX_CMD_FCOET           0x080
#define X710_TX_CMD_L4T_TCP         0x100
#define X710_TX_CMD_L4T_SCTP        0x200
#define X710_TX_CMD_L4T_UDP         0x300
/* Two-bit sub-fields of CMD and their "nothing to do" values. */
#define X710_TX_CMD_IIPT_MASK       0x060   /* IP type for checksum offload */
#define X710_TX_CMD_IIPT_NONIP      0x000
#define X710_TX_CMD_L4T_MASK        0x300   /* L4 type for checksum offload */
#define X710_TX_CMD_L4T_UNK         0x000

/* OFFSET sub-fields (within the 18-bit OFFSET value). */
#define X710_TX_OFFSET_MACLEN_SHIFT 0   /* 2-byte words, 7 bits */
#define X710_TX_OFFSET_IPLEN_SHIFT  7   /* 4-byte words, 7 bits */
#define X710_TX_OFFSET_L4LEN_SHIFT  14  /* 4-byte words, 4 bits */
#define X710_TX_OFFSET_MACLEN_MASK  (0x7Fu << X710_TX_OFFSET_MACLEN_SHIFT)
#define X710_TX_OFFSET_IPLEN_MASK   (0x7Fu << X710_TX_OFFSET_IPLEN_SHIFT)
#define X710_TX_OFFSET_L4LEN_MASK   (0xFu << X710_TX_OFFSET_L4LEN_SHIFT)
#define X710_TX_MACLEN_UNIT         2   /* bytes per MACLEN count */
#define X710_TX_IPLEN_UNIT          4   /* bytes per IPLEN count */
#define X710_TX_L4LEN_UNIT          4   /* bytes per L4LEN count */

/* ---- Tx context descriptor (§4.1): counts as a ring slot, carries no data ---- */
struct x710_tx_context_desc {
	uint32_t tunneling_params;
	uint16_t l2tag2;
	uint16_t rsvd;
	uint64_t type_cmd_tso_mss;
};

#define X710_TXCD_QW1_DTYPE_SHIFT   0
#define X710_TXCD_QW1_CMD_SHIFT     4     /* 16 bits */
#define X710_TXCD_QW1_TSO_LEN_SHIFT 30    /* 18 bits */
#define X710_TXCD_QW1_MSS_SHIFT     50    /* 14 bits */
#define X710_TXCD_CMD_TSO           0x1
#define X710_TXCD_CMD_TSYN          0x2
#define X710_TXCD_CMD_IL2TAG2       0x4
/* Masks of the context descriptor's qw1 fields (I40E_TXD_CTX_QW1_*_MASK). */
#define X710_TXCD_QW1_DTYPE_MASK    (UINT64_C(0xF) << X710_TXCD_QW1_DTYPE_SHIFT)
#define X710_TXCD_QW1_CMD_MASK      (UINT64_C(0xFFFF) << X710_TXCD_QW1_CMD_SHIFT)
#define X710_TXCD_QW1_TSO_LEN_MASK  (UINT64_C(0x3FFFF) << X710_TXCD_QW1_TSO_LEN_SHIFT)
#define X710_TXCD_QW1_MSS_MASK      (UINT64_C(0x3FFF) << X710_TXCD_QW1_MSS_SHIFT)

/* TSO limits of the X710 as DPDK's i40e PMD states them (i40e_rxtx.h
 * I40E_MIN_TSO_MSS, I40E_MAX_TSO_MSS; iavf_rxtx.h has 256 and a stricter
 * 9668): MSS outside the range is treated as malicious by the device. */
#define X710_TSO_MSS_MIN            256
#define X710_TSO_MSS_MAX            9674
/* Data descriptors one frame on the wire may gather from; for TSO, every
 * segment with its replicated headers (i40e_rxtx.h I40E_TX_MAX_MTU_SEG;
 * Linux i40e_txrx.h I40E_MAX_BUFFER_TXD). */
#define X710_TX_MAX_DESC_PER_FRAME  8
/* Data descriptors of one TSO packet i40e accepts (i40e_rxtx.h
 * I40E_TX_MAX_SEG = UINT8_MAX, its nb_seg_max). */
#define X710_TSO_MAX_DESC           255

/* ---- Rx 32-byte descriptor (§4.2) ---- */
/* Read format, written by the driver. hdr_addr overlaps the write-back
 * qw1 (status bit 0 = DD): never read DD from a descriptor not written back. */
struct x710_rx_desc_read {
	uint64_t pkt_addr;
	uint64_t hdr_addr;
	uint64_t rsvd1;
	uint64_t rsvd2;
};

/* Write-back format, written by the device. */
struct x710_rx_desc_wb {
	uint64_t qword0;            /* mirr/fcoe [15:0], l2tag1 [31:16], rss [63:32] */
	uint64_t qword1;            /* status_error_len */
	uint64_t qword2;            /* ext_status, l2tag2 */
	uint64_t qword3;            /* flex bytes / fd id */
};

#define X710_RX_DESC_SIZE             32

#define X710_RXD_QW0_L2TAG1_SHIFT     16
#define X710_RXD_QW0_RSS_SHIFT        32

#define X710_RXD_QW1_STATUS_SHIFT     0
#define X710_RXD_STATUS_DD            (UINT64_C(1) << 0)
#define X710_RXD_STATUS_EOF           (UINT64_C(1) << 1)
#define X710_RXD_STATUS_L2TAG1P       (UINT64_C(1) << 2)
#define X710_RXD_STATUS_L3L4P         (UINT64_C(1) << 3)
#define X710_RXD_STATUS_CRCP          (UINT64_C(1) << 4)
#define X710_RXD_STATUS_EXT_UDP_0     (UINT64_C(1) << 8)   /* outer UDP checksum field was 0 */
#define X710_RXD_STATUS_UMBCAST_SHIFT 9       /* 2 bits */
#define X710_RXD_STATUS_FLM           (UINT64_C(1) << 11)
#define X710_RXD_STATUS_FLTSTAT_SHIFT 12      /* 2 bits */
#define X710_RXD_FLTSTAT_RSS_HASH     UINT64_C(3)
#define X710_RXD_STATUS_LPBK          (UINT64_C(1) << 14)
#define X710_RXD_STATUS_IPV6EXADD     (UINT64_C(1) << 15)
#define X710_RXD_STATUS_INT_UDP_0     (UINT64_C(1) << 18)  /* inner (or only) UDP checksum field was 0 */

#define X710_RXD_QW1_ERROR_SHIFT      19
#define X710_RXD_ERROR_RXE            (UINT64_C(1) << 19)
#define X710_RXD_ERROR_HBO            (UINT64_C(1) << 21)
#define X710_RXD_ERROR_IPE            (UINT64_C(1) << 22)
#define X710_RXD_ERROR_L4E            (UINT64_C(1) << 23)
#define X710_RXD_ERROR_EIPE           (UINT64_C(1) << 24)
#define X710_RXD_ERROR_OVERSIZE       (UINT64_C(1) << 25)

#define X710_RXD_QW1_PTYPE_SHIFT      30
#define X710_RXD_QW1_PTYPE_MASK       (UINT64_C(0xFF) << X710_RXD_QW1_PTYPE_SHIFT)
#define X710_RXD_QW1_LEN_PBUF_SHIFT   38
#define X710_RXD_QW1_LEN_PBUF_MASK    (UINT64_C(0x3FFF) << X710_RXD_QW1_LEN_PBUF_SHIFT)
#define X710_RXD_QW1_LEN_HBUF_SHIFT   52
#define X710_RXD_QW1_LEN_HBUF_MASK    (UINT64_C(0x7FF) << X710_RXD_QW1_LEN_HBUF_SHIFT)
#define X710_RXD_QW1_SPH              (UINT64_C(1) << 63)

/* Packet types reported in PTYPE (§4.2, D:iavf_rxtx.c ptype table). */
#define X710_PTYPE_L2                 1
#define X710_PTYPE_L2_ARP             11
#define X710_PTYPE_IPV4_FRAG          22
#define X710_PTYPE_IPV4_OTHER         23
#define X710_PTYPE_IPV4_UDP           24
#define X710_PTYPE_IPV4_TCP           26
#define X710_PTYPE_IPV4_SCTP          27
#define X710_PTYPE_IPV4_ICMP          28
#define X710_PTYPE_IPV6_FRAG          88
#define X710_PTYPE_IPV6_OTHER         89
#define X710_PTYPE_IPV6_UDP           90
#define X710_PTYPE_IPV6_TCP           92
#define X710_PTYPE_IPV6_SCTP          93
#define X710_PTYPE_IPV6_ICMP          94

_Static_assert(sizeof(struct x710_tx_desc) == 16, "Tx data descriptor is 16 B");
_Static_assert(sizeof(struct x710_tx_context_desc) == 16, "Tx context descriptor is 16 B");
_Static_assert(sizeof(struct x710_rx_desc_wb) == X710_RX_DESC_SIZE, "Rx descriptor is 32 B");
_Static_assert(sizeof(struct x710_rx_desc_read) == X710_RX_DESC_SIZE, "Rx descriptor is 32 B");

#endif /* X710_DESC_H */
