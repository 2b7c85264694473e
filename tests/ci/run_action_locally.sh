#!/usr/bin/env bash
# Runs the composite action .github/actions/caws-gate on this machine, step by step as
# GitHub's runner would (tests/ci/action_runner.py), against a sample repository made
# from examples/: a pull request whose run passes, then one whose run fails, then one
# with bad input, then a pull request from a fork (read-only token) with fail-on: never,
# then a push; then in ab mode, with the real sample programs of the build as base and
# head: a run whose head is slower, one where they do the same work; then checks whose
# failure is rerun by a confirm-command (recorded runs of the sample programs): confirmed
# by the head's run, cleared by the base's, and a rerun that fails; and inputs that
# contradict each other. A fake `gh` (tests/ci/fake-gh/gh) keeps the pull request's
# comments and records the API calls. Checks the exit codes, the action's outputs, the
# job summary, the reports, the uploaded artifact and that each suite's one comment is
# posted once and then edited.
#   bash tests/ci/run_action_locally.sh path/to/caws-gate path/to/ab_sample_base path/to/ab_sample_head
set -euo pipefail
usage="usage: run_action_locally.sh CAWS_GATE AB_SAMPLE_BASE AB_SAMPLE_HEAD"
absolute() { echo "$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")"; }
caws_gate=$(absolute "${1:?$usage}")
ab_base=$(absolute "${2:?$usage}")
ab_head=$(absolute "${3:?$usage}")
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

# 1. A passing run: exit 0, reports, summary, artifact, one new comment. Its
#    confirm-command is not run: the check did not fail.
run_action pass pull_request '{"results": "build/perf/pass/demo-baseline-run.json", "suite": "demo",
  "confirm-command": "exit 3 {out}"}'
expect_eq "pass: exit code" "$code" 0
expect_eq "pass: rerun" "$(output pass rerun)" false
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

# 6. ab mode, in a pull request: the sample programs, BM_Crc32 only (the head does 2.2x
#    its work), its CPU time gated (gates/ab.json), six rounds: the fewest that can find
#    a change in one metric. The commands are quoted as in a shell (with a backslash, a
#    double quote and a $ that are not expansions), reach caws-gate as they were given,
#    and the log shows them quoted so that a shell reads them back the same.
mkdir -p "$repo/gates"
echo '{"schema": "caws-gate/gate@1", "defaults": {"measures": ["cpu_time"]}}' >"$repo/gates/ab.json"
base_command="'$ab_base' --benchmark_filter=\\^BM_Crc32/"
head_command="$ab_head --benchmark_filter=\"^BM_Crc32/\"'.*\$'"
: >"$tmp/gh/calls.log"
run_action ab-fail pull_request "$(jq -n --arg base "$base_command" --arg head "$head_command" \
  '{"base-command": $base, "head-command": $head, "rounds": "6", "gate": "gates/ab.json"}')"
report=$repo/caws-gate-report/report.json
expect_eq "ab-fail: exit code" "$code" 1
expect_eq "ab-fail: verdict" "$(output ab-fail verdict)" fail
expect_eq "ab-fail: exit-code output" "$(output ab-fail exit-code)" 1
expect_eq "ab-fail: json output" "$(output ab-fail json)" caws-gate-report/report.json
expect_eq "ab-fail: markdown output" "$(output ab-fail markdown)" caws-gate-report/report.md
expect_eq "ab-fail: health" "$(output ab-fail health)" "$(jq -r '.scores.health // empty' "$report")"
expect_eq "ab-fail: trust" "$(output ab-fail trust)" "$(jq -r '.scores.trust // empty' "$report")"
expect_eq "ab-fail: report command" "$(jq -r .command "$report")" ab
expect_eq "ab-fail: base command" "$(jq -r .rounds.base_command "$report")" "$base_command"
expect_eq "ab-fail: head command" "$(jq -r .rounds.head_command "$report")" "$head_command"
expect_eq "ab-fail: rounds run" "$(jq -r .rounds.run "$report")" 6
expect_eq "ab-fail: failed" "$(jq -r '[.comparisons[] | select(.level == "fail") |
  "\(.metric) \(.measure)"] | join(",")' "$report")" "BM_Crc32/min_time:0.020 cpu_time"
