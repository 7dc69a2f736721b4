#!/usr/bin/env bash
# Prepares, idempotently and cached under .deps/vm/, everything the VM
# harness (scripts/vm/run.sh) needs to test the kernel-PF path against a real
# Linux kernel (doc: tests/vm/README.md, facts: spec kernel-vm.md):
#   - QEMU >= 8.0 with the emulated igb PF (from bookworm-backports on Debian 12),
#   - busybox-static, unpacked (not installed) for the initrd's tools,
#   - Debian's current kernel image, unpacked (never installed on the host),
#   - an initrd with the SR-IOV modules and an init that runs a guest script.
#
# The apt entries are derived from this machine's own Debian source and kept in
# a private apt state under .deps/vm/apt: /etc is not changed, no mirror named.
#
# Usage: scripts/vm/setup.sh      (as root; safe to run again)
#   SRIOV_VM_REFRESH=1  re-resolve Debian's current kernel even if one is cached
# Exit: 0 ready, 77 this machine cannot run QEMU, other = setup failed.
set -euo pipefail

root=$(cd "$(dirname "$(realpath "${BASH_SOURCE[0]}")")/../.." && pwd)
here="$root/scripts/vm"
vm="$root/.deps/vm"
apt_dir="$vm/apt"

# Exit code meson and run.sh read as "skipped: the machine cannot run QEMU".
readonly EXIT_SKIP=77

say() { printf 'vm-setup: %s\n' "$*"; }
die() { printf 'vm-setup: error: %s\n' "$*" >&2; exit 1; }
skip() { printf 'vm-setup: SKIP: %s\n' "$*" >&2; exit "$EXIT_SKIP"; }

# Modules the SR-IOV test needs (kernel-vm.md "The guest kernel"), plus what
# the initrd needs to mount the host's root over virtio-9p with an overlay.
# Names missing from the tree are fine when the kernel has them built in.
modules=(
	igb dca i2c-algo-bit igbvf
	vfio vfio-pci vfio-pci-core vfio_virqfd irqbypass vfio_iommu_type1
	virtio_pci virtio_ring virtio 9pnet 9pnet_virtio 9p netfs overlay
)

qemu_has_igb() {
	command -v qemu-system-x86_64 >/dev/null 2>&1 &&
		qemu-system-x86_64 -device help 2>/dev/null | grep -q '"igb"'
}

# --- private apt state -------------------------------------------------------
apt_opts=(
	-o "Dir::Etc::SourceList=$apt_dir/sources.list"
	-o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
	-o "Dir::State::Lists=$apt_dir/lists"
	-o "Dir::Cache=$apt_dir/cache"
	-o "APT::Sandbox::User=root"
)
apt_ready=0

# Copies the machine's Debian entries (deb822 or one-line) and adds the
# backports suite of the same archive, then fetches the indexes once per run.
apt_prepare() {
	[ "$apt_ready" -eq 1 ] && return 0
	command -v apt-get >/dev/null 2>&1 || return 1
	mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
	local parts="$apt_dir/sources.list.d/debian.sources" list="$apt_dir/sources.list" f uri
	: > "$parts"
	: > "$list"
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		grep -qi 'debian' "$f" || continue
		cat "$f" >> "$parts"
		printf '\n' >> "$parts"
	done
	if [ -f /etc/apt/sources.list ]; then
		grep -E '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list | grep -i debian >> "$list" || true
	fi
	# The backports suite lives on the main archive (the entry whose suites
	# include plain "bookworm"), never on the security archive.
	uri=$(awk 'tolower($1)=="uris:"{u=$2} tolower($1)=="suites:"{for(i=2;i<=NF;i++) if($i=="bookworm"){print u; exit}}' "$parts")
	if [ -z "$uri" ]; then
		uri=$(awk '$1=="deb" && $3=="bookworm" {print $2; exit}' "$list")
	fi
	[ -n "$uri" ] || die "no Debian bookworm entry in /etc/apt to derive bookworm-backports from"
	printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$uri" > "$apt_dir/sources.list.d/backports.sources"
	say "fetching package indexes (private apt state in $apt_dir)"
	apt-get -q "${apt_opts[@]}" update >/dev/null || die "apt-get update failed (is Debian's archive reachable?)"
	apt_ready=1
}

