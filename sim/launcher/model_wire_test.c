/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The daemon's wires over an in-process model: a pcap-out port records what
 * a VSI sends (and stops looping it back), loopback restores the cable,
 * inject delivers a pcap file's frames through the port's switch, and bad
 * requests or files change nothing and say why.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "model_wire.h"
#include "pcap_file.h"
#include "sim_test_fixture.h"
#include "sim_test_pf_lan.h"

#define PF_QUEUE   2
#define FRAME_LEN  64
#define MSG        512

struct t {
	struct fx_pf_env env;
	struct fx_pf_lan lan;
	struct model_wire *wire;
	char dir[256], pcap[PATH_MAX];
};

static const uint8_t pf0_mac[6] = { 0x02, 0x00, 0x71, 0x00, 0x00, 0x00 };  /* params default */
static const uint8_t other_mac[6] = { 0x02, 0x99, 0x88, 0x77, 0x66, 0x55 };

static int setup(void **state)
{
	static struct t t;

	memset(&t, 0, sizeof(t));
	fx_pf_env_setup(&t.env, 2, 0, 0);
	fx_pf_lan_setup(&t.lan, &t.env.pf, PF_QUEUE);
	assert_int_equal(model_wire_create(t.env.fx.sim, &t.wire), 0);
	snprintf(t.dir, sizeof(t.dir), "%s/model_wire_test.XXXXXX", P_tmpdir);
	assert_non_null(mkdtemp(t.dir));
	snprintf(t.pcap, sizeof(t.pcap), "%s/out.pcap", t.dir);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	struct t *t = *state;
	char p[PATH_MAX + 16];

	model_wire_destroy(t->wire);
	fx_pf_lan_teardown(&t->lan);
	fx_pf_env_teardown(&t->env);
	for (const char *const *n = (const char *const[]){ "out.pcap", "in.pcap", NULL }; *n; n++) {
		snprintf(p, sizeof(p), "%s/%s", t->dir, *n);
		unlink(p);
	}
	rmdir(t->dir);
	return 0;
}

static void make_frame(uint8_t *f, const uint8_t dst[6], uint8_t marker)
{
	memset(f, 0, FRAME_LEN);
	memcpy(f, dst, 6);
	f[6] = 0x02;
	f[11] = 0x01;
	f[12] = 0x08;
	f[14] = marker;
}

static int wire(struct t *t, char *msg, const char *a, const char *b, const char *c)
{
	char *argv[] = { (char *)a, (char *)b, (char *)c };

	return model_wire_apply(t->wire, c ? 3 : 2, argv, msg, MSG);
}

static int inject(struct t *t, char *msg, const char *port, const char *path)
{
	char *argv[] = { (char *)port, (char *)path };

	return model_wire_inject(t->wire, 2, argv, msg, MSG);
}

static uint64_t port_rx(struct t *t)
{
	struct x710sim_port_info pi;

	assert_int_equal(x710sim_port_info(t->env.fx.sim, 0, &pi), 0);
	return pi.rx_packets;
}

static void pcap_out_records_what_the_port_sends(void **state)
{
	struct t *t = *state;
	uint8_t f[FRAME_LEN], got[2048];
	struct pcap_reader r;
	char msg[MSG];
	size_t len;

	assert_int_equal(wire(t, msg, "0", "pcap-out", t->pcap), 0);
	assert_non_null(strstr(msg, t->pcap));
	make_frame(f, pf0_mac, 1);
	fx_pf_lan_send(&t->lan, f, sizeof(f));
	make_frame(f, other_mac, 2);
	fx_pf_lan_send(&t->lan, f, sizeof(f));
	/* Nothing came back: the wire is the file now. */
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), -EAGAIN);
	model_wire_flush(t->wire);
	model_wire_describe(t->wire, 0, msg, sizeof(msg));
	assert_non_null(strstr(msg, "frames=2 errors=0"));

	FILE *in = fopen(t->pcap, "re");
	assert_non_null(in);
	assert_int_equal(pcap_reader_open(&r, in, t->pcap, msg, sizeof(msg)), 0);
	assert_int_equal(pcap_reader_next(&r, got, sizeof(got), &len, msg, sizeof(msg)), 1);
	assert_int_equal(len, FRAME_LEN);
	assert_int_equal(got[14], 1);
	assert_int_equal(pcap_reader_next(&r, got, sizeof(got), &len, msg, sizeof(msg)), 1);
	assert_memory_equal(got, f, FRAME_LEN);
	assert_int_equal(pcap_reader_next(&r, got, sizeof(got), &len, msg, sizeof(msg)), 0);
	fclose(in);

	/* Loopback again: the next frame comes back, the file is closed. */
	assert_int_equal(wire(t, msg, "0", "loopback", NULL), 0);
	model_wire_describe(t->wire, 0, msg, sizeof(msg));
	assert_string_equal(msg, "loopback");
	make_frame(f, pf0_mac, 3);
	fx_pf_lan_send(&t->lan, f, sizeof(f));
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), FRAME_LEN);
	assert_int_equal(got[14], 3);
}

