#!/usr/bin/env bash
# Guest script: drives the real kernel's SR-IOV interfaces on QEMU's igb PF
# with the kernel's own tools only (sysfs + /sbin/ip), and checks every result
# through `ip -j -d link show` and sysfs. It proves the VM harness and records
# what the kernel really does, which the kernel backend must match.
# Run it through the harness: scripts/vm/run.sh tests/vm/kernel_sriov_smoke.sh
# Exits non-zero with a message at the first mismatch.
set -euo pipefail
# shellcheck source=tests/vm/guest_lib.sh
. "$(dirname "$(realpath "$0")")/guest_lib.sh"

# The igb SR-IOV capability (kernel-vm.md "QEMU with an SR-IOV NIC").
readonly TOTAL_VFS=7 VF_OFFSET=128 VF_STRIDE=2
readonly NUM_VFS=2 OTHER_NUM_VFS=3
# Values the test programs into the VFs.
readonly VF0_MAC=02:00:00:00:00:10 VF1_MAC=02:00:00:00:00:11 VF1_MAC_NEW=02:00:00:00:00:12
readonly VF0_VLAN=100 VF0_QOS=3 VF0_VLAN_LIVE=200 VF0_QOS_LIVE=1
readonly VF0_MAX_RATE=100 REFUSED_MIN_RATE=10 REFUSED_VLAN=5
readonly ZERO_MAC=00:00:00:00:00:00

require_guest_tools EBUSY ERANGE ENODEV EINVAL EOPNOTSUPP EPROTONOSUPPORT
find_igb_pf
say "PF $pf_bdf ($pf_if)"

# The SR-IOV capability as sysfs shows it.
expect_eq sriov_totalvfs "$(cat "$pf_sys/sriov_totalvfs")" "$TOTAL_VFS"
expect_eq sriov_numvfs "$(cat "$pf_sys/sriov_numvfs")" 0
expect_eq sriov_offset "$(cat "$pf_sys/sriov_offset")" "$VF_OFFSET"
expect_eq sriov_stride "$(cat "$pf_sys/sriov_stride")" "$VF_STRIDE"
expect_eq sriov_vf_device "$(cat "$pf_sys/sriov_vf_device")" "$IGB_VF_DEVICE"
expect_eq sriov_drivers_autoprobe "$(cat "$pf_sys/sriov_drivers_autoprobe")" 1

# Autoprobe off before creating VFs, so they come up unbound.
write_ok "$pf_sys/sriov_drivers_autoprobe" 0
expect_eq sriov_drivers_autoprobe "$(cat "$pf_sys/sriov_drivers_autoprobe")" 0
write_ok "$pf_sys/sriov_numvfs" "$NUM_VFS"
wait_until "virtfn0..$((NUM_VFS - 1))" vfs_present "$NUM_VFS"
expect_eq sriov_numvfs "$(cat "$pf_sys/sriov_numvfs")" "$NUM_VFS"

