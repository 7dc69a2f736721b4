#!/bin/sh
# Issue 6, restart without disruption under a service manager: sriovd
# --fd-store=systemd keeps the PF's device memory (HMC page, VF sessions)
# in the manager's fd store, not in a keeper process (which systemd would
# kill with the cgroup). A fake manager (fake_fdstore_manager) stands in
# for systemd: x710-sim, sriovd under the manager, two unmodified
# dpdk-testpmd (net_iavf) forward VF0 -> VF1 through sessions sriovd
# answered on the mailbox; kill -9 sriovd; the manager restarts it with the
# stored fds (LISTEN_FDS); the new sriovd adopts the PF: no PF or VF reset,
# the same state, traffic still flowing. No keeper may exist at any time.
# Readiness is always a poll against a deadline, never a bare sleep.
# Usage: sriovd_fdstore.sh X710_SIM SRIOVD FAKE_MANAGER SOURCE_ROOT. Exit 77 = skipped.
set -u
X710_SIM=$1
SRIOVD=$2
MANAGER=$3
SRC=$4
TESTPMD=/usr/bin/dpdk-testpmd
PF=0000:01:00.0
MAC0=02:00:00:00:05:00
MAC1=02:00:00:00:05:01
NEED_HUGEPAGES=100
DEADLINE=600                # polls of 0.1 s
MIN_BYTES=64000             # 1000 minimum-size frames

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root"
[ -x "$TESTPMD" ] || skip "$TESTPMD is not installed (Debian package dpdk)"
command -v curl >/dev/null || skip "curl is not installed"
command -v jq >/dev/null || skip "jq is not installed (Debian package jq)"
FREE=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages 2>/dev/null || echo 0)
[ "$FREE" -ge "$NEED_HUGEPAGES" ] || skip "needs $NEED_HUGEPAGES free 2 MiB hugepages, $FREE free"

RUN=${SRIOV_BUILD_ROOT:-/tmp}/tests/integration/sriovd_fdstore.$$
DIR=$RUN/sim
CONF=$RUN/iov
SOCK=$RUN/run/sriovd.sock
MLOG=$RUN/manager.log
mkdir -p "$RUN" "$CONF" "$RUN/state" || { echo "FAIL: cannot create $RUN"; exit 1; }
M_PID= RX_PID= TX_PID=
STEP=0

fail() {
	echo "FAIL (step $STEP): $*"
	for f in "$MLOG" "$RUN"/sriovd.*.log "$RUN/rx.log" "$RUN/tx.log"; do
		[ -f "$f" ] && { echo "--- $(basename "$f") (tail)"; tail -30 "$f"; }
	done
	exit 1
}

cleanup() {
	for p in $TX_PID $RX_PID; do kill "$p" 2>/dev/null; done
	# SIGTERM to the manager stops sriovd and lets go of the stored fds.
	[ -n "$M_PID" ] && kill -TERM "$M_PID" 2>/dev/null
	wait 2>/dev/null
	"$X710_SIM" stop --dir "$DIR" >/dev/null 2>&1
	rm -rf "/var/run/dpdk/fdstore-rx-$$" "/var/run/dpdk/fdstore-tx-$$"
}
trap cleanup EXIT
# meson's timeout sends SIGTERM: exit through the EXIT trap, stopping everything.
trap 'exit 1' HUP INT TERM PIPE

step() { STEP=$((STEP + 1)); echo "$STEP. $*"; }

# poll WHAT CMD...: until CMD succeeds, the manager alive, within the deadline.
poll() {
	what=$1
	shift
	n=0
	until "$@"; do
		kill -0 "$M_PID" 2>/dev/null || fail "$what: the manager exited first"
		n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || fail "$what: not seen in time"
		sleep 0.1
	done
}

has_line() { grep -qE "$2" "$1" 2>/dev/null; }
lines() { grep -cE "$2" "$1" 2>/dev/null; }

api() { curl -sS --unix-socket "$SOCK" "http://sriovd$1"; }
ready() { api /v1/health 2>/dev/null | grep -q '"ready": true'; }

