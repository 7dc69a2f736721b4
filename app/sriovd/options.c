/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

/* Group whose members may use the API by default (linux-ecosystem.md §5.1). */
#define SRIOVD_GROUP "sriovd"

void sriovd_options_default(struct sriovd_options *o)
{
	struct group *g;

	memset(o, 0, sizeof(*o));
	o->config_dir = SRIOVD_DEFAULT_CONFIG_DIR;
	o->state_dir = SRIOVD_DEFAULT_STATE_DIR;
	o->socket_path = SRIOVD_DEFAULT_SOCKET;
	o->socket_mode = SRIOVD_DEFAULT_SOCKET_MODE;
	o->k8s_config = SRIOVD_DEFAULT_K8S_CONFIG;
	o->resource_prefix = SRIOVD_DEFAULT_RESOURCE_PREFIX;
	o->pci_devices = getenv("SYSFS_PCI_DEVICES") && *getenv("SYSFS_PCI_DEVICES")
			 ? getenv("SYSFS_PCI_DEVICES") : SRIOVD_DEFAULT_PCI_DEVICES;
	o->body_limit = SRIOVD_DEFAULT_BODY_LIMIT;
	o->service_usec = SRIOVD_DEFAULT_SERVICE_USEC;
	o->service_budget = SRIOVD_DEFAULT_SERVICE_BUDGET;
	o->uid[o->n_uid++] = 0;
	g = getgrnam(SRIOVD_GROUP);
	if (g)
		o->gid[o->n_gid++] = g->gr_gid;
}

static int parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!s || !*s || *s == '-' || *s == '+')
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

