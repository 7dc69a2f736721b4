#!/usr/bin/env bash
# Boots Debian's kernel under QEMU (q35, TCG, emulated IOMMU, one igb PF with
# SR-IOV) and runs GUEST_SCRIPT inside it, as root, with the host's root
# visible read-only at its host paths (scripts/vm/guest-init). Returns the
# guest script's exit code, so meson's 77 (skip) passes through.
#
# Usage: scripts/vm/run.sh [-l LOGDIR] [-t SECONDS] GUEST_SCRIPT [ARGS...]
#   -l LOGDIR   where the console log goes (default: $SRIOV_BUILD_ROOT/meson-logs/vm,
#               else .deps/vm/logs); the console is also streamed to stdout
#   -t SECONDS  bound on the whole VM run (default $SRIOV_VM_TIMEOUT or 600)
#   SRIOV_VM_APPEND   extra kernel arguments (e.g. "loglevel=7")
#   SRIOV_VM_QUIET=1  do not stream the console to stdout (the log still has it)
# Exit: the guest script's code; 77 when this machine cannot run QEMU; 1 when
# the VM itself failed or timed out (the reason is printed).
set -euo pipefail

root=$(cd "$(dirname "$(realpath "${BASH_SOURCE[0]}")")/../.." && pwd)
vm="$root/.deps/vm"
readonly EXIT_SKIP=77
# QEMU's status when the guest wrote V to isa-debug-exit is (V << 1) | 1.
readonly DEBUG_EXIT_SHIFT=1
# Marker printed by guest-init before it reports the code.
readonly MARK="sriov-vm: guest exit code"
# timeout(1)'s status when it stopped QEMU with TERM, and with KILL.
readonly TIMEOUT_STATUS=124 TIMEOUT_KILLED=137

say() { printf 'vm-run: %s\n' "$*"; }
die() { printf 'vm-run: error: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '/^# Usage/,/^# Exit/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

log_dir=""
bound=${SRIOV_VM_TIMEOUT:-600}
while getopts 'l:t:h' opt; do
	case $opt in
	l) log_dir=$OPTARG ;;
	t) bound=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage
case $bound in ''|*[!0-9]*) die "-t wants whole seconds, got '$bound'" ;; esac

script=$(realpath -e -- "$1" 2>/dev/null) || die "guest script '$1' not found"
shift
[ -r "$script" ] || die "guest script $script is not readable"

# Setup is cached and idempotent: after the first time it only checks (0.2 s),
# and it rebuilds the initrd when guest-init changed.
rc=0
"$root/scripts/vm/setup.sh" || rc=$?
[ "$rc" -eq "$EXIT_SKIP" ] && exit "$EXIT_SKIP"
[ "$rc" -eq 0 ] || die "scripts/vm/setup.sh failed ($rc)"
# shellcheck source=/dev/null
. "$vm/env"
for f in "$VM_KERNEL" "$VM_INITRD"; do
	[ -f "$f" ] || die "$f is missing: run scripts/vm/setup.sh"
done

if [ -z "$log_dir" ]; then
	if [ -n "${SRIOV_BUILD_ROOT:-}" ]; then
		log_dir="$SRIOV_BUILD_ROOT/meson-logs/vm"
	else
		log_dir="$vm/logs"
	fi
fi
mkdir -p "$log_dir"
log_dir=$(realpath "$log_dir")
name=$(basename "$script" .sh)
log="$log_dir/$name.console.log"
job="$log_dir/$name.job"

# The job is a host file the guest runs at the same path: it recreates the
# caller's directory, the project's and the sanitizers' variables (meson sets
# them) and the arguments, quoted.
{
	printf '# written by scripts/vm/run.sh for one VM run\n'
	printf 'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n'
	printf 'export SRIOV_VM_GUEST=1\n'
	while IFS='=' read -r var _; do
		printf 'export %s=%q\n' "$var" "${!var}"
	done < <(env | grep -E '^(SRIOV_[A-Z0-9_]*|[A-Z]SAN_OPTIONS|MALLOC_PERTURB_)=' |
		grep -vE '^SRIOV_VM_(APPEND|QUIET|TIMEOUT)=')
	printf 'cd %q 2>/dev/null || cd /\n' "$PWD"
	printf 'exec /bin/bash %q' "$script"
	for a in "$@"; do printf ' %q' "$a"; done
	printf '\n'
} > "$job"

# One VM at a time on this machine (2 cores shared with compilers).
exec 9>"$vm/vm.lock"
flock -w "$bound" 9 || die "another VM held $vm/vm.lock for $bound s"

: > "$log"
append="console=ttyS0 intel_iommu=on panic=-1 quiet sriov_job=$job ${SRIOV_VM_APPEND:-}"
# shellcheck disable=SC2054 # commas are inside QEMU option values
qemu=(
	qemu-system-x86_64
	-machine q35 -accel tcg -cpu max -m 1024 -smp 2
	-display none -no-reboot -nodefaults -serial "file:$log"
	# The IOMMU must come before the PCI devices it translates.
	-device intel-iommu
	-device pcie-root-port,id=rp0,chassis=1,slot=1
	# restrict=on: the guest NIC reaches nothing outside the VM.
	-netdev user,id=n0,restrict=on
	-device igb,bus=rp0,netdev=n0
	-fsdev "local,id=fs0,path=/,security_model=none,readonly=on,multidevs=remap"
	-device virtio-9p-pci,fsdev=fs0,mount_tag=hostroot
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
	-kernel "$VM_KERNEL" -initrd "$VM_INITRD" -append "$append"
)

say "booting $VM_ABI for $(basename "$script") (bound ${bound}s, console: $log)"
start=$(date +%s.%N)
# timeout(1) ends QEMU once the bound is spent (status 124), KILL 5 s later.
timeout -k 5 "$bound" "${qemu[@]}" 2>"$log_dir/$name.qemu.err" &
qpid=$!
tail_pid=""
if [ -z "${SRIOV_VM_QUIET:-}" ]; then
	tail -n +1 -F --pid="$qpid" "$log" 2>/dev/null &
	tail_pid=$!
fi
qrc=0
wait "$qpid" || qrc=$?
[ -n "$tail_pid" ] && { wait "$tail_pid" 2>/dev/null || true; }
secs=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo "?")

reported=$(grep -a "^$MARK " "$log" | tail -n1 | awk '{print $NF}' | tr -d '\r' || true)

if [ -n "$reported" ] && [ $((qrc & 1)) -eq 1 ] && [ $((qrc >> DEBUG_EXIT_SHIFT)) -eq "$reported" ]; then
	say "guest script exited $reported after ${secs}s"
	exit "$reported"
fi
if [ "$qrc" -eq "$TIMEOUT_STATUS" ] || [ "$qrc" -eq "$TIMEOUT_KILLED" ]; then
	die "VM killed after the ${bound}s bound (console: $log)"
fi
[ -s "$log_dir/$name.qemu.err" ] && sed 's/^/vm-run: qemu: /' "$log_dir/$name.qemu.err" >&2
if [ -z "$reported" ]; then
	die "the guest reported no exit code (QEMU status $qrc after ${secs}s; console: $log)"
fi
die "QEMU status $qrc does not match the guest's exit code $reported (console: $log)"
