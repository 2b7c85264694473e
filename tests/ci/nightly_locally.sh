#!/usr/bin/env bash
# Runs the nightly baseline job (.github/workflows/nightly-baseline.yml) end to end on
# this machine, night after night, with tests/ci/workflow_runner.py: the workflow's own
# steps update the baseline with the rolling policy, append the history, write the trend
# report into the job summary and open the pull request (a fake `gh`, a local git remote).
# Only the steps that need GitHub are left out (installing packages, checkout, cache)
# and the benchmark harness is replaced by tests/ci/nightly_results.py, whose BM_Parse
# becomes 1.35x slower from night STEP on. Each night's pull request is then merged, as
# a maintainer would, so the next night starts from it. Checks, every night: the job
# passes, the history has one line per night, the baseline pools the last five nights,
# the pull request's body is the trend report; at the end, the trend report shows
# BM_Parse's change point at the night it happened.
#   bash tests/ci/nightly_locally.sh path/to/caws-gate
set -euo pipefail
caws_gate=$(cd "$(dirname "${1:?usage: nightly_locally.sh CAWS_GATE}")" && pwd -P)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd -P)
source_dir=$(cd "$here/../.." && pwd -P)
workflow=$source_dir/.github/workflows/nightly-baseline.yml
nights=14
step_night=8

tmp=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
# shellcheck disable=SC1091  # checks.sh, beside this script
. "$here/checks.sh"
use_fake_github "$tmp" maintainer
unset GITHUB_SHA GITHUB_REF_NAME

# The sample repository: the workflow's scripts, a build/ with the binary, no baseline yet.
git init --quiet --bare "$tmp/remote.git"
git clone --quiet "$tmp/remote.git" "$tmp/repo" 2>/dev/null
repo=$tmp/repo
mkdir -p "$repo/scripts" "$repo/build" "$repo/.github/workflows"
cp "$source_dir/scripts/nightly-baseline-pr.sh" "$repo/scripts/"
cp "$workflow" "$repo/.github/workflows/"
ln -s "$caws_gate" "$repo/build/caws-gate"
echo "build/" >"$repo/.gitignore"
(cd "$repo" && git add --all && git commit --quiet -m "Sample project" && git push --quiet origin HEAD:main)

for night in $(seq 1 "$nights"); do
  jq -n --arg night "$night" '{
      github: {event_name: "schedule", ref_name: "main", repository: "acme/widgets",
               server_url: "https://github.com", run_id: $night, token: "fake-token"},
      runner: {temp: "/tmp", os: "Linux", arch: "X64"}}' >"$tmp/context.json"
  : >"$tmp/summary.md"
  code=0
  GITHUB_STEP_SUMMARY=$tmp/summary.md python3 "$here/workflow_runner.py" "$workflow" \
    --job baseline --context "$tmp/context.json" --workspace "$repo" \
    --skip "Install git" --skip "actions/checkout@v4" --skip "actions/cache@v4" \
    --skip "Install the Debian packages" \
    --replace "Run the benchmarks=python3 $here/nightly_results.py $night $step_night build/perf/caws-gate-bench.json" \
    >"$tmp/night$night.log" 2>&1 || code=$?
  if [ "$code" -ne 0 ]; then
    sed 's/^/    /' "$tmp/night$night.log"
    fail "night $night: the job failed with exit code $code"
    break
  fi
  history=$repo/baselines/history/caws-gate-bench.jsonl
  expect_eq "night $night: history lines" "$(wc -l <"$history")" "$night"
  pooled=$((night < 5 ? night : 5))
  expect_eq "night $night: rolling run files" \
    "$(find "$repo/baselines/history/caws-gate-bench.runs" -type f | wc -l)" "$pooled"
  expect_eq "night $night: samples pooled in the baseline" \
    "$(jq '[.metrics[] | select(.name == "BM_Hash") | .samples | length] | first' \
      "$repo/baselines/caws-gate-bench.json")" "$((pooled * 5))"
  expect_grep "$tmp/summary.md" "caws-gate trend"
  expect_eq "night $night: pull requests" "$(jq length "$tmp/gh/prs.json")" 1
  jq -j '.[0].body' "$tmp/gh/prs.json" >"$tmp/body$night.md"
  expect_grep "$tmp/body$night.md" "actions/runs/$night"
  # Two nights after the step, the change point is among the newest runs: the trend gate
  # fails, and the job still opens the pull request that says so.
  if [ "$night" -eq $((step_night + 2)) ]; then
    expect_grep "$tmp/body$night.md" "caws-gate trend: fail"
    expect_grep "$tmp/body$night.md" "❌ change point at run $step_night"
  fi
  cmp -s <(tail -n +4 "$tmp/body$night.md") "$repo/build/perf/trend.md" ||
    fail "night $night: the pull request's body is not the trend report"
  # The maintainer merges the pull request; the next night starts from it.
  (cd "$repo" && git fetch --quiet origin &&
    git merge --quiet --ff-only origin/caws-gate/nightly-baseline &&
    git push --quiet origin HEAD:main)
  rm "$tmp/gh/prs.json"
  expect_eq "night $night: merged" "$(cd "$repo" && git status --porcelain)" ""
done

exit_if_failed nightly_locally
last=$tmp/body$nights.md
expect_grep "$last" "BM_Parse"
expect_grep "$last" "change point"
expect_eq "change point night" \
  "$("$caws_gate" trend "$repo/baselines/history/caws-gate-bench.jsonl" --quiet --json "$tmp/trend.json" &&
    jq -r '[.trends[] | select(.metric == "BM_Parse" and .measure == "cpu_time") | .change_points[].index] | join(",")' "$tmp/trend.json")" \
  "$((step_night - 1))"

finish_checks nightly_locally "$nights nights"
