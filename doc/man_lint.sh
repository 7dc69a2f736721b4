#!/bin/sh
# man_lint.sh PAGE: format PAGE with every groff warning on; any warning
# fails (groff itself exits 0 on warnings, so its stderr is the verdict).
set -u
out=$(groff -man -ww -z -t "$1" 2>&1) || { echo "$out"; exit 1; }
[ -z "$out" ] || { echo "$out"; exit 1; }
