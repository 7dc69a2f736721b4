#!/bin/sh
# pmd_bench: cycles per packet of the PMD's Rx+Tx bursts, io forwarding of
# 64-byte frames between two VFs of one simulated X710, for net_x710vf and
# Debian's net_iavf, at each SIMD width EAL allows (64 = scalar, 128 = SSE,
# 256 = AVX2), in one run on the same device. Our PF host (sriovctl -C)
# serves the VFs. The figure is TSC cycles inside rx_burst+tx_burst calls
# that moved packets, divided by the packets moved (x710vf-fwd --cycles).
# FWD is x710vf-fwd built without the PMD linked in (pmd-bench-fwd).
# MODE=callgrind counts instructions instead (valgrind, deterministic on a
# shared machine where TSC cycles include other processes' interference):
# Ir inside the timed burst calls / packets.
# Usage: [MODE=tsc|callgrind] [REPS=n] pmd_bench.sh X710_SIM SRIOVCTL FWD PMD_SO SOURCE_ROOT [SECONDS]
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
REPS=${REPS:-3}
MODE=${MODE:-tsc}
WRAP=
if [ "$MODE" = callgrind ]; then
	WRAP="valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file=/dev/null"
	REPS=1          # instruction counts do not vary with load
fi
POLLS=600
# A run that outlives its duration by this much is killed and tried once
# more (net_iavf's shutdown under valgrind was once seen spinning).
GRACE=120
[ "$MODE" = callgrind ] && GRACE=300

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

# run DRIVER WIDTH: one measurement; prints "cycles|packets|rx path / tx path"
run() {
	plugin=
	[ "$1" = net_x710vf ] && plugin="-d $PMD"
	# shellcheck disable=SC2086
	timeout -s KILL $((SECS + GRACE)) "$X710_SIM" exec --dir "$DIR" -- $WRAP "$FWD" $plugin -a "$VF0" -a "$VF1" -l 0 -m 128 \
		--iova-mode=pa --force-max-simd-bitwidth="$2" --file-prefix "pmd-bench-$1-$2-$$" \
		--log-level='pmd.net.iavf.driver:debug' \
		-- --mode io --cycles --tx-first "$SEED" --duration "$SECS" >"$RUN/run.log" 2>&1
	probe=$(grep -o "Probe PCI driver: [a-z_0-9]*" "$RUN/run.log" | head -1 | awk '{print $4}')
	[ "$probe" = "$1" ] || { echo "pmd_bench: wanted $1, EAL probed '$probe'" >&2; return 1; }
	pkts=$(sed -n 's/^cycles: \([0-9]*\) packets.*/\1/p' "$RUN/run.log")
	if [ "$MODE" = callgrind ]; then
		ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$RUN/run.log")
		cyc=$(echo "$ir ${pkts:-0}" | awk '$2 > 0 { printf "%.1f", $1 / $2 }')
	else
		cyc=$(sed -n 's/.* \([0-9.]*\) TSC cycles per packet.*/\1/p' "$RUN/run.log")
	fi
	[ -n "$cyc" ] && [ "${pkts:-0}" -gt 0 ] || { tail -5 "$RUN/run.log" >&2; return 1; }
	# Our fwd prints the burst modes; iavf says which path at debug level.
	path=$(sed -n 's/^port 0: Rx burst \(.*\), Tx burst \(.*\)$/\1 \/ \2/p' "$RUN/run.log")
	[ -n "$path" ] || path=$(sed -n 's/.*Using \(.*\) Rx (port 0).*/\1/p' "$RUN/run.log" | head -1)
	echo "$cyc|$pkts|$path"
}

# Interleaved repetitions, minimum per configuration: the machine is shared
# and preemption only ever adds cycles.
CONFIGS="net_x710vf:64 net_x710vf:128 net_x710vf:256 net_iavf:64 net_iavf:128 net_iavf:256"
for rep in $(seq "$REPS"); do
	for c in $CONFIGS; do
		r=$(run "${c%%:*}" "${c##*:}") || r=$(run "${c%%:*}" "${c##*:}") ||
			die "${c%%:*} at ${c##*:} bits failed twice"
		echo "$c|$rep|$r" >>"$RUN/results"
	done
done

UNIT=cyc/pkt
[ "$MODE" = callgrind ] && UNIT=Ir/pkt
printf '%-11s %-5s %-26s %12s %12s   %s\n' driver simd "path (Rx / Tx)" packets "min-$UNIT" all-runs
for c in $CONFIGS; do
	grep "^$c|" "$RUN/results" | awk -F'|' -v d="${c%%:*}" -v w="${c##*:}" '
		{ runs = runs (runs ? " " : "") $3; if (min == "" || $3 + 0 < min + 0) { min = $3; pk = $4; pa = $5 } }
		END { printf "%-11s %-5s %-26s %12s %12s   %s\n", d, w, pa, pk, min, runs
		      printf "%s|%s\n", d, min >> "/dev/stderr" }' 2>>"$RUN/mins"
done
best() { awk -F'|' -v d="$1" '$1 == d { if (m == "" || $2 + 0 < m + 0) m = $2 } END { print m }' "$RUN/mins"; }
OURS=$(best net_x710vf)
IAVF=$(best net_iavf)
echo "best: net_x710vf $OURS, net_iavf $IAVF $UNIT; ratio x710vf/iavf = $(echo "$OURS $IAVF" | awk '{printf "%.2f", $1 / $2}') (goal <= 0.80)"
