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
TESTPMD=/usr/bin/dpdk-testpmd
PROMTOOL=/usr/bin/promtool
PF=0000:01:00.0
MAC0=02:00:00:00:05:00
MAC1=02:00:00:00:05:01
MAC2_NEW=02:00:00:00:05:22
NEED_HUGEPAGES=120
DEADLINE=600                # polls of 0.1 s
MIN_BYTES=64000             # 1000 minimum-size frames

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root"
[ -x "$TESTPMD" ] || skip "$TESTPMD is not installed (Debian package dpdk)"
command -v curl >/dev/null || skip "curl is not installed"
command -v jq >/dev/null || skip "jq is not installed (Debian package jq)"
FREE=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages 2>/dev/null || echo 0)
[ "$FREE" -ge "$NEED_HUGEPAGES" ] || skip "needs $NEED_HUGEPAGES free 2 MiB hugepages, $FREE free"

RUN=${SRIOV_BUILD_ROOT:-/tmp}/tests/integration/sriovd_x710.$$
DIR=$RUN/sim
CONF=$RUN/iov
SOCK=$RUN/run/sriovd.sock
mkdir -p "$RUN" "$CONF" "$RUN/state" || { echo "FAIL: cannot create $RUN"; exit 1; }
D_PID= RX_PID= TX_PID=
STEP=0

fail() {
	echo "FAIL (step $STEP): $*"
	for f in sriovd sriovd2 rx tx; do
		[ -f "$RUN/$f.log" ] && { echo "--- $f.log (tail)"; tail -30 "$RUN/$f.log"; }
	done
	exit 1
}

cleanup() {
	for p in $TX_PID $RX_PID; do kill "$p" 2>/dev/null; done
	[ -n "$D_PID" ] && kill -TERM "$D_PID" 2>/dev/null
	wait 2>/dev/null
	# The fd keeper outlives sriovd by design (it holds the HMC page).
	[ -f "$RUN/state/fdkeeper.pid" ] && kill "$(cat "$RUN/state/fdkeeper.pid")" 2>/dev/null
	"$X710_SIM" stop --dir "$DIR" >/dev/null 2>&1
	rm -rf "/var/run/dpdk/sriovd-rx-$$" "/var/run/dpdk/sriovd-tx-$$"
}
trap cleanup EXIT

step() { STEP=$((STEP + 1)); echo "$STEP. $*"; }

wait_for() {
	n=0
	until grep -qE "$2" "$1" 2>/dev/null; do
		kill -0 "$3" 2>/dev/null || fail "$4: the process exited first"
		n=$((n + 1))
		[ "$n" -le "$DEADLINE" ] || fail "$4: not seen in time"
		sleep 0.1
	done
}

count() { grep -oE "$2: +[0-9]+" "$1" | tail -1 | grep -oE '[0-9]+$'; }

