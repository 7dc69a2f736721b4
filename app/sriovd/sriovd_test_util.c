/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sriovd_test_util.h"

struct fake_world fake_world;

static const char *const link_names[] = { "auto", "enable", "disable", NULL };

/* A subset of the x710 VF keys, same names and types. */
static const struct sriov_param fake_vf_params[] = {
	{ .name = "mac-addr", .type = SRIOV_TYPE_UNICAST_MAC, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "MAC" },
	{ .name = "mac-anti-spoof", .type = SRIOV_TYPE_BOOL, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.b = true, .help = "anti-spoof" },
	{ .name = "trust", .type = SRIOV_TYPE_BOOL, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.b = false, .help = "trusted" },
	{ .name = "num-queues", .type = SRIOV_TYPE_UINT16, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .def.u = 4, .min = 1, .max = 16, .help = "queues" },
	{ .name = "vlan", .type = SRIOV_TYPE_VLAN, .presence = SRIOV_PARAM_OPTIONAL,
	  .help = "port VLAN" },
	{ .name = "link-state", .type = SRIOV_TYPE_ENUM, .presence = SRIOV_PARAM_HAS_DEFAULT,
	  .enum_names = link_names, .help = "link" },
};

static const struct sriov_driver_schema fake_schema = {
	.driver = "fake",
	.section = {
		[SRIOV_SECTION_PF] = { NULL, 0 },
		[SRIOV_SECTION_VF] = { fake_vf_params, sizeof(fake_vf_params) / sizeof(fake_vf_params[0]) },
	},
};

void fake_log(const char *fmt, ...)
{
	size_t len = strlen(fake_world.log);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fake_world.log + len, sizeof(fake_world.log) - len, fmt, ap);
	va_end(ap);
	len = strlen(fake_world.log);
	if (len + 1 < sizeof(fake_world.log)) {
		fake_world.log[len] = ';';
		fake_world.log[len + 1] = '\0';
	}
}

int fake_log_find(const char *needle)
{
	const char *p = strstr(fake_world.log, needle);

	return p ? (int)(p - fake_world.log) : -1;
}

int fake_log_rfind(const char *needle)
{
	const char *p = fake_world.log, *last = NULL;

	while ((p = strstr(p, needle))) {
		last = p;
		p++;
	}
	return last ? (int)(last - fake_world.log) : -1;
}

void fake_world_reset(void)
{
	memset(&fake_world, 0, sizeof(fake_world));
	for (int i = 0; i < FAKE_DEVS; i++)
		snprintf(fake_world.dev[i].name, sizeof(fake_world.dev[i].name), "0000:0%d:00.0",
			 i + 1);
}

static int fake_open_common(const char *device, void **handle, bool reset)
{
	for (int i = 0; i < FAKE_DEVS; i++) {
		struct fake_dev *dv = &fake_world.dev[i];

		if (strcmp(dv->name, device) != 0)
			continue;
		if (dv->open)
			return -EBUSY;
		dv->open = true;
		if (reset && dv->num_vfs) {
			/* Like a PF init: what a dead owner left is torn down. */
			dv->pf_resets++;
			dv->num_vfs = 0;
			memset(dv->vf, 0, sizeof(dv->vf));
		}
		*handle = dv;
		return 0;
	}
	return -ENODEV;
}

static int fake_open(const char *device, unsigned int flags, void **handle,
		     struct sriov_error *err)
{
	int rc = fake_open_common(device, handle, flags & SRIOV_OPEN_APPLY);

	fake_log("open %s", device);
	return rc ? sriov_error_set(err, rc, "fake: cannot open %s", device) : 0;
}

static int fake_open_ex(const char *device, const struct sriov_open_args *a, void **handle,
			struct sriov_error *err)
{
	int rc;

	if (!a->adopt)
		return fake_open(device, a->flags, handle, err);
	rc = fake_open_common(device, handle, false);
	fake_log("adopt %s", device);
	if (rc)
		return sriov_error_set(err, rc, "fake: cannot adopt %s", device);
	if (!a->vf_token || strcmp(((struct fake_dev *)*handle)->token, a->vf_token) != 0)
		fake_log("adopt with a different token");
	return 0;
}

static void fake_close(void *handle)
{
	struct fake_dev *dv = handle;

	dv->open = false;
	fake_log("close %s", dv->name);
}

static void fake_detach(void *handle)
{
	struct fake_dev *dv = handle;

	dv->open = false;
	fake_log("detach %s", dv->name);
}

static int fake_read_live(void *handle, const struct sriov_schema *schema, struct sriov_live **out,
			  struct sriov_error *err)
{
	struct fake_dev *dv = handle;
	struct sriov_live *live = sriov_live_new(schema, dv->num_vfs);

	if (!live)
		return sriov_error_set(err, -ENOMEM, "fake: out of memory");
	live->total_vfs = FAKE_MAX_VFS;
	for (uint16_t vf = 0; vf < dv->num_vfs; vf++)
		for (size_t i = 0; i < live->n_vf; i++)
			if (dv->vf[vf].present & (UINT64_C(1) << i))
				sriov_live_set(live, SRIOV_SECTION_VF, vf, i, &dv->vf[vf].v[i]);
	*out = live;
	return 0;
}

