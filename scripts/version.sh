#!/usr/bin/env bash
# Prints caws-gate's version, as CMakeLists.txt's project() sets it (the version of the
# release files, of the binary's --version and of the action's download).
#   bash scripts/version.sh
set -euo pipefail
sed -n 's/^project(caws-gate VERSION \([0-9.]*\).*/\1/p' "$(dirname "$0")/../CMakeLists.txt"
