#!/usr/bin/env bash
# Regenerates the example data from real runs of tests/tools/gbench_sample.cpp (a small
# Google Benchmark program). Run from the repository root after building:
#   bash examples/make-examples.sh build
set -euo pipefail
build=${1:-build}
sample="$build/tests/gbench_sample"
gate="$build/caws-gate"
filter='--benchmark_filter=BM_(Sum|Hash|Parse|Copy|Counters)'
# Ten repetitions, interleaved across the benchmarks, as docs/ci.md recommends.
common=(--benchmark_min_time=0.01 --benchmark_repetitions=10 --benchmark_enable_random_interleaving=true
        --benchmark_out_format=json "$filter")

# The baseline: a run of the unchanged code, as a nightly job would record it.
"$sample" "${common[@]}" --benchmark_out=examples/results/demo-baseline-run.json >/dev/null
SOURCE_DATE_EPOCH=1795392000 GITHUB_SHA=3f9c2a41d7e8b5c60a1f4e2d9b7c8a6e5f4d3c2b GITHUB_REF_NAME=main \
  "$gate" baseline update examples/results/demo-baseline-run.json --suite demo --dir examples/baselines \
  --no-history

# A pull request's run: BM_Hash got 1.7x slower, BM_Sum 1.3x slower, BM_Copy 1.6x faster.
GBENCH_SAMPLE_SLOWDOWN="BM_Hash=1.7,BM_Sum=1.3,BM_Copy=0.6" \
  "$sample" "${common[@]}" --benchmark_out=examples/results/demo.json >/dev/null

# The service example of docs/gates.md: its baseline from the recorded load-test metrics.
SOURCE_DATE_EPOCH=1795392000 GITHUB_SHA=3f9c2a41d7e8b5c60a1f4e2d9b7c8a6e5f4d3c2b GITHUB_REF_NAME=main \
  "$gate" baseline update examples/service/baseline-run.json --suite service --dir examples/service/baselines \
  --no-history
rm -f examples/baselines/demo.lock examples/service/baselines/service.lock
