#include "cli/baseline_update.hpp"

#include <charconv>
#include <ostream>

#include "cli/cli.hpp"
#include "compare/comparator.hpp"
#include "gate/policy.hpp"
#include "ingest/results.hpp"
#include "store/suite_lock.hpp"
#include "store/suite_update.hpp"
#include "util/error.hpp"

namespace caws::cli {
namespace {

std::optional<std::size_t> parse_history_limit(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    std::size_t limit = 0;
    const char* end = text->data() + text->size();
    const auto [stop, error] = std::from_chars(text->data(), end, limit);
    if (text->empty() || error != std::errc() || stop != end || limit < 1) {
        throw util::Error("--history-limit", {},
                          "expected a whole number of runs of at least 1, got \"" + *text + "\"");
    }
    return limit;
}

// The findings that fail the gate, one per line.
std::string failing_findings(const model::Verdict& verdict, std::size_t* count) {
    std::string text;
    *count = 0;
    for (const model::Finding& finding : verdict.findings) {
        if (finding.level != model::Level::fail) continue;
        ++*count;
        text += "  " + finding.message + "\n";
    }
    return text;
}

}  // namespace

std::string history_date(const model::Run& run, const store::Provenance& provenance) {
    if (const auto measured = util::parse_date(run.context.date)) {
        return util::format_utc(*measured);
    }
    return provenance.created;
}

void add_update_options(CLI::App& command, UpdateOptions& options) {
    command.add_option("results", options.results, "Results files of the accepted run")
        ->required()
        ->type_name("RESULTS...");
    command.add_option("--suite", options.suite,
                       "Suite name (default: the first results file's name without extension)");
    command.add_option("--dir", options.directory, "Baselines directory")->capture_default_str();
    command
        .add_option("--policy", options.policy,
                    "replace: the baseline is this run; rolling:N: it pools the samples of the "
                    "last N accepted runs (kept in DIR/history/SUITE.runs/)")
        ->capture_default_str();
    command
        .add_option("--history-limit", options.history_limit,
                    "Keep only the newest N lines of DIR/history/SUITE.jsonl")
        ->type_name("N");
    command.add_flag("--no-history", options.no_history,
                     "Do not append the run to DIR/history/SUITE.jsonl");
    command.add_flag("--accept-regressions", options.accept_regressions,
                     "Take the run even when it fails the gate against the current baseline");
    command
        .add_option("--lock-timeout", options.lock_timeout,
                    "Seconds to wait for another update of the suite (DIR/SUITE.lock)")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    add_input_options(command, options.inputs);
    add_statistics_options(command, options.statistics);
}

int run_update(const UpdateOptions& options, const Io& io) {
    // Check the command line and read every input before anything is locked or written.
    const store::UpdatePolicy policy = store::parse_update_policy(options.policy);
    store::HistoryOptions history;
    history.write = !options.no_history;
    history.limit = parse_history_limit(options.history_limit);
    if (options.no_history && history.limit) {
        throw util::Error("--history-limit", {}, "cannot be combined with --no-history");
    }
    const compare::Options compare_options = comparison_options(options.statistics);
    const std::string suite = options.suite.value_or(default_suite(options.results.front()));
    store::check_suite_name(suite);
    model::Run run =
        ingest::read_results(options.results, options.inputs.format, read_options(options.inputs));
    const store::Provenance provenance = store::collect_provenance(io.environment);
    const std::string date = history_date(run, provenance);

    const store::SuiteLock lock(store::lock_path(options.directory, suite), options.lock_timeout);
    const store::SuiteFiles files = store::read_suite_files(
        options.directory, suite, policy.kind == store::UpdatePolicy::Kind::rolling, history.write);

    // The guard: a run that fails the gate against the current baseline is not taken.
    if (files.baseline) {
        const model::Verdict verdict =
            gate::evaluate(compare::compare_runs(files.baseline->run, run, compare_options));
        if (verdict.level == model::Level::fail) {
            std::size_t count = 0;
            const std::string findings = failing_findings(verdict, &count);
            if (!options.accept_regressions) {
                io.err << "caws-gate: refused to update " << files.baseline_path
                       << ": the run fails the gate against it (" << count << " finding"
                       << (count == 1 ? "" : "s") << "):\n"
                       << findings
                       << "Nothing was written. Pass --accept-regressions to take the run "
                          "anyway.\n";
                return k_exit_fail;
            }
            io.err << "caws-gate: warning: taking a run that fails the gate against "
                   << files.baseline_path << " (--accept-regressions):\n"
                   << findings;
        }
    }

    const std::size_t metrics = run.metrics.size();
    const store::SuiteUpdate update =
        store::plan_update(files, std::move(run), provenance, policy, history, date);
    store::apply_update(files, update);

    io.out << "caws-gate: wrote " << files.baseline_path << ": " << metrics << " metrics from "
           << options.results.size() << " file(s)";
    if (!provenance.commit.empty()) io.out << ", commit " << provenance.commit.substr(0, 12);
    if (policy.kind == store::UpdatePolicy::Kind::rolling) {
        io.out << ", pooling " << update.baseline.provenance.runs.size() << " of " << policy.runs
               << " runs";
    }
    io.out << "\n";
    if (update.history_text) {
        io.out << "caws-gate: wrote " << files.history_path << ": " << update.history_lines
               << " run(s)\n";
    }
    return k_exit_pass;
}

}  // namespace caws::cli
