#!/usr/bin/env bash
# Renders the app icon's PNG sizes from its SVG (the source of truth) into the
# freedesktop hicolor tree under assets/icons, with rsvg-convert (Debian: librsvg2-bin).
# The PNGs are committed; run this after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
app=io.github.rossexplorer.RossExplorer
svg=assets/icons/hicolor/scalable/apps/$app.svg
command -v rsvg-convert >/dev/null || { echo "needs rsvg-convert: apt-get install librsvg2-bin" >&2; exit 1; }
for size in 16 24 32 48 64 128 256 512; do
  dir=assets/icons/hicolor/${size}x${size}/apps
  mkdir -p "$dir"
  rsvg-convert -w "$size" -h "$size" "$svg" -o "$dir/$app.png"
done
echo "rendered $svg at 16-512 px"