# The pid of the Nth process the manager started.
started_pid() { grep -E '^manager: started pid' "$MLOG" | sed -n "${1}p" | awk '{print $4}'; }

no_keeper() {
	[ ! -e "$RUN/state/fdkeeper.pid" ] && [ ! -e "$RUN/state/fdkeeper.sock" ] ||
		fail "$1: a keeper process was started ($(ls "$RUN/state"))"
}

"$X710_SIM" start --pfs 1 --vfs-per-pf 4 --dir "$DIR" || fail "x710-sim start"
cp "$SRC/examples/iov/x710-sim.conf" "$CONF/x710-sim.conf"

step "sriovd --fd-store=systemd under the fake manager: validate, apply, READY=1"
# sh's exec keeps the pid (LISTEN_PID) and fds 3.. (LISTEN_FDS); x710-sim
# exec registers that pid for DMA and execs sriovd; one log per sriovd pid.
"$MANAGER" --socket "$RUN/notify.sock" --restarts 1 -- \
	sh -c 'exec "$0" "$@" >"'"$RUN"'/sriovd.$$.log" 2>&1' \
	"$X710_SIM" exec --dir "$DIR" -- "$SRIOVD" --fd-store=systemd -d "$CONF" \
	-s "$RUN/state" -S "$SOCK" -k "$RUN/config.json" >"$MLOG" 2>&1 &
M_PID=$!
poll "READY=1" has_line "$MLOG" '^manager: READY=1 from pid'
poll "sriovd's API" ready
D1=$(started_pid 1)
HMC_FD="sriovd.x710-$(echo $PF | sed 's/:/%3A/g')-"
has_line "$MLOG" "^manager: stored ${HMC_FD}hmc " || fail "the HMC page is not in the fd store"
has_line "$MLOG" "^manager: stored ${HMC_FD}vchost " || fail "the VF sessions are not in the fd store"
no_keeper "after boot"
grep '^manager: stored' "$MLOG" | sed 's/^/   /'

step "testpmd (net_iavf): rxonly on VF1, txonly on VF0 -> VF1"
poll "virtfn1 under $PF" test -e "$DIR/devices/$PF/virtfn1"
VF0=$(basename "$(readlink "$DIR/devices/$PF/virtfn0")")
VF1=$(basename "$(readlink "$DIR/devices/$PF/virtfn1")")
start_testpmd() {
	mkfifo "$RUN/$1.in"
	"$X710_SIM" exec --dir "$DIR" -- stdbuf -oL "$TESTPMD" -a "$2" --iova-mode=pa -m 64 \
		--file-prefix "fdstore-$1-$$" -- -i --total-num-mbufs=2048 \
		<"$RUN/$1.in" >"$RUN/$1.log" 2>&1 &
}
start_testpmd rx "$VF1"; RX_PID=$!; exec 4>"$RUN/rx.in"
start_testpmd tx "$VF0"; TX_PID=$!; exec 5>"$RUN/tx.in"
poll "rx prompt" has_line "$RUN/rx.log" "testpmd> "
poll "tx prompt" has_line "$RUN/tx.log" "testpmd> "
echo "show port info 0" >&4
echo "show port info 0" >&5
poll "VF1 MAC $MAC1" has_line "$RUN/rx.log" "MAC address: $MAC1"
poll "VF0 MAC $MAC0" has_line "$RUN/tx.log" "MAC address: $MAC0"
printf 'set fwd rxonly\nstart\n' >&4
printf 'set fwd txonly\nset eth-peer 0 %s\nstart\n' "$MAC1" >&5