expect_file "$repo/caws-gate-report/report.md"
expect_grep "$tmp/ab-fail.log" "round 6 of 6"
shown_line=$(grep -m 1 '^caws-gate ab ' "$tmp/ab-fail.log" || true)
expect_grep "$tmp/ab-fail.log" "caws-gate ab --base \"'$ab_base' --benchmark_filter=\\\\^BM_Crc32/\" --head \"$ab_head --benchmark_filter=\\\"^BM_Crc32/\\\"'.*\\\$'\" --rounds 6 --gate gates/ab.json --md caws-gate-report/report.md"
eval "shown_words=(${shown_line#caws-gate })"
expect_eq "ab-fail: base command shown" "${shown_words[2]:-}" "$base_command"
expect_eq "ab-fail: head command shown" "${shown_words[4]:-}" "$head_command"
expect_grep "$tmp/ab-fail.log" "caws-gate: failing the step with exit code 1"
expect_grep "$tmp/ab-fail.summary" "caws-gate: FAIL"
expect_grep "$tmp/ab-fail.summary" "BM_Crc32"
expect_file "$tmp/artifacts/caws-gate-report-ab/report.json"
expect_file "$tmp/artifacts/caws-gate-report-ab/report.md"
# Its own comment beside the demo suite's.
expect_eq "ab-fail: API calls" "$(cat "$tmp/gh/calls.log")" \
  "GET repos/acme/widgets/issues/7/comments
POST repos/acme/widgets/issues/7/comments"
expect_eq "ab-fail: comments" "$(comment_count)" 2
expect_eq "ab-fail: comment marker" "$(jq -r '.[1].body' "$tmp/gh/comments.json" | head -n 1)" \
  "<!-- caws-gate:ab -->"

# 7. ab mode where base and head do the same work (BM_VectorSum), its filter given after
#    -- in args: exit 0; the comment of suite ab is edited.
: >"$tmp/gh/calls.log"
run_action ab-pass pull_request "$(jq -n --arg base "$ab_base" --arg head "$ab_head" '{
  "base-command": $base, "head-command": $head, "rounds": "6", "max-time": "5m",
  "gate": "gates/ab.json", "args": "--seed 7 -- --benchmark_filter=^BM_VectorSum/"}')"
expect_eq "ab-pass: exit code" "$code" 0
expect_eq "ab-pass: verdict" "$(output ab-pass verdict)" pass
expect_eq "ab-pass: exit-code output" "$(output ab-pass exit-code)" 0
expect_eq "ab-pass: seed" "$(jq -r .rounds.seed "$report")" 7
expect_eq "ab-pass: metrics" "$(jq -r '[.comparisons[].metric] | unique | join(",")' "$report")" \
  "BM_VectorSum/min_time:0.020"
expect_eq "ab-pass: API calls" "$(cat "$tmp/gh/calls.log")" \
  "GET repos/acme/widgets/issues/7/comments
PATCH repos/acme/widgets/issues/comments/1002"
expect_eq "ab-pass: comments" "$(comment_count)" 2

# 8. A check whose failure is rerun by confirm-command (the head's code again): the
#    report's filter is substituted as one quoted word, the rerun holds only the
#    regressed benchmarks, and the check again with --confirm keeps the confirmed 2.2x
#    BM_Crc32: exit 1, one report in the summary, the rerun's results in the artifact.
#    The runs are recorded ones of the sample programs (the mild noisy corpus), so that a
#    busy machine cannot change the verdicts this tests; the "programs" the rerun calls
#    write a recorded run through Google Benchmark's --benchmark_filter and
#    --benchmark_out, as the real ones would.
corpus_runs=$source_dir/tests/fixtures/noisy-corpus-mild
sample_of() {  # sample_of RECORDED: BM_Crc32 and BM_VectorSum of a recorded run
  jq '.benchmarks |= map(select(.run_name | test("^BM_(Crc32|VectorSum)/")))' "$1"
}
recorded_program() {  # recorded_program NAME RECORDED: a fake benchmark program
  cat >"$tmp/$1" <<PROGRAM
#!/usr/bin/env bash
filter=.; out=
for arg in "\$@"; do
  case \$arg in
    --benchmark_filter=*) filter=\${arg#--benchmark_filter=} ;;
    --benchmark_out=*) out=\${arg#--benchmark_out=} ;;
  esac
done
jq --arg re "\$filter" '.benchmarks |= map(select(.run_name | test(\$re)))' "$2" >"\$out"
PROGRAM
  chmod +x "$tmp/$1"
  echo "$tmp/$1"
}
rerun_head=$(recorded_program recorded-head "$corpus_runs/head-plain/01.json")
rerun_base=$(recorded_program recorded-base "$corpus_runs/base-plain/01.json")
mkdir -p "$repo/build/perf/confirm"
sample_of "$corpus_runs/base-plain/00.json" >"$tmp/sample-base.json"
"$caws_gate" baseline update "$tmp/sample-base.json" --suite sample --dir "$repo/baselines" \
  >/dev/null 2>&1 || fail "confirm: baseline update"