# Each VF: routing ID = PF's + offset + i * stride, device ID, physfn back
# link, no driver, an IOMMU group of its own.
pf_bus=$((16#${pf_bdf:5:2}))
pf_rid=$(((pf_bus << 8) | (16#${pf_bdf:8:2} << 3) | ${pf_bdf:11:1}))
groups=""
for ((i = 0; i < NUM_VFS; i++)); do
	vf=$(vf_dev "$i")
	rid=$((pf_rid + VF_OFFSET + i * VF_STRIDE))
	want=$(printf '%s:%02x:%02x.%x' "${pf_bdf:0:4}" $((rid >> 8)) $(((rid >> 3) & 0x1f)) $((rid & 7)))
	expect_eq "virtfn$i address" "$vf" "$want"
	expect_eq "VF $vf device" "$(cat "$pf_sys/virtfn$i/device")" "0x$IGB_VF_DEVICE"
	expect_eq "VF $vf physfn" "$(basename "$(readlink -f "$pf_sys/virtfn$i/physfn")")" "$pf_bdf"
	expect_eq "VF $vf driver with autoprobe 0" "$(vf_driver "$i")" ""
	[ -e "$pf_sys/virtfn$i/iommu_group" ] || fail "VF $vf has no IOMMU group"
	g=$(basename "$(readlink -f "$pf_sys/virtfn$i/iommu_group")")
	case " $groups " in *" $g "*) fail "VF $vf shares IOMMU group $g" ;; esac
	groups="$groups $g"
done
say "$NUM_VFS VFs created unbound, IOMMU groups:$groups"
refresh
expect_vf 0 "mac=$ZERO_MAC" vlan=0 qos=0 max_tx=0 min_tx=0 spoofchk=on trust=off link_state=auto

# igb accepts a max rate only while the PF's link is up (else EINVAL).
"$IP" link set dev "$pf_if" up
wait_until "carrier on $pf_if" carrier_up

# VF attributes, one `ip` call each: a combined call is applied in order and
# stops at the first refusal, leaving the earlier ones applied.
"$IP" link set dev "$pf_if" vf 0 mac "$VF0_MAC" || fail "vf 0 mac"
"$IP" link set dev "$pf_if" vf 0 spoofchk off || fail "vf 0 spoofchk off"
"$IP" link set dev "$pf_if" vf 0 trust on || fail "vf 0 trust on"
"$IP" link set dev "$pf_if" vf 0 vlan "$VF0_VLAN" qos "$VF0_QOS" || fail "vf 0 vlan/qos"
"$IP" link set dev "$pf_if" vf 0 max_tx_rate "$VF0_MAX_RATE" || fail "vf 0 max_tx_rate"
"$IP" link set dev "$pf_if" vf 1 mac "$VF1_MAC" || fail "vf 1 mac"
refresh
expect_vf 0 "mac=$VF0_MAC" "vlan=$VF0_VLAN" "qos=$VF0_QOS" "max_tx=$VF0_MAX_RATE" min_tx=0 \
	spoofchk=off trust=on link_state=auto
expect_vf 1 "mac=$VF1_MAC" vlan=0 qos=0 max_tx=0 min_tx=0 spoofchk=on trust=off link_state=auto
say "VF attributes set and read back"

# What igb refuses, and that a refusal changes nothing.
before=$(vf_line 1)
ip_refused EOPNOTSUPP dev "$pf_if" vf 1 state enable
ip_refused EINVAL dev "$pf_if" vf 1 min_tx_rate "$REFUSED_MIN_RATE"
ip_refused EPROTONOSUPPORT dev "$pf_if" vf 1 vlan "$REFUSED_VLAN" proto 802.1ad
ip_refused EOPNOTSUPP dev "$pf_if" vf 1 query_rss on
ip_refused EINVAL dev "$pf_if" vf "$NUM_VFS" trust on
refresh
expect_eq "VF 1 after the refusals" "$(vf_line 1)" "$before"

# Binding with autoprobe off: a plain bind to igbvf is refused; the override
# plus drivers_probe binds.
vf0=$(vf_dev 0)
vf1=$(vf_dev 1)
write_refused /sys/bus/pci/drivers/igbvf/bind "$vf1" ENODEV
expect_eq "VF0 driver_override before" "$(cat "$pf_sys/virtfn0/driver_override")" "(null)"
write_ok "$pf_sys/virtfn0/driver_override" vfio-pci
write_ok /sys/bus/pci/drivers_probe "$vf0"
wait_until "VF $vf0 bound to vfio-pci" has_driver 0 vfio-pci
g0=$(basename "$(readlink -f "$pf_sys/virtfn0/iommu_group")")
wait_until "/dev/vfio/$g0" test -c "/dev/vfio/$g0"
write_ok "$pf_sys/virtfn1/driver_override" igbvf
write_ok /sys/bus/pci/drivers_probe "$vf1"
wait_until "VF $vf1 bound to igbvf" has_driver 1 igbvf
wait_until "a netdev on VF $vf1" has_netdev 1
vf1_if=$(ls "$pf_sys/virtfn1/net")
expect_eq "VF $vf1 netdev MAC (admin MAC set before probe)" "$(cat "/sys/class/net/$vf1_if/address")" "$VF1_MAC"
say "VF0 $vf0 -> vfio-pci (/dev/vfio/$g0), VF1 $vf1 -> igbvf ($vf1_if)"

# A live change on VF0 leaves VF1 alone.
before=$(vf_line 1)
"$IP" link set dev "$pf_if" vf 0 vlan "$VF0_VLAN_LIVE" qos "$VF0_QOS_LIVE" || fail "vf 0 live vlan/qos"
refresh
expect_vf 0 "vlan=$VF0_VLAN_LIVE" "qos=$VF0_QOS_LIVE" "mac=$VF0_MAC" trust=on spoofchk=off
expect_eq "VF 1 after VF 0's live change" "$(vf_line 1)" "$before"
expect_eq "VF0 driver after the live change" "$(vf_driver 0)" vfio-pci

# A new admin MAC reaches the VF's netdev only when igbvf probes again.
"$IP" link set dev "$pf_if" vf 1 mac "$VF1_MAC_NEW" || fail "vf 1 new mac"
refresh
expect_vf 1 "mac=$VF1_MAC_NEW"
expect_eq "VF1 netdev MAC before re-probe" "$(cat "/sys/class/net/$vf1_if/address")" "$VF1_MAC"
write_ok "$pf_sys/virtfn1/driver/unbind" "$vf1"
wait_until "VF $vf1 unbound" has_driver 1 ""
write_ok /sys/bus/pci/drivers_probe "$vf1"
wait_until "VF $vf1 bound to igbvf again" has_driver 1 igbvf
wait_until "a netdev on VF $vf1 again" has_netdev 1
vf1_if=$(ls "$pf_sys/virtfn1/net")
expect_eq "VF1 netdev MAC after re-probe" "$(cat "/sys/class/net/$vf1_if/address")" "$VF1_MAC_NEW"
say "admin MAC reached igbvf after re-probe"

# Clearing an override is a write of an empty line.
write_ok "$pf_sys/virtfn0/driver_override" $'\n'
expect_eq "VF0 driver_override cleared" "$(cat "$pf_sys/virtfn0/driver_override")" "(null)"

# The count changes only through 0; settings do not survive it.
write_refused "$pf_sys/sriov_numvfs" "$OTHER_NUM_VFS" EBUSY
expect_eq "sriov_numvfs after the refused change" "$(cat "$pf_sys/sriov_numvfs")" "$NUM_VFS"
write_ok "$pf_sys/sriov_numvfs" 0
wait_until "all VFs gone" no_vfs
write_refused "$pf_sys/sriov_numvfs" $((TOTAL_VFS + 1)) ERANGE
write_ok "$pf_sys/sriov_numvfs" "$OTHER_NUM_VFS"
wait_until "virtfn0..$((OTHER_NUM_VFS - 1))" vfs_present "$OTHER_NUM_VFS"
refresh
for ((i = 0; i < OTHER_NUM_VFS; i++)); do
	expect_vf "$i" "mac=$ZERO_MAC" vlan=0 qos=0 max_tx=0 spoofchk=on trust=off
	expect_eq "re-created VF $i driver (autoprobe still 0)" "$(vf_driver "$i")" ""
	expect_eq "re-created VF $i driver_override" "$(cat "$pf_sys/virtfn$i/driver_override")" "(null)"
done
say "$NUM_VFS -> 0 -> $OTHER_NUM_VFS VFs; settings reset"

# Leave the PF as found.
write_ok "$pf_sys/sriov_numvfs" 0
wait_until "all VFs gone" no_vfs
write_ok "$pf_sys/sriov_drivers_autoprobe" 1
say "PASS"
# The drivers' own words, for the log (tests/vm/README.md quotes them).
dmesg | grep -E ' (igb|igbvf|vfio-pci|pci) ' | tail -n 40
