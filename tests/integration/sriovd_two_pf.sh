#!/bin/sh
# One sriovd owns both simulated X710 PFs (issue 6: "sriovd owns the PFs"):
# a directory with one config per PF comes up; /v1/pfs lists both with their
# VFs; the VF mailboxes of both PFs are answered (sriovd-mbx-load drives
# every VF's admin queue); removing the second file + SIGHUP deletes only
# that PF's VFs (the first PF's VFs keep their VSIs, sessions and reset
# counts); putting it back + SIGHUP opens that PF again in the same process;
# kill -9 and a restart adopt both PFs.
# Readiness is always a poll against a deadline, never a bare sleep.
# Usage: sriovd_two_pf.sh X710_SIM SRIOVD MBX_LOAD. Exit 77 = skipped.
set -u
X710_SIM=$1
SRIOVD=$2
MBX_LOAD=$3
PF0=0000:01:00.0
PF1=0000:01:00.1
VFS=2
ROUNDS=20
NEED_HUGEPAGES=80

LOGS="sriovd.log sriovd2.log"
# step, fail, cleanup, poll, api, start_sriovd (DEADLINE).
. "$(dirname "$0")/sriovd_lib.sh"
need_root_hugepages $NEED_HUGEPAGES
need_cmds curl jq
run_dirs

# write_conf PF FILE MAC_PREFIX: VFS VFs with MACs MAC_PREFIX:00, :01, ...
write_conf() {
	{
		printf 'PF { device : "%s"; num_vfs : %u; }\n' "$1" "$VFS"
		printf 'DEFAULT { mac-anti-spoof : true; num-queues : 2; }\n'
		vf=0
		while [ "$vf" -lt "$VFS" ]; do
			printf 'VF-%u { mac-addr : "%s:%02x"; }\n' "$vf" "$3" "$vf"
			vf=$((vf + 1))
		done
	} >"$CONF/$2"
}
MACS0=02:00:00:00:06
MACS1=02:00:00:00:07

# pf_macs PF: the VFs' MACs /v1/pfs reports for PF, space-separated.
pf_macs() {
	api GET /v1/pfs | jq -r --arg pf "$1" '[.pfs[] | select(.device == $pf) | .vfs[]
		| .configured["mac-addr"] // .live["mac-addr"] // empty] | join(" ")'
}
want_macs() { echo "$2:00 $2:01"; }
has_macs() { [ "$(pf_macs "$1")" = "$(want_macs "$1" "$2")" ]; }
vfs_exist() { [ -e "$DIR/devices/$1/virtfn$((VFS - 1))" ] && [ ! -e "$DIR/devices/$1/virtfn$VFS" ]; }
no_vfs() { [ ! -e "$DIR/devices/$1/virtfn0" ]; }

# mailbox PF TAG: every VF of PF says VERSION + GET_VF_RESOURCES, then
# GET_STATS for ROUNDS rounds; all answered, none refused or lost.
mailbox() {
	"$X710_SIM" exec --dir "$DIR" -- "$MBX_LOAD" "$1" "$VFS" "$ROUNDS" >"$RUN/mbx-$2.txt" 2>&1 ||
		fail "$1: the VF mailbox load failed: $(cat "$RUN/mbx-$2.txt")"
	stats=$(grep 'GET_STATS' "$RUN/mbx-$2.txt")
	echo "$stats" | grep -q "answered $((VFS * ROUNDS * 2)) (refused 0), lost 0," ||
		fail "$1: not every mailbox request was answered: $stats"
	echo "   $1: $(echo "$stats" | sed 's/^ *//')"
}

# pf0_view: what must not change on PF0 while PF1 comes and goes: its VFs'
# configuration, sessions and reset counts (API), and its VF VSIs (model).
pf0_view() {
	api GET "/v1/pfs/$PF0" | jq -S '[.vfs[] | {configured, pci_address,
		active: .status.active, resets: .status.counters.resets}]'
	"$X710_SIM" stats --dir "$DIR" --json | jq -S '[.model.vsis[] | select(.pf == 0 and
		.type == "vf")] | sort_by(.vf_abs) | map({seid, vf_abs})'
}

