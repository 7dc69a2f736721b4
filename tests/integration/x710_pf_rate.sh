#!/bin/sh
# max-tx-rate end to end on the simulated X710, the PF owned by sriovd with
# x710_pf_rate.conf (VF-0 max-tx-rate 100, VF-1 none):
#  1. the model holds VF-0's limit (config_vsi_bw_limit: credit 2, burst
#     max_credit 4) and none for VF-1; `sriovctl -L` (through sriovd) shows it.
#  2. x710_pf_sender on VF-0 (net_iavf) keeps its Tx ring full of 1000-byte
#     frames for SECONDS: the model's tx_bytes stay within what the token
#     bucket allows, rate x T + burst, and something was sent. T encloses
#     the model's own interval: CLOCK_BOOTTIME (/proc/uptime, never shorter
#     than the model's CLOCK_MONOTONIC) from before the sender starts to
#     after the counters are read. A slow machine only makes T longer: no
#     timing can fail the test, only bytes the bucket never allowed.
#  3. a live change (config edit + SIGHUP): VF-1 gets 1000 Mbit/s; its VSI
#     and VF-0's keep their SEIDs (no VF reset) and VF-0's limit is unchanged.
# Usage: x710_pf_rate.sh X710_SIM SRIOVD SRIOVCTL SENDER TESTS_DIR. Exit 77 = skipped.
set -u
X710_SIM=$1
SRIOVD=$2
SRIOVCTL=$3
SENDER=$4
TESTS=$5
. "$TESTS/x710_pf_lib.sh"
PF=0000:01:00.0
MAC0=02:00:00:00:07:00
PEER=02:00:00:00:07:01       # VF-1: the frames go somewhere real
SECONDS_TX=2
FRAME=1000                   # bytes, no FCS (the VSI's tx_bytes exclude it)
RATE_BPS=12500000            # 100 Mbit/s in bytes/s: 2 credits x 50 Mbit/s
# The model's bucket: 2^max_credit x 6250 B, at least one 9728 B frame
# (sim/model/README.md); the backend asks for max_credit 4.
BURST=$((16 * 6250))

need_root_hugepages 100      # the sender: -m 32, slack
command -v jq >/dev/null || skip "jq is not installed (Debian package jq)"

RUN=${SRIOV_BUILD_ROOT:-/tmp}/tests/integration/x710_pf_rate.$$
DIR=$RUN/sim
SOCK=$RUN/run/sriovd.sock
LOGS="sriovd send0"
mkdir -p "$RUN/iov" "$RUN/state" || { echo "FAIL: cannot create $RUN"; exit 1; }
D_PID= SEND_PID=
cleanup() {
	[ -n "$SEND_PID" ] && kill "$SEND_PID" 2>/dev/null
	[ -n "$D_PID" ] && kill -TERM "$D_PID" 2>/dev/null
	wait 2>/dev/null
	[ -f "$RUN/state/fdkeeper.pid" ] && kill "$(cat "$RUN/state/fdkeeper.pid")" 2>/dev/null
	"$X710_SIM" stop --dir "$DIR" >/dev/null 2>&1
	rm -rf "/var/run/dpdk/x710pf-send0-$$"
}
trap cleanup EXIT

# stats_json: the model's counters now, into $RUN/stats.json.
stats_json() {
	"$X710_SIM" stats --dir "$DIR" --json >"$RUN/stats.json" || fail "x710-sim stats --json"
}
# vsi VF KEY: KEY of PF 0's VF VSI with PF-relative index VF.
vsi() {
	jq -r --argjson vf "$1" --arg k "$2" \
		'[.. | objects | select(.type? == "vf" and .pf == 0 and .vf == $vf)][0][$k]' \
		"$RUN/stats.json"
}
# uptime_cs: CLOCK_BOOTTIME in centiseconds (/proc/uptime's resolution).
uptime_cs() {
	awk '{ split($1, t, "."); print t[1] * 100 + t[2] }' /proc/uptime
}

"$X710_SIM" start --pfs 1 --vfs-per-pf 2 --dir "$DIR" || fail "x710-sim start"
cp "$TESTS/x710_pf_rate.conf" "$RUN/iov/rate.conf"
"$X710_SIM" exec --dir "$DIR" -- "$SRIOVD" -d "$RUN/iov" -s "$RUN/state" -S "$SOCK" \
	-k "$RUN/config.json" >"$RUN/sriovd.log" 2>&1 &
D_PID=$!
n=0
until curl -sS --unix-socket "$SOCK" http://sriovd/v1/health 2>/dev/null | grep -q '"ready": true' &&
      [ -e "$DIR/devices/$PF/virtfn1" ]; do
	kill -0 "$D_PID" 2>/dev/null || fail "sriovd exited during boot"
	n=$((n + 1))
	[ "$n" -le "$DEADLINE" ] || fail "sriovd not ready with 2 VFs in time"
	sleep 0.1
