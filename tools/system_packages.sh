#!/usr/bin/env bash
# Makes sure the Debian packages the app and its tests need are present.
#   tools/system_packages.sh run    packages to run the app (venv, Qt's xcb and GL libraries)
#   tools/system_packages.sh test   the above plus Xvfb for the headless GL tests, Chromium
#                                   for the web-page tests, Java for the HTML checker,
#                                   Node.js/npm for the glTF validator (if not present) and
#                                   the desktop entry and AppStream validators
# As root it installs what is missing; otherwise it prints the one apt-get line to run
# and exits 1.
set -euo pipefail
mode="${1:-test}"

run_pkgs=(python3-venv libgl1 libegl1 libgl1-mesa-dri libglib2.0-0 libfontconfig1
  libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0
  libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 fonts-dejavu-core)
# desktop-file-utils and appstream: the validators of the desktop entry and metainfo
test_pkgs=(xvfb xauth chromium default-jre-headless desktop-file-utils appstream)

pkgs=("${run_pkgs[@]}")
[ "$mode" = "test" ] && pkgs+=("${test_pkgs[@]}")
# a machine may have Node.js from elsewhere: only ask Debian for it when there is none
[ "$mode" = "test" ] && ! command -v npm >/dev/null 2>&1 && pkgs+=(nodejs npm)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "note: not a Debian system; make sure the equivalents of: ${pkgs[*]} are installed" >&2
  exit 0
fi

missing=()
for p in "${pkgs[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "Missing system packages. Run: sudo apt-get install ${missing[*]}" >&2
exit 1
