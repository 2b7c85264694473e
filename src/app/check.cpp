#include "app/check.hpp"

#include <filesystem>

#include "app/check_between_run.hpp"
#include "app/leak.hpp"
#include "app/rerun_confirmation.hpp"
#include "store/baseline_file.hpp"
#include "trend/findings.hpp"
#include "util/error.hpp"
#include "util/file_io.hpp"
#include "util/parallel.hpp"

namespace caws::app {
namespace {

// The command that creates the missing baseline of `suite`.
std::string create_command(const CheckRequest& request, const std::string& suite) {
    return "caws-gate baseline update " + request.results.front() + " --suite " + suite +
           (request.directory == "baselines" ? std::string() : " --dir " + request.directory);
}

// Why DIR/SUITE.json is missing, and what to do: the suites the directory has (a check
// whose suite defaults to the results file's name usually meant one of them), else the
// update that creates it.
std::string missing_baseline_message(const CheckRequest& request, const std::string& suite) {
    const std::string missing = "no baseline for suite \"" + suite + "\"; ";
    const std::vector<std::string> suites = store::list_suites(request.directory);
    if (suites.empty()) {
        return missing + "create it with: " + create_command(request, suite) +
               " (or name one with --baseline FILE)";
    }
    std::string directory = request.directory;
    if (directory.back() != '/') directory += '/';
    std::string names;
    for (const std::string& name : suites) names += (names.empty() ? "" : ", ") + name;
    const std::string pass =
        suites.size() == 1 ? "pass --suite " + suites.front() : "pass one of them with --suite";
    return missing + directory + " has: " + names + "; " + pass +
           " (or create it with: " + create_command(request, suite) +
           ", or name one with --baseline FILE)";
}

// The baseline file: the one named, else DIR/SUITE.json, which must exist.
std::string baseline_path_of(const CheckRequest& request) {
    if (request.baseline) return *request.baseline;
    const std::string suite = request.suite.value_or(default_suite(request.results.front()));
    std::string path = store::baseline_path(request.directory, suite);
    if (!std::filesystem::exists(path)) {
        throw util::Error(path, {}, missing_baseline_message(request, suite));
    }
    return path;
}

}  // namespace

CheckResult run_check(const CheckRequest& request, const util::Environment& environment) {
    // Read and check every input before anything is compared.
    GateSetup setup = gate_setup(request.gate, request.statistics);
    // The results on one core, the baseline and its history on the other; errors are
    // reported in this order: results, rerun, baseline, history.
    model::Run candidate;
    std::optional<model::Run> rerun;
    std::string baseline_path;
    store::Baseline baseline;
    std::optional<CheckHistory> read;
    util::run_both(
        [&] {
            candidate = read_run(request.results, request.inputs);
            if (!request.confirm.empty()) {
                rerun = read_rerun(request.confirm, request.results, candidate, request.inputs);
            }
        },
        [&] {
            baseline_path = baseline_path_of(request);
            baseline = store::load_baseline(baseline_path);
            // The suite's history, read once: the runner's between-run noise, and the trends.
            read = read_check_history(request.trends, baseline_path);
        },
        util::worth_two_threads(util::regular_file_bytes(request.results)));
    std::vector<std::string> warnings;
    if (auto mismatch = store::suite_name_mismatch(baseline_path, baseline)) {
        baseline.run.notes.push_back(baseline_path + ": " + *mismatch);
        warnings.push_back(baseline_path + ": " + *mismatch);
    }
    if (read) add_candidate_point(*read, candidate, environment);
    compare::BetweenRunOptions between_options = request.between_run;
    between_options.other_statistics = compares_other_statistics(setup);
    CheckBetweenRun between = check_between_run(read, baseline.provenance, between_options);
    setup.options.between_run = &between.noise;

    const std::int64_t now = environment.now();
    const ComparedRuns runs{&baseline.run, baseline_path, baseline.provenance, &candidate};
    model::Verdict verdict = rerun ? compare_confirm_and_gate(runs, *rerun, setup, now)
                                   : compare_and_gate(runs, setup, now);
    // The comparing threads' scratch memory, before the trends take theirs.
    util::release_free_memory();
    const trend::LeakOptions leaks =
        leak_options(request.leaks, request.leak_threshold, setup.gate);
    trend::add_leak_findings(verdict, candidate, leaks);  // memory time series
    // The suite's history, with this run as its newest point (docs/trends.md).
    std::optional<CheckTrends> trends;
    if (read && !request.trends.disabled) {
        trends = analyse_check_history(request.trends, std::move(*read), setup.gate, setup.options,
                                       verdict);
    }
    ReportContext context;
    compare::count_between_run(verdict.comparisons, between.summary);
    between.summary.rerun = rerun.has_value();
    context.between_run = between.summary;
    if (rerun) context.rerun = &*rerun;
    std::optional<std::string> history;
    if (trends) {
        context.trends = std::move(trends->section);
        history = std::move(trends->history);
    }
    VerdictReport outcome =
        finish_verdict(std::move(verdict), runs, setup, std::move(context), now);
    const ExitCode exit_code = exit_code_of(outcome.verdict.level);
    return CheckResult{std::move(outcome), exit_code, baseline_path, std::move(history),
                       std::move(warnings)};
}

}  // namespace caws::app
