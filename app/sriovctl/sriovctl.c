/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sriovctl: iovctl(8)'s command line (spec freebsd-iovctl.md §1.1) over
 * libsriov: find the PF's backend, read its live state, plan, apply. A
 * userspace PF (x710) must keep serving its VFs' mailboxes: when sriovd
 * runs (its socket answers) every action goes through it, since it owns
 * the PFs; alone, -C stays in the foreground doing that and SIGINT/SIGTERM
 * removes the VFs as -D would. --driver NAME validates offline.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sriov/backend.h>
#include <sriov/config.h>
#include <sriov/device_name.h>
#include <sriov/plan.h>

#include "daemon_link.h"
#include "plan_json.h"
#include "print.h"
#include "status_json.h"
#include "status_list.h"
#include "via_daemon.h"

#if SRIOV_KERNEL_BACKEND
#include "kernel_backend.h"
#endif

#ifndef SRIOV_VERSION
#define SRIOV_VERSION "unknown"
#endif

enum action { ACTION_NONE, ACTION_CONFIG, ACTION_DELETE, ACTION_SCHEMA, ACTION_LIST };

struct options {
	enum action action;
	const char *device;
	const char *file;
	const char *driver;
	bool dry_run;
	bool verbose;
	bool keep_going;   /* -k: apply what the driver accepts, roll nothing back */
	bool json;         /* -j: -L, -S and -n print JSON */
	bool no_daemon;    /* --no-daemon: never ask sriovd */
	const char *socket;
};

/* Set by SIGINT/SIGTERM: the serve loop returns and the VFs are removed. */
static volatile sig_atomic_t stop_requested;

/* Long options without a short letter. */
enum { OPT_DRIVER = 256, OPT_VERSION, OPT_SOCKET, OPT_NO_DAEMON };

static const char *const usage_lines[] = {
	"usage: sriovctl -C -f <config file> [-n] [-j] [-k] [-v] [--driver NAME]",
	"       sriovctl -D [-d <PF device> | -f <config file>] [-n]",
	"       sriovctl -S [-d <PF device> | -f <config file>] [-j] [--driver NAME]",
	"       sriovctl -L [-d <PF device> | -f <config file>] [-j]",
	"       sriovctl -h | --help | --version",
	"       (each action also takes --socket PATH or --no-daemon)",
};

static void print_usage(FILE *out)
{
	for (size_t i = 0; i < sizeof(usage_lines) / sizeof(usage_lines[0]); i++)
		fprintf(out, "%s\n", usage_lines[i]);
}

/* iovctl prints the usage and exits 1 after every command-line mistake. */
__attribute__((format(printf, 1, 2)))
static _Noreturn void usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sriovctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	print_usage(stderr);
	exit(1);
}

static void print_help(void)
{
	print_usage(stdout);
	printf("\n"
	       "  -C            create the VFs described by the config file (-f); an X710\n"
	       "                PF is driven by this process, which then stays in the\n"
	       "                foreground serving the VFs (SIGINT/SIGTERM removes them)\n"
	       "  -D            delete every VF of the PF\n"
	       "  -S            print the configuration schema of the PF's driver\n"
	       "  -L            list the PF's status and its VFs' (without -d/-f: every\n"
	       "                PF sriovd manages)\n"
	       "  -j, --json    -L, -S and -n print JSON (keys in sriovctl(8))\n"
	       "  --socket PATH sriovd's API socket (default $SRIOVD_SOCKET, else\n"
	       "                " SRIOV_CLIENT_DEFAULT_SOCKET "); when sriovd answers there,\n"
	       "                every action goes through it\n"
	       "  --no-daemon   never ask sriovd: drive the device from this process\n"
	       "  -d DEVICE     the PF: 0000:05:00.0, an interface name, ixl0, or (a PF\n"
	       "                bound to its kernel driver) the PF's MAC address\n"
	       "  -f FILE       config file in iovctl.conf(5) syntax (see sriov.conf(5))\n"
	       "  -n            dry run: validate and print the plan against the device\n"
	       "  -k, --continue  apply every change the PF driver accepts and report each\n"
	       "                refusal, instead of rolling the whole apply back\n"
	       "  -v            verbose: what the PF driver and the virtchnl host do\n"
	       "  --driver NAME use NAME's schema without reaching the device (x710, kernel)\n"
	       "  -h, --help    this help\n"
	       "  --version     print the version\n");
}

