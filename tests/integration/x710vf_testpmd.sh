#!/bin/sh
# net_x710vf end to end (issue 5): our PF host (`sriovctl -C`) creates four
# VFs on the simulated X710 and serves them; unmodified Debian dpdk-testpmd
# loads our plugin with -d and must take the VFs from net_iavf.
#  1. two testpmds (VF0 txonly, VF1 rxonly): driver net_x710vf, the
#     configured MACs, link up, and frame counts that agree with the model;
#  2. control operations on VF1: mtu, promisc on/off, mac_addr add/remove,
#     vlan filter, rss, xstats, port stop/start and port reset, Rx checksum
#     offloads on a vector Rx path;
#  3. one testpmd with both VFs: mac forwarding, then io forwarding whose
#     per-port packet and byte counts must equal the model's per-VSI
#     counters (x710-sim stats --json) once the rings are drained;
#  4. VF1 with four queues and RSS on UDP, VF0 sending varied flows
#     (txonly multi-flow): more than one queue receives; then an FLR of
#     VF1 under traffic (x710-sim fault vf-flr): testpmd sees the reset
#     event, `port reset` recovers the port and frames arrive again.
# Every wait polls a log (or the model) against a deadline.
# Usage: x710vf_testpmd.sh X710_SIM SRIOVCTL SOURCE_ROOT PMD_SO. Exit 77 = skipped.
set -u
X710_SIM=$1
SRIOVCTL=$2
SRC=$3
PMD=$4
CONF=$SRC/tests/integration/x710vf_sim.conf
TESTPMD=/usr/bin/dpdk-testpmd
PF=0000:01:00.0
MAC0=02:00:00:00:05:00          # VF-0 / VF-1 in $CONF (VF-1 may set MACs, promisc)
MAC1=02:00:00:00:05:01
EXTRA_MAC=02:00:00:00:05:aa
NEED_HUGEPAGES=120
# Enough mbufs for two ports' full rings (1024 Rx + 1023 Tx each, the PMD's
# defaults; Tx mbufs are freed lazily, as iavf does) or four Rx rings, plus
# the mempool caches.
MBUFS=8192
POLLS=600                       # x 0.1 s per wait
MIN_FRAMES=1000
FRAME=64                        # testpmd txonly / tx_first frame, without FCS
FCS=4                           # the model's rx_bytes count the FCS, its tx_bytes do not
RSS_QUEUES=4
MIN_PER_QUEUE=100               # frames that make a queue count as receiving

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (mount namespace, pagemap physical addresses)"
[ -x "$TESTPMD" ] || skip "$TESTPMD is not installed (Debian package dpdk)"
command -v jq >/dev/null || skip "jq is not installed (Debian package jq)"
FREE=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages 2>/dev/null || echo 0)
[ "$FREE" -ge "$NEED_HUGEPAGES" ] || skip "needs $NEED_HUGEPAGES free 2 MiB hugepages, $FREE free"

RUN=${SRIOV_BUILD_ROOT:?set by meson test_env}/tests/integration/x710vf_testpmd.$$
DIR=$RUN/sim
mkdir -p "$RUN" || exit 1
PIDS=
CTL=

