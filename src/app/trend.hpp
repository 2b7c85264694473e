#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/exit_code.hpp"
#include "app/report_document.hpp"
#include "trend/analysis.hpp"

namespace caws::app {

// An analysis of history files for drift and change points.
struct TrendRequest {
    std::vector<std::string> histories;  // history files (JSON lines), oldest first
    std::optional<std::string> metric;   // only metrics whose name matches this glob
    std::optional<std::size_t> last;     // only the newest N runs of each metric
    std::optional<std::string> gate;     // the gate file whose "trend" section sets levels
    // What fails the gate: "degrading" and "change-point" fail, the kinds not listed only
    // warn, "none" fails nothing. Empty: the levels of the gate file or the defaults.
    std::vector<std::string> fail_on;
    // A change point gates when it is among the newest K runs; replaces the gate file's.
    std::optional<std::size_t> recent;
    trend::Options analysis;  // change-point method and its settings
};

// The trend report, which holds the trends found (each series cut to its newest values).
struct TrendResult {
    trend::GateRules rules;                   // the levels the trends were gated with
    model::Level level = model::Level::pass;  // the highest level among the trends
    ExitCode exit_code = k_exit_pass;         // k_exit_fail when `level` fails
    TrendReportDocument report;               // "caws-gate/trend@1"
};

// Reads every history (all before any analysis), gathers the series and analyses them.
// The levels start from the defaults (a change point fails, a degrading drift warns),
// then the gate file's "trend" section (read_gate_file: the request's, else
// gates/default.json when it exists), then `recent` and `fail_on`. Writes nothing.
// Throws util::Error for an unreadable or invalid history or gate file.
TrendResult run_trend(const TrendRequest& request);

}  // namespace caws::app
