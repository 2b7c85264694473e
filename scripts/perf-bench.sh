#!/usr/bin/env bash
# Runs the part of the benchmark harness that the project gates itself on, the same way on
# pull requests (.github/workflows/perf.yml), in the nightly baseline job
# (.github/workflows/nightly-baseline.yml) and by hand:
#   bash scripts/perf-bench.sh [OUT]        default OUT: build/perf/caws-gate-bench.json
# The statistics kernels are chosen because each repetition takes well under a second
# and does no I/O; of the whole-command benchmarks, compare and check of the 2,000-benchmark
# files (2 x 7.8 MB, a few seconds with their setup): the 20,000-benchmark ones take too
# long for every pull request. A command benchmark's time is the child's CPU time
# (gates/caws-gate-bench.json gates its real_time, which holds it).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/perf/caws-gate-bench.json}
build_dir=${BUILD_DIR:-build}
if [ ! -f "$build_dir/build.ninja" ]; then
  # shellcheck disable=SC2086 # CMAKE_ARGS is a list of arguments
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release ${CMAKE_ARGS:-} >/dev/null
fi
if ! grep -qx "CMAKE_BUILD_TYPE:STRING=Release" "$build_dir/CMakeCache.txt"; then
  echo "perf-bench: $build_dir is not a Release build; timings would not compare" >&2
  exit 2
fi
cmake --build "$build_dir" -j2 --target caws_gate_bench caws-gate
mkdir -p "$(dirname "$out")"
"$build_dir/tests/bench/caws_gate_bench" \
  --benchmark_filter='^BM_Stats(MannWhitney|HodgesLehmann|BootstrapMedianRatio|Welch)|^BM_Command(Compare|Check)/2000/' \
  --benchmark_repetitions=5 --benchmark_min_time=0.2 \
  --benchmark_enable_random_interleaving=true \
  --benchmark_out="$out" --benchmark_out_format=json
echo "perf-bench: wrote $out"
