#!/usr/bin/env bash
# Runs the workflow that `caws-gate init --ab` writes, end to end on this machine, for a
# small CMake project with a Google Benchmark program, as a new user gets it: init in
# the project, a pull request that makes the benchmark do twice the work, then the
# workflow's own job with tests/ci/workflow_runner.py: the merge base checked out as
# ../base, both trees built by the generated commands, and the composite action running
# caws-gate ab on the two programs (a fake `gh`, a local git remote). Only installing
# packages and actions/checkout are left out; checkout is done as GitHub does it, the
# pull request's merge commit with the whole history. Checks that the job fails on the
# slower head with the report, the comment and the outputs of the action, and that the
# base was built from the merge base.
#   bash tests/ci/init_ab_locally.sh path/to/caws-gate
set -euo pipefail
caws_gate=$(cd "$(dirname "${1:?usage: init_ab_locally.sh CAWS_GATE}")" && pwd -P)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd -P)
source_dir=$(cd "$here/../.." && pwd -P)
action=acme/caws-gate/.github/actions/caws-gate@v1

tmp=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
# shellcheck disable=SC1091  # checks.sh, beside this script
. "$here/checks.sh"
use_fake_github "$tmp" author
export SOURCE_DATE_EPOCH=1795392000

# bench.cpp with the work of BM_Sum (the numbers summed per iteration).
write_bench() {
  cat >"$tmp/author/bench.cpp" <<EOF
#include <benchmark/benchmark.h>
#include <cstdint>

static void BM_Sum(benchmark::State& state) {
    for (auto _ : state) {
        std::uint64_t sum = 0;
        for (std::uint64_t i = 0; i < $1; ++i) benchmark::DoNotOptimize(sum += i * i);
    }
}
BENCHMARK(BM_Sum)->MinTime(0.02);
BENCHMARK_MAIN();
EOF
}

# The project, with the workflow and the gate that init writes, on main.
git init --quiet --bare "$tmp/remote.git"
git clone --quiet "$tmp/remote.git" "$tmp/author" 2>/dev/null
cat >"$tmp/author/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(demo CXX)
find_package(benchmark REQUIRED)
add_executable(sum_bench bench.cpp)
target_link_libraries(sum_bench PRIVATE benchmark::benchmark)
EOF
write_bench 20000
echo "build/" >"$tmp/author/.gitignore"
(cd "$tmp/author" && "$caws_gate" init --ab --action "$action") >"$tmp/init.log"
expect_grep "$tmp/init.log" "found    build/sum_bench, the Google Benchmark program of CMakeLists.txt"
(cd "$tmp/author" && git add --all && git commit --quiet -m "Gate performance" &&
  git push --quiet origin HEAD:main)
main=$(git -C "$tmp/author" rev-parse HEAD)

# The pull request: twice the work.
write_bench 40000
(cd "$tmp/author" && git checkout --quiet -b slower && git commit --quiet -am "Sum more" &&
  git push --quiet origin slower)

# actions/checkout of a pull request with fetch-depth: 0: every branch as origin/*, and
# the merge commit of the pull request into its target checked out.
git clone --quiet "$tmp/remote.git" "$tmp/work/repo" 2>/dev/null
(cd "$tmp/work/repo" && git checkout --quiet --detach origin/main &&
  git merge --quiet --no-ff -m "Merge slower into main" origin/slower)

jq -n --arg temp "$tmp/runner" '{
    github: {event_name: "pull_request", base_ref: "main", head_ref: "slower",
             repository: "acme/widgets", server_url: "https://github.com", run_id: "9",
             token: "fake-token", event: {pull_request: {number: 7}}},
    runner: {temp: $temp, os: "Linux", arch: "X64"}}' >"$tmp/context.json"
mkdir -p "$tmp/runner"
code=0
GITHUB_STEP_SUMMARY=$tmp/summary.md python3 "$here/workflow_runner.py" \
  "$tmp/work/repo/.github/workflows/perf.yml" --job ab --context "$tmp/context.json" \
  --workspace "$tmp/work/repo" --skip "Install the build tools" --skip "actions/checkout@v4" \
  --action "$action=$source_dir/.github/actions/caws-gate/action.yml" \
  --input "binary=$caws_gate" --artifacts "$tmp/artifacts" >"$tmp/job.log" 2>&1 || code=$?
sed 's/^/    /' "$tmp/job.log"

expect_eq "exit code" "$code" 1
expect_eq "the base" "$(git -C "$tmp/work/base" rev-parse HEAD)" "$main"
expect_file "$tmp/work/base/build/sum_bench"
expect_file "$tmp/work/repo/build/sum_bench"
expect_grep "$tmp/job.log" "workflow_runner: successBuild the base and the head (exit code 0)"
expect_grep "$tmp/job.log" "round 10 of 10"
report=$tmp/work/repo/caws-gate-report/report.json
expect_eq "verdict" "$(jq -r .verdict "$report")" fail
expect_eq "commands" "$(jq -r '.rounds | "\(.base_command) | \(.head_command) | \(.run)"' "$report")" \
  "../base/build/sum_bench | build/sum_bench | 10"
expect_eq "failed" "$(jq -r '[.comparisons[] | select(.level == "fail") |
  "\(.metric) \(.measure)"] | join(",")' "$report")" "BM_Sum/min_time:0.020 cpu_time"
expect_grep "$tmp/summary.md" "caws-gate: FAIL"
expect_file "$tmp/artifacts/caws-gate-report-ab/report.md"
expect_eq "comments" "$(jq length "$tmp/gh/comments.json")" 1
expect_eq "comment marker" "$(jq -r '.[0].body' "$tmp/gh/comments.json" | head -n 1)" \
  "<!-- caws-gate:ab -->"

finish_checks init_ab_locally
