#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "compare/comparator.hpp"
#include "compare/geomean.hpp"
#include "model/run.hpp"
#include "model/verdict.hpp"
#include "report/report_document.hpp"
#include "store/baseline_file.hpp"

namespace caws::report {

// Everything a report shows about one comparison of two runs.
struct ReportInput {
    std::string command = "check";  // "check", "compare" or "ab"
    bool gated = true;              // false for `compare`: classes shown, no verdict
    const model::Verdict* verdict = nullptr;
    const model::Run* baseline = nullptr;
    std::string baseline_label;  // the baseline file, or the OLD results file
    std::optional<store::Provenance> baseline_provenance;
    const model::Run* candidate = nullptr;
    compare::Options options;              // the settings the comparison used, shown in the report
    std::optional<GateFileRef> gate_file;  // the gate file applied; none: the built-in defaults
    // The summary row: compare::geometric_mean_of_ratios of the verdict's comparisons.
    std::optional<compare::Geomean> geomean;
    // The "trends" section (report/trend_section.hpp) when a history was analysed; without
    // one the report has no "trends" key.
    std::optional<TrendReport> trends;
    // How `ab` ran the rounds it compared as pairs; without it the report has no "rounds".
    std::optional<PairedRounds> rounds;
    // `check`: the between-run noise of the suite's history; without it the report has no
    // "between_run".
    std::optional<compare::BetweenRunSummary> between_run;
    // `check --confirm`: the rerun the verdict's regressions were confirmed with; without
    // it the report has no "confirm".
    const model::Run* rerun = nullptr;
    // When set (the verdict's own comparisons), build_report moves them into the report
    // instead of copying them, leaving the vector empty: a run of 20,000 benchmarks has
    // 40 MB of them.
    std::vector<model::Comparison>* comparisons_to_take = nullptr;
};

// The report (report_document.hpp): the contract from which every format is rendered.
// Deterministic: the same input gives the same report (no clock).
Report build_report(const ReportInput& input);
// The same, taking over the input's trend section instead of copying it (a large
// history's trends are tens of megabytes).
Report build_report(ReportInput&& input);

}  // namespace caws::report
