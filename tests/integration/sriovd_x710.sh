#!/bin/sh
# Issue 6 "must show", end to end on the simulated X710: sriovd applies a
# directory of configs and serves the VF mailboxes; two unmodified
# dpdk-testpmd (net_iavf) forward VF0 -> VF1; curl --unix-socket lists the
# VFs; promtool accepts /metrics; a config edit + SIGHUP changes one VF's
# MAC without resetting the VFs in use; kill -9 and a restart leave traffic
# flowing and the state identical (sessions resumed, nothing reset); the
# API's per-VF counters equal the model's (x710-sim stats --json).
# Readiness is always a poll against a deadline, never a bare sleep.
# Usage: sriovd_x710.sh X710_SIM SRIOVD SOURCE_ROOT. Exit 77 = skipped.
set -u
X710_SIM=$1
SRIOVD=$2
SRC=$3
PROMTOOL=/usr/bin/promtool
PF=0000:01:00.0
MAC0=02:00:00:00:05:00
MAC1=02:00:00:00:05:01
MAC2_NEW=02:00:00:00:05:22
NEED_HUGEPAGES=120

LOGS="sriovd.log sriovd2.log rx.log tx.log"
# step, fail, cleanup, poll, api, start_sriovd, traffic, state_now (DEADLINE, MIN_BYTES).
. "$(dirname "$0")/sriovd_lib.sh"
need_root_hugepages $NEED_HUGEPAGES
need_testpmd
need_cmds curl jq
run_dirs

"$X710_SIM" start --pfs 2 --vfs-per-pf 8 --dir "$DIR" || fail "x710-sim start"
cp "$SRC/examples/iov/x710-sim.conf" "$CONF/x710-sim.conf"
printf '# not a config (ignored: only *.conf)\n' >"$CONF/README"

step "sriovd boots on $CONF: validate, apply, READY"
start_sriovd sriovd
grep -E "applied|ready" "$RUN/sriovd.log" | sed 's/^/   /'
poll "virtfn3 under $PF" test -e "$DIR/devices/$PF/virtfn3"
vf_bdfs "$PF"

step "testpmd (net_iavf): rxonly on VF1 $VF1, txonly on VF0 $VF0"
traffic_start "$MAC0" "$MAC1"

step "curl --unix-socket lists the VFs"
api GET /v1/pfs >"$RUN/pfs.json" || fail "GET /v1/pfs"
grep -q "\"mac-addr\": \"$MAC1\"" "$RUN/pfs.json" || fail "VF1's MAC not in /v1/pfs"
grep -q "\"pci_address\": \"$VF1\"" "$RUN/pfs.json" || fail "VF1's PCI address not in /v1/pfs"
if grep -q '"counters"' "$RUN/pfs.json"; then
	echo "   counters listed"
else
	echo "   NOTE: no per-VF counters: the x710 backend has no vf_status op yet"
fi

step "promtool check metrics"
api GET /metrics >"$RUN/metrics.txt" || fail "GET /metrics"
if [ -x "$PROMTOOL" ]; then
	"$PROMTOOL" check metrics <"$RUN/metrics.txt" >"$RUN/promtool.txt" 2>&1 ||
		fail "promtool: $(cat "$RUN/promtool.txt")"
	[ -s "$RUN/promtool.txt" ] && fail "promtool lint: $(cat "$RUN/promtool.txt")"
	echo "   promtool: clean ($(grep -c '^sriovd_' "$RUN/metrics.txt") samples)"
else
	echo "   NOTE: $PROMTOOL missing (Debian package prometheus): not checked"
fi

