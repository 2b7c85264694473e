#!/usr/bin/env bash
# Installs the test tools (Debian packages; as root, or with sudo), builds what is missing
# and runs the whole test suite. The configuration runs again, so that tests whose tools
# were missing when scripts/bootstrap.sh configured the build are registered now.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
bash scripts/install-deps.sh
if [ -f "$build_dir/build.ninja" ]; then cmake "$build_dir" >/dev/null; fi
bash scripts/build.sh
ctest --test-dir "$build_dir" -j2 --output-on-failure
