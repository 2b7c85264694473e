#!/usr/bin/env bash
# Runs `caws-gate init` for every tool in a fresh directory and checks what it wrote as
# GitHub and caws-gate would read it: the workflow with tests/ci/check_workflows.py
# (YAML, the keys GitHub requires, bash -n and shellcheck of every run: script), the gate
# file as JSON. Also runs the example of docs/ci.md and compares its output.
#   bash tests/ci/check_init_workflows.sh path/to/caws-gate
set -euo pipefail
caws_gate=${1:?usage: check_init_workflows.sh CAWS_GATE}
here=$(cd "$(dirname "$0")" && pwd -P)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for tool in google-benchmark pytest-benchmark hyperfine go; do
  for action in "" acme/caws-gate/.github/actions/caws-gate@0123456789abcdef0123456789abcdef01234567; do
    dir=$tmp/$tool${action:+-pinned}
    mkdir -p "$dir"
    "$caws_gate" init --dir "$dir" --tool "$tool" ${action:+--action "$action"} >/dev/null
    python3 "$here/check_workflows.py" "$dir/.github/workflows/perf.yml" || status=1
    python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$dir/gates/default.json" ||
      status=1
    grep -qF "uses: ${action:-OWNER/caws-gate/.github/actions/caws-gate@REF}" \
      "$dir/.github/workflows/perf.yml" || { echo "$tool: wrong action reference"; status=1; }
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
