#!/usr/bin/env bash
# Installs what is missing (idempotent apt), builds everything, and runs the checker
# on the bundled example. Usage: scripts/setup.sh   (as root on Debian 12)
set -euo pipefail
cd "$(dirname "$0")/.."

# libclang-rt-22-dev: clang-22's ASan/UBSan runtimes and libFuzzer, for the instrumented build
# (scripts/sanitize.sh, scripts/fuzz.sh); only a Recommends of clang-22, so named here.
PKGS=(clang-22 libclang-cpp22-dev llvm-22-dev libclang-22-dev libclang-rt-22-dev nlohmann-json3-dev
      libasio-dev libgtest-dev cmake ninja-build python3 ca-certificates)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt_get() { if [ "$(id -u)" = 0 ]; then apt-get "$@"; else sudo apt-get "$@"; fi; }
  apt_get update -qq
  apt_get install -y --no-install-recommends "${missing[@]}"
fi

scripts/build.sh

echo "==> ownership-check examples/demo.cpp"
set +e
build/ownership-check examples/demo.cpp
rc=$?
set -e
echo "==> exit status $rc (1 = errors were found, as the demo intends)"
[ "$rc" -le 1 ]
