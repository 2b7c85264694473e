#pragma once

#include <string>
#include <utility>
#include <vector>

namespace caws::test {

// How google_benchmark_json orders the benchmarks' rows.
enum class GbenchOrder {
    // Each benchmark's repetitions together, in the order given, without family_index: as
    // Google Benchmark wrote before it could interleave repetitions (read as back to back).
    legacy,
    // Each benchmark's repetitions together, with family_index counting down the order
    // given: as random interleaving writes them, out of registration order.
    interleaved,
};

// Google Benchmark JSON (the shape of --benchmark_format=json with repetitions) for
// benchmarks given as (name, per-repetition times in ns); real_time equals cpu_time.
std::string google_benchmark_json(
    const std::vector<std::pair<std::string, std::vector<double>>>& benchmarks,
    GbenchOrder order = GbenchOrder::legacy);

}  // namespace caws::test