fail() {
	echo "FAIL: $*"
	for f in "$RUN"/*.log; do
		[ -f "$f" ] && { echo "--- $(basename "$f") (tail)"; tail -30 "$f"; }
	done
	exit 1
}

cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null; done
	[ -n "$CTL" ] && kill -TERM "$CTL" 2>/dev/null
	wait 2>/dev/null
	"$X710_SIM" stop --dir "$DIR" >/dev/null 2>&1
	rm -rf /var/run/dpdk/x710vf-*-$$
	drop_safe_plugin_copy "$PMD_BUILT" "$PMD"
}
trap cleanup EXIT

. "$(dirname "$0")/plugin_path.sh"
PMD_BUILT=$PMD
PMD=$(safe_plugin "$PMD_BUILT") || fail "cannot place $PMD_BUILT where EAL loads plugins"

# until_seen LOG REGEX PID WHAT
until_seen() {
	i=0
	while ! grep -qE "$2" "$1" 2>/dev/null; do
		kill -0 "$3" 2>/dev/null || fail "$4: process gone"
		i=$((i + 1))
		[ "$i" -le "$POLLS" ] || fail "$4: not seen in time"
		sleep 0.1
	done
}

# last LOG KEY [NTH]: the last value testpmd printed for "KEY: N".
last() {
	grep -oE "$2: +[0-9]+" "$1" | tail -1 | grep -oE '[0-9]+$'
}

# testpmd NAME EAL_ARGS...: an interactive testpmd on our plugin, fed by fd
# opened on NAME.in; its pid is appended to PIDS. $TP_APP: more
# application arguments (after --).
TP_APP=
testpmd() {
	name=$1
	shift
	mkfifo "$RUN/$name.in"
	# shellcheck disable=SC2086
	"$X710_SIM" exec --dir "$DIR" -- stdbuf -oL "$TESTPMD" -d "$PMD" "$@" --iova-mode=pa \
		-m 64 --file-prefix "x710vf-$name-$$" -- -i --total-num-mbufs="$MBUFS" $TP_APP \
		<"$RUN/$name.in" >"$RUN/$name.log" 2>&1 &
	PIDS="$PIDS $!"
}

# stats LOG FD PID: ask a two-port testpmd for `show port stats all` and
# wait for the whole answer (two more blocks closed by a line of '#').
stats() {
	n=$(grep -cE '^ *#+$' "$1")
	echo "show port stats all" >&"$2"
	j=0
	while [ "$(grep -cE '^ *#+$' "$1")" -lt $((n + 2)) ]; do
		kill -0 "$3" 2>/dev/null || fail "testpmd gone while asked for stats"
		j=$((j + 1)); [ "$j" -le $((POLLS * 10)) ] || fail "no answer to show port stats"
		sleep 0.01
	done
}

# pstat LOG PORT KEY: the last value of KEY in testpmd's stats of PORT.
pstat() {
	grep -A4 "NIC statistics for port $2 " "$1" | last /dev/stdin "$3"
}

# snap NAME: the model's counters of VF0 and VF1 now, as NAME_<key>_<0|1>.
snap() {
	for v in 0 1; do
		for k in tx_unicast tx_bytes rx_unicast rx_bytes rx_discards; do
			eval "${1}_${k}_$v=\$(mjson $((ABS0 + v)) $k)"
		done
	done
}

# converge NAME WHAT: with the fwd testpmd's counters cleared when snapshot
# NAME was taken, poll until for both ports every frame testpmd sent is in
# the model's tx_unicast and every frame the model gave the VF (rx_unicast
# less rx_discards) was received: no frame lost, none counted twice.
# Sets D_TX_v, D_RX_v (model deltas), T_v, R_v (testpmd).
converge() {
	c=0
	while :; do
		stats "$RUN/fwd.log" 6 "$FWD_PID"
		ok=1
		for v in 0 1; do
			eval "d_tx=\$(( \$(mjson $((ABS0 + v)) tx_unicast) - ${1}_tx_unicast_$v ))"
			eval "d_rx=\$(( \$(mjson $((ABS0 + v)) rx_unicast) - ${1}_rx_unicast_$v ))"
			eval "d_disc=\$(( \$(mjson $((ABS0 + v)) rx_discards) - ${1}_rx_discards_$v ))"
			t=$(pstat "$RUN/fwd.log" $v TX-packets)
			r=$(pstat "$RUN/fwd.log" $v RX-packets)
			[ "$d_tx" = "$t" ] && [ "$((d_rx - d_disc))" = "$r" ] || ok=0
			eval "D_TX_$v=$d_tx D_RX_$v=$d_rx D_DISC_$v=$d_disc T_$v=$t R_$v=$r"
		done
		[ "$ok" = 1 ] && return
		c=$((c + 1))
		[ "$c" -le "$POLLS" ] || fail "$2: counts disagree with the model:
 port 0: testpmd TX $T_0 RX $R_0; model VF0 tx_unicast +$D_TX_0 rx_unicast +$D_RX_0 rx_discards +$D_DISC_0
 port 1: testpmd TX $T_1 RX $R_1; model VF1 tx_unicast +$D_TX_1 rx_unicast +$D_RX_1 rx_discards +$D_DISC_1"
		sleep 0.1
	done
}

# rx_frames LOG FD PID FROM WHAT: poll `show port stats 0` until port 0
# reported at least MIN_FRAMES received after line FROM of LOG; sets RX.
rx_frames() {
	k=0
	while :; do
		echo "show port stats 0" >&"$2"
		sleep 0.1
		RX=$(tail -n +"$4" "$1" | last /dev/stdin RX-packets)
		[ "${RX:-0}" -ge "$MIN_FRAMES" ] && return
		k=$((k + 1)); [ "$k" -le "$POLLS" ] || fail "$5: ${RX:-0} frames received, want >= $MIN_FRAMES"
	done
}

# mjson ABS_VF KEY: a per-VSI counter of the model (x710-sim stats --json).
mjson() {
	"$X710_SIM" stats --dir "$DIR" --json |
		jq -r "[.model.vsis[] | select(.type == \"vf\" and .vf_abs == $1)] | last | .$2"
}

# model_vsi ABS_VF KEY: a per-VSI counter of `x710-sim stats`.
model_vsi() {
	"$X710_SIM" stats --dir "$DIR" | awk -v abs="$1" -v key="$2" '
		/^vsi / { mine = /\(vf\)/ && $0 ~ (" vf_abs " abs " "); next }
		mine { for (i = 1; i <= NF; i++) if (index($i, key "=") == 1)
			print substr($i, length(key) + 2); mine = 0 }'
}

"$X710_SIM" start --pfs 2 --vfs-per-pf 8 --dir "$DIR" || fail "x710-sim start"
"$X710_SIM" exec --dir "$DIR" -- "$SRIOVCTL" -C -f "$CONF" >"$RUN/sriovctl.log" 2>&1 &
CTL=$!
until_seen "$RUN/sriovctl.log" "serving the VF mailboxes" "$CTL" "sriovctl -C"
i=0
until [ -e "$DIR/devices/$PF/virtfn1" ]; do
	i=$((i + 1)); [ "$i" -le "$POLLS" ] || fail "no virtfn1 under $PF"; sleep 0.1
done
VF0=$(basename "$(readlink "$DIR/devices/$PF/virtfn0")")
VF1=$(basename "$(readlink "$DIR/devices/$PF/virtfn1")")
ABS0=$("$X710_SIM" stats --dir "$DIR" | awk '/^vsi .*\(vf\)/ { for (i = 1; i <= NF; i++)
	if ($i == "vf_abs") print $(i + 1) }' | sort -n | head -1)
echo "VF0 $VF0, VF1 $VF1 (absolute VF ids $ABS0, $((ABS0 + 1)))"

echo "1. txonly VF0 -> rxonly VF1 on net_x710vf"
testpmd rx -a "$VF1"
RX_PID=${PIDS##* }
exec 4>"$RUN/rx.in"
testpmd tx -a "$VF0"
TX_PID=${PIDS##* }
exec 5>"$RUN/tx.in"
until_seen "$RUN/rx.log" "testpmd> " "$RX_PID" "rx prompt"
until_seen "$RUN/tx.log" "testpmd> " "$TX_PID" "tx prompt"
echo "show port info 0" >&4
echo "show port info 0" >&5
until_seen "$RUN/rx.log" "Driver name: net_x710vf" "$RX_PID" "VF1 driven by net_x710vf"
until_seen "$RUN/tx.log" "Driver name: net_x710vf" "$TX_PID" "VF0 driven by net_x710vf"
until_seen "$RUN/rx.log" "MAC address: $MAC1" "$RX_PID" "VF1 MAC $MAC1"
until_seen "$RUN/tx.log" "MAC address: $MAC0" "$TX_PID" "VF0 MAC $MAC0"
until_seen "$RUN/rx.log" "Link status: up" "$RX_PID" "VF1 link up"
until_seen "$RUN/tx.log" "Link status: up" "$TX_PID" "VF0 link up"
printf 'set fwd rxonly\nstart\n' >&4
printf 'set fwd txonly\nset eth-peer 0 %s\nstart\n' "$MAC1" >&5
rx_frames "$RUN/rx.log" 4 "$RX_PID" 1 "VF1 from VF0"
echo "stop" >&5
PREV=-1
until [ "$RX" = "$PREV" ]; do
	PREV=$RX
	echo "show port stats 0" >&4
	echo "show port stats 0" >&5
	sleep 0.3
	RX=$(last "$RUN/rx.log" RX-packets)
done
TX=$(last "$RUN/tx.log" TX-packets)
MISSED=$(last "$RUN/rx.log" RX-missed)
M_TX=$(model_vsi "$ABS0" tx_unicast)
M_RX=$(model_vsi "$((ABS0 + 1))" rx_unicast)
M_DISC=$(model_vsi "$((ABS0 + 1))" rx_discards)
echo "   testpmd: VF0 TX $TX, VF1 RX $RX missed $MISSED"
echo "   model:   VF0 tx_unicast $M_TX, VF1 rx_unicast $M_RX rx_discards $M_DISC"
# Two cores run the model and two testpmds: VF1 may fall behind and the
# model drops into a full ring. Every frame is either received or missed.
[ $((RX + MISSED)) = "$TX" ] || fail "VF1 received $RX + missed $MISSED != VF0 sent $TX"
[ "$M_TX" = "$TX" ] || fail "model VF0 tx_unicast $M_TX != testpmd TX $TX"
[ "$M_RX" = "$RX" ] || [ "$M_RX" = "$TX" ] || fail "model VF1 rx_unicast $M_RX != testpmd RX $RX"
[ "${M_DISC:-0}" = "$MISSED" ] || fail "model VF1 rx_discards $M_DISC != testpmd RX-missed $MISSED"

echo "2. control operations on VF1"
echo "stop" >&4
MARK=$(wc -l <"$RUN/rx.log")
cat >&4 <<CMDS
show port xstats 0
port stop 0
port config mtu 0 1400
port start 0
set promisc 0 off
set promisc 0 on
mac_addr add 0 $EXTRA_MAC
mac_addr remove 0 $EXTRA_MAC
vlan set filter on 0
rx_vlan add 100 0
rx_vlan rm 100 0
port config 0 rss udp
port stop 0
port reset 0
port start 0
show port info 0
port stop 0
port config 0 rx_offload ipv4_cksum on
port config 0 rx_offload udp_cksum on
port config 0 rx_offload tcp_cksum on
port start 0
show rxq info 0 0
CMDS
until_seen "$RUN/rx.log" "MTU: 1400" "$RX_PID" "MTU 1400 after stop/config/start/reset/start"
tail -n +"$MARK" "$RUN/rx.log" >"$RUN/control.txt"
grep -E "pf_rx_unicast_packets: [1-9]" "$RUN/control.txt" >/dev/null || fail "PF-side xstats missing or zero"
# testpmd's refusals: "<cmd> error: (reason)", "Failed ...", "Invalid ..."
# (xstats lines "name: N" are counters, not messages).
if grep -vE '^ *[a-z0-9_]+: +[0-9]+$' "$RUN/control.txt" |
	grep -E "error: \(|[Ff]ail(ed|ure)|Invalid|not supported|[Cc]annot"; then
	fail "a control operation was refused (above)"
fi
# The vector Rx paths report checksum status too: enabling the checksum
# offloads keeps a vector path where the CPU has one.
until_seen "$RUN/rx.log" "Burst mode: " "$RX_PID" "rxq info after the checksum offloads"
if grep -q sse4_2 /proc/cpuinfo; then
	grep -E "Burst mode: (AVX2|SSE) Vector" "$RUN/rx.log" >/dev/null ||
		fail "Rx checksum offloads left the vector path: $(grep 'Burst mode' "$RUN/rx.log")"
fi
echo "show port info 0" >&4
until_seen "$RUN/rx.log" "Link status: up" "$RX_PID" "VF1 link up after reset"
printf 'quit\n' >&4
printf 'quit\n' >&5
wait "$RX_PID" "$TX_PID" 2>/dev/null
PIDS=

echo "3. one testpmd, both VFs: mac then io forwarding"
testpmd fwd -a "$VF0" -a "$VF1"
FWD_PID=${PIDS##* }
exec 6>"$RUN/fwd.in"
until_seen "$RUN/fwd.log" "testpmd> " "$FWD_PID" "fwd prompt"
snap MAC
printf 'set eth-peer 0 %s\nset eth-peer 1 %s\nset fwd mac\nstart tx_first\n' "$MAC1" "$MAC0" >&6
i=0
while :; do
	echo "show port stats all" >&6
	sleep 0.1
	P0=$(grep -A2 "NIC statistics for port 0" "$RUN/fwd.log" | last /dev/stdin RX-packets)
	P1=$(grep -A2 "NIC statistics for port 1" "$RUN/fwd.log" | last /dev/stdin RX-packets)
	[ "${P0:-0}" -ge "$MIN_FRAMES" ] && [ "${P1:-0}" -ge "$MIN_FRAMES" ] && break
	i=$((i + 1)); [ "$i" -le "$POLLS" ] || fail "mac fwd: port RX ${P0:-0}/${P1:-0}"
done
echo "   mac fwd: port 0 RX $P0, port 1 RX $P1"
# Drain what mac forwarding left in the rings: rxonly until every count
# agrees with the model (base: before mac forwarding began).
printf 'stop\nset fwd rxonly\nstart\n' >&6
converge MAC "after mac forwarding"
printf 'stop\n' >&6
snap IO
printf 'clear port stats all\nset fwd io\nstart tx_first\n' >&6
until_seen "$RUN/fwd.log" "io packet forwarding" "$FWD_PID" "io fwd started"
i=0
while :; do
	stats "$RUN/fwd.log" 6 "$FWD_PID"
	P0=$(pstat "$RUN/fwd.log" 0 RX-packets)
	P1=$(pstat "$RUN/fwd.log" 1 RX-packets)
	[ "${P0:-0}" -ge "$MIN_FRAMES" ] && [ "${P1:-0}" -ge "$MIN_FRAMES" ] && break
	i=$((i + 1)); [ "$i" -le "$POLLS" ] || fail "io fwd: port RX ${P0:-0}/${P1:-0}"
	sleep 0.1
done
# Stop forwarding; rxonly takes what is still in flight. Then every frame a
# port sent is in the model's Tx counters, and every frame the model gave
# a VF was received by testpmd or dropped for want of a descriptor.
printf 'stop\nset fwd rxonly\nstart\n' >&6
converge IO "io forwarding"
printf 'stop\n' >&6
for v in 0 1; do
	eval "t=\$T_$v r=\$R_$v d_rx=\$D_RX_$v"
	tb=$(pstat "$RUN/fwd.log" $v TX-bytes)
	rb=$(pstat "$RUN/fwd.log" $v RX-bytes)
	eval "d_tb=\$(( \$(mjson $((ABS0 + v)) tx_bytes) - IO_tx_bytes_$v ))"
	eval "d_rb=\$(( \$(mjson $((ABS0 + v)) rx_bytes) - IO_rx_bytes_$v ))"
	echo "   io port $v: testpmd TX $t ($tb B) RX $r ($rb B); model tx +$d_tb B, rx +$d_rx frames +$d_rb B"
	[ "$tb" = $((t * FRAME)) ] || fail "port $v TX-bytes $tb != $t x $FRAME"
	[ "$rb" = $((r * FRAME)) ] || fail "port $v RX-bytes $rb != $r x $FRAME"
	[ "$d_tb" = "$tb" ] || fail "model VF$v tx_bytes +$d_tb != testpmd TX-bytes $tb"
	[ "$d_rb" = $((d_rx * (FRAME + FCS))) ] || fail "model VF$v rx_bytes +$d_rb != $d_rx x $((FRAME + FCS))"
done
# What one VF sent, the other took (received or dropped): the VEB lost nothing.
[ "$D_TX_0" = "$D_RX_1" ] && [ "$D_TX_1" = "$D_RX_0" ] ||
	fail "VEB: VF0 sent $D_TX_0, VF1 took $D_RX_1; VF1 sent $D_TX_1, VF0 took $D_RX_0"
printf 'quit\n' >&6
wait "$FWD_PID"
PIDS=
grep -q "Bye" "$RUN/fwd.log" || fail "fwd testpmd did not exit cleanly"

echo "4. RSS over $RSS_QUEUES queues of VF1, then an FLR of VF1 under traffic"
TP_APP="--rxq=$RSS_QUEUES --txq=$RSS_QUEUES"
testpmd rss -a "$VF1"
RSS_PID=${PIDS##* }
exec 7>"$RUN/rss.in"
TP_APP="--txonly-multi-flow"           # a different source IP per frame
testpmd src -a "$VF0"
SRC_PID=${PIDS##* }
exec 8>"$RUN/src.in"
TP_APP=
until_seen "$RUN/rss.log" "testpmd> " "$RSS_PID" "rss prompt"
until_seen "$RUN/src.log" "testpmd> " "$SRC_PID" "src prompt"
printf 'port config all rss udp\nset fwd rxonly\nstart\n' >&7
printf 'set fwd txonly\nset eth-peer 0 %s\nstart\n' "$MAC1" >&8
i=0
while :; do
	echo "show port xstats 0" >&7
	sleep 0.1
	busy=0
	dist=
	for q in $(seq 0 $((RSS_QUEUES - 1))); do
		n=$(last "$RUN/rss.log" "rx_q${q}_packets")
		dist="$dist q$q=${n:-0}"
		[ "${n:-0}" -ge "$MIN_PER_QUEUE" ] && busy=$((busy + 1))
	done
	[ "$busy" -gt 1 ] && break
	i=$((i + 1)); [ "$i" -le "$POLLS" ] || fail "RSS: frames on one queue only:$dist"
done
echo "   RSS: $busy of $RSS_QUEUES queues receive:$dist"

"$X710_SIM" fault --dir "$DIR" vf-flr 0 1 >/dev/null || fail "x710-sim fault vf-flr 0 1"
until_seen "$RUN/rss.log" "Port 0: reset event" "$RSS_PID" "reset event after the FLR of VF1"
MARK=$(wc -l <"$RUN/rss.log")
printf 'stop\nport stop 0\nport reset 0\nport start 0\nclear port stats 0\nstart\n' >&7
rx_frames "$RUN/rss.log" 7 "$RSS_PID" "$MARK" "VF1 after FLR and port reset"
echo "show port xstats 0" >&7
until_seen "$RUN/rss.log" "vf_resets: [1-9]" "$RSS_PID" "vf_resets counted"
echo "   FLR: reset event, port reset, $RX frames received since"
printf 'stop\nquit\n' >&7
printf 'stop\nquit\n' >&8
wait "$RSS_PID" "$SRC_PID" 2>/dev/null
PIDS=

kill -TERM "$CTL"
wait "$CTL"
CTL=
rm -rf "$RUN"
echo "PASS"
