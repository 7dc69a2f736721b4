#!/usr/bin/env bash
# The README's main command: set up, build, and show the whole stack working
# on the simulated X710:
#   1. the configuration language (schema, resolution, every error at once);
#   2. x710-sim, the device model, with its fake PCI tree;
#   3. sriovd applying examples/iov/x710-sim.conf and serving the VF mailboxes;
#   4. two VFs forwarding frames to each other through our net_x710vf PMD,
#      with live per-port rates;
#   5. the daemon's status (HTTP/JSON API) and metrics, and the model's
#      own counters.
# Everything runs under the build tree and is stopped at the end.
#
# Usage: scripts/demo.sh            (as root)
#   SRIOV_DEMO_SECONDS=N  how long the VFs forward (default 6)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh"

if [ -f build/build.ninja ]; then
	meson setup --reconfigure build -Dtests=enabled >/dev/null
else
	meson setup build -Dtests=enabled >/dev/null
fi
ninja -C build >/dev/null

sriovctl=build/app/sriovctl/sriovctl
sriovd=build/app/sriovd/sriovd
x710sim=build/sim/launcher/x710-sim
fwd=build/examples/fwd/x710vf-fwd
seconds=${SRIOV_DEMO_SECONDS:-6}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }
die() { printf 'demo: error: %s\n' "$*" >&2; exit 1; }

# --- 1. the configuration language ------------------------------------------
step "What an X710 VF can be configured with (the x710 schema, as iovctl -S prints it)"
show "$sriovctl" -S --driver x710

step "A FreeBSD iovctl.conf, validated and resolved without the device"
show cat examples/iov/ixl0.conf
show "$sriovctl" -n -C -f examples/iov/ixl0.conf --driver x710

run="$root/build/demo"
rm -rf "$run"
mkdir -p "$run/iov" "$run/state"
broken="$run/broken.conf"
cat > "$broken" <<'CONF'
PF { device : "ixl0"; num_vfs : 2; }
VF-0 { mac-addr : "01:00:5e:00:00:01"; num-queues : 32; }
VF-01 { allow-promisc : true; }
VF-1 { mac-anti-spof : false; vlan : “100”; }
CONF
step "A broken file: every mistake at once, each with file:line:column"
cat -n "$broken"
show "$sriovctl" -n -C -f "$broken" --driver x710 || true

for tool in "$sriovd" "$x710sim" "$fwd"; do
	[ -x "$tool" ] || die "$tool was not built (DPDK or a dependency is missing?)"
done
free=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages)
[ "$free" -ge 200 ] || die "needs 200 free 2 MB hugepages, $free free (scripts/setup.sh reserves them)"

# --- 2. the simulated X710 -----------------------------------------------------
sim="$run/sim"
sock="$run/sriovd.sock"
pf=0000:01:00.0
mac0=02:00:00:00:05:00
mac1=02:00:00:00:05:01
d_pid=
cleanup() {
	[ -n "$d_pid" ] && kill -TERM "$d_pid" 2>/dev/null && wait "$d_pid" 2>/dev/null
	# sriovd leaves a PF it stops running for the next sriovd to adopt; its
	# fd keeper holds that memory until the VFs are deleted or it is stopped.
	[ -f "$run/state/fdkeeper.pid" ] && kill "$(cat "$run/state/fdkeeper.pid")" 2>/dev/null
	"$x710sim" stop --dir "$sim" >/dev/null 2>&1 || true
	rm -rf /var/run/dpdk/sriov-demo-$$
}
trap cleanup EXIT

# poll CMD... : retry CMD every 0.1 s for at most 30 s (readiness, not timing).
poll() {
	local n=0
	until "$@" >/dev/null 2>&1; do
		n=$((n + 1))
		[ "$n" -le 300 ] || return 1
		sleep 0.1
	done
}

step "Start the simulated X710 (2 ports, 8 VFs each) and look at its PCI tree"
show "$x710sim" start --pfs 2 --vfs-per-pf 8 --dir "$sim"
show ls "$sim/devices"

