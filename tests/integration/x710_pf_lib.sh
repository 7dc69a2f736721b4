# Shared by the x710_pf_* integration scripts (sourced, not run): skipping,
# failing with logs, deadline polls, the simulated PF owned by `sriovctl -C`,
# testpmd over a FIFO and the model's per-VSI counters.
# The caller sets X710_SIM, SRIOVCTL, RUN, DIR, PF, and LOGS (log names in
# $RUN to show on failure), and calls pf_cleanup from its EXIT trap.
TESTPMD=/usr/bin/dpdk-testpmd
DEADLINE=600                # polls of 0.1 s for each wait
CTL_PID=

skip() { echo "SKIP: $*"; exit 77; }

# need_root_hugepages N: skip without root or N free 2 MiB hugepages.
need_root_hugepages() {
	[ "$(id -u)" = 0 ] || skip "needs root (mount namespace, pagemap physical addresses)"
	free=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages 2>/dev/null || echo 0)
	[ "$free" -ge "$1" ] ||
		skip "needs $1 free 2 MiB hugepages, $free free (echo 512 > /proc/sys/vm/nr_hugepages)"
}

fail() {
	echo "FAIL: $*"
	for f in $LOGS; do
		[ -f "$RUN/$f.log" ] && { echo "--- $f.log (tail)"; tail -40 "$RUN/$f.log"; }
	done
	[ -f "$DIR/x710-sim.log" ] && { echo "--- x710-sim.log (tail)"; tail -20 "$DIR/x710-sim.log"; }
	exit 1
}

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

# pf_start CONF NUM_VFS: x710-sim with one PF, sriovctl -C serving CONF in
# the background, and every VF published; sets VF0..VF<n-1> to their BDFs.
pf_start() {
	"$X710_SIM" start --pfs 1 --vfs-per-pf "$2" --dir "$DIR" || fail "x710-sim start"
	"$X710_SIM" exec --dir "$DIR" -- "$SRIOVCTL" -C -f "$1" >"$RUN/sriovctl.log" 2>&1 &
	CTL_PID=$!
	wait_for "$RUN/sriovctl.log" "serving the VF mailboxes" "$CTL_PID" "sriovctl -C"
	# The model publishes VFs one by one after sriov_numvfs is written: poll.
	n=0
	until [ "$(cat "$DIR/devices/$PF/sriov_numvfs")" = "$2" ] &&
	      [ -e "$DIR/devices/$PF/virtfn$(($2 - 1))" ]; do
		n=$((n + 1))
		[ "$n" -le "$DEADLINE" ] || fail "sriov_numvfs is not $2 with every virtfn link"
		sleep 0.1
	done
	i=0
	while [ "$i" -lt "$2" ]; do
		eval "VF$i=\$(basename \"\$(readlink \"\$DIR/devices/\$PF/virtfn$i\")\")"
		i=$((i + 1))
	done
}

# pf_stop: SIGTERM the owner; it must remove its VFs and exit 0.
pf_stop() {
	kill -TERM "$CTL_PID"
	wait "$CTL_PID"
	rc=$?
	CTL_PID=
	grep -q "removing the VFs" "$RUN/sriovctl.log" || fail "sriovctl did not remove the VFs on SIGTERM"
	[ "$(cat "$DIR/devices/$PF/sriov_numvfs")" = 0 ] || fail "VFs left after SIGTERM"
	[ "$rc" = 0 ] || fail "sriovctl exit $rc after SIGTERM"
}

pf_cleanup() {
	[ -n "$CTL_PID" ] && kill -TERM "$CTL_PID" 2>/dev/null
	wait 2>/dev/null
	"$X710_SIM" stop --dir "$DIR" >/dev/null 2>&1
}

# start_testpmd NAME BDF: interactive testpmd fed through $RUN/NAME.in (the
# caller opens it for writing); stdbuf makes its output reach the log per line.
start_testpmd() {
	mkfifo "$RUN/$1.in"
	"$X710_SIM" exec --dir "$DIR" -- stdbuf -oL "$TESTPMD" -a "$2" --iova-mode=pa -m 64 \
		--file-prefix "x710pf-$1-$$" -- -i --total-num-mbufs=2048 \
		<"$RUN/$1.in" >"$RUN/$1.log" 2>&1 &
}

# model_stats: the model's counters now, into $RUN/stats.txt.
model_stats() {
	"$X710_SIM" stats --dir "$DIR" >"$RUN/stats.txt" || fail "x710-sim stats"
}

# model ABS "+key -key ...": VF VSI ABS's counters in $RUN/stats.txt summed
# or subtracted ("vsi N (vf) seid S pf 0 vf_abs A ..." then key=value line).
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

# model_vf_base: the lowest vf_abs of PF 0's VF VSIs (VF-0's absolute id).
model_vf_base() {
	awk '/^vsi .*\(vf\).* pf 0 vf_abs / { for (i = 1; i <= NF; i++) if ($i == "vf_abs") print $(i + 1) }' \
		"$RUN/stats.txt" | sort -n | head -1
}

# wait_model ABS SPEC MIN WHAT: poll the model until SPEC of VSI ABS >= MIN.
wait_model() {
	n=0
	while :; do
		model_stats
		v=$(model "$1" "$2")
		[ "${v:-0}" -ge "$3" ] && return 0
		n=$((n + 1))
		[ "$n" -le "$DEADLINE" ] || fail "$4: model $2 of vf_abs $1 is ${v:-none}, want >= $3"
		sleep 0.1
	done
}