static int fake_apply(void *handle, const struct sriov_change *c, struct sriov_error *err)
{
	struct fake_dev *dv = handle;

	dv->applies++;
	if (c->section == SRIOV_SECTION_VF)
		fake_log("apply VF-%u %s", c->vf, c->p->name);
	else
		fake_log("apply %s", c->p->name);
	if (dv->fail_apply_at && dv->applies == dv->fail_apply_at)
		return sriov_error_set(err, -EIO, "fake: injected failure at step %u", dv->applies);
	if (c->section == SRIOV_SECTION_PF) {
		if (strcmp(c->p->name, "num_vfs") == 0) {
			if (c->new_value.u > FAKE_MAX_VFS)
				return sriov_error_set(err, -ERANGE, "fake: at most %d VFs", FAKE_MAX_VFS);
			dv->num_vfs = (uint16_t)c->new_value.u;
			memset(dv->vf, 0, sizeof(dv->vf));
			dv->recreations++;
		}
		return 0;
	}
	if (c->vf >= dv->num_vfs)
		return sriov_error_set(err, -ENOENT, "fake: no VF-%u", c->vf);
	dv->vf[c->vf].v[c->param] = c->new_value;
	dv->vf[c->vf].present |= UINT64_C(1) << c->param;
	return 0;
}

static int fake_commit(void *handle, struct sriov_error *err)
{
	(void)err;
	fake_log("commit %s", ((struct fake_dev *)handle)->name);
	return 0;
}

/* How often the blocking serve looks at its stop flag: the fake's stand-in
 * for a backend waiting on its mailbox, not a synchronisation. */
#define FAKE_SERVE_POLL_US 200

static int fake_serve(void *handle, volatile sig_atomic_t *stop, struct sriov_error *err)
{
	struct fake_dev *dv = handle;

	(void)err;
	atomic_fetch_add(&dv->serve_calls, 1);
	while (!*stop) {
		if (!dv->open)
			atomic_fetch_add(&dv->served_closed, 1);
		usleep(FAKE_SERVE_POLL_US);
	}
	return 0;
}

static const struct sriov_backend_ops fake_ops = {
	.open = fake_open,
	.close = fake_close,
	.read_live = fake_read_live,
	.apply_change = fake_apply,
	.commit = fake_commit,
	.serve = fake_serve,
};

const struct sriov_backend fake_sriovd_backend = {
	.name = "fake",
	.description = "sriovd test backend",
	.schema = &fake_schema,
	.ops = &fake_ops,
};

static int fake_service(void *handle, unsigned int budget, struct sriov_error *err)
{
	struct fake_dev *dv = handle;
	unsigned int n = dv->pending < budget ? dv->pending : budget;

	(void)err;
	dv->pending -= n;
	return (int)n;
}

static int fake_set_token(void *handle, const char *token, struct sriov_error *err)
{
	(void)err;
	snprintf(((struct fake_dev *)handle)->token, sizeof(((struct fake_dev *)handle)->token),
		 "%s", token);
	return 0;
}

/* VIRTCHNL_OP_ADD_ETH_ADDR (10) is the opcode an untrusted VF is refused most. */
#define FAKE_OP_ADD_ETH_ADDR 10

static int fake_vf_status(void *handle, uint16_t vf, struct sriov_vf_status *st)
{
	struct fake_dev *dv = handle;

	if (!dv->in_pass)
		dv->status_outside_pass++;
	if (vf >= dv->num_vfs)
		return -ENOENT;
	memset(st, 0, sizeof(*st));
	st->present = (UINT32_C(1) << SRIOV_STAT_RX_BYTES) | (UINT32_C(1) << SRIOV_STAT_TX_PACKETS) |
		      (UINT32_C(1) << SRIOV_STAT_SPOOF_DROPPED) | SRIOV_STATUS_LINK |
		      SRIOV_STATUS_MBX;
	st->stat[SRIOV_STAT_RX_BYTES] = dv->rx_bytes + vf;
	st->stat[SRIOV_STAT_TX_PACKETS] = 7;
	st->stat[SRIOV_STAT_SPOOF_DROPPED] = vf;
	st->link_up = vf % 2 == 0;
	st->mbx_requests[FAKE_OP_ADD_ETH_ADDR] = 3;
	st->mbx_denied[FAKE_OP_ADD_ETH_ADDR] = 1;
	snprintf(st->driver, sizeof(st->driver), "vfio-pci");
	return 0;
}

static int fake_status_pass(void *handle, bool begin)
{
	struct fake_dev *dv = handle;

	dv->status_passes += begin;
	dv->in_pass = begin;
	return 0;
}

static int fake_reset_vf(void *handle, uint16_t vf, struct sriov_error *err)
{
	struct fake_dev *dv = handle;

	if (vf >= dv->num_vfs)
		return sriov_error_set(err, -ENOENT, "fake: no VF-%u", vf);
	dv->vf_resets[vf]++;
	fake_log("reset VF-%u", vf);
	return 0;
}