done
VF0=$(basename "$(readlink "$DIR/devices/$PF/virtfn0")")

echo "1. VF-0's limit in the model and in sriovctl -L"
stats_json
C0=$(vsi 0 bw_credit) M0=$(vsi 0 bw_max_credit) C1=$(vsi 1 bw_credit)
echo "   model: VF-0 bw_credit $C0 bw_max_credit $M0 ($(vsi 0 bw_rate_bps) bit/s), VF-1 bw_credit $C1"
[ "$C0" = 2 ] && [ "$M0" = 4 ] && [ "$C1" = 0 ] ||
	fail "want VF-0 credit 2 max_credit 4 and VF-1 unlimited"
SEID0=$(vsi 0 seid) SEID1=$(vsi 1 seid)
"$SRIOVCTL" -L -d "$PF" --socket "$SOCK" >"$RUN/list.txt" 2>&1 || fail "sriovctl -L: $(cat "$RUN/list.txt")"
grep -E "max-tx-mbps" "$RUN/list.txt" | sed 's/^/   /'
grep -qE "max-tx-mbps[ :=]+100\b" "$RUN/list.txt" || fail "sriovctl -L does not show VF-0's 100 Mbit/s"

echo "2. VF-0 sends $FRAME-byte frames for $SECONDS_TX s at a full Tx ring"
T0=$(uptime_cs)
mkfifo "$RUN/send0.in"
"$X710_SIM" exec --dir "$DIR" -- "$SENDER" -a "$VF0" --iova-mode=pa -m 32 \
	--file-prefix "x710pf-send0-$$" -- --src "$MAC0" --dst "$PEER" --seconds "$SECONDS_TX" \
	--len "$FRAME" <"$RUN/send0.in" >"$RUN/send0.log" 2>&1 &
SEND_PID=$!
exec 6>"$RUN/send0.in"
wait_for "$RUN/send0.log" "^sent [0-9]+\$" "$SEND_PID" "VF-0's sender done"
stats_json
T1=$(uptime_cs)
BYTES=$(vsi 0 tx_bytes)
QUEUED=$(grep -oE '^sent [0-9]+' "$RUN/send0.log" | grep -oE '[0-9]+')
# Both readings are truncated to 10 ms: +1 cs makes T an upper bound.
T_CS=$((T1 - T0 + 1))
BOUND=$((RATE_BPS * T_CS / 100 + BURST))
echo "   queued $QUEUED frames; model tx_bytes $BYTES in at most $T_CS cs; bucket bound $BOUND"
echo "   (reported, not asserted: $((BYTES * 8 / (T_CS * 10000))) Mbit/s over T)"
[ "${BYTES:-0}" -gt 0 ] || fail "VF-0 sent nothing"
[ "$BYTES" -le "$BOUND" ] || fail "VF-0 sent $BYTES bytes, above rate x T + burst = $BOUND"
exec 6>&-
wait "$SEND_PID" || fail "sender exit $?"
SEND_PID=

echo "3. live: VF-1 gets max-tx-rate 1000 (config edit + SIGHUP)"
sed -i 's/^VF-1 { mac-addr : "\([0-9a-f:]*\)"; }/VF-1 { mac-addr : "\1"; max-tx-rate : 1000; }/' \
	"$RUN/iov/rate.conf"
grep -q "max-tx-rate : 1000" "$RUN/iov/rate.conf" || fail "could not edit the config"
kill -HUP "$D_PID"
n=0
while stats_json; [ "$(vsi 1 bw_credit)" != 20 ]; do
	n=$((n + 1))
	[ "$n" -le "$DEADLINE" ] || fail "VF-1's limit is not 20 credits: $(vsi 1 bw_credit)"
	sleep 0.1
done
[ "$(vsi 0 seid)" = "$SEID0" ] && [ "$(vsi 1 seid)" = "$SEID1" ] ||
	fail "a VSI was rebuilt (SEIDs $SEID0 $SEID1 -> $(vsi 0 seid) $(vsi 1 seid)): a VF reset"
[ "$(vsi 0 bw_credit)" = 2 ] || fail "VF-0's limit changed with VF-1's"
"$SRIOVCTL" -L -d "$PF" --socket "$SOCK" >"$RUN/list.txt" 2>&1 || fail "sriovctl -L"
grep -qE "max-tx-mbps[ :=]+1000\b" "$RUN/list.txt" || fail "sriovctl -L does not show VF-1's 1000"
echo "   VF-1 bw_credit 20, SEIDs unchanged, VF-0 still 2 credits; sriovctl -L shows 1000"

kill -TERM "$D_PID"
wait "$D_PID" 2>/dev/null
D_PID=
# The keeper holds the PF memory past sriovd by design; its pid file goes
# with $RUN, so stop it first (cleanup() cannot find it afterwards).
[ -f "$RUN/state/fdkeeper.pid" ] && kill "$(cat "$RUN/state/fdkeeper.pid")" 2>/dev/null
rm -rf "$RUN"
echo "PASS"
