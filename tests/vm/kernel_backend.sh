#!/usr/bin/env bash
# Guest script: the project's sriovctl (kernel backend) against the real
# kernel's igb PF. sriovctl applies config files; every result is checked
# through sysfs and `ip -j -d link show` (guest_lib.sh), never through our tool.
# Usage (through the harness): scripts/vm/run.sh tests/vm/kernel_backend.sh SRIOVCTL
set -euo pipefail
# shellcheck source=tests/vm/guest_lib.sh
. "$(dirname "$(realpath "$0")")/guest_lib.sh"

sriovctl=${1:?usage: kernel_backend.sh PATH_TO_SRIOVCTL}
[ -x "$sriovctl" ] || fail "$sriovctl is not an executable (build it first)"

readonly VF0_MAC=02:00:00:00:00:10 VF1_MAC=02:00:00:00:00:11 VF1_MAC_NEW=02:00:00:00:00:12
readonly VF2_MAC=02:00:00:00:00:13

require_guest_tools EINVAL
find_igb_pf
pf_mac=$(cat "/sys/class/net/$pf_if/address")
say "PF $pf_bdf ($pf_if, $pf_mac), sriovctl $sriovctl"
work=$(mktemp -d)
out=$work/out
err=$work/err

# ctl WANT_STATUS ARGS...: runs sriovctl, keeps its output in $out/$err.
ctl() {
	local want=$1 got=0
	shift
	"$sriovctl" "$@" >"$out" 2>"$err" || got=$?
	sed 's/^/  sriovctl| /' "$out" "$err"
	[ "$got" = "$want" ] || fail "sriovctl $* exited $got, want $want"
}
# said FILE TEXT: sriovctl's output FILE has the fixed string TEXT.
said() { grep -qF -- "$2" "$1" || fail "sriovctl did not say \"$2\""; }

# conf NAME BODY: a config file for this PF.
conf() { printf '%s\n' "$2" >"$work/$1.conf"; }

# snapshot: the kernel's view of every VF (attributes and drivers) as one text.
# It runs in $(...): call refresh again before expect_vf.
snapshot() {
	local i
	refresh
	printf '%s\n' "$vfs"
	for ((i = 0; i < $(cat "$pf_sys/sriov_numvfs"); i++)); do
		printf 'VF%s driver=%s override=%s\n' "$i" "$(vf_driver "$i")" \
			"$(cat "$pf_sys/virtfn$i/driver_override")"
	done
	printf 'numvfs=%s autoprobe=%s\n' "$(cat "$pf_sys/sriov_numvfs")" \
		"$(cat "$pf_sys/sriov_drivers_autoprobe")"
}

# 1. -S shows what igb is known to refuse, found by interface and by PF MAC.
ctl 0 -S -d "$pf_if"
said "$out" "link-state : enum{auto,enable,disable} (optional) [igb refuses: Operation not supported"
said "$out" "vlan-proto : enum{802.1Q,802.1ad} (optional) [igb refuses 802.1ad: Protocol not supported"
said "$out" "min-tx-rate : uint32_t (optional) [igb refuses values other than 0: Invalid argument"
ctl 0 -S -d "$pf_mac"
said "$out" "$pf_bdf ($pf_if, igb 8086:10c9, VF device 10ca, 0 of 7 VFs)"

BASE="PF { device : \"$pf_if\"; num_vfs : 2; drivers-autoprobe : false; }
VF-0 { passthrough : true; mac-addr : \"$VF0_MAC\"; mac-anti-spoof : false; trust : true;
       vlan : 100; vlan-qos : 3; max-tx-rate : 100; }
