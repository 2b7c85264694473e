#pragma once

#include <string>

#include "app/input_request.hpp"
#include "app/statistics_request.hpp"
#include "app/verdict_report.hpp"
#include "util/environment.hpp"

namespace caws::app {

// A comparison of two runs by hand, without a gate file.
struct CompareRequest {
    std::string old_path;  // a caws-gate baseline file or results file
    std::string new_path;  // likewise
    InputRequest inputs;   // how results files (not baseline files) are read
    StatisticsRequest statistics;
};

// The verdict (classes and levels under the default policy, scores, recommendations) and
// the report ("command": "compare", not gated). A comparison never fails: the command
// exits 0 whatever the verdict.
using CompareResult = VerdictReport;

// Reads both sides, compares them with the default policy and builds the report. A
// baseline file's creation date, counted to `environment.now()`, ages it in the scores.
// Writes nothing. Throws util::Error for an unreadable or invalid side.
CompareResult run_compare(const CompareRequest& request, const util::Environment& environment);

}  // namespace caws::app