static int fake_vf_pci(void *handle, uint16_t vf, char *buf, size_t len)
{
	struct fake_dev *dv = handle;
	unsigned int bus;

	if (vf >= dv->num_vfs || sscanf(dv->name, "0000:%x:", &bus) != 1)
		return -ENOENT;
	snprintf(buf, len, "0000:%02x:02.%u", bus, vf);
	return 0;
}

static const char *fake_opcode_name(unsigned int op)
{
	return op == FAKE_OP_ADD_ETH_ADDR ? "VIRTCHNL_OP_ADD_ETH_ADDR" : NULL;
}

const struct sriovd_backend_ext fake_sriovd_ext = {
	.backend = "fake",
	.open_ex = fake_open_ex,
	.detach = fake_detach,
	.set_vf_token = fake_set_token,
	.service = fake_service,
	.vf_status = fake_vf_status,
	.status_pass = fake_status_pass,
	.reset_vf = fake_reset_vf,
	.vf_pci_address = fake_vf_pci,
	.opcode_name = fake_opcode_name,
};

static const struct sriovd_backend_ext *const fake_exts[] = { &fake_sriovd_ext };
const struct sriovd_ext_table fake_ext_table = { fake_exts, 1 };

static const struct sriovd_backend_ext fake_blocking_ext = {
	.backend = "fake",
	.open_ex = fake_open_ex,
	.detach = fake_detach,
	.set_vf_token = fake_set_token,
	.vf_status = fake_vf_status,
	.vf_pci_address = fake_vf_pci,
};
static const struct sriovd_backend_ext *const fake_blocking_exts[] = { &fake_blocking_ext };
const struct sriovd_ext_table fake_blocking_ext_table = { fake_blocking_exts, 1 };

static int record_notify(void *ctx, const char *state)
{
	char first[64];

	(void)ctx;
	snprintf(first, sizeof(first), "%.*s", (int)strcspn(state, "\n"), state);
	if (strncmp(first, "STATUS=", 7) != 0)
		fake_log("%s", first);
	return 0;
}

static void quiet_log(void *ctx, int prio, const char *line)
{
	struct test_env *t = ctx;

	if (!t->quiet)
		fprintf(stderr, "  [log %d] %s\n", prio, line);
}

void test_env_init(struct test_env *t)
{
	struct sriovd_options opt;

	memset(t, 0, sizeof(*t));
	fake_world_reset();
	snprintf(t->root, sizeof(t->root), "/tmp/sriovd-test.XXXXXX");
	if (!mkdtemp(t->root))
		abort();
	snprintf(t->conf_dir, sizeof(t->conf_dir), "%s/conf", t->root);
	snprintf(t->state_dir, sizeof(t->state_dir), "%s/state", t->root);
	snprintf(t->socket, sizeof(t->socket), "%s/run/sriovd.sock", t->root);
	snprintf(t->k8s, sizeof(t->k8s), "%s/config.json", t->root);
	mkdir(t->conf_dir, 0755);
	mkdir(t->state_dir, 0700);
	sriovd_options_default(&opt);
	opt.config_dir = t->conf_dir;
	opt.state_dir = t->state_dir;
	opt.socket_path = t->socket;
	opt.k8s_config = t->k8s;
	opt.service_usec = 1000;
	t->reg = sriov_registry_new();
	if (!t->reg || sriov_registry_add(t->reg, &fake_sriovd_backend))
		abort();
	sriovd_init(&t->d, &opt, t->reg, &fake_ext_table);
	t->d.notify = record_notify;
	t->d.log = quiet_log;
	t->d.log_ctx = t;
	t->quiet = getenv("SRIOVD_TEST_VERBOSE") == NULL;
}

void test_env_restart(struct test_env *t)
{
	struct sriovd_options opt = t->d.opt;

	sriovd_fini(&t->d);
	sriovd_init(&t->d, &opt, t->reg, &fake_ext_table);
	t->d.notify = record_notify;
	t->d.log = quiet_log;
	t->d.log_ctx = t;
}

void test_env_fini(struct test_env *t)
{
	char cmd[400];

	sriovd_fini(&t->d);
	sriov_registry_free(t->reg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->root);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", t->root);
}

void test_env_write_conf(struct test_env *t, const char *name, const char *text)
{
	char path[400];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", t->conf_dir, name);
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

const char *fake_value(int dev, uint16_t vf, const char *key)
{
	static char buf[64];
	struct sriov_schema s = { &fake_schema };
	int i = sriov_schema_find(&s, SRIOV_SECTION_VF, key);
	struct fake_dev *dv = &fake_world.dev[dev];

	buf[0] = '\0';
	if (i < 0 || vf >= dv->num_vfs || !(dv->vf[vf].present & (UINT64_C(1) << i)))
		return buf;
	sriov_scalar_format(sriov_schema_param(&s, SRIOV_SECTION_VF, (size_t)i), &dv->vf[vf].v[i],
			    buf, sizeof(buf));
	return buf;
}

int fake_param(const char *key)
{
	struct sriov_schema s = { &fake_schema };

	return sriov_schema_find(&s, SRIOV_SECTION_VF, key);
}
