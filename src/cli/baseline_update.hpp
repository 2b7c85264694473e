#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/compare_options.hpp"
#include "cli/inputs.hpp"
#include "model/run.hpp"
#include "store/baseline_file.hpp"

namespace caws::cli {

// `caws-gate baseline update` as typed on the command line.
struct UpdateOptions {
    std::vector<std::string> results;
    std::optional<std::string> suite;
    std::string directory = "baselines";
    std::string policy = "replace";            // --policy replace|rolling:N
    std::optional<std::string> history_limit;  // --history-limit N
    bool no_history = false;                   // --no-history
    bool accept_regressions = false;           // --accept-regressions
    double lock_timeout = 60;                  // --lock-timeout SECONDS
    InputRequest inputs;
    StatisticsRequest statistics;
};

// The date of a run's history line: when the run was measured, as its context says, else
// the provenance's date (now, or SOURCE_DATE_EPOCH). `check` dates the candidate's point
// of a trend the same way.
std::string history_date(const model::Run& run, const store::Provenance& provenance);

// Adds the options of `baseline update` to its subcommand.
void add_update_options(CLI::App& command, UpdateOptions& options);

// Reads the results, locks the suite, guards the baseline against a run that fails the
// gate (exit 1, nothing written, unless --accept-regressions), and writes the new
// baseline, pooled runs and history line (store/suite_update.hpp).
int run_update(const UpdateOptions& options, const Io& io);

}  // namespace caws::cli
