/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sriovctl: iovctl(8)'s command line (spec freebsd-iovctl.md §1.1) over
 * libsriov. Until the PF backends land it validates (-n, -S) with the
 * schema named by --driver and says plainly that it cannot reach a device.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sriov/backend.h>
#include <sriov/config.h>
#include <sriov/device_name.h>

#include "print.h"

#ifndef SRIOV_VERSION
#define SRIOV_VERSION "unknown"
#endif

enum action { ACTION_NONE, ACTION_CONFIG, ACTION_DELETE, ACTION_SCHEMA };

struct options {
	enum action action;
	const char *device;
	const char *file;
	const char *driver;
	bool dry_run;
};

/* Long options without a short letter. */
enum { OPT_DRIVER = 256, OPT_VERSION };

static const char *const usage_lines[] = {
	"usage: sriovctl -C -f <config file> [-n] [--driver NAME]",
	"       sriovctl -D [-d <PF device> | -f <config file>] [-n]",
	"       sriovctl -S [-d <PF device> | -f <config file>] [--driver NAME]",
	"       sriovctl -h | --help | --version",
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
	       "  -C            create the VFs described by the config file (-f)\n"
	       "  -D            delete every VF of the PF\n"
	       "  -S            print the configuration schema of the PF's driver\n"
	       "  -d DEVICE     the PF: 0000:05:00.0, an interface name, or ixl0\n"
	       "  -f FILE       config file in iovctl.conf(5) syntax (see sriov.conf(5))\n"
	       "  -n            dry run: validate and print what would be done\n"
	       "  --driver NAME use NAME's schema without reaching the device (now: x710)\n"
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
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	char shown[3] = "-?";
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":Cd:Df:nSh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'C': set_action(o, ACTION_CONFIG); break;
		case 'D': set_action(o, ACTION_DELETE); break;
		case 'S': set_action(o, ACTION_SCHEMA); break;
		case 'd': o->device = optarg; break;
		case 'f': o->file = optarg; break;
		case 'n': o->dry_run = true; break;
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
	/* --driver names the schema, so -S needs no device to print it. */
	if (!o->device && !o->file && o->action != ACTION_CONFIG &&
	    !(o->action == ACTION_SCHEMA && o->driver))
		usage_error("Either the -d or -f flag must be specified");
	switch (o->action) {
	case ACTION_CONFIG:
		if (o->device)
			usage_error("-d flag cannot be used with the -C flag");
		if (!o->file)
			usage_error("The -f flag must be specified");
		break;
	case ACTION_SCHEMA:
		if (o->dry_run)
			usage_error("-n flag cannot be used with the -S flag");
		break;
	case ACTION_DELETE:
		if (o->driver)
			usage_error("--driver cannot be used with the -D flag");
		break;
	default:
		usage_error("Either the -C, -D or -S flag must be specified");
	}
}

static int no_backend(const char *device)
{
	fprintf(stderr, "sriovctl: no backend can reach device '%s' (the x710 and kernel backends "
		"are not available yet); use -n with --driver x710 to validate\n", device);
	return 1;
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
	fprintf(stderr, "sriovctl: '%s' is not a PCI address (0000:05:00.0), an interface name "
		"or a FreeBSD device name (ixl0)\n", device);
	return 1;
}

static int config_action(const struct options *o, const struct sriov_registry *reg,
			 struct sriov_conf *conf)
{
	const struct sriov_backend *be = NULL;
	const struct sriov_resolved *r;
	const char *device;
	int rc;

	if (o->driver && !(be = find_driver(reg, o->driver)))
		return 1;
	rc = sriov_conf_load_file(conf, o->file);
	if (rc != 0 && rc != -EINVAL) {
		print_diags(stderr, conf);
		return 1;
	}
	if (!be) {
		/* Without a schema only the syntax and PF.device can be checked. */
		if (rc == 0 && sriov_conf_device(conf, &device) == 0 && !check_device_name(device)) {
			print_diags(stderr, conf);
			return no_backend(device);
		}
		print_diags(stderr, conf);
		return 1;
	}
	rc = sriov_conf_resolve(conf, &(struct sriov_schema){ be->schema });
	print_diags(stderr, conf);
	r = sriov_conf_resolved(conf);
	if (rc || !r)
		return 1;
	if (!o->dry_run)
		return no_backend(r->device);
	print_resolved(stdout, r, o->file);
	return 0;
}

static int delete_action(const struct options *o, struct sriov_conf *conf)
{
	const char *device = o->device;

	if (!device && device_from_file(conf, o->file, &device))
		return 1;
	if (check_device_name(device))
		return 1;
	if (o->dry_run) {
		printf("Would attempt to delete all VF children of '%s'\n", device);
		return 0;
	}
	return no_backend(device);
}

static int schema_action(const struct options *o, const struct sriov_registry *reg,
			 struct sriov_conf *conf)
{
	const struct sriov_backend *be;
	const char *device = o->device;

	if (o->file && device_from_file(conf, o->file, &device))
		return 1;
	if (device && check_device_name(device))
		return 1;
	if (!o->driver)
		return no_backend(device);
	if (!(be = find_driver(reg, o->driver)))
		return 1;
	print_schema(stdout, &(struct sriov_schema){ be->schema });
	return 0;
}

int main(int argc, char **argv)
{
	struct options o = { .action = ACTION_NONE };
	struct sriov_registry *reg;
	struct sriov_conf *conf;
	int status = 1;

	parse_options(argc, argv, &o);
	reg = sriov_registry_new();
	conf = sriov_conf_new();
	if (!reg || !conf || sriov_registry_add_builtin(reg)) {
		fprintf(stderr, "sriovctl: %s\n", strerror(ENOMEM));
		goto out;
	}
	switch (o.action) {
	case ACTION_CONFIG: status = config_action(&o, reg, conf); break;
	case ACTION_DELETE: status = delete_action(&o, conf); break;
	case ACTION_SCHEMA: status = schema_action(&o, reg, conf); break;
	default: break;
	}
out:
	sriov_conf_free(conf);
	sriov_registry_free(reg);
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
