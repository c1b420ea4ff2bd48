#!/bin/bash
# Builds the libFuzzer targets listed in tests/fuzz/targets with clang
# (AddressSanitizer and UndefinedBehaviorSanitizer on) and runs them.
#
#   tests/fuzz/run-fuzzers.sh [--seconds N | --build-only] [TARGET...] [-- LIBFUZZER-ARGS...]
#
# The short run, as `meson test --suite fuzz` does it (5 s per target):
#   tests/fuzz/run-fuzzers.sh --seconds 5
# The long run, one hour per target, both cores:
#   tests/fuzz/run-fuzzers.sh --seconds 3600 -- -fork=2
# Reproducing a crash (the run prints the file it saved it to):
#   tests/fuzz/run-fuzzers.sh --build-only config-status
#   _build/fuzz/fuzz-config-status _build/fuzz/artifacts/config-status-crash-…
#
# Without TARGET, every target of tests/fuzz/targets runs. To add one, write
# tests/fuzz/fuzz-NAME.c (defining LLVMFuzzerTestOneInput), add the line
# "NAME: SOURCES..." to tests/fuzz/targets and a few valid inputs under
# tests/fuzz/corpus/NAME/; meson picks the new test up on its next
# reconfigure.
#
# Environment: MESH_SOURCE_ROOT (default: this script's checkout),
# MESH_BUILD_ROOT (default: $MESH_SOURCE_ROOT/_build, which must be
# configured: the targets include its config.h), CC (default: clang-14,
# else clang). Binaries, the inputs the fuzzer finds and crash files go to
# $MESH_BUILD_ROOT/fuzz/. Exits 77 (skipped, for meson) without clang or its
# fuzzer runtime.
set -u

script_dir=$(cd "$(dirname "$0")" && pwd)
source_root=${MESH_SOURCE_ROOT:-$(cd "$script_dir/../.." && pwd)}
build_root=${MESH_BUILD_ROOT:-$source_root/_build}
out_dir=$build_root/fuzz
targets_file=$source_root/tests/fuzz/targets

seconds=
build_only=0
names=()
fuzzer_args=()

while [ $# -gt 0 ]; do
	case $1 in
	--seconds) seconds=$2; shift 2 ;;
	--build-only) build_only=1; shift ;;
	--) shift; fuzzer_args=("$@"); break ;;
	-*) echo "unknown option $1" >&2; exit 2 ;;
	*) names+=("$1"); shift ;;
	esac
done
if [ $build_only -eq 0 ] && [ -z "$seconds" ]; then
	echo "usage: $0 [--seconds N | --build-only] [TARGET...] [-- LIBFUZZER-ARGS...]" >&2
	exit 2
fi

if [ -z "${CC:-}" ]; then
	CC=$(command -v clang-14 || command -v clang || true)
fi
if [ -z "$CC" ] || ! command -v "$CC" >/dev/null; then
	echo "SKIP: no clang to build the fuzzers with"
	exit 77
fi
if [ ! -f "$build_root/config.h" ]; then
	echo "$build_root is not a configured build directory (no config.h)" >&2
	exit 2
fi

# The project's version floor and error flags, as in meson.build.
cflags=(
	-g -O1 -fno-omit-frame-pointer -std=gnu11
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
	-Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
	-Werror=deprecated-declarations -Werror=implicit-function-declaration
	-Werror=incompatible-pointer-types -Werror=int-conversion -Werror=return-type
	-DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
	-I"$build_root" -I"$source_root/src/core"
)
packages="glib-2.0 gio-2.0 gio-unix-2.0 json-glib-1.0 nettle sqlite3 libsecret-1"
read -r -a pkg_cflags <<<"$(pkg-config --cflags $packages)" || exit 2
read -r -a pkg_libs <<<"$(pkg-config --libs $packages)" || exit 2

mkdir -p "$out_dir/artifacts"

# A clang without the fuzzer runtime (libclang-rt-14-dev) cannot link.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	'int LLVMFuzzerTestOneInput (const uint8_t *d, size_t n) { return 0; }' >"$probe/probe.c"
if ! "$CC" -fsanitize=fuzzer,address,undefined "$probe/probe.c" -o "$probe/probe" 2>"$probe/log"; then
	echo "SKIP: $CC cannot build fuzzers (is libclang-rt-14-dev installed?):"
	cat "$probe/log"
	exit 77
fi

# sources_of NAME: the SOURCES of NAME's line in the targets file.
sources_of() {
	sed -n "s/^$1:[[:space:]]*//p" "$targets_file"
}

all_names() {
	sed -n 's/^\([A-Za-z0-9_-]*\):.*/\1/p' "$targets_file"
}

# build NAME: (re)builds $out_dir/fuzz-NAME when any input is newer.
build() {
	local name=$1 binary=$out_dir/fuzz-$1 target=$source_root/tests/fuzz/fuzz-$1.c
	local sources=() deps=() dep

	read -r -a sources <<<"$(sources_of "$name")"
	if [ ! -f "$target" ] || [ ${#sources[@]} -eq 0 ]; then
		echo "no target $name: needs tests/fuzz/fuzz-$name.c and a line in tests/fuzz/targets" >&2
		return 1
	fi
	sources=("${sources[@]/#/$source_root/}")

	deps=("$target" "${sources[@]}" "$targets_file" "$build_root/config.h" "$source_root"/src/core/*.h)
	if [ -x "$binary" ]; then
		for dep in "${deps[@]}"; do
			[ "$dep" -nt "$binary" ] && break
			dep=
		done
		[ -z "$dep" ] && return 0
	fi

	echo "building fuzz-$name"
	"$CC" "${cflags[@]}" "${pkg_cflags[@]}" "$target" "${sources[@]}" "${pkg_libs[@]}" -o "$binary"
}

# run NAME: fuzzes for $seconds; new inputs go to a corpus in the build
# directory, never into the committed seeds.
run() {
	local name=$1 seeds=$source_root/tests/fuzz/corpus/$1 corpus=$out_dir/corpus-$1
	local dirs=("$corpus")

	mkdir -p "$corpus"
	[ -d "$seeds" ] && dirs+=("$seeds")

	echo "fuzzing $name for $seconds s"
	# GSlice hands out memory ASan cannot see; criticals are bugs here.
	G_SLICE=always-malloc G_DEBUG=fatal-criticals \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		"$out_dir/fuzz-$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$out_dir/artifacts/$name-" \
		"${fuzzer_args[@]}" "${dirs[@]}"
}

[ ${#names[@]} -eq 0 ] && read -r -d '' -a names <<<"$(all_names)"

status=0
for name in "${names[@]}"; do
	if ! build "$name"; then
		echo "FAIL: could not build fuzz-$name"
		status=1
		continue
	fi
	[ $build_only -eq 1 ] && continue
	if ! run "$name"; then
		echo "FAIL: fuzz-$name found a problem; the input is in $out_dir/artifacts/"
		status=1
	fi
done
exit $status
