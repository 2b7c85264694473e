#!/usr/bin/env bash
# The bundled example's reports, as the README makes them, fit a pull-request comment:
# the Markdown of `check` and `compare` on examples/ goes through check_comment_width.sh,
# and so does a compare of two one-repetition runs (google/benchmark's own test inputs),
# whose every metric needs more repetitions than it has.
#   check_demo_comment_width.sh CAWS_GATE_BINARY SOURCE_DIR
set -euo pipefail
binary=$1
root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
status=0
"$binary" check examples/results/demo.json --dir examples/baselines --md "$work/check.md" \
  --quiet || status=$?
if [ "$status" -ne 1 ]; then
  echo "check of the bundled example: exit code $status, expected 1 (it regressed)"
  exit 1
fi
"$binary" compare examples/baselines/demo.json examples/results/demo.json \
  --md "$work/compare.md" --quiet
tools=tests/fixtures/google-benchmark/google-benchmark-tools
"$binary" compare "$tools/test1_run1.json" "$tools/test1_run2.json" --md "$work/single.md" --quiet
grep -q "Needs more repetitions" "$work/single.md" ||
  { echo "the one-repetition compare has no 'Needs more repetitions' table"; exit 1; }
exec bash "$root/tests/tools/check_comment_width.sh" "$work/check.md" "$work/compare.md" \
  "$work/single.md"
