#!/usr/bin/env bash
# Runs the composite action .github/actions/caws-gate on this machine, step by step as
# GitHub's runner would (tests/ci/action_runner.py), against a sample repository made
# from examples/: a pull request whose run passes, then one whose run fails, then one
# with bad input, then a pull request from a fork (read-only token) with fail-on: never.
# A fake `gh` (tests/ci/fake-gh/gh) keeps the pull request's comments and records the
# API calls. Checks the exit codes, the action's outputs, the job summary, the reports,
# the uploaded artifact and that the one comment is posted once and then edited.
#   bash tests/ci/run_action_locally.sh path/to/caws-gate
set -euo pipefail
caws_gate=$(cd "$(dirname "${1:?usage: run_action_locally.sh CAWS_GATE}")" && pwd -P)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd -P)
source_dir=$(cd "$here/../.." && pwd -P)
action=$source_dir/.github/actions/caws-gate/action.yml

tmp=$(mktemp -d)
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"' EXIT
repo=$tmp/repo
mkdir -p "$repo/baselines" "$repo/build/perf/pass" "$repo/build/perf/fail" "$tmp/runner" "$tmp/gh"
cp "$source_dir/examples/baselines/demo.json" "$repo/baselines/demo.json"
# The baseline's own run passes against it; demo.json has a 1.7x regression.
cp "$source_dir/examples/results/demo-baseline-run.json" "$repo/build/perf/pass/"
cp "$source_dir/examples/results/demo.json" "$repo/build/perf/fail/demo.json"
export PATH=$here/fake-gh:$PATH FAKE_GH_STATE=$tmp/gh
export SOURCE_DATE_EPOCH=1795392000

# shellcheck disable=SC1091  # checks.sh, beside this script
. "$here/checks.sh"
output() {  # output RUN NAME: an output of the action in run RUN
  sed -n "s/^$2=//p" "$tmp/$1.outputs"
}

# run_action NAME EVENT INPUTS_JSON: runs the action, leaves its exit code in $code.
run_action() {
  local name=$1 event=$2 inputs=$3
  jq -n --arg event "$event" --arg temp "$tmp/runner" '{
      github: {event_name: $event, repository: "acme/widgets", server_url: "https://github.com",
               run_id: "42", token: "fake-token",
               event: (if $event == "pull_request" then {pull_request: {number: 7}} else {} end)},
      runner: {temp: $temp, os: "Linux", arch: "X64"}}' >"$tmp/$name.context"
  echo "$inputs" | jq --arg bin "$caws_gate" '. + {binary: $bin}' >"$tmp/$name.inputs"
  : >"$tmp/$name.summary"
  echo "=== $name"
  code=0
  GITHUB_STEP_SUMMARY=$tmp/$name.summary python3 "$here/action_runner.py" "$action" \
    --context "$tmp/$name.context" --inputs "$tmp/$name.inputs" --workspace "$repo" \
    --outputs "$tmp/$name.outputs" --artifacts "$tmp/artifacts" >"$tmp/$name.log" 2>&1 ||
    code=$?
  sed 's/^/    /' "$tmp/$name.log"
}

comment_count() { jq length "$tmp/gh/comments.json"; }
comment_body() { jq -r '.[0].body' "$tmp/gh/comments.json"; }
expect_comment() {  # expect_comment WHAT TEXT: the one comment contains TEXT
  local body
  body=$(comment_body)
  [[ $body == *"$2"* ]] || fail "$1: the comment does not contain '$2'"
}

# 1. A passing run: exit 0, reports, summary, artifact, one new comment.
run_action pass pull_request '{"results": "build/perf/pass/demo-baseline-run.json", "suite": "demo"}'
expect_eq "pass: exit code" "$code" 0
expect_eq "pass: verdict" "$(output pass verdict)" pass
expect_eq "pass: exit-code output" "$(output pass exit-code)" 0
expect_eq "pass: markdown output" "$(output pass markdown)" caws-gate-report/report.md
expect_eq "pass: json output" "$(output pass json)" caws-gate-report/report.json
expect_file "$repo/caws-gate-report/report.md"
expect_file "$repo/caws-gate-report/report.json"
expect_eq "pass: report verdict" "$(jq -r .verdict "$repo/caws-gate-report/report.json")" pass
expect_eq "pass: health" "$(output pass health)" \
  "$(jq -r '.scores.health // empty' "$repo/caws-gate-report/report.json")"
