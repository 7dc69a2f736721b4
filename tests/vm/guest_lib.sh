# shellcheck shell=bash
# Helpers for guest scripts run by scripts/vm/run.sh (sourced, not run):
# polling with deadlines, sysfs writes that report the errno, `ip` refusals,
# and VF state read through `ip -j -d link show`. They check the kernel through
# its own interfaces only, so a test of our tool can use them as the referee.
# The caller sets `set -euo pipefail` and, after find_igb_pf, uses pf_bdf,
# pf_sys and pf_if.

# Full path: an `ip` applet earlier in PATH may not know `vf` (kernel-vm.md).
readonly IP=/sbin/ip
# QEMU igb: Intel 82576 PF and its VF (kernel-vm.md "QEMU with an SR-IOV NIC").
# shellcheck disable=SC2034 # IGB_VF_DEVICE is for the callers
readonly IGB_PF_VENDOR=0x8086 IGB_PF_DEVICE=0x10c9 IGB_VF_DEVICE=10ca
# Bound on each asynchronous change (VF creation, binding, link up). Generous:
# the guest runs under TCG on a loaded 2-core host.
readonly DEADLINE_S=60

guest_test_name=${GUEST_TEST_NAME:-$(basename "$0" .sh)}
guest_t0=${EPOCHREALTIME/./}
# Each line carries the seconds since the script started (timing is recorded,
# never asserted).
say() { printf '%s: [%6.2fs] %s\n' "$guest_test_name" "$(((${EPOCHREALTIME/./} - guest_t0) / 10000))e-2" "$*"; }
fail() { printf '%s: FAIL: %s\n' "$guest_test_name" "$*" >&2; exit 1; }

[ -n "${SRIOV_VM_GUEST:-}" ] ||
	{ echo "$0 reconfigures PCI devices: run it in the VM (scripts/vm/run.sh $0)" >&2; exit 2; }

# require_guest_tools ERRNO_NAME...: checks what the helpers run (the host's
# python3 and iproute2 through the shared root) and loads those errnos' text.
require_guest_tools() {
	python3 -S -c 'import json, errno, os' 2>/dev/null ||
		fail "the host's python3 does not run in the guest (its libraries must resolve through the shared root)"
	[ -x "$IP" ] || fail "$IP is missing (iproute2 comes from the host root)"
	load_errtext "$@"
}

