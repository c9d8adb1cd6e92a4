#!/usr/bin/env bash
# Installs jsroot (the independent ROOT reader our tests validate written files with) into $1.
# --ignore-scripts: jsroot's optional canvas dependency runs node-gyp, which cannot build here.
set -euo pipefail
dir=${1:?usage: install-jsroot.sh DIR [VERSION]}
version=${2:-7.11.2}
if [ -f "$dir/node_modules/jsroot/package.json" ] && grep -q "\"version\": \"$version\"" "$dir/node_modules/jsroot/package.json"; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is required to install jsroot (apt-get install nodejs npm)" >&2; exit 1; }
mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || echo '{"name":"jsroot-validator","private":true,"type":"module"}' > package.json
npm install --ignore-scripts --no-audit --no-fund --loglevel=error "jsroot@$version"
