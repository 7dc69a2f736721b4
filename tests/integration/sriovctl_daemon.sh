#!/bin/sh
# sriovctl with sriovd running (issue 6): the same flags go through the
# daemon's API, print what sriovctl alone prints, and exit the same way;
# -L and -j; a socket that refuses is an error, never a silent fallback;
# then the mailbox load: every VF sends GET_STATS at once while
# 16 API clients run (figures reported, nothing timed is asserted).
# Readiness is polled against a deadline, never a bare sleep.
# Usage: sriovctl_daemon.sh X710_SIM SRIOVD SRIOVCTL MBX_LOAD API_LOAD SOURCE_ROOT
set -u
X710_SIM=$1
SRIOVD=$2
CTL=$3
MBX_LOAD=$4
API_LOAD=$5
SRC=$6
PF=0000:01:00.0
VFS=8
NEED_HUGEPAGES=$((VFS + 40))
LOGS="out err sriovd.log"
# step, fail, cleanup, poll, start_sriovd (DEADLINE).
. "$(dirname "$0")/sriovd_lib.sh"
OUT=$RUN/out
ERR=$RUN/err
need_root_hugepages $NEED_HUGEPAGES
need_cmds jq
run_dirs

# ctl STATUS ARGS...: sriovctl in the simulator's namespace, through $SOCK.
ctl() {
	want=$1
	shift
	SRIOVD_SOCKET=$SOCK "$X710_SIM" exec --dir "$DIR" -- "$CTL" "$@" >"$OUT" 2>"$ERR"
	got=$?
	[ "$got" = "$want" ] || fail "sriovctl $* exited $got, want $want"
}
has() { grep -qF -- "$2" "$1" || fail "expected \"$2\" in $(basename "$1")"; }
hasnt() { ! grep -qF -- "$2" "$1" || fail "did not expect \"$2\" in $(basename "$1")"; }

"$X710_SIM" start --pfs 1 --vfs-per-pf $VFS --dir "$DIR" || fail "x710-sim start"
sed "s/num_vfs : 4;/num_vfs : $VFS;/" "$SRC/examples/iov/x710-sim.conf" >"$CONF/x710-sim.conf"

step "sriovd boots on $CONF"
# Ready when sriovctl -L gets its answer through the socket.
ctl_ready() { SRIOVD_SOCKET=$SOCK "$CTL" -L; }
READY=ctl_ready start_sriovd sriovd

step "-L and -L -j through sriovd"
ctl 0 -L -v
has "$ERR" "using sriovd at $SOCK"
has "$OUT" "$PF:"
has "$OUT" "sriov: enabled=yes vfs=$VFS/"
has "$OUT" "identity: pci-location=0000:01:02.1"
has "$OUT" "mac: 02:00:00:00:05:01"
has "$OUT" "policy: anti-spoof=yes trust=no"
has "$OUT" "queues: 4"
has "$OUT" "counters: "
ctl 0 -L -j -d $PF
[ "$(jq '.pfs[0].num_vfs' "$OUT")" = "$VFS" ] || fail "-L -j: num_vfs"
[ "$(jq -r '.pfs[0].vfs[1].live."mac-addr"' "$OUT")" = 02:00:00:00:05:01 ] || fail "-L -j: VF-1 MAC"

step "-C -n, -C -n -j: sriovd's plan, printed as sriovctl alone prints it"
sed 's/05:02"/05:22"/' "$CONF/x710-sim.conf" >"$RUN/edit.conf"
ctl 0 -C -n -f "$RUN/edit.conf"
has "$OUT" "Plan for $PF"
has "$OUT" "1 change(s), 0 disruptive:"
has "$OUT" "1. VF-2 mac-addr: 02:00:00:00:05:02 -> 02:00:00:00:05:22 (live"
ctl 0 -C -n -j -f "$RUN/edit.conf"
[ "$(jq -r '.changes[0].new' "$OUT")" = 02:00:00:00:05:22 ] || fail "-n -j: new MAC"
[ "$(jq -r '.changes[0].mode' "$OUT")" = live ] || fail "-n -j: mode"

step "-C of a broken file: every error as file:line:column, status 1, nothing applied"
printf 'PF { device : "%s"; num_vfs : %s; }\nVF-1 { trust : maybe; }\nVF-99 { }\n' "$PF" $VFS \
	>"$RUN/bad.conf"
