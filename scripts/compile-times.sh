#!/usr/bin/env bash
# Where the compilation of the caws-gate target spends its time: builds it in a fresh
# directory with ccache off, timing every compilation with /usr/bin/time, then prints
# the CPU time (user + sys) of the whole build, that of the sources that include each
# heavy header (a source counts under the first of the list it includes), and the
# slowest sources. CPU time, not wall time, so that a busy machine changes the figures
# less. Configured as scripts/build.sh does, in groups of sources (a group counts as one
# compilation); CMAKE_ARGS=-DCAWS_GATE_UNITY_BUILD=OFF times every source alone. Needs
# /usr/bin/time (Debian package time). See docs/performance.md, "The first run".
#   CMAKE_ARGS="..." bash scripts/compile-times.sh [BUILD_DIR]    (default: a temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$PWD
build_dir=${1:-$(mktemp -d)}
log=$build_dir/compile-times.log
mkdir -p "$build_dir"
launcher=$build_dir/time-compile.sh
# shellcheck disable=SC2016 # written for the launcher, expanded when it runs
printf '%s\n' '#!/bin/sh' 'out=unknown; prev=' \
  'for a in "$@"; do [ "$prev" = "-o" ] && out=$a; prev=$a; done' \
  "exec /usr/bin/time -a -o '$log' -f \"%U %S \$out\" \"\$@\"" >"$launcher"
chmod +x "$launcher"
: >"$log"
# shellcheck disable=SC2086 # CMAKE_ARGS is a list of arguments
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER_LAUNCHER="$launcher" -DCAWS_GATE_UNITY_BUILD=ON ${CMAKE_ARGS:-} >/dev/null
start=$(date +%s.%N)
CCACHE_DISABLE=1 cmake --build "$build_dir" -j2 --target caws-gate >/dev/null
wall=$(awk -v start="$start" -v end="$(date +%s.%N)" 'BEGIN { print end - start }')

# The heavy header each object's source includes, from the dependency files Ninja keeps.
heavy() {
  local deps
  deps=$(ninja -C "$build_dir" -t deps "$1" 2>/dev/null)
  for header in CLI/CLI.hpp simdjson.h nlohmann/json.hpp kainjow/mustache.hpp boost/math Eigen/; do
    if grep -q "$header" <<<"$deps"; then echo "$header"; return; fi
  done
  echo "none"
}
echo "CPU time of the $(wc -l <"$log") compilations of the caws-gate target:"
awk -v wall="$wall" '{ cpu += $1 + $2 }
  END { printf "  %.1f min (user + sys), in %.1f min of wall time (-j2)\n", cpu / 60, wall / 60 }' "$log"
echo "by the heavy header they include (compilations, CPU seconds, seconds per compilation):"
while read -r user sys object; do
  echo "$(heavy "$object") $user $sys"
done <"$log" | awk '{ n[$1]++; t[$1] += $2 + $3 }
  END { for (h in n) printf "  %-22s %4d %7.0f %6.1f\n", h, n[h], t[h], t[h] / n[h] }' |
  sort -k3 -rn
echo "the slowest compilations (CPU seconds):"
awk '{ printf "  %6.1f %s\n", $1 + $2, $3 }' "$log" | sort -rn | head -n 15
