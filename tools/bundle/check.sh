#!/usr/bin/env bash
# Checks a one-folder bundle tar.gz (make dist) as a user would get it: unpacked in a
# fresh folder, run from another working directory with an empty HOME, no Python on
# PATH needed. The first frame under Xvfb, the bundled plans, and a picture exported
# with no X server at all (EGL).
#   tools/bundle/check.sh dist/ross-explorer-<version>-linux-x86_64.tar.gz
set -euo pipefail
tarball=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/home" "$work/cwd"
tar -xzf "$tarball" -C "$work"
exe="$work/ross-explorer/ross-explorer"
cd "$work/cwd"
run() { env -i PATH=/usr/bin:/bin HOME="$work/home" "$@"; }
run "$exe" --version
run "$exe" plans | grep -q '^ros-2024 ' || { echo "bundle: no bundled plans" >&2; exit 1; }
out=$(run xvfb-run -a -s "-screen 0 1600x1000x24" "$exe" --quit-after-first-frame --plan ros-2024 2>&1)
echo "$out" | tail -1
echo "$out" | grep -q "first frame after" || { echo "bundle: no first frame" >&2; exit 1; }
run "$exe" export --plan tiangong --size 320x180 --out "$work/cwd/headless.png" | tail -1
python3 - "$work/cwd/headless.png" <<'PY' || { echo "bundle: the headless picture is empty" >&2; exit 1; }
import sys, zlib, struct
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
w, h = struct.unpack(">II", data[16:24])
assert (w, h) == (320, 180), (w, h)
PY
echo "bundle check passed: $(du -sh "$tarball" | cut -f1) packed, $(du -sh "$work/ross-explorer" | cut -f1) unpacked"
