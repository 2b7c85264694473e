#!/usr/bin/env bash
# Runs the baseline workflow that `caws-gate init` writes (.github/workflows/perf-baseline.yml)
# end to end on this machine, for a small CMake project with a Google Benchmark program, as
# a new user gets it: init in the project, then the workflow's own jobs with
# tests/ci/workflow_runner.py. Run by hand, its benchmark job runs ten times (the matrix
# GitHub would expand, given as the matrix context), building and running the program with
# the generated steps, and its baseline job takes the ten runs into the baseline and its
# history with the composite action's caws-gate (install-only) and opens the pull request
# (a fake `gh`, a local git remote); the pull request is merged, then a night runs it once
# more. Only checkout and the artifact transfer are left out (the artifacts are copied).
# Checks: the jobs pass; after the seed the history has ten runs, the baseline pools five
# and the pull request's body is the trend report; after the night, eleven runs and the
# pull request updated; and a pull request's check against that baseline knows the
# runner's between-run noise instead of resting on one run of each side.
#   bash tests/ci/init_baseline_locally.sh path/to/caws-gate
set -euo pipefail
caws_gate=$(cd "$(dirname "${1:?usage: init_baseline_locally.sh CAWS_GATE}")" && pwd -P)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd -P)
source_dir=$(cd "$here/../.." && pwd -P)
action=acme/caws-gate/.github/actions/caws-gate@v1

tmp=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
# shellcheck disable=SC1091  # checks.sh, beside this script
. "$here/checks.sh"
use_fake_github "$tmp" maintainer
unset GITHUB_SHA GITHUB_REF_NAME

# The project, with what init writes, on main.
git init --quiet --bare "$tmp/remote.git"
git clone --quiet "$tmp/remote.git" "$tmp/repo" 2>/dev/null
repo=$tmp/repo
cat >"$repo/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(demo CXX)
find_package(benchmark REQUIRED)
add_executable(sum_bench bench.cpp)
target_link_libraries(sum_bench PRIVATE benchmark::benchmark)
EOF
cat >"$repo/bench.cpp" <<'EOF'
#include <benchmark/benchmark.h>
#include <cstdint>

template <std::uint64_t N>
static void BM_Sum(benchmark::State& state) {
    for (auto _ : state) {
        std::uint64_t sum = 0;
        for (std::uint64_t i = 0; i < N; ++i) benchmark::DoNotOptimize(sum += i * i);
    }
}
BENCHMARK(BM_Sum<10000>)->MinTime(0.01);
BENCHMARK(BM_Sum<20000>)->MinTime(0.01);
BENCHMARK_MAIN();
EOF
echo "build/" >"$repo/.gitignore"
(cd "$repo" && "$caws_gate" init --action "$action") >"$tmp/init.log"
expect_grep "$tmp/init.log" "created  .github/workflows/perf-baseline.yml"
expect_grep "$tmp/init.log" "run the perf baseline workflow by hand once"
(cd "$repo" && git add --all && git commit --quiet -m "Gate performance" &&
  git push --quiet origin HEAD:main)
workflow=$repo/.github/workflows/perf-baseline.yml

# context EVENT RUN: the contexts of a job of the workflow run by EVENT, matrix run RUN.
context() {
  jq -n --arg event "$1" --argjson run "$2" --arg temp "$tmp/runner" '{
      github: {event_name: $event, ref_name: "main", repository: "acme/widgets",
               server_url: "https://github.com", run_id: "42", token: "fake-token"},
      runner: {temp: $temp, os: "Linux", arch: "X64"}, matrix: {run: $run}}' >"$tmp/context.json"
}