"$X710_SIM" start --pfs 2 --vfs-per-pf 8 --dir "$DIR" || fail "x710-sim start"
write_conf "$PF0" pf0.conf "$MACS0"
write_conf "$PF1" pf1.conf "$MACS1"

step "sriovd boots on two configs, one per PF"
start_sriovd sriovd
poll "$VFS VFs under $PF0" vfs_exist "$PF0"
poll "$VFS VFs under $PF1" vfs_exist "$PF1"
grep -E "ready" "$RUN/sriovd.log" | sed 's/^/   /'

step "GET /v1/pfs lists both PFs with their VFs"
[ "$(api GET /v1/pfs | jq '.pfs | length')" = 2 ] || fail "not two PFs: $(api GET /v1/pfs)"
has_macs "$PF0" "$MACS0" || fail "$PF0's VFs: $(pf_macs "$PF0")"
has_macs "$PF1" "$MACS1" || fail "$PF1's VFs: $(pf_macs "$PF1")"
echo "   $PF0: $(pf_macs "$PF0"); $PF1: $(pf_macs "$PF1")"

step "the VF mailboxes of both PFs are served"
mailbox "$PF0" pf0
mailbox "$PF1" pf1
pf0_view >"$RUN/pf0-before.json" || fail "cannot read $PF0's view"
grep -q '"active": true' "$RUN/pf0-before.json" || fail "no active session on $PF0"

step "remove $PF1's file + SIGHUP: only $PF1's VFs go"
rm "$CONF/pf1.conf"
kill -HUP "$D_PID"
poll "$PF1's VFs removed" no_vfs "$PF1"
one_pf() { [ "$(api GET /v1/pfs | jq '.pfs | length')" = 1 ]; }
poll "$PF1 left /v1/pfs" one_pf
vfs_exist "$PF0" || fail "$PF0 lost VFs"
pf0_view >"$RUN/pf0-after.json" || fail "cannot read $PF0's view"
diff -u "$RUN/pf0-before.json" "$RUN/pf0-after.json" >"$RUN/pf0.diff" ||
	fail "$PF0 changed: $(head -20 "$RUN/pf0.diff")"
mailbox "$PF0" pf0-alone
echo "   $PF0 untouched: same VSIs, sessions active, no reset"

step "put $PF1's file back + SIGHUP: the same sriovd opens $PF1 again"
write_conf "$PF1" pf1.conf "$MACS1"
kill -HUP "$D_PID"
poll "$PF1's VFs back" vfs_exist "$PF1"
poll "$PF1 back in /v1/pfs" has_macs "$PF1" "$MACS1"
mailbox "$PF1" pf1-again
pf0_view >"$RUN/pf0-after2.json" || fail "cannot read $PF0's view"
diff -u "$RUN/pf0-before.json" "$RUN/pf0-after2.json" >"$RUN/pf0.diff" ||
	fail "$PF0 changed when $PF1 came back: $(head -20 "$RUN/pf0.diff")"

step "kill -9 sriovd, restart: both PFs adopted"
kill -9 "$D_PID"; wait "$D_PID" 2>/dev/null; D_PID=
start_sriovd sriovd2
[ "$(api GET /v1/pfs | jq '[.pfs[] | select(.adopted == true)] | length')" = 2 ] ||
	fail "not both PFs adopted: $(grep -i adopt "$RUN/sriovd2.log" | tail -3)"
has_macs "$PF0" "$MACS0" || fail "$PF0's VFs after restart: $(pf_macs "$PF0")"
has_macs "$PF1" "$MACS1" || fail "$PF1's VFs after restart: $(pf_macs "$PF1")"
pf0_view >"$RUN/pf0-adopted.json" || fail "cannot read $PF0's view"
diff -u "$RUN/pf0-before.json" "$RUN/pf0-adopted.json" >"$RUN/pf0.diff" ||
	fail "$PF0 changed across the restart: $(head -20 "$RUN/pf0.diff")"
mailbox "$PF0" pf0-adopted
mailbox "$PF1" pf1-adopted
echo "   both adopted; $PF0 identical; both mailboxes served"

pass
