#!/usr/bin/env bash
# Builds the release files of caws-gate into dist/ (docs/install.md):
#   caws-gate-VERSION-linux-ARCH.tar.gz   the portable binary, its man page and docs
#   caws-gate_VERSION_DEBARCH.deb          the same as a Debian package (CPack)
#   SHA256SUMS                             their checksums, as sha256sum writes them
# The archive is reproducible: the same sources and compiler give the same bytes (file
# times from SOURCE_DATE_EPOCH, by default the time of the sources' last commit; owner
# root; sorted).
#   BUILD_DIR=build-package DIST_DIR=dist bash scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build-package}
dist_dir=${DIST_DIR:-dist}
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  # The last commit of the sources, not counting the action's release checksums, which
  # are committed after the files they describe were built (docs/install.md).
  if ! SOURCE_DATE_EPOCH=$(git log -1 --format=%ct -- . \
    ':(exclude).github/actions/caws-gate/release-checksums.txt') || [ -z "$SOURCE_DATE_EPOCH" ]; then
    echo "caws-gate: cannot date the release files: run in a git checkout with its history," \
      "or set SOURCE_DATE_EPOCH" >&2
    exit 2
  fi
fi
export SOURCE_DATE_EPOCH

if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCAWS_GATE_PORTABLE=ON \
    -DCAWS_GATE_UNITY_BUILD=ON -DCAWS_GATE_BUILD_TESTS=OFF -DCAWS_GATE_BUILD_BENCHMARKS=OFF >/dev/null
fi
if ! grep -qx "CAWS_GATE_PORTABLE:BOOL=ON" "$build_dir/CMakeCache.txt"; then
  echo "caws-gate: $build_dir was not configured with -DCAWS_GATE_PORTABLE=ON" >&2
  exit 2
fi
cmake --build "$build_dir" -j2

name=$(sed -n 's/^CPACK_PACKAGE_FILE_NAME:.*=//p;s/^set(CPACK_PACKAGE_FILE_NAME "\(.*\)")$/\1/p' \
  "$build_dir/CPackConfig.cmake" | head -n 1)
mkdir -p "$dist_dir"
dist_dir=$(cd "$dist_dir" && pwd -P)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# The archive: one top directory named like the archive, made with a deterministic tar.
cmake --install "$build_dir" --prefix "$stage/$name" --strip >/dev/null
find "$stage/$name" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
tar --format=gnu --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 \
  --numeric-owner -C "$stage" -cf - "$name" | gzip -n -9 >"$dist_dir/$name.tar.gz"

# The Debian package, by CPack's DEB generator (dpkg-shlibdeps computes its Depends).
(cd "$build_dir" && cpack -G DEB -B "$stage/deb" >/dev/null)
deb=$(find "$stage/deb" -maxdepth 1 -name '*.deb' | head -n 1)
cp "$deb" "$dist_dir/"

cd "$dist_dir"
sha256sum "$name.tar.gz" "$(basename "$deb")" >SHA256SUMS
cat SHA256SUMS