api() {   # api METHOD PATH [BODY]
	if [ $# -ge 3 ]; then
		curl -sS --unix-socket "$SOCK" -X "$1" -H 'Content-Type: application/json' \
			--data "$3" "http://sriovd$2"
	else
		curl -sS --unix-socket "$SOCK" -X "$1" "http://sriovd$2"
	fi
}

# start_sriovd LOG: in the simulator's namespace; ready = /v1/health says so.
start_sriovd() {
	"$X710_SIM" exec --dir "$DIR" -- "$SRIOVD" -d "$CONF" -s "$RUN/state" -S "$SOCK" \
		-k "$RUN/config.json" >"$RUN/$1.log" 2>&1 &
	D_PID=$!
	n=0
	until api GET /v1/health 2>/dev/null | grep -q '"ready": true'; do
		kill -0 "$D_PID" 2>/dev/null || fail "sriovd exited during boot"
		n=$((n + 1))
		[ "$n" -le "$DEADLINE" ] || fail "sriovd not ready in time"
		sleep 0.1
	done
}

# rx_now: VF1's RX-bytes after asking testpmd again. Bytes, not packets:
# in the current tree iavf's RX-packets (received - rx_discards) underflows
# against the model (seen with sriovctl -C too), while bytes count honestly.
rx_now() {
	before=$(grep -c 'RX-bytes' "$RUN/rx.log")
	echo "show port stats 0" >&4
	n=0
	until [ "$(grep -c 'RX-bytes' "$RUN/rx.log")" -gt "$before" ]; do
		n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || return 1
		sleep 0.1
	done
	count "$RUN/rx.log" RX-bytes
}

# flowing: VF1's count grows.
flowing() {
	a=$(rx_now) || fail "$1: testpmd on VF1 does not answer"
	n=0
	while :; do
		b=$(rx_now) || fail "$1: testpmd on VF1 does not answer"
		[ "$b" -gt "$a" ] && break
		n=$((n + 1)); [ "$n" -le 50 ] || fail "$1: traffic VF0 -> VF1 stopped"
	done
}

"$X710_SIM" start --pfs 2 --vfs-per-pf 8 --dir "$DIR" || fail "x710-sim start"
cp "$SRC/examples/iov/x710-sim.conf" "$CONF/x710-sim.conf"
printf '# not a config (ignored: only *.conf)\n' >"$CONF/README"

step "sriovd boots on $CONF: validate, apply, READY"
start_sriovd sriovd
grep -E "applied|ready" "$RUN/sriovd.log" | sed 's/^/   /'
n=0
until [ -e "$DIR/devices/$PF/virtfn3" ]; do
	n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || fail "no virtfn3 under $PF"
	sleep 0.1
done
VF0=$(basename "$(readlink "$DIR/devices/$PF/virtfn0")")
VF1=$(basename "$(readlink "$DIR/devices/$PF/virtfn1")")

step "testpmd (net_iavf): rxonly on VF1 $VF1, txonly on VF0 $VF0"
start_testpmd() {
	mkfifo "$RUN/$1.in"
	"$X710_SIM" exec --dir "$DIR" -- stdbuf -oL "$TESTPMD" -a "$2" --iova-mode=pa -m 64 \
		--file-prefix "sriovd-$1-$$" -- -i --total-num-mbufs=2048 \
		<"$RUN/$1.in" >"$RUN/$1.log" 2>&1 &
}
start_testpmd rx "$VF1"; RX_PID=$!; exec 4>"$RUN/rx.in"
start_testpmd tx "$VF0"; TX_PID=$!; exec 5>"$RUN/tx.in"
wait_for "$RUN/rx.log" "testpmd> " "$RX_PID" "rx prompt"
wait_for "$RUN/tx.log" "testpmd> " "$TX_PID" "tx prompt"
echo "show port info 0" >&4
echo "show port info 0" >&5
wait_for "$RUN/rx.log" "MAC address: $MAC1" "$RX_PID" "VF1 MAC $MAC1"
wait_for "$RUN/tx.log" "MAC address: $MAC0" "$TX_PID" "VF0 MAC $MAC0"
printf 'set fwd rxonly\nstart\n' >&4
printf 'set fwd txonly\nset eth-peer 0 %s\nstart\n' "$MAC1" >&5
n=0
until b=$(rx_now) && [ "$b" -ge "$MIN_BYTES" ]; do
	n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || fail "VF1 got fewer than $MIN_BYTES bytes"
done
echo "   VF1 RX-bytes $(rx_now)"

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
n=0
until api GET /v1/pfs/$PF/vfs/2 | grep -q "\"mac-addr\": \"$MAC2_NEW\""; do
	n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || fail "VF-2's MAC did not change"
	sleep 0.1
done
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
state_now() {
	api GET /v1/pfs | jq -S 'del(.pfs[].adopted, .pfs[].mailbox_served)
		| .pfs[].vfs[] |= (if .status then .status |= del(.counters,
		  .mailbox_requests, .mailbox_denied) else . end)'
}
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

printf 'quit\n' >&4
printf 'quit\n' >&5
wait "$RX_PID" "$TX_PID" 2>/dev/null
RX_PID= TX_PID=
cleanup
trap - EXIT
# The keeper holds the PF memory past sriovd by design; its pid file goes
# with $RUN, so stop it first (cleanup() cannot find it afterwards).
[ -f "$RUN/state/fdkeeper.pid" ] && kill "$(cat "$RUN/state/fdkeeper.pid")" 2>/dev/null
rm -rf "$RUN"
echo "PASS"
