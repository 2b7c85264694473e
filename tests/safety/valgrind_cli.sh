#!/usr/bin/env bash
# Runs one caws-gate command under valgrind memcheck: any invalid access, use of
# uninitialised memory or definite/indirect leak fails the test (exit 99 from valgrind).
#   valgrind_cli.sh CAWS_GATE SOURCE_DIR SCENARIO
# Scenarios: check, compare, update, trend, report, table. The inputs each needs are made
# first without valgrind, in a temporary directory.
set -euo pipefail
gate=$1
source_dir=$2
scenario=$3
work=$(mktemp -d /tmp/caws-gate-valgrind-XXXXXX)
trap 'rm -rf "$work"' EXIT
examples=$source_dir/examples
export SOURCE_DATE_EPOCH=1795392000 GITHUB_SHA=3f9c2a41d7e8b5c60a1f4e2d9b7c8a6e5f4d3c2b GITHUB_REF_NAME=main
unset GITHUB_ACTIONS GITHUB_STEP_SUMMARY

memcheck() {
  # Exit codes 0 and 1 (a failing gate) are both fine; 99 is valgrind's, 2 bad input.
  local code=0
  "${VALGRIND:-valgrind}" -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    "$gate" "$@" >"$work/stdout" 2>"$work/stderr" || code=$?
  if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
    echo "caws-gate $* exited $code under valgrind:" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
}

# The command must have written these files.
expect_files() {
  local file
  for file in "$@"; do
    if [ ! -s "$work/$file" ]; then
      echo "caws-gate did not write $file" >&2
      exit 1
    fi
  done
}

# The demo results measured on day DAY of November 2026 (a run of its own: update takes
# no run twice), from days 4 on slower, in $work/day-DAY.json.
day_run() {
  local results=$examples/results/demo-baseline-run.json
  if [ "$1" -ge 4 ]; then results=$examples/results/demo.json; fi
  sed "s/\"date\": \"[^\"]*\"/\"date\": \"2026-11-0$1T07:00:00+00:00\"/" "$results" >"$work/day-$1.json"
}

# Five runs of the demo suite with dates a day apart, the last ones slower.
make_history() {
  cp -r "$examples/baselines" "$work/baselines"
  local day
  for day in 1 2 3 4 5; do
    day_run "$day"
    "$gate" baseline update "$work/day-$day.json" \
      --suite demo --dir "$work/baselines" --policy rolling:3 --accept-regressions \
      >/dev/null 2>&1
  done
}

case "$scenario" in
  check)
    memcheck check "$examples/results/demo.json" --dir "$examples/baselines" \
      --gate "$source_dir/gates/microbench.json" --json "$work/report.json" --md "$work/report.md" \
      --latex "$work/report.tex" --junit "$work/report.xml" -q
    expect_files report.json report.md report.tex report.xml
    ;;
  compare)
    memcheck compare "$examples/results/demo-baseline-run.json" "$examples/results/demo.json" \
      --ci bootstrap --json "$work/compare.json"
    expect_files compare.json
    ;;
  update)
    # A rolling update that reads the pooled runs and the history, and drops a run.
    make_history
    day_run 6
    memcheck baseline update "$work/day-6.json" --suite demo --dir "$work/baselines" \
      --policy rolling:3 --history-limit 4
    if [ "$(wc -l <"$work/baselines/history/demo.jsonl")" -ne 4 ]; then
      echo "the history does not have the 4 lines --history-limit keeps" >&2
      exit 1
    fi
    ;;
  trend)
    make_history
    memcheck trend "$work/baselines/history/demo.jsonl" --json "$work/trend.json" \
      --md "$work/trend.md" --latex "$work/trend.tex"
    expect_files trend.json trend.md trend.tex
    ;;
  report)
    "$gate" check "$examples/results/demo.json" --dir "$examples/baselines" \
      --json "$work/report.json" -q >/dev/null 2>&1 || true
    memcheck report "$work/report.json" --md "$work/again.md" --latex "$work/again.tex" \
      --junit "$work/again.xml" -q
    expect_files again.md again.tex again.xml
    ;;
  table)
    memcheck table "old=$examples/results/demo-baseline-run.json" "new=$examples/results/demo.json" \
      --latex "$work/table.tex" --json "$work/table.json"
    expect_files table.tex table.json
    ;;
  *)
    echo "unknown scenario $scenario" >&2
    exit 2
    ;;
esac
