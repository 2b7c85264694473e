#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "trend/analysis.hpp"

namespace caws::report {

// What `check` analysed of its suite's history, for the report's "trends" section.
struct TrendSectionInput {
    std::string history;  // the history file, as found or given
    const std::vector<trend::Trend>* trends = nullptr;
    trend::Options options;
    trend::GateRules rules;
    std::size_t last = 0;             // at most this many of the newest runs were analysed
    std::size_t history_runs = 0;     // runs (lines) in the history file
    bool includes_candidate = false;  // the checked run is the newest point of every series
};

// The "trends" section of a check report (caws-gate/report@1): a trend report
// (caws-gate/trend@1, build_trend_report, the shape `caws-gate trend --json` writes) of
// the history, with `history_runs` and `includes_candidate` added. Deterministic.
nlohmann::ordered_json build_trend_section(const TrendSectionInput& input);

// Checks the "trends" section of a report read back, when there is one: the shape its
// renderers read. Throws util::Error naming `path` and the JSON pointer of the first value
// that is wrong, with what was expected.
void check_trend_section(const nlohmann::ordered_json& report, const std::string& path);

}  // namespace caws::report
