# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by run.sh and test.sh: makes sure the Debian 12 packages the build
# needs are installed, installing them when running as root.

MG_BUILD_PACKAGES="gcc pkg-config meson ninja-build gettext libglib2.0-dev libglib2.0-dev-bin \
libgtk-4-dev libadwaita-1-dev libjson-glib-dev libpango1.0-dev libcairo2-dev \
desktop-file-utils appstream fonts-noto-cjk python3 \
libharfbuzz-dev libfreetype-dev libfontconfig-dev libdeflate-dev nettle-dev"
MG_TEST_PACKAGES="xvfb xauth dbus at-spi2-core poppler-utils imagemagick fonts-dejavu-core git"

mg_missing_packages ()
{
  local pkg missing=""
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $pkg"
    fi
  done
  echo "$missing"
}

mg_ensure_packages ()
{
  local missing
  missing=$(mg_missing_packages "$@")
  [ -z "$missing" ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "These packages are needed:$missing (install them with your package manager)" >&2
    return 1
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages:$missing" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    return 1
  fi
  echo "Installing:$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || true
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >&2
}
