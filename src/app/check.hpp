#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/check_trends.hpp"
#include "app/exit_code.hpp"
#include "app/gate_setup.hpp"
#include "app/input_request.hpp"
#include "app/statistics_request.hpp"
#include "app/verdict_report.hpp"
#include "compare/between_run.hpp"
#include "trend/leak.hpp"
#include "util/environment.hpp"

namespace caws::app {

// A check of a run against its suite's baseline.
struct CheckRequest {
    std::vector<std::string> results;     // the run's results files (at least one)
    std::optional<std::string> baseline;  // the baseline file (default: DIR/SUITE.json)
    std::optional<std::string> suite;     // default: default_suite of the first results file
    std::string directory = "baselines";  // DIR
    InputRequest inputs;
    StatisticsRequest statistics;
    GateRequest gate;
    trend::LeakOptions leaks;  // memory time series of the run
    // --leak-threshold; none: the gate file's `leak.threshold`, else leaks.threshold.
    std::optional<trend::LeakThreshold> leak_threshold;
    CheckTrendRequest trends;  // the suite's history
    // Which runs of the history give the runner's between-run noise, and how many are
    // enough (docs/statistics.md, "Between-run noise").
    compare::BetweenRunOptions between_run;
    // `--confirm`: the results files of an independent rerun (the whole suite, or only the
    // benchmarks of the report's rerun filter); when given, a regression counts only if
    // the rerun confirms it.
    std::vector<std::string> confirm;
};

// The verdict and report of a check, and what it read.
struct CheckResult : VerdictReport {
    ExitCode exit_code = k_exit_pass;    // k_exit_fail when the verdict fails
    std::string baseline_path;           // the baseline compared with
    std::optional<std::string> history;  // the history analysed, when there was one
    // Warnings for standard error, each starting with the file it is about; the report's
    // notes hold them too.
    std::vector<std::string> warnings;
};

// The whole check: reads the gate file, the results and the baseline (every input before
// anything else), compares and gates (a change inside the between-run noise of the suite's
// history is no regression), adds the leaks of the run's memory time series and
// the trends of the suite's history with the run as its newest point, then scores,
// recommends and builds the report. With `confirm`, the rerun is read and checked with the
// other inputs, the baseline is also compared with it, and only the regressions that the
// rerun confirms count (rerun_confirmation.hpp). The clock (waiver dates, the baseline's
// age) and the provenance of the run's history point come from `environment`. A baseline
// file whose name is not the suite it holds gives a warning (store::suite_name_mismatch).
// Writes nothing. Throws util::Error for bad input, naming the file and place.
CheckResult run_check(const CheckRequest& request, const util::Environment& environment);

}  // namespace caws::app