expect_eq "pass: trust" "$(output pass trust)" \
  "$(jq -r '.scores.trust // empty' "$repo/caws-gate-report/report.json")"
junit=$(output pass junit)
if [ -n "$junit" ]; then
  expect_file "$repo/$junit"
  expect_grep "$repo/$junit" "<testsuite"
fi
expect_grep "$tmp/pass.summary" "caws-gate: PASS"
expect_grep "$tmp/pass.summary" "$(head -n 1 "$repo/caws-gate-report/report.md")"
expect_file "$tmp/artifacts/caws-gate-report-demo/report.md"
expect_file "$tmp/artifacts/caws-gate-report-demo/report.json"
expect_eq "pass: API calls" "$(cat "$tmp/gh/calls.log")" \
  "GET repos/acme/widgets/issues/7/comments
POST repos/acme/widgets/issues/7/comments"
expect_eq "pass: comments" "$(comment_count)" 1
expect_eq "pass: comment marker" "$(comment_body | head -n 1)" "<!-- caws-gate:demo -->"
expect_comment pass "caws-gate: PASS"
expect_comment pass "(https://github.com/acme/widgets/actions/runs/42)"

# 2. A failing run of the same suite (named by the results file this time, found by a
#    glob): exit 1 after the reports and the comment, which is edited, not added.
: >"$tmp/gh/calls.log"
run_action fail pull_request '{"results": "build/perf/fail/*.json"}'
expect_eq "fail: exit code" "$code" 1
expect_eq "fail: verdict" "$(output fail verdict)" fail
expect_eq "fail: exit-code output" "$(output fail exit-code)" 1
expect_eq "fail: report verdict" "$(jq -r .verdict "$repo/caws-gate-report/report.json")" fail
expect_grep "$tmp/fail.summary" "caws-gate: FAIL"
expect_grep "$tmp/fail.summary" "BM_Hash"
expect_grep "$tmp/fail.log" "caws-gate: failing the step with exit code 1"
expect_eq "fail: API calls" "$(cat "$tmp/gh/calls.log")" \
  "GET repos/acme/widgets/issues/7/comments
PATCH repos/acme/widgets/issues/comments/1001"
expect_eq "fail: comments" "$(comment_count)" 1
expect_comment fail "caws-gate: FAIL"
expect_eq "fail: comment marker" "$(comment_body | head -n 1)" "<!-- caws-gate:demo -->"

# 3. Bad input (no results match): exit 2, the error in the summary and the comment.
: >"$tmp/gh/calls.log"
run_action error pull_request '{"results": "build/perf/missing/*.json", "suite": "demo"}'
expect_eq "error: exit code" "$code" 2
expect_eq "error: verdict" "$(output error verdict)" error
expect_eq "error: exit-code output" "$(output error exit-code)" 2
expect_eq "error: markdown output" "$(output error markdown)" ""
expect_grep "$tmp/error.summary" "caws-gate: ERROR (exit code 2)"
expect_grep "$tmp/error.summary" "build/perf/missing/*.json"
expect_eq "error: comments" "$(comment_count)" 1
expect_comment error "caws-gate: ERROR (exit code 2)"

# 4. A pull request from a fork: the token may not comment, and fail-on: never. The
#    step passes with a warning; the verdict is still in the outputs.
: >"$tmp/gh/calls.log"
export FAKE_GH_FORBID=1
run_action fork pull_request \
  '{"results": "build/perf/fail/demo.json", "fail-on": "never", "artifact-name": "fork"}'
unset FAKE_GH_FORBID
expect_eq "fork: exit code" "$code" 0
expect_eq "fork: verdict" "$(output fork verdict)" fail
expect_eq "fork: exit-code output" "$(output fork exit-code)" 1
expect_grep "$tmp/fork.log" "::warning::caws-gate: could not list the pull-request comment"
expect_file "$tmp/artifacts/fork/report.json"

# 5. A push: no pull request, so no comment step; fail-on: warn with a passing run.
: >"$tmp/gh/calls.log"
run_action push push \
  '{"results": "build/perf/pass/demo-baseline-run.json", "suite": "demo", "fail-on": "warn", "upload-artifact": "false"}'
expect_eq "push: exit code" "$code" 0
expect_grep "$tmp/push.log" "action_runner: skip   Comment on the pull request"
expect_grep "$tmp/push.log" "action_runner: skip   Upload the reports"
expect_eq "push: API calls" "$(cat "$tmp/gh/calls.log")" ""

finish_checks run_action_locally
