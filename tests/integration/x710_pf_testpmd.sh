#!/bin/sh
# End-to-end proof of issue 4: our userspace PF (sriovctl -C, the x710
# backend over DPDK's EAL) creates 4 VFs on the simulated X710 and serves
# their mailboxes; Debian's unmodified dpdk-testpmd with net_iavf runs on
# VF0 and VF1: link up, the configured MAC, txonly on VF0 -> rxonly on VF1,
# and testpmd's port stats agree with the model's per-VSI counters.
# Readiness is always a poll of a log or a file against a deadline.
# Usage: x710_pf_testpmd.sh X710_SIM SRIOVCTL SOURCE_ROOT. Exit 77 = skipped.
set -u
X710_SIM=$1
SRIOVCTL=$2
SRC=$3
CONF=$SRC/examples/iov/x710-sim.conf
TESTPMD=/usr/bin/dpdk-testpmd
PF=0000:01:00.0
MAC0=02:00:00:00:05:00      # VF-0 / VF-1 mac-addr in $CONF
MAC1=02:00:00:00:05:01
NEED_HUGEPAGES=120          # sriovctl -m 64 + two testpmd -m 64, with slack
DEADLINE=600                # polls of 0.1 s for each wait
MIN_FRAMES=1000

skip() { echo "SKIP: $*"; exit 77; }

[ "$(id -u)" = 0 ] || skip "needs root (mount namespace, pagemap physical addresses)"
[ -x "$TESTPMD" ] || skip "$TESTPMD is not installed (Debian package dpdk)"
FREE=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages 2>/dev/null || echo 0)
[ "$FREE" -ge "$NEED_HUGEPAGES" ] ||
	skip "needs $NEED_HUGEPAGES free 2 MiB hugepages, $FREE free (echo 512 > /proc/sys/vm/nr_hugepages)"

RUN=${SRIOV_BUILD_ROOT:-/tmp}/tests/integration/x710_pf_testpmd.$$
DIR=$RUN/sim
mkdir -p "$RUN" || { echo "FAIL: cannot create $RUN"; exit 1; }
CTL_PID= RX_PID= TX_PID=

fail() {
	echo "FAIL: $*"
	for f in sriovctl rx tx; do
		[ -f "$RUN/$f.log" ] && { echo "--- $f.log (tail)"; tail -40 "$RUN/$f.log"; }
	done
	[ -f "$DIR/x710-sim.log" ] && { echo "--- x710-sim.log (tail)"; tail -20 "$DIR/x710-sim.log"; }
	exit 1
}

cleanup() {
	for p in $TX_PID $RX_PID; do kill "$p" 2>/dev/null; done
	[ -n "$CTL_PID" ] && kill -TERM "$CTL_PID" 2>/dev/null
	wait 2>/dev/null
	"$X710_SIM" stop --dir "$DIR" >/dev/null 2>&1
	rm -rf "/var/run/dpdk/x710pf-rx-$$" "/var/run/dpdk/x710pf-tx-$$"
}
trap cleanup EXIT

# wait_for FILE PATTERN PID WHAT: poll FILE for an extended regex.
wait_for() {
	n=0
	until grep -qE "$2" "$1" 2>/dev/null; do
		kill -0 "$3" 2>/dev/null || fail "$4: the process exited first"
		n=$((n + 1))
		[ "$n" -le "$DEADLINE" ] || fail "$4: not seen in time"
		sleep 0.1
	done
}

# count FILE KEY: the last "KEY: N" testpmd printed.
count() {
	grep -oE "$2: +[0-9]+" "$1" | tail -1 | grep -oE '[0-9]+$'
}

"$X710_SIM" start --pfs 2 --vfs-per-pf 8 --dir "$DIR" || fail "x710-sim start"

echo "1. sriovctl -C creates the VFs and serves their mailboxes"
"$X710_SIM" exec --dir "$DIR" -- "$SRIOVCTL" -C -f "$CONF" >"$RUN/sriovctl.log" 2>&1 &
CTL_PID=$!
wait_for "$RUN/sriovctl.log" "serving the VF mailboxes" "$CTL_PID" "sriovctl -C"
grep -E "Plan for|change\(s\) applied" "$RUN/sriovctl.log"
# The model publishes VFs one by one after sriov_numvfs is written: poll.
n=0
until [ "$(cat "$DIR/devices/$PF/sriov_numvfs")" = 4 ] && [ -e "$DIR/devices/$PF/virtfn3" ]; do
	n=$((n + 1))
	[ "$n" -le "$DEADLINE" ] ||
		fail "sriov_numvfs is '$(cat "$DIR/devices/$PF/sriov_numvfs")', want 4 with virtfn0..3"
	sleep 0.1
