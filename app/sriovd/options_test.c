/* SPDX-License-Identifier: BSD-2-Clause */
/* The command line: defaults, each option, and refusals with a message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "options.h"

static int parse(struct sriovd_options *o, const char *const *args)
{
	char *argv[32];
	int argc = 0;

	argv[argc++] = (char *)"sriovd";
	for (; *args; args++)
		argv[argc++] = (char *)*args;
	argv[argc] = NULL;
	sriovd_options_default(o);
	return sriovd_options_parse(o, argc, argv);
}

static void defaults(void **state)
{
	static const char *const none[] = { NULL };
	struct sriovd_options o;

	(void)state;
	assert_int_equal(parse(&o, none), 0);
	assert_string_equal(o.config_dir, "/etc/iov");
	assert_string_equal(o.state_dir, "/var/lib/sriovd");
	assert_string_equal(o.socket_path, "/run/sriovd/sriovd.sock");
	assert_int_equal(o.socket_mode, 0660);
	assert_string_equal(o.k8s_config, "/etc/pcidp/config.json");
	assert_int_equal(o.n_uid, 1);
	assert_int_equal(o.uid[0], 0);
	assert_int_equal(o.tcp_port, 0);
	assert_int_equal(o.body_limit, 65536);
}

static void every_option(void **state)
{
	static const char *const args[] = {
		"-n", "-d", "/x/iov", "-s", "", "-S", "/x/s.sock", "--socket-mode", "0600",
		"-u", "root", "-u", "4242", "-g", "0", "-p", "9808", "-k", "", "--resource-prefix",
		"example.com", "--pool", "a=0000:01:00.0#0-3", "--body-limit", "1024",
		"--service-usec", "500", "--pci-devices", "/x/devices", NULL,
	};
	struct sriovd_options o;

	(void)state;
	assert_int_equal(parse(&o, args), 0);
	assert_true(o.check_only);
	assert_string_equal(o.config_dir, "/x/iov");
	assert_string_equal(o.state_dir, "");
	assert_int_equal(o.socket_mode, 0600);
	assert_int_equal(o.n_uid, 2);          /* -u replaces the default */
	assert_int_equal(o.uid[1], 4242);
	assert_int_equal(o.n_gid, 1);
	assert_int_equal(o.tcp_port, 9808);
	assert_int_equal(o.n_pool, 1);
	assert_int_equal(o.pool[0].last, 3);
	assert_string_equal(o.pool[0].driver, "vfio-pci");
	assert_int_equal(o.body_limit, 1024);
	assert_int_equal(o.service_usec, 500);
	assert_string_equal(o.pci_devices, "/x/devices");
}

static void refusals(void **state)
{
	static const char *const bad[][3] = {
		{ "--socket-mode", "0999", NULL }, { "--socket-mode", "rw", NULL },
		{ "-p", "0", NULL }, { "-p", "65536", NULL }, { "-p", "-1", NULL },
		{ "-u", "no-such-user-here", NULL }, { "--body-limit", "0", NULL },
		{ "--service-usec", "x", NULL }, { "--pool", "p=#", NULL }, { "stray", NULL, NULL },
		{ "--unknown", NULL, NULL },
	};
	struct sriovd_options o;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(&o, bad[i]) >= 0)
			fail_msg("accepted %s %s", bad[i][0], bad[i][1] ? bad[i][1] : "");
}

/* --fd-store: the keeper unless told otherwise; only the three kinds. */
static void fd_store_kinds(void **state)
{
	static const char *const none[] = { NULL };
	static const char *const kinds[][3] = {
		{ "--fd-store", "keeper", NULL }, { "--fd-store", "systemd", NULL },
		{ "--fd-store", "none", NULL },
	};
	static const enum sriovd_fd_store_kind want[] = {
		SRIOVD_FD_STORE_KEEPER, SRIOVD_FD_STORE_SYSTEMD, SRIOVD_FD_STORE_NONE,
	};
	static const char *const bad[][3] = {
		{ "--fd-store", "", NULL }, { "--fd-store", "Systemd", NULL },
		{ "--fd-store", "systemd,keeper", NULL }, { "--fd-store", NULL, NULL },
	};
	struct sriovd_options o;

	(void)state;
	assert_int_equal(parse(&o, none), 0);
	assert_int_equal(o.fd_store, SRIOVD_FD_STORE_KEEPER);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		assert_int_equal(parse(&o, kinds[i]), 0);
		assert_int_equal(o.fd_store, want[i]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(&o, bad[i]) >= 0)
			fail_msg("accepted --fd-store '%s'", bad[i][1] ? bad[i][1] : "(missing)");
}

/* --on-stop: detach unless told to close; nothing else. */
static void on_stop_kinds(void **state)
{
	static const char *const none[] = { NULL };
	static const char *const close_arg[] = { "--on-stop", "close", NULL };
	static const char *const detach_arg[] = { "--on-stop", "detach", NULL };
	static const char *const bad[][3] = {
		{ "--on-stop", "", NULL }, { "--on-stop", "Close", NULL }, { "--on-stop", "stop", NULL },
		{ "--on-stop", NULL, NULL },
	};
	struct sriovd_options o;

	(void)state;
	assert_int_equal(parse(&o, none), 0);
	assert_int_equal(o.on_stop, SRIOVD_STOP_DETACH);
	assert_int_equal(parse(&o, close_arg), 0);
	assert_int_equal(o.on_stop, SRIOVD_STOP_CLOSE);
	assert_int_equal(parse(&o, detach_arg), 0);
	assert_int_equal(o.on_stop, SRIOVD_STOP_DETACH);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(&o, bad[i]) >= 0)
			fail_msg("accepted --on-stop '%s'", bad[i][1] ? bad[i][1] : "(missing)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults),
		cmocka_unit_test(every_option),
		cmocka_unit_test(refusals),
		cmocka_unit_test(fd_store_kinds),
		cmocka_unit_test(on_stop_kinds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