# --- 3. sriovd -------------------------------------------------------------------
cp examples/iov/x710-sim.conf "$run/iov/"
api() { curl -sS --unix-socket "$sock" "http://sriovd$1"; }
step "sriovd applies $run/iov/*.conf, then serves the VFs' mailboxes"
show cat "$run/iov/x710-sim.conf"
printf '$ x710-sim exec -- sriovd -d %s -s %s -S %s &\n' "$run/iov" "$run/state" "$sock"
"$x710sim" exec --dir "$sim" -- "$sriovd" -d "$run/iov" -s "$run/state" -S "$sock" \
	-k "$run/device-plugin-config.json" > "$run/sriovd.log" 2>&1 &
d_pid=$!
ready() { api /v1/health | grep -q '"ready": true'; }
poll ready || { cat "$run/sriovd.log"; die "sriovd did not become ready"; }
sed 's/^/  sriovd: /' "$run/sriovd.log"
poll test -e "$sim/devices/$pf/virtfn1" || die "the VFs did not appear"
vf0=$(basename "$(readlink "$sim/devices/$pf/virtfn0")")
vf1=$(basename "$(readlink "$sim/devices/$pf/virtfn1")")
show ls -l "$sim/devices/$pf/" | grep virtfn || true

# --- 4. two VFs forwarding ---------------------------------------------------------
step "VF0 ($vf0) and VF1 ($vf1) forward to each other through net_x710vf for ${seconds}s"
echo "(mac mode: each port rewrites the MACs and sends back to the other VF's MAC;"
echo " 64 frames per port start the loop; the model's switch delivers by MAC filter)"
"$x710sim" exec --dir "$sim" -- "$fwd" -a "$vf0" -a "$vf1" --iova-mode=pa -m 128 \
	--file-prefix "sriov-demo-$$" --log-level=lib.eal:warning -- \
	--mode mac --peer "0=$mac1" --peer "1=$mac0" --tx-first 64 \
	--period 1 --duration "$seconds" || die "the forwarding app failed"

# --- 5. status and metrics -----------------------------------------------------------
step "sriovd's view: the PF and its VFs (GET /v1/pfs/$pf)"
printf '$ curl --unix-socket %s http://sriovd/v1/pfs/%s\n' "$sock" "$pf"
api "/v1/pfs/$pf" > "$run/pf.json"
python3 - "$run/pf.json" <<'PY' || cat "$run/pf.json"
import json, sys
doc = json.load(open(sys.argv[1]))
pf = doc["pfs"][0] if "pfs" in doc else doc
print("PF %s  backend %s  VFs %s of %s  mailbox messages served %s" % (
    pf.get("device"), pf.get("backend"), pf.get("num_vfs"), pf.get("total_vfs"),
    pf.get("mailbox_served", "-")))
for vf in pf.get("vfs", []):
    live = vf.get("live", {})
    st = vf.get("status", {})
    c = st.get("counters", {})
    print("  VF-%-2s %-13s mac %-17s anti-spoof %-5s queues %-2s link %-4s rx %s tx %s" % (
        vf.get("vf"), vf.get("pci_address", "?"), live.get("mac-addr", "-"),
        str(live.get("mac-anti-spoof", "-")).lower(), live.get("num-queues", "-"),
        "up" if st.get("link_up") else ("down" if "link_up" in st else "-"),
        c.get("rx_packets", "-"), c.get("tx_packets", "-")))
PY

step "Prometheus metrics (GET /metrics: per-VF packets, VF counts, apply results)"
api /metrics > "$run/metrics.txt"
# awk reads to the end: a pipe closed early would fail the demo (pipefail).
awk '/^sriovd_vf_(receive|transmit)_packets_total|^sriovd_pf_vfs|^sriovd_apply_total/' "$run/metrics.txt"
echo "(all of it: $(grep -c '^sriov' "$run/metrics.txt") series in $run/metrics.txt)"

step "The model's own counters (x710-sim stats)"
show "$x710sim" stats --dir "$sim"

step "Done: deleting the VFs through sriovd, then stopping it and the model"
printf '$ curl --unix-socket %s -X DELETE http://sriovd/v1/pfs/%s/vfs\n' "$sock" "$pf"
curl -sS --unix-socket "$sock" -X DELETE "http://sriovd/v1/pfs/$pf/vfs" > "$run/delete.json" ||
	die "DELETE /v1/pfs/$pf/vfs failed"
poll test ! -e "$sim/devices/$pf/virtfn0" || die "the VFs are still there"
echo "(the VFs are gone; a stopped sriovd would otherwise leave them running for the next"
echo " sriovd to adopt, as after a crash)"
