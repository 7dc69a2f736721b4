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
PF=0000:01:00.0
MAC0=02:00:00:00:05:00
MAC1=02:00:00:00:05:01
NEED_HUGEPAGES=100

LOGS="manager.log sriovd.*.log rx.log tx.log"
# step, fail, cleanup, poll, api, traffic, state_now (DEADLINE, MIN_BYTES).
. "$(dirname "$0")/sriovd_lib.sh"
# Every wait ends when the manager dies; cleanup's SIGTERM to it stops
# sriovd and lets go of the stored fds.
D_NAME="the manager"
MLOG=$RUN/manager.log
need_root_hugepages $NEED_HUGEPAGES
need_testpmd
need_cmds curl jq
run_dirs

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
D_PID=$!
poll "READY=1" has_line "$MLOG" '^manager: READY=1 from pid'
poll "sriovd's API" ready
D1=$(started_pid 1)
HMC_FD="sriovd.x710-$(echo $PF | sed 's/:/%3A/g')-"
has_line "$MLOG" "^manager: stored ${HMC_FD}hmc " || fail "the HMC page is not in the fd store"
has_line "$MLOG" "^manager: stored ${HMC_FD}vchost " || fail "the VF sessions are not in the fd store"
no_keeper "after boot"
grep '^manager: stored' "$MLOG" | sed 's/^/   /'

step "testpmd (net_iavf): rxonly on VF1, txonly on VF0 -> VF1"
vf_bdfs "$PF"
traffic_start "$MAC0" "$MAC1"

step "kill -9 sriovd (pid $D1): the manager restarts it with the stored fds"
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
api GET /v1/pfs | grep -q '"adopted": true' ||
	fail "the restarted sriovd did not adopt the PF: $(grep -i adopt "$LOG2" | tail -3)"
has_line "$LOG2" 'cannot adopt|cannot be adopted' && fail "sriovd $D2: $(grep adopt "$LOG2")"
state_now >"$RUN/after.json"
diff -u "$RUN/before.json" "$RUN/after.json" >"$RUN/state.diff" ||
	fail "state differs after restart: $(head -20 "$RUN/state.diff")"
flowing "after the restart"
[ "$(lines "$RUN/rx.log" 'reset')" = "$RESETS_RX" ] || fail "VF1 saw a reset"
[ "$(lines "$RUN/tx.log" 'reset')" = "$RESETS_TX" ] || fail "VF0 saw a reset"
echo "   adopted; identical state (sessions still active); no reset; traffic flowing"

traffic_stop
pass
