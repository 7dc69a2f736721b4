#!/usr/bin/env bash
# The README's main command: set up, build, and show the project working on
# the simulated X710.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh"

if [ -f build/build.ninja ]; then
	meson setup --reconfigure build -Dtests=enabled >/dev/null
else
	meson setup build -Dtests=enabled >/dev/null
fi
ninja -C build >/dev/null

sriovctl=build/app/sriovctl/sriovctl
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

step "What an X710 VF can be configured with (the x710 schema)"
show "$sriovctl" -S --driver x710

for f in examples/iov/*.conf; do
	step "Validate and resolve $f"
	show "$sriovctl" -n -C -f "$f" --driver x710
done

step "A broken file: every mistake at once, with file:line:column"
broken=$(mktemp --suffix=.conf)
trap 'rm -f "$broken"' EXIT
cat > "$broken" <<'CONF'
PF { device : "ixl0"; num_vfs : 2; }
VF-0 { mac-addr : "01:00:5e:00:00:01"; num-queues : 32; }
VF-01 { allow-promisc : true; }
VF-1 { mac-anti-spof : false; vlan : “100”; }
CONF
cat -n "$broken"
show "$sriovctl" -n -C -f "$broken" --driver x710 || true
