#!/usr/bin/env bash
# Sets everything up on a fresh Debian 12 machine and runs the main job on the bundled
# example: installs the Debian packages the build needs, builds the caws-gate target
# alone (scripts/test.sh installs the test tools and builds the rest), and gates a real
# Google Benchmark run (examples/results/demo.json) against its committed baseline
# (examples/baselines/demo.json), printing the Markdown report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh build
bash scripts/build.sh caws-gate
echo
echo "\$ build/caws-gate check examples/results/demo.json --dir examples/baselines"
echo
status=0
build/caws-gate check examples/results/demo.json --dir examples/baselines || status=$?
echo
case $status in
  0) echo "caws-gate: the gate passed (exit code 0)" ;;
  1) echo "caws-gate: the gate failed (exit code 1): the example has a 1.7x regression on purpose" ;;
  *) echo "caws-gate: unexpected exit code $status"; exit "$status" ;;
esac
