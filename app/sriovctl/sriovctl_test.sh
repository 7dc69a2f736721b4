#!/bin/sh
# Runs the built sriovctl on the examples and the broken files and checks
# exit codes and output. Usage: sriovctl_test.sh SRIOVCTL SOURCE_ROOT
set -u
ctl=$1
src=$2
ex=$src/examples/iov
bad=$src/lib/config/testdata
out=$(mktemp)
err=$(mktemp)
nodaemon=$(mktemp -d)
trap 'rm -f "$out" "$err"; rmdir "$nodaemon"' EXIT
failures=0
# No sriovd here: a socket path that does not exist means "work alone".
SRIOVD_SOCKET=$nodaemon/sriovd.sock
export SRIOVD_SOCKET

# run EXPECTED_STATUS ARGS...: runs sriovctl, keeps stdout/stderr.
run() {
	want=$1
	shift
	"$ctl" "$@" >"$out" 2>"$err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL: sriovctl $* exited $got, want $want"
		sed 's/^/  stdout: /' "$out"
		sed 's/^/  stderr: /' "$err"
		failures=$((failures + 1))
	fi
}

# has FILE TEXT: the output FILE contains the fixed string TEXT.
has() {
	if ! grep -qF -- "$2" "$1"; then
		echo "FAIL: expected \"$2\" in $(basename "$1") of the last run"
		sed 's/^/  | /' "$1"
		failures=$((failures + 1))
	fi
}

# Dry runs of the examples with the X710 schema.
run 0 -n -C -f "$ex/ixl0.conf" --driver x710
has "$out" "Would enable SR-IOV on device 'ixl0'."
has "$out" "VF-1:"
has "$out" "02:00:00:00:10:01    from VF-1 ($ex/ixl0.conf:19:13)"
has "$out" "mac-anti-spoof true                 schema default"
has "$out" "allow-set-mac  true                 from DEFAULT"
run 0 -C -n -f "$ex/ixl0-passthrough.conf" --driver=x710
has "$out" "passthrough    true                 from VF-1"
run 0 -n -C -f "$ex/x710-sim.conf" --driver x710
has "$out" "Would enable SR-IOV on device '0000:01:00.0'."
has "$out" "VF-3:"
has "$out" "02:00:00:00:05:03"

# -S prints iovctl's layout.
run 0 -S --driver x710
has "$out" "The following configuration parameters may be configured on the PF:"
has "$out" "	num_vfs : uint16_t (required)"
has "$out" "	device : string (required)"
has "$out" "The following configuration parameters may be configured on a VF:"
has "$out" "	passthrough : bool (default = false)"
has "$out" "	mac-addr : unicast-mac (optional)"
has "$out" "	mac-anti-spoof : bool (default = true)"
has "$out" "	num-queues : uint16_t (default = 4)"
has "$out" "	link-state : enum{auto,enable,disable} (default = auto)"
run 0 -S -f "$ex/ixl0.conf" --driver x710
run 0 -S -d ixl0 --driver x710

# No such device on this machine: a clear refusal naming what was looked at, status 1.
run 1 -C -f "$ex/ixl0.conf"
has "$err" "sriovctl: no backend can reach device 'ixl0'"
has "$err" "use -n with --driver x710 to validate"
run 1 -C -n -f "$ex/ixl0.conf"
has "$err" "no backend can reach device 'ixl0'"
has "$err" "x710: ixl0: only 0 Intel 700-series PF(s) in"
run 1 -C -f "$ex/ixl0.conf" --driver x710
has "$err" "--driver validates only; use -n with it, or drop it to configure device 'ixl0'"
run 1 -S -d ixl0
has "$err" "no backend can reach device 'ixl0'"
run 1 -D -d 0000:05:00.0
has "$err" "no backend can reach device '0000:05:00.0'"
has "$err" "x710: no PCI device 0000:05:00.0 in"
run 0 -D -n -f "$ex/ixl0.conf"
has "$out" "Would attempt to delete all VF children of 'ixl0'"

