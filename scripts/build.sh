#!/usr/bin/env bash
# Configures (once) and builds the project in build/ with 2 parallel jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo} \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 ${CMAKE_EXTRA:-}
fi
ninja -C "$BUILD_DIR" -j "${JOBS:-2}"