VF-1 { mac-addr : \"$VF1_MAC\"; driver : \"igbvf\"; }"
conf base "$BASE"

# 2. The PF link is down after boot: igb refuses a rate, sriovctl says why and
#    takes everything back (VFs gone, autoprobe as it was).
expect_eq "PF link after boot" "$(cat "/sys/class/net/$pf_if/operstate")" down
ctl 1 -C -f "$work/base.conf"
said "$err" "igb refuses max-tx-rate 100 on VF-0: ${ERRTEXT[EINVAL]} (PF link $pf_if is down; igb sets VF rates only with link up)"
said "$err" "were undone"
expect_eq "sriov_numvfs after the rollback" "$(cat "$pf_sys/sriov_numvfs")" 0
expect_eq "autoprobe after the rollback" "$(cat "$pf_sys/sriov_drivers_autoprobe")" 1
no_vfs || fail "VFs left behind by the rollback"
say "refused rate with the link down: rolled back to 0 VFs, autoprobe 1"

# 3. Create from the config: VF-0 on vfio-pci, VF-1 on igbvf, autoprobe off.
"$IP" link set dev "$pf_if" up
wait_until "carrier on $pf_if" carrier_up
ctl 0 -C -f "$work/base.conf"
said "$out" "1 disruptive"
expect_eq sriov_numvfs "$(cat "$pf_sys/sriov_numvfs")" 2
expect_eq sriov_drivers_autoprobe "$(cat "$pf_sys/sriov_drivers_autoprobe")" 0
refresh
expect_vf 0 "mac=$VF0_MAC" vlan=100 qos=3 max_tx=100 min_tx=0 spoofchk=off trust=on link_state=auto
expect_vf 1 "mac=$VF1_MAC" vlan=0 qos=0 max_tx=0 spoofchk=on trust=off
wait_until "VF0 on vfio-pci" has_driver 0 vfio-pci
g0=$(basename "$(readlink -f "$pf_sys/virtfn0/iommu_group")")
wait_until "/dev/vfio/$g0" test -c "/dev/vfio/$g0"
wait_until "VF1 on igbvf" has_driver 1 igbvf
wait_until "a netdev on VF1" has_netdev 1
vf1_if=$(ls "$pf_sys/virtfn1/net")
expect_eq "VF1 netdev MAC" "$(cat "/sys/class/net/$vf1_if/address")" "$VF1_MAC"
expect_eq "VF0 override" "$(cat "$pf_sys/virtfn0/driver_override")" vfio-pci
expect_eq "VF1 override" "$(cat "$pf_sys/virtfn1/driver_override")" igbvf
say "created: VF0 vfio-pci (/dev/vfio/$g0), VF1 igbvf ($vf1_if)"
# The same file naming the PF by its MAC (PF.device takes what -d takes).
conf by-mac "${BASE/device : \"$pf_if\"/device : \"$pf_mac\"}"
grep -qF "device : \"$pf_mac\"" "$work/by-mac.conf" || fail "by-mac.conf does not name the PF MAC"
ctl 0 -C -f "$work/by-mac.conf"
said "$out" "the device already matches; nothing to do"

# 4. A live change of VF-1 (VLAN, QoS, new MAC) leaves VF-0 alone; the new
#    admin MAC reaches igbvf's netdev because sriovctl re-probes it.
before0=$(snapshot | grep -E '^(0 |VF0 )')
conf live "${BASE/VF-1 \{ mac-addr : \"$VF1_MAC\";/VF-1 { mac-addr : \"$VF1_MAC_NEW\"; vlan : 200; vlan-qos : 1;}"
ctl 0 -C -f "$work/live.conf"
said "$out" "3 change(s), 0 disruptive"
said "$out" "igbvf re-probed so that its netdev takes the new MAC"
after0=$(snapshot | grep -E '^(0 |VF0 )')
expect_eq "VF0 after VF1's live change" "$after0" "$before0"
refresh
expect_vf 1 "mac=$VF1_MAC_NEW" vlan=200 qos=1
wait_until "VF1 on igbvf again" has_driver 1 igbvf
wait_until "a netdev on VF1 again" has_netdev 1
vf1_if=$(ls "$pf_sys/virtfn1/net")
expect_eq "VF1 netdev MAC after the live change" "$(cat "/sys/class/net/$vf1_if/address")" "$VF1_MAC_NEW"
say "live change of VF1 only; admin MAC on its netdev"

# 5. What igb refuses: a clear per-key error, and the earlier steps of the same
#    apply (mac, trust, spoofchk, vlan) undone: the kernel shows the state before.
PF_LINE="PF { device : \"$pf_if\"; num_vfs : 2; drivers-autoprobe : false; }"
VF1_LIVE="VF-1 { mac-addr : \"$VF1_MAC_NEW\"; vlan : 200; vlan-qos : 1; driver : \"igbvf\"; }"
# vf0 KEY=VALUE...: VF-0 as the live state has it, with these keys changed or added.
vf0() {
	local -A v=([passthrough]=true [mac-addr]="\"$VF0_MAC\"" [mac-anti-spoof]=false
		[trust]=true [vlan]=100 [vlan-qos]=3 [max-tx-rate]=100)
	local kv body=""
	for kv in "$@"; do v[${kv%%=*}]=${kv#*=}; done
	for kv in "${!v[@]}"; do body="$body $kv : ${v[$kv]};"; done
	printf 'VF-0 {%s }' "$body"
}
refuse() { # NAME ERROR_TEXT KEY=VALUE...
	local name=$1 text=$2 before
	shift 2
	before=$(snapshot)
	conf "$name" "$PF_LINE
$(vf0 "$@")
$VF1_LIVE"
	ctl 1 -C -f "$work/$name.conf"
	said "$err" "$text"
	said "$err" "were undone"
	expect_eq "kernel state after the refused $name" "$(snapshot)" "$before"
	say "refused $name, state restored"
}
refuse link-state \
	"igb refuses link-state disable on VF-0: Operation not supported (igb has no VF link-state control)" \
	'mac-addr="02:00:00:00:00:20"' trust=false link-state=disable
refuse min-tx-rate "igb refuses min-tx-rate 10 on VF-0: ${ERRTEXT[EINVAL]} (igb has no minimum VF rate)" \
	trust=false max-tx-rate=200 min-tx-rate=10
refuse vlan-proto \
	"igb refuses vlan-proto 802.1ad on VF-0: Protocol not supported (igb port VLANs are 802.1Q only)" \
	mac-anti-spoof=true vlan=300 vlan-proto=802.1ad
refresh
expect_vf 0 "mac=$VF0_MAC" vlan=100 qos=3 max_tx=100 spoofchk=off trust=on

# -k applies what igb accepts and reports the rest.
conf keep "$PF_LINE
$(vf0 trust=false link-state=enable)
$VF1_LIVE"
ctl 1 -C -k -f "$work/keep.conf"
said "$err" "igb refuses link-state enable on VF-0"
said "$out" "1 of 2 change(s) applied (-k: nothing rolled back)"
refresh
expect_vf 0 trust=off link_state=auto
say "-k: trust applied, link-state refused, nothing rolled back"

# 6. More VFs: disruptive, through 0; the file's values on the new VFs. A dry
#    run first changes nothing.
conf three "PF { device : \"$pf_bdf\"; num_vfs : 3; drivers-autoprobe : false; }
VF-0 { passthrough : true; mac-addr : \"$VF0_MAC\"; }
VF-1 { driver : \"igbvf\"; }
VF-2 { mac-addr : \"$VF2_MAC\"; trust : true; }"
before=$(snapshot)
ctl 0 -n -C -f "$work/three.conf"
said "$out" "num_vfs: 2 -> 3 (disruptive"
expect_eq "kernel state after a dry run" "$(snapshot)" "$before"
ctl 0 -C -f "$work/three.conf"
said "$out" "num_vfs: 2 -> 3 (disruptive"
expect_eq sriov_numvfs "$(cat "$pf_sys/sriov_numvfs")" 3
refresh
expect_vf 0 "mac=$VF0_MAC" vlan=0 trust=off spoofchk=on
# VF-1 had vlan 200 before: settings do not survive 0 (igbvf picks its own MAC).
expect_vf 1 vlan=0 qos=0
expect_vf 2 "mac=$VF2_MAC" trust=on
wait_until "VF0 on vfio-pci" has_driver 0 vfio-pci
wait_until "VF1 on igbvf" has_driver 1 igbvf
expect_eq "VF2 driver (autoprobe 0, no driver key)" "$(vf_driver 2)" ""
say "2 -> 0 -> 3 VFs"

# 7. Delete: no VFs left.
ctl 0 -D -d "$pf_bdf"
wait_until "all VFs gone" no_vfs
expect_eq sriov_numvfs "$(cat "$pf_sys/sriov_numvfs")" 0
say "PASS"
dmesg | grep -E ' (igb|igbvf|vfio-pci|pci) ' | tail -n 30
