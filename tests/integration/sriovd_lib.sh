# Shared by the integration scripts that run sriovd on x710-sim (sourced,
# not run): sriovd_x710, sriovd_fdstore, sriovd_two_pf, sriovctl_daemon.
# On top of x710_pf_lib.sh (skip, need_root_hugepages, wait_for,
# start_testpmd, DEADLINE): numbered steps, failing with the logs, cleanup
# of sriovd + its fd keeper + testpmd + the simulator, polls against the
# deadline, the API over curl, testpmd traffic VF0 -> VF1 and the state
# that must survive a restart.
# The caller sets X710_SIM and LOGS (files under $RUN to show on failure,
# globs allowed), then sources this file, which names the run directory
# after the script: RUN, DIR (the simulator), CONF (/etc/iov), SOCK. D_PID is the
# process whose death ends every wait (sriovd, or the service manager that
# runs it, then D_NAME says so); cleanup sends it SIGTERM.
. "$(dirname "$0")/x710_pf_lib.sh"
RUN=${SRIOV_BUILD_ROOT:-/tmp}/tests/integration/$(basename "$0" .sh).$$
DIR=$RUN/sim
CONF=$RUN/iov
SOCK=$RUN/run/sriovd.sock
MIN_BYTES=64000             # 1000 minimum-size frames
D_PID= RX_PID= TX_PID=
D_NAME=sriovd
STEP=0

step() { STEP=$((STEP + 1)); echo "$STEP. $*"; }

fail() {
	echo "FAIL (step $STEP): $*"
	for f in $LOGS; do
		for g in "$RUN"/$f; do
			[ -f "$g" ] && { echo "--- $(basename "$g") (tail)"; tail -30 "$g"; }
		done
	done
	[ -f "$DIR/x710-sim.log" ] && { echo "--- x710-sim.log (tail)"; tail -20 "$DIR/x710-sim.log"; }
	exit 1
}

# need_cmds CMD...: skip when one is not installed.
need_cmds() {
	for c in "$@"; do
		command -v "$c" >/dev/null || skip "$c is not installed (Debian package $c)"
	done
}

need_testpmd() {
	[ -x "$TESTPMD" ] || skip "$TESTPMD is not installed (Debian package dpdk)"
}

# run_dirs: $RUN with the configuration directory and sriovd's state.
run_dirs() {
	mkdir -p "$RUN" "$CONF" "$RUN/state" || { echo "FAIL: cannot create $RUN"; exit 1; }
}

cleanup() {
	for p in $TX_PID $RX_PID; do kill "$p" 2>/dev/null; done
	[ -n "$D_PID" ] && kill -TERM "$D_PID" 2>/dev/null
	wait 2>/dev/null
	# The fd keeper outlives sriovd by design (it holds the HMC pages).
	[ -f "$RUN/state/fdkeeper.pid" ] && kill "$(cat "$RUN/state/fdkeeper.pid")" 2>/dev/null
	"$X710_SIM" stop --dir "$DIR" >/dev/null 2>&1
	rm -rf /var/run/dpdk/x710pf-rx-$$ /var/run/dpdk/x710pf-tx-$$
}
trap cleanup EXIT
# meson's timeout sends SIGTERM: exit through the EXIT trap, stopping everything.
trap 'exit 1' HUP INT TERM PIPE

# pass: stop everything (the keeper before its pid file goes), remove $RUN.
pass() {
	cleanup
	trap - EXIT HUP INT TERM PIPE
	rm -rf "$RUN"
	echo "PASS"
}

# poll WHAT CMD...: until CMD succeeds (its output dropped), D_PID alive,
# within the deadline.
poll() {
	what=$1
	shift
	n=0
	until "$@" >/dev/null 2>&1; do
		[ -z "$D_PID" ] || kill -0 "$D_PID" 2>/dev/null || fail "$what: $D_NAME exited first"
		n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || fail "$what: not seen in time"
		sleep 0.1
	done
}

has_line() { grep -qE "$2" "$1" 2>/dev/null; }
lines() { grep -cE "$2" "$1" 2>/dev/null; }