/* The in.pcap of a test: frames to `dsts` with markers 1, 2, ... */
static void write_input(struct t *t, char *path, const uint8_t *const *dsts, unsigned int n)
{
	struct timespec ts = { 0 };
	uint8_t f[FRAME_LEN];
	FILE *out;

	snprintf(path, PATH_MAX, "%s/in.pcap", t->dir);
	out = fopen(path, "we");
	assert_non_null(out);
	assert_int_equal(pcap_write_header(out), 0);
	for (unsigned int i = 0; i < n; i++) {
		make_frame(f, dsts[i], (uint8_t)(i + 1));
		assert_int_equal(pcap_write_record(out, &ts, f, sizeof(f)), 0);
	}
	assert_int_equal(fclose(out), 0);
}

static void inject_delivers_a_file_through_the_switch(void **state)
{
	struct t *t = *state;
	const uint8_t *const dsts[] = { pf0_mac, other_mac, pf0_mac };
	char path[PATH_MAX], msg[MSG];
	uint8_t got[2048];

	write_input(t, path, dsts, 3);
	assert_int_equal(inject(t, msg, "0", path), 0);
	assert_non_null(strstr(msg, "3 frames"));
	assert_non_null(strstr(msg, "2 delivered"));
	assert_non_null(strstr(msg, "1 dropped"));
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), FRAME_LEN);
	assert_int_equal(got[14], 1);
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), FRAME_LEN);
	assert_int_equal(got[14], 3);
	assert_int_equal(fx_pf_lan_recv(&t->lan, got, sizeof(got)), -EAGAIN);
	assert_int_equal(port_rx(t), 3);
}

static void a_bad_file_injects_nothing(void **state)
{
	struct t *t = *state;
	const uint8_t *const dsts[] = { pf0_mac, pf0_mac };
	char path[PATH_MAX], msg[MSG];
	FILE *f;

	write_input(t, path, dsts, 2);
	f = fopen(path, "r+e");
	assert_non_null(f);
	assert_int_equal(fseek(f, -10, SEEK_END), 0);   /* cut record 2 short */
	assert_int_equal(ftruncate(fileno(f), ftell(f)), 0);
	fclose(f);
	assert_int_equal(inject(t, msg, "0", path), -EINVAL);
	assert_non_null(strstr(msg, "record 2"));
	assert_int_equal(port_rx(t), 0);

	assert_int_equal(inject(t, msg, "0", "/nonexistent/in.pcap"), -ENOENT);
	assert_non_null(strstr(msg, "/nonexistent/in.pcap"));
	assert_int_equal(inject(t, msg, "0", "in.pcap"), -EINVAL);
	assert_non_null(strstr(msg, "absolute"));
}

static void bad_wire_requests_change_nothing(void **state)
{
	struct t *t = *state;
	char msg[MSG];

	assert_int_equal(wire(t, msg, "2", "loopback", NULL), -EINVAL);
	assert_non_null(strstr(msg, "expected 0..1"));
	assert_int_equal(wire(t, msg, "x", "loopback", NULL), -EINVAL);
	assert_int_equal(wire(t, msg, "0", "tap", NULL), -EINVAL);
	assert_non_null(strstr(msg, "'tap'"));
	assert_int_equal(wire(t, msg, "0", "pcap-out", "rel.pcap"), -EINVAL);
	assert_int_equal(wire(t, msg, "0", "pcap-out", "/nonexistent/dir/x.pcap"), -ENOENT);
	model_wire_describe(t->wire, 0, msg, sizeof(msg));
	assert_string_equal(msg, "loopback");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(pcap_out_records_what_the_port_sends, setup, teardown),
		cmocka_unit_test_setup_teardown(inject_delivers_a_file_through_the_switch,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_bad_file_injects_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_wire_requests_change_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
