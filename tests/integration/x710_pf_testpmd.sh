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
. "$SRC/tests/integration/x710_pf_lib.sh"
CONF=$SRC/examples/iov/x710-sim.conf
PF=0000:01:00.0
MAC0=02:00:00:00:05:00      # VF-0 / VF-1 mac-addr in $CONF
MAC1=02:00:00:00:05:01
MIN_FRAMES=1000

need_root_hugepages 120     # sriovctl -m 64 + two testpmd -m 64, with slack
[ -x "$TESTPMD" ] || skip "$TESTPMD is not installed (Debian package dpdk)"

RUN=${SRIOV_BUILD_ROOT:-/tmp}/tests/integration/x710_pf_testpmd.$$
DIR=$RUN/sim
LOGS="sriovctl rx tx"
mkdir -p "$RUN" || { echo "FAIL: cannot create $RUN"; exit 1; }
RX_PID= TX_PID=

cleanup() {
	for p in $TX_PID $RX_PID; do kill "$p" 2>/dev/null; done
	pf_cleanup
	rm -rf "/var/run/dpdk/x710pf-rx-$$" "/var/run/dpdk/x710pf-tx-$$"
}
trap cleanup EXIT

# count FILE KEY: the last "KEY: N" testpmd printed.
count() {
	grep -oE "$2: +[0-9]+" "$1" | tail -1 | grep -oE '[0-9]+$'
}

echo "1. sriovctl -C creates the VFs and serves their mailboxes"
pf_start "$CONF" 4
grep -E "Plan for|change\(s\) applied" "$RUN/sriovctl.log"
[ -n "$VF0" ] && [ -n "$VF1" ] || fail "no virtfn0/virtfn1 links under $PF"
echo "   4 VFs; VF0 $VF0, VF1 $VF1"

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
# Settled when the model has moved every frame VF0 sent into VF1 (received
# or discarded there), and testpmd's RX-total on VF1 shows that same count.
# Each is a condition polled against a deadline: a loaded machine only
# makes it take longer.
model_stats
BASE=$(model_vf_base)
[ -n "$BASE" ] || fail "no VF VSI of PF 0 in x710-sim stats"
n=0
while :; do
	model_stats
	M_TX=$(model "$BASE" "+tx_unicast +tx_multicast +tx_broadcast")
	M_RXU=$(model "$((BASE + 1))" "+rx_unicast +rx_multicast +rx_broadcast")
	[ "$M_TX" = "$M_RXU" ] && break
	n=$((n + 1))
	[ "$n" -le "$DEADLINE" ] || fail "model: VF0 sent $M_TX frames, VF1 took $M_RXU"
	sleep 0.1
done
n=0
while :; do
	echo "show fwd stats all" >&4
	sleep 0.1
	FWD=$(fwd_rx)
	[ "$FWD" = "$M_RXU" ] && break
	n=$((n + 1))
	[ "$n" -le "$DEADLINE" ] || fail "testpmd VF1 RX-total $FWD never reached the model's $M_RXU"
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
model_stats
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
pf_stop
rm -rf "$RUN"
echo "PASS"