# Broken files: every error, file:line:column, status 1.
run 1 -n -C -f "$bad/many-errors.conf" --driver x710
has "$err" "$bad/many-errors.conf:8:13: Value '01:00:5e:00:00:01' of key 'mac-addr' is a multicast address"
has "$err" "$bad/many-errors.conf:13:2: DEFAULT: Invalid config key 'mac-antispoof'; did you mean 'mac-anti-spoof'?"
has "$err" "$bad/many-errors.conf:20:1: VF number 2 is out of bounds (num_vfs=2"
[ "$(wc -l <"$err")" -eq 7 ] || { echo "FAIL: want 7 diagnostics"; cat "$err"; failures=$((failures + 1)); }
run 1 -n -C -f "$bad/typographic-quotes.conf" --driver x710
has "$err" "typographic-quotes.conf:2:11: typographic quote"
has "$err" "use a plain ASCII \" quote"
run 1 -n -C -f "$bad/syntax-error.conf"
has "$err" "syntax-error.conf:3:9: expected ':' or '=' after key 'device'"
run 1 -D -f "$bad/no-pf.conf"
has "$err" "no-pf.conf: Config file does not specify device"
run 1 -n -C -f "$src/no/such/file.conf" --driver x710
has "$err" "Could not open config file: No such file or directory"
run 1 -n -C -f "$ex/ixl0.conf" --driver ixgbe
has "$err" "unknown driver 'ixgbe'; known drivers: kernel x710"

# iovctl's command-line messages.
run 1 -C -D -f "$ex/ixl0.conf"
has "$err" "Only one action may be specified"
has "$err" "usage: sriovctl -C -f <config file> [-n]"
run 1 -D -d ixl0 -f "$ex/ixl0.conf"
has "$err" "Only one of the -d and -f flags may be specified"
run 1 -D
has "$err" "Either the -d or -f flag must be specified"
run 1 -S
has "$err" "Either the -d or -f flag must be specified"
run 1 -C -d ixl0
has "$err" "-d flag cannot be used with the -C flag"
run 1 -C
has "$err" "The -f flag must be specified"
run 1 -S -n -d ixl0
has "$err" "-n flag cannot be used with the -S flag"
run 1 -n -d ixl0
has "$err" "Either the -C, -D, -L or -S flag must be specified"
run 1 -x
has "$err" "Unrecognized argument '-x'"
run 1 --bogus
has "$err" "Unrecognized argument '--bogus'"
run 1 -f
has "$err" "Option '-f' requires an argument"
run 1 -D -d "bad name"
has "$err" "'bad name' is not a PCI address"
run 0 -h
has "$out" "--driver NAME"
run 0 --help
run 0 --version
has "$out" "sriovctl "

# JSON output, -L and the daemon options.
run 0 -S --driver x710 -j
has "$out" '"driver": "x710"'
has "$out" '"json_type": "an integer 1..16"'
has "$out" '"name": "mac-anti-spoof"'
run 1 -L
has "$err" "no sriovd answers; -L without sriovd needs -d or -f"
run 1 -L -d 0000:05:00.0
has "$err" "no backend can reach device '0000:05:00.0'"
run 1 -L -n -d ixl0
has "$err" "-n, -k and --driver cannot be used with the -L flag"
run 1 -D -j -d ixl0
has "$err" "-j flag cannot be used with the -D flag"
run 1 -C -j -f "$ex/ixl0.conf"
has "$err" "-j flag needs -n with the -C flag"
run 1 -L --socket /x.sock --no-daemon
has "$err" "--socket and --no-daemon contradict each other"
# A socket path that exists but cannot be reached: an error, never a silent fallback.
run 1 -L -d ixl0 --socket /etc/passwd/sriovd.sock
has "$err" "cannot reach sriovd's socket /etc/passwd/sriovd.sock: Not a directory"
has "$err" "--no-daemon to work alone"
SRIOVD_SOCKET=/etc/passwd/sriovd.sock run 1 -D -d ixl0
has "$err" "cannot reach sriovd's socket /etc/passwd/sriovd.sock"
run 0 -S --driver x710 --socket /etc/passwd/sriovd.sock
run 1 -L -d 0000:05:00.0 --no-daemon --socket=
has "$err" "contradict"

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
echo "all sriovctl checks passed"
