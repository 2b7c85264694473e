#!/usr/bin/env bash
# Runs one libFuzzer target built with -DCAWS_GATE_FUZZ=ON (docs/security.md, "Fuzzing").
#   bash tests/fuzz/run.sh TARGET [SECONDS]   fuzz for SECONDS (default 600)
#   bash tests/fuzz/run.sh TARGET merge [MAX_BYTES]
#       minimise what was found into the committed corpus, tests/fuzz/corpus/TARGET: of
#       the inputs no larger than MAX_BYTES (default 1024), those that reach new edges
#       (not new hit counts, which keeps the corpus to a few hundred KB)
# FUZZ_BUILD_DIR (default build-fuzz) holds the targets; FUZZ_WORK_DIR (default
# /tmp/caws-gate-fuzz) the growing corpus, the seeds, crash artifacts and the log.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: run.sh TARGET [SECONDS|merge]}
mode=${2:-600}
binary=${FUZZ_BUILD_DIR:-build-fuzz}/tests/fuzz/$target
work=${FUZZ_WORK_DIR:-/tmp/caws-gate-fuzz}/$target
committed=tests/fuzz/corpus/$target
[ -x "$binary" ] || { echo "no $binary: build with -DCAWS_GATE_FUZZ=ON" >&2; exit 2; }
mkdir -p "$work/corpus" "$work/artifacts" "$committed"

if [ "$mode" = merge ]; then
  max_bytes=${3:-1024}
  rm -rf "$work/merged" "$work/small" && mkdir -p "$work/merged" "$work/small"
  for from in "$committed" "$work/corpus"; do  # one cp per folder: names repeat (content hashes)
    find "$from" -type f -size -$((max_bytes + 1))c -exec cp -f -t "$work/small" {} +
  done
  "$binary" -merge=1 -use_counters=0 -timeout=10 -rss_limit_mb=2048 "$work/merged" "$work/small" \
    2>&1 | grep "MERGE-OUTER: .* new files"
  # Inputs that once failed stay, under their names, whatever coverage they add.
  find "$committed" -maxdepth 1 -type f -name 'regression-*' -exec cp -f -t "$work/merged" {} +
  rm -rf "$committed" && mv "$work/merged" "$committed"
  echo "$committed: $(find "$committed" -type f | wc -l) inputs, $(cat "$committed"/* | wc -c) bytes"
  exit 0
fi

rm -rf "$work/seeds"
python3 tests/fuzz/make_seeds.py "$work/seeds" >/dev/null
seeds=()
[ -d "$work/seeds/$target" ] && seeds=("$work/seeds/$target")
dict=()
[ -f "tests/fuzz/$target.dict" ] && dict=("-dict=tests/fuzz/$target.dict")
status=0
"$binary" -max_total_time="$mode" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "${dict[@]}" "$work/corpus" "$committed" "${seeds[@]}" \
  >"$work/fuzz.log" 2>&1 || status=$?
grep -E "INITED|DONE|ERROR|SUMMARY|Test unit written|stat::" "$work/fuzz.log" || true
exit "$status"
