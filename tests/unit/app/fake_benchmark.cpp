#include "unit/app/fake_benchmark.hpp"

#include <sys/stat.h>

#include "exec/command_line.hpp"

namespace caws::test {
namespace {

constexpr const char* k_script_body = R"(
out=$1; side=$2; fail_at=${3:-0}
n=$(cat "$dir/$side.runs" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$dir/$side.runs"
if [ "$n" = "$fail_at" ]; then
  echo "reading input.dat" >&2
  echo "error: input.dat: No such file or directory" >&2
  exit 1
fi
d=$((900 + (n * 37) % 200))
if [ "$side" = head ]; then jitter=$((n % 3)); crc=210; hash=130; else jitter=$(((n + 1) % 3)); crc=100; hash=100; fi
row() {
  printf '{"name": "%s", "run_name": "%s", "run_type": "iteration", "repetitions": 1, ' "$1" "$1"
  printf '"repetition_index": 0, "threads": 1, "iterations": 1000, "real_time": %s, ' "$2"
  printf '"cpu_time": %s, "time_unit": "ns"}' "$2"
}
{
  printf '{"context": {"host_name": "ci", "num_cpus": 2, "library_build_type": "release"}, '
  printf '"benchmarks": ['
  row BM_Crc $((crc * d + jitter * 20)); printf ', '
  row BM_Hash $((hash * d + jitter * 20)); printf ', '
  row BM_Same $((100 * d + jitter * 20)); printf ']}\n'
} > "$out"
)";

}  // namespace

FakeBenchmark::FakeBenchmark() {
    script_ = dir_.write("bench.sh",
                         "#!/bin/sh\ndir=" + exec::shell_quote(dir_.path()) + "\n" + k_script_body);
    ::chmod(script_.c_str(), 0755);
}

std::string FakeBenchmark::command(const std::string& side, int fail_at) const {
    std::string text = exec::shell_quote(script_) + " {out} " + side;
    if (fail_at != 0) text += " " + std::to_string(fail_at);
    return text;
}

int FakeBenchmark::runs(const std::string& side) const {
    const std::string text = read_text(dir_.file(side + ".runs"));
    return text.empty() ? 0 : std::stoi(text);
}

}  // namespace caws::test
