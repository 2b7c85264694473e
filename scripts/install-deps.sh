#!/usr/bin/env bash
# Installs what caws-gate needs from Debian 12 packages, skipping what is already there.
#   bash scripts/install-deps.sh          build and test dependencies
#   bash scripts/install-deps.sh build    build dependencies only
#   bash scripts/install-deps.sh action   build dependencies and what the GitHub action uses
#   bash scripts/install-deps.sh action-tools   only what the action uses beside caws-gate
#   bash scripts/install-deps.sh package  build dependencies and what scripts/package.sh uses
#   bash scripts/install-deps.sh fuzz     build dependencies and clang's libFuzzer (tests/fuzz)
set -euo pipefail

build_packages=(
  g++ cmake ninja-build ccache pkg-config
  nlohmann-json3-dev libsimdjson-dev libpugixml-dev libboost-math-dev libeigen3-dev libcli11-dev
  libkainjow-mustache-dev nettle-dev libgtest-dev libbenchmark-dev
)
# Real tools whose output the tests read, and real consumers of the reports.
test_packages=(
  python3-pytest-benchmark hyperfine golang-go
  texlive-latex-base texlive-latex-recommended texlive-science poppler-utils
  cmark-gfm libxml2-utils shellcheck python3-jsonschema
  python3-yaml jq
  valgrind
)
# The composite action reads the JSON report with jq and comments with the GitHub CLI.
action_packages=(jq gh)
# scripts/package.sh: dpkg-shlibdeps computes the Debian package's dependencies.
package_packages=(dpkg-dev)
# libFuzzer and the sanitizer runtimes: clang-14 only recommends libclang-rt-14-dev.
fuzz_packages=(clang-14 libclang-rt-14-dev)

packages=("${build_packages[@]}")
case "${1:-all}" in
  build) ;;
  action) packages+=("${action_packages[@]}") ;;
  action-tools) packages=("${action_packages[@]}") ;;
  package) packages+=("${package_packages[@]}") ;;
  fuzz) packages+=("${fuzz_packages[@]}") ;;
  *) packages+=("${test_packages[@]}" "${package_packages[@]}") ;;
esac

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "caws-gate: all Debian packages already installed"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
echo "caws-gate: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