step "config edit + SIGHUP: VF-2's MAC changes, VF0/VF1 keep forwarding, no reset"
RESETS_RX=$(grep -c 'reset' "$RUN/rx.log")
RESETS_TX=$(grep -c 'reset' "$RUN/tx.log")
sed -i "s/VF-2 { mac-addr : \"[0-9a-f:]*\"; }/VF-2 { mac-addr : \"$MAC2_NEW\"; }/" "$CONF/x710-sim.conf"
grep -q "$MAC2_NEW" "$CONF/x710-sim.conf" || fail "could not edit the config"
kill -HUP "$D_PID"
vf2_changed() { api GET "/v1/pfs/$PF/vfs/2" | grep -q "\"mac-addr\": \"$MAC2_NEW\""; }
poll "VF-2's MAC change" vf2_changed
flowing "after SIGHUP"
[ "$(grep -c 'reset' "$RUN/rx.log")" = "$RESETS_RX" ] || fail "VF1 saw a reset"
[ "$(grep -c 'reset' "$RUN/tx.log")" = "$RESETS_TX" ] || fail "VF0 saw a reset"
echo "   VF-2 now $MAC2_NEW; traffic flowing; no reset seen by testpmd"

step "load (reported, not asserted): 16 concurrent API clients"
LOAD=$(dirname "$SRIOVD")/sriovd-load
for p in /v1/health /v1/pfs /metrics; do
	"$LOAD" "$SOCK" 16 200 "$p" | sed 's/^/   /' || fail "requests to $p failed under load"
done
flowing "after the load"

step "kill -9 sriovd, restart: traffic keeps flowing, state identical"
# What must not change: everything but the counters, which traffic moves.
state_now >"$RUN/before.json" || fail "GET /v1/pfs"
grep -q '"active": true' "$RUN/before.json" || fail "no VF session is active before the kill"
kill -9 "$D_PID"; wait "$D_PID" 2>/dev/null; D_PID=
start_sriovd sriovd2
api GET /v1/pfs | grep -q '"adopted": true' ||
	fail "the restarted sriovd did not adopt the PF: $(grep -i adopt "$RUN/sriovd2.log" | tail -3)"
state_now >"$RUN/after.json"
diff -u "$RUN/before.json" "$RUN/after.json" >"$RUN/state.diff" ||
	fail "state differs after restart: $(head -20 "$RUN/state.diff")"
flowing "after restart"
grep -q 'serves mailboxes only by blocking' "$RUN/sriovd2.log" &&
	fail "sriovd runs a serve thread: the backend's service op was not used"
echo "   adopted; identical state (sessions still active); traffic flowing"

step "per-VF counters of the API equal the model's once VF0 stops sending"
# model_vf N FIELD...: the sum of the fields of PF 0's Nth VF VSI in the model.
model_vf() {
	"$X710_SIM" stats --dir "$DIR" --json | jq "[.model.vsis[] | select(.pf == 0 and
		.type == \"vf\")] | sort_by(.vf_abs) | .[$1] | $2"
}
api_vf() { api GET "/v1/pfs/$PF/vfs/$1" | jq ".status.counters.$2"; }
counters_match() {
	[ "$(api_vf 0 tx_bytes)" = "$(model_vf 0 .tx_bytes)" ] &&
	[ "$(api_vf 0 tx_packets)" = "$(model_vf 0 '.tx_unicast + .tx_multicast + .tx_broadcast')" ] &&
	[ "$(api_vf 1 rx_bytes)" = "$(model_vf 1 .rx_bytes)" ] &&
	[ "$(api_vf 1 rx_packets)" = "$(model_vf 1 '.rx_unicast + .rx_multicast + .rx_broadcast')" ]
}
printf 'stop\n' >&5
n=0
until counters_match; do
	n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || fail "API counters VF0 tx $(api_vf 0 tx_packets) \
packets / VF1 rx $(api_vf 1 rx_packets), model $(model_vf 0 .tx_unicast) / $(model_vf 1 .rx_unicast)"
	sleep 0.1
done
[ "$(api_vf 0 tx_packets)" -gt 0 ] || fail "VF0 sent nothing by the counters"
echo "   VF0 tx $(api_vf 0 tx_packets) packets / $(api_vf 0 tx_bytes) bytes, VF1 rx \
$(api_vf 1 rx_packets) packets: equal to the model's"

traffic_stop
pass
