#pragma once

// The JSON report (caws-gate/report@1) as plain values: what build_report produces,
// serialize_report writes and parse_report reads back, and what every report format is
// rendered from. to_json and from_json (report_document.cpp, and report_rows.cpp for the
// rows) are the one place that spells the report's keys; nothing else reads a report
// from JSON.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/between_run.hpp"
#include "compare/comparator.hpp"
#include "compare/geomean.hpp"
#include "model/run.hpp"
#include "model/verdict.hpp"
#include "report/trend_document.hpp"
#include "store/baseline_file.hpp"

namespace caws::report {

// Schema identifier of the JSON report. Keys may be added within a version; none of the
// stable core is renamed.
inline constexpr const char* k_report_schema = "caws-gate/report@1";

// "tool": the program that wrote the report.
struct ReportTool {
    std::string name;
    std::string version;
};

// "settings.ci": how the ratio intervals were computed.
struct CiSettings {
    std::string method = "hl";  // compare::to_string(CiMethod)
    double confidence = 0.95;
    std::size_t resamples = 2000;
};

// "settings": how the comparisons were computed. Reports written before the methods were
// recorded have only alpha and thresholds; the views describe the methods of that time
// for the settings they lack.
struct ReportSettings {
    double alpha = 0.05;
    compare::Thresholds thresholds;
    std::optional<std::string> test;        // compare::to_string(SignificanceTest)
    std::optional<std::string> correction;  // compare::to_string(Correction)
    std::optional<CiSettings> ci;
    std::optional<std::uint64_t> seed;
    std::optional<bool> drop_outliers;
    std::optional<double> power;  // target power of the power analysis, a fraction
};

// "summary". The optional counts are absent from reports written before they existed.
struct ReportSummary {
    std::optional<std::size_t> comparisons;
    // "counts": gated comparisons per class name, then "not_gated", in the report's order.
    std::vector<std::pair<std::string, std::size_t>> counts;
    std::optional<std::size_t> tested;
    std::optional<std::size_t> needs_repetitions;
    std::optional<compare::Geomean> geomean;  // null in the JSON when there is none
    // "benchmarks": the benchmarks compared (distinct names); "benchmark_counts": each
    // benchmark once, in the class of its gated measures (the worst when several are
    // gated), then "not_gated" for those without a gated measure. Absent from reports
    // written before benchmarks were counted.
    std::optional<std::size_t> benchmarks;
    std::vector<std::pair<std::string, std::size_t>> benchmark_counts;
    // "regressed_metrics": the metrics of the regressed benchmarks that got worse beyond
    // the noise, gated or not (compare::worse_beyond_noise): the rows behind "5 benchmarks
    // regressed (16 metrics)".
    std::optional<std::size_t> regressed_metrics;
};

// "gate_file": the gate file the verdict was reached with, as `check --gate FILE` named it
// (or gates/default.json), and the SHA-256 of its bytes (64 hex digits, what `sha256sum`
// prints). The report's `gate_file` is null when no gate file applied.
struct GateFileRef {
    std::string path;
    std::string sha256;
};

// "baseline" and "candidate": where one side's metrics came from.
struct ReportSide {
    std::string label;  // the baseline file or OLD results file; empty: no "label"
    std::vector<model::Source> sources;
    std::optional<store::Provenance> provenance;  // its created, commit and branch
    // The machine and build (store::context_to_json), carried for the report's readers and
    // never rendered; null: no "context".
    nlohmann::ordered_json context;
    std::optional<std::size_t> metrics;
};

// "rounds": how `ab` ran base and head, when the report compares interleaved rounds as
// pairs. Absent from every other report.
struct PairedRounds {
    std::string base_command;  // as given
    std::string head_command;
    std::size_t requested = 0;          // --rounds
    std::size_t run = 0;                // rounds that ran (fewer when --max-time stopped the run)
    std::optional<std::uint64_t> seed;  // the seed the order was drawn from
    std::string order;                  // the side that ran first in each round: "BH HB ..."
    bool stopped_by_max_time = false;
};

// "rerun": the benchmarks with a regression that the gate acts on (fails or warns), to
// rerun them alone and pass the rerun back to `check --confirm`. Only in gated reports
// (`check`, `ab`), and absent when no regression warns or fails.
struct RerunSection {
    std::string format;                   // the results' format; empty when they mix formats
    std::vector<std::string> benchmarks;  // deduplicated, failing ones first, in report order
    // The one argument that reruns them (rerun_filter.hpp); none: rerun the whole suite.
    std::optional<std::string> filter;
};

// "confirm": the rerun that `check --confirm` confirmed the regressions with. Absent from
// every other report.
struct ConfirmSection {
    ReportSide run;  // its sources, machine and number of metrics
    // Benchmarks with a regression in the first run that the rerun confirmed (in at least
    // one measure), and those it confirmed in none (now classed unchanged).
    std::size_t confirmed = 0;
    std::size_t not_confirmed = 0;
};

// A whole report. Its numbers are what the JSON keeps, so that a report renders the same
// before and after a trip through JSON: finite or absent, except comparison ratios and
// detectable ratios, which may be +infinity ("ratio_infinite").
struct Report {
    std::optional<ReportTool> tool;
    std::string command = "check";  // "check", "compare" or "ab"
    bool gated = true;              // false for `compare`: classes shown, no verdict
    model::Level verdict = model::Level::pass;
    std::optional<model::Scores> scores;
    std::optional<ReportSettings> settings;
    std::optional<GateFileRef> gate_file;  // none: the built-in defaults
    // False for a report written before "gate_file" was recorded: it says nothing of it.
    bool gate_file_recorded = true;
    ReportSummary summary;
    ReportSide baseline;
    ReportSide candidate;
    std::vector<model::Comparison> comparisons;
    std::vector<model::BudgetCheck> budgets;
    std::vector<model::Finding> findings;
    std::vector<model::Recommendation> recommendations;
    std::vector<std::string> notes;
    std::optional<PairedRounds> rounds;  // `ab` only
    // "between_run": what `check` knew of the runner's between-run noise from the suite's
    // history (compare/between_run.hpp); absent from the reports of other commands.
    std::optional<compare::BetweenRunSummary> between_run;
    // "trends": the trend report of the suite's history (trend_section.hpp), when check
    // analysed one: the typed trend report the trend command writes too (its JSON written
    // by write_trend_report, its views shared), never a JSON tree of its own.
    std::optional<TrendReport> trends;
    std::optional<RerunSection> rerun;
    std::optional<ConfirmSection> confirm;  // `check --confirm` only
};

// The JSON report, keys in the contract's order (and so `nlohmann::ordered_json json =
// report;`). Deterministic.
void to_json(nlohmann::ordered_json& json, const Report& report);

// The JSON report as text, two-space indented, ending with a newline: the text of
// to_json (`dump(2)`), written without building the tree.
std::string serialize_report(const Report& report);
// The same text handed to `write` in pieces of about a megabyte instead of returned whole
// (the report of a check of 20,000 benchmarks with its history's trends is over 100 MB).
void serialize_report(const Report& report, const std::function<void(std::string_view)>& write);

// Reads a JSON report back, checking the shape of everything a report holds. Keys that
// reports written by older versions lack are optional, and keys the stable core always
// had take their defaults when missing. Throws util::Error naming `path` and the JSON
// pointer of the first value that is wrong, with what was expected:
// "r.json: /summary/counts: expected an object, got a string".
Report from_json(const nlohmann::ordered_json& json, const std::string& path);

}  // namespace caws::report
