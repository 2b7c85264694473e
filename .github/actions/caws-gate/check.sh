#!/usr/bin/env bash
# Step "Run caws-gate": runs `caws-gate check` on the results, or `caws-gate ab` on the
# base and head commands, writes the reports and the job summary, and records the
# outcome as step outputs. When the check fails, or holds a regression back to a warning
# because its run changed level while it ran, and a confirm-command is given, it runs
# that command with the report's rerun filter and checks again with --confirm, so that
# only the regressions the rerun confirms count. It exits 0 whatever the verdict, so that
# the reports are uploaded and the comment posted; the last step of the action fails the
# job with the saved exit code. Inputs that contradict each other are bad input (exit
# code 2), told like caws-gate's own errors.
#   in:  CAWS_GATE (the executable), INPUT_RESULTS, INPUT_BASE_COMMAND, INPUT_HEAD_COMMAND,
#        INPUT_ROUNDS, INPUT_MAX_TIME, INPUT_CONFIRM_COMMAND, INPUT_BASELINE,
#        INPUT_BASELINE_DIR, INPUT_SUITE, INPUT_GATE, INPUT_MARKDOWN, INPUT_JSON,
#        INPUT_JUNIT, INPUT_ARGS, INPUT_ARTIFACT_NAME, GITHUB_OUTPUT,
#        GITHUB_STEP_SUMMARY (optional)
#   out: exit-code, verdict, health, trust, markdown, json, junit, suite, message,
#        artifact-name, report-files, rerun
set -euo pipefail
caws_gate=${CAWS_GATE:?}
output=${GITHUB_OUTPUT:?}
markdown=${INPUT_MARKDOWN:-caws-gate-report/report.md}
json=${INPUT_JSON:-caws-gate-report/report.json}
junit=${INPUT_JUNIT:-}
base_command=${INPUT_BASE_COMMAND:-}
head_command=${INPUT_HEAD_COMMAND:-}
confirm_command=${INPUT_CONFIRM_COMMAND:-}
# The rerun writes its results here ({out}), beside the reports.
rerun_results=$(dirname "$json")/rerun-results
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT

