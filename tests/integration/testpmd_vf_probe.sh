#!/bin/sh
# Must-show of issue 3: unmodified Debian dpdk-testpmd, started with
# `x710-sim exec`, probes a simulated VF with net_iavf, and the VF's
# VERSION message reaches the PF's ARQ as a 0x0801 event carrying the
# absolute VF id. pf_play plays the PF (PF1, so the absolute id differs
# from the PF-relative one) until our PF host exists.
# Usage: testpmd_vf_probe.sh X710_SIM PF_PLAY. Exit 77 = skipped.
set -u
X710_SIM=$1
PF_PLAY=$2
TESTPMD=/usr/bin/dpdk-testpmd
PF=0000:01:00.1
VF_INDEX=1
NEED_HUGEPAGES=48       # testpmd -m 64 (32 pages) + pf_play (1) + slack
READY_DEADLINE=300      # x 0.1 s
TESTPMD_TIMEOUT=60

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

[ "$(id -u)" = 0 ] || skip "needs root (mount namespace, pagemap physical addresses)"
[ -x "$TESTPMD" ] || skip "$TESTPMD is not installed (Debian package dpdk)"
FREE=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages 2>/dev/null || echo 0)
[ "$FREE" -ge "$NEED_HUGEPAGES" ] ||
	skip "needs $NEED_HUGEPAGES free 2 MiB hugepages, $FREE free (echo 512 > /proc/sys/vm/nr_hugepages)"

RUN=${SRIOV_BUILD_ROOT:?set by meson test_env}/tests/integration/testpmd_vf_probe.$$
DIR=$RUN/sim
PREFIX=x710sim-probe-$$
mkdir -p "$RUN" || fail "cannot create $RUN"
PLAY_PID=
TP_PID=

# Stop everything this test started. The daemon goes by its pid file if
# the control socket does not answer, so no simulator outlives the test.
cleanup() {
	[ -n "$TP_PID" ] && kill "$TP_PID" 2>/dev/null
	[ -n "$PLAY_PID" ] && kill "$PLAY_PID" 2>/dev/null
	wait 2>/dev/null
	if ! "$X710_SIM" stop --dir "$DIR" >/dev/null 2>&1 && [ -s "$DIR/x710-sim.pid" ]; then
		kill "$(cat "$DIR/x710-sim.pid")" 2>/dev/null
	fi
	rm -rf "/var/run/dpdk/$PREFIX"
}
trap cleanup EXIT

"$X710_SIM" start --pfs 2 --vfs-per-pf 4 --dir "$DIR" || fail "x710-sim start (log: $DIR/x710-sim.log)"

"$X710_SIM" exec --dir "$DIR" -- "$PF_PLAY" --pf "$PF" --vf "$VF_INDEX" --vfs 2 \
	--ready-file "$RUN/ready" --timeout "$TESTPMD_TIMEOUT" --answer >"$RUN/pf_play.log" 2>&1 &
PLAY_PID=$!

# Wait, with a deadline, until pf_play has enabled the VFs and marked ours active.
n=0
while [ ! -s "$RUN/ready" ]; do
	if ! kill -0 "$PLAY_PID" 2>/dev/null; then
		cat "$RUN/pf_play.log"
		fail "pf_play exited before the VF was ready"
	fi
	n=$((n + 1))
	[ "$n" -le "$READY_DEADLINE" ] || { cat "$RUN/pf_play.log"; fail "VF not ready in time"; }
	sleep 0.1
done
VF=$(cat "$RUN/ready")
echo "VF under test: $VF (PF $PF, VF $VF_INDEX)"

printf 'show port info all\nquit\n' >"$RUN/testpmd.cmds"
timeout "$TESTPMD_TIMEOUT" "$X710_SIM" exec --dir "$DIR" -- "$TESTPMD" -a "$VF" \
	--iova-mode=pa -m 64 --file-prefix "$PREFIX" --log-level='pmd.net.iavf.*:debug' \
	-- -i --total-num-mbufs=2048 <"$RUN/testpmd.cmds" >"$RUN/testpmd.log" 2>&1 &
TP_PID=$!
wait "$TP_PID"
TP_RC=$?
TP_PID=

echo "--- x710-sim status and stats after testpmd ---"
"$X710_SIM" status --dir "$DIR"
"$X710_SIM" stats --dir "$DIR"
kill -TERM "$PLAY_PID" 2>/dev/null
wait "$PLAY_PID"
PLAY_RC=$?
PLAY_PID=

echo "--- pf_play ---"
cat "$RUN/pf_play.log"
echo "--- testpmd (exit $TP_RC), how far it got ---"
grep -E 'Probe PCI|VF is|Peer is|Using|Port 0|Link|MAC address|cannot|fail|error|Bye' "$RUN/testpmd.log" | sort | uniq -c | head -40
echo "--- x710-sim log ---"
cat "$DIR/x710-sim.log"

grep -q "PASS: VERSION" "$RUN/pf_play.log" || fail "no correct VERSION event on the PF ARQ (pf_play exit $PLAY_RC)"
[ "$PLAY_RC" = 0 ] || fail "pf_play exit $PLAY_RC"
cleanup
trap - EXIT
rm -rf "$RUN"
echo "PASS"
