#!/usr/bin/env bash
# Runs `caws-gate init` for every tool, with and without --ab, in a fresh directory and
# checks what it wrote as GitHub and caws-gate would read it: the workflow with
# tests/ci/check_workflows.py (YAML, the keys GitHub requires, bash -n and shellcheck of
# every run: script, the inputs given to the composite action), the steps of the --ab
# workflow, the gate file as JSON. Also runs the example of docs/ci.md and compares its
# output.
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
    done
  done
done

# The example in docs/ci.md, "caws-gate init".
docs=$here/../../docs/ci.md
example=$(awk '/^\$ caws-gate init /{found=1; print; next} found && /^```/{exit} found' "$docs")
command=${example%%$'\n'*}
mkdir "$tmp/example"
caws_gate_dir=$(cd "$(dirname "$caws_gate")" && pwd -P)
got=$(cd "$tmp/example" && PATH=$caws_gate_dir:$PATH eval "${command#\$ }")
if [ "$got" != "${example#*$'\n'}" ]; then
  echo "docs/ci.md: the init example's output differs; got:"
  echo "$got"
  status=1
fi
exit "$status"
