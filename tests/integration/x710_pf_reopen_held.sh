#!/bin/sh
# A PF owner killed while unmodified dpdk-testpmd processes hold its VFs
# (BARs mapped, resource, config and uio fds open), on the simulated X710:
#  1. no hugepage file of the killed owner stays in the hugetlbfs it used
#     (x710-sim exec's private one at /dev/hugepages, seen through the fd
#     keeper that shares the owner's mount namespace) once the next owner
#     has started; no /var/run/dpdk/<prefix> of it either;
#  2. with no kept memory (keeper stopped), the next owner opens the PF
#     afresh: sriov_numvfs 0 removes the held VFs, N creates them again as
#     Linux does, the apply is not rolled back, the VFs stay, and a new
#     testpmd on a re-created VF gets its configured MAC.
# Readiness is always a poll against a deadline, never a bare sleep.
# Usage: x710_pf_reopen_held.sh X710_SIM SRIOVD SOURCE_ROOT. Exit 77 = skipped.
set -u
X710_SIM=$1
SRIOVD=$2
SRC=$3
PF=0000:01:00.0
NUM_VFS=4
MAC0=02:00:00:00:05:00
MAC1=02:00:00:00:05:01
MAC2=02:00:00:00:05:02
NEED_HUGEPAGES=160          # sriovd 32 + three testpmd x 32 + kept pages

RUN=${SRIOV_BUILD_ROOT:-/tmp}/tests/integration/x710_pf_reopen_held.$$
DIR=$RUN/sim
LOGS="owner1 owner2 owner3 rx tx new"
# skip, need_root_hugepages, fail (with the logs above), wait_for, DEADLINE, TESTPMD.
. "$(dirname "$0")/x710_pf_lib.sh"
need_root_hugepages $NEED_HUGEPAGES
[ -x "$TESTPMD" ] || skip "$TESTPMD is not installed (Debian package dpdk)"

mkdir -p "$RUN/iov" "$RUN/state" || { echo "FAIL: cannot create $RUN"; exit 1; }
cp "$SRC/examples/iov/x710-sim.conf" "$RUN/iov/" || fail "no examples/iov/x710-sim.conf"
D_PID= TP_PIDS=

keeper_pid() { cat "$RUN/state/fdkeeper.pid" 2>/dev/null; }

cleanup() {
	for p in $TP_PIDS $D_PID; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	k=$(keeper_pid); [ -n "$k" ] && kill "$k" 2>/dev/null
	"$X710_SIM" stop --dir "$DIR" >/dev/null 2>&1
	for n in rx tx new; do rm -rf "/var/run/dpdk/reopen-$n-$$"; done
}
trap cleanup EXIT
# meson's timeout sends SIGTERM: exit through the EXIT trap, stopping everything.
trap 'exit 1' HUP INT TERM PIPE

# gone PID WHAT: poll until PID has exited.
gone() {
	n=0
	while kill -0 "$1" 2>/dev/null; do
		n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || fail "$2 did not exit"
		sleep 0.1
	done
}

# start_owner LOG: sriovd on the directory, in the simulator's namespace
# (exec keeps the pid: D_PID is sriovd's); ready = its "ready:" line.
start_owner() {
	"$X710_SIM" exec --dir "$DIR" -- "$SRIOVD" -d "$RUN/iov" -s "$RUN/state" \
		-S "$RUN/sriovd.sock" -k "$RUN/config.json" >"$RUN/$1.log" 2>&1 &
	D_PID=$!
	wait_for "$RUN/$1.log" "ready: 1 PF\(s\), $NUM_VFS VF\(s\)" "$D_PID" "$1 ready"
}

# vfs_exactly N: virtfn0..N-1 exist, virtfnN does not.
vfs_exactly() {
	i=0
	while [ "$i" -lt "$1" ]; do
		[ -e "$DIR/devices/$PF/virtfn$i" ] || return 1
		i=$((i + 1))
	done
	[ ! -e "$DIR/devices/$PF/virtfn$1" ]
}

# start_testpmd NAME VF: interactive testpmd as sriovd_x710.sh starts it,
# commands through fd 3 of this shell's FIFO NAME.in.
start_testpmd() {
	mkfifo "$RUN/$1.in"
	"$X710_SIM" exec --dir "$DIR" -- stdbuf -oL "$TESTPMD" -a "$2" --iova-mode=pa -m 64 \
		--file-prefix "reopen-$1-$$" -- -i --total-num-mbufs=2048 \
		<"$RUN/$1.in" >"$RUN/$1.log" 2>&1 &
	TP_PIDS="$TP_PIDS $!"
}

# hugepage_files ROOTPID PREFIX: files of PREFIX in the hugetlbfs that
# process ROOTPID sees at /dev/hugepages (its mount namespace).
hugepage_files() {
	ls "/proc/$1/root/dev/hugepages" 2>/dev/null | grep -c "^$2" || true
}

"$X710_SIM" start --pfs 1 --vfs-per-pf 8 --dir "$DIR" || fail "x710-sim start"

