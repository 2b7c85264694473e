#pragma once

// Inputs the use-case tests share: small Google Benchmark runs written to a directory.

#include <string>
#include <utility>
#include <vector>

#include "support/temp_dir.hpp"

namespace caws::test {

// Writes dir/name: Google Benchmark JSON with ten repetitions of each (benchmark, ns),
// spread by 0.1% per repetition, and returns its path.
std::string write_benchmarks(const TempDir& dir, const std::string& name,
                             const std::vector<std::pair<std::string, double>>& benchmarks);

}  // namespace caws::test
