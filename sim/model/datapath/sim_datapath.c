/* SPDX-License-Identifier: BSD-2-Clause */
/* Skeleton of the data path: every entry point exists so the control model links. */
#include <errno.h>
#include <stdlib.h>

#include "sim_datapath.h"

struct sim_datapath {
	struct sim_dp_params params;
	struct sim_port_stats ports[SIM_DP_MAX_PORTS];
};

int sim_dp_create(const struct sim_dp_params *params, struct sim_datapath **out)
{
	struct sim_datapath *dp;

	if (params == NULL || out == NULL || params->n_ports == 0 ||
	    params->n_ports > SIM_DP_MAX_PORTS || params->vsis == NULL || params->dma == NULL)
		return -EINVAL;
	dp = calloc(1, sizeof(*dp));
	if (dp == NULL)
		return -ENOMEM;
	dp->params = *params;
	*out = dp;
	return 0;
}

void sim_dp_destroy(struct sim_datapath *dp) { free(dp); }

int sim_dp_txq_start(struct sim_datapath *dp, const struct sim_queue_binding *b,
		     const struct sim_txq_ctx *ctx)
{ (void)dp; (void)b; (void)ctx; return -ENOTSUP; }
int sim_dp_rxq_start(struct sim_datapath *dp, const struct sim_queue_binding *b,
		     const struct sim_rxq_ctx *ctx)
{ (void)dp; (void)b; (void)ctx; return -ENOTSUP; }
void sim_dp_txq_stop(struct sim_datapath *dp, unsigned int pf, unsigned int pf_queue)
{ (void)dp; (void)pf; (void)pf_queue; }
void sim_dp_rxq_stop(struct sim_datapath *dp, unsigned int pf, unsigned int pf_queue)
{ (void)dp; (void)pf; (void)pf_queue; }
int sim_dp_txq_head(struct sim_datapath *dp, unsigned int pf, unsigned int pf_queue)
{ (void)dp; (void)pf; (void)pf_queue; return -1; }
int sim_dp_rxq_head(struct sim_datapath *dp, unsigned int pf, unsigned int pf_queue)
{ (void)dp; (void)pf; (void)pf_queue; return -1; }
void sim_dp_set_rss(struct sim_datapath *dp, unsigned int vsi_num,
		    const uint8_t key[SIM_RSS_KEY_SIZE],
		    const uint8_t lut[SIM_RSS_LUT_SIZE], uint64_t hena)
{ (void)dp; (void)vsi_num; (void)key; (void)lut; (void)hena; }
void sim_dp_set_link(struct sim_datapath *dp, unsigned int port, int up)
{ (void)dp; (void)port; (void)up; }
void sim_dp_set_wire(struct sim_datapath *dp, unsigned int port,
		     enum sim_wire_mode mode, sim_wire_sink_fn sink, void *ctx)
{ (void)dp; (void)port; (void)mode; (void)sink; (void)ctx; }
int sim_dp_wire_inject(struct sim_datapath *dp, unsigned int port,
		       const uint8_t *frame, size_t len)
{ (void)dp; (void)port; (void)frame; (void)len; return -ENOTSUP; }
void sim_dp_inject_rx_overrun(struct sim_datapath *dp, unsigned int pf,
			      unsigned int pf_queue, unsigned int n)
{ (void)dp; (void)pf; (void)pf_queue; (void)n; }
const struct sim_port_stats *sim_dp_port_stats(const struct sim_datapath *dp,
					       unsigned int port)
{
	if (dp == NULL || port >= dp->params.n_ports)
		return NULL;
	return &dp->ports[port];
}
unsigned int sim_dp_poll(struct sim_datapath *dp) { (void)dp; return 0; }
