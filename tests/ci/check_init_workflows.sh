#!/usr/bin/env bash
# Runs `caws-gate init` for every tool, with and without --ab, in a fresh directory and
# checks what it wrote as GitHub and caws-gate would read it: the workflow with
# tests/ci/check_workflows.py (YAML, the keys GitHub requires, bash -n and shellcheck of
# every run: script, the inputs given to the composite action), the steps of the --ab
# workflow, the gate file as JSON. Also runs the init examples of docs/ci.md and compares
# their output, and compares the --ab workflow docs/ci.md shows with what init writes.
#   bash tests/ci/check_init_workflows.sh path/to/caws-gate
set -euo pipefail
caws_gate=${1:?usage: check_init_workflows.sh CAWS_GATE}
here=$(cd "$(dirname "$0")" && pwd -P)
action_yml=$here/../../.github/actions/caws-gate/action.yml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
# The --ab workflow: one job on pull requests, with a read-only checkout, that checks out
# the whole history, adds the merge base as the worktree ../base, builds, and then runs
# the action with both commands, the base's in ../base.
# shellcheck disable=SC2016 # a Python program, with $ in its strings
ab_structure='
import sys, yaml
path, reference = sys.argv[1:]
workflow = yaml.safe_load(open(path))
problems = []
def expect(ok, what):
    if not ok:
        problems.append(what)
expect(workflow.get(True) == {"pull_request": None}, "on: expected pull_request only")
expect(workflow.get("permissions") == {"contents": "read", "pull-requests": "write"},
       "permissions: expected contents: read, pull-requests: write")
if list(workflow["jobs"]) != ["ab"]:
    sys.exit(f"{path}: jobs: expected the one job ab")
steps = workflow["jobs"]["ab"]["steps"]
def index(predicate):
    return next((i for i, step in enumerate(steps) if predicate(step)), -1)
checkout = index(lambda s: str(s.get("uses", "")).startswith("actions/checkout@"))
worktree = index(lambda s: "git worktree add --detach ../base" in s.get("run", ""))
build = index(lambda s: s.get("name") in ("Build the base and the head", "Install pytest-benchmark"))
gate = index(lambda s: s.get("uses") == reference)
if not 0 <= checkout < worktree < build < gate == len(steps) - 1:
    sys.exit(f"{path}: steps: expected checkout, the base worktree, the build and the action, "
             f"in that order; got them at {checkout}, {worktree}, {build}, {gate}")
expect(steps[checkout].get("with", {}).get("fetch-depth") == 0, "checkout: expected fetch-depth: 0")
expect("git merge-base \"origin/$BASE_REF\" HEAD" in steps[worktree]["run"] and
       steps[worktree].get("env", {}).get("BASE_REF") == "${{ github.base_ref }}",
       "the base worktree: expected the merge base with origin/$BASE_REF")
inputs = steps[gate].get("with", {})
expect("../base" in inputs.get("base-command", "") and "../base" not in inputs.get("head-command", "-"),
       f"the action: expected the base command in ../base and the head command here, got {inputs}")
for problem in problems:
    print(f"{path}: {problem}")
sys.exit(1 if problems else 0)
'
for tool in google-benchmark pytest-benchmark hyperfine go; do
  for action in "" acme/caws-gate/.github/actions/caws-gate@0123456789abcdef0123456789abcdef01234567; do
    for ab in "" --ab; do
      dir=$tmp/$tool${action:+-pinned}$ab
      mkdir -p "$dir"
      "$caws_gate" init --dir "$dir" --tool "$tool" ${action:+--action "$action"} ${ab:+"$ab"} >/dev/null
      workflow=$dir/.github/workflows/perf.yml
      reference=${action:-OWNER/caws-gate/.github/actions/caws-gate@REF}
      python3 "$here/check_workflows.py" --uses "$reference=$action_yml" "$workflow" || status=1
      python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$dir/gates/default.json" ||
        status=1
      grep -qF "uses: $reference" "$workflow" || { echo "$tool$ab: wrong action reference"; status=1; }
      if [ -n "$ab" ]; then python3 -c "$ab_structure" "$workflow" "$reference" || status=1; fi
      # The baseline workflow (not with --ab): valid, with the same action, install-only.
      nightly=$dir/.github/workflows/perf-baseline.yml
      if [ -n "$ab" ]; then
        [ ! -e "$nightly" ] || { echo "$tool$ab: init --ab wrote $nightly"; status=1; }
      else
        python3 "$here/check_workflows.py" --uses "$reference=$action_yml" "$nightly" || status=1
        grep -qF "uses: $reference" "$nightly" || { echo "$tool: wrong action reference in $nightly"; status=1; }
        grep -qF 'install-only: "true"' "$nightly" || { echo "$tool: $nightly: expected install-only"; status=1; }
      fi
    done
  done
done

# The examples in docs/ci.md, "caws-gate init": each command's output as shown.
docs=$here/../../docs/ci.md
caws_gate_dir=$(cd "$(dirname "$caws_gate")" && pwd -P)
examples=0
while IFS= read -r -d '' example; do
  examples=$((examples + 1))
  command=${example%%$'\n'*}
  mkdir "$tmp/example-$examples"
  got=$(cd "$tmp/example-$examples" && PATH=$caws_gate_dir:$PATH eval "${command#\$ }")
  if [ "$got" != "${example#*$'\n'}" ]; then
    echo "docs/ci.md: the output of \"$command\" differs; got:"
    echo "$got"
    status=1
  fi
done < <(awk '/^\$ caws-gate init /{found=1; lines=0}
  found && /^```/{found=0; printf "%c", 0; next}
  found {printf "%s%s", (lines++ ? "\n" : ""), $0}' "$docs")
if [ "$examples" -lt 2 ]; then echo "docs/ci.md: expected the two init examples"; status=1; fi

# The workflow docs/ci.md shows for init --ab: what init writes for a CMake project
# with a Google Benchmark program my_bench.
mkdir "$tmp/my_bench"
printf '%s\n' 'find_package(benchmark REQUIRED)' 'add_executable(my_bench bench.cpp)' \
  'target_link_libraries(my_bench PRIVATE benchmark::benchmark)' >"$tmp/my_bench/CMakeLists.txt"
"$caws_gate" init --dir "$tmp/my_bench" --ab \
  --action OWNER/caws-gate/.github/actions/caws-gate@v0.1.0 >/dev/null
shown=$(awk '/^### The workflow `caws-gate init --ab` writes/{found=1}
  found && /^```yaml/{inside=1; next} inside && /^```/{exit} inside' "$docs")
if [ "$shown" != "$(cat "$tmp/my_bench/.github/workflows/perf.yml")" ]; then
  echo "docs/ci.md: the init --ab workflow differs from what init writes:"
  diff <(echo "$shown") "$tmp/my_bench/.github/workflows/perf.yml" || true
  status=1
fi
exit "$status"