# The suite names the pull-request comment: as caws-gate chooses it.
stem() {
  local name=${1%/}
  name=${name##*/}
  echo "${name%.*}"
}

# The arguments of `caws-gate check`. Results: words separated by white space, each a
# file or a glob. A glob that matches nothing is passed on as written, so that caws-gate
# names it in its error (exit 2).
check_arguments() {
  local patterns pattern matches
  read -r -d '' -a patterns <<<"${INPUT_RESULTS:-}" || true
  shopt -s nullglob globstar
  results=()
  for pattern in "${patterns[@]}"; do
    # shellcheck disable=SC2206 # the pattern is meant to be expanded as a glob
    matches=($pattern)
    if [ ${#matches[@]} -eq 0 ]; then matches=("$pattern"); fi
    results+=("${matches[@]}")
  done
  shopt -u nullglob globstar

  suite=${INPUT_SUITE:-}
  if [ -z "$suite" ] && [ -n "${INPUT_BASELINE:-}" ]; then suite=$(stem "$INPUT_BASELINE"); fi
  if [ -z "$suite" ] && [ ${#results[@]} -gt 0 ]; then suite=$(stem "${results[0]}"); fi
  args=(check "${results[@]}")
  if [ -n "${INPUT_BASELINE:-}" ]; then
    args+=(--baseline "$INPUT_BASELINE")
  else
    if [ -n "${INPUT_SUITE:-}" ]; then args+=(--suite "$INPUT_SUITE"); fi
    args+=(--dir "${INPUT_BASELINE_DIR:-baselines}")
  fi
}

# The arguments of `caws-gate ab`. Each command is one argument: caws-gate splits it
# into words, or hands it to /bin/sh, itself; this script never evaluates it.
ab_arguments() {
  suite=${INPUT_SUITE:-ab}
  args=(ab --base "$base_command" --head "$head_command")
  if [ -n "${INPUT_ROUNDS:-}" ]; then args+=(--rounds "$INPUT_ROUNDS"); fi
  if [ -n "${INPUT_MAX_TIME:-}" ]; then args+=(--max-time "$INPUT_MAX_TIME"); fi
}

# The words as a shell would read them back, quoted for people: a word with more than
# letters, digits and ./:=@%+,^- in double quotes, where \ " $ and ` are escaped.
shown() {
  local word words=()
  for word in "$@"; do
    if [[ ! $word =~ ^[A-Za-z0-9_./:=@%+,^-]+$ ]]; then
      word=${word//\\/\\\\}
      word=${word//\"/\\\"}
      word=${word//\$/\\\$}
      word=${word//\`/\\\`}
      word="\"$word\""
    fi
    words+=("$word")
  done
  echo "${words[*]}"
}

# What is wrong with the combination of inputs, or nothing.
input_problem() {
  if [ -n "$base_command" ] || [ -n "$head_command" ]; then
    if [ -z "$base_command" ] || [ -z "$head_command" ]; then
      echo "base-command and head-command go together: give both to run caws-gate ab" \
        "(or results for caws-gate check)"
    elif [ -n "${INPUT_RESULTS//[[:space:]]/}" ]; then
      echo "results: give either results (caws-gate check) or base-command and" \
        "head-command (caws-gate ab), not both"
    elif [ -n "${INPUT_BASELINE:-}" ]; then
      echo "baseline: caws-gate ab compares base-command with head-command, not with a" \
        "baseline; remove it"
    elif [ -n "$confirm_command" ]; then
      echo "confirm-command goes with results (caws-gate check); caws-gate ab already" \
        "measures base and head in the same job"
    fi
  elif [ -z "${INPUT_RESULTS//[[:space:]]/}" ]; then
    echo "results: expected the benchmark results files (caws-gate check), or" \
      "base-command and head-command (caws-gate ab)"
  elif [ -n "${INPUT_ROUNDS:-}${INPUT_MAX_TIME:-}" ]; then
    echo "rounds and max-time go with base-command and head-command (caws-gate ab)"
  elif [ -n "$confirm_command" ] && [[ $confirm_command != *"{out}"* ]]; then
    echo "confirm-command: expected {out} where the rerun writes its results file" \
      "(--benchmark_out={out}, > {out}, ...)"
  fi
}

# A word quoted for bash: in single quotes, each ' as '\''.
quoted() {
  local quote="'\\''"
  printf "'%s'" "${1//\'/"$quote"}"
}

# The confirm-command with {filter} as the report's rerun filter (nothing when the
# results' format has none: the whole suite reruns) and {out} as the rerun's results
# file, each one quoted word.
rerun_command() {
  local filter command=$confirm_command
  filter=$(json_value .rerun.filter)
  if [ -n "$filter" ]; then filter=$(quoted "$filter"); fi
  command=${command//"{filter}"/"$filter"}
  command=${command//"{out}"/"$(quoted "$rerun_results")"}
  echo "$command"
}

json_value() {  # json_value FILTER: a value of the JSON report, "" when absent or null
  if [ ! -f "$json" ]; then return 0; fi
  if command -v jq >/dev/null; then
    jq -r "$1 // empty" "$json"
  else
    python3 -c 'import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2].strip(".").split("."):
    value = value.get(key) if isinstance(value, dict) else None
print("" if value is None else value)' "$json" "$1"
  fi
}
held_back() {  # held_back: the report holds a regression back for a level shift in its run
  if [ ! -f "$json" ]; then return 1; fi
  if command -v jq >/dev/null; then
    jq -e '[.findings[]? | select(.code == "level-shift")] | length > 0' "$json" >/dev/null
  else
    python3 -c 'import json, sys
findings = json.load(open(sys.argv[1])).get("findings") or []
sys.exit(0 if any(f.get("code") == "level-shift" for f in findings) else 1)' "$json"
  fi
}
problem=$(input_problem)
mode=check
if [ -n "$base_command$head_command" ]; then mode=ab; fi
if [ "$mode" = ab ]; then ab_arguments; else check_arguments; fi
suite=${suite:-caws-gate}

if [ -n "${INPUT_GATE:-}" ]; then args+=(--gate "$INPUT_GATE"); fi
args+=(--md "$markdown" --json "$json")
if [ -n "$junit" ]; then
  # A caws-gate without JUnit output still gates; the report is simply not written.
  mode_help=$("$caws_gate" "$mode" --help 2>/dev/null || true)
  if [[ $mode_help == *--junit* ]]; then
    args+=(--junit "$junit")
  else
    echo "::warning::caws-gate: this caws-gate cannot write JUnit XML; no $junit"
    junit=""
  fi
fi
# Last, so that `-- ARGS` in it reaches ab's commands.
read -r -a extra <<<"${INPUT_ARGS:-}" || true

rm -f "$markdown" "$json" ${junit:+"$junit"} "$rerun_results"
summary=${GITHUB_STEP_SUMMARY:-}
summary_size=0
if [ -n "$summary" ] && [ -f "$summary" ]; then summary_size=$(stat -c %s "$summary"); fi

# run_caws_gate ARGS...: runs caws-gate, leaves its exit code in $status. Standard error
# is shown as it comes (ab's progress, round by round) and kept for the message when no
# report is written.
run_caws_gate() {
  echo "caws-gate $(shown "$@")"
  status=0
  { "$caws_gate" "$@" 2>&1 >&3 3>&- | tee "$errors" >&2 3>&-; } 3>&1 || status=$?
}

status=0
rerun=false
if [ -n "$problem" ]; then
  echo "::error::caws-gate: $problem"
  echo "caws-gate: error: $problem" >"$errors"
  status=2
elif [ -z "$confirm_command" ]; then
  run_caws_gate "${args[@]}" "${extra[@]}"
else
  # The first check writes no job summary and its output is held back: when a rerun
  # follows, its annotations would be stale.
  first_output=$(mktemp)
  trap 'rm -f "$errors" "$first_output"' EXIT
  GITHUB_STEP_SUMMARY='' run_caws_gate "${args[@]}" "${extra[@]}" >"$first_output"
  if [ "$status" -eq 1 ]; then
    why="the check failed"
  elif [ "$status" -eq 0 ] && held_back; then
    why="a regression is held back to a warning (its run changed level while it ran)"
  fi
  if [ -z "${why:-}" ]; then
    cat "$first_output"
  else
    grep -v '^::' "$first_output" || true
    command=$(rerun_command)
    echo "caws-gate: $why; rerunning its regressions to confirm them: $command"
    rerun=true
    rerun_status=0
    bash -c "$command" || rerun_status=$?
    if [ "$rerun_status" -ne 0 ]; then
      echo "::error::caws-gate: confirm-command exited with $rerun_status; the first check's verdict stands"
      grep '^::' "$first_output" || true
    else
      # The confirmed check's reports replace the first's; on bad input it writes none.
      rm -f "$markdown" "$json" ${junit:+"$junit"}
      run_caws_gate "${args[@]}" --confirm "$rerun_results" "${extra[@]}"
    fi
  fi
fi

# The message for people: the Markdown report, or what went wrong.
message=$markdown
if [ ! -f "$markdown" ]; then
  message=$(dirname "$markdown")/error.md
  mkdir -p "$(dirname "$message")"
  {
    echo "## ❌ caws-gate: ERROR (exit code $status)"
    echo
    echo '```'
    cat "$errors"
    echo '```'
  } >"$message"
fi
# caws-gate appends its report to the job summary itself; older builds do not, so the
# step does it when the summary did not grow.
if [ -n "$summary" ]; then
  size=0
  if [ -f "$summary" ]; then size=$(stat -c %s "$summary"); fi
  if [ "$size" = "$summary_size" ]; then cat "$message" >>"$summary"; fi
fi

verdict=$(json_value .verdict)
if [ -z "$verdict" ]; then verdict=error; fi
health=$(json_value .scores.health)
trust=$(json_value .scores.trust)

files=()
for file in "$markdown" "$json" ${junit:+"$junit"} "$message" "$rerun_results"; do
  if [ -f "$file" ] && [[ " ${files[*]} " != *" $file "* ]]; then files+=("$file"); fi
done
{
  echo "exit-code=$status"
  echo "verdict=$verdict"
  echo "health=$health"
  echo "trust=$trust"
  echo "markdown=$([ -f "$markdown" ] && echo "$markdown")"
  echo "json=$([ -f "$json" ] && echo "$json")"
  echo "junit=$([ -n "$junit" ] && [ -f "$junit" ] && echo "$junit")"
  echo "suite=$suite"
  echo "message=$message"
  echo "artifact-name=${INPUT_ARTIFACT_NAME:-caws-gate-report-$suite}"
  echo "rerun=$rerun"
  echo "report-files<<CAWS_GATE_EOF"
  printf '%s\n' "${files[@]}"
  echo "CAWS_GATE_EOF"
} >>"$output"
echo "caws-gate: verdict $verdict, exit code $status"
