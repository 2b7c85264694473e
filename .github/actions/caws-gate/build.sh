#!/usr/bin/env bash
# Step "Build caws-gate": builds the caws-gate executable alone (no tests, no benchmarks)
# in Release mode with ccache, or takes the one named by the `binary` input.
#   in:  CAWS_GATE_SOURCE, CAWS_GATE_BUILD_DIR, CCACHE_DIR, INPUT_BINARY, GITHUB_OUTPUT
#   out: binary
set -euo pipefail
if [ -n "${INPUT_BINARY:-}" ]; then
  if [ ! -x "$INPUT_BINARY" ]; then
    echo "::error::caws-gate: binary: $INPUT_BINARY is not an executable file"
    exit 2
  fi
  binary=$(cd "$(dirname "$INPUT_BINARY")" && pwd -P)/$(basename "$INPUT_BINARY")
  echo "caws-gate: using $binary"
  echo "binary=$binary" >>"${GITHUB_OUTPUT:?}"
  exit 0
fi

source_dir=${CAWS_GATE_SOURCE:?}
build_dir=${CAWS_GATE_BUILD_DIR:?}
# A build directory restored from the cache of another checkout path cannot be reused by
# CMake; ccache still makes the fresh build fast.
if [ -f "$build_dir/CMakeCache.txt" ] &&
  ! grep -qxF "CMAKE_HOME_DIRECTORY:INTERNAL=$source_dir" "$build_dir/CMakeCache.txt"; then
  echo "caws-gate: the cached build directory belongs to another checkout; starting afresh"
  rm -rf "$build_dir"
fi
export CCACHE_BASEDIR=$source_dir CCACHE_COMPRESS=1 CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-200M}
if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCAWS_GATE_BUILD_TESTS=OFF -DCAWS_GATE_BUILD_BENCHMARKS=OFF -DCAWS_GATE_UNITY_BUILD=ON >/dev/null
fi
cmake --build "$build_dir" --target caws-gate
if command -v ccache >/dev/null; then ccache --show-stats | grep -iE "hits|misses" || true; fi
"$build_dir/caws-gate" --version
echo "binary=$build_dir/caws-gate" >>"${GITHUB_OUTPUT:?}"
