#pragma once

#include <string>
#include <utility>
#include <vector>

namespace caws::test {

// Google Benchmark JSON (the shape of --benchmark_format=json with repetitions) for
// benchmarks given as (name, per-repetition times in ns); real_time equals cpu_time.
std::string google_benchmark_json(
    const std::vector<std::pair<std::string, std::vector<double>>>& benchmarks);

}  // namespace caws::test
