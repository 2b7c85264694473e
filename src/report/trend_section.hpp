#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/trend_document.hpp"
#include "trend/analysis.hpp"

namespace caws::report {

// What `check` analysed of its suite's history, for the report's "trends" section.
struct TrendSectionInput {
    std::string history;               // the history file, as found or given
    std::vector<trend::Trend> trends;  // taken into the section
    trend::Options options;
    trend::GateRules rules;
    std::size_t last = 0;             // at most this many of the newest runs were analysed
    std::size_t history_runs = 0;     // runs (lines) in the history file
    bool includes_candidate = false;  // the checked run is the newest point of every series
};

// The "trends" section of a check report (caws-gate/report@1): a trend report
// (caws-gate/trend@1, build_trend_report, what `caws-gate trend --json` writes) of the
// history, with `history_runs` and `includes_candidate` added. Deterministic.
TrendReport build_trend_section(TrendSectionInput input);

// The "trends" section of a report read back, when there is one, checked for the shape
// its views read: the values the views show, and the section's JSON as it was
// (TrendReport::as_read). Throws util::Error naming `path` and the JSON pointer of the
// first value that is wrong, with what was expected.
std::optional<TrendReport> read_trend_section(const nlohmann::ordered_json& report,
                                              const std::string& path);

}  // namespace caws::report
