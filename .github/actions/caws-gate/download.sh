#!/usr/bin/env bash
# Step "Download caws-gate": the release archive of the action's own version for this
# runner's architecture, checked against the SHA-256 committed beside the action in
# release-checksums.txt, unpacked under the runner's temporary directory. When that file
# has no checksum for this version (the action is used from a branch or a commit) or the
# download fails, it outputs no binary and the next steps build caws-gate from source.
# A checksum that does not match stops the job: that file is not what was released.
#   in:  CAWS_GATE_SOURCE, CAWS_GATE_CACHE_ROOT, INPUT_BINARY, GITHUB_OUTPUT,
#        CAWS_GATE_ACTION_REPOSITORY (owner/name of the action; default GITHUB_REPOSITORY),
#        CAWS_GATE_RELEASE_URL (where the release files are; default the GitHub release),
#        CAWS_GATE_RELEASE_CHECKSUMS (the checksums file; default release-checksums.txt)
#   out: binary (empty when caws-gate is to be built from source)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd -P)
say_binary() { echo "binary=$1" >>"${GITHUB_OUTPUT:?}"; }
if [ -n "${INPUT_BINARY:-}" ]; then
  say_binary ""
  exit 0
fi
source_dir=${CAWS_GATE_SOURCE:?}
version=$(bash "$source_dir/scripts/version.sh")
name=caws-gate-$version-linux-$(uname -m)
checksums=${CAWS_GATE_RELEASE_CHECKSUMS:-$here/release-checksums.txt}
expected=$(awk -v file="$name.tar.gz" '$2 == file || $2 == "*" file {print $1}' "$checksums")
if [ "$(uname -s)" != Linux ] || [ -z "$expected" ]; then
  echo "caws-gate: no released binary of caws-gate $version for $(uname -s) $(uname -m) in" \
    "$(basename "$checksums"): building it from source"
  say_binary ""
  exit 0
fi

repository=${CAWS_GATE_ACTION_REPOSITORY:-${GITHUB_REPOSITORY:-}}
base_url=${CAWS_GATE_RELEASE_URL:-https://github.com/$repository/releases/download/v$version}
url=${base_url%/}/$name.tar.gz
dir=${CAWS_GATE_CACHE_ROOT:?}/release
archive=$dir/$name.tar.gz
mkdir -p "$dir"
if ! curl --fail --silent --show-error --location --retry 3 --output "$archive.part" "$url"; then
  echo "::warning::caws-gate: could not download $url; building caws-gate from source instead"
  rm -f "$archive.part"
  say_binary ""
  exit 0
fi
actual=$(sha256sum "$archive.part" | cut -d ' ' -f 1)
if [ "$actual" != "$expected" ]; then
  rm -f "$archive.part"
  echo "::error::caws-gate: $url has SHA-256 $actual, but $(basename "$checksums") beside the" \
    "action says $expected for $name.tar.gz: refusing to run a binary that is not the release"
  exit 1
fi
mv "$archive.part" "$archive"
rm -rf "${dir:?}/$name"
tar -xzf "$archive" -C "$dir"
binary=$dir/$name/bin/caws-gate
if [ "$("$binary" --version)" != "caws-gate $version" ]; then
  echo "::error::caws-gate: $binary from $url does not say it is caws-gate $version"
  exit 1
fi
echo "caws-gate: using the released caws-gate $version ($url, SHA-256 verified)"
say_binary "$binary"
