#pragma once

#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "compare/comparator.hpp"

namespace caws::cli {

// The statistics options shared by `check` and `compare`, as typed on the command line.
struct StatisticsRequest {
    std::string test = "auto";      // --test
    std::string correction = "bh";  // --correction
    std::string ci = "hl";          // --ci
    double confidence = 0.95;       // --confidence
    std::uint64_t seed = 0;         // --seed
    bool drop_outliers = false;     // --drop-outliers
};

// Adds --test, --correction, --ci, --confidence, --seed and --drop-outliers. Values outside
// their sets or ranges are parse errors (exit 2) naming the option and the allowed values.
void add_statistics_options(CLI::App& command, StatisticsRequest& request);

// The comparison options for a request. Throws util::Error for a value that the parser
// did not already reject.
compare::Options comparison_options(const StatisticsRequest& request);

}  // namespace caws::cli
