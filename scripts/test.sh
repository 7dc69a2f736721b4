#!/usr/bin/env bash
# The README's test command: installs what is missing (scripts/setup.sh), then
# builds and runs every test twice -- a gcc build, and a clang build with
# AddressSanitizer + UndefinedBehaviorSanitizer that also builds the
# libFuzzer targets and runs each for SRIOV_FUZZ_SECONDS (default 60).
# Ends with one line "tests: N passed, N failed, N skipped" over both builds.
#
# Usage: scripts/test.sh [meson test arguments, e.g. --suite config]
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh"

fuzz_seconds=${SRIOV_FUZZ_SECONDS:-60}

# configure DIR ARGS...: set up once, reconfigure on later runs.
configure() {
	local dir=$1; shift
	if [ -f "$dir/build.ninja" ]; then
		meson setup --reconfigure "$dir" "$@" >/dev/null
	else
		meson setup "$dir" "$@"
	fi
}

status=0
run_suite() {
	local dir=$1; shift
	ninja -C "$dir"
	meson test -C "$dir" --print-errorlogs --num-processes 1 "$@" || status=1
}

configure build -Dtests=enabled
run_suite build "$@"

# -fno-sanitize-recover: undefined behaviour aborts the test instead of
# printing a report the test's verdict would not see.
CC=clang configure build-san -Dtests=enabled -Db_sanitize=address,undefined \
	-Dc_args=-fno-sanitize-recover=undefined \
	-Db_lundef=false -Dfuzz=true -Dfuzz_seconds="$fuzz_seconds"
# Integration tests start real processes and the sanitized ones are several
# times slower: their timeouts are scaled. The vm suite boots QEMU (minutes
# under software emulation) and runs once, in the gcc build; the kernel
# backend's code itself runs sanitized in suite kernel.
if [ $# -eq 0 ]; then
	run_suite build-san --timeout-multiplier 4 --no-suite vm
else
	run_suite build-san --timeout-multiplier 4 "$@"
fi

python3 - build/meson-logs/testlog.json build-san/meson-logs/testlog.json <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path).read().splitlines()
    except OSError:
        continue
    for line in lines:
        r = json.loads(line)["result"]
        if r in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r == "SKIP":
            skipped += 1
        else:
            failed += 1
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
