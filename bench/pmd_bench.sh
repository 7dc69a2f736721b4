#!/bin/sh
# pmd_bench: cycles per packet of the PMD's Rx+Tx bursts, io forwarding of
# 64-byte frames between two VFs of one simulated X710, for net_x710vf and
# Debian's net_iavf, at each SIMD width EAL allows (64 = scalar, 128 = SSE,
# 256 = AVX2), in one run on the same device. Our PF host (sriovctl -C)
# serves the VFs. The figure is TSC cycles inside rx_burst+tx_burst calls
# that moved packets, divided by the packets moved (x710vf-fwd --cycles).
# FWD is x710vf-fwd built without the PMD linked in (pmd-bench-fwd).
# Usage: pmd_bench.sh X710_SIM SRIOVCTL FWD PMD_SO SOURCE_ROOT [SECONDS]
set -u
X710_SIM=$1
SRIOVCTL=$2
FWD=$3
PMD=$4
SRC=$5
SECS=${6:-5}
CONF=$SRC/examples/iov/x710-sim.conf
PF=0000:01:00.0
SEED=256                        # frames per direction kept in flight
POLLS=600

RUN=$(mktemp -d "${TMPDIR:-/var/tmp}/pmd_bench.XXXXXX")
DIR=$RUN/sim
CTL=
cleanup() {
	[ -n "$CTL" ] && kill -TERM "$CTL" 2>/dev/null
	wait 2>/dev/null
	"$X710_SIM" stop --dir "$DIR" >/dev/null 2>&1
	rm -rf "$RUN" /var/run/dpdk/pmd-bench-*-$$
}
trap cleanup EXIT
die() { echo "pmd_bench: $*" >&2; [ -f "$RUN/sriovctl.log" ] && tail -5 "$RUN/sriovctl.log" >&2; exit 1; }

"$X710_SIM" start --pfs 2 --vfs-per-pf 8 --dir "$DIR" >/dev/null || die "x710-sim start"
"$X710_SIM" exec --dir "$DIR" -- "$SRIOVCTL" -C -f "$CONF" >"$RUN/sriovctl.log" 2>&1 &
CTL=$!
i=0
until grep -q "serving the VF mailboxes" "$RUN/sriovctl.log" && [ -e "$DIR/devices/$PF/virtfn1" ]; do
	kill -0 "$CTL" 2>/dev/null || die "sriovctl -C exited"
	i=$((i + 1)); [ "$i" -le "$POLLS" ] || die "VFs not served in time"
	sleep 0.1
done
VF0=$(basename "$(readlink "$DIR/devices/$PF/virtfn0")")
VF1=$(basename "$(readlink "$DIR/devices/$PF/virtfn1")")

# run DRIVER WIDTH: one measurement; prints "cycles paths"
run() {
	plugin=
	[ "$1" = net_x710vf ] && plugin="-d $PMD"
	# shellcheck disable=SC2086
	"$X710_SIM" exec --dir "$DIR" -- "$FWD" $plugin -a "$VF0" -a "$VF1" -l 0 -m 128 \
		--iova-mode=pa --force-max-simd-bitwidth="$2" --file-prefix "pmd-bench-$1-$2-$$" \
		-- --mode io --cycles --tx-first "$SEED" --duration "$SECS" >"$RUN/run.log" 2>&1
	grep -q "Driver\|cycles:" "$RUN/run.log" || { cat "$RUN/run.log" >&2; return 1; }
	probe=$(grep -o "Probe PCI driver: [a-z_0-9]*" "$RUN/run.log" | head -1 | awk '{print $4}')
	[ "$probe" = "$1" ] || { echo "pmd_bench: wanted $1, EAL probed '$probe'" >&2; return 1; }
	cyc=$(sed -n 's/.* \([0-9.]*\) TSC cycles per packet.*/\1/p' "$RUN/run.log")
	pkts=$(sed -n 's/^cycles: \([0-9]*\) packets.*/\1/p' "$RUN/run.log")
	path=$(sed -n 's/^port 0: Rx burst \(.*\), Tx burst \(.*\)$/\1 \/ \2/p' "$RUN/run.log")
	echo "$cyc|$pkts|$path"
}

printf '%-11s %-5s %-34s %12s %14s\n' driver simd "Rx / Tx burst" packets cycles/pkt
best_ours= best_iavf=
for drv in net_x710vf net_iavf; do
	for w in 64 128 256; do
		r=$(run "$drv" "$w") || die "$drv at $w bits failed"
		cyc=${r%%|*}; rest=${r#*|}; pkts=${rest%%|*}; path=${rest#*|}
		printf '%-11s %-5s %-34s %12s %14s\n' "$drv" "$w" "$path" "$pkts" "$cyc"
		if [ "$drv" = net_x710vf ]; then
			best_ours=$(echo "$cyc ${best_ours:-$cyc}" | awk '{print ($1 < $2) ? $1 : $2}')
		else
			best_iavf=$(echo "$cyc ${best_iavf:-$cyc}" | awk '{print ($1 < $2) ? $1 : $2}')
		fi
	done
done
echo "best: net_x710vf $best_ours, net_iavf $best_iavf cycles/pkt; ratio x710vf/iavf = $(echo "$best_ours $best_iavf" | awk '{printf "%.2f", $1 / $2}') (goal <= 0.80)"