/* A pool name becomes a Kubernetes resourceName: letters, digits, '_'. */
static int name_ok(const char *s, size_t len)
{
	if (len == 0 || len >= SRIOVD_NAME_MAX)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!(s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

int sriovd_pool_parse(const char *s, struct sriovd_pool *p, char *why, size_t why_len)
{
	const char *eq = strchr(s, '='), *hash, *colon, *dash;
	unsigned long a, b;
	char num[16];
	size_t len;

	memset(p, 0, sizeof(*p));
	if (!eq || !name_ok(s, (size_t)(eq - s))) {
		snprintf(why, why_len, "pool '%s': expected NAME=DEVICE#FIRST-LAST[:DRIVER] with "
			 "NAME of letters, digits and '_'", s);
		return -EINVAL;
	}
	memcpy(p->name, s, (size_t)(eq - s));
	hash = strchr(eq, '#');
	if (!hash || hash == eq + 1 || (size_t)(hash - eq - 1) >= sizeof(p->device)) {
		snprintf(why, why_len, "pool '%s': missing or overlong DEVICE before '#'", s);
		return -EINVAL;
	}
	memcpy(p->device, eq + 1, (size_t)(hash - eq - 1));
	colon = strchr(hash, ':');
	dash = strchr(hash, '-');
	len = (size_t)((colon ? colon : hash + strlen(hash)) - hash - 1);
	if (!dash || (colon && dash > colon) || len >= sizeof(num)) {
		snprintf(why, why_len, "pool '%s': the VF range must read FIRST-LAST", s);
		return -EINVAL;
	}
	memcpy(num, hash + 1, (size_t)(dash - hash - 1));
	num[dash - hash - 1] = '\0';
	if (parse_ulong(num, UINT16_MAX, &a)) {
		snprintf(why, why_len, "pool '%s': FIRST '%s' is not a VF number", s, num);
		return -EINVAL;
	}
	len = (size_t)((colon ? colon : hash + strlen(hash)) - dash - 1);
	memcpy(num, dash + 1, len < sizeof(num) ? len : 0);
	num[len < sizeof(num) ? len : 0] = '\0';
	if (parse_ulong(num, UINT16_MAX, &b) || b < a) {
		snprintf(why, why_len, "pool '%s': LAST '%s' is not a VF number >= FIRST", s, num);
		return -EINVAL;
	}
	p->first = (uint16_t)a;
	p->last = (uint16_t)b;
	snprintf(p->driver, sizeof(p->driver), "%s", colon && colon[1] ? colon + 1 : "vfio-pci");
	return 0;
}

static int add_uid(struct sriovd_options *o, const char *s)
{
	struct passwd *pw = getpwnam(s);
	unsigned long v;

	if (o->n_uid >= SRIOVD_MAX_IDS)
		return -ENOSPC;
	if (pw)
		o->uid[o->n_uid++] = pw->pw_uid;
	else if (parse_ulong(s, UINT_MAX - 1, &v) == 0)
		o->uid[o->n_uid++] = (uid_t)v;
	else
		return -EINVAL;
	return 0;
}

static int add_gid(struct sriovd_options *o, const char *s)
{
	struct group *g = getgrnam(s);
	unsigned long v;

	if (o->n_gid >= SRIOVD_MAX_IDS)
		return -ENOSPC;
	if (g)
		o->gid[o->n_gid++] = g->gr_gid;
	else if (parse_ulong(s, UINT_MAX - 1, &v) == 0)
		o->gid[o->n_gid++] = (gid_t)v;
	else
		return -EINVAL;
	return 0;
}

static int parse_fd_store(const char *s, enum sriovd_fd_store_kind *out)
{
	static const char *const names[] = {
		[SRIOVD_FD_STORE_KEEPER] = "keeper",
		[SRIOVD_FD_STORE_SYSTEMD] = "systemd",
		[SRIOVD_FD_STORE_NONE] = "none",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum sriovd_fd_store_kind)i;
			return 0;
		}
	return -EINVAL;
}

static int parse_on_stop(const char *s, enum sriovd_stop_kind *out)
{
	if (strcmp(s, "detach") == 0)
		*out = SRIOVD_STOP_DETACH;
	else if (strcmp(s, "close") == 0)
		*out = SRIOVD_STOP_CLOSE;
	else
		return -EINVAL;
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: sriovd [-n] [-d config-dir] [-s state-dir] [-S socket] [options]\n"
		"  -d, --config-dir DIR   read every *.conf in DIR (default " SRIOVD_DEFAULT_CONFIG_DIR ")\n"
		"  -s, --state-dir DIR    applied state and VF tokens (default " SRIOVD_DEFAULT_STATE_DIR ", '' none)\n"
		"  -S, --socket PATH      API socket (default " SRIOVD_DEFAULT_SOCKET ")\n"
		"      --socket-mode MODE octal, default 0660\n"
		"  -u, --allow-uid USER   a peer uid allowed on the socket (repeatable; replaces the default root)\n"
		"  -g, --allow-gid GROUP  a peer gid allowed on the socket (repeatable; default group sriovd)\n"
		"  -p, --tcp-port PORT    also listen on 127.0.0.1:PORT, read-only (GET only)\n"
		"  -k, --k8s-config PATH  device-plugin config.json to write (default " SRIOVD_DEFAULT_K8S_CONFIG ", '' none)\n"
		"      --resource-prefix P  resourcePrefix in config.json (default " SRIOVD_DEFAULT_RESOURCE_PREFIX ")\n"
		"      --pool NAME=DEVICE#A-B[:DRIVER]  a pool of VFs A..B (repeatable; default one per PF)\n"
		"      --body-limit BYTES largest accepted request body (default 65536)\n"
		"      --service-usec N   mailbox service period without an event fd (default 1000)\n"
		"      --pci-devices DIR  sysfs PCI devices, for VF addresses (default $SYSFS_PCI_DEVICES\n"
		"                         or /sys/bus/pci/devices)\n"
		"      --fd-store KIND    who keeps the PF memory across restarts: keeper (default),\n"
		"                         systemd (the service manager's fd store) or none\n"
		"      --on-stop WHAT     SIGTERM leaves the PFs running for the next sriovd (detach,\n"
		"                         default) or shuts them down (close)\n"
		"  -n, --check            validate the directory and exit; apply nothing\n"
		"  -h, --help\n");
}

enum { OPT_SOCKET_MODE = 256, OPT_PREFIX, OPT_POOL, OPT_BODY, OPT_SERVICE, OPT_SYSFS, OPT_FD_STORE,
       OPT_ON_STOP };

