#!/usr/bin/env sh
# Builds the VS Code extension package: installs the locked npm deps if needed, compiles TypeScript, runs vsce 3.7.1 (the last one for Node 20). Usage: scripts/package.sh [OUT.vsix]
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-ownership-lsp-$(node -p 'require("./package.json").version').vsix}
if [ ! -x node_modules/.bin/vsce ] || [ ! -x node_modules/.bin/tsc ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
rm -rf out
node_modules/.bin/tsc -p .
node_modules/.bin/vsce package --skip-license --allow-missing-repository --out "$OUT" >/dev/null
echo "$OUT"
