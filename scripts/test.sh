#!/usr/bin/env bash
# Runs every test: installs and builds first if needed, then four stages, each printing its summary,
# and one total line at the end.
#
# Usage: scripts/test.sh [--ctest-only] [extra ctest arguments for stage 1]
#   1. ctest in build/: unit tests, the corpus, quick-fixes, LSP pipes, robustness (truncate,
#      malformed LSP, fuzz regressions), incremental differential test, real editors.
#   2. scripts/sanitize.sh: an ASan + UBSan build (build-asan) runs the ctest subset named there
#      (everything but the editor tests and the sample-corpus score) and a sampled truncate test.
#   3. scripts/fuzz.sh 60: each libFuzzer target for a minute (the smoke; longer: scripts/fuzz.sh 3600).
#   4. bench/soak.py, short: 600 edits, RSS growth under 5 % (latency printed, not checked: timing is
#      for benchmarks; the 10,000-edit soak is `python3 bench/soak.py`).
# --ctest-only (or extra ctest arguments) runs stage 1 alone.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh > /tmp/ownership-setup.log 2>&1 || { cat /tmp/ownership-setup.log; exit 1; }
tail -n 3 /tmp/ownership-setup.log
# The real-editor tests need Neovim, Chromium, code-server and npm packages.
scripts/setup-editors.sh > /tmp/ownership-setup-editors.log 2>&1 || { cat /tmp/ownership-setup-editors.log; exit 1; }
tail -n 2 /tmp/ownership-setup-editors.log

only=0
if [ "${1:-}" = --ctest-only ]; then only=1; shift; fi
[ $# -gt 0 ] && only=1

passed=0 failed=0 lines=()
count_ctest() {  # stage name, ctest log: adds its "N tests failed out of M"
  local sum n f
  sum=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$2" | tail -n 1)
  if [ -z "$sum" ]; then
    failed=$((failed + 1)); lines+=("$1: no ctest summary (see above)"); return
  fi
  n=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<< "$sum")
  f=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<< "$sum")
  passed=$((passed + n - f)); failed=$((failed + f)); lines+=("$1: $((n - f)) passed, $f failed")
}
stage() { echo; echo "==> $*"; }

start=$SECONDS
stage "1/4 ctest (build/)"
ctest --test-dir build --output-on-failure -j 2 "$@" 2>&1 | tee /tmp/ownership-ctest.log
count_ctest "ctest" /tmp/ownership-ctest.log
echo "stage 1 took $((SECONDS - start)) s"

if [ $only = 0 ]; then
  start=$SECONDS
  stage "2/4 sanitizers: ASan + UBSan build, ctest subset and sampled truncate (scripts/sanitize.sh)"
  scripts/sanitize.sh 2>&1 | tee /tmp/ownership-sanitize.log
  san=${PIPESTATUS[0]}
  count_ctest "sanitizers (ctest)" /tmp/ownership-sanitize.log
  # The sampled truncate run prints `N passed, N failed` (one check per variant): one check here.
  if [ "$san" = 0 ] && grep -qE '^[0-9]+ passed, 0 failed' /tmp/ownership-sanitize.log; then
    passed=$((passed + 1)); lines+=("sanitizers (truncate, sampled): passed")
  else
    failed=$((failed + 1)); lines+=("sanitizers (truncate, sampled) or the build: FAILED")
  fi
  echo "stage 2 took $((SECONDS - start)) s"

  start=$SECONDS
  stage "3/4 fuzz smoke: 60 s per target (scripts/fuzz.sh 60)"
  FUZZ_SEED=1 scripts/fuzz.sh 60 2>&1 | tee /tmp/ownership-fuzz.log
  for t in frame analysis; do
    if grep -qE "^$t: [0-9]+ executions .* no crash" /tmp/ownership-fuzz.log; then
      passed=$((passed + 1)); lines+=("$(grep -E "^$t: [0-9]+ executions" /tmp/ownership-fuzz.log)")
    else
      failed=$((failed + 1)); lines+=("fuzz $t: FAILED")
    fi
  done
  echo "stage 3 took $((SECONDS - start)) s"

  start=$SECONDS
  stage "4/4 soak smoke: 600 edits (bench/soak.py)"
  if python3 bench/soak.py --server build/ownership-lsp --file examples/editor_demo.cpp --edits 600 \
      --every 150 --no-latency-limit 2>&1 | tee /tmp/ownership-soak.log; then  # pipefail: soak.py's status
    passed=$((passed + 1)); lines+=("soak: passed ($(grep -oE 'growth [-+0-9.]+ %' /tmp/ownership-soak.log))")
  else
    failed=$((failed + 1)); lines+=("soak: FAILED")
  fi
  echo "stage 4 took $((SECONDS - start)) s"
fi

echo
echo "==> summary"
for l in "${lines[@]}"; do echo "  $l"; done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
