# Sourced by the scripts that hand our PMD to DPDK with -d.
#
# EAL refuses a plugin when any directory on its path is world-writable
# ("Error, directory path /tmp is world-writable and insecure"), so a build
# tree under /tmp (a CI clone, say) cannot be loaded in place. safe_plugin
# prints a path EAL accepts: the plugin itself when its directories are
# safe, else a copy in a fresh root-owned directory under /run, which the
# caller removes with drop_safe_plugin_copy ORIGINAL LOADED.

safe_plugin() {
	_d=$(dirname "$(readlink -f "$1")")
	_unsafe=
	while :; do
		_perm=$(stat -c %A "$_d") || return 1
		case $_perm in ????????w?) _unsafe=1; break ;; esac
		[ "$_d" = / ] && break
		_d=$(dirname "$_d")
	done
	if [ -z "$_unsafe" ]; then
		echo "$1"
		return 0
	fi
	_copy=$(mktemp -d /run/sriov-plugin.XXXXXX) || return 1
	chmod 0755 "$_copy"
	cp "$1" "$_copy/" || { rm -rf "$_copy"; return 1; }
	echo "$_copy/$(basename "$1")"
}

drop_safe_plugin_copy() {
	[ -n "$2" ] && [ "$2" != "$1" ] && rm -rf "$(dirname "$2")"
	return 0
}