static void set_action(struct options *o, enum action a)
{
	if (o->action != ACTION_NONE)
		usage_error("Only one action may be specified");
	o->action = a;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "driver", required_argument, NULL, OPT_DRIVER },
		{ "continue", no_argument, NULL, 'k' },
		{ "json", no_argument, NULL, 'j' },
		{ "socket", required_argument, NULL, OPT_SOCKET },
		{ "no-daemon", no_argument, NULL, OPT_NO_DAEMON },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	char shown[3] = "-?";
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":Cd:Df:jknLShv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'C': set_action(o, ACTION_CONFIG); break;
		case 'D': set_action(o, ACTION_DELETE); break;
		case 'S': set_action(o, ACTION_SCHEMA); break;
		case 'L': set_action(o, ACTION_LIST); break;
		case 'j': o->json = true; break;
		case OPT_SOCKET: o->socket = optarg; break;
		case OPT_NO_DAEMON: o->no_daemon = true; break;
		case 'd': o->device = optarg; break;
		case 'f': o->file = optarg; break;
		case 'n': o->dry_run = true; break;
		case 'k': o->keep_going = true; break;
		case 'v': o->verbose = true; break;
		case OPT_DRIVER: o->driver = optarg; break;
		case 'h':
			print_help();
			exit(0);
		case OPT_VERSION:
			printf("sriovctl %s\n", SRIOV_VERSION);
			exit(0);
		case ':':
			if (optopt) {
				shown[1] = (char)optopt;
				usage_error("Option '%s' requires an argument", shown);
			}
			usage_error("Option '%s' requires an argument", argv[optind - 1]);
		default:
			if (optopt) {
				shown[1] = (char)optopt;
				usage_error("Unrecognized argument '%s'", shown);
			}
			usage_error("Unrecognized argument '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error("Unexpected argument '%s'", argv[optind]);
	if (o->device && o->file)
		usage_error("Only one of the -d and -f flags may be specified");
	if (o->socket && o->no_daemon)
		usage_error("--socket and --no-daemon contradict each other");
	/* --driver names the schema, so -S needs no device to print it; -L
	 * without one lists what sriovd manages. */
	if (!o->device && !o->file && o->action != ACTION_CONFIG && o->action != ACTION_LIST &&
	    !(o->action == ACTION_SCHEMA && o->driver))
		usage_error("Either the -d or -f flag must be specified");
	switch (o->action) {
	case ACTION_CONFIG:
		if (o->device)
			usage_error("-d flag cannot be used with the -C flag");
		if (!o->file)
			usage_error("The -f flag must be specified");
		if (o->json && !o->dry_run)
			usage_error("-j flag needs -n with the -C flag (it prints the plan)");
		if (o->json && o->driver)
			usage_error("-j flag cannot be used with --driver");
		break;
	case ACTION_LIST:
		if (o->dry_run || o->keep_going || o->driver)
			usage_error("-n, -k and --driver cannot be used with the -L flag");
		break;
	case ACTION_SCHEMA:
		if (o->dry_run)
			usage_error("-n flag cannot be used with the -S flag");
		if (o->keep_going)
			usage_error("-k flag cannot be used with the -S flag");
		break;
	case ACTION_DELETE:
		if (o->driver)
			usage_error("--driver cannot be used with the -D flag");
		if (o->keep_going)
			usage_error("-k flag cannot be used with the -D flag");
		if (o->json)
			usage_error("-j flag cannot be used with the -D flag");
		break;
	default:
		usage_error("Either the -C, -D, -L or -S flag must be specified");
	}
}

/* A PF opened through the backend that recognised it. */
struct device {
	const struct sriov_backend *be;
	void *handle;
	struct sriov_schema schema;
	char text[160];
};

/* Offers @name to every backend that can reach devices; the first that
 * recognises it wins. Says why each refused when none does. */
static int open_device(const struct sriov_registry *reg, const char *name, unsigned int flags,
		       struct device *dev)
{
	struct sriov_error why[8] = { 0 };
	size_t tried = 0;

