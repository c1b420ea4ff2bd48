#!/bin/sh
# The core must build without GTK: fail if any file under src/core includes a
# GTK, GDK, GSK or libadwaita header.
set -u
core_dir="$1"
hits=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](gtk|gdk|gsk|adwaita|libadwaita)[/.]' "$core_dir")
if [ -n "$hits" ]; then
	echo "src/core includes toolkit headers:"
	echo "$hits"
	exit 1
fi
n=$(find "$core_dir" -name '*.[ch]' | wc -l)
if [ "$n" -eq 0 ]; then
	echo "no sources found in $core_dir"
	exit 1
fi
echo "checked $n files"
