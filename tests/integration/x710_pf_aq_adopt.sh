#!/bin/sh
# The PF admin queue kept in a kept DMA block (cc189da/90839a5), end to end
# on the simulated X710: a VF mailbox message posted while sriovd is dead
# (kill -9) is answered once a restarted sriovd adopts the PF, and the
# mailbox keeps working after. The same flow with --fd-store=none (nothing
# kept) must lose that message: the proof that this test can fail.
# The VF side is vf_mbx_client (VF0, commands over a FIFO, one answer line
# each). Readiness is always a poll against a deadline, never a bare sleep;
# the 500 ms wait during the outage only shows that nobody serves the PF.
# sriovd's fd keeper holds the kept pages by descriptor only and maps none;
# x710-sim, like the hardware, still reaches them by physical address while
# anyone holds them (dma_pages_held). The model's DMA misses must not grow
# during the outage: the message reached the ARQ.
# Usage: x710_pf_aq_adopt.sh X710_SIM SRIOVD VF_MBX_CLIENT SOURCE_ROOT.
# Exit 77 = skipped.
set -u
X710_SIM=$1
SRIOVD_BIN=$2
CLIENT=$3
SRC=$4
PF=0000:01:00.0
NEED_HUGEPAGES=48           # sriovd's EAL 32 + kept HMC/admin queue/virtchnl pages + the client's rings
OUTAGE_WAIT_MS=500          # nobody may answer while sriovd is dead
ADOPT_WAIT_MS=30000         # the outage message's reply after the restart
REPLY_WAIT_MS=10000         # replies while sriovd runs
STATS_OK='^ok reply status=0 bytes=96$'   # GET_STATS answered: struct virtchnl_eth_stats
NOT_ADOPTED='admin queue not adopted'     # x710_aq_adopt's fallback (lib/hw/x710/x710_adminq.c)

LOGS="*.log"
# step, fail, cleanup, poll, api, ready, start_sriovd, vf_bdfs (DEADLINE).
. "$(dirname "$0")/sriovd_lib.sh"
need_root_hugepages $NEED_HUGEPAGES
need_cmds curl jq
C_PID=

# The client first (its FIFO closed: it shuts its rings down on EOF), then
# everything sriovd_lib's cleanup stops: sriovd, the fd keeper, the simulator.
stop_all() {
	exec 6>&- 2>/dev/null
	[ -n "$C_PID" ] && kill "$C_PID" 2>/dev/null
	C_PID=
	cleanup
}
trap stop_all EXIT

# client_start BDF: vf_mbx_client on BDF, commands through $RUN/client.in.
client_start() {
	rm -f "$RUN/client.in"
	mkfifo "$RUN/client.in" || fail "mkfifo"
	"$X710_SIM" exec --dir "$DIR" -- "$CLIENT" "$1" <"$RUN/client.in" >"$RUN/$CLOG.log" 2>&1 &
	C_PID=$!
	exec 6>"$RUN/client.in"
}

answers() { grep -cE '^(ok|err|timeout)' "$RUN/$CLOG.log" 2>/dev/null; }

# client CMD PATTERN: send CMD, poll for its answer line, which must match PATTERN.
client() {
	before=$(answers)
	echo "$1" >&6 || fail "client: cannot send '$1'"
	n=0
	until [ "$(answers)" -gt "$before" ]; do
		kill -0 "$C_PID" 2>/dev/null || fail "client: exited on '$1'"
		n=$((n + 1)); [ "$n" -le "$DEADLINE" ] || fail "client: no answer to '$1'"
		sleep 0.1
	done
	ANSWER=$(grep -E '^(ok|err|timeout)' "$RUN/$CLOG.log" | tail -1)
	echo "   $1 -> $ANSWER"
	echo "$ANSWER" | grep -qE "$2" || fail "client: '$1' answered '$ANSWER', want /$2/"
}

client_quit() {
	client quit '^ok quit'
	exec 6>&-
	wait "$C_PID"
	rc=$?
	C_PID=
	[ "$rc" = 0 ] || fail "client exit $rc after quit"
}

# x710-sim status counter NAME (dma_misses, dma_pages_held): misses are DMA
# the model could not place; held pages are reached only through a process
# that holds their file (the fd keeper) while no client maps them.
sim_counter() {
	"$X710_SIM" status --dir "$DIR" | grep -oE "$1=[0-9]+" | head -1 | cut -d= -f2
}

sriovd_gone() { ! kill -0 "$1" 2>/dev/null && ! api GET /v1/health; }