sample_of "$corpus_runs/head-plain/00.json" >"$repo/build/perf/confirm/sample.json"
confirm_inputs() {  # confirm_inputs PROGRAM: the inputs of a check rerun by PROGRAM
  jq -n --arg program "$1" '{"results": "build/perf/confirm/sample.json", "gate": "gates/ab.json",
    "confirm-command": ($program + " {filter} --benchmark_repetitions=5 --benchmark_out={out} --benchmark_out_format=json")}'
}
: >"$tmp/gh/calls.log"
run_action confirm-fail pull_request "$(confirm_inputs "$rerun_head")"
rerun_results=$repo/caws-gate-report/rerun-results
crc_confirmation() {  # the confirmation of BM_Crc32's CPU time in the report
  jq -c '.comparisons[] | select(.metric == "BM_Crc32/min_time:0.020" and .measure == "cpu_time") |
    [.class, .confirmation.confirmed]' "$report"
}
expect_eq "confirm-fail: exit code" "$code" 1
expect_eq "confirm-fail: rerun" "$(output confirm-fail rerun)" true
expect_eq "confirm-fail: exit-code output" "$(output confirm-fail exit-code)" 1
expect_grep "$tmp/confirm-fail.log" "caws-gate: the check failed; rerunning its regressions to confirm them: $rerun_head '--benchmark_filter=^("
expect_grep "$tmp/confirm-fail.log" "BM_Crc32/min_time:0\.020"
expect_grep "$tmp/confirm-fail.log" "--benchmark_out='caws-gate-report/rerun-results' --benchmark_out_format=json"
expect_grep "$tmp/confirm-fail.log" "--confirm caws-gate-report/rerun-results"
expect_file "$rerun_results"
# The rerun holds BM_Crc32, and only what the filter in the log names.
filter_line=$(grep -m 1 'rerunning its regressions' "$tmp/confirm-fail.log")
for name in $(jq -r '[.benchmarks[].run_name] | unique | .[]' "$rerun_results"); do
  [[ $filter_line == *"${name//./\\.}"* ]] || fail "confirm-fail: $name rerun, not in the filter"
done
expect_eq "confirm-fail: BM_Crc32 rerun" \
  "$(jq '[.benchmarks[] | select(.run_name == "BM_Crc32/min_time:0.020")] | length > 0' "$rerun_results")" true
expect_eq "confirm-fail: BM_Crc32" "$(crc_confirmation)" '["severe",true]'
expect_eq "confirm-fail: verdict" "$(output confirm-fail verdict)" fail
expect_eq "confirm-fail: summary reports" "$(grep -c 'caws-gate: FAIL' "$tmp/confirm-fail.summary")" 1
expect_grep "$tmp/confirm-fail.summary" "Confirmed by a rerun"
expect_file "$tmp/artifacts/caws-gate-report-sample/rerun-results"
expect_eq "confirm-fail: annotations" \
  "$(grep -c '^::error title=caws-gate regression%3A BM_Crc32' "$tmp/confirm-fail.log")" 1

# 9. The same failure rerun by the base's code: BM_Crc32 is not confirmed and does not
#    count; the step passes and no annotation of the first check is left.
run_action confirm-pass push "$(confirm_inputs "$rerun_base")"
expect_eq "confirm-pass: exit code" "$code" 0
expect_eq "confirm-pass: rerun" "$(output confirm-pass rerun)" true
expect_eq "confirm-pass: BM_Crc32" "$(crc_confirmation)" '["unchanged",false]'
expect_grep "$tmp/confirm-pass.summary" "not confirmed by the rerun"
if grep -q '^::error::' "$tmp/confirm-pass.log"; then fail "confirm-pass: stale annotations"; fi

# 9b. A regression held back to a warning because its run changed level while it ran
#     (the mild noisy corpus's interleaved run 08: BM_SortInts steps 1.8x after four
#     repetitions): the check passes, yet the rerun runs, and a rerun slow throughout
#     confirms it, so the step fails.
corpus=$source_dir/tests/fixtures/noisy-corpus-mild/base-interleaved
for run in 00 01 02 03 04; do
  "$caws_gate" baseline update "$corpus/$run.json" --suite shift --dir "$repo/baselines" \
    --policy rolling:5 >/dev/null 2>&1 || fail "shift: baseline update $run"