# rx_now: VF1's RX-bytes after asking testpmd again (sriovd_x710.sh: bytes,
# because iavf's RX-packets underflows against the model).
rx_now() {
	before=$(lines "$RUN/rx.log" 'RX-bytes')
	echo "show port stats 0" >&4
	n=0
	until [ "$(lines "$RUN/rx.log" 'RX-bytes')" -gt "$before" ]; do
		n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || return 1
		sleep 0.1
	done
	grep -oE 'RX-bytes: +[0-9]+' "$RUN/rx.log" | tail -1 | grep -oE '[0-9]+$'
}
flowing() {
	a=$(rx_now) || fail "$1: testpmd on VF1 does not answer"
	n=0
	while :; do
		b=$(rx_now) || fail "$1: testpmd on VF1 does not answer"
		[ "$b" -gt "$a" ] && break
		n=$((n + 1)); [ "$n" -le 50 ] || fail "$1: traffic VF0 -> VF1 stopped"
	done
}
n=0
until b=$(rx_now) && [ "$b" -ge "$MIN_BYTES" ]; do
	n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || fail "VF1 got fewer than $MIN_BYTES bytes"
done
echo "   VF1 RX-bytes $(rx_now)"

step "kill -9 sriovd (pid $D1): the manager restarts it with the stored fds"
state_now() {
	api /v1/pfs | jq -S 'del(.pfs[].adopted, .pfs[].mailbox_served)
		| .pfs[].vfs[] |= (if .status then .status |= del(.counters,
		  .mailbox_requests, .mailbox_denied) else . end)'
}
state_now >"$RUN/before.json" || fail "GET /v1/pfs"
grep -q '"active": true' "$RUN/before.json" || fail "no VF session is active before the kill"
RESETS_RX=$(lines "$RUN/rx.log" 'reset')
RESETS_TX=$(lines "$RUN/tx.log" 'reset')
kill -9 "$D1" || fail "cannot kill sriovd $D1"
restarted() { [ "$(lines "$MLOG" '^manager: started pid')" -ge 2 ]; }
poll "the restart" restarted
D2=$(started_pid 2)
[ -n "$D2" ] && [ "$D2" != "$D1" ] || fail "no second sriovd"
has_line "$MLOG" "^manager: started pid $D2 with [1-9][0-9]* fd" || fail "restarted without fds"
has_line "$MLOG" "^manager: pid $D1 killed by signal 9" || fail "the manager did not see the kill"
has_line "$MLOG" "^manager: passed fd [0-9]+ = ${HMC_FD}hmc$" || fail "the HMC page was not passed back"
grep '^manager: passed' "$MLOG" | sed 's/^/   /'
poll "the restarted sriovd's API" ready
no_keeper "after the restart"

step "the new sriovd (pid $D2) adopted the PF: no reset, same state, traffic flowing"
LOG2=$RUN/sriovd.$D2.log
has_line "$LOG2" 'fd store: the service manager passed [0-9]+ fd\(s\), [0-9]+ kept' ||
	fail "sriovd $D2 did not take the fds: $(grep 'fd store' "$LOG2")"
grep 'fd store' "$LOG2" | sed 's/^/   /'
api /v1/pfs | grep -q '"adopted": true' ||
	fail "the restarted sriovd did not adopt the PF: $(grep -i adopt "$LOG2" | tail -3)"
has_line "$LOG2" 'cannot adopt|cannot be adopted' && fail "sriovd $D2: $(grep adopt "$LOG2")"
state_now >"$RUN/after.json"
diff -u "$RUN/before.json" "$RUN/after.json" >"$RUN/state.diff" ||
	fail "state differs after restart: $(head -20 "$RUN/state.diff")"
flowing "after the restart"
[ "$(lines "$RUN/rx.log" 'reset')" = "$RESETS_RX" ] || fail "VF1 saw a reset"
[ "$(lines "$RUN/tx.log" 'reset')" = "$RESETS_TX" ] || fail "VF0 saw a reset"
echo "   adopted; identical state (sessions still active); no reset; traffic flowing"

printf 'quit\n' >&4
printf 'quit\n' >&5
wait "$RX_PID" "$TX_PID" 2>/dev/null
RX_PID= TX_PID=
cleanup
trap - EXIT HUP INT TERM PIPE
rm -rf "$RUN"
echo "PASS"
