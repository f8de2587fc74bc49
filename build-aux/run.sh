#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, and opens SPEECH (the bundled sample
# when none is given). Without a display it prints the speech's summary
# through marginalia-cli.
#
#   build-aux/run.sh [SPEECH]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=build-aux/deps.sh
. "$top/build-aux/deps.sh"
mg_ensure_packages $MG_BUILD_PACKAGES

builddir="${MG_BUILDDIR:-$top/build}"
if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$top" >&2
fi
ninja -C "$builddir" >&2

speech="${1:-$top/data/samples/sample-zh.txt}"
if [ ! -e "$speech" ]; then
  echo "run.sh: $speech: no such file" >&2
  exit 2
fi

# Run from the build tree: its settings schema and translations.
export GSETTINGS_SCHEMA_DIR="$builddir/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
export MARGINALIA_LOCALEDIR="$builddir/po"

if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$builddir/src/gui/marginalia" "$speech"
fi

echo "No display: printing the summary of $(basename "$speech") instead." >&2
cli="$builddir/src/cli/marginalia-cli"
"$cli" info "$speech"
if "$cli" export --help >/dev/null 2>&1; then
  echo
  "$cli" export "$speech" --format txt
fi
