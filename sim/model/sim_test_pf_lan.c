/* SPDX-License-Identifier: BSD-2-Clause */
/* A PF's LAN queue pair for the model's tests (see the header). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "x710/x710_desc.h"
#include "sim_test_pf_lan.h"

#define QPS_MAX          1536
#define HMC_OBJ_ALIGN    512     /* GLHMC_LAN*BASE are in 512-byte units */
#define TX_CTX_SIZE      128
#define RX_CTX_SIZE      32
#define TX_DESC_SIZE     16
#define SD_BP_COUNT      512     /* 4 KiB pages in a 2 MB direct SD */

void fx_set_bits(uint8_t *obj, unsigned int lsb, unsigned int width, uint64_t v)
{
	for (unsigned int i = 0; i < width; i++) {
		unsigned int b = lsb + i;

		if ((v >> i) & 1)
			obj[b / 8] |= (uint8_t)(1u << (b % 8));
		else
			obj[b / 8] &= (uint8_t)~(1u << (b % 8));
	}
}

void fx_program_sd(struct fx *fx, unsigned int pf, unsigned int idx, uint64_t pa, bool direct)
{
	fx_w32(fx, fx_pf(pf), X710_PFHMC_SDDATAHIGH, (uint32_t)(pa >> 32));
	fx_w32(fx, fx_pf(pf), X710_PFHMC_SDDATALOW, ((uint32_t)pa & 0xFFFFF000u) |
	       SD_BP_COUNT << X710_PFHMC_SDDATALOW_BPCOUNT_SHIFT |
	       (direct ? X710_PFHMC_SDDATALOW_TYPE_MASK : 0) | X710_PFHMC_SDDATALOW_VALID_MASK);
	fx_w32(fx, fx_pf(pf), X710_PFHMC_SDCMD, idx | X710_PFHMC_SDCMD_PMSDWR_MASK);
	x710sim_poll(fx->sim);
}

/* Bit positions: i40e_lan_hmc.h context layouts (x710-hardware.md §3.6). */
void fx_write_tx_ctx(uint8_t *o, uint64_t ring, unsigned int qlen)
{
	memset(o, 0, TX_CTX_SIZE);
	fx_set_bits(o, 32, 57, ring / 128);               /* base, 128-byte units */
	fx_set_bits(o, 161, 13, qlen);
	fx_set_bits(o, 980, 10, 7);                       /* rdylist = qs_handle */
}

void fx_write_rx_ctx(uint8_t *o, uint64_t ring, unsigned int qlen)
{
	memset(o, 0, RX_CTX_SIZE);
	fx_set_bits(o, 32, 57, ring / 128);
	fx_set_bits(o, 89, 13, qlen);
	fx_set_bits(o, 102, 7, FX_LAN_BUF / 128);         /* dbuff */
	fx_set_bits(o, 116, 1, 1);                        /* dsize 32 B */
	fx_set_bits(o, 117, 1, 1);                        /* crcstrip */
	fx_set_bits(o, 174, 14, 1518);                    /* rxmax */
}

static void *zalloc_aligned(size_t align, size_t size)
{
	/* C11 aligned_alloc wants a size that is a multiple of the alignment. */
	size = (size + align - 1) / align * align;
	void *p = aligned_alloc(align, size);

	assert_non_null(p);
	memset(p, 0, size);
	return p;
}

static void post_rx(struct fx_pf_lan *l, unsigned int i)
{
	uint64_t *d = (uint64_t *)(l->rx_ring + (size_t)i * X710_RX_DESC_SIZE);

	d[0] = (uintptr_t)(l->rx_bufs + (size_t)i * FX_LAN_BUF);   /* packet buffer */
	d[1] = 0;                                                  /* header buffer */
}

/* The main VSI's queue map: one contiguous queue starting at q. */
static void map_main_vsi(struct fx_pf_lan *l, struct fx_aq *aq)
{
	uint8_t props[X710_VSI_PROPS_SIZE] = { 0 };
	uint16_t valid = X710_AQ_VSI_PROP_QUEUE_MAP_VALID, first = (uint16_t)l->q;
	struct x710sim_vsi_info vi;
	struct x710_aq_desc d;
	struct x710_aqc_add_get_update_vsi cmd = { 0 };

	/* The main VSI of PF p is VSI p (sim_fw_switch.c). */
	assert_int_equal(x710sim_vsi_info(l->fx->sim, l->pf, &vi), 0);
	cmd.uplink_seid = vi.seid;
	memcpy(props + X710_VSI_PROP_VALID_SECTIONS, &valid, 2);
	memcpy(props + X710_VSI_PROP_QUEUE_MAPPING, &first, 2);
	fx_desc(&d, X710_AQC_UPDATE_VSI_PARAMETERS);
	memcpy(d.params.raw, &cmd, 8);
	assert_int_equal(fx_aq_send(aq, &d, props, sizeof(props)), 0);
	assert_int_equal(d.retval, X710_AQ_RC_OK);
}

