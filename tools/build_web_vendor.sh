#!/usr/bin/env bash
# Builds the three.js bundle that the exported web page embeds:
#   assets/web/vendor/three.min.js   three.js + GLTFLoader + OrbitControls, minified,
#                                    one IIFE that defines the global THREE
#   assets/web/vendor/three.LICENSE  three.js's MIT licence, kept beside it
# Versions are pinned in tools/web-vendor/package.json and package-lock.json; the names
# the page uses are listed in tools/web-vendor/entry.js.
#
# To update three.js: change the versions in tools/web-vendor/package.json, run
# `npm install --prefix tools/web-vendor` to refresh the lock file, then this script,
# then the web tests (pytest -m web tests/web), and commit the four files.
# Needs node and npm (the npm registry); nothing here runs at test or export time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
src="$here/web-vendor"
out="$root/assets/web/vendor"

npm ci --prefix "$src" --no-audit --no-fund
version="$(node -p "require('$src/node_modules/three/package.json').version")"
mkdir -p "$out"
"$src/node_modules/.bin/esbuild" "$src/entry.js" \
  --bundle --minify --format=iife --global-name=THREE --target=es2020 \
  --legal-comments=none \
  --banner:js="/* three.js $version (https://threejs.org), MIT licence: three.LICENSE. Built by tools/build_web_vendor.sh: GLTFLoader, OrbitControls and the core names in tools/web-vendor/entry.js. */" \
  --outfile="$out/three.min.js"
cp "$src/node_modules/three/LICENSE" "$out/three.LICENSE"
printf '%s\n' "$version" > "$out/three.VERSION"
ls -l "$out"