# Downloads one package with the private state and unpacks it into DIR.
apt_unpack() {
	local pkg=$1 dir=$2 tmp
	tmp=$(mktemp -d "$vm/dl.XXXXXX")
	(cd "$tmp" && apt-get -q "${apt_opts[@]}" download "$pkg" >/dev/null) ||
		{ rm -rf "$tmp"; die "apt-get download $pkg failed"; }
	mkdir -p "$dir"
	dpkg-deb -x "$tmp"/*.deb "$dir" || { rm -rf "$tmp"; die "dpkg-deb -x of $pkg failed"; }
	rm -rf "$tmp"
}

[ -r /etc/debian_version ] || skip "only Debian 12 is supported by this harness (no /etc/debian_version)"
mkdir -p "$vm"

# --- QEMU with igb -----------------------------------------------------------
if qemu_has_igb; then
	say "QEMU: $(qemu-system-x86_64 --version | head -n1) has igb"
else
	[ "$(id -u)" -eq 0 ] || skip "QEMU with the igb device is missing and installing it needs root"
	apt_prepare || skip "QEMU with igb is missing and apt-get is not available"
	say "installing qemu-system-x86 from bookworm-backports (Debian 12's QEMU 7.2 lacks igb)"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		"${apt_opts[@]}" -t bookworm-backports qemu-system-x86 >/dev/null ||
		skip "could not install qemu-system-x86 from bookworm-backports"
	apt-get -q "${apt_opts[@]}" clean
	qemu_has_igb || skip "the installed QEMU has no igb device"
	say "QEMU: $(qemu-system-x86_64 --version | head -n1) installed"
fi

# --- busybox-static (cpio, depmod, modprobe, the initrd's shell) -------------
busybox="$vm/busybox/bin/busybox"
if [ -x "$busybox" ]; then
	say "busybox: present"
else
	apt_prepare || die "apt-get is needed to fetch busybox-static"
	rm -rf "$vm/busybox"
	apt_unpack busybox-static "$vm/busybox"
	[ -x "$busybox" ] || die "busybox-static did not contain bin/busybox"
	say "busybox: $("$busybox" | head -n1)"
fi

# --- Debian's current kernel, unpacked --------------------------------------
# The archive keeps only the newest ABI, so it is resolved, never hard-coded.
abi=""
[ -f "$vm/kernel/ABI" ] && abi=$(cat "$vm/kernel/ABI")
if [ -z "$abi" ] || [ -n "${SRIOV_VM_REFRESH:-}" ] || [ ! -f "$vm/kernel/$abi/.complete" ]; then
	apt_prepare || die "apt-get is needed to fetch the guest kernel"
	pkg=$(apt-cache "${apt_opts[@]}" depends linux-image-amd64 |
		awk '$1=="Depends:" && $2 ~ /^linux-image-[0-9]/ {print $2; exit}')
	[ -n "$pkg" ] || die "could not resolve linux-image-amd64 to a versioned kernel package"
	abi=${pkg#linux-image-}
	if [ ! -f "$vm/kernel/$abi/.complete" ]; then
		say "downloading $pkg (about 70 MB) and unpacking it into $vm/kernel/$abi"
		rm -rf "$vm/kernel/$abi"
		apt_unpack "$pkg" "$vm/kernel/$abi"
		# The .deb ships no modules.dep (it is made at install time).
		"$busybox" depmod -b "$vm/kernel/$abi" "$abi" || die "busybox depmod failed for $abi"
		touch "$vm/kernel/$abi/.complete"
	fi
	echo "$abi" > "$vm/kernel/ABI"
fi
kroot="$vm/kernel/$abi"
moddir="$kroot/lib/modules/$abi"
[ -f "$kroot/boot/vmlinuz-$abi" ] || die "$kroot/boot/vmlinuz-$abi is missing"
say "guest kernel: $abi"

# --- initrd ------------------------------------------------------------------
# Rebuilt when the kernel, the init script or this script changes.
stamp=$(cat "$here/guest-init" "$here/setup.sh" | sha256sum | cut -c1-16)
initrd="$vm/initrd-$abi-$stamp.cpio.gz"
if [ -f "$initrd" ]; then
	say "initrd: present"
else
	say "building the initrd"
	work=$(mktemp -d "$vm/initrd.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	mkdir -p "$work/bin" "$work/lib/modules/$abi"

	# Resolve each wanted module and its dependencies through modules.dep
	# ("path: dep dep ..."); '-' and '_' are the same in module names.
	norm() { tr '-' '_'; }
	declare -A want_paths=()
	for m in "${modules[@]}"; do
		name=$(printf '%s' "$m" | norm)
		line=$(awk -v n="$name" -F: '{f=$1; sub(/.*\//,"",f); sub(/\.ko.*$/,"",f); gsub(/-/,"_",f); if (f==n) {print; exit}}' "$moddir/modules.dep")
		if [ -z "$line" ]; then
			grep -q "/$m.ko\$\|/$name.ko\$" "$moddir/modules.builtin" 2>/dev/null ||
				say "note: module $m is neither in the tree nor built in (not needed by $abi?)"
			continue
		fi
		for p in ${line/:/ }; do want_paths[$p]=1; done
	done
	for p in "${!want_paths[@]}"; do
		mkdir -p "$work/lib/modules/$abi/$(dirname "$p")"
		cp "$moddir/$p" "$work/lib/modules/$abi/$p"
	done
	cp "$moddir/modules.builtin" "$moddir/modules.order" "$work/lib/modules/$abi/" 2>/dev/null || true
	"$busybox" depmod -b "$work" "$abi" || die "busybox depmod failed on the initrd"

	cp "$busybox" "$work/bin/busybox"
	cp "$here/guest-init" "$work/init"
	chmod 755 "$work/init"
	(cd "$work" && find . -mindepth 1 | "$busybox" cpio -o -H newc 2>/dev/null) | gzip -9 > "$initrd.tmp"
	mv "$initrd.tmp" "$initrd"
	rm -rf "$work"
	trap - EXIT
	# Keep only this initrd: older ones belong to replaced kernels or inits.
	find "$vm" -maxdepth 1 -name 'initrd-*.cpio.gz' ! -name "$(basename "$initrd")" -delete
	say "initrd: $initrd ($(du -k "$initrd" | cut -f1) KiB, ${#want_paths[@]} modules)"
fi

# --- prove QEMU can build the test machine -----------------------------------
# Creating the machine (TCG, IOMMU, igb, 9p) and quitting before the first
# instruction tells "this machine cannot run QEMU" apart from a guest failure.
if ! out=$(printf 'quit\n' | timeout 60 qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 256 \
	-nodefaults -display none -S -monitor stdio \
	-device intel-iommu -device pcie-root-port,id=rp0,chassis=1,slot=1 \
	-netdev user,id=n0,restrict=on -device igb,bus=rp0,netdev=n0 \
	-fsdev local,id=fs0,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=fs0,mount_tag=hostroot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 2>&1); then
	skip "QEMU cannot create the test machine on this host: $(printf '%s' "$out" | tail -n 3)"
fi

# run.sh reads the paths from here.
cat > "$vm/env" <<ENV
VM_ABI=$abi
VM_KERNEL=$kroot/boot/vmlinuz-$abi
VM_INITRD=$initrd
VM_BUSYBOX=$busybox
ENV
say "ready: kernel $abi, $(basename "$initrd"), $(qemu-system-x86_64 --version | head -n1)"