done
mkdir -p "$repo/build/perf/shift"
cp "$corpus/08.json" "$repo/build/perf/shift/shift.json"
jq '(.benchmarks[] | select((.run_name | startswith("BM_SortInts/")) and .run_type == "iteration"
     and .cpu_time < 12000) | .cpu_time, .real_time) |= . * 1.82' "$corpus/08.json" >"$tmp/shift-rerun.json"
run_action shift push "$(jq -n --arg rerun "$tmp/shift-rerun.json" \
  '{"results": "build/perf/shift/shift.json", "confirm-command": ("cp " + $rerun + " {out} # {filter}")}')"
expect_eq "shift: exit code" "$code" 1
expect_eq "shift: rerun" "$(output shift rerun)" true
expect_grep "$tmp/shift.log" "caws-gate: a regression is held back to a warning (its run changed level while it ran); rerunning"
expect_eq "shift: BM_SortInts" "$(jq -c '.comparisons[] | select((.metric | startswith("BM_SortInts/"))
  and .measure == "cpu_time") | [.level, .confirmation.confirmed]' "$report")" '["fail",true]'

# 10. A confirm-command that fails: the first check's verdict stands, with its annotations.
run_action confirm-broken push '{"results": "build/perf/confirm/sample.json",
  "gate": "gates/ab.json", "confirm-command": "echo rerun {filter} >{out}; exit 3"}'
expect_eq "confirm-broken: exit code" "$code" 1
expect_eq "confirm-broken: verdict" "$(output confirm-broken verdict)" fail
expect_grep "$tmp/confirm-broken.log" "::error::caws-gate: confirm-command exited with 3; the first check's verdict stands"
expect_grep "$tmp/confirm-broken.log" "::error title=caws-gate regression%3A BM_Crc32"
expect_grep "$tmp/confirm-broken.summary" "caws-gate: FAIL"

# 11. Inputs that contradict each other: bad input (exit 2) before caws-gate runs, with
#    the reason in the outputs, the summary and the log.
check_bad_inputs() {  # check_bad_inputs NAME INPUTS_JSON MESSAGE
  run_action "$1" push "$2"
  expect_eq "$1: exit code" "$code" 2
  expect_eq "$1: verdict" "$(output "$1" verdict)" error
  expect_eq "$1: exit-code output" "$(output "$1" exit-code)" 2
  expect_eq "$1: json output" "$(output "$1" json)" ""
  expect_grep "$tmp/$1.summary" "caws-gate: ERROR (exit code 2)"
  expect_grep "$tmp/$1.summary" "caws-gate: error: $3"
  expect_grep "$tmp/$1.log" "::error::caws-gate: $3"
  if grep -qE "^ *caws-gate (ab|check) " "$tmp/$1.log"; then fail "$1: caws-gate ran"; fi
}
check_bad_inputs ab-head-only "$(jq -n --arg head "$ab_head" '{"head-command": $head}')" \
  "base-command and head-command go together: give both to run caws-gate ab (or results for caws-gate check)"
check_bad_inputs ab-and-results "$(jq -n --arg cmd "$ab_base" \
  '{"base-command": $cmd, "head-command": $cmd, "results": "build/perf/pass/*.json"}')" \
  "results: give either results (caws-gate check) or base-command and head-command (caws-gate ab), not both"
check_bad_inputs no-input '{}' \
  "results: expected the benchmark results files (caws-gate check), or base-command and head-command (caws-gate ab)"
check_bad_inputs rounds-without-ab '{"results": "build/perf/pass/*.json", "rounds": "8"}' \
  "rounds and max-time go with base-command and head-command (caws-gate ab)"
check_bad_inputs confirm-with-ab "$(jq -n --arg cmd "$ab_base" \
  '{"base-command": $cmd, "head-command": $cmd, "confirm-command": "true {out}"}')" \
  "confirm-command goes with results (caws-gate check); caws-gate ab already measures base and head in the same job"
check_bad_inputs confirm-without-out \
  '{"results": "build/perf/fail/demo.json", "confirm-command": "./bench {filter}"}' \
  "confirm-command: expected {out} where the rerun writes its results file (--benchmark_out={out}, > {out}, ...)"

finish_checks run_action_locally