# flow MODE: keeper (the default fd store) or none (--fd-store=none).
flow() {
	mode=$1
	CLOG=client-$mode
	rm -rf "$DIR" "$RUN/state" "$RUN/run"
	mkdir -p "$RUN/state" || fail "cannot create $RUN/state"
	if [ "$mode" = none ]; then
		# start_sriovd runs $SRIOVD with fixed arguments: one more through exec.
		SRIOVD=$RUN/sriovd-fd-store-none
		printf '#!/bin/sh\nexec "%s" --fd-store=none "$@"\n' "$SRIOVD_BIN" >"$SRIOVD"
		chmod +x "$SRIOVD"
	else
		SRIOVD=$SRIOVD_BIN
	fi

	step "[$mode] x710-sim, sriovd on $CONF, VF0's mailbox up"
	"$X710_SIM" start --pfs 1 --vfs-per-pf 4 --dir "$DIR" || fail "x710-sim start"
	start_sriovd "sriovd-$mode"
	vf_bdfs "$PF"
	client_start "$VF0"
	client up '^ok up vsi=[0-9]+$'
	if [ "$mode" = keeper ]; then
		[ -f "$RUN/state/fdkeeper.pid" ] || fail "no fd keeper ($RUN/state/fdkeeper.pid)"
	fi

	step "[$mode] GET_STATS while sriovd runs: answered"
	client send-stats '^ok sent$'
	client "wait-reply $REPLY_WAIT_MS" "$STATS_OK"

	step "[$mode] kill -9 sriovd; GET_STATS posted while it is dead: nobody answers"
	pid=$D_PID
	kill -9 "$pid"
	D_PID=
	poll "sriovd $pid gone" sriovd_gone "$pid"
	wait "$pid" 2>/dev/null
	misses=$(sim_counter dma_misses)
	[ -n "$misses" ] || fail "x710-sim status shows no dma_misses"
	client send-stats '^ok sent$'
	client "wait-reply $OUTAGE_WAIT_MS" '^timeout'
	# With nothing kept, the dead sriovd's ring page is gone: a miss there is expected.
	if [ "$mode" = keeper ]; then
		held=$(sim_counter dma_pages_held)
		echo "   dma_pages_held=$held (reached through the fd keeper)"
		[ "${held:-0}" -gt 0 ] || fail "x710-sim reaches no page through sriovd's fd keeper"
		# An empty count would make the test below false: it must be a number.
		now=$(sim_counter dma_misses)
		[ -n "$now" ] || fail "x710-sim status shows no dma_misses"
		[ "$now" -gt "$misses" ] &&
			fail "x710-sim could not DMA the VF message into the PF's kept admin queue \
(dma_misses $misses -> $now)"
	fi

	step "[$mode] sriovd restarted and ready"
	start_sriovd "sriovd2-$mode"
	log=$RUN/sriovd2-$mode.log
	adopted=$(api GET /v1/pfs | jq -r ".pfs[] | select(.device == \"$PF\") | .adopted")
	echo "   PF adopted (GET /v1/pfs): ${adopted:-?}"
	grep -E 'adopting|cannot adopt|admin queue|afresh' "$log" | sed 's/^/   log: /'

	if [ "$mode" = keeper ]; then
		step "[keeper] the PF and its admin queue adopted; the outage's GET_STATS answered"
		# x710_aq_adopt logs nothing when it resumes the rings, and a warning
		# (printed by the EAL osdep) with NOT_ADOPTED whenever it falls back.
		[ "$adopted" = true ] || fail "the restarted sriovd did not adopt the PF"
		has_line "$log" "$NOT_ADOPTED" && fail "the admin queue was re-initialised: $(grep "$NOT_ADOPTED" "$log")"
		has_line "$log" 'opening it afresh' && fail "PF opened afresh: $(grep 'afresh' "$log")"
		client "wait-reply $ADOPT_WAIT_MS" "$STATS_OK"

		step "[keeper] a further GET_STATS: answered"
		client send-stats '^ok sent$'
		client "wait-reply $REPLY_WAIT_MS" "$STATS_OK"
	else
		step "[none] nothing kept: PF opened afresh, the outage's GET_STATS lost"
		[ "$adopted" = true ] && fail "adopted with --fd-store=none"
		has_line "$log" 'cannot adopt .*opening it afresh' ||
			fail "the log does not say the PF was opened afresh (admin queue re-initialised)"
		client "wait-reply $ADOPT_WAIT_MS" '^timeout'
	fi
	client_quit
	cleanup
	D_PID=
}

run_dirs
cp "$SRC/examples/iov/x710-sim.conf" "$CONF/x710-sim.conf" || fail "no examples/iov/x710-sim.conf"
flow keeper
flow none
pass
