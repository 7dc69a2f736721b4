#!/usr/bin/env bash
# Guest script: the project's sriovd on a kernel PF (igb). sriovd boots on a
# config directory and applies it; GET /v1/pfs over its Unix socket lists the
# VFs; /metrics has per-VF series for the PF; a config edit + SIGHUP changes
# one VF's MAC live and leaves the other VF alone; a malformed config on
# SIGHUP is refused and changes nothing. Results are checked through sysfs and
# `ip` (guest_lib.sh), the API only for what only the API can show.
# The guest runs the host's root (scripts/vm/guest-init), so sriovd's shared
# libraries and curl are the host's own, at their host paths.
# Usage (through the harness): scripts/vm/run.sh tests/vm/sriovd_kernel.sh SRIOVD
set -euo pipefail
# shellcheck source=tests/vm/guest_lib.sh
. "$(dirname "$(realpath "$0")")/guest_lib.sh"

sriovd=${1:?usage: sriovd_kernel.sh PATH_TO_SRIOVD}
[ -x "$sriovd" ] || fail "$sriovd is not an executable (build it first)"
command -v curl >/dev/null || fail "curl is missing in the guest (it comes from the host root)"
# Every library sriovd links (libmicrohttpd, jansson, libsystemd, libnl) must resolve here.
if ldd "$sriovd" | grep -q 'not found'; then
	ldd "$sriovd" >&2
	fail "sriovd's shared libraries do not all resolve in the guest"
fi

readonly VF0_MAC=02:00:00:00:00:20 VF1_MAC=02:00:00:00:00:21 VF0_MAC_NEW=02:00:00:00:00:22

# shellcheck disable=SC2119 # no errno texts: nothing here expects a refused write
require_guest_tools
find_igb_pf
say "PF $pf_bdf ($pf_if), sriovd $sriovd"
work=$(mktemp -d)
conf_dir=$work/iov
sock=$work/sriovd.sock
mkdir -p "$conf_dir" "$work/state"
d_pid=

stop_sriovd() {
	if [ -n "$d_pid" ]; then
		kill -TERM "$d_pid" 2>/dev/null || true
		wait "$d_pid" 2>/dev/null || true
		d_pid=
	fi
}
# On failure the daemon's log says what it saw.
on_exit() {
	local rc=$?
	stop_sriovd
	if [ "$rc" != 0 ]; then
		echo "--- sriovd log"
		cat "$work/sriovd.log"
	fi
}
trap on_exit EXIT

api() { curl -sS --max-time 20 --unix-socket "$sock" "http://sriovd$1"; }
alive() { kill -0 "$d_pid" 2>/dev/null || fail "sriovd exited; see its log"; }
ready() { alive; api /v1/health 2>/dev/null | grep -q '"ready": true'; }
# metric NAME{LABELS}: the value of that exact series in /metrics, or empty.
metric() { api /metrics | awk -v s="$1" 'index($0, s " ") == 1 { print $2 }'; }
applies() { metric "sriovd_apply_total{result=\"$1\"}"; }
# vf_ip_mac VF: the admin MAC `ip link show` gives VF N (plain text: no python).
vf_ip_mac() { "$IP" link show dev "$pf_if" | awk -v n="$1" '$1 == "vf" && $2 == n { print $4 }'; }
vf_mac_is() { [ "$(vf_ip_mac "$1")" = "$2" ]; }
count_above() { alive; [ "$(applies "$1")" -gt "$2" ]; }

write_conf() { # VF0_MAC
	cat >"$conf_dir/igb.conf" <<EOF
PF { device : "$pf_bdf"; num_vfs : 2; drivers-autoprobe : false; }
VF-0 { mac-addr : "$1"; trust : true; }
VF-1 { mac-addr : "$VF1_MAC"; driver : "igbvf"; }
EOF
}

# 1. sriovd boots on the directory, applies it and says it is ready.
write_conf "$VF0_MAC"
"$sriovd" -d "$conf_dir" -s "$work/state" -S "$sock" -k '' >"$work/sriovd.log" 2>&1 &
d_pid=$!
wait_until "sriovd ready on $sock" ready
expect_eq sriov_numvfs "$(cat "$pf_sys/sriov_numvfs")" 2
refresh
expect_vf 0 "mac=$VF0_MAC" trust=on
expect_vf 1 "mac=$VF1_MAC" trust=off
wait_until "VF1 on igbvf" has_driver 1 igbvf
expect_eq "VF0 driver (autoprobe 0)" "$(vf_driver 0)" ""
say "sriovd applied $conf_dir/igb.conf: 2 VFs, VF1 on igbvf"