# find_igb_pf: sets pf_bdf, pf_sys and pf_if for the one igb PF, bound to igb.
find_igb_pf() {
	local d
	pf_bdf=""
	for d in /sys/bus/pci/devices/*; do
		if [ "$(cat "$d/vendor")" = "$IGB_PF_VENDOR" ] && [ "$(cat "$d/device")" = "$IGB_PF_DEVICE" ]; then
			[ -z "$pf_bdf" ] || fail "more than one igb PF ($pf_bdf, $(basename "$d"))"
			pf_bdf=$(basename "$d")
		fi
	done
	[ -n "$pf_bdf" ] || fail "no igb PF ($IGB_PF_VENDOR:$IGB_PF_DEVICE) in the guest"
	pf_sys=/sys/bus/pci/devices/$pf_bdf
	expect_eq "PF $pf_bdf driver" "$(basename "$(readlink -f "$pf_sys/driver")")" igb
	pf_if=$(ls "$pf_sys/net")
	[ -n "$pf_if" ] || fail "PF $pf_bdf has no netdev"
}

# wait_until DESCRIPTION COMMAND...: polls COMMAND until it succeeds or the
# deadline passes.
wait_until() {
	local what=$1 start=${EPOCHREALTIME/./}
	shift
	local limit=$((start + DEADLINE_S * 1000000))
	until "$@"; do
		[ "${EPOCHREALTIME/./}" -lt "$limit" ] || fail "timed out after ${DEADLINE_S}s waiting for $what"
		sleep 0.05
	done
}

expect_eq() { # WHAT GOT WANT
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# Errno names the test expects, and their strerror text: bash reports a failed
# write(2) and ip a refused request only as that text. One python3 call.
declare -A ERRTEXT=()
load_errtext() {
	local name text
	while IFS='=' read -r name text; do ERRTEXT[$name]=$text; done < <(
		python3 -S -c 'import errno, os, sys
for n in sys.argv[1:]: print(n + "=" + os.strerror(getattr(errno, n)))' "$@")
	for name in "$@"; do [ -n "${ERRTEXT[$name]:-}" ] || fail "no strerror text for $name"; done
}

# sysfs_write FILE VALUE: one write(2) (printf flushes once); prints OK or the
# expected errno name whose text bash reported, or the raw message.
sysfs_write() {
	local err name
	if err=$( { printf '%s' "$2" > "$1"; } 2>&1 ); then
		echo OK
		return
	fi
	for name in "${!ERRTEXT[@]}"; do
		case $err in *": ${ERRTEXT[$name]}") echo "$name"; return ;; esac
	done
	printf '%s\n' "$err"
}

write_ok() { # FILE VALUE
	local r
	r=$(sysfs_write "$1" "$2")
	expect_eq "write '$2' to $1" "$r" OK
}

write_refused() { # FILE VALUE ERRNO_NAME
	local r
	r=$(sysfs_write "$1" "$2")
	expect_eq "write '$2' to $1 must fail" "$r" "$3"
}

# ip_refused ERRNO_NAME ARGS...: `ip link set` must fail with that errno.
ip_refused() {
	local want=$1 out
	shift
	if out=$("$IP" link set "$@" 2>&1); then
		fail "ip link set $* succeeded; the PF driver must refuse it with $want"
	fi
	case $out in
	*"${ERRTEXT[$want]}"*) say "refused as expected ($want): ip link set $*" ;;
	*) fail "ip link set $*: got '$out', want $want (${ERRTEXT[$want]})" ;;
	esac
}

# vf_state: one line per VF from `ip -j -d link show`, in a fixed form:
# "N mac=... vlan=... qos=... max_tx=... min_tx=... spoofchk=on|off trust=on|off link_state=..."
vf_state() {
	"$IP" -j -d link show dev "$pf_if" | python3 -S -c '
import json, sys
link = json.load(sys.stdin)[0]
onoff = lambda b: "on" if b else "off"
for vf in link.get("vfinfo_list", []):
    vlan = (vf.get("vlan_list") or [{}])[0]
    rate = vf.get("rate", {})
    print(vf["vf"], "mac=" + vf.get("address", "?"),
          "vlan=%s" % vlan.get("vlan", 0), "qos=%s" % vlan.get("qos", 0),
          "max_tx=%s" % rate.get("max_tx", "?"), "min_tx=%s" % rate.get("min_tx", "?"),
          "spoofchk=" + onoff(vf.get("spoofchk")), "trust=" + onoff(vf.get("trust")),
          "link_state=%s" % vf.get("link_state", "?"))
'
}

# refresh: reads every VF's state once (python3 is slow to start under TCG);
# the checks below look at this snapshot.
vfs=""
refresh() {
	vfs=$(vf_state) || fail "ip -j -d link show dev $pf_if failed"
}

vf_line() { # VF: that VF's line of the snapshot
	local line
	line=$(awk -v n="$1" '$1 == n' <<<"$vfs")
	[ -n "$line" ] || fail "VF $1 is missing from ip -j -d link show dev $pf_if"
	printf '%s\n' "$line"
}

expect_vf() { # VF KEY=VALUE...: every pair must be in the VF's line
	local vf=$1 line kv
	shift
	line=$(vf_line "$vf")
	for kv in "$@"; do
		case " $line " in
		*" $kv "*) ;;
		*) fail "VF $vf: want $kv, ip -j -d link show gives: $line" ;;
		esac
	done
}

vf_dev() { basename "$(readlink -f "$pf_sys/virtfn$1")"; }
vf_driver() { # VF: bound driver name, or empty
	local link="$pf_sys/virtfn$1/driver"
	if [ -e "$link" ]; then basename "$(readlink -f "$link")"; fi
}
has_driver() { [ "$(vf_driver "$1")" = "$2" ]; }
has_netdev() { ls "$pf_sys/virtfn$1/net/" >/dev/null 2>&1 && [ -n "$(ls "$pf_sys/virtfn$1/net/")" ]; }
vfs_present() { # N: exactly virtfn0..N-1 exist
	local i
	for ((i = 0; i < $1; i++)); do [ -e "$pf_sys/virtfn$i" ] || return 1; done
	[ ! -e "$pf_sys/virtfn$1" ]
}
no_vfs() { [ ! -e "$pf_sys/virtfn0" ]; }
carrier_up() { [ "$(cat "/sys/class/net/$pf_if/carrier" 2>/dev/null)" = 1 ]; }
