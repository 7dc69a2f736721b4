#!/bin/sh
# Issue 4, transactional apply on the simulated X710: an admin queue
# failure injected into the k-th VF's VSI creation (add_vsi, 0x0210), its
# MAC filter (add_macvlan, 0x0250) or its broadcast/promiscuous setting
# (0x0254), for every k, makes `sriovctl -C` fail naming the command and
# the return code, and leaves the PF as it was: no VFs. A clean -C after
# it still works. Usage: x710_pf_rollback.sh X710_SIM SRIOVCTL SOURCE_ROOT.
set -u
X710_SIM=$1
SRIOVCTL=$2
SRC=$3
CONF=$SRC/examples/iov/x710-sim.conf
PF=0000:01:00.0
VFS=4                      # num_vfs in $CONF
RC_EBUSY=12                # AQ return code (x710-hardware.md §2.1)
NEED_HUGEPAGES=40
CTL_TIMEOUT=60

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (mount namespace, pagemap physical addresses)"
FREE=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages 2>/dev/null || echo 0)
[ "$FREE" -ge "$NEED_HUGEPAGES" ] ||
	skip "needs $NEED_HUGEPAGES free 2 MiB hugepages, $FREE free (echo 512 > /proc/sys/vm/nr_hugepages)"

RUN=${SRIOV_BUILD_ROOT:-/tmp}/tests/integration/x710_pf_rollback.$$
DIR=$RUN/sim
mkdir -p "$RUN" || { echo "FAIL: cannot create $RUN"; exit 1; }
trap '"$X710_SIM" stop --dir "$DIR" >/dev/null 2>&1' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$X710_SIM" start --pfs 2 --vfs-per-pf 8 --dir "$DIR" || { echo "FAIL: x710-sim start"; exit 1; }

for case in "0x0210 add_vsi" "0x0250 add_macvlan" "0x0254 set_vsi_promiscuous_modes"; do
	op=${case%% *}
	name=${case#* }
	k=1
	while [ "$k" -le "$VFS" ]; do
		"$X710_SIM" fault --dir "$DIR" aq-fail 0 "$op" "$RC_EBUSY" "$k" >/dev/null ||
			{ fail "arming aq-fail $op #$k"; break; }
		timeout "$CTL_TIMEOUT" "$X710_SIM" exec --dir "$DIR" -- "$SRIOVCTL" -C -f "$CONF" \
			>"$RUN/out" 2>"$RUN/err"
		rc=$?
		"$X710_SIM" fault --dir "$DIR" aq-clear >/dev/null
		numvfs=$(cat "$DIR/devices/$PF/sriov_numvfs")
		if [ "$rc" != 1 ]; then
			fail "$name #$k: sriovctl exit $rc, want 1"
			sed 's/^/  | /' "$RUN/err"
		elif ! grep -q "Failed to configure SR-IOV: .*$name ($op) failed: EBUSY" "$RUN/err"; then
			fail "$name #$k: the error does not name the command and EBUSY"
			sed 's/^/  | /' "$RUN/err"
		elif ! grep -q "were undone" "$RUN/err"; then
			fail "$name #$k: no rollback reported"
			sed 's/^/  | /' "$RUN/err"
		elif [ "$numvfs" != 0 ]; then
			fail "$name #$k: sriov_numvfs $numvfs after the rollback, want 0"
		else
			echo "ok: $name #$k fails, rolled back: $(grep -o "step.*" "$RUN/err" | head -1)"
		fi
		k=$((k + 1))
	done
done

# Nothing armed: the same file applies (and the foreground owner is stopped).
timeout -s TERM 20 "$X710_SIM" exec --dir "$DIR" -- "$SRIOVCTL" -C -f "$CONF" >"$RUN/out" 2>&1
grep -q "change(s) applied" "$RUN/out" || { fail "clean -C after the faults"; sed 's/^/  | /' "$RUN/out"; }
grep -q "removing the VFs" "$RUN/out" || fail "clean -C did not remove its VFs on SIGTERM"

[ "$failures" = 0 ] || exit 1
rm -rf "$RUN"
echo "PASS"