int sriovd_options_parse(struct sriovd_options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config-dir", required_argument, NULL, 'd' },
		{ "state-dir", required_argument, NULL, 's' },
		{ "socket", required_argument, NULL, 'S' },
		{ "socket-mode", required_argument, NULL, OPT_SOCKET_MODE },
		{ "allow-uid", required_argument, NULL, 'u' },
		{ "allow-gid", required_argument, NULL, 'g' },
		{ "tcp-port", required_argument, NULL, 'p' },
		{ "k8s-config", required_argument, NULL, 'k' },
		{ "resource-prefix", required_argument, NULL, OPT_PREFIX },
		{ "pool", required_argument, NULL, OPT_POOL },
		{ "body-limit", required_argument, NULL, OPT_BODY },
		{ "service-usec", required_argument, NULL, OPT_SERVICE },
		{ "pci-devices", required_argument, NULL, OPT_SYSFS },
		{ "fd-store", required_argument, NULL, OPT_FD_STORE },
		{ "on-stop", required_argument, NULL, OPT_ON_STOP },
		{ "check", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool uid_given = false, gid_given = false;
	char why[160];
	unsigned long v;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "d:s:S:u:g:p:k:nh", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': o->config_dir = optarg; break;
		case 's': o->state_dir = optarg; break;
		case 'S': o->socket_path = optarg; break;
		case 'k': o->k8s_config = optarg; break;
		case 'n': o->check_only = true; break;
		case OPT_PREFIX: o->resource_prefix = optarg; break;
		case OPT_SYSFS: o->pci_devices = optarg; break;
		case 'h': usage(stdout); return 1;
		case OPT_SOCKET_MODE: {
			char *end;

			errno = 0;
			v = strtoul(optarg, &end, 8);
			if (errno || *end || !*optarg || v > 0777) {
				fprintf(stderr, "sriovd: --socket-mode '%s' is not an octal mode\n", optarg);
				return -EINVAL;
			}
			o->socket_mode = (unsigned int)v;
			break;
		}
		case 'u':
			if (!uid_given)
				o->n_uid = 0;
			uid_given = true;
			if (add_uid(o, optarg)) {
				fprintf(stderr, "sriovd: --allow-uid '%s': no such user (or too many)\n", optarg);
				return -EINVAL;
			}
			break;
		case 'g':
			if (!gid_given)
				o->n_gid = 0;
			gid_given = true;
			if (add_gid(o, optarg)) {
				fprintf(stderr, "sriovd: --allow-gid '%s': no such group (or too many)\n", optarg);
				return -EINVAL;
			}
			break;
		case 'p':
			if (parse_ulong(optarg, 65535, &v) || v == 0) {
				fprintf(stderr, "sriovd: --tcp-port '%s' is not a port 1..65535\n", optarg);
				return -EINVAL;
			}
			o->tcp_port = (int)v;
			break;
		case OPT_POOL:
			if (o->n_pool >= SRIOVD_MAX_POOLS) {
				fprintf(stderr, "sriovd: more than %d pools\n", SRIOVD_MAX_POOLS);
				return -EINVAL;
			}
			if (sriovd_pool_parse(optarg, &o->pool[o->n_pool], why, sizeof(why))) {
				fprintf(stderr, "sriovd: %s\n", why);
				return -EINVAL;
			}
			o->n_pool++;
			break;
		case OPT_BODY:
			if (parse_ulong(optarg, 64UL * 1024 * 1024, &v) || v == 0) {
				fprintf(stderr, "sriovd: --body-limit '%s' is not 1..67108864\n", optarg);
				return -EINVAL;
			}
			o->body_limit = v;
			break;
		case OPT_SERVICE:
			if (parse_ulong(optarg, 1000000, &v) || v == 0) {
				fprintf(stderr, "sriovd: --service-usec '%s' is not 1..1000000\n", optarg);
				return -EINVAL;
			}
			o->service_usec = (unsigned int)v;
			break;
		case OPT_FD_STORE:
			if (parse_fd_store(optarg, &o->fd_store)) {
				fprintf(stderr, "sriovd: --fd-store '%s' is not keeper, systemd or none\n",
					optarg);
				return -EINVAL;
			}
			break;
		case OPT_ON_STOP:
			if (parse_on_stop(optarg, &o->on_stop)) {
				fprintf(stderr, "sriovd: --on-stop '%s' is not detach or close\n", optarg);
				return -EINVAL;
			}
			break;
		default:
			usage(stderr);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "sriovd: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return -EINVAL;
	}
	return 0;
}
