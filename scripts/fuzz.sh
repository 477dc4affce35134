#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) in build-asan and fuzzes each for SECONDS (default 60, the CI smoke).
#
# Usage: scripts/fuzz.sh [SECONDS] [frame|analysis|all]
# Prints the executions of each target. A crash, a leak, a UBSan finding or a hang (-timeout)
# stops its target, leaves the input in build-asan/artifacts/ and makes this script exit 1; turn
# the input into a regression by copying it to tests/regressions/<target>/ (replayed by ctest).
# New coverage is kept in build-asan/corpus/<target>/, so longer runs pick up where they ended.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-60}
WHICH=${2:-all}
JOBS=${JOBS:-2}
BUILD=build-asan

# libFuzzer for clang-22 ships in Debian's libclang-rt-22-dev (with the ASan/UBSan runtimes).
if [ ! -f /usr/lib/llvm-22/lib/clang/22/lib/linux/libclang_rt.fuzzer-x86_64.a ]; then
  echo "fuzz.sh: installing libclang-rt-22-dev (libFuzzer for clang-22)"
  apt-get install -y --no-install-recommends libclang-rt-22-dev ||
    { apt-get update && apt-get install -y --no-install-recommends libclang-rt-22-dev; }
fi

# The instrumented build dir shared with scripts/sanitize.sh: OWNERSHIP_SANITIZE instruments
# every library (see CMakeLists.txt).
if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOWNERSHIP_SANITIZE=ON > /dev/null
fi
ninja -C "$BUILD" -j "$JOBS" frame_fuzzer analysis_fuzzer | tail -n 1

mkdir -p "$BUILD/corpus/frame" "$BUILD/corpus/analysis" "$BUILD/artifacts"
# UBSan aborts with a stack; leaks are reported at exit of each input that leaked.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_stack_use_after_return=0}

status=0
run() {  # name, binary, extra libFuzzer flags..., then corpus dirs after `--`
  local name=$1 bin=$2
  shift 2
  local flags=() dirs=()
  while [ "$1" != "--" ]; do flags+=("$1"); shift; done
  shift
  dirs=("$@")
  local log="$BUILD/fuzz-$name.log"
  local start=$SECONDS
  echo "fuzzing $name for ${SECS}s"
  # FUZZ_SEED fixes libFuzzer's random seed (the CI smoke: the same mutations every run, so a
  # red CI is reproducible); unset, each run explores afresh.
  if [ -n "${FUZZ_SEED:-}" ]; then flags+=("-seed=$FUZZ_SEED"); fi
  if "$bin" "${flags[@]}" -max_total_time="$SECS" -print_final_stats=1 \
      -artifact_prefix="$BUILD/artifacts/$name-" "${dirs[@]}" > "$log" 2>&1; then
    local execs
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    local cov
    cov=$(grep -E '^#[0-9]+.*(DONE|INITED)' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    echo "$name: ${execs:-?} executions in $((SECONDS - start))s, coverage ${cov:-?} edges, no crash" \
         "($(find "${dirs[0]}" -type f | wc -l) inputs in ${dirs[0]})"
  else
    status=1
    echo "$name: FAILED after $((SECONDS - start))s; last lines of $log:"
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written|deadly signal|timeout' "$log" | head -n 20 || true
    tail -n 5 "$log"
  fi
}

fuzz_frame() {
  run frame "$BUILD/fuzz/frame_fuzzer" -timeout=10 -max_len=65536 -dict=fuzz/json.dict -- \
    "$BUILD/corpus/frame" fuzz/seeds/frame tests/regressions/frame
}
fuzz_analysis() {
  # Each input is a Clang parse: allow seconds, and the memory of a parse with ASan. The
  # dictionaries (fuzz/*.dict) hold the tokens that nest, so mutations reach the depth limits.
  run analysis "$BUILD/fuzz/analysis_fuzzer" -timeout=60 -max_len=16384 -rss_limit_mb=4096 -dict=fuzz/cpp.dict -- \
    "$BUILD/corpus/analysis" tests/corpus tests/regressions/analysis
}
if [ "$WHICH" = all ] && [ "$JOBS" -ge 2 ]; then
  # libFuzzer runs one process per target: with two cores both run at once, each printing
  # its summary when done (into its own file, so the lines do not interleave).
  fuzz_frame > "$BUILD/fuzz-frame.summary" 2>&1 & pf=$!
  fuzz_analysis > "$BUILD/fuzz-analysis.summary" 2>&1 & pa=$!
  wait $pf || status=1
  wait $pa || status=1
  cat "$BUILD/fuzz-frame.summary" "$BUILD/fuzz-analysis.summary"
  grep -q FAILED "$BUILD/fuzz-frame.summary" "$BUILD/fuzz-analysis.summary" && status=1
else
  if [ "$WHICH" = all ] || [ "$WHICH" = frame ]; then fuzz_frame; fi
  if [ "$WHICH" = all ] || [ "$WHICH" = analysis ]; then fuzz_analysis; fi
fi
exit $status
