#!/usr/bin/env bash
# The composite action's download of a released caws-gate (.github/actions/caws-gate/
# download.sh), against release files served from a loopback HTTP server: an archive
# whose checksum matches is used and the action gates with it, without building; one
# whose checksum does not match is refused with a clear error; a version with no
# committed checksum, or a release that cannot be downloaded, falls back to building.
# The archive holds the caws-gate of this build, laid out as a release archive.
#   bash tests/ci/download_locally.sh path/to/caws-gate
set -euo pipefail
caws_gate=$(cd "$(dirname "${1:?usage: download_locally.sh CAWS_GATE}")" && pwd -P)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd -P)
source_dir=$(cd "$here/../.." && pwd -P)
action_dir=$source_dir/.github/actions/caws-gate
# shellcheck disable=SC1091  # checks.sh, beside this script
. "$here/checks.sh"

tmp=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  [ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT

version=$(bash "$source_dir/scripts/version.sh")
name=caws-gate-$version-linux-$(uname -m)
mkdir -p "$tmp/serve/v$version" "$tmp/stage/$name/bin"
cp "$caws_gate" "$tmp/stage/$name/bin/caws-gate"
tar -czf "$tmp/serve/v$version/$name.tar.gz" -C "$tmp/stage" "$name"
(cd "$tmp/serve/v$version" && sha256sum "$name.tar.gz") >"$tmp/good.txt"
# Another first hex digit: '0' for any but '0', '1' for '0' (one checksum in 16 starts so).
sed 's/^0/x/; s/^[^x]/0/; s/^x/1/' "$tmp/good.txt" >"$tmp/bad.txt"
! cmp -s "$tmp/good.txt" "$tmp/bad.txt" || { echo "FAIL: the bad checksum equals the good one" >&2; exit 1; }
echo "# no release of this version" >"$tmp/none.txt"

python3 -m http.server --bind 127.0.0.1 0 --directory "$tmp/serve" >"$tmp/server.log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's/.* port \([0-9]*\) .*/\1/p' "$tmp/server.log" | head -n 1)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$tmp/server.log"; echo "FAIL: the HTTP server did not start" >&2; exit 1; }
base=http://127.0.0.1:$port

# download CASE CHECKSUMS URL: runs download.sh, leaves its exit code in $code, its
# output in $tmp/CASE.log and the binary it outputs in $binary.
download() {
  local case=$1
  : >"$tmp/$case.out"
  code=0
  CAWS_GATE_SOURCE=$source_dir CAWS_GATE_CACHE_ROOT=$tmp/cache-$case GITHUB_OUTPUT=$tmp/$case.out \
    CAWS_GATE_RELEASE_CHECKSUMS=$2 CAWS_GATE_RELEASE_URL=$3 INPUT_BINARY='' \
    bash "$action_dir/download.sh" >"$tmp/$case.log" 2>&1 || code=$?
  binary=$(sed -n 's/^binary=//p' "$tmp/$case.out")
  sed 's/^/    /' "$tmp/$case.log"
}

echo "=== a release whose checksum matches"
download good "$tmp/good.txt" "$base/v$version"
expect_eq "good: exit code" "$code" 0
expect_eq "good: binary" "$binary" "$tmp/cache-good/release/$name/bin/caws-gate"
expect_grep "$tmp/good.log" "using the released caws-gate $version"
[ -x "$binary" ] && expect_eq "good: runs" "$("$binary" --version)" "caws-gate $version"

echo "=== a checksum that does not match"
download bad "$tmp/bad.txt" "$base/v$version"
expect_eq "bad: exit code" "$code" 1
expect_eq "bad: binary" "$binary" ""
expect_grep "$tmp/bad.log" "::error::caws-gate: $base/v$version/$name.tar.gz has SHA-256 $(cut -d ' ' -f 1 "$tmp/good.txt")"
expect_grep "$tmp/bad.log" "refusing to run a binary that is not the release"
[ ! -e "$tmp/cache-bad/release/$name" ] || fail "bad: the refused archive was unpacked"

echo "=== a version with no committed checksum (a branch or a commit)"
download none "$tmp/none.txt" "$base/v$version"
expect_eq "none: exit code" "$code" 0
expect_eq "none: binary" "$binary" ""
expect_grep "$tmp/none.log" "no released binary of caws-gate $version"
expect_grep "$tmp/none.log" "building it from source"

echo "=== a release that cannot be downloaded"
download missing "$tmp/good.txt" "$base/v0.0.0"
expect_eq "missing: exit code" "$code" 0
expect_eq "missing: binary" "$binary" ""
expect_grep "$tmp/missing.log" "::warning::caws-gate: could not download $base/v0.0.0/$name.tar.gz"

echo "=== the committed checksums of this version (none before its release)"
download committed "$action_dir/release-checksums.txt" "$base/v$version"
if grep -q "$name.tar.gz" "$action_dir/release-checksums.txt"; then
  expect_eq "committed: exit code" "$code" 0
else
  expect_eq "committed: binary" "$binary" ""
fi

echo "=== the whole action with the download: no build"
repo=$tmp/repo
mkdir -p "$repo/baselines" "$repo/build" "$tmp/runner" "$tmp/gh"
cp "$source_dir/examples/baselines/demo.json" "$repo/baselines/demo.json"
cp "$source_dir/examples/results/demo.json" "$repo/build/demo.json"
jq -n --arg temp "$tmp/runner" '{
    github: {event_name: "push", repository: "acme/widgets", server_url: "https://github.com",
             run_id: "42", token: "fake-token", action_repository: "acme/caws-gate"},
    runner: {temp: $temp, os: "Linux", arch: "X64"}}' >"$tmp/action.context"
echo '{"results": "build/demo.json", "suite": "demo"}' >"$tmp/action.inputs"
code=0
PATH=$here/fake-gh:$PATH FAKE_GH_STATE=$tmp/gh GITHUB_STEP_SUMMARY=$tmp/action.summary \
  CAWS_GATE_RELEASE_CHECKSUMS=$tmp/good.txt CAWS_GATE_RELEASE_URL=$base/v$version \
  python3 "$here/action_runner.py" "$action_dir/action.yml" --context "$tmp/action.context" \
  --inputs "$tmp/action.inputs" --workspace "$repo" --outputs "$tmp/action.outputs" \
  --artifacts "$tmp/artifacts" >"$tmp/action.log" 2>&1 || code=$?
sed 's/^/    /' "$tmp/action.log"
expect_eq "action: exit code" "$code" 1
expect_grep "$tmp/action.outputs" "verdict=fail"
expect_grep "$tmp/action.log" "using the released caws-gate $version"
expect_grep "$tmp/action.log" "action_runner: skip   Restore the caws-gate build"
expect_grep "$tmp/action.log" "caws-gate: using $tmp/runner/caws-gate/release/$name/bin/caws-gate"
if grep -q "Building CXX\|Linking CXX" "$tmp/action.log"; then fail "action: it built caws-gate"; fi
expect_grep "$tmp/action.summary" "caws-gate: FAIL"

finish_checks download_locally
