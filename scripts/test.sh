#!/usr/bin/env bash
# Runs every test: installs and builds first if needed, then ctest (unit tests and the
# data-driven corpus), then the sample-corpus score as information.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh > /tmp/ownership-setup.log 2>&1 || { cat /tmp/ownership-setup.log; exit 1; }
tail -n 3 /tmp/ownership-setup.log
# The real-editor tests need Neovim, Chromium, code-server and npm packages.
scripts/setup-editors.sh > /tmp/ownership-setup-editors.log 2>&1 || { cat /tmp/ownership-setup-editors.log; exit 1; }
tail -n 2 /tmp/ownership-setup-editors.log
ctest --test-dir build --output-on-failure -j 2 "$@"
