#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer target of fuzz/ for a given time.
#
#   build-aux/fuzz.sh TARGET SECONDS
#
# TARGET: text-decoder, sidecar, import-w3c, tidy (fuzz/meson.build lists them).
# Builds the targets with clang under ASan and UBSan in build-fuzz/ (or
# $MG_FUZZ_BUILDDIR), seeds the target's corpus (kept in the build folder
# between runs) from the fixtures in tests/data, and fuzzes. Exit 0 when
# nothing was found; otherwise the input that broke it is left in
# BUILDDIR/fuzz-findings/TARGET/ (rerun it: BUILDDIR/fuzz/fuzz-TARGET FILE).
# Needs clang and libclang-rt-14-dev.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ $# -ne 2 ]; then
  echo "usage: $0 TARGET SECONDS" >&2
  exit 1
fi
target=$1
seconds=$2
builddir="${MG_FUZZ_BUILDDIR:-$top/build-fuzz}"

case "$target" in
  text-decoder) seeds=("$top"/tests/data/*.txt "$top"/tests/data/*.bin "$top"/tests/data/cli/*.txt
                       "$top"/tests/data/suggest/*.txt) ;;
  sidecar)      seeds=("$top"/tests/data/sidecar/*.json "$top"/tests/data/cli/*.json) ;;
  import-w3c)   seeds=("$top"/tests/data/export/w3c/*.json "$top"/tests/data/export/*.w3c.jsonld) ;;
  tidy)         seeds=("$top"/tests/data/tidy/*/*.txt "$top"/tests/data/cli/*.txt "$top"/tests/data/suggest/*.txt) ;;
  *) echo "$0: unknown target “$target” (text-decoder, sidecar, import-w3c, tidy)" >&2; exit 1 ;;
esac

if ! command -v clang >/dev/null 2>&1; then
  echo "$0: clang is needed (apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi
if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" "$top" -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false >&2 || exit 1
fi
ninja -C "$builddir" "fuzz/fuzz-$target" >&2 || exit 1

corpus="$builddir/fuzz-corpus/$target"
findings="$builddir/fuzz-findings/$target"
mkdir -p "$corpus" "$findings"
for seed in "${seeds[@]}"; do
  [ -f "$seed" ] && cp -n "$seed" "$corpus/seed-$(basename "$seed")"
done

# Critical warnings are bugs here (a g_return_if_fail on user data).
export G_DEBUG=fatal-criticals
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LC_ALL=C.UTF-8
exec "$builddir/fuzz/fuzz-$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 \
  -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" "$corpus"