	memset(dev, 0, sizeof(*dev));
	for (size_t i = 0; i < sriov_registry_count(reg); i++) {
		const struct sriov_backend *be = sriov_registry_at(reg, i);
		struct sriov_error err = { 0 };
		int rc;

		if (!be->ops || !be->ops->open)
			continue;
		rc = be->ops->open(name, flags, &dev->handle, &err);
		if (rc == 0) {
			dev->be = be;
			dev->schema = (struct sriov_schema){ be->schema };
			if (!be->ops->describe ||
			    be->ops->describe(dev->handle, dev->text, sizeof(dev->text)))
				snprintf(dev->text, sizeof(dev->text), "%s", name);
			return 0;
		}
		if (tried < sizeof(why) / sizeof(why[0])) {
			why[tried] = err;
			if (!why[tried].code)
				sriov_error_set(&why[tried], rc, "%s", strerror(-rc));
			tried++;
		}
	}
	fprintf(stderr, "sriovctl: no backend can reach device '%s'", name);
	for (size_t i = 0; i < tried; i++)
		fprintf(stderr, "%s %s: %s", i ? ";" : ":", sriov_registry_at(reg, i)->name,
			why[i].message);
	fprintf(stderr, "\n");
	/* Only when no backend knew the device does validating offline help. */
	for (size_t i = 0; i < tried; i++)
		if (why[i].code != -ENODEV && why[i].code != -ENOTSUP && why[i].code != -EINVAL)
			return 1;
	fprintf(stderr, "sriovctl: use -n with --driver x710 to validate without a device\n");
	return 1;
}

static void close_device(struct device *dev)
{
	if (dev->be && dev->be->ops->close)
		dev->be->ops->close(dev->handle);
	dev->be = NULL;
}

/* The schema of --driver NAME, or NULL after saying which names exist. */
static const struct sriov_backend *find_driver(const struct sriov_registry *reg, const char *name)
{
	const struct sriov_backend *be = sriov_registry_find(reg, name);

	if (be)
		return be;
	fprintf(stderr, "sriovctl: unknown driver '%s'; known drivers:", name);
	for (size_t i = 0; i < sriov_registry_count(reg); i++)
		fprintf(stderr, " %s", sriov_registry_at(reg, i)->name);
	fprintf(stderr, "\n");
	return NULL;
}

/* -D and -S read only PF.device from -f, as iovctl does. */
static int device_from_file(struct sriov_conf *conf, const char *file, const char **device)
{
	int rc = sriov_conf_load_file(conf, file);

	if (rc == 0)
		rc = sriov_conf_device(conf, device);
	print_diags(stderr, conf);
	return rc ? 1 : 0;
}

static int check_device_name(const char *device)
{
	if (sriov_device_classify(device, NULL) != SRIOV_DEVICE_INVALID)
		return 0;
	fprintf(stderr, "sriovctl: '%s' is not a PCI address (0000:05:00.0), an interface name, "
		"a FreeBSD device name (ixl0) or a PF MAC address\n", device);
	return 1;
}

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int read_live(struct device *dev, struct sriov_live **live)
{
	struct sriov_error err = { 0 };
	int rc = dev->be->ops->read_live(dev->handle, &dev->schema, live, &err);

	if (rc)
		fprintf(stderr, "sriovctl: %s: cannot read its state: %s\n", dev->text, err.message);
	return rc ? 1 : 0;
}

/* What the kernel backend did beside the plan (a VF driver re-probed). */
static void print_backend_notes(const struct device *dev)
{
#if SRIOV_KERNEL_BACKEND
	if (dev->be != &sriov_backend_kernel)
		return;
	for (size_t i = 0; i < sriov_kernel_note_count(dev->handle); i++)
		printf("%s: %s\n", dev->text, sriov_kernel_note(dev->handle, i));
#else
	(void)dev;
#endif
}

/* -k: every change on its own, through sriov_apply(), so a refused one
 * leaves its key as it was and the others still happen. */
static int apply_each(struct device *dev, const struct sriov_plan *plan,
		      const struct sriov_live *live, const char *verb)
{
	size_t refused = 0;

	for (size_t i = 0; i < plan->n; i++) {
		struct sriov_plan one = { .schema = plan->schema, .changes = &plan->changes[i],
					  .n = 1, .cap = 1 };
		struct sriov_apply_result res;
		const char *why;
		char text[160];

		if (sriov_apply(dev->be, dev->handle, &one, live, &res) == 0)
			continue;
		refused++;
		sriov_change_format(&plan->changes[i], text, sizeof(text));
		/* The one-step apply says "step 1 of 1 (...) failed: WHY": keep WHY. */
		why = strstr(res.error.message, ") failed: ");
		fprintf(stderr, "sriovctl: Failed to %s: step %zu of %zu (%s) failed: %s\n", verb,
			i + 1, plan->n, text, why ? why + strlen(") failed: ") : res.error.message);
	}
	print_backend_notes(dev);
	printf("%s: %zu of %zu change(s) applied (-k: nothing rolled back).\n", dev->text,
	       plan->n - refused, plan->n);
	return refused ? 1 : 0;
}

