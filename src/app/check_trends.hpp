#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/report_document.hpp"
#include "compare/comparator.hpp"
#include "gate/gate_file.hpp"
#include "model/run.hpp"
#include "store/history_file.hpp"
#include "trend/analysis.hpp"
#include "util/environment.hpp"

namespace caws::app {

// How `check` finds and limits its suite's history.
struct CheckTrendRequest {
    std::optional<std::string> history;  // the history file (default: baseline_history)
    bool disabled = false;               // no history is analysed
    std::size_t last = 100;              // analyse only the newest N runs, the candidate's too
};

// The history next to a baseline file, where `baseline update` appends to it
// (store::history_path): "DIR/history/SUITE.jsonl" for "DIR/SUITE.json",
// "history/SUITE.jsonl" for "SUITE.json". None when the file's name is not a suite name:
// no update writes a history for it.
std::optional<std::string> baseline_history(const std::string& baseline_path);

// A suite's history as `check` reads it, once, for the between-run noise and the trends.
struct CheckHistory {
    std::string path;
    store::HistoryTable table;
    // The candidate as `baseline update` would record it (summarised and dated), and
    // whether the history's newest line already is that run (a nightly job checking
    // the run it just recorded).
    store::HistoryEntry candidate;
    bool recorded = false;
};

// Reads the history of the run being checked: `request.history`, else the history next
// to the baseline when it exists; nothing without a history. It is read even under
// `--no-trends` (`request.disabled`), for its between-run noise. Throws util::Error for
// an unreadable or invalid history. The candidate is added by add_candidate_point (the
// history can be read while the candidate is).
std::optional<CheckHistory> read_check_history(const CheckTrendRequest& request,
                                               const std::string& baseline_path);

// Adds the run being checked to a history read_check_history read, as its newest point;
// its date and commit come from `environment`.
void add_candidate_point(CheckHistory& history, const model::Run& candidate,
                         const util::Environment& environment);

// The trends of a check: the history analysed and the report's "trends" section.
struct CheckTrends {
    std::string history;
    TrendSectionDocument section;
};

// Analyses the history of the run being checked (read_check_history), which it consumes.
// The candidate joins every series as its newest point, summarised and dated as `baseline
// update` would record it (unless the history's newest line already is that run), and
// only the newest `request.last` runs are analysed. Levels come from the gate file's trend
// section, else check_trend_rules' defaults (warn). Change points are classed with
// `compare_options.thresholds`. A metric that the verdict's comparisons compare without
// gating it (a second clock, a derived rate) has its trend reported, not gated. The
// trends' findings are added to `verdict`, and the trends are taken into the section.
CheckTrends analyse_check_history(const CheckTrendRequest& request, CheckHistory history,
                                  const std::optional<gate::Gate>& gate,
                                  const compare::Options& compare_options, model::Verdict& verdict);

}  // namespace caws::app