void fx_pf_lan_setup(struct fx_pf_lan *l, struct fx_aq *aq, unsigned int q)
{
	struct fx *fx = aq->fx;
	unsigned int pf = aq->fn.pf;
	unsigned int qps = QPS_MAX / x710sim_n_ports(fx->sim);
	unsigned int rx_base = (qps * TX_CTX_SIZE + HMC_OBJ_ALIGN - 1) / HMC_OBJ_ALIGN;

	memset(l, 0, sizeof(*l));
	l->fx = fx;
	l->pf = pf;
	l->q = q;
	l->hmc = zalloc_aligned(FX_HMC_SD_SIZE, FX_HMC_SD_SIZE);
	l->tx_ring = zalloc_aligned(4096, FX_LAN_QLEN * TX_DESC_SIZE);
	l->rx_ring = zalloc_aligned(4096, FX_LAN_QLEN * X710_RX_DESC_SIZE);
	l->tx_bufs = zalloc_aligned(4096, FX_LAN_QLEN * FX_LAN_BUF);
	l->rx_bufs = zalloc_aligned(4096, FX_LAN_QLEN * FX_LAN_BUF);
	fx_w32(fx, fx_pf(pf), X710_GLHMC_LANTXBASE(pf), 0);
	fx_w32(fx, fx_pf(pf), X710_GLHMC_LANTXCNT(pf), qps);
	fx_w32(fx, fx_pf(pf), X710_GLHMC_LANRXBASE(pf), rx_base);
	fx_w32(fx, fx_pf(pf), X710_GLHMC_LANRXCNT(pf), qps);
	fx_program_sd(fx, pf, 0, (uintptr_t)l->hmc, true);
	fx_write_tx_ctx(l->hmc + (size_t)q * TX_CTX_SIZE, (uintptr_t)l->tx_ring, FX_LAN_QLEN);
	fx_write_rx_ctx(l->hmc + (size_t)rx_base * HMC_OBJ_ALIGN + (size_t)q * RX_CTX_SIZE,
			(uintptr_t)l->rx_ring, FX_LAN_QLEN);
	fx_w32(fx, fx_pf(pf), X710_QTX_CTL(q), X710_QTX_CTL_PFVF_Q_PF |
	       pf << X710_QTX_CTL_PF_INDX_SHIFT);
	fx_w32(fx, fx_pf(pf), X710_QTX_ENA(q), X710_QENA_REQ_MASK);
	fx_w32(fx, fx_pf(pf), X710_QRX_ENA(q), X710_QENA_REQ_MASK);
	x710sim_poll(fx->sim);
	assert_true(fx_r32(fx, fx_pf(pf), X710_QTX_ENA(q)) & X710_QENA_STAT_MASK);
	assert_true(fx_r32(fx, fx_pf(pf), X710_QRX_ENA(q)) & X710_QENA_STAT_MASK);
	map_main_vsi(l, aq);
	for (unsigned int i = 0; i < FX_LAN_QLEN; i++)
		post_rx(l, i);
	fx_w32(fx, fx_pf(pf), X710_QRX_TAIL(q), FX_LAN_QLEN - 1);
	x710sim_poll(fx->sim);
}

void fx_pf_lan_teardown(struct fx_pf_lan *l)
{
	free(l->hmc);
	free(l->tx_ring);
	free(l->rx_ring);
	free(l->tx_bufs);
	free(l->rx_bufs);
	memset(l, 0, sizeof(*l));
}

void fx_pf_lan_send(struct fx_pf_lan *l, const void *frame, uint16_t len)
{
	uint64_t *d = (uint64_t *)(l->tx_ring + (size_t)l->tx_next * TX_DESC_SIZE);
	uint8_t *buf = l->tx_bufs + (size_t)l->tx_next * FX_LAN_BUF;

	assert_true(len <= FX_LAN_BUF);
	memcpy(buf, frame, len);
	d[0] = (uintptr_t)buf;
	d[1] = X710_TX_DTYPE_DATA |
	       (uint64_t)(X710_TX_CMD_EOP | X710_TX_CMD_RS | X710_TX_CMD_ICRC)
			<< X710_TXD_QW1_CMD_SHIFT |
	       (uint64_t)len << X710_TXD_QW1_BUF_SZ_SHIFT;
	l->tx_next = (uint16_t)((l->tx_next + 1) % FX_LAN_QLEN);
	fx_w32(l->fx, fx_pf(l->pf), X710_QTX_TAIL(l->q), l->tx_next);
	x710sim_poll(l->fx->sim);
}

int fx_pf_lan_recv(struct fx_pf_lan *l, void *buf, size_t cap)
{
	uint64_t *d = (uint64_t *)(l->rx_ring + (size_t)l->rx_next * X710_RX_DESC_SIZE);
	uint64_t qw1 = __atomic_load_n(&d[1], __ATOMIC_ACQUIRE);
	size_t len;

	if (!(qw1 & X710_RXD_STATUS_DD))
		return -EAGAIN;
	len = (size_t)((qw1 & X710_RXD_QW1_LEN_PBUF_MASK) >> X710_RXD_QW1_LEN_PBUF_SHIFT);
	assert_true(len <= cap && len <= FX_LAN_BUF);
	memcpy(buf, l->rx_bufs + (size_t)l->rx_next * FX_LAN_BUF, len);
	/* Refill the slot at the tail (one behind this one) and advance the
	 * tail onto this slot, as i40e's Rx refill does. */
	post_rx(l, (l->rx_next + FX_LAN_QLEN - 1u) % FX_LAN_QLEN);
	fx_w32(l->fx, fx_pf(l->pf), X710_QRX_TAIL(l->q), l->rx_next);
	l->rx_next = (uint16_t)((l->rx_next + 1) % FX_LAN_QLEN);
	return (int)len;
}