# api METHOD PATH [BODY]: one request to sriovd's Unix socket.
api() {
	if [ $# -ge 3 ]; then
		curl -sS --unix-socket "$SOCK" -X "$1" -H 'Content-Type: application/json' \
			--data "$3" "http://sriovd$2"
	else
		curl -sS --unix-socket "$SOCK" -X "$1" "http://sriovd$2"
	fi
}
ready() { api GET /v1/health 2>/dev/null | grep -q '"ready": true'; }

# start_sriovd LOG: sriovd on $CONF in the simulator's namespace; ready when
# ${READY:-ready} succeeds.
start_sriovd() {
	"$X710_SIM" exec --dir "$DIR" -- "$SRIOVD" -d "$CONF" -s "$RUN/state" -S "$SOCK" \
		-k "$RUN/config.json" >"$RUN/$1.log" 2>&1 &
	D_PID=$!
	poll "sriovd ready" "${READY:-ready}"
}

# vf_bdfs PF: VF0 and VF1 set to the BDFs of PF's first two VFs.
vf_bdfs() {
	poll "virtfn1 under $1" test -e "$DIR/devices/$1/virtfn1"
	VF0=$(basename "$(readlink "$DIR/devices/$1/virtfn0")")
	VF1=$(basename "$(readlink "$DIR/devices/$1/virtfn1")")
}

# rx_now: VF1's RX-bytes after asking testpmd again. Bytes, not packets:
# iavf's RX-packets (received - rx_discards) underflows against the model,
# while bytes count honestly.
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

# flowing WHEN: VF1's count grows.
flowing() {
	a=$(rx_now) || fail "$1: testpmd on VF1 does not answer"
	n=0
	while :; do
		b=$(rx_now) || fail "$1: testpmd on VF1 does not answer"
		[ "$b" -gt "$a" ] && break
		n=$((n + 1)); [ "$n" -le 50 ] || fail "$1: traffic VF0 -> VF1 stopped"
	done
}

# traffic_start MAC0 MAC1: unmodified testpmd (net_iavf), rxonly on VF1
# (commands on fd 4), txonly VF0 -> VF1 (fd 5), each VF with its configured
# MAC; returns once VF1 got MIN_BYTES.
traffic_start() {
	start_testpmd rx "$VF1"; RX_PID=$!; exec 4>"$RUN/rx.in"
	start_testpmd tx "$VF0"; TX_PID=$!; exec 5>"$RUN/tx.in"
	wait_for "$RUN/rx.log" "testpmd> " "$RX_PID" "rx prompt"
	wait_for "$RUN/tx.log" "testpmd> " "$TX_PID" "tx prompt"
	echo "show port info 0" >&4
	echo "show port info 0" >&5
	wait_for "$RUN/rx.log" "MAC address: $2" "$RX_PID" "VF1 MAC $2"
	wait_for "$RUN/tx.log" "MAC address: $1" "$TX_PID" "VF0 MAC $1"
	printf 'set fwd rxonly\nstart\n' >&4
	printf 'set fwd txonly\nset eth-peer 0 %s\nstart\n' "$2" >&5
	n=0
	until b=$(rx_now) && [ "$b" -ge "$MIN_BYTES" ]; do
		n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || fail "VF1 got fewer than $MIN_BYTES bytes"
	done
	echo "   VF1 RX-bytes $(rx_now)"
}

traffic_stop() {
	printf 'quit\n' >&4
	printf 'quit\n' >&5
	wait "$RX_PID" "$TX_PID" 2>/dev/null
	RX_PID= TX_PID=
}

# state_now: GET /v1/pfs without what traffic and a restart move (counters,
# mailbox counts, adopted), for a before/after diff.
state_now() {
	api GET /v1/pfs | jq -S 'del(.pfs[].adopted, .pfs[].mailbox_served)
		| .pfs[].vfs[] |= (if .status then .status |= del(.counters,
		  .mailbox_requests, .mailbox_denied) else . end)'
}
