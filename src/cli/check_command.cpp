#include <cstdlib>
#include <memory>

#include "app/check.hpp"
#include "cli/check_trends.hpp"
#include "cli/command.hpp"
#include "cli/compare_options.hpp"
#include "cli/inputs.hpp"
#include "cli/outputs.hpp"
#include "gate/scores.hpp"

namespace caws::cli {
namespace {

struct CheckOptions {
    app::CheckRequest request;
    ReportRequest reports;
};

int run_check(CheckOptions options, const CLI::App& command, const Io& io) {
    // The command line's --test and --correction, when given, replace the gate file's.
    options.request.gate.override_test = command.count("--test") > 0;
    options.request.gate.override_correction = command.count("--correction") > 0;
    const app::CheckResult result = app::run_check(options.request, io.environment);
    for (const std::string& warning : result.warnings) {
        io.err << "caws-gate: warning: " << warning << "\n";
    }
    emit_reports(result.report, options.reports, io.out);
    return result.exit_code;
}

}  // namespace

Handler setup_check(CLI::App& command, const Io& io) {
    auto options = std::make_shared<CheckOptions>();
    app::CheckRequest& request = options->request;
    command.add_option("results", request.results, "Results files of the run to check")
        ->required()
        ->type_name("RESULTS...");
    auto* baseline = command.add_option("--baseline", request.baseline,
                                        "Baseline file (default: DIR/SUITE.json)");
    // A named file leaves no suite to pick: both given would ignore one of them.
    command
        .add_option("--suite", request.suite,
                    "Suite name (default: the first results file's name without extension)")
        ->excludes(baseline);
    command.add_option("--dir", request.directory, "Baselines directory")->capture_default_str();
    command.add_option("--gate", request.gate.path,
                       "Gate file: rules, budgets, required metrics, waivers (default: "
                       "gates/default.json when it exists)");
    add_input_options(command, request.inputs);
    add_statistics_options(command, request.statistics);
    add_report_options(command, options->reports);
    add_score_options(command, request.gate.score_gates);
    add_leak_threshold_option(command, request.leak_threshold);
    add_check_trend_options(command, request.trends);
    // One file per --confirm, repeated for a rerun split across files, so that the
    // option never takes the results that follow it.
    command
        .add_option("--confirm", request.confirm,
                    "Results file of an independent rerun (the whole suite, or the benchmarks of "
                    "the report's rerun filter); repeat for several files. A regression counts "
                    "only when the rerun confirms it (docs/statistics.md)")
        ->allow_extra_args(false)
        ->type_name("RERUN");
    enable_ci_outputs(options->reports, io.environment);
    return [options, &command, &io] { return run_check(*options, command, io); };
}

}  // namespace caws::cli