done
VF0=$(basename "$(readlink "$DIR/devices/$PF/virtfn0")")
VF1=$(basename "$(readlink "$DIR/devices/$PF/virtfn1")")
[ -n "$VF0" ] && [ -n "$VF1" ] || fail "no virtfn0/virtfn1 links under $PF"
echo "   4 VFs; VF0 $VF0, VF1 $VF1"

# start_testpmd NAME VF: testpmd in interactive mode, fed through a FIFO;
# stdbuf makes its printf output reach the log line by line.
start_testpmd() {
	mkfifo "$RUN/$1.in"
	"$X710_SIM" exec --dir "$DIR" -- stdbuf -oL "$TESTPMD" -a "$2" --iova-mode=pa -m 64 \
		--file-prefix "x710pf-$1-$$" -- -i --total-num-mbufs=2048 \
		<"$RUN/$1.in" >"$RUN/$1.log" 2>&1 &
}

echo "2. testpmd (net_iavf) on VF1: rxonly"
start_testpmd rx "$VF1"
RX_PID=$!
exec 4>"$RUN/rx.in"
echo "2b. testpmd (net_iavf) on VF0: txonly"
start_testpmd tx "$VF0"
TX_PID=$!
exec 5>"$RUN/tx.in"

wait_for "$RUN/rx.log" "testpmd> " "$RX_PID" "rx testpmd prompt"
wait_for "$RUN/tx.log" "testpmd> " "$TX_PID" "tx testpmd prompt"
echo "show port info 0" >&4
echo "show port info 0" >&5
wait_for "$RUN/rx.log" "MAC address: $MAC1" "$RX_PID" "VF1 shows the configured MAC $MAC1"
wait_for "$RUN/tx.log" "MAC address: $MAC0" "$TX_PID" "VF0 shows the configured MAC $MAC0"
wait_for "$RUN/rx.log" "Link status: up" "$RX_PID" "VF1 link up"
wait_for "$RUN/tx.log" "Link status: up" "$TX_PID" "VF0 link up"
echo "   both VFs: configured MAC, link up"
# testpmd turns promiscuous mode on; without allow-promisc the PF host
# acknowledges it without effect, and says so.
for vf in 0 1; do
	wait_for "$RUN/sriovctl.log" "VF-$vf .*promiscuous mode asked, acknowledged without effect" \
		"$CTL_PID" "VF-$vf's promiscuous request acknowledged without effect"
done
echo "   both VFs asked for promiscuous mode: acknowledged without effect (allow-promisc false)"

echo "3. txonly VF0 -> rxonly VF1"
# fwd_rx: frames that reached VF1 while rxonly ran, received or missed
# (RX-total of the last "show fwd stats all"; RX-packets alone is computed
# by iavf as unicast + multicast + broadcast - discards and may wrap).
fwd_rx() {
	grep -oE "RX-total: +[0-9]+" "$RUN/rx.log" | tail -1 | grep -oE "[0-9]+$"
}
printf 'set fwd rxonly\nstart\n' >&4
printf 'set fwd txonly\nset eth-peer 0 %s\nstart\n' "$MAC1" >&5
n=0
while :; do
	echo "show fwd stats all" >&4
	sleep 0.1
	FWD=$(fwd_rx)
	[ "${FWD:-0}" -ge "$MIN_FRAMES" ] && break
	kill -0 "$RX_PID" 2>/dev/null || fail "rx testpmd exited"
	n=$((n + 1))
	[ "$n" -le "$DEADLINE" ] || fail "VF1's rxonly counted ${FWD:-0} frames, want >= $MIN_FRAMES"
done
printf 'stop\n' >&5
# Wait until VF1's count stops moving: every frame sent has arrived or dropped.
LAST=-1
until [ "$FWD" = "$LAST" ]; do
	LAST=$FWD
	echo "show fwd stats all" >&4
	sleep 0.2
	FWD=$(fwd_rx)
