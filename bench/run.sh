#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The scale targets, each measured side by side with its reference in the
# same run (see bench/README.md):
#
#   bench/run.sh [--runs N] [--only PATTERN]
#
# builds with optimisation in build-release/, generates the inputs into
# bench/out/run/ (kept between runs: the generator is deterministic), runs
# every row (medians of N runs, default 5, of whole processes, with peak
# RSS) and writes the table into bench/RESULTS.md. A row is one call of
# `row` below: a label, the command, and its reference and target.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=5
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "usage: bench/run.sh [--runs N] [--only PATTERN]" >&2; exit 2 ;;
  esac
done

build="$top/build-release"
out="$top/bench/out/run"
results="$out/results.jsonl"
mkdir -p "$out"

command -v node >/dev/null || { echo "bench/run.sh: node is needed for the JSON references" >&2; exit 1; }

# --- Build ------------------------------------------------------------------
if [ ! -f "$build/build.ninja" ]; then
  meson setup --buildtype=release "$build" "$top" >/dev/null
fi
ninja -C "$build" -j2 src/cli/marginalia-cli >/dev/null
cli="$build/src/cli/marginalia-cli"

# --- Inputs -----------------------------------------------------------------
gen() {  # gen DIR ARGS…
  local dir=$1; shift
  mkdir -p "$dir"
  python3 "$top/bench/generate.py" --out "$dir" "$@" 2>/dev/null
}
one="$out/1mb"
five="$out/5mb"
# The speech with its own 20,000 annotations, and two members' files of
# 20,000 annotations each on the same speech.
if [ ! -f "$one/.done" ]; then
  rm -rf "$one"
  gen "$one" --chars 370000 --annotations 20000 --seed 1
  gen "$one" --chars 370000 --annotations 20000 --seed 1 --annotation-seed 2 --sidecar member-a.marginalia.json
  gen "$one" --chars 370000 --annotations 20000 --seed 1 --annotation-seed 3 --sidecar member-b.marginalia.json
  touch "$one/.done"
fi
if [ ! -f "$five/.done" ]; then
  rm -rf "$five"
  gen "$five" --chars 1850000 --annotations 100000 --seed 7
  touch "$five/.done"
fi
speech1="$one/bench-speech.txt"
speech5="$five/bench-speech.txt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- Rows -------------------------------------------------------------------
: > "$results"
json_ref="node $top/bench/json-parse.mjs"

# row LABEL CMD [measure.py options…]: one line of the table.
row() {
  local label=$1 cmd=$2; shift 2
  if [ -n "$only" ] && [[ "$label" != *$only* ]]; then
    return 0
  fi
  python3 "$top/bench/measure.py" row "$results" --runs "$runs" --label "$label" --cmd "$cmd" "$@"
}

row "info, 1 MB + 20,000 annotations" "$cli info $speech1" \
    --ref "$json_ref $speech1.marginalia.json" --ref-label "Node JSON.parse" --target-ratio 0.6
for format in md html csv txt w3c; do
  row "export $format, 20,000 annotations" "$cli export $speech1 --format $format -o $tmp/out.$format" \
      --target-seconds 0.25
done
row "agreement of two 20,000-annotation files" \
    "$cli agreement $speech1 $one/member-a.marginalia.json $one/member-b.marginalia.json" \
    --ref "$json_ref $one/member-a.marginalia.json $one/member-b.marginalia.json" \
    --ref-label "Node parsing both" --target-ratio 1.2
row "merge of a 20,000-annotation member file" \
    "$cli merge $speech1 $one/member-a.marginalia.json -o $tmp/merged.marginalia.json" \
    --ref "$json_ref $speech1.marginalia.json $one/member-a.marginalia.json" \
    --ref-label "Node parsing both" --target-ratio 1.2
row "info, 5 MB + 100,000 annotations" "$cli info $speech5" \
    --ref "$json_ref $speech5.marginalia.json" --ref-label "Node JSON.parse" --target-seconds 2

# --- The window ---------------------------------------------------------------
# Until the window shows the speech with every highlight (its title is set
# once the text and highlights are in), beside GNOME Text Editor showing the
# bare text (its title is the file's name once loaded), on one Xvfb display.
window_rows() {
  if ! command -v gnome-text-editor >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y gnome-text-editor >/dev/null
    else
      echo "bench/run.sh: install gnome-text-editor for the window's reference" >&2
      return 0
    fi
  fi
  ninja -C "$build" -j2 src/gui/marginalia data/gschemas.compiled >/dev/null 2>&1 ||
    ninja -C "$build" -j2 src/gui/marginalia >/dev/null
  local xvfb_pid="" xdg="$tmp/xdg"
  if [ -z "${DISPLAY:-}" ]; then
    exec 3<> "$tmp/display"
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
    export DISPLAY=":$(head -n1 "$tmp/display")"
  fi
  mkdir -p "$xdg/config" "$xdg/data" "$xdg/state" "$xdg/cache"
  # A fresh profile for both, settings in memory, the same renderer.
  local env="env GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$build/data GSK_RENDERER=cairo NO_AT_BRIDGE=1"
  env="$env XDG_CONFIG_HOME=$xdg/config XDG_DATA_HOME=$xdg/data XDG_STATE_HOME=$xdg/state XDG_CACHE_HOME=$xdg/cache"
  local title1 title5
  title1=$(head -n1 "$speech1" | cut -c1-6)
  title5=$(head -n1 "$speech5" | cut -c1-6)
  row "window: 1 MB + 20,000 annotations shown" "$env $build/src/gui/marginalia $speech1" \
      --until-title "$title1" \
      --ref "$env gnome-text-editor --standalone $speech1" --ref-title "$(basename "$speech1")" \
      --ref-label "GNOME Text Editor, bare text" --target-ratio 1.2
  row "window: 5 MB + 100,000 annotations shown" "$env $build/src/gui/marginalia $speech5" \
      --until-title "$title5" --target-seconds 2
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null || true
    unset DISPLAY
  fi
}
window_rows

python3 "$top/bench/measure.py" report "$results" "$top/bench/RESULTS.md" >/dev/null
echo "bench/run.sh: table written to bench/RESULTS.md"