/* Applies @plan and says what happened; 0 or 1 (the exit status). */
static int apply_plan(struct device *dev, const struct sriov_plan *plan,
		      const struct sriov_live *live, const char *verb, bool keep_going)
{
	struct sriov_apply_result res;

	if (keep_going)
		return apply_each(dev, plan, live, verb);
	if (sriov_apply(dev->be, dev->handle, plan, live, &res) == 0) {
		print_backend_notes(dev);
		printf("%s: %zu change(s) applied.\n", dev->text, plan->n);
		return 0;
	}
	fprintf(stderr, "sriovctl: Failed to %s: %s\n", verb, res.error.message);
	if (res.undo_failures)
		fprintf(stderr, "sriovctl: rollback incomplete (%zu problem(s)); first: %s\n",
			res.undo_failures, res.undo_error.message);
	else if (res.steps_done || res.commit_failed)
		fprintf(stderr, "sriovctl: the %zu step(s) done were undone: %s is as before\n",
			res.steps_done, dev->text);
	return 1;
}

/* Removes every VF: the plan of -D, applied. */
static int delete_vfs(struct device *dev, bool dry_run)
{
	struct sriov_live *live = NULL;
	struct sriov_plan *plan = NULL;
	int status = 1;

	if (read_live(dev, &live))
		return 1;
	if (sriov_plan_delete(dev->be, live, &plan)) {
		fprintf(stderr, "sriovctl: %s\n", strerror(ENOMEM));
	} else if (plan->n == 0) {
		/* iovctl: IOV_DELETE without VFs is ECHILD (freebsd-iovctl.md §1.4). */
		fprintf(stderr, "sriovctl: Failed to delete VFs: %s\n", strerror(ECHILD));
	} else if (dry_run) {
		print_plan(stdout, plan, dev->text);
		status = 0;
	} else {
		status = apply_plan(dev, plan, live, "delete VFs", false);
	}
	sriov_plan_free(plan);
	sriov_live_free(live);
	return status;
}

/* The owner of a userspace PF keeps answering its VFs until told to stop. */
static int serve_until_signal(struct device *dev)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct sriov_error err = { 0 };
	int rc;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	printf("sriovctl: serving the VF mailboxes of %s in the foreground (no sriovd yet); "
	       "SIGINT or SIGTERM removes the VFs and exits.\n", dev->text);
	fflush(stdout);
	rc = dev->be->ops->serve(dev->handle, &stop_requested, &err);
	if (rc)
		fprintf(stderr, "sriovctl: serving %s stopped: %s\n", dev->text, err.message);
	printf("sriovctl: stopping: removing the VFs of %s.\n", dev->text);
	return delete_vfs(dev, false) || rc ? 1 : 0;
}

/* -C: resolve against the device's schema, plan against its state, apply. */
static int configure(const struct options *o, const struct sriov_registry *reg,
		     struct sriov_conf *conf, const char *device)
{
	struct sriov_live *live = NULL;
	struct sriov_plan *plan = NULL;
	struct sriov_error err = { 0 };
	const struct sriov_resolved *r;
	struct device dev;
	int status = 1;

	if (open_device(reg, device, (o->dry_run ? 0 : SRIOV_OPEN_APPLY) |
			(o->verbose ? SRIOV_OPEN_VERBOSE : 0), &dev))
		return 1;
	if (sriov_conf_resolve(conf, &dev.schema) || !(r = sriov_conf_resolved(conf))) {
		print_diags(stderr, conf);
		goto out;
	}
	print_diags(stderr, conf);
	if (read_live(&dev, &live))
		goto out;
	if (sriov_plan_build(dev.be, r, live, &plan, &err)) {
		fprintf(stderr, "sriovctl: Failed to configure SR-IOV: %s\n", err.message);
		goto out;
	}
	if (o->json) {
		json_t *j = plan_json_build(plan, device, o->file, dev.be->name, dev.text);

		status = json_print(stdout, j);
		json_decref(j);
		goto out;
	}
	print_plan(stdout, plan, dev.text);
	if (o->dry_run) {
		status = 0;
		goto out;
	}
	status = apply_plan(&dev, plan, live, "configure SR-IOV", o->keep_going);
	if (status == 0 && dev.be->ops->serve && r->num_vfs > 0)
		status = serve_until_signal(&dev);
out:
	sriov_plan_free(plan);
	sriov_live_free(live);
	close_device(&dev);
	return status;
}

