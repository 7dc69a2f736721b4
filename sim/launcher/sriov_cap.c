/* SPDX-License-Identifier: BSD-2-Clause */
#include "sriov_cap.h"

#include <errno.h>
#include <string.h>

/* The chain has at most (4096 - 256) / 4 headers; more means a loop. */
#define EXT_CAP_MAX_HOPS  ((4096 - PCI_EXT_CAP_START) / 4)
#define EXT_CAP_HDR_ID(h)    ((h) & 0xFFFFu)
#define EXT_CAP_HDR_NEXT(h)  (((h) >> 20) & 0xFFCu)
#define SRIOV_CAP_LEN        0x40

static uint32_t
rd32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof(v));   /* config space is little-endian, as is the host */
	return v;
}

static uint16_t
rd16(const uint8_t *p)
{
	uint16_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

static int
find_sriov(const uint8_t *config, size_t size, unsigned int *pos)
{
	unsigned int at = PCI_EXT_CAP_START;

	for (unsigned int hop = 0; hop < EXT_CAP_MAX_HOPS; hop++) {
		if (at < PCI_EXT_CAP_START || at + SRIOV_CAP_LEN > size)
			return -EINVAL;
		uint32_t hdr = rd32(config + at);
		if (hdr == 0 || hdr == 0xFFFFFFFFu)
			return -ENOENT;
		if (EXT_CAP_HDR_ID(hdr) == PCI_EXT_CAP_ID_SRIOV) {
			*pos = at;
			return 0;
		}
		at = EXT_CAP_HDR_NEXT(hdr);
		if (at == 0)
			return -ENOENT;
	}
	return -EINVAL;
}

int
sriov_cap_read(const uint8_t *config, size_t size, struct sriov_cap_info *out)
{
	unsigned int pos;
	int rc = find_sriov(config, size, &pos);
	if (rc)
		return rc;
	const uint8_t *c = config + pos;
	*out = (struct sriov_cap_info){
		.pos = pos,
		.ctrl = rd16(c + SRIOV_CTRL),
		.total_vfs = rd16(c + SRIOV_TOTAL_VF),
		.num_vfs = rd16(c + SRIOV_NUM_VF),
		.first_vf_offset = rd16(c + SRIOV_VF_OFFSET),
		.vf_stride = rd16(c + SRIOV_VF_STRIDE),
		.vf_device = rd16(c + SRIOV_VF_DID),
	};
	return 0;
}

int
sriov_vf_rid(const struct sriov_cap_info *cap, unsigned int pf_rid,
	     unsigned int vf, unsigned int *rid)
{
	unsigned long r = pf_rid + cap->first_vf_offset + (unsigned long)vf * cap->vf_stride;
	if (r > 0xFFFF || (vf > 0 && cap->vf_stride == 0) || cap->first_vf_offset == 0)
		return -ERANGE;
	*rid = (unsigned int)r;
	return 0;
}
