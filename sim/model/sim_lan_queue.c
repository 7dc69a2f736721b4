/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * LAN queue enable (x710-hardware.md §3.6): QENA_REQ 1 decodes the HMC
 * context, works out who owns the queue (QTX_CTL for Tx, VPLAN_QTABLE +
 * VPLAN_MAPENA for VF queues, VSILAN_QTABLE or the VSI's queue map for the
 * VSI) and which tail register is its doorbell, starts it in the data path
 * and sets QENA_STAT; QENA_REQ 0 stops it and clears STAT.
 */
#include <errno.h>
#include <string.h>

#include "sim_model.h"

/* VF queue index i with VPLAN_QTABLE(i, vf) = q, or -1. */
static int vf_queue_index(struct sim_pf *pf, unsigned int vf, unsigned int q)
{
	if (!(sim_reg_get(&pf->fn, X710_VPLAN_MAPENA(vf)) & X710_VPLAN_MAPENA_TXRX_ENA_MASK))
		return -1;
	for (int i = 0; i < X710_VPLAN_QTABLE_ENTRIES; i++)
		if ((sim_reg_get(&pf->fn, X710_VPLAN_QTABLE(i, vf)) & X710_VPLAN_QTABLE_QINDEX_MASK) == q)
			return i;
	return -1;
}

static bool vsi_has_queue(struct sim_pf *pf, const struct sim_vsi *v, unsigned int q)
{
	if (sim_reg_get(&pf->fn, X710_VSILAN_QBASE(v->vsi_num)) &
	    X710_VSILAN_QBASE_VSIQTABLE_ENA_MASK) {
		for (int j = 0; j < X710_VSILAN_QTABLE_ENTRIES; j++) {
			uint32_t r = sim_reg_get(&pf->fn, X710_VSILAN_QTABLE(j, v->vsi_num));

			if ((r & X710_VSILAN_QTABLE_QINDEX_0_MASK) == q ||
			    (r & X710_VSILAN_QTABLE_QINDEX_1_MASK) >> X710_VSILAN_QTABLE_QINDEX_1_SHIFT == q)
				return true;
		}
		return false;
	}
	for (unsigned int i = 0; i < v->num_queues; i++)
		if (v->queue_map[i] == q)
			return true;
	return false;
}

/* The VSI that owns q: by queue mapping, else the VF's VSI, else main. */
static uint16_t owner_vsi(struct x710sim *sim, struct sim_pf *pf, unsigned int q, int vf)
{
	for (unsigned int i = 0; i < SIM_VSI_MAX; i++) {
		struct sim_vsi *v = &sim->vsis[i];

		if (v->in_use && v->pf == pf->idx && vsi_has_queue(pf, v, q))
			return v->vsi_num;
	}
	for (unsigned int i = 0; vf >= 0 && i < SIM_VSI_MAX; i++) {
		struct sim_vsi *v = &sim->vsis[i];

		if (v->in_use && v->vf_abs == (int)(pf->vf_base + (unsigned int)vf))
			return v->vsi_num;
	}
	return pf->main_vsi;
}

static int bind_queue(struct x710sim *sim, struct sim_pf *pf, unsigned int q, bool tx,
		      struct sim_queue_binding *b)
{
	int vf = -1, vq = -1;

	if (tx) {
		uint32_t ctl = sim_reg_get(&pf->fn, X710_QTX_CTL(q));

		if ((ctl & X710_QTX_CTL_PFVF_Q_MASK) == X710_QTX_CTL_PFVF_Q_VF) {
			unsigned int abs = (ctl & X710_QTX_CTL_VFVM_INDX_MASK) >>
					   X710_QTX_CTL_VFVM_INDX_SHIFT;

			if (abs < pf->vf_base || abs - pf->vf_base >= pf->num_vfs) {
				sim_log(sim, "PF %u Tx queue %u: QTX_CTL names VF %u, not one of its VFs",
					pf->idx, q, abs);
				return -EINVAL;
			}
			vf = (int)(abs - pf->vf_base);
			vq = vf_queue_index(pf, (unsigned int)vf, q);
			if (vq < 0) {
				sim_log(sim, "PF %u Tx queue %u: VF %u has it in QTX_CTL but not in VPLAN_QTABLE/MAPENA",
					pf->idx, q, abs);
				return -ENOENT;
			}
		}
	} else {
		for (unsigned int v = 0; v < pf->num_vfs && vq < 0; v++) {
			vq = vf_queue_index(pf, v, q);
			if (vq >= 0)
				vf = (int)v;
		}
	}
	memset(b, 0, sizeof(*b));
	b->pf = (uint16_t)pf->idx;
	b->pf_queue = (uint16_t)q;
	b->vf = (int16_t)vf;
	b->vsi = owner_vsi(sim, pf, q, vf);
	if (vf >= 0) {
		struct sim_func *vfn = &pf->vfs[vf].fn;

		b->tail = &vfn->bar0[(tx ? X710_VF_BAR0_QTX_TAIL1(vq) : X710_VF_BAR0_QRX_TAIL1(vq)) / 4];
	} else {
		b->tail = &pf->fn.bar0[(tx ? X710_QTX_TAIL(q) : X710_QRX_TAIL(q)) / 4];
	}
	return 0;
}

