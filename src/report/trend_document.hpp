#pragma once

// The trend report (caws-gate/trend@1) as plain values: what build_trend_report and
// build_trend_section produce, what write_trend_report writes as JSON (the text of
// `caws-gate trend --json` and of a check report's "trends" section) and what the trend
// views read. A check of 20,000 benchmarks holds its trends here, not as a JSON tree.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/comparison.hpp"
#include "trend/analysis.hpp"

namespace caws::report {

// The newest values of a series that a trend report keeps (and its Markdown charts): the
// history file has them all, and the whole series of 5,000 metrics over 1,000 runs would
// make a report of half a gigabyte.
inline constexpr std::size_t k_trend_report_points = 100;

// One metric of a trend report: its trend, whose series keeps only its newest values (at
// most k_trend_report_points; `series.runs` parallel to them, `series.labels` the table
// they index, none when the runs are not listed).
struct TrendReportEntry {
    trend::Trend trend;
    std::size_t first = 0;       // position in the whole series of the first value kept
    std::size_t run_offset = 0;  // where the series' table of runs starts in TrendReport::runs

    // Values in the whole series ("n").
    std::size_t n() const { return first + trend.series.values.size(); }
};

struct TrendReport {
    model::Level verdict = model::Level::pass;
    std::vector<std::string> histories;
    // "options": the analysis's settings and gate rules as the report spells them (a dozen
    // values; the views read its "method" and "rules/min_magnitude").
    nlohmann::ordered_json options = nlohmann::ordered_json::object();
    std::vector<TrendReportEntry> trends;
    std::vector<trend::RunLabel> runs;  // the runs the series index, each table once
    // What `check` adds in its report's section: the runs of the history file, and whether
    // the checked run is the newest point of every series. None in a trend report.
    std::optional<std::size_t> history_runs;
    std::optional<bool> includes_candidate;
    // A section read back from a report file (read_trend_section): its JSON as the file
    // held it, which a JSON report written again repeats unchanged (keys of other versions
    // included). The values above are then what the views need of it.
    std::optional<nlohmann::ordered_json> as_read;
};

}  // namespace caws::report
