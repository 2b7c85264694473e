#!/usr/bin/env bash
# Where the compilation of the caws-gate target spends its time: builds it in a fresh
# directory with ccache off, timing every compilation with /usr/bin/time, then prints
# the CPU time (user + sys) of the whole build, that of the sources that include each
# heavy header (a source counts under the first of the list it includes), and the
# slowest sources. CPU time, not wall time, so that a busy machine changes the figures
# less. Needs /usr/bin/time (Debian package time). See docs/performance.md, "The first
# run".
#   bash scripts/compile-times.sh [BUILD_DIR]    (default: a temporary directory)
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
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER_LAUNCHER="$launcher" >/dev/null
CCACHE_DISABLE=1 cmake --build "$build_dir" -j2 --target caws-gate >/dev/null

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
awk '{ cpu += $1 + $2 } END { printf "  %.1f min (user + sys)\n", cpu / 60 }' "$log"
echo "by the heavy header they include (sources, CPU seconds, seconds per source):"
while read -r user sys object; do
  echo "$(heavy "$object") $user $sys"
done <"$log" | awk '{ n[$1]++; t[$1] += $2 + $3 }
  END { for (h in n) printf "  %-22s %4d %7.0f %6.1f\n", h, n[h], t[h], t[h] / n[h] }' |
  sort -k3 -rn
echo "the slowest sources (CPU seconds):"
awk '{ printf "  %6.1f %s\n", $1 + $2, $3 }' "$log" | sort -rn | head -n 15