# run_workflow EVENT RUNS: the benchmark job RUNS times, then the baseline job.
run_workflow() {
  rm -rf "$tmp/artifacts"
  local run code
  for run in $(seq 1 "$2"); do
    context "$1" "$run"
    code=0
    python3 "$here/workflow_runner.py" "$workflow" --job benchmark --context "$tmp/context.json" \
      --workspace "$repo" --skip "actions/checkout@v4" \
      --replace "actions/upload-artifact@v4=mkdir -p $tmp/artifacts/perf-run-$run && cp perf.json $tmp/artifacts/perf-run-$run/" \
      >"$tmp/benchmark-$1-$run.log" 2>&1 || code=$?
    if [ "$code" -ne 0 ]; then
      sed 's/^/    /' "$tmp/benchmark-$1-$run.log"
      fail "$1: the benchmark job of run $run failed with exit code $code"
      exit_if_failed init_baseline_locally
    fi
  done
  context "$1" 1
  : >"$tmp/summary.md"
  code=0
  GITHUB_STEP_SUMMARY=$tmp/summary.md python3 "$here/workflow_runner.py" "$workflow" \
    --job baseline --context "$tmp/context.json" --workspace "$repo" \
    --skip "actions/checkout@v4" \
    --replace "actions/download-artifact@v4=rm -rf runs && cp -r $tmp/artifacts runs" \
    --action "$action=$source_dir/.github/actions/caws-gate/action.yml" \
    --input "binary=$caws_gate" >"$tmp/baseline-$1.log" 2>&1 || code=$?
  if [ "$code" -ne 0 ]; then
    sed 's/^/    /' "$tmp/baseline-$1.log"
    fail "$1: the baseline job failed with exit code $code"
    exit_if_failed init_baseline_locally
  fi
}

# merge: the maintainer merges the pull request; main moves on to it.
merge() {
  (cd "$repo" && git fetch --quiet origin &&
    git merge --quiet --ff-only origin/caws-gate/perf-baseline &&
    git push --quiet origin HEAD:main)
  expect_eq "$1: merged" "$(cd "$repo" && git status --porcelain --untracked-files=no)" ""
}

history=$repo/baselines/history/perf.jsonl
samples() {  # the samples of BM_Sum<10000>'s cpu_time in the baseline
  jq '[.metrics[] | select(.name == "BM_Sum<10000>/min_time:0.010" and .measure == "cpu_time")
       | .samples | length] | first' "$repo/baselines/perf.json"
}

# Run by hand: ten runs seed the suite.
run_workflow workflow_dispatch 10
expect_grep "$tmp/benchmark-workflow_dispatch-1.log" "workflow_runner: successBuild the benchmarks"
expect_eq "seed: history lines" "$(wc -l <"$history")" 10
expect_eq "seed: samples pooled in the baseline" "$(samples)" 50
expect_eq "seed: pull requests" "$(jq length "$tmp/gh/prs.json")" 1
jq -j '.[0].body' "$tmp/gh/prs.json" >"$tmp/body-seed.md"
expect_grep "$tmp/body-seed.md" "Measured by https://github.com/acme/widgets/actions/runs/42"
expect_grep "$tmp/body-seed.md" "caws-gate trend"
expect_grep "$tmp/summary.md" "caws-gate trend"
expect_eq "seed: pull request branch" "$(jq -r '.[0].head + " " + .[0].base' "$tmp/gh/prs.json")" \
  "caws-gate/perf-baseline main"
merge seed
rm "$tmp/gh/prs.json"

# A night: one more run.
run_workflow schedule 1
expect_eq "night: history lines" "$(wc -l <"$history")" 11
expect_eq "night: samples pooled in the baseline" "$(samples)" 50
expect_eq "night: pull requests" "$(jq length "$tmp/gh/prs.json")" 1
merge night

# A pull request's run, checked against that baseline as perf.yml does: the runner's
# between-run noise comes from the history.
"$repo/build/sum_bench" --benchmark_repetitions=10 --benchmark_enable_random_interleaving=true \
  --benchmark_out="$tmp/pr.json" --benchmark_out_format=json >/dev/null 2>&1
code=0
(cd "$repo" && "$caws_gate" check "$tmp/pr.json" --suite perf --dir baselines \
  --json "$tmp/pr-report.json" --md "$tmp/pr-report.md" --quiet) || code=$?
expect_eq "check: exit code (0 pass or 1 fail, not bad input)" "$((code <= 1))" 1
expect_eq "check: between-run noise known, from runs" \
  "$(jq -r '"\(.between_run.known) \(.between_run.runs)"' "$tmp/pr-report.json")" "true 5"
if grep -q "Between-run noise unknown" "$tmp/pr-report.md"; then
  fail "check: the report says the between-run noise is unknown"
fi

finish_checks init_baseline_locally "a seed of 10 runs and a night"
