#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>

#include "cli/cli.hpp"
#include "cli/command.hpp"
#include "cli/compare_options.hpp"
#include "cli/inputs.hpp"
#include "cli/outputs.hpp"
#include "compare/comparator.hpp"
#include "compare/geomean.hpp"
#include "gate/policy.hpp"
#include "ingest/results.hpp"
#include "report/json_report.hpp"
#include "store/baseline_file.hpp"
#include "util/error.hpp"

namespace caws::cli {
namespace {

struct CheckOptions {
    std::vector<std::string> results;
    std::optional<std::string> baseline;
    std::optional<std::string> suite;
    std::string directory = "baselines";
    InputRequest inputs;
    StatisticsRequest statistics;
    ReportRequest reports;
};

int run_check(const CheckOptions& options, const Io& io) {
    // Read and check every input before anything is written.
    const model::Run candidate =
        ingest::read_results(options.results, options.inputs.format, read_options(options.inputs));
    std::string baseline_path;
    if (options.baseline) {
        baseline_path = *options.baseline;
    } else {
        const std::string suite = options.suite.value_or(default_suite(options.results.front()));
        baseline_path = store::baseline_path(options.directory, suite);
        if (!std::filesystem::exists(baseline_path)) {
            throw util::Error(
                baseline_path, {},
                "no baseline for suite \"" + suite +
                    "\"; create it with: caws-gate baseline update " + options.results.front() +
                    " --suite " + suite +
                    (options.directory == "baselines" ? std::string()
                                                      : " --dir " + options.directory) +
                    " (or name one with --baseline FILE)");
        }
    }
    const store::Baseline baseline = store::load_baseline(baseline_path);

    const compare::Options compare_options = comparison_options(options.statistics);
    const model::Verdict verdict =
        gate::evaluate(compare::compare_runs(baseline.run, candidate, compare_options));

    report::ReportInput input;
    input.command = "check";
    input.gated = true;
    input.verdict = &verdict;
    input.baseline = &baseline.run;
    input.baseline_label = baseline_path;
    input.baseline_provenance = baseline.provenance;
    input.candidate = &candidate;
    input.options = compare_options;
    input.geomean = compare::geometric_mean_of_ratios(verdict.comparisons, compare_options);
    emit_reports(report::build_report(input), options.reports, io.out);
    return verdict.level == model::Level::fail ? k_exit_fail : k_exit_pass;
}

}  // namespace

Handler setup_check(CLI::App& command, const Io& io) {
    auto options = std::make_shared<CheckOptions>();
    command.add_option("results", options->results, "Results files of the run to check")
        ->required()
        ->type_name("RESULTS...");
    command.add_option("--baseline", options->baseline, "Baseline file (default: DIR/SUITE.json)");
    command.add_option("--suite", options->suite,
                       "Suite name (default: the first results file's name without extension)");
    command.add_option("--dir", options->directory, "Baselines directory")->capture_default_str();
    add_input_options(command, options->inputs);
    add_statistics_options(command, options->statistics);
    add_report_options(command, options->reports);
    enable_ci_outputs(options->reports, io.environment);
    return [options, &io] { return run_check(*options, io); };
}

}  // namespace caws::cli
