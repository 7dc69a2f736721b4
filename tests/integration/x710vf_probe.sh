#!/bin/sh
# net_x710vf at probe level, until our PF host serves VFs: unmodified
# Debian dpdk-testpmd loads the plugin with -d under `x710-sim exec`;
# pf_play plays a minimal PF (VERSION 1.1, GET_VF_RESOURCES, ack the rest).
# Checks: the port is driven by net_x710vf (not Debian's net_iavf), it has
# the MAC pf_play granted, configure/start/stop/close go through, and
# close shuts the VF admin queue down.
# Usage: x710vf_probe.sh X710_SIM PF_PLAY PMD_SO. Exit 77 = skipped.
set -u
X710_SIM=$1
PF_PLAY=$2
PMD=$3
TESTPMD=/usr/bin/dpdk-testpmd
PF=0000:01:00.1
VF_INDEX=1
PF_PLAY_MAC=02:00:00:00:71:10   # ANSWER default_mac_addr in pf_play.c
NEED_HUGEPAGES=48
READY_DEADLINE=300              # polls of 0.1 s
TESTPMD_TIMEOUT=60

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

[ "$(id -u)" = 0 ] || skip "needs root (mount namespace, pagemap physical addresses)"
[ -x "$TESTPMD" ] || skip "$TESTPMD is not installed (Debian package dpdk)"
[ -f "$PMD" ] || fail "plugin $PMD not built"
. "$(dirname "$0")/plugin_path.sh"
PMD_BUILT=$PMD
PMD=$(safe_plugin "$PMD_BUILT") || fail "cannot place $PMD_BUILT where EAL loads plugins"
FREE=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages 2>/dev/null || echo 0)
[ "$FREE" -ge "$NEED_HUGEPAGES" ] || skip "needs $NEED_HUGEPAGES free 2 MiB hugepages, $FREE free"

RUN=${SRIOV_BUILD_ROOT:?set by meson test_env}/tests/integration/x710vf_probe.$$
DIR=$RUN/sim
PREFIX=x710vf-probe-$$
mkdir -p "$RUN" || fail "cannot create $RUN"
PLAY_PID=

cleanup() {
	[ -n "$PLAY_PID" ] && kill "$PLAY_PID" 2>/dev/null
	wait 2>/dev/null
	if ! "$X710_SIM" stop --dir "$DIR" >/dev/null 2>&1 && [ -s "$DIR/x710-sim.pid" ]; then
		kill "$(cat "$DIR/x710-sim.pid")" 2>/dev/null
	fi
	rm -rf "/var/run/dpdk/$PREFIX"
	drop_safe_plugin_copy "$PMD_BUILT" "$PMD"
}
trap cleanup EXIT

"$X710_SIM" start --pfs 2 --vfs-per-pf 4 --dir "$DIR" || fail "x710-sim start (log: $DIR/x710-sim.log)"
"$X710_SIM" exec --dir "$DIR" -- "$PF_PLAY" --pf "$PF" --vf "$VF_INDEX" --vfs 2 \
	--ready-file "$RUN/ready" --timeout "$TESTPMD_TIMEOUT" --answer >"$RUN/pf_play.log" 2>&1 &
PLAY_PID=$!

n=0
while [ ! -s "$RUN/ready" ]; do
	kill -0 "$PLAY_PID" 2>/dev/null || { cat "$RUN/pf_play.log"; fail "pf_play exited early"; }
	n=$((n + 1))
	[ "$n" -le "$READY_DEADLINE" ] || { cat "$RUN/pf_play.log"; fail "VF not ready in time"; }
	sleep 0.1
done
VF=$(cat "$RUN/ready")
echo "VF under test: $VF"

# One queue pair (pf_play grants one); start/stop cycle, then close by quit.
cat >"$RUN/testpmd.cmds" <<CMDS
show port info 0
port stop 0
port start 0
show port stats 0
show port xstats 0
quit
CMDS
timeout "$TESTPMD_TIMEOUT" "$X710_SIM" exec --dir "$DIR" -- "$TESTPMD" -d "$PMD" -a "$VF" \
	--iova-mode=pa -m 64 --file-prefix "$PREFIX" --log-level='pmd.net.x710vf*:info' \
	-- -i --total-num-mbufs=2048 --rxq=1 --txq=1 <"$RUN/testpmd.cmds" >"$RUN/testpmd.log" 2>&1
TP_RC=$?
sed -n '1,200p' "$RUN/testpmd.log"

grep -q "Driver name: net_x710vf" "$RUN/testpmd.log" || fail "port not driven by net_x710vf"
grep -qi "MAC address: $PF_PLAY_MAC" "$RUN/testpmd.log" || fail "MAC is not the one the PF granted"
grep -q "pf_rx_bytes" "$RUN/testpmd.log" || fail "no PF-side xstats"
grep -q "Port 0 is closed\|Closing ports" "$RUN/testpmd.log" || fail "no clean close"
grep -q "Bye" "$RUN/testpmd.log" || fail "testpmd did not exit cleanly (rc $TP_RC)"
[ "$TP_RC" = 0 ] || fail "testpmd exit $TP_RC"
grep -q "answered virtchnl op 6 " "$RUN/pf_play.log" || fail "no CONFIG_VSI_QUEUES reached the PF"
grep -q "answered virtchnl op 8 " "$RUN/pf_play.log" || fail "no ENABLE_QUEUES reached the PF"
cleanup
trap - EXIT
rm -rf "$RUN"
echo "PASS"
