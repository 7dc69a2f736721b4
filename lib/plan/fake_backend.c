/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <string.h>

#include "fake_backend.h"

static const char *const pf_modes[] = { "veb", "vepa", NULL };
static const char *const link_modes[] = { "auto", "enable", "disable", NULL };

static const struct sriov_param fake_pf[] = {
	{ .name = "pf-mode", .type = SRIOV_TYPE_ENUM, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .enum_names = pf_modes, .help = "switch mode" },
};

static const struct sriov_param fake_vf[] = {
	{ .name = "mac-addr", .type = SRIOV_TYPE_UNICAST_MAC, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "MAC" },
	{ .name = "spoof", .type = SRIOV_TYPE_BOOL, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.b = true, .help = "anti-spoof" },
	{ .name = "queues", .type = SRIOV_TYPE_UINT16, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.u = 4, .min = 1, .max = 16, .help = "queues" },
	{ .name = "vlan", .type = SRIOV_TYPE_VLAN, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "port VLAN" },
	{ .name = "link", .type = SRIOV_TYPE_ENUM, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .enum_names = link_modes, .help = "link state" },
	{ .name = "label", .type = SRIOV_TYPE_STRING, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "a string" },
};

static const struct sriov_driver_schema fake_driver = {
	.driver = "fake",
	.section = {
		[SRIOV_SECTION_PF] = { fake_pf, sizeof(fake_pf) / sizeof(fake_pf[0]) },
		[SRIOV_SECTION_VF] = { fake_vf, sizeof(fake_vf) / sizeof(fake_vf[0]) },
	},
};

struct sriov_schema fake_schema(void)
{
	return (struct sriov_schema){ &fake_driver };
}

static bool row_equal(const struct sriov_schema *s, enum sriov_section sec,
		      const struct sriov_live_row *a, const struct sriov_live_row *b)
{
	if (a->present != b->present)
		return false;
	for (size_t i = 0; i < sriov_schema_count(s, sec); i++) {
		const struct sriov_param *p = sriov_schema_param(s, sec, i);
		char x[64], y[64];

		if (!(a->present & (UINT64_C(1) << i)))
			continue;
		sriov_scalar_format(p, &a->v[i], x, sizeof(x));
		sriov_scalar_format(p, &b->v[i], y, sizeof(y));
		if (strcmp(x, y) != 0)
			return false;
	}
	return true;
}

bool fake_dev_equal(const struct fake_dev *a, const struct fake_dev *b)
{
	struct sriov_schema s = fake_schema();

	if (a->num_vfs != b->num_vfs || !row_equal(&s, SRIOV_SECTION_PF, &a->pf, &b->pf))
		return false;
	for (uint16_t vf = 0; vf < a->num_vfs; vf++)
		if (!row_equal(&s, SRIOV_SECTION_VF, &a->vf[vf], &b->vf[vf]))
			return false;
	return true;
}

static int fake_open(const char *device, unsigned int flags, void **handle,
		     struct sriov_error *err)
{
	(void)device;
	(void)flags;
	(void)handle;
	return sriov_error_set(err, -ENODEV, "the fake backend is given its device directly");
}

struct sriov_live *fake_read(struct fake_dev *dev)
{
	struct sriov_schema s = fake_schema();
	struct sriov_live *live = sriov_live_new(&s, dev->num_vfs);

	if (!live)
		return NULL;
	live->total_vfs = FAKE_MAX_VFS;
	for (size_t i = 0; i < live->n_pf; i++)
		if (dev->pf.present & (UINT64_C(1) << i))
			sriov_live_set(live, SRIOV_SECTION_PF, 0, i, &dev->pf.v[i]);
	for (uint16_t vf = 0; vf < dev->num_vfs; vf++)
		for (size_t i = 0; i < live->n_vf; i++)
			if (dev->vf[vf].present & (UINT64_C(1) << i))
				sriov_live_set(live, SRIOV_SECTION_VF, vf, i, &dev->vf[vf].v[i]);
	return live;
}

static int fake_read_live(void *handle, const struct sriov_schema *schema,
			  struct sriov_live **out, struct sriov_error *err)
{
	(void)schema;
	*out = fake_read(handle);
	return *out ? 0 : sriov_error_set(err, -ENOMEM, "out of memory");
}

/* A recreated VF has no values until they are applied, like a fresh VF. */
static void set_num_vfs(struct fake_dev *dev, uint16_t n)
{
	memset(dev->vf, 0, sizeof(dev->vf));
	dev->num_vfs = n;
	dev->recreations++;
}

static int fake_apply(void *handle, const struct sriov_change *c, struct sriov_error *err)
{
	struct fake_dev *dev = handle;
	struct sriov_live_row *row;

	if (++dev->calls == dev->fail_at)
		return sriov_error_set(err, -EIO, "injected failure at call %u", dev->calls);
	if (c->section == SRIOV_SECTION_PF && strcmp(c->p->name, "num_vfs") == 0) {
		if (c->new_value.u > FAKE_MAX_VFS)
			return sriov_error_set(err, -ERANGE, "at most %d VFs", FAKE_MAX_VFS);
		set_num_vfs(dev, (uint16_t)c->new_value.u);
		return 0;
	}
	if (c->section == SRIOV_SECTION_VF && c->vf >= dev->num_vfs)
		return sriov_error_set(err, -ENOENT, "no VF-%u", c->vf);
	row = c->section == SRIOV_SECTION_PF ? &dev->pf : &dev->vf[c->vf];
	row->v[c->param] = c->new_value;
	row->present |= UINT64_C(1) << c->param;
	return 0;
}

static int fake_commit(void *handle, struct sriov_error *err)
{
	struct fake_dev *dev = handle;

	dev->commits++;
	if (dev->fail_commit)
		return sriov_error_set(err, -EBUSY, "injected commit failure");
	return 0;
}

static const struct sriov_backend_ops fake_ops = {
	.open = fake_open,
	.read_live = fake_read_live,
	.apply_change = fake_apply,
	.commit = fake_commit,
};

const struct sriov_backend fake_backend = {
	.name = "fake",
	.description = "test double",
	.schema = &fake_driver,
	.ops = &fake_ops,
};