echo "1. owner 1 applies $NUM_VFS VFs; testpmd holds VF0 (txonly) and VF1 (rxonly)"
start_owner owner1
P1=$D_PID
n=0
until vfs_exactly $NUM_VFS; do
	n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || fail "not exactly $NUM_VFS virtfn links"
	sleep 0.1
done
VF0=$(basename "$(readlink "$DIR/devices/$PF/virtfn0")")
VF1=$(basename "$(readlink "$DIR/devices/$PF/virtfn1")")
VF2=$(basename "$(readlink "$DIR/devices/$PF/virtfn2")")
start_testpmd rx "$VF1"; exec 4>"$RUN/rx.in"
start_testpmd tx "$VF0"; exec 5>"$RUN/tx.in"
set -- $TP_PIDS
wait_for "$RUN/rx.log" "testpmd> " "$1" "rx prompt"
wait_for "$RUN/tx.log" "testpmd> " "$2" "tx prompt"
echo "show port info 0" >&4
echo "show port info 0" >&5
wait_for "$RUN/rx.log" "MAC address: $MAC1" "$1" "VF1 MAC $MAC1"
wait_for "$RUN/tx.log" "MAC address: $MAC0" "$2" "VF0 MAC $MAC0"
printf 'set fwd rxonly\nstart\n' >&4
printf 'set fwd txonly\nset eth-peer 0 %s\nstart\n' "$MAC1" >&5

K=$(keeper_pid)
[ -n "$K" ] && kill -0 "$K" 2>/dev/null || fail "owner 1 started no fd keeper"
PREFIX1=sriov-x710-$P1
echo "   owner 1 pid $P1: $(hugepage_files "$P1" "$PREFIX1") hugepage file(s) of $PREFIX1"

echo "2. kill -9 owner 1; owner 2 adopts (kept memory); no hugepage file of owner 1 stays"
kill -9 "$P1"
gone "$P1" "owner 1"
start_owner owner2
LEFT=$(hugepage_files "$K" "$PREFIX1")
[ "$LEFT" = 0 ] ||
	fail "$LEFT hugepage file(s) of the killed owner 1 ($PREFIX1) remain in its hugetlbfs"
[ ! -e "/var/run/dpdk/$PREFIX1" ] || fail "/var/run/dpdk/$PREFIX1 of the killed owner 1 remains"
PREFIX2=sriov-x710-$D_PID
[ "$(hugepage_files "$D_PID" "$PREFIX2")" = 0 ] ||
	fail "owner 2 keeps EAL memory as hugetlbfs files ($PREFIX2*)"
echo "   none in the hugetlbfs owner 1 used (seen through keeper pid $K), none of owner 2"

echo "3. kill -9 owner 2, stop the keeper (no kept memory); owner 3 opens the PF afresh"
CREATED=$(grep -c "sriov_numvfs 0 -> $NUM_VFS" "$DIR/x710-sim.log")
kill -9 "$D_PID"
gone "$D_PID" "owner 2"
kill "$K"
gone "$K" "the fd keeper"
for p in $TP_PIDS; do kill -0 "$p" 2>/dev/null || fail "a testpmd holding a VF exited"; done
start_owner owner3
grep -q "opening it afresh" "$RUN/owner3.log" || fail "owner 3 did not open the PF afresh"
! grep -qE "did not appear|rollback" "$RUN/owner3.log" || fail "owner 3's apply failed"
# The held VFs went and came back; then they must stay.
n=0
until [ "$(grep -c "sriov_numvfs 0 -> $NUM_VFS" "$DIR/x710-sim.log")" -gt "$CREATED" ]; do
	n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || fail "the simulator never re-created the VFs"
	sleep 0.1
done
vfs_exactly $NUM_VFS || fail "not exactly $NUM_VFS virtfn links after owner 3's apply"
"$X710_SIM" status --dir "$DIR" >"$RUN/status.txt" || fail "x710-sim status"
grep -q "sriov_numvfs=$NUM_VFS" "$RUN/status.txt" || fail "status: $(cat "$RUN/status.txt")"
echo "   VFs removed under their holders and created again; owner 3 ready"

echo "4. a new testpmd on re-created VF2 gets its MAC from owner 3"
start_testpmd new "$VF2"; exec 6>"$RUN/new.in"
NEW_PID=${TP_PIDS##* }
wait_for "$RUN/new.log" "testpmd> " "$NEW_PID" "new prompt"
echo "show port info 0" >&6
wait_for "$RUN/new.log" "MAC address: $MAC2" "$NEW_PID" "VF2 MAC $MAC2"
for fd in 4 5 6; do echo quit >&$fd; done
exec 4>&- 5>&- 6>&-
for p in $TP_PIDS; do gone "$p" "testpmd $p"; done
TP_PIDS=
kill -TERM "$D_PID"
gone "$D_PID" "owner 3"
D_PID=
# Owner 3 started a keeper of its own: stop it while its pid file is there.
cleanup
trap - EXIT HUP INT TERM PIPE
rm -rf "$RUN"
echo "PASS"
