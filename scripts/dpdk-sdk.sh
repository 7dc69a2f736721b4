#!/usr/bin/env bash
# Puts DPDK's driver-SDK headers (ethdev_driver.h, ethdev_pci.h,
# bus_pci_driver.h, bus_driver.h, dev_driver.h) into .deps/dpdk-sdk/include,
# taken from Debian's `dpdk` source package of exactly the installed
# libdpdk-dev version. Debian builds DPDK without enable_driver_sdk, so
# libdpdk-dev lacks them (doc/dpdk-plugin notes in doc/architecture.md).
#
# The deb-src entry is derived from this machine's own Debian apt source and
# kept in a private apt state under .deps/apt: nothing in /etc is changed and
# no mirror is named here.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deps="$root/.deps"
sdk="$deps/dpdk-sdk"
apt_dir="$deps/apt"

say() { printf 'dpdk-sdk: %s\n' "$*"; }
die() { printf 'dpdk-sdk: error: %s\n' "$*" >&2; exit 1; }

version=$(dpkg-query -W -f='${Version}' libdpdk-dev 2>/dev/null) ||
	die "libdpdk-dev is not installed (run scripts/setup.sh)"
if [ -f "$sdk/VERSION" ] && [ "$(cat "$sdk/VERSION")" = "$version" ]; then
	say "headers of dpdk $version present in $sdk/include"
	exit 0
fi

mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" \
	"$apt_dir/cache/archives/partial" "$deps/dpdk-src"

# Derive deb-src entries from the machine's Debian sources (deb822 or
# one-line format); only Debian's own archive entries are kept.
src="$apt_dir/sources.list.d/debian-src.sources"
: > "$src"
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	grep -qi 'debian' "$f" || continue
	sed -e 's/^Types:.*/Types: deb-src/' "$f" >> "$src"
	printf '\n' >> "$src"
done
list="$apt_dir/sources.list.d/debian-src.list"
: > "$list"
if [ -f /etc/apt/sources.list ]; then
	grep -E '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list | grep -i debian |
		sed -E 's/^[[:space:]]*deb[[:space:]]/deb-src /' >> "$list" || true
fi
[ -s "$src" ] || [ -s "$list" ] || die "no Debian apt source found in /etc/apt to derive a deb-src entry from"

apt_opts=(
	-o "Dir::Etc::SourceList=$list"
	-o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
	-o "Dir::State::Lists=$apt_dir/lists"
	-o "Dir::Cache=$apt_dir/cache"
	-o "APT::Sandbox::User=root"
)
say "fetching the source index (private apt state in $apt_dir)"
apt-get -q "${apt_opts[@]}" update >/dev/null

work="$deps/dpdk-src"
rm -rf "$work" && mkdir -p "$work"
say "downloading Debian source package dpdk=$version"
(cd "$work" && apt-get -q "${apt_opts[@]}" source --download-only "dpdk=$version" >/dev/null)
dsc=$(ls "$work"/dpdk_*.dsc 2>/dev/null | head -n1)
[ -n "$dsc" ] || die "apt-get source did not produce a .dsc for dpdk=$version"

# Unpack with Debian's patches applied: the headers must match the binaries.
say "unpacking $(basename "$dsc")"
(cd "$work" && dpkg-source --no-check -q -x "$(basename "$dsc")" tree >/dev/null)

rm -rf "$sdk" && mkdir -p "$sdk/include"
for h in lib/ethdev/ethdev_driver.h lib/ethdev/ethdev_pci.h \
	 drivers/bus/pci/bus_pci_driver.h lib/eal/include/bus_driver.h \
	 lib/eal/include/dev_driver.h; do
	[ -f "$work/tree/$h" ] || die "$h not found in the dpdk $version source"
	cp "$work/tree/$h" "$sdk/include/"
done
# Keep the tree's licence beside the copies; drop the rest of the source.
cp "$work/tree/license/bsd-3-clause.txt" "$sdk/" 2>/dev/null || true
rm -rf "$work/tree"

# Prove the headers work with the installed libdpdk-dev before declaring done.
probe="$sdk/probe.c"
cat > "$probe" <<'C'
#include <ethdev_driver.h>
#include <ethdev_pci.h>
#include <bus_pci_driver.h>
int main(void) { return (int)sizeof(struct rte_pci_driver) == 0; }
C
# shellcheck disable=SC2046
cc -DALLOW_INTERNAL_API $(pkg-config --cflags libdpdk) -I"$sdk/include" -c "$probe" -o "$sdk/probe.o" ||
	die "the driver-SDK headers do not compile against the installed libdpdk-dev"
rm -f "$probe" "$sdk/probe.o"
echo "$version" > "$sdk/VERSION"
say "headers of dpdk $version installed in $sdk/include"