# 2. GET /v1/pfs lists the PF on the kernel backend and both VFs, with their
#    PCI addresses, live values and status (the bound driver, the link).
api /v1/pfs >"$work/pfs.json"
python3 -S - "$work/pfs.json" "$pf_bdf" "$(vf_dev 0)" "$(vf_dev 1)" "$VF0_MAC" "$VF1_MAC" <<'EOF' ||
import json, sys
doc, bdf, vf0, vf1, mac0, mac1 = sys.argv[1:]
pfs = [p for p in json.load(open(doc))["pfs"] if p["device"] == bdf]
def want(what, got, exp):
    if got != exp:
        sys.exit("GET /v1/pfs: %s: got %r, want %r" % (what, got, exp))
want("PFs named %s" % bdf, len(pfs), 1)
pf = pfs[0]
want("backend", pf["backend"], "kernel")
want("num_vfs", pf["num_vfs"], 2)
vfs = pf["vfs"]
want("VFs listed", [v["vf"] for v in vfs], [0, 1])
for v, addr, mac, drv in ((vfs[0], vf0, mac0, ""), (vfs[1], vf1, mac1, "igbvf")):
    n = v["vf"]
    want("VF %d pci_address" % n, v.get("pci_address"), addr)
    want("VF %d live mac-addr" % n, v["live"].get("mac-addr"), mac)
    st = v.get("status")
    if st is None:
        sys.exit("GET /v1/pfs: VF %d has no status (vf_status)" % n)
    want("VF %d status driver" % n, st.get("driver", ""), drv)
    if not isinstance(st.get("link_up"), bool):
        sys.exit("GET /v1/pfs: VF %d status has no link_up: %r" % (n, st))
    # igb has no ndo_get_vf_stats: the kernel's zeros are not counters.
    want("VF %d counters (igb reports none)" % n, st.get("counters"), {})
    print("  VF %d %s status %s" % (n, addr, json.dumps(st, sort_keys=True)))
EOF
	fail "GET /v1/pfs does not show the PF and its VFs as the kernel has them"
say "GET /v1/pfs: PF on the kernel backend, VF0/VF1 with address, live values, status"

# What the kernel itself reports as IFLA_VF_STATS for igb (for the log).
"$IP" -s -j link show dev "$pf_if" | python3 -S -c '
import json, sys
for vf in json.load(sys.stdin)[0].get("vfinfo_list", []):
    print("  kernel IFLA_VF_STATS VF %s: %s" % (vf["vf"], json.dumps(vf.get("stats"), sort_keys=True)))'

# 3. /metrics: per-VF series for the kernel PF (configuration, link, rate);
#    no traffic counters for igb, whose counters the kernel fills with zeros.
api /metrics >"$work/metrics.txt"
for vf in 0 1; do
	labels="pf=\"$pf_bdf\",vf=\"$vf\",vf_pci=\"$(vf_dev "$vf")\""
	grep -qF "sriovd_vf_info{$labels," "$work/metrics.txt" ||
		fail "/metrics has no sriovd_vf_info for VF $vf ($labels)"
	grep -qE "^sriovd_vf_link_up\{$labels\} [01]$" "$work/metrics.txt" ||
		fail "/metrics has no sriovd_vf_link_up for VF $vf"
	grep -qE "^sriovd_vf_max_tx_rate_mbps\{$labels\} 0$" "$work/metrics.txt" ||
		fail "/metrics has no sriovd_vf_max_tx_rate_mbps 0 for VF $vf"
done
grep -qF "sriovd_vf_info{pf=\"$pf_bdf\",vf=\"0\",vf_pci=\"$(vf_dev 0)\",mac=\"$VF0_MAC\"" \
	"$work/metrics.txt" || fail "/metrics: sriovd_vf_info of VF 0 does not carry mac $VF0_MAC"
