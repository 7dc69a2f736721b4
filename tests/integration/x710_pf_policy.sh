#!/bin/sh
# Issue 4's per-VF policy seen from unmodified net_iavf VFs of our PF host
# (sriovctl -C owning the simulated X710), with x710_pf_policy.conf:
#  1. promiscuous: VF-2 (untrusted) and VF-3 (allow-promisc) run testpmd,
#     which asks for promiscuous mode; frames for a MAC no VF owns are
#     injected from the wire. VF-2's request is acknowledged without effect
#     (logged by the PF) and it receives none; VF-3 receives them all.
#  2. anti-spoof: x710_pf_sender sends frames with a foreign source MAC to
#     VF-2 from VF-0 (mac-anti-spoof true): dropped, counted by the model as
#     anti-spoof drops and VF-0 tx_discards; from VF-1 (false): delivered.
#  3. link-state: VF-0 (enable) reports link up, VF-1 (disable) link down.
# Usage: x710_pf_policy.sh X710_SIM SRIOVCTL SENDER TESTS_DIR. Exit 77 = skipped.
set -u
X710_SIM=$1
SRIOVCTL=$2
SENDER=$3
TESTS=$4
. "$TESTS/x710_pf_lib.sh"
CONF=$TESTS/x710_pf_policy.conf
PF=0000:01:00.0
MAC2=02:00:00:00:05:02       # VF-2's mac-addr in $CONF
FOREIGN=02:00:00:00:0e:01    # owned by no VF
NOBODY=02:00:00:00:0e:99     # owned by no VF
N=64                         # frames per case; fits every VF's Rx ring

need_root_hugepages 180      # sriovctl, two testpmd, the sender: -m 64 each, slack
[ -x "$TESTPMD" ] || skip "$TESTPMD is not installed (Debian package dpdk)"

RUN=${SRIOV_BUILD_ROOT:-/tmp}/tests/integration/x710_pf_policy.$$
DIR=$RUN/sim
LOGS="sriovctl tp2 tp3 send0 send1"
mkdir -p "$RUN" || { echo "FAIL: cannot create $RUN"; exit 1; }
TP_PIDS= SEND_PID=
cleanup() {
	for p in $TP_PIDS $SEND_PID; do kill "$p" 2>/dev/null; done
	pf_cleanup
	rm -rf "/var/run/dpdk/x710pf-"*"-$$"
}
trap cleanup EXIT

pf_start "$CONF" 4
model_stats
BASE=$(model_vf_base)
[ -n "$BASE" ] || fail "no VF VSI of PF 0 in x710-sim stats"
echo "0. 4 VFs (VF-0 is vf_abs $BASE), sriovctl serving their mailboxes"

echo "1. promiscuous: testpmd on VF-2 (untrusted) and VF-3 (allow-promisc)"
start_testpmd tp2 "$VF2"
TP_PIDS="$!"
exec 4>"$RUN/tp2.in"
start_testpmd tp3 "$VF3"
TP_PIDS="$TP_PIDS $!"
exec 5>"$RUN/tp3.in"
wait_for "$RUN/tp2.log" "testpmd> " "${TP_PIDS%% *}" "VF-2 testpmd prompt"
wait_for "$RUN/tp3.log" "testpmd> " "${TP_PIDS##* }" "VF-3 testpmd prompt"
echo "set promisc all on" >&4
echo "set promisc all on" >&5
wait_for "$RUN/sriovctl.log" "VF-2 .*promiscuous mode asked, acknowledged without effect" \
	"$CTL_PID" "VF-2's promiscuous request acknowledged without effect"
wait_for "$RUN/sriovctl.log" "VF-3 .*promiscuous mode: unicast on" "$CTL_PID" \
	"VF-3's promiscuous mode granted"
"$SENDER" --pcap "$RUN/nobody.pcap" --src "$FOREIGN" --dst "$NOBODY" --count "$N" >/dev/null ||
	fail "writing the pcap"
"$X710_SIM" inject --dir "$DIR" --port 0 "$RUN/nobody.pcap" || fail "x710-sim inject"
wait_model "$((BASE + 3))" "+rx_unicast" "$N" "VF-3 (allow-promisc) receives frames for $NOBODY"
VF2_RX=$(model "$((BASE + 2))" "+rx_unicast +rx_multicast +rx_broadcast")
[ "$VF2_RX" = 0 ] || fail "VF-2 (untrusted) received $VF2_RX frames for other MACs"
echo "   $N frames for $NOBODY injected: VF-3 received them, VF-2 none (denial logged)"

# send NAME BDF: x710_pf_sender on BDF, foreign source, to VF-2; it keeps
# its port open (fd 6) until the caller has read the model.
send() {
	mkfifo "$RUN/$1.in"
	"$X710_SIM" exec --dir "$DIR" -- "$SENDER" -a "$2" --iova-mode=pa -m 32 \
		--file-prefix "x710pf-$1-$$" -- --src "$FOREIGN" --dst "$MAC2" --count "$N" \
		<"$RUN/$1.in" >"$RUN/$1.log" 2>&1 &
	SEND_PID=$!
	exec 6>"$RUN/$1.in"
	wait_for "$RUN/$1.log" "^sent $N\$" "$SEND_PID" "$1: $N frames queued"
}
# send_done: close the sender's stdin; it stops its port and exits 0.
send_done() {
	exec 6>&-
	wait "$SEND_PID" || fail "sender exit $?"
	SEND_PID=
}

echo "2. anti-spoof on: VF-0 sends $N frames from $FOREIGN to VF-2"
send send0 "$VF0"
wait_model "$BASE" "+drop_anti_spoof_mac" "$N" "VF-0's spoofed frames dropped by anti-spoof"
D0=$(model "$BASE" "+drop_anti_spoof_mac")
TD0=$(model "$BASE" "+tx_discards")
TX0=$(model "$BASE" "+tx_unicast +tx_multicast +tx_broadcast")
RX2=$(model "$((BASE + 2))" "+rx_unicast +rx_discards")
echo "   model VF-0: drop_anti_spoof_mac $D0, tx_discards $TD0, tx $TX0; VF-2 rx $RX2"
[ "$D0" = "$N" ] && [ "$TD0" = "$N" ] && [ "$TX0" = 0 ] ||
	fail "VF-0 with anti-spoof: want $N anti-spoof drops and tx_discards, 0 sent"
[ "$RX2" = 0 ] || fail "VF-2 received $RX2 of VF-0's spoofed frames"
grep -q "^link up" "$RUN/send0.log" || fail "VF-0 (link-state enable) did not report link up"
send_done

echo "3. anti-spoof off: VF-1 sends $N frames from $FOREIGN to VF-2"
send send1 "$VF1"
wait_model "$((BASE + 2))" "+rx_unicast" "$N" "VF-1's frames with a foreign source delivered to VF-2"
D1=$(model "$((BASE + 1))" "+drop_anti_spoof_mac +tx_discards")
TX1=$(model "$((BASE + 1))" "+tx_unicast")
echo "   model VF-1: tx_unicast $TX1, anti-spoof drops + tx_discards $D1; VF-2 received them"
[ "$TX1" = "$N" ] && [ "$D1" = 0 ] || fail "VF-1 without anti-spoof: want $N sent, none dropped"
grep -q "^link down" "$RUN/send1.log" || fail "VF-1 (link-state disable) did not report link down"
echo "   link-state: VF-0 (enable) up, VF-1 (disable) down"
send_done

printf 'quit\n' >&4
printf 'quit\n' >&5
wait $TP_PIDS 2>/dev/null
TP_PIDS=
pf_stop
rm -rf "$RUN"
echo "PASS"
