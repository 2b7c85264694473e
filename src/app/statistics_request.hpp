#pragma once

#include <cstdint>
#include <string>

#include "compare/comparator.hpp"

namespace caws::app {

// The statistics of a comparison by name, as `check`, `compare`, `table` and
// `baseline update` take them.
struct StatisticsRequest {
    std::string test = "auto";      // compare::test_names()
    std::string correction = "bh";  // compare::correction_names()
    std::string ci = "hl";          // compare::ci_method_names()
    double confidence = 0.95;       // of the intervals, between 0 and 1 (exclusive)
    std::uint64_t seed = 0;         // of the bootstrap resampling
    bool drop_outliers = false;     // remove values outside Tukey's fences first
};

// The comparison options for a request. Throws util::Error, located at the option's
// name ("--test"), for an unknown name or a confidence outside (0, 1).
compare::Options comparison_options(const StatisticsRequest& request);

}  // namespace caws::app
