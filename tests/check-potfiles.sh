#!/bin/bash
# Every source file with user-visible strings must be in po/POTFILES.in, and
# every file listed there must exist.
set -u
root=$1
cd "$root" || exit 1
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
failures=0

while read -r f; do
	[ -f "$f" ] || { echo "FAIL: po/POTFILES.in lists $f, which does not exist"; failures=$((failures+1)); }
done <<<"$listed"

candidates=$( { grep -rlE '\b(N?_|C_|g_dngettext|ngettext)\(' src --include='*.c';
                grep -rl 'translatable="yes"' ui --include='*.ui';
                ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml; } | sort -u)
while read -r f; do
	[ -n "$f" ] || continue
	grep -qxF "$f" <<<"$listed" || { echo "FAIL: $f has translatable strings but is not in po/POTFILES.in"; failures=$((failures+1)); }
done <<<"$candidates"

echo "$(wc -l <<<"$listed") files listed, $failures problems"
exit $((failures > 0))