static int config_action(const struct options *o, const struct sriov_registry *reg,
			 struct sriov_conf *conf, struct daemon_link *l)
{
	const struct sriov_backend *be = NULL;
	const struct sriov_resolved *r;
	const char *device;
	int rc;

	if (l) {
		/* sriovd applies all or nothing, and owns the PF from then on. */
		if (o->keep_going) {
			fprintf(stderr, "sriovctl: -k is not available through sriovd (%s), which "
				"applies all or nothing; --no-daemon works alone when sriovd does "
				"not own the PF\n", l->path);
			return 1;
		}
		return via_daemon_configure(l, o->file, o->dry_run, o->json);
	}
	if (o->driver && !(be = find_driver(reg, o->driver)))
		return 1;
	rc = sriov_conf_load_file(conf, o->file);
	if (rc != 0 && rc != -EINVAL) {
		print_diags(stderr, conf);
		return 1;
	}
	if (!be) {
		/* The device decides the schema: iovctl asks the driver for it. */
		if (rc == 0 && sriov_conf_device(conf, &device) == 0 && !check_device_name(device))
			return configure(o, reg, conf, device);
		print_diags(stderr, conf);
		return 1;
	}
	rc = sriov_conf_resolve(conf, &(struct sriov_schema){ be->schema });
	print_diags(stderr, conf);
	r = sriov_conf_resolved(conf);
	if (rc || !r)
		return 1;
	if (!o->dry_run) {
		fprintf(stderr, "sriovctl: --driver validates only; use -n with it, or drop it to "
			"configure device '%s'\n", r->device);
		return 1;
	}
	print_resolved(stdout, r, o->file);
	return 0;
}

/* Through sriovd when it manages @device; VIA_DAEMON_NOT_MANAGED otherwise. */
static int try_daemon(struct daemon_link *l, const char *device, int status)
{
	if (l && status == VIA_DAEMON_NOT_MANAGED)
		fprintf(stderr, "sriovctl: sriovd (%s) does not manage '%s'; working alone\n",
			l->path, device ? device : "");
	return status;
}

static int delete_action(const struct options *o, const struct sriov_registry *reg,
			 struct sriov_conf *conf, struct daemon_link *l)
{
	const char *device = o->device;
	struct device dev;
	int status;

	if (!device && device_from_file(conf, o->file, &device))
		return 1;
	if (check_device_name(device))
		return 1;
	if (o->dry_run)
		printf("Would attempt to delete all VF children of '%s'\n", device);
	if (l && (status = try_daemon(l, device, via_daemon_delete(l, device, o->dry_run))) !=
	    VIA_DAEMON_NOT_MANAGED)
		return status;
	if (open_device(reg, device, o->verbose ? SRIOV_OPEN_VERBOSE : 0, &dev))
		return o->dry_run ? 0 : 1;
	status = delete_vfs(&dev, o->dry_run);
	close_device(&dev);
	return status;
}

#if SRIOV_KERNEL_BACKEND
static const char *kernel_refusal_note(void *ctx, const struct sriov_param *p, char *buf,
				       size_t len)
{
	return sriov_kernel_known_refusal(ctx, p->name, buf, len);
}
#endif

/* The device's schema; for a kernel PF, with what its driver is known to refuse. */
static void print_device_schema(struct device *dev)
{
#if SRIOV_KERNEL_BACKEND
	if (dev->be == &sriov_backend_kernel) {
		const char *drv = sriov_kernel_pf_driver(dev->handle);

		printf("%s\n", dev->text);
		if (sriov_kernel_driver_known(drv))
			printf("Keys the PF driver %s is known to refuse are marked [%s refuses...].\n",
			       drv, drv);
		else
			printf("The PF driver %s is not in the kernel backend's table: no key is "
			       "marked; the driver decides when a change is applied.\n", drv);
		print_schema(stdout, &dev->schema, kernel_refusal_note, (void *)drv);
		return;
	}
#endif
	print_schema(stdout, &dev->schema, NULL, NULL);
}

/* -S -j: sriovd's schema document (doc/api.md), built by the same code. */
static int print_schema_json(const struct sriov_backend *be)
{
	json_t *j = sriovd_schema_json(be);
	int rc = json_print(stdout, j);

	json_decref(j);
	return rc;
}