static int start_queue(struct x710sim *sim, struct sim_pf *pf, unsigned int q, bool tx)
{
	struct sim_queue_state *qs = tx ? &pf->txq[q] : &pf->rxq[q];
	int err = tx ? sim_hmc_read_txctx(sim, pf, q, &qs->txctx)
		     : sim_hmc_read_rxctx(sim, pf, q, &qs->rxctx);

	if (err == 0)
		err = bind_queue(sim, pf, q, tx, &qs->binding);
	if (err)
		return err;
	qs->starts++;
	if (sim->dp != NULL)
		qs->start_rc = tx ? sim_dp_txq_start(sim->dp, &qs->binding, &qs->txctx)
				  : sim_dp_rxq_start(sim->dp, &qs->binding, &qs->rxctx);
	else
		qs->start_rc = -ENODEV;
	if (qs->start_rc != 0)
		sim_log(sim, "PF %u %s queue %u: data path refused to start it (%d)", pf->idx,
			tx ? "Tx" : "Rx", q, qs->start_rc);
	/* The control side is done either way: STAT reports the enable. */
	qs->running = true;
	return 0;
}

static void stop_queue(struct x710sim *sim, struct sim_pf *pf, unsigned int q, bool tx)
{
	struct sim_queue_state *qs = tx ? &pf->txq[q] : &pf->rxq[q];

	if (!qs->running)
		return;
	if (sim->dp != NULL) {
		if (tx)
			sim_dp_txq_stop(sim->dp, pf->idx, q);
		else
			sim_dp_rxq_stop(sim->dp, pf->idx, q);
	}
	qs->running = false;
}

void sim_lanq_ena_written(struct x710sim *sim, struct sim_pf *pf, unsigned int q,
			  bool tx, uint32_t old, uint32_t val)
{
	struct sim_queue_state *qs;
	uint32_t off = tx ? X710_QTX_ENA(q) : X710_QRX_ENA(q);

	(void)old;
	if (q >= pf->qps)
		return;
	qs = tx ? &pf->txq[q] : &pf->rxq[q];
	if ((val & X710_QENA_REQ_MASK) && !qs->running)
		start_queue(sim, pf, q, tx);
	else if (!(val & X710_QENA_REQ_MASK) && qs->running)
		stop_queue(sim, pf, q, tx);
	/* STAT is the device's: whatever the driver wrote there is replaced. */
	sim_reg_set(&pf->fn, off, (val & ~X710_QENA_STAT_MASK) |
		    (qs->running ? X710_QENA_STAT_MASK : 0));
}

static void stop_and_clear(struct x710sim *sim, struct sim_pf *pf, unsigned int q, bool tx)
{
	uint32_t off = tx ? X710_QTX_ENA(q) : X710_QRX_ENA(q);

	stop_queue(sim, pf, q, tx);
	sim_reg_set(&pf->fn, off, 0);
}

void sim_lanq_stop_vf(struct x710sim *sim, struct sim_vf *vf)
{
	struct sim_pf *pf = vf->pf;

	for (unsigned int q = 0; q < pf->qps; q++) {
		if (pf->txq[q].running && pf->txq[q].binding.vf == (int)vf->vf)
			stop_and_clear(sim, pf, q, true);
		if (pf->rxq[q].running && pf->rxq[q].binding.vf == (int)vf->vf)
			stop_and_clear(sim, pf, q, false);
	}
}

void sim_lanq_stop_all(struct x710sim *sim, struct sim_pf *pf)
{
	for (unsigned int q = 0; q < pf->qps; q++) {
		stop_queue(sim, pf, q, true);
		stop_queue(sim, pf, q, false);
	}
}

/* GLLAN_TXPRE_QDIS prepares a Tx enable/disable in silicon; the model has
 * no pre-scheduler to flush, so the command completes at once. */
void sim_lanq_txpre_qdis(struct x710sim *sim, struct sim_pf *pf, unsigned int idx,
			 uint32_t val)
{
	(void)sim; (void)pf; (void)idx; (void)val;
}