done
printf 'show port stats 0\n' >&4
printf 'show port stats 0\n' >&5
wait_for "$RUN/rx.log" "RX-missed" "$RX_PID" "VF1 port stats"
wait_for "$RUN/tx.log" "TX-packets" "$TX_PID" "VF0 port stats"
sleep 0.2   # not synchronisation: both stats were seen; let the block finish printing
TX=$(count "$RUN/tx.log" TX-packets)
RX=$(count "$RUN/rx.log" RX-packets)
MISSED=$(count "$RUN/rx.log" RX-missed)
echo "   VF0 TX-packets $TX; VF1 rxonly RX-total $FWD; VF1 port RX-packets $RX, RX-missed $MISSED"
[ "$FWD" -le "$TX" ] || fail "VF1 received $FWD frames but VF0 sent only $TX"

echo "4. testpmd's counters agree with the model's"
"$X710_SIM" stats --dir "$DIR" >"$RUN/stats.txt" || fail "x710-sim stats"
# "vsi N (vf) seid S pf 0 vf_abs A ..." then one line of key=value counters.
# model ABS "+key -key ...": that VSI's counters summed or subtracted.
model() {
	awk -v abs="$1" -v spec="$2" '
		/^vsi / { hit = ($0 ~ /\(vf\)/ && $0 ~ (" pf 0 vf_abs " abs " ")); next }
		hit {
			n = split(spec, terms, " "); sum = 0
			for (t = 1; t <= n; t++) {
				sign = substr(terms[t], 1, 1); key = substr(terms[t], 2)
				for (i = 1; i <= NF; i++) {
					split($i, kv, "=")
					if (kv[1] == key) sum += (sign == "-" ? -kv[2] : kv[2])
				}
			}
			printf "%d\n", sum; hit = 0
		}' "$RUN/stats.txt"
}
BASE=$(awk '/^vsi .*\(vf\).* pf 0 vf_abs / { for (i = 1; i <= NF; i++) if ($i == "vf_abs") print $(i + 1) }' \
	"$RUN/stats.txt" | sort -n | head -1)
[ -n "$BASE" ] || fail "no VF VSI of PF 0 in x710-sim stats"
M_TX=$(model "$BASE" "+tx_unicast +tx_multicast +tx_broadcast")
M_RXU=$(model "$((BASE + 1))" "+rx_unicast +rx_multicast +rx_broadcast")
M_DISC=$(model "$((BASE + 1))" "+rx_discards")
echo "   model: VF0 tx $M_TX; VF1 rx $M_RXU, rx_discards $M_DISC"
[ "$M_TX" = "$TX" ] || fail "model VF0 Tx '$M_TX' != testpmd TX-packets $TX"
[ "$M_DISC" = "$MISSED" ] || fail "model VF1 rx_discards '$M_DISC' != testpmd RX-missed $MISSED"
# testpmd's RX-total is RX-packets + RX-missed = unicast + multicast + broadcast.
[ "$FWD" = "$M_RXU" ] || fail "testpmd VF1 RX-total $FWD != model rx_unicast+multicast+broadcast $M_RXU"
if [ "$M_RXU" -ge "$M_DISC" ]; then
	[ "$((M_RXU - M_DISC))" = "$RX" ] || fail "model VF1 Rx $M_RXU - $M_DISC != testpmd RX-packets $RX"
else
	# GLV_UPRC & co. count discarded frames too; iavf relies on it.
	echo "   NOTE: model rx_discards $M_DISC > rx_unicast+multicast+broadcast $M_RXU:" \
		"iavf's RX-packets wrapped to $RX (device model counting, not the PF)"
fi

printf 'quit\n' >&4
printf 'quit\n' >&5
wait "$RX_PID" "$TX_PID" 2>/dev/null
RX_PID= TX_PID=
kill -TERM "$CTL_PID"
wait "$CTL_PID"
CTL_RC=$?
CTL_PID=
grep -q "removing the VFs" "$RUN/sriovctl.log" || fail "sriovctl did not remove the VFs on SIGTERM"
[ "$(cat "$DIR/devices/$PF/sriov_numvfs")" = 0 ] || fail "VFs left after SIGTERM"
[ "$CTL_RC" = 0 ] || fail "sriovctl exit $CTL_RC after SIGTERM"
rm -rf "$RUN"
echo "PASS"
