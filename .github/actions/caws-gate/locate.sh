#!/usr/bin/env bash
# Step "Locate the caws-gate build": where the action's own source is, where its build
# and ccache directories go (cached between runs by actions/cache), and the hash of the
# source that keys that cache. hashFiles() only sees the workspace, and a remote action's
# source lives outside it, so the hash is computed here.
#   in:  CAWS_GATE_SOURCE, CAWS_GATE_CACHE_ROOT, GITHUB_OUTPUT
#   out: source, build-dir, ccache-dir, source-hash
set -euo pipefail
source_dir=$(cd "${CAWS_GATE_SOURCE:?}" && pwd -P)
cache_root=${CAWS_GATE_CACHE_ROOT:?}
hash=$(
  cd "$source_dir"
  find CMakeLists.txt cmake src templates scripts/install-deps.sh -type f -print0 |
    LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-32
)
{
  echo "source=$source_dir"
  echo "build-dir=$cache_root/build"
  echo "ccache-dir=$cache_root/ccache"
  echo "source-hash=$hash"
} >>"${GITHUB_OUTPUT:?}"
echo "caws-gate: source $source_dir, hash $hash"