grep -qE "^sriovd_vf_info\{pf=\"$pf_bdf\",vf=\"1\".*,driver=\"igbvf\"\} 1$" "$work/metrics.txt" ||
	fail "/metrics: sriovd_vf_info of VF 1 does not say driver igbvf"
if grep -E "^sriovd_vf_(receive|transmit)_[a-z_]+_total\{pf=\"$pf_bdf\"" "$work/metrics.txt"; then
	fail "/metrics shows traffic counters for igb, which has no ndo_get_vf_stats (the kernel's zeros)"
fi
expect_eq "sriovd_pf_vfs enabled" "$(metric "sriovd_pf_vfs{pf=\"$pf_bdf\",state=\"enabled\"}")" 2
grep -E "^sriovd_vf_(info|link_up)\{pf=\"$pf_bdf\"" "$work/metrics.txt" | sed 's/^/  /'
say "/metrics: sriovd_vf_info, sriovd_vf_link_up, max rate for both VFs; no igb counters"

# 3b. The PF is down after boot, so both VFs (link-state auto) are down above;
#     with the PF's carrier up, sriovd shows them up.
vf_link_metric() { # VF
	metric "sriovd_vf_link_up{pf=\"$pf_bdf\",vf=\"$1\",vf_pci=\"$(vf_dev "$1")\"}"
}
expect_eq "VF0 link with the PF down" "$(vf_link_metric 0)" 0
"$IP" link set dev "$pf_if" up
wait_until "carrier on $pf_if" carrier_up
both_up() { alive; [ "$(vf_link_metric 0)" = 1 ] && [ "$(vf_link_metric 1)" = 1 ]; }
wait_until "sriovd_vf_link_up 1 for VF0 and VF1 (auto follows the PF)" both_up
say "PF carrier up: sriovd_vf_link_up 1 for both VFs (link-state auto)"

# 4. Config edit + SIGHUP: VF0's MAC changes live, VF1 (attributes, driver,
#    netdev) stays as it was.
vf1_before=$(refresh; vf_line 1)
vf1_if=$(ls "$pf_sys/virtfn1/net")
ok_before=$(applies success)
write_conf "$VF0_MAC_NEW"
kill -HUP "$d_pid"
wait_until "VF0 MAC $VF0_MAC_NEW in ip link show" vf_mac_is 0 "$VF0_MAC_NEW"
wait_until "the reload counted as a success" count_above success "$ok_before"
refresh
expect_vf 0 "mac=$VF0_MAC_NEW" trust=on
expect_eq "VF1 after VF0's live change" "$(vf_line 1)" "$vf1_before"
expect_eq "VF1 driver after VF0's live change" "$(vf_driver 1)" igbvf
expect_eq "VF1 netdev after VF0's live change" "$(ls "$pf_sys/virtfn1/net")" "$vf1_if"
expect_eq sriov_numvfs "$(cat "$pf_sys/sriov_numvfs")" 2
say "SIGHUP: VF0 MAC -> $VF0_MAC_NEW live; VF1 untouched ($vf1_if on igbvf)"

# 5. A malformed config on SIGHUP is refused: nothing changes.
snapshot() {
	refresh
	printf '%s\n' "$vfs"
	printf 'VF0 driver=%s VF1 driver=%s numvfs=%s autoprobe=%s\n' "$(vf_driver 0)" \
		"$(vf_driver 1)" "$(cat "$pf_sys/sriov_numvfs")" "$(cat "$pf_sys/sriov_drivers_autoprobe")"
}
before=$(snapshot)
invalid_before=$(applies invalid)
printf 'PF { device : "%s"; num_vfs : ; }\nVF-0 { mac-addr : "02:00:00:00:00:99"; \n' \
	"$pf_bdf" >"$conf_dir/igb.conf"
kill -HUP "$d_pid"
wait_until "the malformed reload counted as invalid" count_above invalid "$invalid_before"
expect_eq "kernel state after the malformed config" "$(snapshot)" "$before"
wait_until "sriovd still ready" ready
grep -E "igb.conf:[0-9]+:[0-9]+" "$work/sriovd.log" | tail -n 3 | sed 's/^/  sriovd| /' ||
	fail "sriovd did not say where igb.conf is malformed (file:line:column)"
say "SIGHUP with a malformed config: refused, kernel state unchanged"

stop_sriovd
say "PASS"
