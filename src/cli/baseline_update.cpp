#include "cli/baseline_update.hpp"

#include <ostream>

#include "cli/compare_options.hpp"
#include "cli/inputs.hpp"

namespace caws::cli {
namespace {

// The findings that fail the gate, one per line.
std::string finding_lines(const std::vector<model::Finding>& findings) {
    std::string text;
    for (const model::Finding& finding : findings) text += "  " + finding.message + "\n";
    return text;
}

}  // namespace

void add_update_options(CLI::App& command, app::UpdateRequest& request) {
    command.add_option("results", request.results, "Results files of the accepted run")
        ->required()
        ->type_name("RESULTS...");
    command.add_option("--suite", request.suite,
                       "Suite name (default: the first results file's name without extension)");
    command.add_option("--dir", request.directory, "Baselines directory")->capture_default_str();
    command
        .add_option("--policy", request.policy,
                    "replace: the baseline is this run; rolling:N: it pools the samples of the "
                    "last N accepted runs (kept in DIR/history/SUITE.runs/)")
        ->capture_default_str();
    command
        .add_option("--history-limit", request.history_limit,
                    "Keep only the newest N lines of DIR/history/SUITE.jsonl")
        ->type_name("N");
    command.add_flag("--no-history", request.no_history,
                     "Do not append the run to DIR/history/SUITE.jsonl");
    command.add_flag("--accept-regressions", request.accept_regressions,
                     "Take the run even when it fails the gate against the current baseline");
    command
        .add_option("--lock-timeout", request.lock_timeout,
                    "Seconds to wait for another update of the suite (DIR/SUITE.lock)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    add_input_options(command, request.inputs);
    add_statistics_options(command, request.statistics);
}

int run_update(const app::UpdateRequest& request, const Io& io) {
    const app::UpdateResult result = app::run_baseline_update(request, io.environment);
    const std::size_t count = result.failing.size();
    if (result.exit_code != app::k_exit_pass) {
        io.err << "caws-gate: refused to update " << result.baseline_path
               << ": the run fails the gate against it (" << count << " finding"
               << (count == 1 ? "" : "s") << "):\n"
               << finding_lines(result.failing)
               << "Nothing was written. Pass --accept-regressions to take the run anyway.\n";
        return result.exit_code;
    }
    if (count > 0) {
        io.err << "caws-gate: warning: taking a run that fails the gate against "
               << result.baseline_path << " (--accept-regressions):\n"
               << finding_lines(result.failing);
    }
    if (result.already_recorded) {
        io.out << "caws-gate: " << result.history_path << " already ends with this run (measured "
               << result.recorded_date << "), taken into " << result.baseline_path
               << " before: nothing to do\n";
        return app::k_exit_pass;
    }
    io.out << "caws-gate: wrote " << result.baseline_path << ": " << result.metrics
           << " metrics from " << request.results.size() << " file(s)";
    if (!result.commit.empty()) io.out << ", commit " << result.commit.substr(0, 12);
    if (result.policy.kind == store::UpdatePolicy::Kind::rolling) {
        io.out << ", pooling " << result.pooled_runs << " of " << result.policy.runs << " runs";
    }
    io.out << "\n";
    if (result.history_lines) {
        io.out << "caws-gate: wrote " << result.history_path << ": " << *result.history_lines
               << " run(s)\n";
    }
    return app::k_exit_pass;
}

}  // namespace caws::cli
