#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UBSan in build-asan and runs the ctest subset that fits CI, halting on the first finding.
#
# Usage: scripts/sanitize.sh [extra ctest arguments]
# The subset: every ctest except the real-editor tests (label `editors`: Node, Neovim and VS Code
# clients, minutes of their own and no code of ours that the other tests miss), the sample corpus
# score (../shared/corpus: the same checker paths as `corpus`), quick_fixes (the CLI re-run per
# fix: `corpus` and `lsp_pipes` cover the fix code), incremental_diff (the incremental paths are
# covered by the unit tests' Incremental suite and lsp_pipes) and `truncate`, which runs here
# sampled instead (every 4th line, 1 token-deletion variant per file). That is: the unit tests,
# corpus, lsp_pipes, malformed_lsp, the fuzz regressions, and truncate sampled: about 4 minutes
# of tests on 2 cores, plus a cold build of build-asan (4.5 minutes).
# Any ASan or UBSan report aborts the process under test, so its test fails with the report in
# the output.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}
BUILD=build-asan

if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOWNERSHIP_SANITIZE=ON > /dev/null
fi
start=$SECONDS
ninja -C "$BUILD" -j "$JOBS" | tail -n 1
echo "sanitize.sh: build took $((SECONDS - start)) s"

# halt_on_error: UBSan's checks are recoverable by default (they would only print); abort
# instead so the test fails. Leaks are checked at exit of every process.
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
start=$SECONDS
status=0
ctest --test-dir "$BUILD" --output-on-failure -j "$JOBS" -LE editors -E '^(sample_corpus|truncate|quick_fixes|incremental_diff)$' --timeout 900 "$@" ||
  status=1
echo "sanitize.sh: ctest took $((SECONDS - start)) s"
start=$SECONDS
log="$BUILD/truncate-sampled.log"
"$BUILD/tests/truncate_test" tests/corpus --jobs "$JOBS" --line-step 4 --deletions 1 > "$log" 2>&1 || status=1
grep -E -A3 '^FAIL|ERROR: |runtime error' "$log" | head -n 60 || true
tail -n 2 "$log"
echo "sanitize.sh: sampled truncate test took $((SECONDS - start)) s"
exit $status