static int schema_action(const struct options *o, const struct sriov_registry *reg,
			 struct sriov_conf *conf, struct daemon_link *l)
{
	const struct sriov_backend *be;
	const char *device = o->device;
	struct device dev;
	int status;

	if (o->file && device_from_file(conf, o->file, &device))
		return 1;
	if (device && check_device_name(device))
		return 1;
	if (!o->driver) {
		if (l && (status = try_daemon(l, device, via_daemon_schema(l, device, reg,
			  o->json))) != VIA_DAEMON_NOT_MANAGED)
			return status;
		/* The schema of the backend that drives this device. */
		if (open_device(reg, device, 0, &dev))
			return 1;
		status = 0;
		if (o->json)
			status = print_schema_json(dev.be);
		else
			print_device_schema(&dev);
		close_device(&dev);
		return status;
	}
	if (!(be = find_driver(reg, o->driver)))
		return 1;
	if (o->json)
		return print_schema_json(be);
	print_schema(stdout, &(struct sriov_schema){ be->schema }, NULL, NULL);
	return 0;
}

/* -L alone: the PF opened read-only, its status built as sriovd builds it. */
static int list_alone(const struct options *o, const struct sriov_registry *reg,
		      const char *device)
{
	struct device dev;
	json_t *pf, *doc;
	int status = 1;

	if (open_device(reg, device, o->verbose ? SRIOV_OPEN_VERBOSE : 0, &dev))
		return 1;
	pf = status_pf_local(dev.be, dev.handle, device, dev.text);
	doc = pf ? json_pack("{s:[o]}", "pfs", pf) : NULL;
	if (!doc)
		fprintf(stderr, "sriovctl: %s\n", strerror(ENOMEM));
	else if (o->json)
		status = json_print(stdout, doc);
	else
		status = (status_print(stdout, doc, reg), 0);
	json_decref(doc);
	close_device(&dev);
	return status;
}

static int list_action(const struct options *o, const struct sriov_registry *reg,
		       struct sriov_conf *conf, struct daemon_link *l)
{
	const char *device = o->device;
	int status;

	if (o->file && device_from_file(conf, o->file, &device))
		return 1;
	if (device && check_device_name(device))
		return 1;
	if (l && (status = try_daemon(l, device, via_daemon_list(l, device, reg, o->json))) !=
	    VIA_DAEMON_NOT_MANAGED)
		return status;
	if (!device) {
		fprintf(stderr, "sriovctl: no sriovd answers; -L without sriovd needs -d or -f\n");
		return 1;
	}
	return list_alone(o, reg, device);
}

/* Whether this action asks sriovd: not when told not to, nor for what
 * needs no device (--driver validates offline). 0, or 1 when sriovd's
 * socket exists but refuses us (said on stderr: no silent fallback). */
static int connect_daemon(const struct options *o, struct daemon_link *l, bool *use)
{
	*use = false;
	if (o->no_daemon || o->driver)
		return 0;
	switch (daemon_link_open(l, o->socket, o->verbose)) {
	case DAEMON_PRESENT: *use = true; return 0;
	case DAEMON_ABSENT: return 0;
	default: return 1;
	}
}

int main(int argc, char **argv)
{
	struct options o = { .action = ACTION_NONE };
	struct daemon_link link = { 0 };
	struct sriov_registry *reg;
	struct sriov_conf *conf;
	bool daemon = false;
	int status = 1;

	parse_options(argc, argv, &o);
	reg = sriov_registry_new();
	conf = sriov_conf_new();
	/* The built-in backends, kernel first (lib/backends/registry.c). */
	if (!reg || !conf || sriov_registry_add_builtin(reg)) {
		fprintf(stderr, "sriovctl: %s\n", strerror(ENOMEM));
		goto out;
	}
	/* The plan and the serve banner must reach a log before the VFs are used. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (connect_daemon(&o, &link, &daemon))
		goto out;
	switch (o.action) {
	case ACTION_CONFIG: status = config_action(&o, reg, conf, daemon ? &link : NULL); break;
	case ACTION_DELETE: status = delete_action(&o, reg, conf, daemon ? &link : NULL); break;
	case ACTION_SCHEMA: status = schema_action(&o, reg, conf, daemon ? &link : NULL); break;
	case ACTION_LIST: status = list_action(&o, reg, conf, daemon ? &link : NULL); break;
	default: break;
	}
out:
	daemon_link_close(&link);
	sriov_conf_free(conf);
	sriov_registry_free(reg);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
