#!/usr/bin/env bash
# Installs, idempotently, everything this project needs on a Debian 12 machine:
# the Debian packages, 2 MB hugepages for the simulated X710, and DPDK's
# driver-SDK headers (not shipped in libdpdk-dev) from Debian's own `dpdk`
# source package of exactly the installed version, into .deps/ of the tree.
#
# Usage: scripts/setup.sh            (as root; safe to run again)
#   SRIOV_HUGEPAGES=N  2 MB hugepages to keep reserved (default 512)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deps="$root/.deps"

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (it installs Debian packages and reserves hugepages)"
[ -r /etc/debian_version ] || die "this script supports Debian 12 (bookworm) only"

# Debian 12 does not package vstakhov's libucl (Debian's libucl-dev is the
# unrelated UCL compression library), so the config parser is our own and
# needs no package.
packages=(
	meson ninja-build pkg-config gcc clang libclang-rt-14-dev
	libdpdk-dev dpdk-dev
	libpciaccess-dev libnl-route-3-dev libjansson-dev libmicrohttpd-dev
	libsystemd-dev libcmocka-dev
	dpkg-dev xz-utils groff-base util-linux procps python3
	prometheus curl
)

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} -gt 0 ]; then
	say "installing: ${missing[*]}"
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
	say "Debian packages: all present"
fi

# Hugepages: unmodified DPDK over UIO needs IOVA=PA, which needs hugepages
# (doc/x710-sim.8). Only ever raise the reservation.
want=${SRIOV_HUGEPAGES:-512}
have=$(cat /proc/sys/vm/nr_hugepages)
if [ "$have" -lt "$want" ]; then
	echo "$want" > /proc/sys/vm/nr_hugepages || true
	have=$(cat /proc/sys/vm/nr_hugepages)
	[ "$have" -ge "$want" ] || say "warning: only $have of $want hugepages could be reserved"
fi
say "hugepages: $have x 2 MB reserved"

# DPDK driver-SDK headers, from the source package of the installed version.
"$root/scripts/dpdk-sdk.sh"

# QEMU with an emulated igb PF, Debian's kernel and an initrd for the kernel-
# PF tests (suite vm). A machine that cannot run QEMU skips them (77).
"$root/scripts/vm/setup.sh" || [ $? -eq 77 ]