ctl 1 -C -f "$RUN/bad.conf"
has "$ERR" "$RUN/bad.conf:2:16: Value 'maybe' of key 'trust' is not of type bool"
has "$ERR" "$RUN/bad.conf:3:1: VF number 99 is out of bounds"

step "-C applies through sriovd (which owns the PF) and returns"
ctl 0 -C -f "$RUN/edit.conf"
has "$OUT" "1 change(s) applied."
has "$OUT" "sriovd ($SOCK) owns $PF"
ctl 0 -L -j -d $PF
[ "$(jq -r '.pfs[0].vfs[2].live."mac-addr"' "$OUT")" = 02:00:00:00:05:22 ] || fail "VF-2 MAC"
ctl 1 -C -k -f "$RUN/edit.conf"
has "$ERR" "-k is not available through sriovd"

step "-S and -S -j of the PF sriovd drives"
ctl 0 -S -d $PF
has "$OUT" "The following configuration parameters may be configured on a VF:"
has "$OUT" "	mac-anti-spoof : bool (default = true)"
ctl 0 -S -j -f "$RUN/edit.conf"
[ "$(jq -r '.driver' "$OUT")" = x710 ] || fail "-S -j: driver"

step "a socket that refuses (uid 65534): an error naming --no-daemon, status 1"
chmod 755 "$RUN" "$RUN/run" 2>/dev/null
if command -v setpriv >/dev/null; then
	SRIOVD_SOCKET=$SOCK setpriv --reuid=65534 --regid=65534 --clear-groups "$CTL" -L \
		>"$OUT" 2>"$ERR"
	[ $? = 1 ] || fail "an unpermitted user got status $?"
	has "$ERR" "--no-daemon"
	hasnt "$OUT" "$PF:"
fi

step "--no-daemon -L while sriovd owns the PF: read-only, says what it cannot know"
ctl 0 --no-daemon -L -d $PF
has "$OUT" "sriov: enabled=yes vfs=$VFS/"
has "$OUT" "only the process that owns the PF can read them"
ctl 1 --no-daemon -D -d $PF
has "$ERR" "owned by another process"

step "mailbox load: $VFS VFs sending GET_STATS at once, with 16 API clients"
"$X710_SIM" exec --dir "$DIR" -- "$MBX_LOAD" $PF $VFS 200 >"$RUN/mbx-alone.txt" 2>&1 ||
	{ cat "$RUN/mbx-alone.txt"; fail "the VF mailbox load generator failed (alone)"; }
echo "   without API load:"
sed 's/^/   /' "$RUN/mbx-alone.txt"
echo "   with 16 API clients (GET /v1/pfs) at the same time:"
"$API_LOAD" "$SOCK" 16 300 /v1/pfs >"$RUN/api.txt" 2>&1 &
A_PID=$!
"$X710_SIM" exec --dir "$DIR" -- "$MBX_LOAD" $PF $VFS 400 >"$RUN/mbx.txt" 2>&1 ||
	{ cat "$RUN/mbx.txt"; fail "the VF mailbox load generator failed"; }
wait "$A_PID" || { cat "$RUN/api.txt"; fail "API requests failed under load"; }
sed 's/^/   /' "$RUN/mbx.txt" "$RUN/api.txt"
ctl 0 -L -j
# By virtchnl opcode, summed over the VFs: {"opcode": count}.
by_op() { jq -c "[.pfs[].vfs[].status.$1 // {} | to_entries[]] | group_by(.key)
	| map({(.[0].key): (map(.value) | add)}) | add // {}" "$OUT"; }
echo "   sriovd counted, by opcode: requests $(by_op mailbox_requests), denied $(by_op mailbox_denied)"

step "-D -n, -D, and -D again (no VFs: iovctl's ECHILD)"
ctl 0 -D -n -d $PF
has "$OUT" "Would attempt to delete all VF children of '$PF'"
has "$OUT" "PF num_vfs: $VFS -> 0"
ctl 0 -D -d $PF
has "$OUT" "1 change(s) applied."
[ ! -e "$DIR/devices/$PF/virtfn0" ] || fail "virtfn0 still there after -D"
ctl 1 -D -d $PF
has "$ERR" "sriovctl: Failed to delete VFs: No child processes"
ctl 0 -L -d $PF
has "$OUT" "sriov: enabled=no vfs=0/"

pass
