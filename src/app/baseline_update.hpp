#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "app/exit_code.hpp"
#include "app/input_request.hpp"
#include "app/statistics_request.hpp"
#include "compare/between_run.hpp"
#include "model/run.hpp"
#include "model/verdict.hpp"
#include "store/baseline_file.hpp"
#include "store/update_policy.hpp"
#include "util/environment.hpp"

namespace caws::app {

// An update of a suite's baseline from an accepted run.
struct UpdateRequest {
    std::vector<std::string> results;          // the run's results files
    std::optional<std::string> suite;          // default: default_suite of the first file
    std::string directory = "baselines";       // of DIR/SUITE.json and DIR/history/
    std::string policy = "replace";            // "replace" or "rolling:N"
    std::optional<std::string> history_limit;  // keep only the newest N history lines
    bool no_history = false;                   // do not append to the history
    bool accept_regressions = false;           // take a run that fails the guard
    double lock_timeout = 60;                  // seconds to wait for DIR/SUITE.lock
    InputRequest inputs;
    StatisticsRequest statistics;  // of the guard's comparison
    // The between-run noise of the suite's history, which the guard uses as `check` does.
    compare::BetweenRunOptions between_run;
};

// What an update did.
struct UpdateResult {
    // k_exit_fail: the run fails the gate against the current baseline and regressions
    // were not accepted; nothing was written.
    ExitCode exit_code = k_exit_pass;
    std::string baseline_path;
    std::string history_path;
    // The guard's failing findings (level fail), in the verdict's order; empty when the run
    // passes or the suite had no baseline.
    std::vector<model::Finding> failing;
    store::UpdatePolicy policy;
    std::size_t metrics = 0;      // metrics of the run
    std::string commit;           // of the run's provenance; empty when unknown
    std::size_t pooled_runs = 0;  // runs the new baseline pools (rolling:N)
    // Lines of the history file written; nullopt when no history was written.
    std::optional<std::size_t> history_lines;
    // The run is the history's newest run already (the update was made before): nothing
    // was written but the removal of an interrupted update's leftovers. Its date.
    bool already_recorded = false;
    std::string recorded_date;
};

// The date of a run's history line: when the run was measured, as its context says, else
// the provenance's date (now, or SOURCE_DATE_EPOCH). `check` dates the candidate's point
// of a trend the same way.
std::string history_date(const model::Run& run, const store::Provenance& provenance);

// Checks the request and reads the results, locks the suite, guards the baseline against a
// run that fails the gate (nothing written unless `accept_regressions`), and writes the
// new baseline, pooled runs and history line (store/suite_update.hpp). The provenance
// (date, commit, branch) comes from `environment`. Throws util::Error for a bad request or
// input, before anything is written.
UpdateResult run_baseline_update(const UpdateRequest& request,
                                 const util::Environment& environment);

}  // namespace caws::app
