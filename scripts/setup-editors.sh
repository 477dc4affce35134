#!/usr/bin/env bash
# Installs (idempotently) what the editor integrations and their real-client tests need on Debian 12: apt packages, the locked npm deps, code-server 4.100.3.
# Usage: scripts/setup-editors.sh   (as root; re-running does only what is missing)
# code-server goes to $CODE_SERVER_DIR (default /opt/ownership-lsp/code-server-4.100.3), outside
# the checkout, so fresh clones on the same machine reuse it; tests/editors/lib/util.js finds it there.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# 1. Debian packages: Neovim 0.7.2, Chromium (driven by playwright-core), ripgrep (seeds
#    code-server's ripgrep download), and the headers code-server's native modules build against.
PKGS=(neovim chromium ripgrep libkrb5-dev pkg-config fonts-dejavu-core make g++ python3 ca-certificates)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt_get() { if [ "$(id -u)" = 0 ]; then apt-get "$@"; else sudo apt-get "$@"; fi; }
  apt_get update -qq
  apt_get install -y --no-install-recommends "${missing[@]}"
fi
command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js 20 and npm are needed" >&2; exit 1; }

# npm ci into DIR when its lockfile changed since the last install (node_modules/.package-lock.json).
npm_ci() {
  local dir=$1
  if [ -f "$dir/node_modules/.package-lock.json" ] && [ ! "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    return 0
  fi
  echo "==> npm ci in $dir"
  (cd "$dir" && timeout 600 npm ci --no-audit --no-fund --loglevel=error)
}

# 2. The VS Code extension's deps (vscode-languageclient, TypeScript, vsce 3.7.1) and the test client's.
npm_ci "$REPO/editors/vscode"
npm_ci "$REPO/tests/editors"

# 3. code-server 4.100.3 (VS Code 1.100; the last release that runs on Node 20), pinned by
#    tests/editors/code-server/package-lock.json. Its postinstall fetches ripgrep from outside
#    the registries, which fails here: seed that download's cache with Debian's rg.
CODE_SERVER_DIR=${CODE_SERVER_DIR:-/opt/ownership-lsp/code-server-4.100.3}
STAMP="$CODE_SERVER_DIR/.installed-lock.sha256"
WANT=$(sha256sum "$REPO/tests/editors/code-server/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ] || [ ! -x "$CODE_SERVER_DIR/node_modules/.bin/code-server" ]; then
  echo "==> installing code-server 4.100.3 into $CODE_SERVER_DIR (about 2 minutes)"
  RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
  RG_TGZ="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -s "$RG_TGZ" ]; then
    tmp=$(mktemp -d)
    mkdir -p "$RG_CACHE"
    cp "$(command -v rg)" "$tmp/rg"
    tar czf "$RG_TGZ" -C "$tmp" rg
    rm -rf "$tmp"
  fi
  rm -rf "$CODE_SERVER_DIR"
  mkdir -p "$CODE_SERVER_DIR"
  cp "$REPO/tests/editors/code-server/package.json" "$REPO/tests/editors/code-server/package-lock.json" "$CODE_SERVER_DIR/"
  (cd "$CODE_SERVER_DIR" && npm_config_unsafe_perm=true npm_config_yes=true timeout 900 npm ci --no-audit --no-fund --loglevel=error)
  # code-server writes ~/.config/code-server/config.yaml on its first run: keep --version off $HOME.
  XDG_CONFIG_HOME="$CODE_SERVER_DIR/.probe-config" "$CODE_SERVER_DIR/node_modules/.bin/code-server" --version >/dev/null
  echo "$WANT" > "$STAMP"
fi
echo "==> editor tooling ready: nvim $(nvim --version | head -1 | cut -d' ' -f2), $(chromium --version 2>/dev/null | head -1), code-server $(cat "$CODE_SERVER_DIR/node_modules/code-server/package.json" | node -p 'JSON.parse(require("fs").readFileSync(0)).version')"
