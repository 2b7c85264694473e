#pragma once

#include <cstddef>
#include <string>

namespace caws::bench {

// Google Benchmark JSON as the library writes it: `benchmarks` benchmarks of
// `repetitions` iteration rows each, times around 1 µs scaled by `factor`, with
// reproducible noise from `seed`.
std::string google_benchmark_json(std::size_t benchmarks, std::size_t repetitions, double factor,
                                  unsigned seed);

// The same layout with every `slow_every`-th benchmark (0: none) `slow_factor` times
// slower and the others unchanged.
std::string google_benchmark_json_slowed(std::size_t benchmarks, std::size_t repetitions,
                                         std::size_t slow_every, double slow_factor, unsigned seed);

// Writes `content` to a file under the system's temporary directory (once per name per
// process) and returns its path.
std::string temporary_file(const std::string& name, const std::string& content);

}  // namespace caws::bench
