#!/usr/bin/env bash
# Builds what is missing and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
bash scripts/build.sh
ctest --test-dir "$build_dir" -j2 --output-on-failure
