#pragma once

// The tail every use case that compares two runs shares: compare and gate, then (after
// any findings of its own) scores, recommendations and the report. `check` and `compare`
// go through it whole; a use case that compares differently (paired rounds, a confirming
// rerun) builds its verdict its own way and still ends with finish_verdict.

#include <cstdint>
#include <optional>
#include <string>

#include "app/gate_setup.hpp"
#include "app/report_document.hpp"
#include "compare/between_run.hpp"
#include "model/run.hpp"
#include "model/verdict.hpp"
#include "store/baseline_file.hpp"

namespace caws::app {

// The two runs of a comparison and what the report names the older one. The runs stay
// with the caller and must outlive the calls they are passed to.
struct ComparedRuns {
    const model::Run* baseline = nullptr;
    std::string baseline_label;  // the baseline file, or the older results file
    // Set for a baseline file: its creation date ages the baseline in the scores.
    std::optional<store::Provenance> baseline_provenance;
    const model::Run* candidate = nullptr;
};

// The verdict on the runs: with a gate file, its rules, budgets, required metrics and
// waivers (waivers dated by `now`, Unix seconds); without one, the default policy. The
// baseline's samples are searched for a step within its run when it is one run.
model::Verdict compare_and_gate(const ComparedRuns& runs, const GateSetup& setup, std::int64_t now);

// What the report says besides the verdict.
struct ReportContext {
    std::string command = "check";               // the report's "command"
    bool gated = true;                           // false: classes shown, no verdict (`compare`)
    std::optional<TrendSectionDocument> trends;  // the "trends" section, when analysed
    std::optional<report::PairedRounds> rounds;  // `ab`: the rounds compared as pairs
    // `check`: the between-run noise of the suite's history, known or not; it counts in
    // the trust score and the recommendations, and the report says what it was.
    std::optional<compare::BetweenRunSummary> between_run;
    const model::Run* rerun = nullptr;  // `check --confirm`: the rerun, for the "confirm" section
};

// A verdict with its scores and recommendations, and the report built from it. The
// comparisons are the report's (`report.comparisons`): they are moved there, not copied,
// and `verdict.comparisons` is left empty.
struct VerdictReport {
    model::Verdict verdict;
    ReportDocument report;
};

// Adds the interference findings (gate/interference.hpp), computes the scores into the
// verdict (failing it when a score is below the setup's minimum; the baseline's age counted
// to `now`), adds the recommendations, then builds the report with the geometric mean of
// the ratios. Findings that the scores and
// recommendations should see (leaks, trends) must already be in `verdict`.
VerdictReport finish_verdict(model::Verdict verdict, const ComparedRuns& runs,
                             const GateSetup& setup, ReportContext context, std::int64_t now);

}  // namespace caws::app
